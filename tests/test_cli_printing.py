"""The JSON the terminal commands print: the same data, a list item a line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jihua.cli import cli
from jihua.cli.printing import readable_json


def test_readable_json_is_the_data_with_each_list_item_on_its_own_line() -> None:
    data = {
        "region": "涪陵区",
        "facts": [
            {"indicator": "地区生产总值", "value": 1600.0, "quote": "突破1600亿元"},
            {"a": [1, 2]},
        ],
        "tables": [],
        "period": {"year": 2024, "from": 1, "to": 6},
    }
    text = readable_json(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    assert '    {"indicator": "地区生产总值", "value": 1600.0, "quote": "突破1600亿元"},' in lines
    assert '    {"a": [1, 2]}' in lines
    assert '  "tables": [],' in lines
    assert readable_json({}) == "{}"


def test_extract_json_prints_one_fact_a_line(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
        "预计全县地区生产总值增长6.5%，固定资产投资增长8%。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", str(report), "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)["facts"]
    fact_lines = [line for line in result.output.splitlines() if '"indicator"' in line]
    assert len(fact_lines) == len(facts) >= 2
    assert all(json.loads(line.strip().rstrip(",")) in facts for line in fact_lines)
