"""Indicator tables laid out as other regions print them: the header says what each column is."""

from __future__ import annotations

from pathlib import Path

from jihua.document import MAX_SPAN, read_bytes, read_document
from jihua.evaluate import evaluate
from jihua.plan import PlanReport, read_plan
from jihua.tables import column_roles
from tests.report_files import html_page
from tests.table_layouts import read_one_cell_a_line


def test_actual_growth_and_completion_columns_are_read_from_the_header() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标", "单位", "2022年计划", "2022年实际", "增长%", "完成年计划%", "2023年目标"],
        ["1", "地区生产总值", "亿元", "710", "635", "1.5", "89.4", "680"],
        ["2", "固定资产投资", "亿元", "385", "300", "-18.4", "77.9", "320"],
    )
    assert table.roles == [
        "no",
        "name",
        "unit",
        "target",
        "actual",
        "growth",
        "completion",
        "other",
    ]
    assert table.kind == "execution" and table.year == 2022
    gdp = table.indicators[0]
    assert (gdp.name, gdp.unit, gdp.target.text, gdp.actual and gdp.actual.text) == (
        "地区生产总值",
        "亿元",
        "710",
        "635",
    )
    assert gdp.extra == {"2023年目标": "680", "growth": "1.5", "completion": "89.4"}


def test_attribute_column_marks_binding_indicators() -> None:
    table = read_one_cell_a_line(
        ["指标名称", "属性", "2023年目标", "2023年预计完成", "增速（%）"],
        ["单位GDP能耗降低（%）", "约束性", "完成市下达任务", "完成", ""],
        ["城镇新增就业（万人）", "预期性", "2.5", "2.6", "4"],
    )
    assert table.roles[:5] == ["name", "binding", "target", "actual", "growth"]
    assert [(row.name, row.unit, row.binding) for row in table.indicators] == [
        ("单位GDP能耗降低", "%", True),
        ("城镇新增就业", "万人", False),
    ]


def test_plan_table_with_only_a_target_column_is_a_plan() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标", "单位", "2023年目标"],
        ["1", "一般公共预算收入增长", "%", "6左右"],
    )
    assert table.kind == "plan" and table.year == 2023
    assert table.indicators[0].target.text == "6左右"


def test_seed_headers_keep_their_roles() -> None:
    assert column_roles(["序号", "指标名称", "2023年预期目标", "2023完成情况（预计）"]) == [
        "no",
        "name",
        "target",
        "actual",
    ]


# --- tables as real pages write them ------------------------------------------------


def _report(text: str, source: str = "report.txt") -> PlanReport:
    return read_plan(read_bytes(text.encode("utf-8"), source))


def _graded(text: str) -> dict[str, tuple[str, str]]:
    evaluation = evaluate(_report(text))
    return {g.indicator.label: (g.grade.label, g.grade.reason) for g in evaluation.graded}


COPIED_PAGE = """关于某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告

一、2023年国民经济和社会发展计划执行情况

2023年，全县经济运行稳中有进，主要指标完成情况见下表。

表1 某某县2023年主要经济社会发展指标完成情况
类别 |
序号 |
指标 |
单位 |
2023年目标 |
2023年完成 |
经济发展 |
1 |
地区生产总值 |
% |
增长6%左右 |
增长6.3% |
2 |
规模以上工业增加值 |
% |
增长8% |
增长7.2% |
3 |
一般公共预算收入 |
% |
增长5% |
下降2.1% |
|
其中：税收收入 |
% |
增长5% |
增长3.4% |
结构优化 |
4 |
服务业增加值占比 |
% |
稳中提质 |
保持基本稳定 |
5 |
实际利用外资 |
万美元 |
3000 |
待省反馈 |
6 |
单位地区生产总值能耗下降* |
% |
完成市级下达任务 |
预计能够完成 |
注：带*的为约束性指标。

二、2024年经济社会发展的主要目标
"""


