from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jihua.targets import parse_value


@pytest.mark.parametrize(
    ("text", "number", "comparator", "qualifier"),
    [
        ("6.5", 6.5, "=", None),
        ("-18左右", -18.0, "≈", "左右"),
        ("7.5以上", 7.5, "≥", "以上"),
        ("5.5以内", 5.5, "≤", "以内"),
        ("≥330", 330.0, "≥", None),
        ("≤3", 3.0, "≤", None),
        ("10%左右", 10.0, "≈", "左右"),
        ("44万吨以上", 44.0, "≥", "以上"),
        ("不低于5", 5.0, "≥", "不低于"),
    ],
)
def test_numbers_with_comparators_and_qualifiers(
    text: str, number: float, comparator: str, qualifier: str | None
) -> None:
    value = parse_value(text)
    assert value.kind == "number"
    assert value.number == number
    assert value.comparator == comparator
    assert value.qualifier == qualifier
    assert value.text == text


@pytest.mark.parametrize(
    ("text", "number"),
    [("１０．５", 10.5), ("－18", -18.0), ("−3.2", -3.2), ("≥３３０", 330.0), ("８％", 8.0)],
)
def test_full_width_digits_and_signs_are_read(text: str, number: float) -> None:
    assert parse_value(text).number == number


def test_change_in_percentage_points() -> None:
    value = parse_value("提升0.5个百分点左右")
    assert (value.kind, value.number, value.unit, value.qualifier) == (
        "change",
        0.5,
        "个百分点",
        "左右",
    )
    assert parse_value("下降1个百分点").number == -1.0


@pytest.mark.parametrize(
    ("text", "relation", "reference"),
    [
        ("快于经济增速", "faster", "经济增速"),
        ("与经济增速同步", "same", "经济增速"),
        ("与经济增长保持同步", "same", "经济增速"),
    ],
)
def test_relation_to_another_indicator(text: str, relation: str, reference: str) -> None:
    value = parse_value(text)
    assert (value.kind, value.relation, value.reference) == ("relation", relation, reference)


@pytest.mark.parametrize(
    "text",
    [
        "完成市级下达目标",
        "完成市上下达目标任务",
        "控制在市上下达指标内",
        "完成市下达任务",
        "完成省下达任务",
        "完成自治区下达目标",
        "完成州下达任务",
        "完成市政府下达目标",
        "完成下达任务",
    ],
)
def test_targets_set_by_the_level_above(text: str) -> None:
    assert parse_value(text).kind == "superior"


@pytest.mark.parametrize("text", ["完成年度目标任务", "市场需求"])
def test_words_without_a_level_above_are_not_a_superior_target(text: str) -> None:
    assert parse_value(text).kind != "superior"


def test_qualitative_actual_met_is_an_estimate() -> None:
    value = parse_value("预计能够完成")
    assert (value.kind, value.relation, value.estimate) == ("met", "met", True)


def test_not_met_is_read_as_such() -> None:
    assert parse_value("未完成").relation == "not_met"


def test_estimate_marker_is_kept_apart_from_the_number() -> None:
    value = parse_value("7.5（预计）")
    assert (value.number, value.estimate) == (7.5, True)


def test_range() -> None:
    value = parse_value("5-6")
    assert (value.kind, value.number, value.upper) == ("range", 5.0, 6.0)


@pytest.mark.parametrize("text", ["", "  ", None, "—"])
def test_empty_cells(text: str | None) -> None:
    assert parse_value(text).kind == "empty"


@pytest.mark.parametrize("text", ["稳中有进", "abc", "1.2.3", "1e999999", "以上"])
def test_unreadable_text_is_kept_never_zero(text: str) -> None:
    value = parse_value(text)
    assert value.kind == "unreadable"
    assert value.number is None
    assert value.text == text


@given(st.text())
def test_parser_never_raises_on_any_string(text: str) -> None:
    value = parse_value(text)
    assert value.text == text
    if value.kind == "unreadable":
        assert value.number is None


@given(
    st.text(
        alphabet="0123456789.-+%≥≤<>＜＞以上内下左右约个百分点提升下降快于与同步经济增速完成预计（）",
        max_size=20,
    )
)
def test_parser_never_raises_on_grammar_like_strings(text: str) -> None:
    parse_value(text)


@pytest.mark.parametrize(
    ("text", "number"), [("1,234.5", 1234.5), ("12,345万元", 12345.0), ("１，２３４", 1234.0)]
)
def test_thousands_separators_are_read(text: str, number: float) -> None:
    assert parse_value(text).number == number


def test_commas_that_do_not_group_thousands_are_not_dropped() -> None:
    assert parse_value("1,2,3").kind == "unreadable"


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit", "comparator"),
    [
        ("〔13.5〕", "number", 13.5, None, "="),
        ("〔15〕%", "number", 15.0, "%", "="),
        ("[18]", "number", 18.0, None, "="),
        ("【3.4】以上", "number", 3.4, None, "≥"),
        ("〔5-6〕", "range", 5.0, None, "≥"),
    ],
)
def test_a_figure_in_brackets_is_a_five_year_sum(
    text: str, kind: str, number: float, unit: str | None, comparator: str
) -> None:
    value = parse_value(text)
    assert (value.kind, value.number, value.unit, value.comparator) == (
        kind,
        number,
        unit,
        comparator,
    )
    assert value.cumulative and value.text == text
    assert value.to_dict()["cumulative"] is True


def test_words_in_brackets_and_a_plain_figure_are_no_sum() -> None:
    assert parse_value("〔完成〕").kind == "unreadable"
    assert not parse_value("13.5").cumulative
    assert "cumulative" not in parse_value("13.5").to_dict()
