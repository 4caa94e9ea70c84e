"""Progress pages state how much of the year's plan is done in ways a rate does not name:
a list of places or sectors after the plan is named, a target in brackets or an amount between
the plan and the rate, and the share of the works done."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def facts_of(text: str) -> list[dict[str, Any]]:
    found = extract(read_bytes(text.encode("utf-8"), "page.txt"))["facts"]
    return [fact for fact in found if not fact.get("rank")]


def fact_with(text: str, value: float) -> dict[str, Any]:
    return next(fact for fact in facts_of(text) if abs(abs(fact["value"]) - value) < 1e-9)


def test_a_list_of_places_after_progress_against_the_plan_is_of_completions() -> None:
    text = (
        "1-9月，全市在建重点项目完成投资612.4亿元，占年度计划81.3%。各县区在建项目完成投资"
        "均超过序时进度，分别为：城关86.1%、东坡84.2%、西湖79.9%。6个行业完成年度投资计划比例"
        "均超过序时进度，分别是88%、83.5%和77.4%。\n"
    )
    for value in (81.3, 86.1, 84.2, 79.9, 88, 83.5, 77.4):
        assert fact_with(text, value)["kind"] == "completion", value


def test_a_plain_list_of_shares_stays_what_it_was() -> None:
    text = "1-9月，全市三次产业结构分别为：第一产业8.1%、第二产业41.6%、第三产业50.3%。\n"
    assert fact_with(text, 41.6)["kind"] != "completion"


def test_a_rate_after_the_targets_in_brackets_or_the_task_amount_is_a_completion() -> None:
    text = (
        "截至9月底，累计新建充电桩426个、改造燃气管网31.2公里，分别完成年度目标（新建充电桩"
        "500个、改造燃气管网45公里）的85.2%、69.3%。1-10月份完成规模工业增加值8624万元，"
        "占任务数13200万元的65.3%。\n"
    )
    for value in (85.2, 69.3, 65.3):
        assert fact_with(text, value)["kind"] == "completion", value


def test_the_share_of_the_works_done_is_a_completion_but_a_target_share_is_not() -> None:
    text = (
        "截至9月底，老旧小区改造累计完成总工程量72.4%，其中城南区完成96%，其他地区完成45%以上。"
        "全市新增护理型床位812张，提前完成60%的年度目标。\n"
    )
    for value in (72.4, 96, 45):
        assert fact_with(text, value)["kind"] == "completion", value
    assert fact_with(text, 60)["kind"] != "completion"


def test_a_narrowing_decline_is_a_negative_change() -> None:
    text = "1-2月，全区规模以上工业增加值同比下降5.2%，降幅较去年同期缩窄2.3个百分点。\n"
    change = fact_with(text, 2.3)
    assert change["kind"] == "change" and change["value"] == -2.3


def test_the_places_a_rank_is_said_after_have_growths_of_their_own() -> None:
    text = (
        "1-11月，全市实现地区生产总值5123.4亿元，增长7.6%，居全省第3位，次于福州(8.2%)、"
        "漳州(7.9%)。\n"
    )
    for value in (8.2, 7.9):
        fact = fact_with(text, value)
        assert fact["kind"] == "growth" and fact["basis"] == "yoy", value


def test_a_growth_against_an_earlier_year_named_after_the_years_own_is_a_comparison() -> None:
    text = (
        "1-11月，全市固定资产投资同比下降6.1%，比2019年1-11月增长2.4%，两年平均增长1.2%。"
        "社会消费品零售总额增长9.8%，比2019年同期增长11.0%。\n"
    )
    for value in (2.4, 11.0):
        fact = fact_with(text, value)
        assert fact["kind"] == "other" and fact["basis"] is None, value
    assert fact_with(text, 6.1)["kind"] == "growth"


def test_a_growth_on_a_year_named_alone_is_still_a_growth() -> None:
    text = "2021年，全县地区生产总值比2020年增长7.2%。\n"
    assert fact_with(text, 7.2)["kind"] == "growth"


def test_targets_said_in_brackets_after_the_target_or_as_the_task_amount() -> None:
    text = (
        "截至9月底，累计完成心理健康讲座64场，已超额完成年度目标（40场）的160%。累计改造供热"
        "管网18.6公里，超额完成9月份设置的15公里的节点目标，分别完成年度目标（改造锅炉120台、"
        "供热管网改造30公里）的72.5%、62.0%。1-10月份完成固定资产投资18620万元，占任务数"
        "21000万元的88.7%。\n"
    )
    for value in (40, 15, 120, 30, 21000):
        assert fact_with(text, value)["status"] == "target", value
    for value in (64, 18.6, 72.5, 62.0, 18620, 88.7):
        assert fact_with(text, value)["status"] == "actual", value


def test_rates_named_targets_at_the_end_of_their_list_are_targets() -> None:
    text = (
        "1至5月，累计完成投资88.4亿元，完成年度计划投资的46.4%。纳入省重点项目计划的在建项目，"
        "按照上半年计划投资完成率60%、年度投资计划完成率120%以上的目标。\n"
    )
    for value in (60, 120):
        fact = fact_with(text, value)
        assert fact["kind"] == "completion" and fact["status"] == "target", value
    assert fact_with(text, 46.4)["status"] == "actual"