def test_table_copied_one_cell_a_line_with_pipes_is_read() -> None:
    table = _report(COPIED_PAGE).execution
    assert table is not None
    assert table.title == "表1 某某县2023年主要经济社会发展指标完成情况"
    assert table.note == "注：带*的为约束性指标。"
    assert table.roles == ["category", "no", "name", "unit", "target", "actual"]
    assert [(row.no, row.category, row.name, row.unit) for row in table.indicators] == [
        ("1", "经济发展", "地区生产总值", "%"),
        ("2", "经济发展", "规模以上工业增加值", "%"),
        ("3", "经济发展", "一般公共预算收入", "%"),
        ("4", "结构优化", "服务业增加值占比", "%"),
        ("5", "结构优化", "实际利用外资", "万美元"),
        ("6", "结构优化", "单位地区生产总值能耗下降", "%"),
    ]
    assert [sub.label for sub in table.indicators[2].subrows] == ["其中：税收收入"]
    assert table.indicators[5].binding


def test_growth_word_in_a_cell_is_the_figure() -> None:
    table = _report(COPIED_PAGE).execution
    assert table is not None
    gdp, _, revenue = table.indicators[:3]
    assert (gdp.target.number, gdp.target.comparator, gdp.target.text) == (6.0, "≈", "增长6%左右")
    assert gdp.actual is not None and gdp.actual.number == 6.3
    assert revenue.actual is not None and revenue.actual.number == -2.1
    graded = _graded(COPIED_PAGE)
    assert graded["地区生产总值"][0] == "超额完成"
    assert graded["规模以上工业增加值"] == ("较好完成", "完成率90.0%")
    assert graded["一般公共预算收入"][0] == "完成困难较大"


def test_qualitative_and_pending_values_are_not_graded_and_say_why() -> None:
    graded = _graded(COPIED_PAGE)
    label, reason = graded["服务业增加值占比"]
    assert label == "无法评价" and "稳中提质" in reason
    label, reason = graded["实际利用外资"]
    assert label == "无法评价" and "待省反馈" in reason
    assert graded["单位地区生产总值能耗下降"][0] == "完成"  # 预计能够完成


def test_table_copied_one_cell_a_line_without_pipes_drops_empty_cells() -> None:
    text = COPIED_PAGE.replace(" |\n", "\n").replace("\n|\n", "\n")
    table = _report(text).execution
    assert table is not None
    assert [(row.no, row.category, row.name) for row in table.indicators] == [
        (str(n), category, name)
        for n, category, name in [
            (1, "经济发展", "地区生产总值"),
            (2, "经济发展", "规模以上工业增加值"),
            (3, "经济发展", "一般公共预算收入"),
            (4, "结构优化", "服务业增加值占比"),
            (5, "结构优化", "实际利用外资"),
            (6, "结构优化", "单位地区生产总值能耗下降"),
        ]
    ]
    tax = table.indicators[2].subrows[0]
    assert (tax.label, tax.target.text, tax.actual and tax.actual.text) == (
        "其中：税收收入",
        "增长5%",
        "增长3.4%",
    )


def test_pipe_table_with_a_two_level_header() -> None:
    text = """某某市2023年国民经济和社会发展计划执行情况

2023年主要指标完成情况

| 序号 | 指标名称 | 单位 | 2023年 |  | 备注 |
|  |  |  | 目标 | 完成 |  |
| --- | --- | --- | --- | --- | --- |
| 1 | 地区生产总值增速 | % | 6.5左右 | 6.1 |  |
| 2 | 城镇调查失业率 | % | 5.5以内 | 5.2 |  |
| 3 | 粮食产量 | 万吨 | ≥44 | 45.2 | 统计快报 |

全市上下齐心协力。
"""
    table = _report(text).execution
    assert table is not None
    assert table.columns == ["序号", "指标名称", "单位", "2023年目标", "2023年完成", "备注"]
    assert table.roles == ["no", "name", "unit", "target", "actual", "other"]
    assert table.year == 2023
    grain = table.indicators[2]
    assert (grain.name, grain.unit, grain.target.text, grain.extra) == (
        "粮食产量",
        "万吨",
        "≥44",
        {"备注": "统计快报"},
    )


