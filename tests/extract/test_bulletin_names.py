"""A bulletin's figure is named after the indicator its sentence speaks of, and read as the
kind, months, basis and status its words say; the page's region may be named only in a sentence.

The texts are written in the style of 统计局 releases and progress news, not copied from any.
"""

from __future__ import annotations

from typing import Any

import pytest

from jihua.document import read_bytes
from jihua.extract import extract


def page(text: str) -> dict[str, Any]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))


def facts_of(text: str) -> list[dict[str, Any]]:
    return [fact for fact in page(text)["facts"] if not fact.get("rank")]


def fact_with(text: str, value: float) -> dict[str, Any]:
    """The fact of ``value``, a decline found by its size."""
    return next(fact for fact in facts_of(text) if abs(abs(fact["value"]) - value) < 1e-9)


def name_of(text: str, value: float) -> str:
    name: str = fact_with(text, value)["indicator"]
    return name


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("1-8月，全县固定资产投资同比增长9.2%，增速比1-7月回落0.4个百分点。", 0.4, "固定资产投资"),
        ("1-8月，全县税收收入同比增长3.6%，较上半年回升1.1个百分点。", 1.1, "税收收入"),
        ("1-8月，全县进出口总额同比下降6.3%，降幅较1-7月收窄2.2个百分点。", 2.2, "进出口总额"),
        (
            "前三季度，全区生产总值比上年同期增长-2.4%，较上半年(-3.1%)回升0.7个百分点。",
            0.7,
            "生产总值",
        ),
    ],
)
def test_a_change_against_an_earlier_period_is_named_after_the_indicator_not_the_comparison(
    text: str, value: float, name: str
) -> None:
    assert name_of(text, value) == name


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("1-9月，8月份全县规模以上工业增加值增长7.1%。", 7.1, "规模以上工业增加值"),
        ("1~8月全县商品房销售面积12.3万平方米，同比下降4.4%。", 12.3, "商品房销售面积"),
        ("上半年，我县全体居民人均可支配收入14230元，增长5.9%。", 14230, "全体居民人均可支配收入"),
        ("某某日报讯 2023年我市重点项目180个，1-6月完成投资96.5亿元。", 180, "重点项目"),
        ("1-7月，高新区完成规模以上工业增加值35.2亿元，同比增长8.8%。", 35.2, "规模以上工业增加值"),
        ("1-7月，规上工业企业实现利润总额3.5亿元，同比增长11.0%。", 3.5, "规上工业企业利润总额"),
    ],
)
def test_the_months_a_place_and_a_verb_around_an_indicator_are_no_part_of_its_name(
    text: str, value: float, name: str
) -> None:
    assert name_of(text, value) == name


def test_a_count_in_a_whole_said_with_zai_is_named_after_the_whole() -> None:
    text = "1-6月，在全县23个工业大类中，15个行业增加值实现同比增长。"
    assert name_of(text, 23) == "工业大类"


def test_a_count_of_places_a_rank_is_among_is_no_figure() -> None:
    text = "1-6月，全县规模以上工业增加值增长8.1%，在全市16个县区中排名第3位。"
    assert [fact["value"] for fact in facts_of(text)] == [8.1]


def test_the_count_a_share_is_taken_of_is_no_figure() -> None:
    text = "1-8月，交通项目完成投资82.3亿元，占126个项目完成投资比重超40%。"
    assert 126 not in [fact["value"] for fact in facts_of(text)]


