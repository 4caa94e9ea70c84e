"""Bulletins of the kinds 159–173 brought: a period alone in brackets after a figure, progress
``截至8月`` said bare, targets set for part of the year (``占上半年目标任务的94%``), a year's end
compared with, a release signed with its date, pulls down and shares of a whole, a province
named without its level in a title, a zone's kind and a comparison that are no region, and
project news that opens with 固定资产投资."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def page(text: str) -> dict[str, Any]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))


def fact_with(text: str, value: float) -> dict[str, Any]:
    facts = [f for f in page(text)["facts"] if not f.get("rank") and f["value"] == value]
    assert facts, value
    return facts[0]


def months(fact: dict[str, Any]) -> tuple[int | None, int, int]:
    period = fact["period"]
    return period["year"], period["from"], period["to"]


YEAR_WITH_AN_ASIDE = (
    "2019年,全区预计实现地区生产总值856亿元,同比增长5.1%。\n"
    "一、服务业较快增长。全区规模以上服务业营业收入86.4亿元(1-11月),同比增长12.3%。"
    "分行业看,软件和信息技术服务业营业收入41.2亿元,增长15.6%。\n"
    "二、消费平稳增长。全区社会消费品零售总额402.7亿元,同比增长6.6%。\n"
)


def test_a_period_alone_in_brackets_after_a_figure_holds_to_its_paragraph() -> None:
    assert months(fact_with(YEAR_WITH_AN_ASIDE, 86.4)) == (2019, 1, 11)
    assert months(fact_with(YEAR_WITH_AN_ASIDE, 41.2)) == (2019, 1, 11)
    assert months(fact_with(YEAR_WITH_AN_ASIDE, 402.7)) == (2019, 1, 12)
    assert months(fact_with(YEAR_WITH_AN_ASIDE, 6.6)) == (2019, 1, 12)


PROJECTS_TO_A_BARE_MONTH = (
    "前三季度,全州规模以上固定资产投资预计同比增长15%。"
    "截至8月,州级212项重点建设项目共开复工180项,完成投资96.3亿元,完成年度投资计划的58.2%。"
    "其中,交通方面开复工26项,完成投资31.5亿元。\n"
)


def test_progress_to_a_month_said_bare_is_the_months_to_date() -> None:
    assert months(fact_with(PROJECTS_TO_A_BARE_MONTH, 15.0))[1:] == (1, 9)
    for value in (180.0, 96.3, 58.2, 31.5):
        assert months(fact_with(PROJECTS_TO_A_BARE_MONTH, value))[1:] == (1, 8), value
    # the programme whose part has started is the year's
    assert months(fact_with(PROJECTS_TO_A_BARE_MONTH, 212.0))[1:] == (1, 12)


TARGETS_OF_PART_OF_THE_YEAR = (
    "1-5月,全市30个省重点项目完成投资42.7亿元,占年度目标任务38.2%;"
    "180个市重点项目完成投资151.3亿元,占上半年目标任务的91%;"
    "其中新开工项目完成投资12.4亿元,占上半年目标任务76.3%。\n"
)


def test_progress_against_a_target_set_for_part_of_the_year_is_completion_of_the_months() -> None:
    for value in (38.2, 91.0, 76.3):
        fact = fact_with(TARGETS_OF_PART_OF_THE_YEAR, value)
        assert (fact["kind"], fact["status"]) == ("completion", "actual"), value
        assert months(fact)[1:] == (1, 5), value
    for value in (151.3, 12.4):  # 上半年 names the target, not the figures' months
        assert months(fact_with(TARGETS_OF_PART_OF_THE_YEAR, value))[1:] == (1, 5)


def test_a_year_end_compared_with_is_no_period() -> None:
    text = "1至9月,全区实现固定资产投资57.3亿元,增长2.1%。截至9月,全区市场主体存量为24150户,较2023年末净增3120户。\n"
    assert months(fact_with(text, 3120.0)) == (None, 1, 9)


SIGNED_RELEASE = (
    "第三季度,我市实现生产总值182.6亿元,同比增长6.1%。\n"
    "(一)规模以上工业运行平稳\n"
    "1-9月,我市规模以上工业增加值同比增长8.4%,剔除个别高增长月份外,基本保持平稳运行。\n"
    "(二)固定资产投资稳中有升\n"
    "1-9月,我市固定资产投资同比增长11.2%,增长速度比第二季度快1.3个百分点。\n"
    "(三)消费市场平稳\n"
    "1-9月,我市社会消费品零售总额增长9.6%,其中通过公共网络实现的商品销售增长较快,"
    "推动消费市场向新业态、新商业模式不断发展。\n"
    "(四)地方一般公共预算收入稳中向好\n"
    "1-9月,全市地方一般公共预算收入实现15.2亿元,同比增长7.7%,增速比第二季度加快0.8个百分点。\n"
    "安平市统计局\n"
    "2019年10月22日\n"
)


def test_a_release_signed_with_its_date_takes_its_year() -> None:
    assert months(fact_with(SIGNED_RELEASE, 182.6)) == (2019, 7, 9)
    assert months(fact_with(SIGNED_RELEASE, 8.4)) == (2019, 1, 9)


def test_the_amount_compared_with_a_year_before_is_the_year_befores() -> None:
    text = (
        "2018年,我县计划完成固定资产投资70亿元。截止9月底,固定资产投资完成52.6亿元,"
        "比去年同期48.1亿元增加了4.5亿元,同比增长9.4%。\n"
    )
    assert months(fact_with(text, 48.1)) == (2017, 9, 9)
    assert months(fact_with(text, 52.6)) == (2018, 9, 9)


INDUSTRY = (
    "1-8月,全区规上工业产值增长3.0%。纺织业产值下降8.1%,下拉规上工业产值增速0.9个百分点;"
    "医药制造业产值增长12.6%,拉动规上工业产值增长1.4个百分点。"
    "高技术制造业增加值同比增长7.2%,总量占全区规上工业增加值41.3%。"
    "省、市级重点项目投资完成率分别为45.1%、39.6%。"
    "通过公共网络实现的商品销售增长速度达3.2倍。"
    "全区完成投资61.2亿元,完成预计目标的78.4%。\n"
)


def test_a_pull_down_is_negative_and_a_pull_up_positive() -> None:
    assert fact_with(INDUSTRY, -0.9)["kind"] == "other"
    assert fact_with(INDUSTRY, 1.4)["kind"] == "other"


def test_a_part_of_the_whole_named_after_占全区_is_a_share() -> None:
    assert fact_with(INDUSTRY, 41.3)["kind"] == "share"


def test_completion_rates_said_in_a_list_are_completions() -> None:
    assert fact_with(INDUSTRY, 45.1)["kind"] == "completion"
    assert fact_with(INDUSTRY, 39.6)["kind"] == "completion"


def test_a_growth_rate_reaching_a_multiple_is_a_growth() -> None:
    fact = fact_with(INDUSTRY, 3.2)
    assert (fact["kind"], fact["basis"]) == ("growth", "yoy")


def test_the_target_expected_is_no_estimate() -> None:
    fact = fact_with(INDUSTRY, 78.4)
    assert fact["kind"] == "completion" and fact["qualifier"] is None


def test_a_province_named_without_its_level_in_a_title_is_the_region() -> None:
    text = "湖南一季度56个省重点项目开工\n今年一季度,全省56个省重点项目开工建设,完成投资412亿元。\n"
    assert page(text)["region"] == "湖南省"
    text = "原标题:9月广西规上工业增加值同比增长4.2%\n9月,全区规模以上工业增加值同比增长4.2%。\n"
    assert page(text)["region"] == "广西壮族自治区"


def test_a_zones_kind_and_a_comparisons_words_are_no_region() -> None:
    zone = "1-10月,示范区规上工业增加值增长14.3%。\n1-10月,示范区固定资产投资下降10.9%。\n"
    assert page(zone)["region"] is None
    compared = "上半年,全市规模以上工业增加值增长13%,高于市政府下达目标4个百分点。\n"
    assert page(compared)["region"] is None


def test_a_page_titled_on_projects_opening_with_investment_is_news() -> None:
    text = (
        "全县1-8月项目投资进展顺利\n"
        "截止8月份,全县固定资产投资完成86.2亿元,同比增长12.4%。重点项目96个,计划投资88.1亿元,"
        "完成投资61.7亿元,占年度计划的70.0%。\n"
    )
    assert page(text)["document_kind"] == "news"
    release = (
        "全县1-8月经济运行情况\n1-8月,全县规模以上工业增加值增长6.1%,固定资产投资同比增长12.4%。\n"
    )
    assert page(release)["document_kind"] == "bulletin"


def test_sessions_held_are_counted_and_a_projects_phase_is_not() -> None:
    text = "截至9月底,累计开展急救技能培训23期,共举办创业培训班12期。全年计划推进2期工程建设。\n"
    counted = {(f["value"], f["unit"]) for f in page(text)["facts"]}
    assert {(23.0, "期"), (12.0, "期")} <= counted
    assert (2.0, "期") not in counted
