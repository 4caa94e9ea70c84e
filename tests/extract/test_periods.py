"""Periods, bases and the kinds of a year in progress, on sentences written as bulletins write them."""

from __future__ import annotations

from typing import Any

import pytest

from jihua.document import read_bytes
from jihua.extract import extract
from jihua.extract.periods import scan_periods


def extracted(text: str) -> dict[str, Any]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))


def facts_of(text: str) -> list[dict[str, Any]]:
    return [fact for fact in extracted(text)["facts"] if not fact.get("rank")]


def fact_with(text: str, value: float) -> dict[str, Any]:
    return next(fact for fact in facts_of(text) if abs(fact["value"] - value) < 1e-9)


def months(fact: dict[str, Any]) -> tuple[int, int]:
    return fact["period"]["from"], fact["period"]["to"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("1-6月", (1, 6)),
        ("1—6月", (1, 6)),
        ("1～6月份", (1, 6)),
        ("1至6月", (1, 6)),
        ("1月至6月", (1, 6)),
        ("元至六月", (1, 6)),
        ("1-11月", (1, 11)),
        ("一季度", (1, 3)),
        ("1季度", (1, 3)),
        ("第二季度", (4, 6)),
        ("四季度", (10, 12)),
        ("上半年", (1, 6)),
        ("下半年", (7, 12)),
        ("前三季度", (1, 9)),
        ("6月当月", (6, 6)),
        ("6月份", (6, 6)),
        ("10月单月", (10, 10)),
        ("6月末", (6, 6)),
        ("截至9月底", (9, 9)),
    ],
)
def test_each_way_of_stating_a_period_gives_its_months(
    words: str, expected: tuple[int, int]
) -> None:
    fact = fact_with(f"{words}，全县规模以上工业增加值同比增长8.6%。", 8.6)
    assert months(fact) == expected


def test_a_deadline_and_a_date_are_no_period() -> None:
    assert scan_periods("力争6月底前全面开工，7月23日召开会议") == []


def test_the_title_period_holds_until_another_is_stated() -> None:
    text = (
        "2024年1-9月某某区经济运行情况\n"
        "一、工业生产\n全区规模以上工业增加值同比增长7.2%。\n"
        "二、投资\n全区固定资产投资增长5.1%，其中工业投资增长12.3%。\n"
        "1-8月，规模以上工业企业实现营业收入320.5亿元，同比增长4.4%。\n"
    )
    facts = facts_of(text)
    assert [months(f) for f in facts] == [(1, 9), (1, 9), (1, 9), (1, 8), (1, 8)]
    assert {f["period"]["year"] for f in facts} == {2024}


def test_a_sentence_period_carries_on_to_the_next_sentences() -> None:
    text = (
        "上半年，全市实现地区生产总值1203.4亿元，同比增长5.9%。"
        "社会消费品零售总额增长6.3%。6月末，金融机构各项存款余额2650.1亿元，比年初增长7.5%。"
    )
    assert [months(f) for f in facts_of(text)] == [(1, 6), (1, 6), (1, 6), (6, 6), (6, 6)]


def test_a_period_compared_with_is_not_the_figures_period() -> None:
    text = "上半年，全区地区生产总值同比增长6.1%，增速比一季度加快0.4个百分点。工业投资增长9.0%。"
    growth, change, investment = facts_of(text)
    assert growth["basis"] == "yoy"
    assert months(change) == (1, 6)
    assert change["basis"] == "previous_period"
    assert months(investment) == (1, 6)


def test_the_year_comes_from_the_publishing_date() -> None:
    text = "发布日期：2024-07-19\n上半年，全县一般公共预算收入8.62亿元，同比增长3.5%。\n"
    fact = fact_with(text, 8.62)
    assert fact["period"] == {"year": 2024, "from": 1, "to": 6}


def test_a_december_bulletin_published_in_january_is_of_the_year_before() -> None:
    text = "发布时间：2025-01-21 09:30\n1-12月，全县规模以上工业增加值同比增长6.8%。\n"
    assert fact_with(text, 6.8)["period"] == {"year": 2024, "from": 1, "to": 12}


def test_the_year_stated_before_holds_and_a_compared_year_does_not() -> None:
    text = (
        "2023年全市重点项目年度投资计划860亿元。1-5月累计完成投资402.3亿元，比2022年同期增长9.4%。"
    )
    assert fact_with(text, 402.3)["period"] == {"year": 2023, "from": 1, "to": 5}
    assert fact_with(text, 860)["period"] == {"year": 2023, "from": 1, "to": 12}


