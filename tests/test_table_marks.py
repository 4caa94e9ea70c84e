"""What regions write around an indicator's figures: marks in the name, a growth under
the year, and tables copied one row a line.

A list number before the name (``1.``, ``（1）``, ``①``) is the row's number and a
footnote mark (``①`` after the name, ``[1]``) is left out of it; a growth column
under the same year as the target (``2024年`` over ``计划目标 | 增长%``) gives the
target of a row whose figure is not set (``—``, ``/``), but not the growth of
what was done; ``比上年±%`` heads a growth; a table a PDF's text or a flipbook
page writes one row a line, cells parted by spaces, is read as a table.
"""

from __future__ import annotations

from jihua.document import read_bytes
from jihua.plan import PlanReport, read_plan
from jihua.tables import Indicator, column_roles
from tests.report_files import html_page

PROSE = "<p>全年经济运行总体平稳，主要指标运行在合理区间，民生保障有力有效。</p>"


def _cell(text: str) -> str:
    span, _, body = text.rpartition("|") if text.startswith("colspan") else ("", "", text)
    return f"<td {span}>{body}</td>"


def _page(title: str, grid: list[list[str]]) -> PlanReport:
    rows = "".join("<tr>" + "".join(_cell(text) for text in row) + "</tr>" for row in grid)
    article = f"{PROSE}<p>附表：{title}</p><table border=1>{rows}</table>{PROSE}"
    page = html_page(title, article)
    return read_plan(read_bytes(page.encode("utf-8"), "计划.html"))


def _rows(report: PlanReport) -> dict[str, Indicator]:
    return {row.name: row for table in report.tables for row in table.all_rows()}


TWO_YEARS = [
    ["序号", "指标", "单位", "colspan=2|2023年", "colspan=2|2024年", "属性"],
    ["", "", "", "预计完成", "增长%", "计划目标", "增长%", ""],
]


def test_a_growth_under_the_targets_year_is_the_target_when_no_figure_is_set() -> None:
    report = _page(
        "2024年国民经济和社会发展计划主要指标",
        [
            *TWO_YEARS,
            ["1", "地区生产总值", "亿元", "1250", "5.2", "1320", "6左右", "预期性"],
            ["2", "规模以上工业增加值", "亿元", "—", "6.1", "—", "≥6.5", "预期性"],
            ["3", "单位地区生产总值能耗降低", "%", "/", "3.2", "/", "完成省下达任务", "约束性"],
        ],
    )
    rows = _rows(report)
    assert rows["地区生产总值"].target.text == "1320"  # a figure set: the growth stays beside it
    assert rows["规模以上工业增加值"].target.text == "≥6.5"
    assert rows["规模以上工业增加值"].unit == "%"
    assert rows["单位地区生产总值能耗降低"].target.text == "完成省下达任务"


def test_the_growth_of_what_was_done_is_no_target() -> None:
    report = _page(
        "2023年主要指标完成情况",
        [
            ["序号", "指标", "单位", "colspan=3|2023年"],
            ["", "", "", "目标", "完成", "增长%"],
            ["1", "地区生产总值", "亿元", "980", "1002", "5.6"],
            ["2", "外贸进出口总额", "亿元", "", "88", "-3.1"],
        ],
    )
    trade = _rows(report)["外贸进出口总额"]
    assert trade.target.kind == "empty"
    assert trade.actual is not None and trade.actual.text == "88"


def test_a_list_number_before_the_name_is_the_rows_number() -> None:
    report = _page(
        "2024年主要预期目标",
        [
            ["指标名称", "2023年预计", "2024年目标"],
            ["（1）地区生产总值（亿元）", "860", "910"],
            ["2.一般公共预算收入增长（%）", "4.8", "6-6.5"],
            ["③城镇调查失业率（%）", "5.3", "5.5以内"],
        ],
    )
    rows = _rows(report)
    assert [(row.no, row.unit) for row in rows.values()] == [("1", "亿元"), ("2", "%"), ("3", "%")]
    assert list(rows) == ["地区生产总值", "一般公共预算收入增长", "城镇调查失业率"]
    assert rows["一般公共预算收入增长"].target.text == "6-6.5"


def test_a_footnote_mark_is_left_out_of_the_name() -> None:
    report = _page(
        "2024年主要指标计划",
        [
            ["序号", "指标名称", "单位", "2024年目标"],
            ["1", "森林覆盖率①", "%", "46.5"],
            ["2", "高技术产业[1]增加值增长", "%", "10"],
            ["3", "5G基站数（个）", "", "1200"],
        ],
    )
    rows = _rows(report)
    assert list(rows) == ["森林覆盖率", "高技术产业增加值增长", "5G基站数"]
    assert rows["森林覆盖率"].raw_name == "森林覆盖率①"  # the cell as printed is kept


def test_a_change_headed_with_plus_or_minus_is_a_growth() -> None:
    roles = column_roles(["指标", "单位", "年计划", "完成", "比上年±%", "完成年计划%"])
    assert roles == ["name", "unit", "target", "actual", "growth", "completion"]
    assert column_roles(["指标", "2023年完成", "增减（±%）"])[2] == "growth"


