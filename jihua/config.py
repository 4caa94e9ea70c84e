"""Files a user writes to replace shipped defaults: grading rules, synonyms of names.

Both are TOML. A file that is not UTF-8 or not valid TOML is the user's mistake,
reported as a :class:`jihua.errors.UserError` that names the file and what it is for.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from jihua.errors import UserError


def parse_user_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML in ``path``, a ``what`` (e.g. ``评价规则文件``) the user wrote.

    Broken text is a ``UserError``; a file that cannot be read (``OSError``)
    passes through, for the caller to word.
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{what} {path} 格式有误：{exc}") from exc