def test_tab_separated_table_with_years_over_absolute_and_growth() -> None:
    text = (
        "某某区2023年国民经济和社会发展计划执行情况\n\n"
        "2024年主要指标计划\n"
        "指标\t单位\t2023年\t\t2024年\t\n"
        "\t\t绝对值\t增长%\t绝对值\t增长%\n"
        "地区生产总值\t亿元\t512\t5.8\t540\t6左右\n"
        "社会消费品零售总额\t亿元\t230\t7.1\t246\t7\n"
        "\n全区上下奋力拼搏。\n"
    )
    table = _report(text).plan
    assert table is not None
    assert table.columns == [
        "指标",
        "单位",
        "2023年绝对值",
        "2023年增长%",
        "2024年绝对值",
        "2024年增长%",
    ]
    # the plan year's figures are the targets; last year's are kept as they are headed
    assert table.roles == ["name", "unit", "other", "growth", "target", "other"]
    gdp = table.indicators[0]
    assert (gdp.target.text, gdp.extra["2023年绝对值"], gdp.extra["2024年增长%"]) == (
        "540",
        "512",
        "6左右",
    )


def test_html_table_with_spans_reads_its_grid(tmp_path: Path) -> None:
    article = (
        "<p>2023年主要指标完成情况</p><table border=1>"
        "<tr><th rowspan=2>类别</th><th rowspan=2>序号</th><th rowspan=2>指标名称</th>"
        "<th colspan=2>2023年</th></tr><tr><th>目标</th><th>完成</th></tr>"
        "<tr><td rowspan=3>经济发展</td><td>1</td><td>地区生产总值增速（%）</td>"
        "<td>6左右</td><td>6.2</td></tr>"
        "<tr><td>2</td><td>固定资产投资增速（%）</td><td>8</td><td>5.1</td></tr>"
        "<tr><td></td><td>其中：工业投资增速（%）</td><td>10</td><td>12.3</td></tr>"
        "<tr><td>民生保障</td><td>3</td><td>城镇新增就业（万人）</td><td>1.2</td>"
        "<td>1.31</td></tr></table><p>注：2023年完成数为快报数。</p>"
    )
    path = tmp_path / "page.html"
    path.write_text(html_page("关于某某区2023年计划执行情况的报告", article), encoding="utf-8")
    table = read_plan(read_document(path)).execution
    assert table is not None
    assert table.columns == ["类别", "序号", "指标名称", "2023年目标", "2023年完成"]
    assert [(r.category, r.no, r.name) for r in table.indicators] == [
        ("经济发展", "1", "地区生产总值增速"),
        ("经济发展", "2", "固定资产投资增速"),
        ("民生保障", "3", "城镇新增就业"),
    ]
    assert [sub.label for sub in table.indicators[1].subrows] == ["其中：工业投资增速"]


def test_huge_colspan_is_bounded() -> None:
    page = (
        b"<html><body><div class=content><p>\xe6\x8c\x87\xe6\xa0\x87</p><table>"
        b"<tr><td colspan=100000000 rowspan=100000000>x</td><td>y</td></tr>"
        b"<tr><td>1</td></tr></table></div></body></html>"
    )
    assert len(page) < 200
    document = read_bytes(page, "page.html")
    (table,) = document.tables
    assert max(len(row) for row in table.rows) <= MAX_SPAN + 1