ROWS_A_LINE = """“十三五”规划主要指标完成情况
表2
序号 指标名称 2020 年目标值 2020 年实际值 完成情况
1 全县生产总值(亿元) 420 431.6 完成
2 城镇居民人均 可支配收入(元) 52000 50896 未完成
3 森林覆盖率(%) 63 63.2 完成
全县上下围绕目标狠抓落实，多数指标如期完成。
"""


def test_a_table_written_one_row_a_line_is_read() -> None:
    report = read_plan(read_bytes(ROWS_A_LINE.encode("utf-8"), "年鉴.txt"))
    (table,) = report.tables
    assert table.kind == "execution"
    assert table.title == "“十三五”规划主要指标完成情况"
    assert {row.name: (row.no, row.unit, row.target.text) for row in table.all_rows()} == {
        "全县生产总值": ("1", "亿元", "420"),
        "城镇居民人均可支配收入": ("2", "元", "52000"),  # the name broken by a space
        "森林覆盖率": ("3", "%", "63"),
    }
    assert [row.actual.text for row in table.all_rows() if row.actual] == ["431.6", "50896", "63.2"]


def test_a_table_written_one_row_a_line_reads_the_same_with_windows_line_ends() -> None:
    document = read_bytes(ROWS_A_LINE.replace("\n", "\r\n").encode("utf-8"), "年鉴.txt")
    (raw,) = document.tables
    assert [cell.text for cell in raw.rows[0]][-1] == "完成情况"
    (table,) = read_plan(document).tables
    assert [row.target.text for row in table.all_rows()] == ["420", "52000", "63"]


def test_a_figure_broken_by_a_space_is_never_read_shifted_a_column() -> None:
    text = ROWS_A_LINE.replace("50896", "50 896")
    rows = [
        row
        for table in read_plan(read_bytes(text.encode("utf-8"), "年鉴.txt")).tables
        for row in table.all_rows()
    ]
    assert all(row.target.text != "50" and row.name != "城镇居民人均" for row in rows)
    assert all(row.actual is None or row.actual.text != "896" for row in rows)


BULLETIN_ROWS_A_LINE = """某县2023年国民经济和社会发展统计公报

二、农业
全年粮食总产量8.6万吨，比上年增长2.1%。

表2：2023年某县主要农产品产量及其增长速度
指标 产量(吨) 比上年增长(%)
粮食 86120 2.1
油料 3405 -6.8
蔬菜 152300 4.4
水果 20870 11.3

三、工业和建筑业
"""


def test_a_statistics_table_written_one_row_a_line_gives_its_figures() -> None:
    from jihua.extract import extract

    document = read_bytes(BULLETIN_ROWS_A_LINE.encode("utf-8"), "统计公报.txt")
    (raw,) = document.tables
    assert [cell.text for cell in raw.rows[0]] == ["指标", "产量(吨)", "比上年增长(%)"]
    assert [row[0].text for row in raw.rows[1:]] == ["粮食", "油料", "蔬菜", "水果"]
    assert read_plan(document).tables == []  # no targets: no indicator table
    figures = {(f["indicator"], f["value"]) for f in extract(document)["facts"]}
    assert {("油料", -6.8), ("蔬菜", 152300.0), ("水果", 11.3)} <= figures


BOTH_YEARS = """某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告

附表：主要指标
| 序号 | 指标名称 | 单位 | 2023年目标 | 2023年预计完成 | 2024年预期目标 | 属性 |
| 1 | 地区生产总值增速 | % | 6 | 6.2 | 6左右 | 预期性 |
| 2 | 一般公共预算收入增速 | % | 5 | 4.1 | 5 | 预期性 |
| 3 | 城镇调查失业率 | % | 5.5以内 | 5.1 | 5.5以内 | 预期性 |
| 4 | 单位GDP能耗降低 | % | 完成市下达目标 | 预计能够完成 | 完成市下达目标 | 约束性 |
"""


def test_this_years_results_beside_next_years_targets_give_both_tables() -> None:
    report = read_plan(read_bytes(BOTH_YEARS.encode("utf-8"), "报告.txt"))
    execution, plan = report.execution, report.plan
    assert execution is not None and plan is not None
    assert (execution.year, plan.year) == (2023, 2024)
    assert [
        (row.target.text, row.actual.text if row.actual else None) for row in execution.indicators
    ][:2] == [
        ("6", "6.2"),
        ("5", "4.1"),
    ]
    assert [(row.name, row.target.text, row.binding) for row in plan.indicators] == [
        ("地区生产总值增速", "6左右", False),
        ("一般公共预算收入增速", "5", False),
        ("城镇调查失业率", "5.5以内", False),
        ("单位GDP能耗降低", "完成市下达目标", True),
    ]
    assert all(row.actual is None for row in plan.indicators)


