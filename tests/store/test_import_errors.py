"""Every bad file given to ``jihua import`` or ``db backup`` gets a Chinese answer and exit 2
(one line, or one line and a line per wrong row)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

HEADER = "地区,年份,指标,完成值,口径,来源\n"
MONTHLY = "地区,指标,年份,期间,数值,类型\n"


def _bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (250 * 1024 * 1024) + b"</a>")


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "long-cell.csv": (
        lambda p: p.write_text(HEADER + "涪陵区,2023,x," + "9" * 200_000 + ",快报,a\n"),
        "第2行：CSV 单元格过长",
    ),
    "open-quote.csv": (
        lambda p: p.write_text(HEADER + '"涪陵区,2023,x\n'),
        "CSV 格式有误",
    ),
    "nan.csv": (
        lambda p: p.write_text(MONTHLY + "涪陵区,农业增加值增速,2024,2024-01..03,nan,growth\n"),
        "应为数字，不是“nan”",
    ),
    "deep.json": (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "嵌套过深"),
    "notes.txt": (lambda p: p.write_text("备忘"), "只能导入 .xlsx、.xls、.csv"),
    "broken.xls": (
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really"),
        "无法打开 Excel 文件",
    ),
    "folder.csv": (lambda p: p.mkdir(), "这是一个目录"),
    "bomb.xlsx": (_bomb, "解压后超过 200 MB，已停止读取"),
    "broken.xlsx": (lambda p: p.write_bytes(b"PK\x03\x04not really"), "无法打开 Excel 文件"),
}


def jihua(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    command = [sys.executable, "-c", "from jihua.cli import main; main()", *args, "--db", db]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_import_file_gets_a_chinese_answer(tmp_path: Path, name: str) -> None:
    make, expected = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    assert jihua(tmp_path, "ingest").returncode == 0
    result = jihua(tmp_path, "import", str(path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("错误："), lines
    assert all(
        re.search(r"[\u4e00-\u9fff]", line) for line in lines
    )  # row errors follow, in Chinese
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_import_file_is_named(tmp_path: Path) -> None:
    result = jihua(tmp_path, "import", "没有这个文件.csv")
    assert result.returncode == 2 and "找不到文件：没有这个文件.csv" in result.stderr


def test_a_backup_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    result = jihua(tmp_path, "db", "backup", str(tmp_path / "nowhere" / "b.sqlite"))
    assert result.returncode == 2
    assert "备份目录不存在" in result.stderr and "Traceback" not in result.stderr