def test_year_columns_before_the_plan_year_make_a_plan_table() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "2023年预计完成", "2024年目标"],
        ["1", "地区生产总值增速（%）", "6", "6左右"],
    )
    assert table.kind == "plan" and table.year == 2024
    assert table.roles == ["no", "name", "other", "target"]
    assert table.indicators[0].extra == {"2023年预计完成": "6"}


def test_actual_column_before_the_target_column() -> None:
    table = read_one_cell_a_line(
        ["完成情况", "预期目标", "指标名称", "序号"],
        ["7.5", "6.5", "地区生产总值增速（%）", "1"],
    )
    assert table.roles == ["actual", "target", "name", "no"]
    row = table.indicators[0]
    assert (row.target.text, row.actual and row.actual.text) == ("6.5", "7.5")


def test_unnumbered_rows_are_sub_rows_only_when_their_name_says_so() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "2023年目标", "2023年完成"],
        ["1", "一般公共预算收入（亿元）", "60", "62"],
        ["", "增长（%）", "6", "9.5"],
        ["", "其中：税收收入（亿元）", "45", "44"],
        ["", "\u3000\u3000非税收入（亿元）", "15", "18"],
        ["2", "城镇化率（%）", "70", "70.3"],
        ["", "进出口总额（亿元）", "120", "131"],
        ["3", "民营经济增加值占GDP比", "", ""],
        ["", "重（%）", "60", "61"],
        ["4", "单位地区生产总值二氧化碳", "下降3", "下降3.2"],
        ["", "排放下降（%）", "", ""],
    )
    assert [(row.no, row.name) for row in table.indicators] == [
        ("1", "一般公共预算收入"),
        ("2", "城镇化率"),
        (None, "进出口总额"),
        ("3", "民营经济增加值占GDP比重"),
        ("4", "单位地区生产总值二氧化碳排放下降"),
    ]
    assert [sub.raw_name.strip() for sub in table.indicators[0].subrows] == [
        "增长（%）",
        "其中：税收收入（亿元）",
        "非税收入（亿元）",
    ]
    share = table.indicators[3]
    assert (share.unit, share.target.text, share.actual and share.actual.text) == ("%", "60", "61")
    co2 = table.indicators[4]
    assert (co2.unit, co2.target.number, co2.actual and co2.actual.number) == ("%", -3.0, -3.2)


def test_category_rows_name_the_rows_below() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "2024年计划目标"],
        ["一、经济发展", "一、经济发展", "一、经济发展"],
        ["1", "地区生产总值增速（%）", "6左右"],
        ["二、民生保障", "", ""],
        ["2", "城镇新增就业（万人）", "1.2"],
    )
    assert [(row.category, row.name) for row in table.indicators] == [
        ("经济发展", "地区生产总值增速"),
        ("民生保障", "城镇新增就业"),
    ]


def test_header_repeated_after_a_page_break_is_no_row() -> None:
    header = ["序号", "指标名称", "2023年目标", "2023年完成"]
    table = read_one_cell_a_line(
        header, ["1", "粮食产量（万吨）", "44", "45"], header, ["2", "耕地（万亩）", "118", "118"]
    )
    assert [row.no for row in table.indicators] == ["1", "2"]


def test_one_cell_a_line_with_the_category_after_the_number() -> None:
    text = """某某县2023年国民经济和社会发展计划执行情况

主要指标
序号
类别
指标名称
2023年目标
2023年完成
1
经济发展
地区生产总值增速（%）
6
6.2
2
规上工业增加值增速（%）
8
7.9
3
民生保障
城镇新增就业（万人）
1.2
1.3

全县上下共同努力，主要指标总体完成，经济社会发展取得了新的成效，为明年打下了基础。
"""
    table = _report(text).execution
    assert table is not None and table.title == "主要指标"
    assert [(row.no, row.category, row.name, row.target.text) for row in table.indicators] == [
        ("1", "经济发展", "地区生产总值增速", "6"),
        ("2", "经济发展", "规上工业增加值增速", "8"),
        ("3", "民生保障", "城镇新增就业", "1.2"),
    ]