def test_an_execution_table_with_last_years_figures_beside_gives_one_table() -> None:
    text = BOTH_YEARS.replace("2024年预期目标", "2022年完成")
    report = read_plan(read_bytes(text.encode("utf-8"), "报告.txt"))
    assert [table.kind for table in report.tables] == ["execution"]


def test_prose_naming_indicators_is_no_table() -> None:
    text = (
        "一、主要指标完成情况\n"
        "指标名称 计划目标 完成情况\n"
        "全年地区生产总值完成 1002 亿元，增长 5.6%，完成年计划。\n"
        "各项工作扎实推进。\n"
    )
    assert read_plan(read_bytes(text.encode("utf-8"), "报告.txt")).tables == []


def test_the_attribute_written_into_the_name_marks_it_binding() -> None:
    report = _page(
        "2024年主要指标计划",
        [
            ["序号", "指标名称", "单位", "2024年目标"],
            ["1", "地区生产总值增长（预期性）", "%", "6左右"],
            ["2", "单位地区生产总值能耗降低（约束性）", "%", "3"],
            ["3", "耕地保有量（万亩）[约束性]", "", "≥120"],
        ],
    )
    rows = _rows(report)
    assert {name: (row.unit, row.binding) for name, row in rows.items()} == {
        "地区生产总值增长": ("%", False),
        "单位地区生产总值能耗降低": ("%", True),  # not a unit called 约束性
        "耕地保有量": ("万亩", True),
    }


def test_category_lines_between_rows_written_a_line_each_carry_down() -> None:
    text = (
        "2024年国民经济和社会发展主要预期目标\n"
        "指标名称 单位 2023年预计 2024年目标 属性\n"
        "一、经济发展\n"
        "地区生产总值增长 % 5.2 6左右 预期性\n"
        "规模以上工业增加值增长 % 6.1 ≥6.5 预期性\n"
        "二、绿色生态\n"
        "森林覆盖率 % 46.2 46.5 约束性\n"
        "注：以上为预期目标。\n"
    )
    (table,) = read_plan(read_bytes(text.encode("utf-8"), "计划.txt")).tables
    assert [(row.name, row.category, row.binding) for row in table.all_rows()] == [
        ("地区生产总值增长", "经济发展", False),
        ("规模以上工业增加值增长", "经济发展", False),
        ("森林覆盖率", "绿色生态", True),
    ]
    assert table.note == "注：以上为预期目标。"


def test_a_unit_written_over_the_targets_holds_for_every_row() -> None:
    report = _page(
        "2024年主要指标",
        [
            ["指标", "2023年完成（%）", "2024年目标（%）"],
            ["地区生产总值增长", "5.2", "6左右"],
            ["一般公共预算收入增长", "3.1", "5"],
            ["城镇新增就业（万人）", "1.1", "1.2"],
        ],
    )
    units = {name: row.unit for name, row in _rows(report).items()}
    assert units == {"地区生产总值增长": "%", "一般公共预算收入增长": "%", "城镇新增就业": "万人"}


def test_a_table_of_years_with_an_attribute_column_is_a_plan() -> None:
    grid = [
        ["类别", "指标", "2020年", "2025年", "年均增长[累计]", "属性"],
        ["经济发展", "地区生产总值（亿元）", "1250", "1700", "6.5", "预期性"],
        ["绿色生态", "森林覆盖率（%）", "46.2", "48", "[1.8]", "约束性"],
    ]
    rows = _rows(_page("“十四五”时期经济社会发展主要指标", grid))
    assert {name: (row.target.text, row.binding) for name, row in rows.items()} == {
        "地区生产总值": ("1700", False),
        "森林覆盖率": ("48", True),
    }
    without_attribute = [row[:-1] for row in grid]
    assert _page("“十四五”时期经济社会发展主要指标", without_attribute).tables == []


def test_a_growth_right_of_the_target_gives_the_target_not_set_as_a_figure() -> None:
    report = _page(
        "2024年主要指标计划",
        [
            ["指标", "单位", "2023年完成", "比上年增减（±%）", "2024年目标", "比上年增减（±%）"],
            ["地区生产总值", "亿元", "1250", "5.2", "1320", "6左右"],
            ["社会消费品零售总额", "亿元", "402", "4.1", "—", "7"],
        ],
    )
    rows = _rows(report)
    assert rows["地区生产总值"].target.text == "1320"
    assert (rows["社会消费品零售总额"].target.text, rows["社会消费品零售总额"].unit) == ("7", "%")


def test_a_years_indicator_value_column_holds_the_targets_of_a_plan() -> None:
    report = _page(
        "主要指标",
        [
            ["序号", "指标", "单位", "2024年指标值", "属性"],
            ["1", "地区生产总值增长", "%", "6左右", "预期性"],
            ["2", "单位地区生产总值能耗降低", "%", "3", "约束性"],
        ],
    )
    assert [(row.target.text, row.binding) for row in _rows(report).values()] == [
        ("6左右", False),
        ("3", True),
    ]