def test_a_bare_head_word_takes_the_topic_of_the_clause_before() -> None:
    text = "1-8月，新型基础设施项目加快建设，完成投资12.4亿元，年度投资完成率71.2%。"
    assert name_of(text, 12.4) == "新型基础设施项目投资"


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("1-7月，工业投资8.6亿元，占固定资产投资的比重为31.5%，同比增长12.0%。", 12.0, "工业投资"),
        ("上半年，建材业产值占比为21.4%，同比下降3.2%。", 3.2, "建材业产值"),
    ],
)
def test_a_growth_said_after_a_share_is_of_what_the_share_is_of(
    text: str, value: float, name: str
) -> None:
    fact = fact_with(text, value)
    assert (fact["indicator"], fact["kind"]) == (name, "growth")


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("1-7月，全县工业企业出口交货值4.6亿元，同比名义增长4.1%。", 4.1, "工业企业出口交货值"),
        ("1-7月，地税完成3.2亿元，比增12.5%。", 12.5, "地税"),
        ("上半年，全县生产总值86.4亿元，按可比价格计算同比增长5.6%。", 5.6, "生产总值"),
    ],
)
def test_how_a_growth_is_priced_or_compared_is_no_name(text: str, value: float, name: str) -> None:
    fact = fact_with(text, value)
    assert (fact["indicator"], fact["kind"]) == (name, "growth")


def test_a_growth_rate_held_at_a_figure_is_a_growth_of_the_indicator_said_before() -> None:
    text = "今年以来，全市规模以上工业增加值增速逐月放缓。7月份的增速还保持在9.5%，8月份为8.1%。"
    held = fact_with(text, 9.5)
    assert (held["indicator"], held["kind"], held["basis"]) == (
        "规模以上工业增加值",
        "growth",
        "yoy",
    )
    assert fact_with(text, 8.1)["kind"] == "growth"


def test_a_growth_rate_said_to_reach_a_figure_is_a_growth() -> None:
    text = "1-7月，全县完成固定资产投资同比增长6.4%。第二产业投资额增速最快达21.5%。"
    fact = fact_with(text, 21.5)
    assert (fact["indicator"], fact["kind"]) == ("第二产业投资额", "growth")


def test_an_industry_described_by_its_share_grows_as_said() -> None:
    text = "1-7月，全市规模以上工业增加值同比增长4.2%，其中占比较大的汽车制造业同比增长6.8%。"
    assert fact_with(text, 6.8)["kind"] == "growth"


@pytest.mark.parametrize(
    ("text", "value", "sign"),
    [
        ("1-5月，全县采矿业投资下降9.8%，降幅扩大1.6个百分点。", 1.6, 1),
        ("1-7月，全区规模以上工业总产值同比增长4.1%，增速比1-6月低1.2个百分点。", 1.2, -1),
    ],
)
def test_a_widening_decline_is_a_rise_and_a_growth_lower_than_before_a_fall(
    text: str, value: float, sign: int
) -> None:
    fact = fact_with(text, value)
    assert (fact["kind"], fact["value"]) == ("change", sign * value)


def test_a_distance_from_the_time_line_said_as_shixu_is_time_progress() -> None:
    text = "1-8月，全省重大项目完成投资812.6亿元，年度投资完成率70.3%，超时序进度3.6个百分点。"
    assert fact_with(text, 3.6)["kind"] == "time_progress"


def test_places_compared_with_in_a_list_are_no_change() -> None:
    text = "8月份，全市规模以上工业增加值增长7.9%，分别比全省、全国平均水平高1.2和2.5个百分点。"
    assert [fact_with(text, value)["kind"] for value in (1.2, 2.5)] == ["other", "other"]


def test_figures_before_a_bulletins_first_period_take_it() -> None:
    text = (
        "全县地区生产总值增长6.0%\n"
        "前三季度，全县经济运行稳中向好。第一产业增加值21.4亿元，增长3.3%。\n"
    )
    assert fact_with(text, 6.0)["period"] == {"year": None, "from": 1, "to": 9}


def test_a_newspaper_datelines_year_is_the_periods_year() -> None:
    text = "2021-10-25 08:30:11 来源：某某日报\n1-9月，全市规模以上工业增加值同比增长6.6%。\n"
    assert fact_with(text, 6.6)["period"] == {"year": 2021, "from": 1, "to": 9}


def test_a_compared_periods_own_growth_in_brackets_is_that_periods() -> None:
    text = "1-9月，全县固定资产投资同比增长5.1%，较1-6月(4.3%)提高0.8个百分点。"
    assert fact_with(text, 4.3)["period"] == {"year": None, "from": 1, "to": 6}