def test_title_row_inside_the_table_is_not_its_header() -> None:
    table = read_one_cell_a_line(
        ["2024年主要指标计划", "", "", ""],
        ["序号", "指标名称", "上年完成", "本年目标"],
        ["1", "地区生产总值增速（%）", "6.2", "6左右"],
    )
    assert table.roles == ["no", "name", "other", "target"]
    assert table.kind == "plan"


def test_row_merged_across_the_table_names_the_category() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "2024年计划目标"],
        ["经济发展类", "", ""],
        ["1", "地区生产总值增速（%）", "6左右"],
        ["民生保障类", "", ""],
        ["2", "城镇新增就业（万人）", "1.2"],
    )
    assert [(row.category, row.name) for row in table.indicators] == [
        ("经济发展类", "地区生产总值增速"),
        ("民生保障类", "城镇新增就业"),
    ]


def test_cell_over_two_lines_in_a_table_copied_with_pipes() -> None:
    text = """某某县2023年国民经济和社会发展计划执行情况

主要指标完成情况
序号 |
指标名称 |
2023年目标 |
2023年完成情况
（预计） |
1 |
民营经济增加值占GDP比
重（%） |
60 |
61 |
2 |
城镇新增就业（万人） |
1.2 |
1.3 |

全县上下共同努力，主要指标总体完成，经济社会发展取得了新的成效，为明年打下了基础。
"""
    document = read_bytes(text.encode("utf-8"), "page.txt")
    (raw,) = document.tables
    assert all(text[c.start : c.end] == c.text for row in raw.rows for c in row)
    table = read_plan(document).execution
    assert table is not None
    assert table.columns[-1] == "2023年完成情况（预计）"
    assert [(row.name, row.unit, row.actual and row.actual.text) for row in table.indicators] == [
        ("民营经济增加值占GDP比重", "%", "61"),
        ("城镇新增就业", "万人", "1.3"),
    ]


def test_growth_columns_grade_a_row_whose_target_is_only_a_growth() -> None:
    table = read_one_cell_a_line(
        ["指标", "单位", "2023年目标", "", "2023年完成", ""],
        ["", "", "绝对值", "增长%", "绝对值", "增长%"],
        ["地区生产总值", "亿元", "", "6左右", "1650", "6.2"],
        ["一般公共预算收入", "亿元", "60", "5", "62", "8"],
    )
    assert table.columns == [
        "指标",
        "单位",
        "2023年目标绝对值",
        "2023年目标增长%",
        "2023年完成绝对值",
        "2023年完成增长%",
    ]
    assert table.roles == ["name", "unit", "target", "other", "actual", "other"]
    gdp, revenue = table.indicators
    assert (gdp.unit, gdp.target.text, gdp.actual and gdp.actual.text) == ("%", "6左右", "6.2")
    assert (revenue.unit, revenue.target.text, revenue.actual and revenue.actual.text) == (
        "亿元",
        "60",
        "62",
    )


def test_a_row_giving_only_a_unit_and_figures_is_the_indicator_above_in_that_unit() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "单位", "2023年目标", "2023年完成"],
        ["1", "地区生产总值", "亿元", "1700", "1650"],
        ["", "", "%", "6.5", "6.1"],
        ["2", "城镇新增就业", "万人", "1.2", "1.3"],
    )
    assert [row.name for row in table.indicators] == ["地区生产总值", "城镇新增就业"]
    (growth,) = table.indicators[0].subrows
    assert (growth.name, growth.unit, growth.target.text) == ("地区生产总值", "%", "6.5")


