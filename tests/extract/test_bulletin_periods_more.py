"""More ways a bulletin says which months a figure covers: a month aside said once, a month's
end that goes on through its balances, a list of periods compared with, the year's programme
counted with a part of it done, and the whole year a paragraph opens with."""

from __future__ import annotations

from typing import Any

import pytest

from jihua.document import read_bytes
from jihua.extract import extract


def facts_of(text: str) -> list[dict[str, Any]]:
    found = extract(read_bytes(text.encode("utf-8"), "page.txt"))["facts"]
    return [fact for fact in found if not fact.get("rank")]


def fact_with(text: str, value: float) -> dict[str, Any]:
    """The fact of ``value``, a decline (``回落2.1``) found by its size."""
    return next(fact for fact in facts_of(text) if abs(abs(fact["value"]) - value) < 1e-9)


def months(fact: dict[str, Any]) -> tuple[int, int]:
    return fact["period"]["from"], fact["period"]["to"]


def test_a_month_said_aside_holds_to_its_sentence_and_the_cumulative_months_resume() -> None:
    text = (
        "1-9月份，全市规上工业增加值同比增长6.4%，较1-8月份提高0.2个百分点。9月当月全市规上"
        "工业增速8.1%。全市三大门类中，制造业增长7.3%，较1-8月提高0.4个百分点。"
    )
    assert months(fact_with(text, 8.1)) == (9, 9)
    assert months(fact_with(text, 7.3)) == months(fact_with(text, 0.4)) == (1, 9)


def test_a_sentence_opening_with_qizhong_goes_on_with_the_month_aside() -> None:
    text = (
        "1-9月，全县规上工业增加值增长5.2%。9月当月，规上工业增加值增长6.6%。其中，制造业增长7.9%。"
    )
    assert months(fact_with(text, 7.9)) == (9, 9)


def test_a_months_end_goes_on_through_the_balances_that_follow() -> None:
    text = (
        "1-9月，全县财政总收入12.4亿元，增长3.3%。\n"
        "9月末，全县金融机构存款余额356.2亿元，同比增长9.1%。其中，住户存款余额241.7亿元，"
        "增长11.4%。各项贷款余额268.9亿元，增长8.7%。全县一般公共预算支出21.5亿元。\n"
    )
    for value in (356.2, 241.7, 11.4, 268.9, 8.7):
        assert months(fact_with(text, value)) == (9, 9), value
    assert months(fact_with(text, 21.5)) == (1, 9)


def test_every_member_of_a_list_of_periods_after_bi_is_compared_with() -> None:
    text = (
        "2023年1-11月，全市限额以上单位汽车类零售额同比增长12.6%，增速比当年上半年、"
        "前三季度和1-10月分别加快5.1个、2.3个和0.8个百分点。"
    )
    for value in (5.1, 2.3, 0.8):
        fact = fact_with(text, value)
        assert (months(fact), fact["basis"]) == ((1, 11), "previous_period"), value


def test_a_whole_year_compared_with_is_not_the_figures_period() -> None:
    text = "1-8月，全县规模以上工业增加值增长9.4%，分别较去年同期和去年全年回落2.1、1.6个百分点。"
    assert months(fact_with(text, 2.1)) == months(fact_with(text, 1.6)) == (1, 8)


@pytest.mark.parametrize(
    ("sentence", "programme", "done"),
    [
        ("截至8月底，全县12个养老服务站建设已完成9个。", 12, 9),
        ("上半年全市86项新建项目实现开工61个，开工率70.9%。", 86, 61),
        ("1—8月，全省312个计划新开工项目中278个项目开工建设。", 312, 278),
        ("截至8月底，40条农村公路改造已完成31条。", 40, 31),
    ],
)
def test_a_count_with_a_part_of_it_done_is_the_years_programme(
    sentence: str, programme: int, done: int
) -> None:
    assert months(fact_with(sentence, programme)) == (1, 12)
    assert months(fact_with(sentence, done)) != (1, 12)


