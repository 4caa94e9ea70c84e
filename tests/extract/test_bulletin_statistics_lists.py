"""Bulletins of other kinds and levels: a county's 统计公报 (year-end stocks, the year before's
structure, per-mille rates), places compared with in a list, lists said in clauses of their own
or sharing one figure, the growth coverage and the counts of a 督查通报."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def page(text: str) -> dict[str, Any]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))


def facts_of(text: str) -> list[dict[str, Any]]:
    return [fact for fact in page(text)["facts"] if not fact.get("rank")]


def facts_with(text: str, value: float) -> list[dict[str, Any]]:
    return [fact for fact in facts_of(text) if abs(abs(fact["value"]) - value) < 1e-9]


def fact_with(text: str, value: float) -> dict[str, Any]:
    return facts_with(text, value)[0]


def months(fact: dict[str, Any]) -> tuple[int | None, int, int]:
    period = fact["period"]
    return period["year"], period["from"], period["to"]


BULLETIN = (
    "2021年，全县上下稳中求进，经济社会保持平稳发展。\n"
    "一、综合\n"
    "年末全县常住人口52.7万人，比上年末减少0.3万人，其中城镇人口24.1万人。常住人口城镇化率"
    "45.7%，比上年末提高0.9个百分点。全年人口出生率8.46‰，比上年下降0.61个千分点。\n"
    "初步核算，全年全县地区生产总值186.35亿元，按可比价格计算，比上年增长7.4%。三次产业结构"
    "由上年的18.2%、35.6%和46.2%调整为17.5%、36.1%和46.4%。\n"
)


def test_a_county_bulletins_body_is_a_bulletin() -> None:
    assert page(BULLETIN)["document_kind"] == "bulletin"


def test_a_stock_at_the_years_end_is_decembers_and_goes_on_through_its_paragraph() -> None:
    for value in (52.7, 24.1, 45.7):
        assert months(fact_with(BULLETIN, value)) == (2021, 12, 12), value
    assert months(fact_with(BULLETIN, 8.46)) == (2021, 1, 12)
    assert months(fact_with(BULLETIN, 186.35)) == (2021, 1, 12)


def test_a_change_of_a_per_mille_rate_is_a_change_in_its_points() -> None:
    fact = fact_with(BULLETIN, 0.61)
    assert (fact["value"], fact["unit"], fact["kind"]) == (-0.61, "个千分点", "change")
    assert fact_with(BULLETIN, 8.46)["kind"] == "level"


def test_figures_said_as_the_year_befores_are_its_and_a_structures_parts_are_shares() -> None:
    for value in (18.2, 35.6, 46.2):
        fact = fact_with(BULLETIN, value)
        assert months(fact) == (2020, 1, 12), value
        assert fact["kind"] == "share"
    assert months(fact_with(BULLETIN, 17.5)) == (2021, 1, 12)
    assert fact_with(BULLETIN, 36.1)["kind"] == "share"


def test_places_listed_short_before_their_figures_are_each_compared_with() -> None:
    text = (
        "一季度，全市第二产业增加值68.2亿元，增长7.9%，分别高于国、省1.6和2.2个百分点；"
        "第三产业增加值102.4亿元，增长3.8%，分别低于国、省0.7和0.4个百分点。"
    )
    above = [fact_with(text, 1.6), fact_with(text, 2.2)]
    assert [fact["kind"] for fact in above] == ["other", "other"]
    assert [fact["indicator"] for fact in above] == [
        "第二产业增加值增速（高于全国）",
        "第二产业增加值增速（高于全省）",
    ]
    below = fact_with(text, 0.4)
    assert (below["kind"], below["indicator"]) == ("other", "第三产业增加值增速（低于全省）")


def test_places_with_their_own_growth_in_brackets_are_compared_with() -> None:
    text = "上半年，全县地区生产总值增长6.1%，分别高于全国(5.3%)、全省(5.6%)0.8和0.5个百分点。"
    first, second = fact_with(text, 0.8), fact_with(text, 0.5)
    assert (first["kind"], second["kind"]) == ("other", "other")
    assert second["indicator"].endswith("（高于全省）")
    assert fact_with(text, 5.6)["kind"] == "growth"


def test_the_second_place_of_a_comparison_names_its_own_figure() -> None:
    text = "1-8月，全县规上工业增加值增长9.2%，高于全国1.3、全省0.6个百分点。"
    assert fact_with(text, 0.6)["indicator"] == "规上工业增加值增速（高于全省）"


def test_members_said_in_clauses_of_their_own_before_fenbie_are_named_each() -> None:
    text = (
        "1-10月，全市规上工业增加值增长6.3%。重点行业中，纺织业，家具制造业，"
        "计算机、通信和其他电子设备制造业增加值分别增长4.1%、12.5%、20.8%。其中，食品制造业增长3.2%，"
        "造纸和纸制品业，化学原料和化学制品制造业分别下降2.4%，5.7%。"
    )
    assert [fact_with(text, v)["indicator"] for v in (4.1, 12.5, 20.8)] == [
        "纺织业增加值",
        "家具制造业增加值",
        "计算机、通信和其他电子设备制造业增加值",
    ]
    assert [fact_with(text, v)["indicator"] for v in (2.4, 5.7)] == [
        "造纸和纸制品业",
        "化学原料和化学制品制造业",
    ]


def test_clauses_that_say_something_are_no_members_of_the_list_after_them() -> None:
    text = "1-5月，全县规上工业增加值增长6.2%，排名全市第三，其中采矿业、制造业分别增长3.1%、7.4%。"
    assert [fact_with(text, v)["indicator"] for v in (3.1, 7.4)] == ["采矿业", "制造业"]


def test_a_list_said_to_share_one_figure_gives_it_to_every_member() -> None:
    text = "上半年，第一、二产业占比均下降0.8个百分点；城镇和农村居民人均可支配收入均增长6%。"
    assert [f["indicator"] for f in facts_with(text, 0.8)] == ["第一产业占比", "第二产业占比"]
    assert [f["indicator"] for f in facts_with(text, 6)] == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
    ]


def test_quarters_running_and_places_moved_are_no_figures() -> None:
    text = "一季度，全市地区生产总值增长5.9%，连续4个季度高于全省，增速排名比上年提高了3位。"
    assert [fact["value"] for fact in facts_of(text)] == [5.9]


def test_the_growth_coverage_is_named_after_the_sectors_counted() -> None:
    text = "1-7月，全县规模以上工业29个行业大类中有18个行业实现增长，增长面达62.1%。"
    assert fact_with(text, 62.1)["indicator"] == "规模以上工业行业大类增长面"


NOTICE = (
    "关于2024年县政府重点工作上半年推进情况的通报\n"
    "现将有关情况通报如下：\n"
    "一、总体情况\n"
    "2024年县政府确定重点工作86项，细化为214个具体事项。经督查，欠进度的有12个，占总数的5.6%；"
    "达进度的有190个，占总数的88.8%。\n"
    "二、项目推进情况\n"
    "截至6月底，挂钩重点工程项目中，建设工程31个，达到和基本达到计划进度25个，"
    "占比80.6%；当年累计完成投资21.4亿元，占年度计划投资46.3%。\n"
)


def test_a_count_of_a_state_is_named_after_what_the_total_counted() -> None:
    assert fact_with(NOTICE, 12)["indicator"] == "欠进度的具体事项"
    assert fact_with(NOTICE, 190)["indicator"] == "达进度的具体事项"
    assert fact_with(NOTICE, 25)["indicator"] == "达到和基本达到计划进度的建设工程"


def test_a_notice_counts_the_years_programme_and_its_progress_to_date() -> None:
    assert page(NOTICE)["document_kind"] == "notice"
    assert months(fact_with(NOTICE, 31))[1:] == (1, 12)
    assert months(fact_with(NOTICE, 25))[1:] == (6, 6)
    progress = fact_with(NOTICE, 46.3)
    assert (progress["kind"], progress["status"]) == ("completion", "actual")
    assert months(progress)[1:] == (6, 6)


def test_a_notice_on_the_years_targets_is_a_notice_and_dates_its_months() -> None:
    text = (
        "市政府督查室对《政府工作报告》确定的2023年重点工作上半年完成情况进行了督办。"
        "现将有关情况通报如下：\n（一）全市经济社会发展主要预期目标完成情况\n"
        "上半年，全市完成地区生产总值512.6亿元，增长6.8%。\n"
    )
    assert page(text)["document_kind"] == "notice"
    assert months(fact_with(text, 512.6)) == (2023, 1, 6)


def test_a_news_sites_dateline_makes_news_of_a_page_on_a_notice() -> None:
    text = (
        "某某网讯 近日，市政府督查室通报了十件民生实事上半年进展情况。截至6月底，"
        "28项细化任务中，已有5项提前完成。"
    )
    assert page(text)["document_kind"] == "news"
    assert months(fact_with(text, 28))[1:] == (1, 12)
    assert months(fact_with(text, 5))[1:] == (6, 6)


def test_what_is_planned_within_the_year_is_the_years_target() -> None:
    text = (
        "发布日期：2022-10-20\n1-9月，全市86个重点项目完成投资212.4亿元，年度计划完成率为88.5%。"
        "其中，计划年内完工项目21个，已完工14个；7、8月新开工项目9个。"
    )
    planned = fact_with(text, 21)
    assert (planned["status"], months(planned)) == ("target", (2022, 1, 12))
    assert months(fact_with(text, 14)) == (2022, 1, 9)
    assert months(fact_with(text, 9)) == (2022, 7, 8)


def test_a_pledges_parts_counted_right_after_it_are_the_years() -> None:
    text = "截至8月底，全县12项重点民生工程30个具体项目中，已完工9个，其余项目均按时间节点推进。"
    assert months(fact_with(text, 12))[1:] == (1, 12)
    assert months(fact_with(text, 30))[1:] == (1, 12)
    assert months(fact_with(text, 9))[1:] == (8, 8)
