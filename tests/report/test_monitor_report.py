"""The 经济运行调度通报 on a constructed plan: layout, order, fonts, colours."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from jihua.errors import UserError
from jihua.evaluate import load_rules
from jihua.monitor import load_monitor_rules, monitor_plan, report_period
from jihua.monitor.indicators import IndicatorInput, Reading
from jihua.monitor.load import PlanAtPeriod
from jihua.monitor.projects import ProjectInput
from jihua.monitor.tasks import TaskInput
from jihua.report.monitor import render_monitor
from jihua.targets import parse_value


def _result():  # type: ignore[no-untyped-def]
    indicators = [
        IndicatorInput(
            1, "地区生产总值增速", "%", parse_value("6"), [Reading(1, 9, "growth", 6.2)]
        ),
        IndicatorInput(
            2, "固定资产投资增速", "%", parse_value("8"), [Reading(1, 9, "growth", 3.0)]
        ),
        IndicatorInput(
            3, "社会消费品零售总额增速", "%", parse_value("7"), [Reading(1, 9, "growth", 6.0)]
        ),
        IndicatorInput(
            4, "城镇调查失业率", "%", parse_value("5.5以内"), [Reading(9, 9, "level", 5.8)]
        ),
    ]
    projects = [
        ProjectInput(
            1, "滨江大道", 4.0, {}, stage="新开工", planned_start="2024-05", lead_unit="区交通局"
        )
    ]
    tasks = [
        TaskInput(1, "1", "扩大有效投资", "区发展改革委"),
        TaskInput(2, "2", "稳就业", "区人力社保局", "推进中"),
    ]
    plan = PlanAtPeriod("武隆区", 2024, indicators, projects, [], tasks, [])
    return monitor_plan(plan, report_period("2024-09"), load_monitor_rules(), load_rules())


def test_the_bulletin_counts_colours_then_lists_red_before_yellow() -> None:
    document = docx.Document(io.BytesIO(render_monitor("docx", _result())))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "武隆区2024年1-9月经济运行调度通报" in text
    assert "时间进度75%" in text and "绿灯1项、黄灯1项、红灯2项" in text
    assert "未报送进展的单位：区发展改革委" in text
    flagged = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    assert [(row[1], row[3]) for row in flagged] == [
        ("固定资产投资增速（%）", "红灯"),
        ("城镇调查失业率（%）", "红灯"),
        ("社会消费品零售总额增速（%）", "黄灯"),
    ]
    assert "计划2024年5月开工，截至9月未开工" in document.tables[1].rows[1].cells[3].text
    fonts = document.paragraphs[0].runs[0].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia"))  # Chinese text takes the official font


def test_the_workbook_colours_each_status() -> None:
    book = load_workbook(io.BytesIO(render_monitor("xlsx", _result())))
    sheet = book["指标"]
    statuses = {row[1].value: row[3] for row in sheet.iter_rows(min_row=4) if row[1].value}
    assert statuses["固定资产投资增速（%）"].fill.fgColor.rgb.endswith("FAD4D4")
    assert statuses["地区生产总值增速（%）"].value == "绿灯"
    assert [book["任务"].cell(row, 4).value for row in (3, 4)] == ["未报送", "推进中"]


def test_only_docx_and_xlsx_are_written() -> None:
    with pytest.raises(UserError, match="docx 或 xlsx"):
        render_monitor("pdf", _result())


def test_a_year_followed_without_task_reports_says_so_rather_than_all_reported() -> None:
    indicators = [
        IndicatorInput(
            1, "地区生产总值增速", "%", parse_value("6.5"), [Reading(1, 12, "growth", 8)]
        )
    ]
    plan = PlanAtPeriod("涪陵区", 2023, indicators, [], [], [], [])
    result = monitor_plan(plan, report_period("2023-12"), load_monitor_rules(), load_rules())
    document = docx.Document(io.BytesIO(render_monitor("docx", result)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本期无重点任务进展数据。" in text
    assert "0项重点任务" not in text and "均已报送" not in text


def test_a_plan_reports_projects_and_tasks_before_any_list_or_report_are_said_to_be_so() -> None:
    # a plan report names its projects and tasks; amounts and lead departments come later
    indicators = [
        IndicatorInput(1, "地区生产总值增速", "%", parse_value("6.5"), [Reading(1, 6, "growth", 6)])
    ]
    projects = [ProjectInput(1, "白涛燃机热电联产", None, stage="续建")]
    tasks = [TaskInput(1, "1", "强化制造业引擎作用", None), TaskInput(2, "2", "扩大有效投资", None)]
    plan = PlanAtPeriod("涪陵区", 2024, indicators, projects, [], tasks, [])
    result = monitor_plan(plan, report_period("2024-06"), load_monitor_rules(), load_rules())
    document = docx.Document(io.BytesIO(render_monitor("docx", result)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "纳入调度的项目1个，尚未录入年度计划投资和完成投资（可导入项目清单）。" in text
    assert "年度计划投资0亿元" not in text
    assert "2项重点任务中已报送进展0项（未报送2项）。未报送的2项任务尚未明确牵头单位。" in text
    assert "均已报送" not in text
