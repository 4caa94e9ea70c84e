"""How reports of counties, districts and cities write figures that are not the region's
indicators (a deadline, a roll call, the size of a ranking group, a table of contents), and
the units and words that make a figure one."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract, read_facts


def extracted(text: str) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = extract(read_bytes(text.encode("utf-8"), "report.txt"))["facts"]
    return facts


def facts_of(body: str, report_year: int = 2023, plan_year: int = 2024) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(body, report_year, plan_year)]


def figures(body: str) -> list[tuple[float, str | None]]:
    return [(f["value"], f["unit"]) for f in facts_of(body) if not f.get("rank")]


def test_public_in_a_budget_name_is_not_the_verb_that_counts_a_chinese_numeral() -> None:
    body = "地区生产总值、一般公共预算收入两项指标增速居全市首位，全年共新增两家上市公司。\n"
    assert figures(body) == [(2.0, "家")]


def test_clauses_a_county_issues_are_not_counted_though_no_policy_word_is_named() -> None:
    body = (
        "出台支持中小企业渡过难关18条，印发促消费若干举措12条，"
        "新建农村公路12条，全年新增就业5200人。\n"
    )
    assert figures(body) == [(12.0, "条"), (5200.0, "人")]


def test_a_time_limit_set_on_a_task_is_not_a_figure() -> None:
    body = "企业开办压缩至1天内办结，疫情发生后24小时内完成流调，全年累计服务企业1200家。\n"
    assert figures(body) == [(1200.0, "家")]


def test_those_present_at_a_named_sitting_are_the_roll_call() -> None:
    body = (
        "县十八届人大三次会议应到代表215人，出席开幕会的代表198人，出席闭幕会议的代表201人，"
        "符合法定人数。全县常住人口增加1.2万人。\n"
    )
    assert figures(body) == [(1.2, "万人")]


def test_the_number_of_counties_a_rank_is_taken_among_is_not_a_figure() -> None:
    body = "地区生产总值达到412.6亿元，总量在全省56个县(市)中继续排名第二。\n"
    assert figures(body) == [(412.6, "亿元")]


def test_life_expectancy_in_years_and_inspection_batches_are_figures() -> None:
    body = (
        "人均预期寿命提高到79.6岁，抽检食品1.8万批次，合格率98.2%，"
        "全市60岁以上老年人口占比21.5%。\n"
    )
    found = [(f["value"], f["unit"]) for f in facts_of(body)]
    assert found == [(79.6, "岁"), (1.8, "万批次"), (98.2, "%"), (21.5, "%")]


def test_a_table_of_contents_does_not_open_the_plan_years_section() -> None:
    text = (
        "目录\n"
        "1.解读之一:2023年工作回顾 2\n"
        "2.解读之二:2024年工作思路和主要目标 5\n"
        "3.解读之三:2024年重点工作 9\n"
        "解读之一:2023年工作回顾\n"
        "全县地区生产总值达到318.2亿元，固定资产投资完成96.4亿元，"
        "规模以上工业增加值增长9.1%。\n"
    )
    facts = extracted(text)
    assert [(f["value"], f["status"], f["year"]) for f in facts] == [
        (318.2, "actual", 2023),
        (96.4, "actual", 2023),
        (9.1, "actual", 2023),
    ]


def test_a_plan_heading_after_its_contents_entry_still_opens_the_targets() -> None:
    text = (
        "目录\n"
        "一、2023年计划执行情况……1\n"
        "二、2024年主要预期目标……6\n"
        "一、2023年计划执行情况\n"
        "全区地区生产总值增长5.8%。\n"
        "二、2024年主要预期目标\n"
        "地区生产总值增长6%左右。\n"
    )
    facts = extracted(text)
    assert [(f["value"], f["status"]) for f in facts] == [(5.8, "actual"), (6.0, "target")]


def kinds(body: str) -> list[tuple[str, float, str]]:
    return [(f["indicator"], f["value"], f["kind"]) for f in facts_of(body)]


def test_more_output_than_the_year_before_is_a_change_and_less_a_negative_one() -> None:
    body = "全年原煤产量达到1.26亿吨，再增产820万吨；棉花产量减产3.5万吨。\n"
    found = [(f["value"], f["unit"], f["kind"]) for f in facts_of(body)]
    assert found == [(1.26, "亿吨", "level"), (820.0, "万吨", "other"), (-3.5, "万吨", "other")]


def test_what_was_added_to_a_stock_just_named_is_its_change() -> None:
    body = "设施农业面积达到62.4万亩，新增8.7万亩；建成社区公园12个，新增5个口袋公园。\n"
    found = [(f["value"], f["kind"]) for f in facts_of(body)]
    assert found == [(62.4, "level"), (8.7, "other"), (12.0, "level"), (5.0, "level")]
    assert facts_of(body)[1]["indicator"] == "设施农业面积"


def test_each_wider_regions_bracketed_growth_is_a_growth_of_that_region() -> None:
    body = "一季度全市规模以上工业增加值增长9.6%，高于全国(4.1%)5.5个百分点，高于全省(6.2%)3.4个百分点。\n"
    found = [(f["value"], f["kind"]) for f in facts_of(body)]
    assert found == [
        (9.6, "growth"),
        (4.1, "growth"),
        (5.5, "other"),
        (6.2, "growth"),
        (3.4, "other"),
    ]
    names = [f["indicator"] for f in facts_of(body)]
    assert names[1].startswith("全国") and names[3].startswith("全省")


def test_a_growth_compared_with_another_indicators_is_a_comparison_not_a_change() -> None:
    body = (
        "高技术制造业增加值增长18.2%，比规上工业增速高9.4个百分点；"
        "工业投资增长12%，增速比一季度高2.1个百分点。\n"
    )
    found = [(f["value"], f["kind"]) for f in facts_of(body)]
    assert found == [(18.2, "growth"), (9.4, "other"), (12.0, "growth"), (2.1, "change")]


def test_a_number_before_per_head_counts_no_people() -> None:
    body = "2 人均地区生产总值(元) 98000\n全县常住人口增加2人。\n"
    assert [(f["value"], f["unit"], f["quote"]) for f in facts_of(body)] == [
        (2.0, "人", "全县常住人口增加2人")
    ]