def test_the_years_tasks_counted_under_a_quarter_are_the_whole_year() -> None:
    text = "前三季度，全县《政府工作报告》确定的98项目标任务推进有序，81项达到序时进度要求。"
    assert months(fact_with(text, 98)) == (1, 12)
    assert months(fact_with(text, 81)) == (1, 9)


def test_a_count_of_industries_that_grew_keeps_the_period() -> None:
    text = "1-7月，全区31个大类行业中有19个行业增加值同比增长。"
    assert months(fact_with(text, 31)) == months(fact_with(text, 19)) == (1, 7)


def test_a_year_opening_a_paragraph_is_the_whole_year_to_the_paragraphs_end() -> None:
    text = (
        "上半年重大项目建设稳步推进\n"
        "2024年，全市共安排市重点项目212项，年度计划投资960亿元。其中，计划新开工项目58项。"
        "安排储备项目35项。\n"
        "上半年，市重点项目完成投资512.3亿元，完成全年计划的53.4%。\n"
    )
    for value in (212, 58, 35):
        assert fact_with(text, value)["period"] == {"year": 2024, "from": 1, "to": 12}, value
    assert fact_with(text, 512.3)["period"] == {"year": 2024, "from": 1, "to": 6}


def test_a_year_opening_a_paragraph_gives_way_to_a_period_said_after_it() -> None:
    text = "2024年，全市民生实事共30件。截至三季度末，已完成投资8.6亿元，完成年度总投资的71.2%。"
    assert months(fact_with(text, 30)) == (1, 12)
    assert months(fact_with(text, 8.6)) == (9, 9)


def test_the_monthly_view_under_a_cumulative_period_is_the_month_alone() -> None:
    text = (
        "前8个月，全市规上工业增加值增长5.1%。从累计增速看，有9个行业增幅扩大。"
        "从月度增速看，有6个行业增幅扩大，4个行业降幅收窄。"
    )
    assert months(fact_with(text, 9)) == (1, 8)
    assert months(fact_with(text, 6)) == months(fact_with(text, 4)) == (8, 8)


def test_a_change_against_a_named_month_is_on_the_previous_period() -> None:
    fact = fact_with("11月，全省规上工业增加值同比增长4.9%，比10月回落0.7个百分点。", 0.7)
    assert (fact["value"], fact["basis"]) == (-0.7, "previous_period")


def test_a_change_on_the_same_month_a_year_before_is_yoy() -> None:
    text = "4月份，全省规上工业增加值增长6.2%，比上年同月加快0.4个百分点，高于去年同期0.9个百分点。"
    for value in (0.4, 0.9):
        fact = fact_with(text, value)
        assert (fact["kind"], fact["basis"]) == ("change", "yoy"), value


def test_a_slowdown_is_a_decline() -> None:
    fact = fact_with("1-8月，全市社会消费品零售总额增长6.1%，增速较上月放缓0.3个百分点。", 0.3)
    assert fact["value"] == -0.3


def test_a_two_year_average_decline_is_negative() -> None:
    fact = fact_with("上半年，全县原煤产量同比下降3.2%，两年平均下降4.6%。", 4.6)
    assert (fact["value"], fact.get("average_years")) == (-4.6, 2)


def test_a_bare_yi_after_an_amount_of_money_is_in_yuan() -> None:
    assert fact_with("前三季度，全县完成生产总值48.3亿，增长6.9%。", 48.3)["unit"] == "亿元"


def test_a_rank_moved_by_places_is_no_count() -> None:
    text = "7月份，全市规上工业增加值增长5.2%，居全省第9位，较6月份提高3个位次。"
    assert all(fact["unit"] != "个" for fact in facts_of(text))


def test_a_size_threshold_defined_in_parentheses_is_no_figure() -> None:
    text = "9月份，全国规模以上工业企业（年主营业务收入2000万元及以上的企业）增加值同比增长6.1%。"
    assert [fact["value"] for fact in facts_of(text)] == [6.1]


