"""Every command that reads a file, on every bomb, in a child process with a clock and a memory cap.

Each run ends within 10 s and 500 MB resident, by the program's own limits: with
exit 2 and one Chinese line on stderr, or with a correct result (exit 0, output in
proportion to the input, nothing on stderr but Chinese warnings). Where one answer
is the right one (a report whose rows repeat, a cut copy of a stored report) the
test names it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.hostile import bombs
from tests.hostile.sandbox import (
    RESIDENT,
    WALL_CLOCK,
    Outcome,
    chinese_error,
    chinese_line_fault,
    run_jihua,
)

DB = "sqlite:///jihua.sqlite"
#: command → its arguments around ``{file}``
COMMANDS: dict[str, tuple[str, ...]] = {
    "analyze": ("analyze", "{file}"),
    "extract": ("extract", "{file}", "--json"),
    "audit": ("audit", "{file}"),
    "report": ("report", "{file}", "--format", "html", "-o", "评价报告.html"),
    "ingest": ("ingest", "{file}", "--db", DB),
    "ingest-bulletin": ("ingest", "{file}", "--kind", "bulletin", "--region", "某某县", "--db", DB),
}
BOMB_FILES = {
    "colspan-html": "跨列.html",
    "deep-html": "深层嵌套.html",
    "zip-docx": "解压炸弹.docx",
    "elements-docx": "百万段落.docx",
    "span-docx": "跨列.docx",
    "flate-pdf": "解压炸弹.pdf",
    "long-line": "一行.txt",
    "duplicated-rows": "重复行.txt",
    "truncated-copy": "截断副本.txt",
}
#: (command, bomb) → the words its refusal must hold; a case not named may end either way
REFUSALS = {
    ("ingest", "duplicated-rows"): "出现了不止一次",
    ("ingest", "truncated-copy"): "--replace",
    ("analyze", "zip-docx"): "解压后超过 200 MB",
    ("ingest", "zip-docx"): "解压后超过 200 MB",
}
SEED_FACTS = 432
#: import bomb → its file, the exit status and the words of the answer (a row followed by a
#: million empty cells is one good row: storing it is the right answer)
IMPORT_FILES = {
    "zip-xlsx": ("解压炸弹.xlsx", 2, "解压后超过 200 MB"),
    "sparse-xlsx": ("稀疏.xlsx", 2, "稀疏.xlsx"),
    "repeated-rows-csv": ("重复行.csv", 2, "第3行 C列（指标）：与第2行重复（各列相同）"),
    "long-cell-csv": ("长单元格.csv", 2, "单元格过长"),
    "wide-csv": ("百万列.csv", 0, "已导入 1 个完成值"),
    "deep-json": ("深层嵌套.json", 2, "嵌套过深"),
}


def test_every_bomb_has_a_file() -> None:
    assert set(BOMB_FILES) == set(bombs.DOCUMENT_BOMBS)
    assert set(IMPORT_FILES) == set(bombs.IMPORT_BOMBS)


def _within_limits(outcome: Outcome) -> None:
    assert outcome.returncode is not None, outcome.describe()
    assert outcome.seconds <= WALL_CLOCK, outcome.describe()
    assert outcome.peak_rss <= RESIDENT, outcome.describe()


def _a_result(outcome: Outcome, input_size: int) -> str | None:
    """Why an exit-0 outcome is no correct result, or None."""
    if outcome.returncode != 0:
        return f"exit {outcome.returncode}"
    for line in outcome.stderr.strip().splitlines():
        if not line.startswith("警告："):
            return f"stderr line that is no warning: {line[:200]!r}"
        fault = chinese_line_fault(line)
        if fault:
            return fault
    if len(outcome.stdout) > 10 * input_size + 1024 * 1024:
        return f"{len(outcome.stdout)} characters of output for {input_size} bytes of input"
    return None


@pytest.mark.parametrize("bomb", sorted(BOMB_FILES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_ends_on_a_bomb_in_time_with_one_chinese_line_or_a_result(
    command: str, bomb: str, bomb_dir: Path, store_copy: str, tmp_path: Path
) -> None:
    path = bomb_dir / BOMB_FILES[bomb]
    args = [a.replace("{file}", str(path)) for a in COMMANDS[command]]
    outcome = run_jihua(*args, cwd=tmp_path)
    _within_limits(outcome)
    words = REFUSALS.get((command, bomb))
    if words is not None or outcome.returncode != 0:
        assert chinese_error(outcome) is None, f"{chinese_error(outcome)}: {outcome.describe()}"
        assert words is None or words in outcome.stderr, outcome.describe()
    else:
        fault = _a_result(outcome, path.stat().st_size)
        assert fault is None, f"{fault}: {outcome.describe()}"
    if command == "extract" and outcome.returncode == 0:
        json.loads(outcome.stdout)
    if command.startswith("ingest") and outcome.returncode == 2:
        assert _stored_facts(tmp_path) == SEED_FACTS, "a refused ingest changed the store"


def _stored_facts(directory: Path) -> int:
    with sqlite3.connect(directory / "jihua.sqlite") as connection:
        (count,) = connection.execute("SELECT count(*) FROM facts").fetchone()
    return int(count)


@pytest.mark.parametrize("bomb", sorted(IMPORT_FILES))
def test_import_of_a_bomb_ends_in_time_naming_the_file(
    bomb: str, bomb_dir: Path, store_copy: str, tmp_path: Path
) -> None:
    name, code, words = IMPORT_FILES[bomb]
    outcome = run_jihua("import", str(bomb_dir / name), "--db", store_copy, cwd=tmp_path)
    _within_limits(outcome)
    assert outcome.returncode == code, outcome.describe()
    if code == 0:
        assert words in outcome.stdout and not outcome.stderr, outcome.describe()
        return
    first, *rows = outcome.stderr.strip().splitlines()
    assert chinese_line_fault(first) is None, outcome.describe()
    assert all(chinese_line_fault(row) is None for row in rows), outcome.describe()
    assert words in outcome.stderr, outcome.describe()
    assert _stored_facts(tmp_path) == SEED_FACTS