def test_a_growth_in_a_sentence_opening_with_huanbi_is_on_the_period_before() -> None:
    text = "1-5月，全国固定资产投资同比增长4.0%。从环比看，5月份固定资产投资增长0.21%。"
    assert fact_with(text, 0.21)["basis"] == "previous_period"
    assert fact_with(text, 4.0)["basis"] == "yoy"


def test_a_qizhong_sentence_goes_on_with_the_comparison_before() -> None:
    text = (
        "1-5月，基础设施投资同比增长8.1%，增速比1-4月份回落1.5个百分点。"
        "其中，水利管理业投资增长12.2%，增速提高0.9个百分点。"
    )
    assert fact_with(text, 0.9)["basis"] == "previous_period"


def test_a_count_of_planned_projects_is_a_target_and_the_part_begun_actual() -> None:
    text = "1-8月，全州重点项目完成投资96.3亿元。其中，45个计划新开工项目已开工38个。"
    planned, begun = fact_with(text, 45), fact_with(text, 38)
    assert (planned["status"], planned["period"]["to"]) == ("target", 12)
    assert (begun["status"], begun["indicator"]) == ("actual", "已开工项目")


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("本报讯 记者从安平县统计局获悉，1-9月，全县规模以上工业增加值增长6.2%。", "安平县"),
        (
            "昨日，岳阳市召开前三季度经济运行分析会。1-9月，全市规模以上工业增加值增长7.0%。",
            "岳阳市",
        ),
        (
            "1-9月，城西区完成规模以上工业增加值88.6亿元，增长5.2%。"
            "城西区社会消费品零售总额102.3亿元，增长6.1%。",
            "城西区",
        ),
    ],
)
def test_a_region_named_only_inside_a_sentence_is_the_pages(text: str, region: str) -> None:
    assert page(text)["region"] == region


def test_a_park_said_once_as_a_subject_is_no_region() -> None:
    text = "1-9月，全区规模以上工业增加值增长5.2%。其中，开发区完成规上工业产值18.7亿元，增长4.6%。"
    assert page(text)["region"] is None


def test_a_page_naming_a_newspaper_as_its_source_is_news() -> None:
    text = "2021-10-25 08:30 来源：某某日报\n会上通报了全市1-9月经济运行情况，规模以上工业增加值增长6.6%。\n"
    assert page(text)["document_kind"] == "news"


def test_the_investment_done_is_of_the_projects_counted_before_it() -> None:
    text = "2022年全县重点项目86个，年度计划投资52.6亿元，1-9月累计完成投资41.2亿元。"
    assert name_of(text, 41.2) == "重点项目投资"


def test_a_share_said_as_zhan_is_the_share_of_the_amount_just_named() -> None:
    text = "1-7月，全县工业投资5.2亿元，占固定资产投资总额的18.4%，同比下降6.1%。"
    assert name_of(text, 18.4) == "工业投资占固定资产投资总额的比重"


def test_progress_against_the_years_plan_is_named_after_what_progresses() -> None:
    text = "1-5月，一般公共预算收入3.1亿元，完成年初预算的41.5%，同比增长7.2%。"
    fact = fact_with(text, 41.5)
    assert (fact["indicator"], fact["kind"]) == ("一般公共预算收入", "completion")


def test_every_member_of_a_comparison_with_places_names_the_growth_compared() -> None:
    text = "8月份，全市规模以上工业增加值增长7.9%，分别比全国、全省平均水平高1.2和2.5个百分点。"
    assert [name_of(text, 1.2), name_of(text, 2.5)] == [
        "规模以上工业增加值增速（比全国平均水平高）",
        "规模以上工业增加值增速（比全省平均水平高）",
    ]


def test_a_programmes_planned_total_is_a_target_and_the_statistic_of_projects_built_actual() -> (
    None
):
    progress = "上半年，全市30件重点民生实事计划总投资126亿元，实际完成投资71.5亿元。"
    statistic = "1-9月，全国施工项目计划总投资53210亿元，同比增长6.2%。"
    assert fact_with(progress, 126)["status"] == "target"
    assert fact_with(progress, 71.5)["status"] == "actual"
    assert fact_with(statistic, 53210)["status"] == "actual"
