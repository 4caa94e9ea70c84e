"""Monitoring a stored plan: the example year, the JSON contract, the approved target, the reports."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from docx import Document as read_docx
from openpyxl import load_workbook

from jihua.cli import cli
from jihua.monitor import monitor, monitor_dict
from jihua.report.monitor import render_monitor
from jihua.store import Store
from jihua.store.example_year import load_example_year
from jihua.store.target_list import import_targets


def test_the_example_year_shows_every_colour_and_says_it_is_illustrative(
    example_year: Store,
) -> None:
    result = monitor(example_year.engine, "涪陵区", 2024, "2024-06")
    assert result.by_colour() == {"green": 13, "yellow": 8, "red": 6}
    assert result.notes and "示例数据" in result.notes[0]
    grain = next(i for i in result.indicators if i.indicator.name == "粮食产量")
    assert (grain.basis, grain.status) == ("seasonal", "green")
    assert load_example_year(example_year.engine) is None  # stored once


def test_the_json_contract(example_year: Store) -> None:
    data = monitor_dict(monitor(example_year.engine, "涪陵区", 2024, "2024-06"))
    assert (data["region"], data["year"], data["period"], data["time_progress"]) == (
        "涪陵区",
        2024,
        "2024-01..06",
        50.0,
    )
    investment = next(i for i in data["indicators"] if i["indicator"] == "新增高新技术企业数量")
    assert investment["latest"] == {"period": "2024-01..06", "value": 9.0, "kind": "level"}
    assert investment["expected"] == 15.0
    assert investment["status"] == "red"
    assert investment["reason"] == "1-6月完成9个，为年度目标的30.0%，低于序时进度50.0%"
    assert investment["projection"] == {
        "value": 18.0,
        "method": "run_rate",
        "grade": "完成困难较大",
    }
    assert investment["target"]["text"] == "30"
    projects = data["projects"]
    assert {"planned", "completed", "rate", "by_area", "unstarted", "lagging"} <= set(projects)
    assert [p["name"] for p in projects["unstarted"]] == [
        "涪陵康复康养中心建设",
        "晶瑞电子陶瓷材料生产",
    ]
    assert data["tasks"]["not_reported"] == ["区文化旅游委", "区林业局", "区财政局"]
    assert data["tasks"]["by_status"]["未报送"] == 3


def test_an_earlier_period_reads_the_figures_of_its_months(example_year: Store) -> None:
    march = monitor(example_year.engine, "涪陵区", 2024, "2024Q1")
    assert march.time_progress == 25.0
    gdp = next(i for i in march.indicators if i.indicator.name == "地区生产总值增速")
    assert gdp.reason.startswith("1-3月增长5.9%")
    assert march.projects.unstarted == []  # the late starters were not due yet


def test_the_approved_target_is_the_one_monitored(example_year: Store, tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(
        "地区,年份,指标,目标,版本\n涪陵区,2024,地区生产总值增速,6,批准\n", encoding="utf-8"
    )
    import_targets(example_year.engine, path)
    gdp = next(
        i
        for i in monitor(example_year.engine, "涪陵区", 2024, "2024-06").indicators
        if i.indicator.name == "地区生产总值增速"
    )
    assert (gdp.indicator.target.text, gdp.status) == ("6", "green")


def test_the_command_prints_json_and_the_report_files(example_year: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    db = example_year.url
    args = ["--region", "涪陵区", "--year", "2024", "--period", "2024-06", "--db", db]
    printed = runner.invoke(cli, ["monitor", *args, "--json"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output)["period"] == "2024-01..06"
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"通报.{fmt}"
        made = runner.invoke(cli, ["report", "--monitor", *args, "--format", fmt, "-o", str(out)])
        assert made.exit_code == 0, made.output
        assert out.stat().st_size > 0
    missing = runner.invoke(cli, ["monitor", "--region", "涪陵区", "--db", db])
    assert "请给出 --region、--year 和 --period" in str(missing.exception or missing.output)


def test_the_bulletin_lists_red_before_yellow_with_reasons(example_year: Store) -> None:
    result = monitor(example_year.engine, "涪陵区", 2024, "2024-06")
    document = read_docx(io.BytesIO(render_monitor("docx", result)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "涪陵区2024年1-6月经济运行调度通报" in text
    assert "绿灯13项、黄灯8项、红灯6项" in text
    assert "未报送进展的单位：区文化旅游委、区林业局、区财政局" in text
    flagged = document.tables[0]
    colours = [row.cells[3].text for row in flagged.rows[1:]]
    assert colours == ["红灯"] * 6 + ["黄灯"] * 8
    assert "低于序时进度50.0%" in flagged.rows[4].cells[4].text
    book = load_workbook(io.BytesIO(render_monitor("xlsx", result)))
    assert book.sheetnames == ["指标", "项目", "任务"]


def test_targets_still_those_of_the_draft_are_said_to_be_so(seeded: Store) -> None:
    # the 2023 report drafts 2024 (草案) and approved 2023's (批准, its execution table)
    drafted = monitor(seeded.engine, "涪陵区", 2024, "2024-06")
    assert drafted.notes == [
        "32项指标的目标为计划草案所列，尚未存入批准的目标（批准后请导入或入库批准版本）。"
    ]
    assert monitor_dict(drafted)["notes"] == drafted.notes
    assert monitor(seeded.engine, "涪陵区", 2023, "2023-06").notes == []
