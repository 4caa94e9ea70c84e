"""Target–actual pairs read from prose: each phrasing real reports use, several ways each."""

from __future__ import annotations

import pytest

from tests.prose_reports import COUNTY, execution_prose, pairs_of


def _only(body: str) -> tuple[str, str, str, str]:
    pairs = pairs_of(execution_prose(body))
    assert len(pairs) == 1, [p.to_dict() for p in pairs]
    pair = pairs[0]
    return pair.how, pair.name, pair.target.text, pair.actual.text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("全区地区生产总值512亿元，完成年计划560亿元的91.4%。", ("地区生产总值", "560", "512")),
        (
            "全年完成固定资产投资236.5亿元，完成年度计划250亿元的94.6%。",
            ("固定资产投资", "250", "236.5"),
        ),
        (
            "一般公共预算收入实现31.2亿元，完成年度目标30亿元的104%。",
            ("一般公共预算收入", "30", "31.2"),
        ),
    ],
)
def test_a_completion_pairs_the_plan_figure_with_the_actual_before_it(
    body: str, expected: tuple[str, str, str]
) -> None:
    assert _only(body) == ("completion", *expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "社会消费品零售总额预期目标为增长8%，实际增长8.6%。",
            ("社会消费品零售总额增速", "8", "8.6"),
        ),
        (
            "城镇居民人均可支配收入计划增长7%，实际增长6.4%。",
            ("城镇居民人均可支配收入增速", "7", "6.4"),
        ),
        ("一般公共预算收入目标30亿元、实际31.2亿元。", ("一般公共预算收入", "30", "31.2")),
        ("实际利用外资年度目标1.2亿美元，实际完成1.35亿美元。", ("实际利用外资", "1.2", "1.35")),
        ("粮食产量计划21万吨，实际完成21.4万吨。", ("粮食产量", "21", "21.4")),
        (
            "全年实现地区生产总值增长5.9%，排名全市第1位（预期目标为8.5%以上）。",
            ("地区生产总值增速", "8.5以上", "5.9"),
        ),
    ],
)
def test_a_stated_target_pairs_with_the_actual_of_its_sentence(
    body: str, expected: tuple[str, str, str]
) -> None:
    assert _only(body) == ("stated", *expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("固定资产投资增长6.1%，低于年度目标1.9个百分点。", ("固定资产投资增速", "8", "6.1")),
        ("地区生产总值增长6.5%，高于预期目标0.5个百分点。", ("地区生产总值增速", "6", "6.5")),
        (
            "规模以上工业增加值增长10.3%，超过预期目标2.3个百分点。",
            ("规模以上工业增加值增速", "8", "10.3"),
        ),
        (
            "社会消费品零售总额增长5.2%，比年度目标低0.8个百分点。",
            ("社会消费品零售总额增速", "6", "5.2"),
        ),
    ],
)
def test_a_difference_from_the_target_implies_the_target(
    body: str, expected: tuple[str, str, str]
) -> None:
    assert _only(body) == ("difference", *expected)


def test_a_difference_from_another_region_implies_no_target() -> None:
    assert pairs_of(execution_prose("地区生产总值增长5.9%，高于全市0.8个百分点。")) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("规模以上工业增加值完成年度目标的95%。", ("规模以上工业增加值完成率", "100", "95")),
        ("全年进出口总额完成年计划的103.2%。", ("进出口总额完成率", "100", "103.2")),
    ],
)
def test_a_bare_completion_rate_is_graded_against_all_of_the_plan(
    body: str, expected: tuple[str, str, str]
) -> None:
    assert _only(body) == ("rate", *expected)


def test_targets_quoted_in_the_execution_section_pair_with_later_actuals() -> None:
    body = (
        "区人大批准的地区生产总值增长6.5%左右、居民人均可支配收入增长6%的预期目标，"
        "执行结果为地区生产总值增长7.1%，居民人均可支配收入增长5.5%。"
    )
    pairs = pairs_of(execution_prose(body))
    assert [(p.name, p.target.text, p.actual.text) for p in pairs] == [
        ("地区生产总值增速", "6.5左右", "7.1"),
        ("居民人均可支配收入增速", "6", "5.5"),
    ]


def test_a_quoted_target_pairs_with_its_actual_paragraphs_later() -> None:
    body = (
        "年初确定了固定资产投资增长10%等主要预期目标。\n"
        "项目建设扎实推进，全年固定资产投资增长12.4%。"
    )
    assert _only(body) == ("stated", "固定资产投资增速", "10", "12.4")


def test_a_decline_target_is_graded_as_a_fall() -> None:
    pair = _only("单位地区生产总值能耗下降3%的目标，实际下降3.4%。")
    assert pair == ("stated", "单位地区生产总值能耗降幅", "3", "3.4")


def test_a_growth_and_a_level_of_one_indicator_are_two_pairs() -> None:
    names = [(p.name, p.kind) for p in pairs_of(COUNTY)]
    assert ("地区生产总值", "level") in names
    assert ("地区生产总值增速", "growth") in names


def test_every_pair_quotes_the_text_it_was_read_from() -> None:
    for pair in pairs_of(COUNTY):
        assert pair.quotes
        for quote in pair.quotes:
            assert COUNTY[quote["start"] : quote["end"]] == quote["quote"]


def test_plan_year_targets_are_not_paired_with_last_years_actuals() -> None:
    pairs = pairs_of(COUNTY)
    assert all(p.target.text != "6左右" for p in pairs)
    assert len(pairs) == 8


def test_large_figures_keep_every_digit() -> None:
    body = "全县地区生产总值2443940万元，完成年计划2500000万元的97.8%。"
    assert _only(body) == ("completion", "地区生产总值", "2500000", "2443940")


@pytest.mark.parametrize(
    ("body", "relation"),
    [
        ("规模以上工业增加值同比增长7%，完成全年目标。", "met"),
        ("城镇新增就业1.2万人，超额完成年度目标任务。", "met"),
        ("外贸进出口总额增长3.1%，未能完成年度目标。", "not_met"),
    ],
)
def test_a_target_said_to_be_met_is_a_qualitative_pair(body: str, relation: str) -> None:
    (pair,) = pairs_of(execution_prose(body))
    assert (pair.how, pair.target.kind, pair.actual.kind) == ("met", "superior", "met")
    assert pair.actual.relation == relation


def test_a_completion_rate_whose_fact_was_read_as_a_level_is_still_a_rate() -> None:
    body = "地区生产总值预计实现1900亿元，完成全年总量目标的107%，同比增长15%，高于全年增速目标7.5个百分点。"
    pairs = pairs_of(execution_prose(body))
    assert [(p.how, p.name, p.target.text, p.actual.text) for p in pairs] == [
        ("rate", "地区生产总值完成率", "100", "107"),
        ("difference", "地区生产总值增速", "7.5", "15"),
    ]


def test_a_numbered_line_is_named_without_its_number() -> None:
    body = "1.地区生产总值完成1520亿元，同比增长8.2%，高于计划目标0.7个百分点。"
    assert _only(body) == ("difference", "地区生产总值增速", "7.5", "8.2")
