"""Target or actual, and the year, from what a figure's sentence says (jihua.extract.status)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jihua.document import read_bytes
from jihua.extract import extract, read_facts

REVIEW = "一、2023年国民经济和社会发展计划执行情况\n"
TITLE = "关于某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"


def facts_of(body: str, report_year: int = 2023, plan_year: int = 2024) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(body, report_year, plan_year)]


def statuses(facts: list[dict[str, Any]]) -> list[tuple[float, str, int | None]]:
    return [(f["value"], f["status"], f["year"]) for f in facts]


@pytest.mark.parametrize(
    "sentence",
    [
        "今年全县经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长5%，"
        "城镇调查失业率控制在5.5%以内。",
        "2024年全市经济社会发展主要预期目标建议为：地区生产总值增长7%左右；一般公共预算收入增长5%；"
        "城镇调查失业率5.5%以内。",
        "综合考虑各方面因素，全区经济社会发展的主要目标是地区生产总值增长7%左右，一般公共预算收入"
        "增长5%，城镇调查失业率控制在5.5%以内。",
        "明年经济社会发展目标任务：地区生产总值增长7%左右、一般公共预算收入增长5%、城镇调查失业率"
        "控制在5.5%以内。",
    ],
)
def test_a_list_after_an_introducing_phrase_is_all_targets_of_the_plan_year(
    sentence: str,
) -> None:
    facts = facts_of(REVIEW + "全县地区生产总值增长5.2%。\n" + sentence + "\n")
    assert statuses(facts) == [
        (5.2, "actual", 2023),
        (7.0, "target", 2024),
        (5.0, "target", 2024),
        (5.5, "target", 2024),
    ]


def test_a_list_after_a_colon_ending_its_line_runs_over_the_lines_below() -> None:
    body = (
        REVIEW
        + "2024年全县发展的主要预期目标：\n"
        + "1.地区生产总值增长6%左右；\n"
        + "2.城镇新增就业1.2万人；\n"
        + "3.粮食产量稳定在45万吨以上。\n"
        + "全年城镇新增就业1.3万人。\n"
    )
    assert statuses(facts_of(body)) == [
        (6.0, "target", 2024),
        (1.2, "target", 2024),
        (45.0, "target", 2024),
        (1.3, "actual", 2023),
    ]


def test_an_introducing_phrase_governs_its_paragraph_and_its_bracket_only() -> None:
    body = (
        REVIEW
        + "全县地区生产总值增长5.9%（预期目标为8.5%以上），固定资产投资增长4%。"
        + "主要预期目标是：社会消费品零售总额增长6%。\n规上工业增加值增长7.1%。\n"
    )
    assert statuses(facts_of(body)) == [
        (5.9, "actual", 2023),
        (8.5, "target", 2023),
        (4.0, "actual", 2023),
        (6.0, "target", 2024),
        (7.1, "actual", 2023),
    ]


def test_a_list_of_targets_runs_on_over_the_sentences_of_its_paragraph() -> None:
    body = (
        REVIEW
        + "报告提出了2024年全县发展的指标安排，具体为：总量指标方面，地区生产总值增长6.5%左右；"
        + "一般公共预算收入增长5%。结构指标方面，高技术产业投资占固定资产投资比重18%。"
        + "2023年，全县高技术产业投资占比16.2%。\n"
    )
    assert statuses(facts_of(body)) == [
        (6.5, "target", 2024),
        (5.0, "target", 2024),
        (18.0, "target", 2024),
        (16.2, "actual", 2023),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年全县地区生产总值增长7%左右。", (7.0, "target", 2024)),
        ("预计2024年全县规上工业增加值将增长8%。", (8.0, "target", 2024)),
        ("明年，全区固定资产投资增长10%。", (10.0, "target", 2024)),
        ("2022年全县地区生产总值增长3.1%。", (3.1, "actual", 2022)),
    ],
)
def test_a_year_in_the_sentence_decides_in_the_review(
    sentence: str, expected: tuple[float, str, int]
) -> None:
    (fact,) = facts_of(REVIEW + sentence + "\n")
    assert (fact["value"], fact["status"], fact["year"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2023年全县地区生产总值增长5.2%。", (5.2, "actual", 2023)),
        ("去年全县固定资产投资增长4.4%。", (4.4, "actual", 2023)),
        ("预计完成固定资产投资98亿元。", (98.0, "actual", 2023)),
    ],
)
def test_the_year_reviewed_or_an_estimate_is_an_actual_in_the_plan_section(
    sentence: str, expected: tuple[float, str, int]
) -> None:
    body = REVIEW + "二、2024年主要预期目标\n" + sentence + "\n"
    (fact,) = facts_of(body)
    assert (fact["value"], fact["status"], fact["year"]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "地区生产总值比2022年增长9.3%。",
        "2021年以来地区生产总值年均增长5.6%。",
        "与2019年相比两年平均增长4.1%。",
    ],
)
def test_a_year_compared_with_is_not_the_year_of_the_figure(sentence: str) -> None:
    body = REVIEW + "二、2024年主要预期目标\n" + sentence + "\n"
    fact = facts_of(body)[0]
    assert (fact["status"], fact["year"]) == ("target", 2024)


def test_a_plan_verb_and_an_actual_word_in_one_sentence() -> None:
    facts = facts_of(REVIEW + "全年计划完成固定资产投资100亿元，实际完成98亿元。\n")
    assert statuses(facts) == [(100.0, "target", 2023), (98.0, "actual", 2023)]
    assert [f["indicator"] for f in facts] == ["固定资产投资", "固定资产投资"]


def test_kept_under_a_ceiling_is_a_target_where_no_heading_says_review() -> None:
    sentence = "城镇调查失业率控制在5.5%以内。\n"
    (plain,) = facts_of("各位代表：\n" + sentence)
    (reviewed,) = facts_of(REVIEW + sentence)
    assert (plain["status"], plain["year"]) == ("target", 2024)
    assert (reviewed["status"], reviewed["year"]) == ("actual", 2023)


@pytest.mark.parametrize(
    "title",
    [
        "某某县2024年国民经济和社会发展计划",
        "某某市人民政府关于下达某某市2024年国民经济和社会发展计划的通知",
        "2024年某某区国民经济和社会发展计划",
    ],
)
def test_a_plan_only_document_is_all_targets_of_its_plan_year(title: str) -> None:
    text = (
        f"{title}\n各镇人民政府，各部门：\n"
        "全县地区生产总值增长6%左右，固定资产投资增长8%。\n"
        "一、2023年国民经济和社会发展计划执行情况\n"
        "全县地区生产总值增长5.2%。\n"
    )
    result = extract(read_bytes(text.encode(), "plan.txt"))
    assert (result["report_year"], result["plan_year"]) == (2023, 2024)
    assert statuses(result["facts"]) == [
        (6.0, "target", 2024),
        (8.0, "target", 2024),
        (5.2, "actual", 2023),
    ]


def test_a_report_whose_title_names_the_execution_is_not_plan_only() -> None:
    text = TITLE + "全县地区生产总值增长5.2%。\n"
    (fact,) = extract(read_bytes(text.encode(), "report.txt"))["facts"]
    assert (fact["status"], fact["year"]) == ("actual", 2023)


@pytest.mark.parametrize(
    "heading",
    [
        "二、2024年经济社会发展的主要目标",
        "二、明年的主要预期目标",
        "2024年工作安排",
        "（二）2024年计划",
        "（二）主要预期目标",
        "第二部分 2024年经济社会发展主要预期目标",
        "　　2024年经济社会发展主要预期目标",
        "三、2024年发展思路和主要任务",
    ],
)
def test_the_plan_part_under_headings_of_many_styles(heading: str) -> None:
    text = (
        TITLE
        + REVIEW
        + "全县地区生产总值增长5.2%。\n"
        + heading
        + "\n全县地区生产总值增长6%左右，固定资产投资增长8%。\n"
    )
    facts = extract(read_bytes(text.encode(), "report.txt"))["facts"]
    assert statuses(facts) == [(5.2, "actual", 2023), (6.0, "target", 2024), (8.0, "target", 2024)]


def test_a_line_of_the_title_is_no_plan_heading() -> None:
    text = (
        "关于某某旗2022年国民经济和社会发展计划执行情况\n"
        "及2023年国民经济和社会发展计划草案的报告\n"
        "一、国民经济和社会事业稳步发展\n"
        "2022年，全旗地区生产总值完成78亿元，同比增长7%。\n"
    )
    facts = extract(read_bytes(text.encode(), "report.txt"))["facts"]
    assert statuses(facts) == [(78.0, "actual", 2022), (7.0, "actual", 2022)]


def test_this_year_is_the_report_year_in_a_text_that_speaks_of_next_year() -> None:
    body = "今年全县地区生产总值增长5.2%。明年全县地区生产总值增长6%左右。\n"
    assert statuses(facts_of(body)) == [(5.2, "actual", 2023), (6.0, "target", 2024)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("地区生产总值增长5.9%，高于全年增速目标0.7个百分点。", ["actual", "actual"]),
        ("固定资产投资增长8%，超过年度计划目标1.2个百分点。", ["actual", "actual"]),
        ("全县共计划实施重点项目120个。", ["target"]),
        ("2024年计划完成投资170.5亿元。", ["target"]),
        ("按计划完成投资50亿元。", ["actual"]),
    ],
)
def test_a_target_named_in_a_comparison_is_no_target_but_a_plan_verb_is(
    sentence: str, expected: list[str]
) -> None:
    assert [f["status"] for f in facts_of(REVIEW + sentence + "\n")] == expected


def test_last_years_level_is_no_year_in_a_list_of_targets() -> None:
    body = (
        REVIEW
        + "报告提出2024年主要预期目标:地区生产总值增长6%;财政收入保持上年水平;"
        + "固定资产投资增长10%左右。\n"
    )
    assert statuses(facts_of(body)) == [(6.0, "target", 2024), (10.0, "target", 2024)]


@pytest.mark.parametrize(
    ("title", "report_year"),
    [
        ("甘肃省人民政府关于某某省2023年上半年国民经济和社会发展计划执行情况的报告", 2023),
        ("关于某某省2018年1至7月国民经济和社会发展计划执行情况的报告", 2018),
        ("关于某某市2019年1-9月国民经济和社会发展计划执行情况的报告", 2019),
    ],
)
def test_a_mid_year_report_reports_on_its_own_year(title: str, report_year: int) -> None:
    text = f"{title}\n上半年，全省地区生产总值增长6.8%。\n"
    result = extract(read_bytes(text.encode(), "report.txt"))
    assert result["report_year"] == report_year
    assert statuses(result["facts"]) == [(6.8, "actual", report_year)]


GOALS = st.sampled_from(
    [
        "地区生产总值增长{}%左右",
        "一般公共预算收入增长{}%",
        "固定资产投资增长{}%以上",
        "城镇调查失业率控制在{}%以内",
        "居民消费价格涨幅{}%左右",
    ]
)
INTRODUCTIONS = st.sampled_from(
    [
        "今年全县经济社会发展的主要预期目标是：",
        "2024年全市经济社会发展主要预期目标建议为：",
        "明年经济社会发展的主要目标：",
        "全区经济社会发展的主要目标是",
    ]
)


@given(
    introduction=INTRODUCTIONS,
    goals=st.lists(GOALS, min_size=1, max_size=5),
    separator=st.sampled_from(["，", "；", "、"]),
)
@settings(max_examples=60, deadline=None)
def test_every_figure_of_a_list_of_targets_is_a_target_of_the_plan_year(
    introduction: str, goals: list[str], separator: str
) -> None:
    items = separator.join(goal.format(index + 3) for index, goal in enumerate(goals))
    facts = facts_of(REVIEW + "全县地区生产总值增长5.2%。\n" + introduction + items + "。\n")
    assert statuses(facts)[0] == (5.2, "actual", 2023)
    assert [(f["status"], f["year"]) for f in facts[1:]] == [("target", 2024)] * len(goals)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，全县地区生产总值达到1000亿元。", (1000.0, "target", 2025)),
        ("2021年至2023年，全县地区生产总值年均增长6.1%。", (6.1, "actual", 2023)),
    ],
)
def test_a_year_set_as_a_deadline_is_a_target_and_a_range_is_not(
    sentence: str, expected: tuple[float, str, int]
) -> None:
    (fact,) = facts_of(REVIEW + sentence + "\n")
    assert (fact["value"], fact["status"], fact["year"]) == expected


def test_a_target_stated_in_passing_opens_no_list() -> None:
    body = (
        REVIEW
        + "一般公共预算收入26.6亿元，预期目标为增长5%，实际增长5.4%，其中税收收入18.2亿元。"
        + "粮食产量21.4万吨。\n"
    )
    assert statuses(facts_of(body)) == [
        (26.6, "actual", 2023),
        (5.0, "target", 2023),
        (5.4, "actual", 2023),
        (18.2, "actual", 2023),
        (21.4, "actual", 2023),
    ]


@pytest.mark.parametrize(
    ("opening", "scope"),
    [("2023年，", "全县"), ("2023年全市", ""), ("2023年是极不平凡的一年。", "全旗")],
)
def test_a_plan_document_opening_with_a_review_paragraph_gives_actuals_of_that_year(
    opening: str, scope: str
) -> None:
    text = (
        "某某县2024年国民经济和社会发展计划\n"
        f"{opening}面对复杂严峻的外部环境，{scope}经济运行总体平稳。地区生产总值完成210亿元，"
        "同比增长5.1%；一般公共预算收入12.3亿元。\n"
        "2024年主要预期目标：地区生产总值增长6%左右，一般公共预算收入增长5%。\n"
    )
    facts = extract(read_bytes(text.encode("utf-8"), "计划.txt"))["facts"]
    assert statuses(facts) == [
        (210.0, "actual", 2023),
        (5.1, "actual", 2023),
        (12.3, "actual", 2023),
        (6.0, "target", 2024),
        (5.0, "target", 2024),
    ]


def test_the_past_year_of_a_speech_is_the_year_reviewed_even_under_a_targets_heading() -> None:
    body = (
        "今年经济社会发展的主要预期目标\n"
        "过去一年，全省地区生产总值增长6.1%，一般公共预算收入增长9.2%。\n"
        "过去的一年，城镇新增就业31万人。\n"
        "今年，全省地区生产总值增长6%左右。\n"
    )
    assert statuses(facts_of(body, 2023, 2024)) == [
        (6.1, "actual", 2023),
        (9.2, "actual", 2023),
        (31.0, "actual", 2023),
        (6.0, "target", 2024),
    ]


def test_a_paragraph_opening_with_part_of_the_plan_year_is_progress_in_that_year() -> None:
    body = (
        "二、2024年经济社会发展的主要预期目标\n地区生产总值增长6%左右。\n"
        "2024年一季度，全区经济运行开局良好。初步测算，地区生产总值增长6.8%，规上工业增加值增长9.1%。\n"
    )
    assert statuses(facts_of(body)) == [
        (6.0, "target", 2024),
        (6.8, "actual", 2024),
        (9.1, "actual", 2024),
    ]


def test_part_of_a_year_opening_a_paragraph_is_what_happened_with_no_report_year() -> None:
    body = (
        "区政府工作报告目标任务三季度完成情况\n"
        "2024年前三季度，全区地区生产总值同比增长5.2%。城镇调查失业率控制在5.5%以内。"
        "居民消费价格涨幅控制在2%左右。\n"
    )
    assert statuses(facts_of(body, None, None)) == [
        (5.2, "actual", 2024),
        (5.5, "actual", 2024),
        (2.0, "actual", 2024),
    ]
