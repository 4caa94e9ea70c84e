"""Every document has a budget of time and text; past it, one Chinese line names the limit."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from jihua import limits
from jihua.document import read_bytes
from jihua.limits import Limits, OverBudget, reading

SEED = Path(__file__).resolve().parent.parent / "jihua" / "data" / "fuling-2023-plan-report.txt"
ROOT = SEED.parents[2]


def report_text(copies: int) -> str:
    return (SEED.read_text(encoding="utf-8") + "\n\n") * copies


def test_a_text_past_the_limit_is_refused_naming_it() -> None:
    data = report_text(20).encode()  # about 1.3 MB
    with reading("大.txt", Limits(text_mb=1)), pytest.raises(OverBudget) as caught:
        read_bytes(data, "大.txt")
    assert str(caught.value) == "大.txt 文本超过 1 MB，已停止读取"


def test_the_text_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIHUA_MAX_TEXT_MB", "0.5")
    with pytest.raises(OverBudget, match=r"^大\.txt 文本超过 0\.5 MB，已停止读取$"):
        read_bytes(report_text(10).encode(), "大.txt")


def test_a_word_file_past_the_limit_stops_while_it_is_written_out() -> None:
    word = docx.Document()
    for line in report_text(3).splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    with (
        reading("大.docx", Limits(text_mb=0.1)),
        pytest.raises(OverBudget, match=r"文本超过 0\.1 MB"),
    ):
        read_bytes(buffer.getvalue(), "大.docx")


def test_a_page_past_the_limit_is_refused() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in report_text(3).splitlines() if line)
    page = f"<html><body><div>{paragraphs}</div></body></html>".encode()
    with reading("大.html", Limits(text_mb=0.1)), pytest.raises(OverBudget, match="文本超过"):
        read_bytes(page, "大.html")


def test_a_reading_past_its_time_stops_at_the_next_line() -> None:
    with reading("慢.txt", Limits(seconds=0.05)), pytest.raises(OverBudget) as caught:
        time.sleep(0.1)
        read_bytes(SEED.read_bytes(), "慢.txt")
    assert str(caught.value) == "慢.txt 读取超过 0.05 秒，已停止"


def test_a_report_within_its_budget_reads_as_without_one() -> None:
    with reading("涪陵区.txt", Limits(seconds=60, text_mb=1)):
        within = read_bytes(SEED.read_bytes(), "涪陵区.txt")
    assert within == read_bytes(SEED.read_bytes(), "涪陵区.txt")


def test_nested_blocks_spend_the_outer_budget() -> None:
    with reading("外.txt", Limits(seconds=60)) as outer, reading("内.txt") as inner:
        assert inner is outer and limits.current() is outer
    assert limits.current() is None


def test_a_bad_setting_is_a_chinese_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIHUA_MAX_READ_SECONDS", "很久")
    with pytest.raises(limits.UserError, match="JIHUA_MAX_READ_SECONDS 应为正数"):
        Limits.from_environment()


def test_where_interrupts_are_allowed_work_without_checks_is_stopped() -> None:
    limits.allow_interrupts()
    try:
        with reading("循环.txt", Limits(seconds=0.2)), pytest.raises(OverBudget, match=r"0\.2 秒"):
            while True:  # as code that never checks the budget (the extraction of one paragraph)
                pass
    finally:
        limits.allow_interrupts(False)


def _jihua(*args: str, seconds: str = "", text_mb: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update(
        {
            k: v
            for k, v in (("JIHUA_MAX_READ_SECONDS", seconds), ("JIHUA_MAX_TEXT_MB", text_mb))
            if v
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "jihua.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # a hang guard, not a measure of speed
    )


def one_long_line(path: Path, megabytes: int) -> Path:
    prose = SEED.read_text(encoding="utf-8").replace("\n", "").replace("\t", " ")
    path.write_text(prose * (megabytes * 1024 * 1024 // len(prose.encode()) + 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["analyze", "extract", "audit"])
def test_a_single_line_of_megabytes_ends_with_a_result_or_the_limit(
    tmp_path: Path, command: str
) -> None:
    path = one_long_line(tmp_path / "一行.txt", 4)
    result = _jihua(command, str(path), seconds="1")
    if result.returncode == 0:
        assert result.stdout
    else:
        assert result.returncode == 2
        assert result.stderr == "错误：一行.txt 读取超过 1 秒，已停止\n"


def test_ingest_past_the_budget_writes_nothing(tmp_path: Path) -> None:
    path = one_long_line(tmp_path / "一行.txt", 4)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    result = _jihua("ingest", str(path), "--db", db, seconds="1")
    if result.returncode == 0:
        return  # read within the budget: stored as any report
    assert (result.returncode, result.stderr) == (2, "错误：一行.txt 读取超过 1 秒，已停止\n")
    with sqlite3.connect(tmp_path / "store.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (0,)


def test_the_cli_names_the_text_limit(tmp_path: Path) -> None:
    path = tmp_path / "大.txt"
    path.write_text(report_text(20), encoding="utf-8")
    result = _jihua("extract", str(path), text_mb="1")
    assert (result.returncode, result.stderr) == (2, "错误：大.txt 文本超过 1 MB，已停止读取\n")


def test_a_command_stuck_where_no_timer_reaches_is_ended_by_the_watchdog() -> None:
    code = (
        "import signal, time\n"
        "from jihua.limits import Limits, allow_interrupts, reading\n"
        "allow_interrupts()\n"
        "with reading('卡住.txt', Limits(seconds=0.2)):\n"
        "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "    time.sleep(60)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert (result.returncode, result.stderr) == (2, "错误：卡住.txt 读取超过 0.2 秒，已停止\n")


def test_a_word_body_of_too_many_elements_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    word = docx.Document()
    for line in range(300):
        word.add_paragraph(f"第{line}段")
    out = io.BytesIO()
    word.save(out)
    assert read_bytes(out.getvalue(), "段落.docx").text.count("段") == 300  # within the cap
    monkeypatch.setattr("jihua.document.MAX_XML_ELEMENTS", 500)  # each paragraph is 3
    with pytest.raises(OverBudget, match=r"^段落\.docx 正文超过 500 个元素，已停止读取$"):
        read_bytes(out.getvalue(), "段落.docx")


def test_a_text_of_more_numbers_than_a_report_holds_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jihua.extract import extract

    document = read_bytes(report_text(1).encode(), "数字.txt")
    assert extract(document)["facts"]  # the seed's ~600 numbers are within the cap
    monkeypatch.setattr("jihua.extract.facts.MAX_FIGURES", 100)
    with reading("数字.txt"), pytest.raises(OverBudget, match=r"^数字\.txt 数字超过 100 个"):
        extract(document)
