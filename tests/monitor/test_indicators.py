"""The arithmetic of following a target through the year, on constructed plans."""

from __future__ import annotations

import pytest

from jihua.evaluate import load_rules
from jihua.monitor.indicators import IndicatorInput, Reading, follow_all
from jihua.monitor.rules import load_monitor_rules
from jihua.targets import parse_value

RULES = load_monitor_rules()
GRADING = load_rules()


def indicator(
    name: str, target: str, unit: str | None, *readings: Reading, **extra: object
) -> IndicatorInput:
    return IndicatorInput(1, name, unit, parse_value(target), list(readings), **extra)  # type: ignore[arg-type]


def one(item: IndicatorInput, month: int) -> object:
    return follow_all([item], month, RULES, GRADING)[0]


def cumulative(month: int, value: float, kind: str = "level") -> Reading:
    return Reading(1, month, kind, value)


@pytest.mark.parametrize(
    ("month", "value", "expected", "status"),
    [
        (3, 39.2, 39.125, "green"),  # 一季度 25% of 156.5
        (6, 78.25, 78.25, "green"),  # exactly on time
        (6, 62.6, 78.25, "yellow"),  # exactly 80% of what was due
        (6, 62.5, 78.25, "red"),
        (11, 140.0, 143.4583, "yellow"),  # 1-11月 91.7%
    ],
)
def test_a_level_target_is_due_in_proportion_to_the_year_elapsed(
    month: int, value: float, expected: float, status: str
) -> None:
    item = indicator("年度计划投资", "156.5", "亿元", cumulative(month, value))
    result = one(item, month)
    assert result.expected == pytest.approx(expected, abs=1e-4)
    assert result.status == status
    assert result.basis == "time"


def test_the_reason_says_how_far_the_level_is_and_the_time_line() -> None:
    item = indicator("年度计划投资", "300", "亿元", cumulative(6, 130))
    result = one(item, 6)
    assert result.reason == "1-6月完成130亿元，为年度目标的43.3%，低于序时进度50.0%"
    assert result.progress == pytest.approx(43.33, abs=0.01)
    assert result.status == "yellow"


def test_a_count_target_ahead_of_time_is_green_and_says_so() -> None:
    item = indicator("新增市级以上研发机构", "5", "个", cumulative(3, 2))
    result = one(item, 6)  # the latest figure is March's: compared with March's share
    assert result.latest.last == 3
    assert result.status == "green"
    assert result.reason == "1-3月完成2个，为年度目标的40.0%，快于序时进度25.0%"


def test_months_stored_one_by_one_add_up_to_the_cumulative_level() -> None:
    months = [Reading(m, m, "level", 10.0) for m in (1, 2, 3)]
    item = indicator("实际使用外资", "120", "万美元", *months)
    result = one(item, 3)
    assert (result.latest.first, result.latest.last, result.latest.value) == (1, 3, 30.0)
    assert result.status == "green"


def test_last_years_months_give_a_seasonal_profile_and_say_so() -> None:
    last_year = {3: 20.0, 6: 40.0, 12: 100.0}
    item = indicator("年度计划投资", "150", "亿元", cumulative(6, 55), last_year=last_year)
    result = one(item, 6)
    assert result.basis == "seasonal"
    assert result.expected == pytest.approx(60.0)  # 40% due by June last year
    assert result.status == "yellow"
    assert "按上年月度进度应达的40.0%" in result.reason
    assert result.projection.method == "seasonal"
    assert result.projection.value == pytest.approx(137.5)


@pytest.mark.parametrize(
    ("value", "status"),
    [(6.5, "green"), (7.1, "green"), (5.2, "yellow"), (5.19, "red"), (-1.0, "red")],
)
def test_a_growth_target_is_compared_with_the_cumulative_growth(value: float, status: str) -> None:
    item = indicator("地区生产总值增速", "6.5", "%", cumulative(6, value, "growth"))
    assert one(item, 6).status == status


def test_a_growth_reason_names_the_growth_and_the_target() -> None:
    item = indicator("规上工业增加值增速", "10左右", "%", cumulative(6, 8.2, "growth"))
    result = one(item, 6)
    assert result.reason == "1-6月增长8.2%，低于目标增长10%，为目标的82.0%"
    assert result.expected == 10


def test_a_decline_is_written_as_one() -> None:
    item = indicator("规上工业利润增速", "8", "%", cumulative(9, -3.5, "growth"))
    assert one(item, 9).reason.startswith("1-9月下降3.5%")


def test_a_ceiling_exceeded_is_red_and_one_kept_is_green() -> None:
    over = indicator("城镇调查失业率", "5.5以内", "%", Reading(6, 6, "level", 5.7))
    within = indicator("城镇调查失业率", "5.5以内", "%", Reading(6, 6, "level", 5.5))
    assert one(over, 6).status == "red"
    assert one(over, 6).reason == "6月为5.7%，超过控制目标5.5以内"
    assert one(within, 6).status == "green"


def test_a_rate_is_compared_as_it_stands_not_against_time() -> None:
    item = indicator("国、市考核断面水质达标率", "100", "%", Reading(6, 6, "level", 100))
    result = one(item, 6)
    assert (result.measure, result.status) == ("stock", "green")