def test_without_any_year_the_year_is_unknown() -> None:
    assert fact_with("前三季度，全区居民人均可支配收入28611元。", 28611)["period"]["year"] is None


def test_a_plan_report_period_holds_to_its_paragraphs_end() -> None:
    text = (
        "关于某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
        "一、2023年国民经济和社会发展计划执行情况\n"
        "前三季度，全县地区生产总值增长5.6%。\n"
        "全年地区生产总值预计增长6%左右。\n"
        "二、2024年国民经济和社会发展主要预期目标\n"
        "地区生产总值增长6.5%左右。\n"
    )
    nine_months, year, target = facts_of(text)
    assert nine_months["period"] == {"year": 2023, "from": 1, "to": 9}
    assert year["period"] == {"year": 2023, "from": 1, "to": 12}
    assert target["period"] == {"year": 2024, "from": 1, "to": 12}


def test_a_mid_year_reports_title_gives_its_months_to_paragraphs_stating_none() -> None:
    text = (
        "关于某某县2022年1-9月国民经济和社会发展 计划执行情况的报告\n"
        "一、主要经济指标完成情况\n"
        "——地区生产总值41.36亿元，同比增长4.2%。\n"
        "——规模以上工业增加值增长7.8%。\n"
        "二、全年目标\n"
        "全年地区生产总值增长6%左右。\n"
    )
    nine = {"year": 2022, "from": 1, "to": 9}
    assert [fact_with(text, value)["period"] for value in (41.36, 4.2, 7.8)] == [nine] * 3
    assert fact_with(text, 6)["period"] == {"year": 2022, "from": 1, "to": 12}


def test_a_period_in_a_plan_reports_opening_prose_is_not_its_title() -> None:
    text = (
        "关于某某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
        "今年上半年全区经济回升，计划执行情况总体良好。\n"
        "全区地区生产总值增长5.8%。\n"
    )
    assert fact_with(text, 5.8)["period"] == {"year": 2023, "from": 1, "to": 12}


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("1-6月，全区重点项目完成投资96.2亿元，完成年度计划的48.6%。", 48.6),
        ("1-6月，市级重点项目完成投资134亿元，占年计划投资的66.1%。", 66.1),
        ("1-6月，省列重点项目完成投资40亿元，占省下达年度投资计划的52%。", 52),
        ("1-6月，民生实事完成年度任务数的71.2%。", 71.2),
        ("一季度，重点项目完成投资31.4亿元，为年度投资计划的30.9%。", 30.9),
    ],
)
def test_progress_against_the_years_plan_is_completion(sentence: str, value: float) -> None:
    fact = fact_with(sentence, value)
    assert fact["kind"] == "completion"
    assert months(fact) != (1, 12)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("1-8月，重点项目完成投资占年计划的74%，超时间进度7.3个百分点。", 7.3),
        ("1-10月，项目累计完成投资占年度计划的97.2%，超过时间进度13.8个百分点。", 13.8),
        ("1-10月，市重点项目完成年度计划的85.1%，超均衡进度1.8个百分点。", 1.8),
        ("截至6月底，时间进度为50%。", 50),
        ("上半年，序时进度50%。", 50),
    ],
)
def test_the_time_line_is_time_progress(sentence: str, value: float) -> None:
    fact = fact_with(sentence, value)
    assert fact["kind"] == "time_progress"
    assert fact["basis"] is None


def test_behind_the_time_line_is_negative() -> None:
    fact = fact_with("1-9月，工业投资完成年度计划的68.2%，落后序时进度6.8个百分点。", -6.8)
    assert (fact["kind"], fact["value"]) == ("time_progress", -6.8)


