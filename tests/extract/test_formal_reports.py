"""What the formal plan reports and the digests of them write around a figure: pinyin
glosses inside words, a split decimal point, the target set beside what happened."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract, read_facts


def extracted(text: str) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = extract(read_bytes(text.encode("utf-8"), "report.txt"))["facts"]
    return facts


def facts_of(body: str, report_year: int = 2022, plan_year: int = 2023) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(body, report_year, plan_year)]


GLOSSED = (
    "关于某某县2022年国民经济和社会发展计划执行情况及2023年计划(草案)的报告\n"
    "全年地(di)区生(sheng)(sheng)产总值增(zeng)(zeng)长(zhang)(zhang)6.2%；"
    "规模以上工业增(zeng)加值增(zeng)长(zhang)8%；一般公共預(yù)算收入增長(zhǎng)4.1%。\n"
)


def test_a_page_with_pinyin_glosses_is_read_as_without_them() -> None:
    facts = extracted(GLOSSED)
    assert [(f["indicator"], f["value"], f["kind"]) for f in facts] == [
        ("地区生产总值", 6.2, "growth"),
        ("规模以上工业增加值", 8.0, "growth"),
        ("一般公共预算收入", 4.1, "growth"),
    ]


def test_the_quotes_of_a_glossed_page_are_cut_from_the_page_as_given() -> None:
    text = read_bytes(GLOSSED.encode("utf-8"), "report.txt").text
    for fact in extracted(GLOSSED):
        assert text[fact["start"] : fact["end"]] == fact["quote"]
    assert extracted(GLOSSED)[1]["quote"].endswith("增(zeng)长(zhang)8%")


def test_a_decimal_point_with_spaces_around_it_is_one_figure() -> None:
    text = "某某市2025年主要预期目标是：经济增长5 . 5%左右，城镇新增就业3.2万人以上。\n"
    facts = extracted(text)
    first = facts[0]
    assert (first["value"], first["qualifier"], first["status"]) == (5.5, "左右", "target")
    assert facts[0]["quote"].endswith("5 . 5%左右")


def test_a_target_quoted_beside_what_happened_is_the_target_of_the_year() -> None:
    body = (
        "2022年，全市城镇登记失业率3.1%，控制在预期4.5%以内；一般公共预算收入下降2.4%，"
        "好于下降5%的预期；固定资产投资增长3%，低于预期5个百分点。\n"
    )
    found = [(f["value"], f["status"], f["year"]) for f in facts_of(body)]
    assert found == [
        (3.1, "actual", 2022),
        (4.5, "target", 2022),
        (-2.4, "actual", 2022),
        (-5.0, "target", 2022),
        (3.0, "actual", 2022),
        (5.0, "actual", 2022),
    ]


def test_a_figure_the_headline_calls_the_target_is_a_target_though_expected() -> None:
    body = "今年我省预计实现地区生产总值增长5.5%左右目标，去年实际增长4.8%。\n"
    found = [(f["value"], f["status"]) for f in facts_of(body, 2022, 2023)]
    assert found == [(5.5, "target"), (4.8, "actual")]


def test_a_recalled_list_of_targets_ends_with_its_sentence() -> None:
    body = (
        "2022年年初，全市发展主要预期目标是地区生产总值增长6%左右。"
        "全市最后实现地区生产总值3120亿元，同比增长4.2%。\n"
    )
    found = [(f["value"], f["status"], f["year"]) for f in facts_of(body)]
    assert found == [(6.0, "target", 2022), (3120.0, "actual", 2022), (4.2, "actual", 2022)]


def test_the_roll_call_and_the_parts_of_the_speech_are_not_figures() -> None:
    body = (
        "某某市第八届人民代表大会代表名额为412名，现在实有代表405名，因故缺席会议的代表21名，"
        "实际出席会议的代表384名，符合法定人数。报告共分为三个部分。"
        "2022年，全市生产总值2210.4亿元，增长4.6%。\n"
    )
    assert [f["value"] for f in facts_of(body)] == [2210.4, 4.6]


def test_each_member_of_a_respective_list_takes_its_period() -> None:
    text = (
        "2022年，全市地区生产总值一季度、上半年、前三季度、全年分别增长2.8%、3.6%、4.1%、4.7%左右，"
        "逐季回升。\n"
    )
    periods = [(f["value"], f["period"]["from"], f["period"]["to"]) for f in extracted(text)]
    assert periods == [(2.8, 1, 3), (3.6, 1, 6), (4.1, 1, 9), (4.7, 1, 12)]


def test_a_respective_list_of_places_keeps_its_period() -> None:
    text = "2022年，城镇、农村居民人均可支配收入分别增长4.6%、6.2%。\n"
    assert [(f["period"]["from"], f["period"]["to"]) for f in extracted(text)] == [(1, 12), (1, 12)]


def test_urban_and_rural_said_as_one_word_sharing_a_figure_give_two_facts() -> None:
    body = "2023年主要预期目标是：城乡居民人均可支配收入均增长6.5%左右。\n"
    found = [(f["indicator"], f["value"], f["qualifier"]) for f in facts_of(body, 2022, 2023)]
    assert found == [
        ("城镇居民人均可支配收入", 6.5, "左右"),
        ("农村居民人均可支配收入", 6.5, "左右"),
    ]


def test_a_note_between_the_verb_and_its_figure_keeps_the_growth() -> None:
    body = "2022年，全县地区生产总值同比增长（下同）5.1%，固定资产投资增长(下同)7.3%。\n"
    assert [(f["value"], f["kind"]) for f in facts_of(body)] == [(5.1, "growth"), (7.3, "growth")]


def test_revenue_against_the_adjusted_budget_is_a_completion_rate() -> None:
    body = "2022年，一般公共预算收入完成3.2亿元，占预算调整数的101.4%；支出为调整预算的96.5%。\n"
    kinds = [(f["value"], f["kind"]) for f in facts_of(body)]
    assert kinds == [(3.2, "level"), (101.4, "completion"), (96.5, "completion")]


def test_a_multiple_of_an_earlier_year_is_not_a_growth() -> None:
    body = "五年来，全区生产总值是2015年的1.6倍，工业投资增长2.1倍。\n"
    kinds = [(f["value"], f["kind"]) for f in facts_of(body)]
    assert kinds == [(1.6, "other"), (2.1, "growth")]
