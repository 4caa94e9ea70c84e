"""Ranks are facts of kind ``other``: the ordinal as value, no unit, ``rank`` and its scope."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jihua.document import Document, read_document
from jihua.extract import extract, read_facts

EXECUTION = "一、2023年国民经济和社会发展计划执行情况\n"
PLAN = "二、2024年国民经济和社会发展主要预期目标\n"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def facts_of(body: str) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(body, 2023, 2024)]


def ranks_of(facts: list[dict[str, Any]]) -> list[tuple[str, float, str | None]]:
    return [(f["indicator"], f["value"], f["rank_scope"]) for f in facts if f.get("rank")]


def test_a_rank_list_after_fenbie_ranks_each_figure_before_it(seed_document: Document) -> None:
    facts = extract(seed_document)["facts"]
    first, second = [f for f in facts if f.get("rank")][:2]
    assert ranks_of([first, second]) == [
        ("一般公共预算收入", 3.0, "全市区县"),
        ("税收收入", 2.0, "全市区县"),
    ]
    for fact in (first, second):
        assert (fact["kind"], fact["unit"], fact["status"], fact["year"]) == (
            "other",
            None,
            "actual",
            2023,
        )
        assert seed_document.text[fact["start"] : fact["end"]] == fact["quote"]
    assert second["quote"] == "总量分别居全市区县第三、第二"


def test_a_rank_after_a_figure_borrows_its_indicator() -> None:
    facts = facts_of("港口货物吞吐量突破3900万吨、居全市第一。页岩气累计产量居全国第一。")
    assert ranks_of(facts) == [("港口货物吞吐量", 1.0, "全市"), ("页岩气累计产量", 1.0, "全国")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("出口交货值位居全省第3名。", [("出口交货值", 3.0, "全省")]),
        ("工业投资同比增长78.5%,总量居全市第1。", [("工业投资", 1.0, "全市")]),
        ("GDP总量全省排名升至第18名。", [("GDP", 18.0, "全省")]),
        ("固定资产投资增长14.2%,排名全市第4位。", [("固定资产投资增速", 4.0, "全市")]),
        ("制造业高质量发展指数全省第4,跻身前列。", [("制造业高质量发展指数", 4.0, "全省")]),
    ],
)
def test_ranks_are_read_with_their_scope(
    text: str, expected: list[tuple[str, float, str | None]]
) -> None:
    assert ranks_of(facts_of(text)) == expected


def test_total_and_growth_both_ranked_give_two_facts() -> None:
    facts = facts_of("完成高新技术产业投资180亿元、同比增长78.5%,总量、增速均居全市第1。")
    assert ranks_of(facts) == [
        ("高新技术产业投资", 1.0, "全市"),
        ("高新技术产业投资增速", 1.0, "全市"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "数量居全市前列。",
        "打造西南第二动力电池生产基地。",
        "全市第三产业增加值。",
        "成功举办第五届论坛。",
        "入选第二批名单，居“全国第一方阵”。",
    ],
)
def test_leading_places_industries_and_numbering_are_not_ranks(text: str) -> None:
    assert ranks_of(facts_of(text)) == []


def test_a_rank_in_the_plan_section_is_a_target_for_the_plan_year() -> None:
    facts = facts_of(EXECUTION + "正文。\n" + PLAN + "力争地区生产总值总量保持全市第一。")
    (rank,) = [f for f in facts if f.get("rank")]
    assert (rank["status"], rank["year"], rank["value"]) == ("target", 2024, 1.0)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "08_zhenhai_2021",
            [
                ("GDP", 18.0, "全省"),
                ("高新技术产业投资", 1.0, "全市"),
                ("高新技术产业投资增速", 1.0, "全市"),
                ("制造业高质量发展指数", 4.0, "全省"),
            ],
        ),
        (
            "16_dongan_2022",
            [
                ("地区生产总值增速", 1.0, "全市"),
                ("规模工业增加值增速", 1.0, "全市"),
                ("固定资产投资增速", 1.0, "全市"),
                ("社会消费品零售总额增速", 4.0, "全市"),
            ],
        ),
    ],
)
def test_corpus_ranks_are_extracted(
    name: str, expected: list[tuple[str, float, str | None]]
) -> None:
    document = read_document(CORPUS / f"{name}.txt")
    assert ranks_of(extract(document)["facts"]) == expected


def test_a_rank_in_the_seed_names_the_whole_country(seed_document: Document) -> None:
    ranks = ranks_of(extract(seed_document)["facts"])
    assert ("页岩气累计产量", 1.0, "全国") in ranks
    assert len(ranks) == 10


def test_facts_stay_in_text_order_with_ranks() -> None:
    facts = read_facts("税收收入51亿元，居全市第二，增长5%。", 2023, 2024)
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    assert [f.value for f in facts] == [51.0, 2.0, 5.0]
