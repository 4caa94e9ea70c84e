"""Cells a published table prints once for several rows, and headers that name no 指标.

A 单位 or 属性 cell merged down a block holds for each of its rows (Word,
PDF and web pages mark the cells it covers); a 完成时限 column says when, not
what was done; ``项目`` heads the names of a table of aims, also when it spans a
category column merged down its blocks; a table of years' figures with nothing
saying it plans gives no targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jihua.document import find_text_tables, read_bytes, read_document
from jihua.plan import read_plan
from jihua.tables import IndicatorTable, read_indicator_table
from tests.layout_documents import (
    PROSE,
    Layout,
    draw_table,
    layout_docx,
    layout_html,
    layouts,
    pdfs_from_docx,
    units_merged,
)
from tests.report_files import html_page
from tests.table_layouts import read_one_cell_a_line

HEADER = [["序号", "指标名称", "单位", "属性", "2024年预期目标"]]
ROWS = [
    ["1", "地区生产总值增长", "%", "预期性", "6左右"],
    ["2", "规模以上工业增加值增长", "^", "^", "7"],
    ["3", "单位地区生产总值能耗降低", "^", "约束性", "完成省下达任务"],
    ["4", "化学需氧量排放量减少", "^", "^", "2.5"],
    ["5", "城乡居民收入比", "", "预期性", "2.1"],
    ["6", "城镇新增就业", "万人", "^", "1.2"],
]


def _layout(
    header: list[list[str]], rows: list[list[str]], title: str = "主要指标计划表"
) -> Layout:
    return Layout(
        "测试", "", "plan", title, header, rows, [1.0, 5.0, 1.4, 1.6, 2.4][: len(header[0])]
    )


def _only_table(path: Path) -> IndicatorTable:
    (table,) = read_plan(read_document(path)).tables
    return table


@pytest.fixture(scope="module")
def merged_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("merged")
    docx_path = layout_docx(_layout(HEADER, ROWS), "as_published", folder / "计划表.docx")
    (pdf_path,) = pdfs_from_docx([docx_path])
    return {"docx": docx_path, "pdf": pdf_path}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_unit_merged_down_a_block_holds_for_each_row(
    merged_files: dict[str, Path], fmt: str
) -> None:
    table = _only_table(merged_files[fmt])
    assert [row.unit for row in table.indicators] == ["%", "%", "%", "%", None, "万人"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_binding_attribute_merged_down_holds_for_each_row(
    merged_files: dict[str, Path], fmt: str
) -> None:
    table = _only_table(merged_files[fmt])
    assert [row.binding for row in table.indicators] == [False, False, True, True, False, False]


def test_a_unit_spanning_rows_on_a_web_page_holds_for_each_row(tmp_path: Path) -> None:
    article = (
        "<p>附表：主要指标计划表</p><table>"
        "<tr><td>序号</td><td>指标名称</td><td>单位</td><td>2024年预期目标</td></tr>"
        "<tr><td>1</td><td>地区生产总值增长</td><td rowspan=2>%</td><td>6左右</td></tr>"
        "<tr><td>2</td><td>固定资产投资增长</td><td>5</td></tr>"
        "<tr><td>3</td><td>粮食产量</td><td>万吨</td><td>≥44</td></tr></table>"
    )
    path = tmp_path / "计划.html"
    path.write_text(html_page("关于某某县2024年计划草案的报告", article), encoding="utf-8")
    table = _only_table(path)
    assert [(row.name, row.unit) for row in table.indicators] == [
        ("地区生产总值增长", "%"),
        ("固定资产投资增长", "%"),
        ("粮食产量", "万吨"),
    ]


def test_an_empty_unit_cell_not_merged_stays_empty() -> None:
    table = read_one_cell_a_line(
        ["指标名称", "单位", "2024年目标"],
        ["居民消费价格涨幅", "%", "3左右"],
        ["城乡居民收入比", "", "2.1"],
    )
    assert [row.unit for row in table.indicators] == ["%", None]


def test_a_deadline_column_is_no_actual() -> None:
    table = read_one_cell_a_line(
        ["序号", "指标名称", "预期效果", "完成时限", "指标属性"],
        ["1", "新增规模以上工业企业", "20家以上", "12月", "预期性"],
        ["2", "淘汰落后产能", "30万吨左右", "6月", "约束性"],
    )
    assert table.roles == ["no", "name", "target", "other", "binding"]
    assert table.kind == "plan"
    assert [row.extra["完成时限"] for row in table.indicators] == ["12月", "6月"]


def test_item_header_names_the_rows_of_a_table_of_aims() -> None:
    table = read_one_cell_a_line(
        ["项目", "分值", "目标任务", "责任单位"],
        ["全社会固定资产投资额", "3", "186", "县发改局"],
        ["城镇登记失业率", "1", "低于4.1", "县人社局"],
    )
    assert table.roles == ["name", "other", "target", "other"]
    assert [(row.name, row.target.text) for row in table.indicators] == [
        ("全社会固定资产投资额", "186"),
        ("城镇登记失业率", "低于4.1"),
    ]


def test_item_header_over_budget_lines_is_no_indicator_table() -> None:
    lines = ["一般公共预算收支", ""]
    for row in (["项目", "预算数", "执行数", "完成预算%"], ["税收收入", "52000", "50100", "96.3"]):
        lines += [f"\t{cell}" for cell in row] + [""]
    (raw,) = find_text_tables("\n".join(lines) + "\n\n\n正文。\n")
    assert read_indicator_table(raw) is None


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_item_header_over_a_merged_category_reads_category_and_names(
    tmp_path: Path, fmt: str
) -> None:
    header = [["项 目", "<", "目标任务", "责任单位"]]
    rows = [
        ["经济发展", "地区生产总值增长率", "7左右", "县发改局"],
        ["^", "规模以上工业增加值增长率", "8", "县工信局"],
        ["^", "全社会固定资产投资增长率", "10", "县发改局"],
        ["民生保障", "城镇新增就业人数", "3200", "县人社局"],
        ["^", "城镇登记失业率", "4.5以内", "^"],
    ]
    layout = Layout("测试", "", "plan", "目标任务分解表", header, rows, [2.0, 5.0, 2.4, 2.4])
    path = layout_docx(layout, "as_published", tmp_path / "分解表.docx")
    if fmt == "pdf":
        (path,) = pdfs_from_docx([path])
    table = _only_table(path)
    assert table.roles[:2] == ["category", "name"]
    assert [(row.category, row.name, row.target.text) for row in table.indicators] == [
        ("经济发展", "地区生产总值增长率", "7左右"),
        ("经济发展", "规模以上工业增加值增长率", "8"),
        ("经济发展", "全社会固定资产投资增长率", "10"),
        ("民生保障", "城镇新增就业人数", "3200"),
        ("民生保障", "城镇登记失业率", "4.5以内"),
    ]


def test_a_table_of_years_figures_gives_no_targets() -> None:
    page = "2023年主要农产品产量\n\n指标名称\t2023年\t比上年增长%\n粮食产量（万吨）\t44.6\t1.2\n"
    assert read_plan(read_bytes(page.encode("utf-8"), "公报.txt")).tables == []


def test_a_planned_table_of_years_keeps_its_latest_year_as_the_target() -> None:
    page = "2024年主要指标计划\n\n指标名称\t2023年\t2024年\n粮食产量（万吨）\t44.6\t45\n"
    (table,) = read_plan(read_bytes(page.encode("utf-8"), "计划.txt")).tables
    assert (table.indicators[0].target.text, table.roles) == ("45", ["name", "other", "target"])


def test_pipe_rows_under_a_two_level_header_written_once_read_as_one_header() -> None:
    page = (
        "某某县2024年国民经济和社会发展计划主要指标\n"
        "指标名称 | 单位 | 2023年预计 | 2024年计划 | 责任单位 | |||\n"
        "绝对值 | 增长% | 绝对值 | 增长% | ||||\n"
        "一、经济发展 | |||||||\n"
        "地区生产总值 | 亿元 | 286 | 5.6 | 302 | 6左右 | 县发改局 | |\n"
        "一般公共预算收入 | 亿元 | 12.4 | 3.1 | 12.8 | 3 | 县财政局 | |\n"
        "\n全县上下团结奋斗。\n"
    )
    (table,) = read_plan(read_bytes(page.encode("utf-8"), "计划.txt")).tables
    assert table.columns == [
        "指标名称",
        "单位",
        "2023年预计绝对值",
        "2023年预计增长%",
        "2024年计划绝对值",
        "2024年计划增长%",
        "责任单位",
    ]
    gdp = table.indicators[0]
    assert (gdp.category, gdp.unit, gdp.target.text, gdp.extra["2023年预计绝对值"]) == (
        "经济发展",
        "亿元",
        "302",
        "286",
    )
    assert gdp.extra["2024年计划增长%"] == "6左右"


def test_a_header_with_office_and_deadline_columns_one_cell_a_line() -> None:
    lines = [
        "序号 |",
        "指标名称 |",
        "预期效果 |",
        "完成时限 |",
        "指标属性 |",
        "牵头处室 |",
        "备注 |",
    ]
    lines += [
        "1 |",
        "新增国家级专精特新企业 |",
        "15家以上 |",
        "12月 |",
        "预期性 |",
        "中小企业处 |",
        "|",
    ]
    lines += ["2 |", "压减粗钢产量 |", "100万吨左右 |", "11月 |", "约束性 |", "原材料处 |", "|"]
    page = "2024年重点工作指标\n" + "\n".join(lines) + "\n注：约束性指标须确保完成。\n"
    (table,) = read_plan(read_bytes(page.encode("utf-8"), "指标.txt")).tables
    assert table.roles == ["no", "name", "target", "other", "binding", "other", "other"]
    assert [(row.name, row.target.text, row.binding) for row in table.indicators] == [
        ("新增国家级专精特新企业", "15家以上", False),
        ("压减粗钢产量", "100万吨左右", True),
    ]


def test_item_header_over_tasks_in_words_is_no_indicator_table() -> None:
    lines = ["2024年重点工作任务", ""]
    rows = (
        ["项目", "目标任务", "责任单位"],
        ["城市更新", "完成老旧小区改造主体工程", "县住建局"],
        ["营商环境", "实现企业开办一日办结", "县政务服务局"],
        ["乡村振兴", "建成和美乡村示范点", "县农业农村局"],
    )
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    (raw,) = find_text_tables("\n".join(lines) + "\n\n\n正文。\n")
    assert read_indicator_table(raw) is None


def test_item_header_beside_what_was_done_is_a_progress_table() -> None:
    lines = ["重点项目推进情况", ""]
    rows = (
        ["项目", "年度目标", "完成情况"],
        ["城南污水处理厂", "投资1.2亿元", "完成投资1.3亿元"],
        ["县医院新院区", "投资2亿元", "完成投资1.8亿元"],
    )
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    (raw,) = find_text_tables("\n".join(lines) + "\n\n\n正文。\n")
    assert read_indicator_table(raw) is None


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_note_written_as_the_last_row_of_the_table_is_its_note_not_a_row(
    tmp_path: Path, fmt: str
) -> None:
    header = [["指标名称", "单位", "2024年目标"]]
    rows = [
        ["地区生产总值增长", "%", "6左右"],
        ["单位地区生产总值能耗降低*", "%", "完成省下达任务"],
        ["注：带*为约束性指标。", "<", "<"],
    ]
    layout = Layout("测试", "", "plan", "主要指标计划表", header, rows, [6.0, 1.6, 3.0])
    path = layout_docx(layout, "as_published", tmp_path / "计划表.docx")
    if fmt == "pdf":
        (path,) = pdfs_from_docx([path])
    table = _only_table(path)
    assert [(row.name, row.binding) for row in table.indicators] == [
        ("地区生产总值增长", False),
        ("单位地区生产总值能耗降低", True),
    ]
    assert table.note == "注：带*为约束性指标。" and table.binding_note


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_name_merged_down_over_its_level_and_growth_names_both_rows(
    tmp_path: Path, fmt: str
) -> None:
    header = [["指标名称", "<", "2023年目标", "2023年完成"]]
    rows = [
        ["一般公共预算收入", "总量（亿元）", "20", "21"],
        ["^", "增速（%）", "6", "8.1"],
        ["社会消费品零售总额", "总量（亿元）", "150", "148"],
        ["^", "增速（%）", "7", "5.6"],
    ]
    layout = Layout("测试", "", "plan", "主要指标完成情况", header, rows, [4.0, 2.6, 2.4, 2.4])
    if fmt == "html":
        path = tmp_path / "完成情况.html"
        path.write_text(layout_html(layout), encoding="utf-8")
    else:
        path = layout_docx(layout, "as_published", tmp_path / "完成情况.docx")
        if fmt == "pdf":
            (path,) = pdfs_from_docx([path])
    table = _only_table(path)
    assert [(row.name, row.unit, row.target.text) for row in table.indicators] == [
        ("一般公共预算收入", "亿元", "20"),
        ("一般公共预算收入增速", "%", "6"),
        ("社会消费品零售总额", "亿元", "150"),
        ("社会消费品零售总额增速", "%", "7"),
    ]


def test_a_unit_merged_over_a_page_break_holds_on_the_next_page(tmp_path: Path) -> None:
    """The table starts lower and lower on its page, so that the break falls inside, before
    and after each run of one unit (two rows in 个 among them)."""
    import docx

    layout = next(layout for layout in layouts() if layout.key == "01_yangling_2022")
    paths = []
    for lines in range(10, 16):
        word = docx.Document()
        for _ in range(lines):
            word.add_paragraph(PROSE)
        word.add_paragraph(f"附表：{layout.title}")
        draw_table(word, layout, units_merged(layout))
        path = tmp_path / f"表{lines}.docx"
        word.save(str(path))
        paths.append(path)
    for pdf in pdfs_from_docx(paths):
        (table,) = read_plan(read_document(pdf)).tables
        units = {row.name: row.unit for row in table.indicators}
        assert units["孵化载体总数"] == units["年获省部级以上科技成果奖励总数"] == "个", pdf.name
