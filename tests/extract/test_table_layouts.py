"""Indicator tables laid out as other regions print them: the header says what each column is."""

from __future__ import annotations

from jihua.document import find_text_tables
from jihua.tables import IndicatorTable, column_roles, read_indicator_table


def _table(header: list[str], *rows: list[str]) -> IndicatorTable:
    lines = ["主要指标完成情况", ""]
    for row in (header, *rows):
        lines += [f"\t{cell}" for cell in row] + [""]
    (raw,) = find_text_tables("\n".join(lines) + "\n\n\n正文。\n")
    table = read_indicator_table(raw)
    assert table is not None
    return table


def test_actual_growth_and_completion_columns_are_read_from_the_header() -> None:
    table = _table(
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
    table = _table(
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
    table = _table(
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