def test_progress_counted_to_a_day_is_that_months() -> None:
    text = "2024年县政府常务会议确定事项18件，截至7月20日，已办结11件，占比61%。"
    assert months(fact_with(text, 11)) == months(fact_with(text, 61)) == (7, 7)
    assert months(fact_with(text, 18)) == (1, 12)


def test_counts_in_a_sentence_that_says_this_year_are_the_years_programme() -> None:
    text = (
        "前三季度，全市重点项目完成投资212亿元。据了解，今年全市共有190个重点建设项目，"
        "总投资860亿元，其中亿元以上项目143个，比去年多21个。"
    )
    for value in (190, 860, 143, 21):
        assert months(fact_with(text, value)) == (1, 12), value
    assert months(fact_with(text, 212)) == (1, 9)


def test_a_count_started_again_in_part_is_the_years_programme() -> None:
    text = "1-9月份，240个州重点建设项目累计开复工221个，开复工率92%。"
    assert months(fact_with(text, 240)) == (1, 12)
    assert months(fact_with(text, 221)) == (1, 9)


def test_places_compared_with_share_the_unit_said_last() -> None:
    text = "一季度，全区规上工业增加值增长4.2%，高于全国0.6、全省1.9个百分点。"
    units = {abs(fact["value"]): fact["unit"] for fact in facts_of(text)}
    assert units[0.6] == units[1.9] == "个百分点"


def test_the_years_plan_quoted_in_a_progress_report_is_a_target() -> None:
    text = (
        "今年安排全市重点项目120项，年度投资计划480亿元。本年度计划新开工项目46项，"
        "其中1-8月份计划新开工39项。1-8月累计完成投资362亿元，占年度投资计划的75.4%。"
    )
    statuses = {fact["value"]: fact["status"] for fact in facts_of(text)}
    assert statuses[480] == statuses[46] == statuses[39] == "target"
    assert statuses[362] == "actual"


def test_a_count_the_plan_word_describes_leaves_the_part_done_actual() -> None:
    fact = fact_with("1—9月，全省52个计划新开工项目中41个项目开工建设。", 41)
    assert fact["status"] == "actual"


def test_the_years_budget_is_a_whole_year_target_and_the_share_done_completion() -> None:
    text = (
        "1-5月，全县一般预算财政收入完成8420万元，占年预算21600万元的38.98%，比上年同期增长2.6%。"
    )
    budget = fact_with(text, 21600)
    assert (months(budget), budget["status"]) == ((1, 12), "target")
    share = fact_with(text, 38.98)
    assert (share["kind"], months(share)) == ("completion", (1, 5))
    assert months(fact_with(text, 8420)) == (1, 5)


def test_the_growth_of_the_period_compared_with_is_that_periods() -> None:
    text = "1-5月，全县规模以上工业增加值增长9.6%，增幅比1-4月增速8.9%上升0.7个百分点。"
    before = fact_with(text, 8.9)
    assert (months(before), before["basis"]) == ((1, 4), "yoy")
    assert months(fact_with(text, 0.7)) == months(fact_with(text, 9.6)) == (1, 5)


def test_about_so_many_points_ahead_of_the_time_line_is_time_progress() -> None:
    text = "1-5月，地方一般公共预算收入完成年初预算的46.2%，快于序时进度约4个百分点。"
    assert fact_with(text, 4)["kind"] == "time_progress"
    assert fact_with(text, 46.2)["kind"] == "completion"


def test_a_growth_range_held_is_a_growth() -> None:
    fact = fact_with("1-5月，全区规上工业增加值的增长幅度保持在9.0%左右。", 9.0)
    assert (fact["kind"], fact["basis"]) == ("growth", "yoy")


def test_square_metres_written_as_a_sign_keep_their_unit() -> None:
    assert fact_with("1-5月，商品房销售面积3.12万㎡，同比下降8.4%。", 3.12)["unit"] == "万㎡"
