"""The whole 涪陵区 report, end to end: both tables, every grade, the tally and the sentence."""

from __future__ import annotations

import pytest

from jihua.evaluate import Evaluation
from jihua.plan import PlanReport

# 序号, 指标名称 (without unit), 2023年预期目标, 2023完成情况, the grade the report's tally implies
EXECUTION = [
    ("1", "地区生产总值增速", "6.5", "7.5以上", "超额完成"),
    ("2", "农业增加值增速", "5", "4.5左右", "较好完成"),
    ("3", "规上工业增加值增速", "8.5", "11左右", "超额完成"),
    ("4", "战略性新兴产业产值增速", "15", "8.3", "完成困难较大"),
    ("5", "规上工业利润增速", "3", "-18左右", "完成困难较大"),
    ("6", "累计数字经济核心产业企业数量", "100", "43", "完成困难较大"),
    ("7", "新发展市场主体数量", "≥1", "1.5", "超额完成"),
    ("8", "服务业增加值增速", "5.5", "5左右", "较好完成"),
    ("9", "固定资产投资增速", "10", "5.8", "完成困难较大"),
    ("10", "社会消费品零售总额增速", "6.5", "9左右", "超额完成"),
    ("11", "全社会研发经费投入增速", "10", "10以上", "完成"),
    ("12", "万人发明专利拥有量（件）增长", "10", "20以上", "超额完成"),
    ("13", "新培育市级以上研发机构", "5", "11", "超额完成"),
    ("14", "新增高新技术企业数量", "≥30", "61", "超额完成"),
    ("15", "新增科技型企业数量", "≥100", "554", "超额完成"),
    ("16", "民营经济占GDP比重", "64.5", "63左右", "较好完成"),
    ("17", "一般公共预算收入增速", "8.5", "16.6", "完成困难较大"),
    ("18", "进出口总值增速", "5", "-16.9", "完成困难较大"),
    ("19", "涪陵至钦州铁海联运发送箱量增长", "15", "28", "超额完成"),
    ("20", "实际使用外资", "3000", "2024", "完成困难较大"),
    ("21", "全体居民人均可支配收入增速", "快于经济增速", "5左右", "完成困难较大"),
    ("22", "新增城镇就业", "2", "2.5", "超额完成"),
    ("23", "城镇调查失业率", "5.5以内", "5.2", "完成"),
    ("24", "常住人口城镇化率", "74", "74以上", "完成"),
    ("25", "空气质量优良天数", "≥330", "305", "较好完成"),
    ("26", "国家考核断面水质优良比例", "100", "100", "完成"),
    ("27", "单位地区生产总值能耗下降", "完成市级下达目标", "预计能够完成", "完成"),
    ("28", "单位地区生产总值二氧化碳排放下降", "完成市级下达目标", "预计能够完成", "完成"),
    ("29", "主要污染物减排量下降", "完成市级下达目标", "预计能够完成", "完成"),
    ("30", "粮食产量", "44", "45.2", "超额完成"),
    ("31", "亿元地区生产总值安全事故死亡率", "≤3", "1.5", "完成"),
]
BINDING_2023 = {"25", "26", "27", "28", "29", "31"}

# 类别, 序号, 指标名称, binding, 2024年计划目标
PLAN = [
    ("综合质效", "1", "地区生产总值增速", False, "6.5"),
    ("综合质效", "2", "规上工业增加值增速", False, "10左右"),
    ("综合质效", "3", "战略性新兴产业增加值增速", False, "10"),
    ("综合质效", "4", "数字经济核心产业增加值增速", False, "10"),
    ("综合质效", "5", "农业增加值增速", False, "4"),
    ("综合质效", "6", "服务业增加值增速", False, "5"),
    ("综合质效", "7", "固定资产投资增速", False, "6左右"),
    ("综合质效", "8", "社会消费品零售总额增速", False, "7.5"),
    ("综合质效", "9", "一般公共预算收入增速", False, "6"),
    ("创新发展", "10", "新增高新技术企业数量", False, "30"),
    ("创新发展", "11", "新增科技型企业数量", False, "300"),
    ("创新发展", "12", "新增市级以上研发机构", False, "5"),
    ("创新发展", "13", "全社会研发经费支出增速", False, "10"),
    ("创新发展", "14", "万人发明专利拥有量（件）增长", False, "10"),
    ("协调发展", "15", "常住人口城镇化率", False, "提升0.5个百分点左右"),
    ("协调发展", "16", "民营经济增加值增速", False, "与经济增速同步"),
    ("协调发展", "17", "新发展市场主体", False, "1.3"),
    ("开放发展", "18", "进出口总额增速", False, "3"),
    ("开放发展", "19", "实际使用外资", False, "3000"),
    ("开放发展", "20", "西部陆海新通道货运量增速", False, "15"),
    ("绿色发展", "21", "空气质量优良天数", True, "330"),
    ("绿色发展", "22", "国、市考核断面水质达标率", True, "100"),
    ("绿色发展", "23", "单位地区生产总值能耗下降", True, "完成市上下达目标任务"),
    ("绿色发展", "24", "单位地区生产总值二氧化碳排放下降", False, "完成市上下达目标任务"),
    ("绿色发展", "25", "主要污染物减排量下降", True, "完成市上下达目标任务"),
    ("共享发展", "26", "新增城镇就业", True, "2"),
    ("共享发展", "27", "城镇调查失业率", True, "5.5以内"),
    ("共享发展", "28", "全体居民人均可支配收入", False, "与经济增速同步"),
    ("安全发展", "29", "粮食产量", False, "≥44"),
    ("安全发展", "30", "耕地保有量", False, "118"),
    ("安全发展", "31", "生产安全事故死亡人数", True, "控制在市上下达指标内"),
]

