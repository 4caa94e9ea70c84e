from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jihua.cli import cli
from jihua.errors import UserError


def test_audit_json_prints_a_findings_object() -> None:
    result = CliRunner().invoke(cli, ["audit", "--json"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output)["findings"], list)


def test_audit_of_an_altered_tally_names_the_difference(tmp_path: Path, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8").replace("批准的31项计划目标", "批准的30项计划目标")
    altered = tmp_path / "altered.txt"
    altered.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(altered)])
    assert result.exit_code == 0, result.output
    assert "[错误] 目标个数：报告称30项计划目标，执行情况表有31项指标" in result.output


def test_audit_reads_a_report_without_tables(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text(
        "关于某某县2023年国民经济和社会发展计划执行情况的报告\n"
        "2024年拟实施政府投资项目10个，年度计划投资12.0亿元。其中，新开工项目4个，"
        "年度计划投资5.0亿元；续建项目6个，年度计划投资8.0亿元。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["audit", str(prose), "--json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    assert [f["check"] for f in findings] == ["总数与分项"]
    assert "13" in findings[0]["message"]


def test_audit_refuses_text_that_is_no_plan_report(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("今天天气很好。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(note)])
    assert isinstance(result.exception, UserError)
    assert "不是国民经济和社会发展计划报告" in str(result.exception)
