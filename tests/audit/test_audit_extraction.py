"""The audit on the real extraction (``jihua.extract.extract``), not on hand-built dicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from jihua.audit import ERROR, SUSPECT, Finding, audit
from jihua.document import Document, read_bytes, read_document
from jihua.evaluate import Evaluation, evaluate
from jihua.extract import extract
from jihua.plan import PlanReport, read_plan

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOVERNMENT_TOTAL = "总投资833.6亿元，年度计划投资156.5亿元。"


def _audit_text(text: str) -> list[Finding]:
    document = read_bytes(text.encode("utf-8"), "seed.txt")
    report = read_plan(document)
    return audit(report, extract(document), evaluate(report))


@pytest.fixture(scope="module")
def seed_findings(
    seed_document: Document, seed_report: PlanReport, seed_evaluation: Evaluation
) -> list[Finding]:
    return audit(seed_report, extract(seed_document), seed_evaluation)


def test_seed_arithmetic_is_exactly_the_two_government_project_sums(
    seed_findings: list[Finding],
) -> None:
    arithmetic = [f for f in seed_findings if f.check == "总数与分项"]
    assert [(f.numbers["group"], f.numbers["breakdown"]) for f in arithmetic] == [
        ("政府投资项目", "stage"),
        ("政府投资项目", "area"),
    ]
    stage, area = arithmetic
    assert (stage.numbers["sum"], stage.numbers["total"]) == (156.4, 156.5)
    assert (area.numbers["sum"], area.numbers["total"], len(area.numbers["parts"])) == (
        156.6,
        156.5,
        11,
    )
    assert all("相差0.1亿元" in f.message for f in arithmetic)


def test_seed_district_key_projects_add_up_and_stay_silent(seed_findings: list[Finding]) -> None:
    assert not [f for f in seed_findings if "区级重点项目" in f.message]


def test_prose_against_table_on_the_seed_raises_only_the_income_scope(
    seed_findings: list[Finding],
) -> None:
    prose = [f for f in seed_findings if f.check == "文表一致"]
    assert [(f.numbers["prose_scope"], f.numbers["table_scope"]) for f in prose] == [
        ("城镇居民", "全体居民")
    ]


def test_seed_has_nothing_else_and_no_error(seed_findings: list[Finding]) -> None:
    assert sorted(f.check for f in seed_findings) == ["总数与分项", "总数与分项", "文表一致"]
    assert not [f for f in seed_findings if f.severity == ERROR]


def test_every_seed_quote_is_at_its_offsets(
    seed_document: Document, seed_findings: list[Finding]
) -> None:
    for finding in seed_findings:
        for quote in finding.quotes:
            assert seed_document.text[quote["start"] : quote["end"]] == quote["quote"]


def test_an_altered_government_total_gives_a_new_finding(seed_document: Document) -> None:
    assert GOVERNMENT_TOTAL in seed_document.text
    altered = seed_document.text.replace(
        GOVERNMENT_TOTAL, GOVERNMENT_TOTAL.replace("156.5", "158.5")
    )
    sums = {
        (f.numbers["breakdown"], f.numbers["total"], f.severity)
        for f in _audit_text(altered)
        if f.check == "总数与分项"
    }
    # the 专栏1 box states its own 156.5, which the eleven areas are still held to
    assert sums == {("stage", 158.5, ERROR), ("area", 156.5, SUSPECT)}


def test_an_altered_district_part_breaks_its_silence(seed_document: Document) -> None:
    old = "政府投资项目55个，年度计划投资97.6亿元"
    assert old in seed_document.text
    altered = seed_document.text.replace(old, "政府投资项目55个，年度计划投资99.6亿元")
    district = [f for f in _audit_text(altered) if "区级重点项目" in f.message]
    assert [(f.numbers["breakdown"], f.numbers["sum"]) for f in district] == [("source", 238.1)]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_no_error_on_any_corpus_file(path: Path) -> None:
    document = read_document(path)
    report = read_plan(document)
    findings = audit(report, extract(document), evaluate(report))
    assert not [f.message for f in findings if f.severity == ERROR]
