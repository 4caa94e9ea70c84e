"""Where a bulletin turns from one period to another and back: a paragraph looking back to an
earlier year, a month's release that adds the months to date, the year's flows after a stock at
the year's end, progress to a month said without its end, and a target's months."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def facts_of(text: str) -> list[dict[str, Any]]:
    found = extract(read_bytes(text.encode("utf-8"), "page.txt"))["facts"]
    return [fact for fact in found if not fact.get("rank")]


def fact_with(text: str, value: float) -> dict[str, Any]:
    """The fact of ``value``, a decline found by its size."""
    return next(fact for fact in facts_of(text) if abs(abs(fact["value"]) - value) < 1e-9)


def when(fact: dict[str, Any]) -> tuple[int | None, int, int]:
    period = fact["period"]
    return period["year"], period["from"], period["to"]


def test_a_paragraph_looking_back_to_an_earlier_year_holds_to_its_own_end() -> None:
    text = (
        "2023年，全县上下坚持稳中求进，经济运行总体平稳。\n"
        "一、综合\n"
        "初步核算，全年全县生产总值208.4亿元，增长5.1%。\n"
        "2022年第五次全国经济普查结果：生产总值197.6亿元，其中第三产业增加值101.3亿元。\n"
        "全年城镇新增就业4812人，城镇登记失业率3.2%。全县一般公共预算收入9.6亿元，下降3.4%。\n"
    )
    assert when(fact_with(text, 208.4)) == (2023, 1, 12)
    assert when(fact_with(text, 197.6)) == when(fact_with(text, 101.3)) == (2022, 1, 12)
    for value in (4812, 3.2, 9.6, 3.4):
        assert when(fact_with(text, value)) == (2023, 1, 12), value


def test_a_year_opening_each_paragraph_of_a_bulletin_still_holds() -> None:
    text = (
        "2023年，全县实现地区生产总值186.2亿元，增长6.0%。\n"
        "2023年，全县规上工业增加值增长7.4%。\n"
        "全县固定资产投资增长9.9%。\n"
    )
    assert when(fact_with(text, 9.9)) == (2023, 1, 12)


def test_a_months_release_that_adds_the_months_to_date_goes_on_with_the_month() -> None:
    text = (
        "原标题：10月全省规上工业增加值同比增长6.2%\n"
        "省统计局11月16日发布的数据显示，10月，全省规模以上工业增加值同比增长6.2%，1—10月"
        "同比增长4.8%。\n"
        "分三大门类看，采矿业增加值同比增长3.1%，制造业增加值增长7.0%。\n"
        "分产品看，汽车8.3万辆，增长12.5%。\n"
    )
    assert when(fact_with(text, 4.8))[1:] == (1, 10)
    for value in (3.1, 7.0, 8.3, 12.5):
        assert when(fact_with(text, value))[1:] == (10, 10), value
    title = facts_of(text)[0]
    assert title["value"] == 6.2 and when(title)[1:] == (10, 10)


def test_cumulative_months_said_first_keep_governing() -> None:
    text = (
        "1-10月，全市规上工业增加值同比增长5.5%，其中10月增长6.1%。\n"
        "分三大门类看，采矿业增长2.4%，制造业增长6.0%。\n"
    )
    assert when(fact_with(text, 2.4))[1:] == (1, 10)


def test_the_years_flows_after_its_end_stock_are_of_the_whole_year() -> None:
    text = (
        "2024年末全县常住人口52.36万人，城镇化率48.75%，比上年末提高1.02个百分点。"
        "全年出生人口0.31万人，出生率5.92‰；死亡人口0.42万人，死亡率8.03‰。\n"
    )
    assert when(fact_with(text, 52.36))[1:] == when(fact_with(text, 48.75))[1:] == (12, 12)
    for value in (0.31, 5.92, 0.42, 8.03):
        assert when(fact_with(text, value))[1:] == (1, 12), value


def test_progress_to_a_month_said_without_its_end_is_the_months_to_date() -> None:
    text = (
        "截止8月份，全县固定资产投资完成52.6亿元，完成年度任务的61.2%，同比增长8.3%。"
        "截至8月底，全县新签约项目14个。\n"
    )
    for value in (52.6, 61.2, 8.3):
        assert when(fact_with(text, value))[1:] == (1, 8), value
    assert when(fact_with(text, 14))[1:] == (8, 8)


def test_a_year_opening_the_page_governs_its_programme_before_the_first_months() -> None:
    text = (
        "2023年，我县安排重点建设项目64宗，总投资812亿元，年度投资计划96.5亿元。"
        "1至7月，累计完成投资61.2亿元，完成年度计划投资的63.4%。\n"
    )
    for value in (64, 812, 96.5):
        assert when(fact_with(text, value)) == (2023, 1, 12), value
    assert when(fact_with(text, 61.2)) == (2023, 1, 7)


def test_a_period_said_with_targets_holds_only_to_their_sentence() -> None:
    text = (
        "1-8月，全市重点项目完成投资312.5亿元，完成年度计划的70.2%。按照上半年计划投资完成率"
        "55%、年度投资计划完成率110%以上的目标。（省重点项目18宗，完成投资120.3亿元，高于序时"
        "进度3.6个百分点。）\n"
    )
    assert when(fact_with(text, 55))[1:] == (1, 6)
    assert when(fact_with(text, 110))[1:] == (1, 12)
    for value in (18, 120.3, 3.6):
        assert when(fact_with(text, value))[1:] == (1, 8), value


def test_the_programme_counted_before_the_part_of_it_done_is_the_years() -> None:
    text = (
        "2022年1-9月重点民生实事推进会召开。截至9月30日，省实事12件18项中有10项指标提前完成，"
        "占比55.6%；市实事8件13项中，有6项进展较快。\n"
    )
    for value in (12, 18, 8, 13):
        assert when(fact_with(text, value)) == (2022, 1, 12), value
    assert when(fact_with(text, 10)) == (2022, 9, 9)


def test_the_months_a_target_was_set_for_are_not_the_figures() -> None:
    text = (
        "前三季度，全市重点民生工程扎实推进。截至9月底，5个项目完成全年目标，8个项目超额完成"
        "前三季度节点目标，9个项目按计划有序推进。\n"
    )
    for value in (5, 8, 9):
        assert when(fact_with(text, value))[1:] == (9, 9), value
    text = (
        "截至9月底，老旧小区改造累计完成总工程量68.2%，超额完成9月份设置的累计完成总工程量35%"
        "的节点目标，其中城东区完成92%。\n"
    )
    for value in (68.2, 35, 92):
        assert when(fact_with(text, value))[1:] == (9, 9), value


def test_the_years_target_in_brackets_or_the_task_amount_is_the_whole_year() -> None:
    text = (
        "截至9月底，累计完成培训72场，已超额完成年度目标（60场）的120%。累计改造锅炉96台，"
        "完成年度目标（改造锅炉130台、改造管网42公里）的73.8%。1-10月份完成规模工业增加值"
        "9630万元，占任务数15800万元的60.9%。\n"
    )
    for value in (60, 130, 42, 15800):
        assert when(fact_with(text, value))[1:] == (1, 12), value
    assert when(fact_with(text, 72))[1:] == (9, 9)
    assert when(fact_with(text, 9630))[1:] == (1, 10)


def test_a_stage_counted_with_its_total_and_the_years_plan_is_the_years_programme() -> None:
    text = (
        "2023年县级重点项目共412项，总投资2130.6亿元，年度计划投资402.3亿元，1-6月累计完成"
        "投资251.4亿元，占年计划投资的62.5%，其中：在建项目146项，总投资1012.2亿元，年度计划"
        "投资231.9亿元，1-6月累计完成投资170.2亿元；计划新开工项目121项，总投资402.6亿元，"
        "年度计划投资140.1亿元，1-6月累计完成投资66.8亿元。\n"
    )
    for value in (412, 146, 121, 1012.2, 402.6):
        assert when(fact_with(text, value)) == (2023, 1, 12), value
    for value in (251.4, 170.2, 66.8):
        assert when(fact_with(text, value)) == (2023, 1, 6), value


def test_started_projects_counted_alone_keep_the_reports_months() -> None:
    text = "1-5月，全县已开工项目33个，完成投资12.4亿元。在建项目41个完成投资8.6亿元。\n"
    assert when(fact_with(text, 33))[1:] == when(fact_with(text, 41))[1:] == (1, 5)


def test_the_day_a_notice_counts_to_holds_on_through_its_paragraphs() -> None:
    text = (
        "2023年1-6月重点民生实事调度会召开。\n"
        "截至6月15日，省实事10件14项中有6项指标提前完成，占比42.9%。\n"
        "市实事8件12项中，有5项提前完成任务，占比41.7%。\n"
    )
    for value in (6, 42.9, 5, 41.7):
        assert when(fact_with(text, value)) == (2023, 6, 6), value


def test_a_balance_at_a_months_end_still_holds_to_its_paragraph() -> None:
    text = (
        "1-6月，全县一般公共预算收入8.2亿元。6月末，存款余额312.4亿元。\n全县贷款余额增长7.5%。\n"
    )
    assert when(fact_with(text, 312.4))[1:] == (6, 6)
    assert when(fact_with(text, 7.5))[1:] == (1, 6)


def test_key_projects_counted_with_their_planned_investment_are_the_years() -> None:
    text = (
        "截止6月份，全县固定资产投资完成81.2亿元，同比增长9.6%。重点项目96个，计划投资88.5亿元，"
        "完成投资47.3亿元，占年度计划的53.4%，高于序时进度3.4个百分点。\n"
    )
    for value in (96, 88.5):
        assert when(fact_with(text, value))[1:] == (1, 12), value
    for value in (81.2, 47.3, 53.4):
        assert when(fact_with(text, value))[1:] == (1, 6), value