@pytest.mark.parametrize(
    ("sentence", "value", "basis"),
    [
        ("1-6月，全县地区生产总值同比增长5.5%。", 5.5, "yoy"),
        ("1-6月，全县地区生产总值增长5.5%。", 5.5, "yoy"),
        ("1-6月，第一产业完成投资比上年同期下降6.6%。", -6.6, "yoy"),
        ("6月当月，规模以上工业增加值环比增长0.8%。", 0.8, "previous_period"),
        ("1-6月，固定资产投资增速比1-5月回落0.3个百分点。", -0.3, "previous_period"),
        ("上半年，社会消费品零售总额增速较一季度提高1.2个百分点。", 1.2, "previous_period"),
        ("三季度，地区生产总值增速比上半年高1.5个百分点。", 1.5, "previous_period"),
        ("截至6月末，各项存款余额比年初增长4.8%。", 4.8, None),
        ("上半年，全区地区生产总值增长6.8%，高于全市0.5个百分点。", 0.5, None),
        ("上半年，全区实现地区生产总值412.6亿元。", 412.6, None),
    ],
)
def test_basis_tells_the_same_period_from_the_previous_one(
    sentence: str, value: float, basis: str | None
) -> None:
    assert fact_with(sentence, value)["basis"] == basis


@pytest.mark.parametrize(
    "sentence",
    [
        "1-10月，全县规模以上工业增加值两年平均增长6.1%。",
        "前三季度，固定资产投资两年平均增长15.5%。",
    ],
)
def test_two_year_averages_are_marked(sentence: str) -> None:
    fact = next(f for f in facts_of(sentence) if f.get("average_years"))
    assert (fact["average_years"], fact["basis"]) == (2, "yoy")


def test_a_plain_growth_is_no_average() -> None:
    assert "average_years" not in fact_with("1-10月，全县技改投资增长28.5%。", 28.5)


def test_a_section_stating_no_period_goes_on_with_the_opening_one() -> None:
    text = (
        "一季度，全县实现地区生产总值61.3亿元，同比增长5.0%。\n"
        "一、服务业\n1-2月，全县规上服务业实现营业收入4.1亿元，比上年下降2.3%。\n"
        "3月末，全县金融机构存款余额512.6亿元，增长7.1%。\n"
        "二、居民收入\n全县居民人均可支配收入8120元，增长5.6%。\n"
    )
    periods = {fact["value"]: months(fact) for fact in facts_of(text)}
    assert periods[61.3] == (1, 3)
    assert periods[4.1] == periods[-2.3] == (1, 2)
    assert periods[512.6] == periods[7.1] == (3, 3)
    assert periods[8120] == periods[5.6] == (1, 3)


def test_a_months_end_holds_to_its_paragraph_only() -> None:
    text = (
        "1-9月，全区固定资产投资增长4.2%。\n"
        "9月末，金融机构贷款余额882.4亿元。\n"
        "全区社会消费品零售总额增长5.9%。\n"
    )
    assert [months(f) for f in facts_of(text)] == [(1, 9), (9, 9), (1, 9)]


def test_a_bare_page_date_gives_the_year() -> None:
    text = "1-11月，全区一般公共预算收入14.6亿元，同比增长-12.1%。\n时间:2025-02-25 14:56 浏览量:\n"
    assert fact_with(text, 14.6)["period"] == {"year": 2024, "from": 1, "to": 11}


def test_a_comparison_with_last_years_whole_year_is_no_period_of_this_one() -> None:
    fact = fact_with("一季度，全市服务业增加值同比增长4.7%，较去年全年提高0.3个百分点。", 0.3)
    assert (months(fact), fact["basis"]) == ((1, 3), "previous_period")


def test_the_years_arrangement_in_a_progress_report_is_the_whole_year() -> None:
    text = "今年全区安排重点项目77宗，年度投资计划114亿元，1-10月累计完成投资105.4亿元。"
    assert months(fact_with(text, 77)) == months(fact_with(text, 114)) == (1, 12)
    assert months(fact_with(text, 105.4)) == (1, 10)


def test_a_contribution_in_points_is_no_change_of_the_figure() -> None:
    fact = fact_with("上半年，制造业增长3.4%，拉动全县规上工业增加值增速2.4个百分点。", 2.4)
    assert (fact["kind"], fact["basis"]) == ("other", None)


def test_points_listed_for_two_places_are_both_points() -> None:
    text = "一季度，全市规模以上工业增加值同比增长6.1%，分别高于全省、全国0.2个、3.1个百分点。"
    units = {fact["value"]: fact["unit"] for fact in facts_of(text)}
    assert units[0.2] == units[3.1] == "个百分点"


def test_a_count_before_its_clause_states_the_period_takes_that_period() -> None:
    text = "1-10月累计完成投资105.4亿元。17宗省重点项目1-11月完成投资54.59亿元。"
    assert months(fact_with(text, 17)) == months(fact_with(text, 54.59)) == (1, 11)
    assert months(fact_with(text, 105.4)) == (1, 10)