REPORT_SENTENCE = (
    "对照区六届人大三次会议批准的31项计划目标，总体完成情况较好。其中，"
    "地区生产总值增速等11项指标超额完成目标任务，全社会研发经费投入增速等8项指标完成目标任务，"
    "农业增加值增速等4项指标较好（80%以上）完成目标任务，规上工业利润增速等8项指标完成目标任务困难较大。"
)


def test_region_and_years_come_from_the_title(seed_report: PlanReport) -> None:
    assert (seed_report.region, seed_report.parent_region) == ("涪陵区", "重庆市")
    assert (seed_report.report_year, seed_report.plan_year) == (2023, 2024)


def test_execution_table_has_all_31_rows_as_written(seed_evaluation: Evaluation) -> None:
    rows = [
        (
            g.indicator.no,
            g.indicator.name,
            g.indicator.target.text,
            g.indicator.actual.text if g.indicator.actual else None,
            g.grade.label,
        )
        for g in seed_evaluation.graded
    ]
    assert rows == EXECUTION


def test_binding_indicators_follow_the_star(seed_report: PlanReport) -> None:
    table = seed_report.execution
    assert table is not None and table.binding_note
    assert {i.no for i in table.indicators if i.binding} == BINDING_2023


def test_units_come_from_the_last_parentheses(seed_report: PlanReport) -> None:
    table = seed_report.execution
    assert table is not None
    units = {i.no: i.unit for i in table.indicators}
    assert units["1"] == "%"
    assert units["7"] == "万户"
    assert units["12"] == "%"
    assert units["20"] == "万美元"
    assert units["25"] == "天"


def test_plan_table_has_all_31_rows_with_categories(seed_report: PlanReport) -> None:
    table = seed_report.plan
    assert table is not None and table.year == 2024
    rows = [(i.category, i.no, i.name, i.binding, i.target.text) for i in table.indicators]
    assert rows == PLAN


def test_sub_rows_belong_to_their_indicator(seed_report: PlanReport) -> None:
    execution, plan = seed_report.execution, seed_report.plan
    assert execution is not None and plan is not None
    subrows = {i.no: [s.label for s in i.subrows] for i in execution.indicators if i.subrows}
    assert subrows == {
        "9": ["其中：民间投资（不含房地产）增速"],
        "17": ["其中：税收增速"],
        "21": ["其中：农村居民人均可支配收入增速"],
        "29": ["#化学需氧量", "#挥发性有机物", "#氨氮", "#氮氧化物"],
    }
    plan_subrows = {i.no: [s.label for s in i.subrows] for i in plan.indicators if i.subrows}
    assert plan_subrows == {
        "9": ["其中：税收收入增速"],
        "25": ["#化学需氧量", "#挥发性有机物", "#氨氮", "#氮氧化物"],
    }


def test_sub_row_tax_growth_belongs_to_revenue_and_keeps_it_from_exceeding(
    seed_evaluation: Evaluation,
) -> None:
    revenue = next(g for g in seed_evaluation.graded if g.indicator.no == "17")
    (tax,) = revenue.subrows
    assert (tax.indicator.target.text, tax.indicator.actual.text) == ("10", "6.3")  # type: ignore[union-attr]
    assert tax.grade.label == "完成困难较大"
    assert "税收增速" in revenue.grade.reason


def test_grades_reproduce_the_reports_tally(seed_evaluation: Evaluation) -> None:
    assert seed_evaluation.tally == {"超额完成": 11, "完成": 8, "较好完成": 4, "完成困难较大": 8}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("地区生产总值增速", "超额完成"),
        ("全社会研发经费投入增速", "完成"),
        ("农业增加值增速", "较好完成"),
        ("规上工业利润增速", "完成困难较大"),
    ],
)
def test_the_four_indicators_the_report_names(
    seed_evaluation: Evaluation, name: str, label: str
) -> None:
    graded = {g.indicator.name: g.grade.label for g in seed_evaluation.graded}
    assert graded[name] == label


def test_summary_sentence_is_the_reports_own(seed_evaluation: Evaluation) -> None:
    assert seed_evaluation.summary == REPORT_SENTENCE


def test_reasons_name_the_numbers(seed_evaluation: Evaluation) -> None:
    reasons = {g.indicator.no: g.grade.reason for g in seed_evaluation.graded}
    assert reasons["1"] == "实际7.5以上 > 目标6.5"
    assert reasons["4"] == "完成率55.3%"
    assert reasons["23"] == "实际5.2 ≤ 目标5.5以内"
    assert "地区生产总值增速" in reasons["21"]


def test_every_cell_points_back_into_the_text(seed_report: PlanReport) -> None:
    text = seed_report.document.text
    for table in seed_report.tables:
        for row in table.all_rows():
            assert row.raw_name in text[row.start : row.end]
