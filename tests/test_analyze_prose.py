"""``jihua analyze`` on a report with no indicator table grades what its prose states."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from jihua.cli import cli
from jihua.evaluate import evaluate
from jihua.plan import read_plan
from tests.prose_reports import COUNTY, document, execution_prose, pairs_of


def _write(tmp_path: Path, text: str, name: str = "county.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_prose_only_report_is_graded_end_to_end(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(_write(tmp_path, COUNTY)), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {row["name"]: row for row in data["execution"]}
    assert rows["地区生产总值"]["grade"] == "较好完成"  # 512 of 560
    assert rows["地区生产总值增速"]["grade"] == "超额完成"  # 6.8 against 6.5左右
    assert rows["固定资产投资增速"]["grade"] == "完成困难较大"  # 6.1 against 8: 76%
    assert rows["规模以上工业增加值增速"]["grade"] == "较好完成"  # 7.2 against 8: 90%
    assert rows["粮食产量"]["grade"] == "超额完成"
    assert rows["规模以上工业企业营业收入完成率"]["grade"] == "较好完成"
    assert data["tally"] == {"超额完成": 4, "完成": 0, "较好完成": 3, "完成困难较大": 1}
    assert data["graded_from"] == "prose"
    assert data["summary"].startswith("正文列出目标与实绩的8项指标，总体完成情况较好。")


def test_each_prose_row_carries_its_source_and_quotes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(_write(tmp_path, COUNTY)), "--json"])
    rows = json.loads(result.output)["execution"]
    for row in rows:
        assert row["source"] == "prose"
        assert {"no", "name", "unit", "target", "actual", "grade", "reason"} <= set(row)
        for quote in row["quotes"]:
            assert COUNTY[quote["start"] : quote["end"]] == quote["quote"]
        assert row["start"] == min(q["start"] for q in row["quotes"])


def test_the_text_output_says_the_rows_were_read_from_prose(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(_write(tmp_path, COUNTY))])
    assert result.exit_code == 0, result.output
    assert "（据正文）" in result.output
    assert "报告没有指标表" in result.output
    assert "合计　超额完成 4　完成 0　较好完成 3　完成困难较大 1" in result.output


def test_prose_pairs_are_graded_by_the_users_rules(tmp_path: Path) -> None:
    rules = _write(tmp_path, "[thresholds]\ngood_ratio = 0.95\n", "rules.toml")
    path = _write(tmp_path, COUNTY)
    result = CliRunner().invoke(cli, ["analyze", str(path), "--json", "--rules", str(rules)])
    rows = {row["name"]: row for row in json.loads(result.output)["execution"]}
    assert rows["地区生产总值"]["grade"] == "完成困难较大"  # 91.4% is below 95%


def test_a_report_with_nothing_to_grade_says_so_in_one_line(tmp_path: Path) -> None:
    text = execution_prose("全年地区生产总值增长5.9%，高于全市0.8个百分点。")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jihua.cli import main; main()",
            "analyze",
            str(_write(tmp_path, text)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "错误：county.txt 中没有找到指标表，正文中也没有可评价的目标与实绩"
    )


def test_a_table_is_graded_and_its_prose_pairs_are_not(seed_path: Path, tmp_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    head = "一、2023年国民经济和社会发展计划执行情况\n"
    planted = text.replace(head, head + "区人大确定了地区生产总值增长6%左右等主要预期目标。\n", 1)
    report = read_plan(document(planted))
    evaluation = evaluate(report, pairs=pairs_of(planted))
    assert evaluation.source == "table"
    assert len(evaluation.graded) == 31
    assert evaluation.tally == {"超额完成": 11, "完成": 8, "较好完成": 4, "完成困难较大": 8}


def test_met_and_not_met_prose_rows_are_graded_like_the_tables_qualitative_rows(
    tmp_path: Path,
) -> None:
    body = "规模以上工业增加值同比增长7%，完成全年目标。外贸进出口总额增长3.1%，未能完成年度目标。"
    path = _write(tmp_path, execution_prose(body))
    rows = json.loads(CliRunner().invoke(cli, ["analyze", str(path), "--json"]).output)["execution"]
    assert [(row["name"], row["grade"]) for row in rows] == [
        ("规模以上工业增加值增速", "完成"),
        ("外贸进出口总额增速", "完成困难较大"),
    ]


def test_a_prose_only_report_in_traditional_characters_gets_the_same_grades(
    tmp_path: Path,
) -> None:
    from tests.test_traditional import traditional

    original = traditional(COUNTY)
    runs = [
        json.loads(CliRunner().invoke(cli, ["analyze", str(_write(tmp_path, t)), "--json"]).output)
        for t in (COUNTY, original)
    ]
    assert runs[1]["tally"] == runs[0]["tally"]
    assert [r["name"] for r in runs[1]["execution"]] == [r["name"] for r in runs[0]["execution"]]
    for row in runs[1]["execution"]:
        assert all(original[q["start"] : q["end"]] == q["quote"] for q in row["quotes"])