def test_a_year_said_alone_in_the_sentence_is_the_whole_year() -> None:
    text = (
        "前三季度我市民生实事加快推进\n"
        "2025年，省政府民生实事共有12类45件，截至三季度末，其中24个事项已提前完成全年任务。"
        "已完成投资11.54亿元，完成年度总投资的88.76%。\n"
    )
    periods = {fact["value"]: fact["period"] for fact in facts_of(text)}
    assert periods[45] == {"year": 2025, "from": 1, "to": 12}
    assert periods[24] == {"year": 2025, "from": 9, "to": 9}
    assert periods[11.54] == periods[88.76] == {"year": 2025, "from": 1, "to": 9}


def test_progress_against_the_years_total_investment_is_completion() -> None:
    assert fact_with("已完成投资28.54亿元，完成年度总投资的87.7%。", 87.7)["kind"] == "completion"


def test_a_title_saying_about_a_month_is_that_months_period() -> None:
    text = "关于2023年10月份民生实事项目进展情况的通报\n截至10月31日，已完成26件，完成率40%。\n"
    assert fact_with(text, 40)["period"] == {"year": 2023, "from": 10, "to": 10}


def test_a_lost_comma_does_not_give_the_next_period_to_the_figure_before() -> None:
    text = "6月份，规模以上工业实现增加值1269.3亿元，同比增长5.8%1-6月份，规模以上工业增加值同比增长5.0%。"
    assert months(fact_with(text, 5.8)) == (6, 6)
    assert months(fact_with(text, 5.0)) == (1, 6)


def test_a_bare_change_after_one_against_an_earlier_period_shares_its_basis() -> None:
    text = (
        "6月份，采矿业增加值同比增长2.7%，增速较5月份回落0.3个百分点；"
        "制造业增长6.0%，回落0.6个百分点。6月份，产品销售率97.8%，下降0.9个百分点。"
    )
    bases = {fact["value"]: fact["basis"] for fact in facts_of(text)}
    assert bases[-0.3] == bases[-0.6] == "previous_period"
    assert bases[-0.9] == "yoy"


@pytest.mark.parametrize(
    ("words", "expected"), [("前7个月", (1, 7)), ("前两个月", (1, 2)), ("前十一个月", (1, 11))]
)
def test_the_first_months_of_the_year_are_a_cumulative_period(
    words: str, expected: tuple[int, int]
) -> None:
    text = f"某某县统计局\n{words}，全县规模以上工业增加值同比增长6.4%。\n"
    assert months(fact_with(text, 6.4)) == expected


def test_a_month_aside_holds_to_its_paragraph_then_the_cumulative_period_resumes() -> None:
    text = (
        "前8个月全市经济运行平稳\n"
        "前8个月，全市规模以上工业增加值同比增长5.6%。从月度看，8月份增长4.9%，较7月份加快0.3个百分点。\n"
        "分行业看，汽车制造业增长12.1%，医药制造业增长7.7%。\n"
    )
    assert months(fact_with(text, 5.6)) == (1, 8)
    assert months(fact_with(text, 4.9)) == (8, 8)
    assert months(fact_with(text, 12.1)) == (1, 8)
    assert months(fact_with(text, 7.7)) == (1, 8)


def test_progress_to_a_months_end_holds_for_its_paragraph() -> None:
    text = (
        "某某市重点项目建设情况\n"
        "截至9月底，全市156个重点项目完成投资312.4亿元，占年度计划的78.1%。"
        "其中，42个省重点项目完成投资140.2亿元。\n"
        "全年计划完成投资400亿元。\n"
    )
    assert months(fact_with(text, 312.4)) == (9, 9)
    assert months(fact_with(text, 140.2)) == (9, 9)
    assert months(fact_with(text, 400)) == (1, 12)


def test_a_year_ending_a_range_is_not_the_year_of_a_period() -> None:
    text = (
        "1-9月，某某县固定资产投资同比增长8.3%。\n"
        "相关新闻：2001年至2019年，某某县连续举办茶博会。\n"
    )
    assert fact_with(text, 8.3)["period"]["year"] != 2019