def test_table_copied_one_cell_a_line_in_traditional_characters() -> None:
    from tests.test_traditional import traditional

    text = traditional(COPIED_PAGE)
    assert "指標" in text
    document = read_bytes(text.encode("utf-8"), "page.txt")
    (raw,) = document.tables
    assert all(text[c.start : c.end] == c.text for row in raw.rows for c in row)
    table = read_plan(document).execution
    simplified = _report(COPIED_PAGE).execution
    assert table is not None and simplified is not None
    assert [(r.no, r.category, r.name, r.target.number) for r in table.all_rows()] == [
        (r.no, r.category, r.name, r.target.number) for r in simplified.all_rows()
    ]


def test_pipe_rows_leave_out_the_cells_a_merged_cell_covers() -> None:
    text = """某某县2023年国民经济和社会发展计划执行情况

2023年主要指标完成情况
类别 | 序号 | 指标名称 | 单位 | 2023年目标 | 2023年完成 |
经济发展 | 1 | 地区生产总值 | 亿元 | 520 | 512 |
| % | 增长6%左右 | 增长6.3% |
2 | 一般公共预算收入 | % | 增长5% | 下降2.1% |
其中：税收收入 | % | 增长5% | 增长3.4% |
民生保障类 |
3 | 城镇新增就业 | 万人 | 1.2 | 待省反馈 |
4 | 居民人均可支配收入 | 元 | 稳中有升 ||
"""
    table = _report(text).execution
    assert table is not None
    assert [(r.no, r.category, r.name, r.unit) for r in table.indicators] == [
        ("1", "经济发展", "地区生产总值", "亿元"),
        ("2", "经济发展", "一般公共预算收入", "%"),
        ("3", "民生保障类", "城镇新增就业", "万人"),
        ("4", "民生保障类", "居民人均可支配收入", "元"),
    ]
    (growth,) = table.indicators[0].subrows
    assert (growth.unit, growth.target.number, growth.actual and growth.actual.number) == (
        "%",
        6.0,
        6.3,
    )
    assert [sub.label for sub in table.indicators[1].subrows] == ["其中：税收收入"]
    income = table.indicators[3]
    assert (income.target.text, income.actual and income.actual.kind) == ("稳中有升", "empty")


def test_tab_row_whose_trailing_empty_cells_were_cut_keeps_its_columns() -> None:
    text = (
        "某某区2023年国民经济和社会发展计划执行情况\n\n"
        "主要指标完成情况\n"
        "序号\t指标名称\t2023年目标\t2023年完成\t备注\n"
        "1\t粮食产量（万吨）\t44\t45.2\n"
        "2\t耕地保有量（万亩）\t118\t118\t统计快报\n"
        "\n全区上下奋力拼搏。\n"
    )
    table = _report(text).execution
    assert table is not None
    grain = table.indicators[0]
    assert (grain.no, grain.name, grain.target.text, grain.actual and grain.actual.text) == (
        "1",
        "粮食产量",
        "44",
        "45.2",
    )


def test_category_named_in_the_name_column_is_no_indicator() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "单位", "2023年目标", "2023年完成"],
        ["", "经济发展", "", "", ""],
        ["1", "地区生产总值增速", "%", "6", "6.2"],
        ["2", "亿元地区生产总值安全事故", "%", "≤0.03", "0.01"],
        ["", "死亡率", "", "", ""],
        ["", "民生保障", "", "", ""],
        ["3", "城镇新增就业", "万人", "1.2", "1.3"],
    )
    assert [(row.category, row.no, row.name) for row in table.indicators] == [
        ("经济发展", "1", "地区生产总值增速"),
        ("经济发展", "2", "亿元地区生产总值安全事故死亡率"),
        ("民生保障", "3", "城镇新增就业"),
    ]


def test_many_wide_cells_are_bounded_per_row() -> None:
    cells = "<td colspan=100000000>x</td>" * 50
    page = f"<html><body><div class=content><p>指标</p><table><tr>{cells}</tr></table></div></body></html>"
    (table,) = read_bytes(page.encode("utf-8"), "page.html").tables
    assert len(table.rows[0]) == MAX_SPAN


