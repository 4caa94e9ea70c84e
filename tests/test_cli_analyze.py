from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from jihua.cli import cli


def test_analyze_without_file_grades_the_bundled_example() -> None:
    result = CliRunner().invoke(cli, ["analyze"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "超额完成 11" in result.output
    assert "完成 8" in result.output
    assert "较好完成 4" in result.output
    assert "完成困难较大 8" in result.output
    assert "地区生产总值增速等11项指标超额完成目标任务" in result.output


def test_analyze_json_has_the_documented_fields(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(seed_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["region"], data["report_year"], data["plan_year"]) == ("涪陵区", 2023, 2024)
    assert data["tally"] == {"超额完成": 11, "完成": 8, "较好完成": 4, "完成困难较大": 8}
    assert len(data["execution"]) == 31 and len(data["plan"]) == 31
    first = data["execution"][0]
    assert {
        "no",
        "name",
        "unit",
        "binding",
        "target",
        "actual",
        "grade",
        "reason",
        "subrows",
    } <= set(first)
    assert first["target"]["text"] == "6.5" and first["actual"]["number"] == 7.5
    revenue = data["execution"][16]
    assert revenue["subrows"][0]["name"] == "税收增速"
    assert revenue["subrows"][0]["grade"] == "完成困难较大"
    assert data["plan"][0]["category"] == "综合质效"
    assert data["summary"].startswith("对照区六届人大三次会议批准的31项计划目标")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from jihua.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_missing_file_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = _run("analyze", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "找不到文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_without_tables_says_so(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text(
        "关于某某县2023年国民经济和社会发展计划执行情况的报告\n全县经济平稳。\n", encoding="utf-8"
    )
    result = _run("analyze", str(prose))
    assert result.returncode == 2
    assert "没有找到指标表" in result.stderr


def test_text_that_is_not_a_report_says_so(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("今天天气很好。\n", encoding="utf-8")
    result = _run("analyze", str(note))
    assert result.returncode == 2
    assert "不是国民经济和社会发展计划报告" in result.stderr


def test_binary_file_exits_non_zero_with_clear_line(tmp_path: Path) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = _run("analyze", str(binary))
    assert result.returncode == 2
    assert "不是文本文件" in result.stderr


def test_rules_command_prints_the_defaults_that_load_back(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert "good_ratio = 0.8" in result.output
    path = tmp_path / "mine.toml"
    path.write_text(result.output, encoding="utf-8")
    analyzed = CliRunner().invoke(cli, ["analyze", "--rules", str(path), "--json"])
    assert json.loads(analyzed.output)["tally"]["超额完成"] == 11
