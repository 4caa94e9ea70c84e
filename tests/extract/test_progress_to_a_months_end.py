"""Progress news counted to a month's end (``至8月底，…``): the month's end holds through its
paragraph and the sections that state no other period, an event's date (``8月下旬``) is no
period, and the programme counted beside the progress (``年内计划投资``, ``N个新开工项目中…``)
is the year's."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def facts_of(text: str) -> list[dict[str, Any]]:
    found = extract(read_bytes(text.encode("utf-8"), "page.txt"))["facts"]
    return [fact for fact in found if not fact.get("rank")]


def fact_with(text: str, value: float) -> dict[str, Any]:
    return next(fact for fact in facts_of(text) if abs(fact["value"] - value) < 1e-9)


def months(fact: dict[str, Any]) -> tuple[int, int]:
    return fact["period"]["from"], fact["period"]["to"]


PROGRESS = (
    "8月下旬，我县组织重点项目集中观摩，营造比学赶超氛围。至8月底，全县重点项目累计完成投资"
    "86.2亿元，完成年度计划的68.5%。\n"
    "一、分类型进展情况\n"
    "1、新建项目。新建项目共42个，计划总投资153.6亿元，年内计划投资58.4亿元。至8月底，"
    "开工建设35个，开工率为83.3%。\n"
    "二、分行业进展情况\n"
    "工业项目进展较好，投资完成率高于总体进度6.7个百分点。\n"
    "三、已开工项目进展情况\n"
    "至8月底，96个县重点项目中开工在建项目数为81个。累计投入达到序时进度的项目有57个，"
    "占开工在建项目数的70.4%。"
)


def test_a_date_in_a_month_is_no_period_of_the_figures_after_it() -> None:
    assert months(fact_with(PROGRESS, 86.2)) == (8, 8)
    assert months(fact_with(PROGRESS, 68.5)) == (8, 8)


def test_a_months_end_opening_a_clause_with_zhi_holds_to_its_paragraphs_end() -> None:
    assert months(fact_with(PROGRESS, 57)) == (8, 8)
    assert months(fact_with(PROGRESS, 70.4)) == (8, 8)


def test_a_section_stating_no_period_reports_to_the_months_end_said_before() -> None:
    assert months(fact_with(PROGRESS, 6.7)) == (8, 8)


def test_a_stage_counted_with_its_planned_total_and_the_years_plan_is_the_whole_year() -> None:
    for value in (42, 153.6, 58.4):
        assert months(fact_with(PROGRESS, value)) == (1, 12), value
    assert months(fact_with(PROGRESS, 35)) == (8, 8)


def test_the_projects_of_which_a_part_is_under_way_are_the_years_programme() -> None:
    assert months(fact_with(PROGRESS, 96)) == (1, 12)
    assert months(fact_with(PROGRESS, 81)) == (8, 8)


def test_new_projects_of_which_some_have_started_are_counted_for_the_year() -> None:
    text = (
        "一季度，全市38个市级重点工业项目完成投资27.4亿元，完成年度投资计划的22.6%。"
        "12个新开工项目中，5个项目已开工建设，开工率达41.7%；"
        "45个新开工项目已有19个开工建设。"
    )
    assert months(fact_with(text, 38)) == (1, 3)
    assert months(fact_with(text, 12)) == (1, 12)
    assert months(fact_with(text, 5)) == (1, 3)
    assert months(fact_with(text, 45)) == (1, 12)
    assert months(fact_with(text, 19)) == (1, 3)


def test_a_range_ending_at_a_months_end_is_not_progress_to_date() -> None:
    text = "1月至5月底，全区规模以上工业增加值同比增长6.3%。\n二、投资\n全区固定资产投资增长4.1%。"
    assert months(fact_with(text, 6.3)) == (1, 5)


def test_a_bare_zhan_after_a_part_of_a_count_is_a_share() -> None:
    text = "分行业看，在全县26个行业大类中，17个行业增加值实现增长，占65.4%。"
    assert fact_with(text, 65.4)["kind"] == "share"
    assert fact_with(text, 17)["kind"] == "level"


def test_a_share_of_a_target_named_after_zhan_stays_a_completion() -> None:
    assert fact_with("全县粮食播种面积52.3万亩，占全年任务的98%。", 98)["kind"] == "completion"