def test_html_cell_spanning_rows_and_columns_keeps_the_grid(tmp_path: Path) -> None:
    article = (
        "<p>主要指标完成情况</p><table>"
        "<tr><th colspan=2 rowspan=2>指标名称</th><th colspan=2>2023年</th></tr>"
        "<tr><th>目标</th><th>完成</th></tr>"
        "<tr><td>一般公共预算收入</td><td>增速（%）</td><td>6</td><td>8.1</td></tr>"
        "</table>"
    )
    path = tmp_path / "page.html"
    path.write_text(html_page("关于某某区2023年计划执行情况的报告", article), encoding="utf-8")
    table = read_plan(read_document(path)).execution
    assert table is not None
    assert table.columns == ["指标名称", "", "2023年目标", "2023年完成"]
    row = table.indicators[0]
    assert (row.name, row.unit, row.target.text, row.actual and row.actual.text) == (
        "一般公共预算收入增速",
        "%",
        "6",
        "8.1",
    )
    assert row.extra == {}


def test_one_cell_a_line_numbered_afresh_in_each_category() -> None:
    text = """某某县2023年国民经济和社会发展计划执行情况

主要指标完成情况
类别 |
序号 |
指标名称 |
2023年目标 |
2023年完成 |
经济发展 |
1 |
地区生产总值增速（%） |
6 |
6.2 |
2 |
固定资产投资增速（%） |
8 |
|
民生保障 |
1 |
城镇新增就业（万人） |
1.2 |
1.3 |
3 |
城镇调查失业率（%） |
5.5以内 |
5.1 |

全县上下共同努力，主要指标总体完成，经济社会发展取得了新的成效，为明年打下了基础。
"""
    table = _report(text).execution
    assert table is not None
    assert [(r.category, r.no, r.name, r.actual and r.actual.text) for r in table.indicators] == [
        ("经济发展", "1", "地区生产总值增速", "6.2"),
        ("经济发展", "2", "固定资产投资增速", ""),
        ("民生保障", "1", "城镇新增就业", "1.3"),
        ("民生保障", "3", "城镇调查失业率", "5.1"),
    ]


def test_a_fall_of_more_than_a_figure_is_a_ceiling_on_the_change() -> None:
    from jihua.tables import read_value

    more = read_value("下降2%以上")
    assert (more.number, more.comparator, more.text) == (-2.0, "≤", "下降2%以上")
    at_most = read_value("下降2%以内")
    assert (at_most.number, at_most.comparator) == (-2.0, "≥")
    estimate = read_value("预计增长6%")
    assert (estimate.number, estimate.estimate) == (6.0, True)
    assert read_value("提升0.5个百分点").kind == "change"


def test_header_on_one_line_over_cells_one_a_line() -> None:
    text = """某某县2023年国民经济和社会发展计划执行情况

主要指标完成情况
序号 | 指标名称 | 2023年目标 | 2023年完成 |
1 |
地区生产总值增速（%） |
6 |
6.2 |
2 |
城镇新增就业（万人） |
1.2 |
1.3 |

全县上下共同努力，主要指标总体完成，经济社会发展取得了新的成效，为明年打下了基础。
"""
    table = _report(text).execution
    assert table is not None
    assert [
        (r.no, r.name, r.target.text, r.actual and r.actual.text) for r in table.indicators
    ] == [
        ("1", "地区生产总值增速", "6", "6.2"),
        ("2", "城镇新增就业", "1.2", "1.3"),
    ]


def test_budget_table_headed_by_items_is_no_indicator_table() -> None:
    text = (
        "某某区2023年国民经济和社会发展计划执行情况\n\n"
        "2024年一般公共预算收支安排\n"
        "项目\t2023年执行数\t2024年预算数\n"
        "一般公共预算收入\t52.1\t55\n"
        "\n全区上下奋力拼搏。\n"
    )
    assert _report(text).tables == []