def test_this_month_said_after_a_cumulative_period_is_that_month_alone() -> None:
    text = "1-8月,全县规模以上工业实现产值88.6亿元,同比增长7.1%,其中当月实现产值11.9亿元,增长5.2%。"
    assert months(fact_with(text, 88.6)) == (1, 8)
    assert months(fact_with(text, 11.9)) == (8, 8)
    assert months(fact_with(text, 5.2)) == (8, 8)


def test_cumulation_said_after_a_month_alone_runs_from_january() -> None:
    text = (
        "前10个月全市规上工业产值增长6.0%。\n"
        "其中10月份当月完成产值52.4亿元,同比增长8.3%;累计完成产值486.1亿元,同比增长6.0%。"
    )
    assert months(fact_with(text, 52.4)) == (10, 10)
    assert months(fact_with(text, 486.1)) == (1, 10)


def test_bare_month_opening_a_bulletins_sentence_is_that_month() -> None:
    text = (
        "据县统计局统计,今年5月全县实现规上工业产值18.2亿元,同比负增长2.6%;"
        "1-5月累计完成规上工业产值80.4亿元。"
    )
    assert months(fact_with(text, 18.2)) == (5, 5)
    assert fact_with(text, -2.6)["kind"] == "growth"
    assert months(fact_with(text, -2.6)) == (5, 5)
    assert months(fact_with(text, 80.4)) == (1, 5)


def test_a_date_or_a_deadline_is_no_bare_month() -> None:
    text = "上半年,全县新签约项目12个。6月3日召开推进会,要求6月底前完成投资5亿元。"
    assert months(fact_with(text, 12)) == (1, 6)
    assert months(fact_with(text, 5)) == (1, 6)


def test_pledged_livelihood_programme_under_a_months_notice_is_the_whole_year() -> None:
    text = (
        "关于2024年9月份民生实事项目进展情况的通报\n"
        "办好40件民生实事是县政府的庄严承诺。截至9月30日,40件民生实事已完成22件。"
    )
    assert months(fact_with(text, 40)) == (1, 12)
    assert months(fact_with(text, 22)) == (9, 9)


def test_projects_stated_with_the_years_plan_are_the_whole_year() -> None:
    text = (
        "1-6月份,全县重点项目建设有序推进。其中亿元以上项目38个,总投资210.5亿元,"
        "年度计划完成投资41.2亿元,1-6月份累计完成投资25.7亿元。"
        "150个市级重点项目完成投资60.3亿元。"
    )
    assert months(fact_with(text, 38)) == (1, 12)
    assert months(fact_with(text, 210.5)) == (1, 12)
    assert months(fact_with(text, 25.7)) == (1, 6)
    assert months(fact_with(text, 150)) == (1, 6)  # progress follows the count


def test_progress_to_date_in_a_sentence_opening_with_a_year_keeps_the_months_end() -> None:
    text = (
        "截至9月底,项目开累完成投资96.3亿元。"
        "2023年计划完成投资40亿元,年度累计完成投资31.5亿元,年度投资完成率78.8%。"
    )
    assert months(fact_with(text, 40)) == (1, 12)
    assert months(fact_with(text, 31.5)) == (9, 9)
    assert months(fact_with(text, 78.8)) == (9, 9)


def test_a_period_opening_an_aside_in_brackets_holds_to_the_closing_bracket() -> None:
    text = (
        "关于某某旗2022年上半年国民经济和社会发展计划执行情况的报告\n"
        "上半年，全旗限额以上固定资产投资完成8.2亿元，同比增长41.3%（1-7月份，限额以上固定资产投资"
        "完成10.6亿元，同比增长52.1%）；一般公共预算收入完成3.9亿元，同比增长12.4%；城镇常住居民"
        "人均可支配收入完成19215元。\n"
    )
    half = (1, 6)
    assert [months(fact_with(text, value)) for value in (8.2, 41.3)] == [half, half]
    assert [months(fact_with(text, value)) for value in (10.6, 52.1)] == [(1, 7), (1, 7)]
    assert [months(fact_with(text, value)) for value in (3.9, 12.4, 19215)] == [half, half, half]


def test_a_period_in_brackets_alone_is_the_period_of_the_figure_after_it() -> None:
    text = "某某区统计局\n全区固定资产投资（1-11月）同比增长10.4%，社会消费品零售总额增长6.1%。\n"
    assert months(fact_with(text, 10.4)) == (1, 11)