def test_a_relation_is_judged_against_the_other_indicators_latest_growth() -> None:
    gdp = IndicatorInput(
        1, "地区生产总值增速", "%", parse_value("6.5"), [cumulative(6, 6.0, "growth")]
    )
    private = IndicatorInput(
        2, "民营经济增加值增速", "%", parse_value("与经济增速同步"), [cumulative(6, 5.4, "growth")]
    )
    income = IndicatorInput(
        3,
        "全体居民人均可支配收入",
        "%",
        parse_value("与经济增速同步"),
        [cumulative(6, 6.1, "growth")],
    )
    statuses = follow_all([gdp, private, income], 6, RULES, GRADING)
    assert [s.status for s in statuses[1:]] == ["yellow", "green"]
    assert statuses[1].expected == 6.0
    assert "地区生产总值增速增长6%（1-6月），未达到“与经济增速同步”" in statuses[1].reason


def test_a_target_set_by_the_level_above_shows_the_value_without_a_colour() -> None:
    item = indicator(
        "单位地区生产总值能耗下降", "完成市上下达目标任务", "%", cumulative(6, 2.1, "growth")
    )
    result = one(item, 6)
    assert result.status is None
    assert result.reason.startswith("1-6月增长2.1%；目标为完成市上下达目标任务")


def test_a_sub_row_without_a_target_shows_its_figure_and_says_it_has_none() -> None:
    # 执行情况表 "其中：农村居民人均可支配收入增速" with no target of its own
    result = one(
        indicator("农村居民人均可支配收入增速", "", "%", cumulative(12, 6.5, "growth")), 12
    )
    assert (result.status, result.reason) == (None, "1-12月增长6.5%；未设目标")


def test_no_figure_yet_has_no_colour() -> None:
    result = one(indicator("地区生产总值增速", "6.5", "%"), 6)
    assert (result.status, result.reason, result.projection) == (None, "尚无本期数据", None)


def test_the_projection_is_graded_under_the_grading_rules() -> None:
    gdp = IndicatorInput(
        1, "地区生产总值增速", "%", parse_value("6.5"), [cumulative(6, 7.2, "growth")]
    )
    investment = IndicatorInput(
        2, "年度计划投资", "亿元", parse_value("156.5"), [cumulative(6, 70.0)]
    )
    agriculture = IndicatorInput(
        3, "农业增加值增速", "%", parse_value("5"), [cumulative(6, 4.2, "growth")]
    )
    farm = IndicatorInput(
        4, "规上工业利润增速", "%", parse_value("8"), [cumulative(6, 2.0, "growth")]
    )
    statuses = follow_all([gdp, investment, agriculture, farm], 6, RULES, GRADING)
    projections = [(s.projection.value, s.projection.method, s.projection.grade) for s in statuses]
    assert projections == [
        (7.2, "latest", "超额完成"),
        (140.0, "run_rate", "较好完成"),  # 70 ÷ 50% = 140, 89.5% of 156.5
        (4.2, "latest", "较好完成"),
        (2.0, "latest", "完成困难较大"),
    ]


def test_a_change_in_points_is_counted_from_last_years_end() -> None:
    item = indicator("常住人口城镇化率", "提升0.5个百分点左右", "%", Reading(6, 6, "level", 74.4))
    item.base = 74.0
    result = one(item, 6)
    assert result.status == "yellow"  # 0.4 of 0.5: 80%
    assert result.progress == pytest.approx(80.0)
    assert result.reason == (
        "6月为74.4%，比上年末提高0.4个百分点，未达到目标“提升0.5个百分点左右”，为目标的80.0%"
    )


def test_a_change_in_points_without_last_years_end_is_shown_without_colour() -> None:
    item = indicator("常住人口城镇化率", "提升0.5个百分点", "%", Reading(6, 6, "level", 74.4))
    result = one(item, 6)
    assert result.status is None
    assert "缺少上年末数据" in result.reason


@pytest.mark.parametrize(
    ("value", "status"), [(-3.5, "green"), (-3.0, "green"), (-2.5, "yellow"), (-1.0, "red")]
)
def test_a_target_to_fall_is_met_by_falling_at_least_as_far(value: float, status: str) -> None:
    item = indicator("单位地区生产总值能耗", "下降3%", "%", cumulative(6, value, "growth"))
    result = one(item, 6)
    assert result.status == status
    assert result.measure == "growth"
    assert result.reason.startswith(f"1-6月下降{abs(value):g}%")


def test_a_change_targets_projection_is_graded_as_a_change() -> None:
    rising = indicator("常住人口城镇化率", "提升0.5个百分点", "%", Reading(6, 6, "level", 74.6))
    rising.base = 74.0
    falling = indicator("单位地区生产总值能耗", "下降3%", "%", cumulative(6, -2.5, "growth"))
    falling.id = 2
    rise, fall = follow_all([rising, falling], 6, RULES, GRADING)
    assert rise.projection is not None and rise.projection.grade == "超额完成"
    assert fall.projection is not None and fall.projection.grade == "较好完成"
