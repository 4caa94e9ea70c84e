"""Files a user writes to replace shipped defaults: grading rules, synonyms of names.

Both are TOML. A file that is not UTF-8 or not valid TOML is the user's mistake,
reported as a :class:`jihua.errors.UserError` that names the file and what it is for.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from jihua.errors import UserError, os_error_text

_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_user_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML in ``path``, a ``what`` (e.g. ``评价规则文件``) the user wrote.

    A file that is missing, unreadable, not UTF-8, not TOML or nested past
    Python's recursion limit is a ``UserError`` naming the file and, for broken
    TOML, the line and column.
    """
    if not path.exists():
        raise UserError(f"找不到{what}：{path}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法读取{what} {path}：{os_error_text(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{what} {path} 不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节）"
        ) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _WHERE.search(str(exc))
        at = f"第{where.group(1)}行第{where.group(2)}列附近" if where else ""
        raise UserError(f"{what} {path} {at}格式有误，不是有效的 TOML") from exc
    except RecursionError as exc:
        raise UserError(f"{what} {path} 嵌套过深，不是有效的规则文件") from exc
