"""Tables of assessments and of progress as regions print them.

A column of weights or scores (``目标任务考核指标权重``, ``分值``, ``评分目标值``) says how
much an indicator counts in an assessment, not what it aims at, and a form of results
without targets (``完成值``) has nothing to grade; a table copied one row
a line reads a header on two lines (``2024年`` over ``目标 完成 增长%``), a
mid-term table's ``进度`` column, and rows whose target is not set (``—``, ``/``)
or given in words only.
"""

from __future__ import annotations

from jihua.document import read_bytes
from jihua.plan import PlanReport, read_plan
from jihua.tables import Indicator, column_roles
from tests.report_files import html_page

PROSE = "全年经济运行总体平稳，主要指标运行在合理区间，民生保障有力有效。"


def _page(title: str, grid: list[list[str]]) -> PlanReport:
    rows = "".join("<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in grid)
    article = f"<p>{PROSE}</p><p>附件：{title}</p><table border=1>{rows}</table><p>{PROSE}</p>"
    return read_plan(read_bytes(html_page(title, article).encode("utf-8"), "通知.html"))


def _text(body: str) -> PlanReport:
    text = f"二、主要指标\n{body}\n\n{PROSE}\n"
    return read_plan(read_bytes(text.encode("utf-8"), "评估报告.txt"))


def _rows(report: PlanReport) -> dict[str, Indicator]:
    return {row.name: row for table in report.tables for row in table.all_rows()}


def test_a_weight_column_is_no_target() -> None:
    roles = column_roles(["序号", "评价指标", "年度目标考核权重", "发展成效分值", "数据来源"])
    assert "target" not in roles


def test_a_scoring_schemes_bounds_are_no_targets() -> None:
    report = _page(
        "县域工业经济发展评价指标体系表",
        [
            ["一级指标", "权数", "二级指标", "权数", "评分基数值", "评分目标值"],
            ["发展速度", "0.3", "规模以上工业增加值增长率", "40", "6%", "12%"],
            ["发展质量", "0.2", "工业增加值率", "30", "20%", "26%"],
        ],
    )
    assert _rows(report) == {}


def test_a_form_of_results_without_targets_gives_no_indicator() -> None:
    report = _page(
        "工业高质量发展评价表",
        [
            ["分类", "指标", "权重", "基准值(%)", "完成值(%)", "分值"],
            ["规模指标(10)", "规模以上工业营业收入增长", "6", "", "", ""],
            ["", "工业投资增长", "4", "-", "-", ""],
            ["效益指标(8)", "规模以上工业利润总额增长", "8", "", "", ""],
        ],
    )
    assert report.tables == []


def test_a_table_of_assessment_weights_gives_no_indicator() -> None:
    report = _page(
        "各县（市、区）高质量发展考核指标及权重",
        [
            ["序号", "考核指标", "目标任务考核指标权重", "发展成效考核指标权重", "数据来源"],
            ["1", "地区生产总值", "12", "8", "市统计局"],
            ["2", "一般公共预算收入", "10", "6", "市财政局"],
            ["3", "数字经济核心产业增加值占比", "", "5", "市统计局"],
        ],
    )
    assert _rows(report) == {}


MID_TERM = """“十四五”规划纲要主要指标实施进展
指标 单位 2020年 2025年目标 2023年 进度 属性
地区生产总值年均增长 % — 7左右 6.1 符合预期 预期性
研发经费投入强度 % 1.9 2.4 2.2 快于预期 预期性
单位地区生产总值能耗降低 % — 13.5 7.9 滞后 约束性
森林覆盖率 % 61.2 62 61.6 符合预期 约束性"""


def test_a_mid_term_table_copied_one_row_a_line_gives_its_targets() -> None:
    rows = _rows(_text(MID_TERM))
    assert rows["研发经费投入强度"].target.text == "2.4"
    assert rows["研发经费投入强度"].extra["2023年"] == "2.2"  # progress, not the 2025 result
    assert rows["森林覆盖率"].binding
    assert rows["地区生产总值年均增长"].target.text == "7左右"


TWO_LINES = """2024年主要指标完成情况
指标 单位 2024年
目标 完成 增长%
地区生产总值 亿元 2300 2268 5.6
固定资产投资增长 % 7 3.8 —
城镇登记失业率 % 4.5以内 3.7 —"""


def test_a_header_on_two_lines_copied_one_row_a_line_is_read_as_one() -> None:
    (table,) = _text(TWO_LINES).tables
    assert table.kind == "execution"
    rows = _rows(_text(TWO_LINES))
    assert (rows["地区生产总值"].target.text, rows["地区生产总值"].actual.text) == ("2300", "2268")
    assert rows["城镇登记失业率"].actual.text == "3.7"


TWO_YEARS = """主要指标
指标名称 单位 2023年完成 2024年计划
绝对值 增长% 绝对值 增长%
一般公共预算收入 亿元 86.2 4.1 89.6 4
进出口总额 亿元 41.5 -3.2 43 3.6"""


def test_two_years_over_their_figures_on_two_lines_share_them_out() -> None:
    rows = _rows(_text(TWO_YEARS))
    assert rows["一般公共预算收入"].target.text == "89.6"
    assert "86.2" in rows["一般公共预算收入"].extra.values()


NOT_SET = """2025年主要预期目标
序号 指标 2024年预计 2025年目标 属性
1 地区生产总值（亿元） 1850 1950 预期性
2 单位地区生产总值能耗降低（%） — 完成省下达任务 约束性
3 空气质量优良天数比率（%） 88.5 / 约束性
4 粮食播种面积（万亩） 完成 完成 约束性"""


def test_rows_whose_target_is_not_set_as_a_figure_stay_in_the_table() -> None:
    rows = _rows(_text(NOT_SET))
    assert rows["单位地区生产总值能耗降低"].target.text == "完成省下达任务"
    assert rows["单位地区生产总值能耗降低"].binding
    assert rows["空气质量优良天数比率"].target.text == "/"
    assert rows["粮食播种面积"].unit == "万亩"  # words only, but the next 序号


def test_a_line_of_prose_after_the_rows_ends_the_table() -> None:
    rows = _rows(_text(NOT_SET + "\n5.全年各项工作扎实推进，成效明显。"))
    assert len(rows) == 4


def _cells_a_line(*cells: str) -> str:
    return "\n".join(f"{cell} |" for cell in cells)


def test_a_title_over_cells_copied_one_a_line_is_no_header_cell() -> None:
    body = "2025年主要预期目标\n" + _cells_a_line(
        "序号", "指标", "2024年预计", "2025年目标", "属性",
        "1", "地区生产总值（亿元）", "2260", "2380", "预期性",
        "2", "城镇新增就业（万人）", "3.1", "3", "预期性",
    )  # fmt: skip
    (table,) = _text(body).tables
    assert table.columns == ["序号", "指标", "2024年预计", "2025年目标", "属性"]
    assert _rows(_text(body))["地区生产总值"].target.text == "2380"


def test_category_rows_copied_one_cell_a_line_carry_down() -> None:
    body = "2025年主要预期目标\n" + _cells_a_line(
        "序号", "指标", "2024年预计", "2025年目标", "属性",
        "一、经济发展",
        "1", "地区生产总值（亿元）", "2260", "2380", "预期性",
        "二、绿色生态",
        "2", "单位地区生产总值能耗降低（%）", "—", "完成省下达任务", "约束性",
        "3", "空气质量优良天数比率（%）", "90.2", "/", "约束性",
    )  # fmt: skip
    rows = _rows(_text(body))
    assert rows["地区生产总值"].category == "经济发展"
    energy = rows["单位地区生产总值能耗降低"]
    assert (energy.category, energy.target.text, energy.binding) == (
        "绿色生态",
        "完成省下达任务",
        True,
    )
    assert rows["空气质量优良天数比率"].target.text == "/"


def test_a_header_without_number_ends_at_the_first_rows_name() -> None:
    body = "主要指标\n" + _cells_a_line(
        "指标名称", "单位", "2024年预计完成", "2025年预期目标",
        "地区生产总值增长", "%", "5.6", "6左右",
        "一般公共预算收入增长", "%", "2.9", "3",
        "城镇新增就业", "万人", "3.4", "3",
    )  # fmt: skip
    (table,) = _text(body).tables
    assert table.columns == ["指标名称", "单位", "2024年预计完成", "2025年预期目标"]
    growth = _rows(_text(body))["地区生产总值增长"]
    assert (growth.target.text, growth.extra["2024年预计完成"]) == ("6左右", "5.6")


def test_a_year_over_its_columns_copied_one_cell_a_line_heads_each() -> None:
    body = "2024年主要指标完成情况\n" + _cells_a_line(
        "指标", "单位", "2024年", "目标", "完成", "增长%",
        "地区生产总值", "亿元", "2300", "2268", "5.6",
        "城镇登记失业率", "%", "4.5以内", "3.7", "—",
    )  # fmt: skip
    (table,) = _text(body).tables
    assert table.kind == "execution"
    gdp = _rows(_text(body))["地区生产总值"]
    assert (gdp.target.text, gdp.actual.text) == ("2300", "2268")


def test_a_year_over_one_growth_stays_a_column_of_its_own() -> None:
    body = "主要指标\n" + _cells_a_line(
        "指标名称", "单位", "2024年", "增长%", "2025年目标",
        "地区生产总值", "亿元", "2268", "5.6", "2380",
        "一般公共预算收入", "亿元", "151", "2.9", "156",
    )  # fmt: skip
    gdp = _rows(_text(body))["地区生产总值"]
    assert (gdp.target.text, gdp.extra["2024年"]) == ("2380", "2268")


def test_results_left_of_targets_under_a_title_of_two_years_are_the_years_before() -> None:
    report = _page(
        "2024年主要指标预计完成情况和2025年预期目标",
        [
            ["指标名称", "单位", "预计完成", "预期目标"],
            ["地区生产总值增长", "%", "5.3", "5.5左右"],
            ["城镇新增就业", "万人", "2.6", "2.5"],
        ],
    )
    (table,) = report.tables
    assert table.kind == "plan"  # next year's targets: nothing to grade them on yet
    assert _rows(report)["城镇新增就业"].extra["预计完成"] == "2.6"


def test_results_right_of_targets_under_a_title_of_two_years_are_graded() -> None:
    report = _page(
        "2024年计划执行情况与2025年计划",
        [
            ["指标名称", "单位", "计划目标", "预计完成"],
            ["地区生产总值增长", "%", "6左右", "5.3"],
            ["城镇新增就业", "万人", "2.5", "2.6"],
        ],
    )
    (table,) = report.tables
    assert table.kind == "execution"
    assert _rows(report)["城镇新增就业"].actual.text == "2.6"


FIVE_YEARS = """“十四五”时期经济社会发展主要指标
类别 指标 2020年 2025年 年均增长（累计） 属性
经济发展 地区生产总值增长（%） 4.1 — 6.5左右 预期性
常住人口城镇化率（%） 55.6 60 〔4.4〕 预期性
绿色生态 单位地区生产总值能耗降低（%） — — 〔14〕 约束性
森林覆盖率（%） 38.2 39 〔0.8〕"""


def test_a_five_year_table_copied_one_row_a_line_leaves_its_merged_cells_out() -> None:
    rows = _rows(_text(FIVE_YEARS))
    towns = rows["常住人口城镇化率"]  # its 类别 printed once, on the row above
    assert (towns.target.text, towns.category, towns.binding) == ("60", "经济发展", False)
    forest = rows["森林覆盖率"]  # its 类别 and its 属性 both printed once a block
    assert (forest.target.text, forest.category, forest.binding) == ("39", "绿色生态", True)


ATTRIBUTE_ONCE = """2025年主要预期目标
| 序号 | 指标名称 | 单位 | 2024年预计 | 2025年目标 | 指标属性 |
| 1 | 地区生产总值增长 | % | 5.1 | 6 | 预期性 |
| 2 | 固定资产投资增长 | % | 3.2 | 5 | |
| 3 | 单位地区生产总值能耗降低 | % | 3.1 | 完成市下达任务 | 约束性 |
| 4 | 化学需氧量排放总量减少 | % | — | 完成市下达任务 | |"""


def test_a_merged_attribute_copied_empty_holds_for_the_rows_below() -> None:
    rows = _rows(_text(ATTRIBUTE_ONCE))
    assert not rows["固定资产投资增长"].binding
    assert rows["化学需氧量排放总量减少"].binding


BINDING_ONLY = """2025年主要预期目标
| 序号 | 指标名称 | 单位 | 2025年目标 | 属性 |
| 1 | 地区生产总值增长 | % | 6 | |
| 2 | 单位地区生产总值能耗降低 | % | 3 | 约束性 |
| 3 | 城镇新增就业 | 人 | 5000 | |"""


def test_an_attribute_column_marking_only_the_binding_rows_carries_nothing_down() -> None:
    rows = _rows(_text(BINDING_ONLY))
    assert rows["单位地区生产总值能耗降低"].binding
    assert not rows["城镇新增就业"].binding
