from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jihua.cli import cli


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
