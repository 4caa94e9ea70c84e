"""How reviews of a five-year plan and reports of sub-provincial cities write their figures:
growths averaged over the plan's years, a plan's target met at its end, a target beaten, and
the figures around them that are not the region's (a roll call, policies counted, a threshold
before a quoted name)."""

from __future__ import annotations

from typing import Any

import pytest

from jihua.extract import read_facts


def facts_of(body: str, report_year: int = 2015, plan_year: int = 2016) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(body, report_year, plan_year)]


def kinds(body: str) -> list[tuple[float, str]]:
    return [(f["value"], f["kind"]) for f in facts_of(body) if not f.get("rank")]


def figures(body: str) -> list[tuple[float, str | None]]:
    return [(f["value"], f["unit"]) for f in facts_of(body) if not f.get("rank")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("全县地区生产总值由2010年的86.2亿元增加到2015年的142.5亿元，年均增长10.6%。", 10.6),
        ("“十三五”时期，全市地区生产总值年均增长6.5%左右。", 6.5),
        ("社会消费品零售总额平均每年的增长幅度为9.2%，总量突破500亿元。", 9.2),
        ("固定资产投资每一年平均增长14.1%。", 14.1),
        ("2011-2012年全市经济平均年增速达12.8%。", 12.8),
    ],
    ids=["年均增长", "plan-period", "平均每年的增长幅度", "每一年平均增长", "平均年增速"],
)
def test_a_growth_averaged_over_the_years_is_a_comparison_not_the_years_growth(
    sentence: str, value: float
) -> None:
    assert (value, "other") in kinds(sentence + "\n")


def test_an_average_decline_over_the_years_is_negative() -> None:
    body = "五年来，单位地区生产总值能耗年均下降3.4%，超额完成省下达目标。\n"
    assert kinds(body) == [(-3.4, "other")]


def test_a_decline_of_a_yearly_mean_stays_a_growth() -> None:
    body = "全年细颗粒物年均浓度下降8.1%，空气质量优良天数比例达到92.3%。\n"
    assert kinds(body)[0] == (-8.1, "growth")


def test_the_share_of_a_five_year_plans_target_met_is_a_completion() -> None:
    body = "地区生产总值年均增长11.2%，完成“十二五”规划目标的103.5%；税收收入完成规划预期目标的98.6%。\n"
    assert kinds(body) == [(11.2, "other"), (103.5, "completion"), (98.6, "completion")]


def test_a_target_beaten_by_points_is_what_happened() -> None:
    body = REVIEW + "单位生产总值能耗累计下降17.3%，超额完成省考核目标1.3个百分点。\n"
    (decline, beaten) = facts_of(body)
    assert (decline["value"], decline["status"]) == (-17.3, "actual")
    assert (beaten["value"], beaten["kind"], beaten["status"]) == (1.3, "other", "actual")


REVIEW = "一、“十二五”时期工作回顾\n"


def test_the_roll_call_of_named_deputies_is_not_the_regions_figures() -> None:
    body = (
        "市十五届人大六次会议开幕，486名市人大代表出席会议，312名区政协委员列席会议。"
        "全市常住人口增加3.6万人。\n"
    )
    assert figures(body) == [(3.6, "万人")]


def test_policies_counted_in_items_are_not_figures() -> None:
    body = (
        "推出18项“免申即享”政策，出台12项惠企措施，全年新增市场主体4.3万户，"
        "完成项目32项，新建5个政策性粮库。\n"
    )
    assert figures(body) == [(4.3, "万户"), (32.0, "项"), (5.0, "个")]


def test_a_threshold_before_a_quoted_name_is_no_figure() -> None:
    body = "培育50亿元以上“链主”企业6家，全市规上工业增加值增长7.2%。\n"
    assert figures(body) == [(6.0, "家"), (7.2, "%")]


def test_a_capacity_per_year_keeps_its_unit() -> None:
    body = "全市炼油能力达到2800万吨/年，港口集装箱吞吐能力达到450万标箱/年。\n"
    assert figures(body) == [(2800.0, "万吨/年"), (450.0, "万标箱/年")]


@pytest.mark.parametrize(
    "body",
    [
        "主要目标：城镇登记失业率、居民消费价格指数分别控制在4.5%、3%以内。\n",
        "主要目标：居民消费价格指数控制在3%左右，城镇登记失业率控制在4.5%以内。\n",
    ],
    ids=["in-a-list", "alone"],
)
def test_a_price_indexs_percentage_is_its_rise_beside_a_rate(body: str) -> None:
    assert sorted(kinds(body)) == [(3.0, "growth"), (4.5, "level")]


def test_a_growth_said_from_one_month_to_another_is_a_growth_at_each_end() -> None:
    body = "上半年规上工业增加值增长4.1%，当月增速由3月的2.3%逐月回升至6.9%。\n"
    assert kinds(body) == [(4.1, "growth"), (2.3, "growth"), (6.9, "growth")]


def test_an_amount_reached_in_chinese_numerals_is_a_figure() -> None:
    body = "社会消费品零售总额突破四千二百亿元，货物进出口总额超过了八千亿元，地区生产总值突破千亿元大关。\n"
    assert figures(body) == [(4200.0, "亿元"), (8000.0, "亿元")]


def test_tasks_counted_in_chinese_numerals_are_a_count_and_a_programmes_name_is_not() -> None:
    body = "较好完成了年度目标和八项重点任务，十件民生实事全面兑现。\n"
    assert figures(body) == [(8.0, "项")]
