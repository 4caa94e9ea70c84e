"""Wording of a city's releases through its year and of bulletins: growths listed each in
brackets after its indicator and compared together, a wider region's bracketed growth after a
city's, the region a title or a source names (``宁夏银川…``, ``据某某市统计局``), a news
agency's dateline before the first figure, a rate said as held, the growth of a planned
amount, and people counted after a bare 万."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def page(text: str) -> dict[str, Any]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))


def facts_of(text: str, value: float) -> list[dict[str, Any]]:
    return [f for f in page(text)["facts"] if not f.get("rank") and f["value"] == value]


def fact_with(text: str, value: float) -> dict[str, Any]:
    facts = facts_of(text, value)
    assert facts, value
    return facts[0]


LISTED_GROWTHS = (
    "前三季度，全市主要经济指标稳中有进。其中，地区生产总值(6.8%)、固定资产投资(9.4%)"
    "分别高于年度预期目标0.3和1.4个百分点，社会消费品零售总额增长5.2%。"
)


def test_growths_listed_in_brackets_and_compared_together_are_growths_of_their_names() -> None:
    gdp, investment = fact_with(LISTED_GROWTHS, 6.8), fact_with(LISTED_GROWTHS, 9.4)
    assert (gdp["indicator"], gdp["kind"]) == ("地区生产总值", "growth")
    assert (investment["indicator"], investment["kind"]) == ("固定资产投资", "growth")


def test_each_difference_of_a_bracketed_list_names_its_own_growth() -> None:
    first, second = fact_with(LISTED_GROWTHS, 0.3), fact_with(LISTED_GROWTHS, 1.4)
    assert first["indicator"].startswith("地区生产总值增速")
    assert second["indicator"].startswith("固定资产投资增速")
    assert first["kind"] == second["kind"] == "other"


def test_a_wider_regions_bracketed_growth_drops_the_citys_name() -> None:
    text = "1-5月，石嘴山规模以上工业增加值同比增长9.1%，高于全国(3.6%)5.5个百分点。"
    national = fact_with(text, 3.6)
    assert national["kind"] == "growth"
    assert national["indicator"] == "全国规模以上工业增加值"


def test_a_city_after_its_provinces_short_name_in_a_title_is_the_region() -> None:
    for title in ("宁夏吴忠一季度经济运行开局良好", "甘肃天水市上半年经济运行稳中向好"):
        text = f"{title}\n一季度，全市地区生产总值增长5.9%，规模以上工业增加值增长7.2%。"
        assert page(text)["region"] == title[2:4] + "市"


def test_a_province_alone_in_a_title_is_still_the_province() -> None:
    text = "四川一季度规上工业增加值同比增长5.6%\n一季度，全省规上工业增加值同比增长5.6%。"
    assert page(text)["region"] == "四川省"


def test_the_region_of_a_source_after_ju_has_no_ju() -> None:
    text = "据石嘴山市统计局数据，一季度全市规模以上工业增加值增长10.3%，固定资产投资增长6.1%。"
    assert page(text)["region"] == "石嘴山市"


def test_a_news_agencys_dateline_is_no_part_of_the_first_indicator() -> None:
    text = "中国新闻网西宁4月20日电 (记者 张某)地区生产总值同比增长4.9%，增速居全省第2位。"
    assert fact_with(text, 4.9)["indicator"] == "地区生产总值"


def test_a_rate_said_as_held_is_the_growth_of_the_indicator_before() -> None:
    text = (
        "1-8月，全县规模以上工业增加值同比增长8.6%，除2月份外，各月基本保持8%左右的幅度平稳增长。"
    )
    held = fact_with(text, 8.0)
    assert (held["indicator"], held["kind"]) == ("规模以上工业增加值", "growth")


def test_the_growth_said_after_a_planned_amount_is_a_target_too() -> None:
    text = "2018年，全县计划完成固定资产投资42.5亿元，增速10%。截至6月底，完成投资20.1亿元，同比增长8.3%。"
    growth = fact_with(text, 10.0)
    assert (growth["kind"], growth["status"]) == ("growth", "target")
    assert fact_with(text, 8.3)["status"] == "actual"


def test_the_growth_after_an_amount_done_stays_actual() -> None:
    text = "2018年，全县完成固定资产投资42.5亿元，增长10%。"
    assert fact_with(text, 10.0)["status"] == "actual"


def test_people_counted_after_a_bare_wan_are_a_figure() -> None:
    text = "全旗共走访3.1万户8.75万农村常住人口，核实信息12万余条。"
    people = fact_with(text, 8.75)
    assert (people["unit"], people["indicator"]) == ("万", "农村常住人口")


def test_a_bare_wan_before_other_words_is_still_no_figure() -> None:
    assert not facts_of("全县落实资金5万以奖代补。", 5.0)
