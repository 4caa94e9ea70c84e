from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jihua.audit import ERROR, SUSPECT, Finding, audit, findings_dict, rounding_tolerance
from jihua.document import Document, read_bytes
from jihua.evaluate import Evaluation
from jihua.plan import PlanReport, read_plan

Build = Callable[[str], dict[str, Any]]


def _seed_findings(report: PlanReport, extraction: dict[str, Any], ev: Evaluation) -> list[Finding]:
    return audit(report, extraction, ev)


def _altered(document: Document, old: str, new: str, count: int = -1) -> PlanReport:
    text = document.text.replace(old, new, count)
    return read_plan(read_bytes(text.encode("utf-8"), "altered.txt"))


def test_seed_gives_exactly_the_two_government_project_sums(
    seed_report: PlanReport, seed_extraction_dict: dict[str, Any], seed_evaluation: Evaluation
) -> None:
    arithmetic = [
        f
        for f in _seed_findings(seed_report, seed_extraction_dict, seed_evaluation)
        if f.check == "总数与分项"
    ]
    assert [(f.numbers["group"], f.numbers["breakdown"]) for f in arithmetic] == [
        ("政府投资项目", "stage"),
        ("政府投资项目", "area"),
    ]
    stage, area = arithmetic
    assert (stage.numbers["sum"], stage.numbers["total"]) == (156.4, 156.5)
    assert (area.numbers["sum"], area.numbers["total"]) == (156.6, 156.5)
    assert all("相差0.1亿元" in f.message for f in arithmetic)


def test_a_tenth_off_over_rounded_parts_is_a_suspicion_not_an_error(
    seed_report: PlanReport, seed_extraction_dict: dict[str, Any], seed_evaluation: Evaluation
) -> None:
    findings = _seed_findings(seed_report, seed_extraction_dict, seed_evaluation)
    assert [f.severity for f in findings if f.check == "总数与分项"] == [SUSPECT, SUSPECT]
    assert not [f for f in findings if f.severity == ERROR]


def test_district_key_projects_add_up_and_stay_silent(
    seed_report: PlanReport, seed_extraction_dict: dict[str, Any], seed_evaluation: Evaluation
) -> None:
    findings = _seed_findings(seed_report, seed_extraction_dict, seed_evaluation)
    assert not [f for f in findings if "区级重点项目" in f.message]


def test_findings_quote_the_sentences_they_rest_on(
    seed_document: Document,
    seed_extraction_dict: dict[str, Any],
    seed_report: PlanReport,
    seed_evaluation: Evaluation,
) -> None:
    for finding in _seed_findings(seed_report, seed_extraction_dict, seed_evaluation):
        assert finding.quotes
        for quote in finding.quotes:
            assert seed_document.text[quote["start"] : quote["end"]] == quote["quote"]


def test_an_altered_total_gives_a_new_error(
    seed_document: Document, build_extraction: Build
) -> None:
    report = _altered(seed_document, "年度计划投资156.5亿元", "年度计划投资158.5亿元")
    findings = audit(report, build_extraction(report.document.text))
    stage = next(f for f in findings if f.numbers.get("breakdown") == "stage")
    assert stage.severity == ERROR
    assert "相差2.1亿元" in stage.message


def test_an_altered_part_count_is_an_error(
    seed_document: Document, build_extraction: Build
) -> None:
    report = _altered(seed_document, "续建项目28个", "续建项目29个", 1)
    counts = [
        f
        for f in audit(report, build_extraction(report.document.text))
        if f.numbers.get("field") == "count"
    ]
    assert [(f.severity, f.numbers["sum"], f.numbers["total"]) for f in counts] == [
        (ERROR, 385, 384)
    ]


def test_rounding_tolerance_is_half_a_unit_per_part() -> None:
    parts = [Decimal("60.1"), Decimal("69.9"), Decimal("26.4")]
    assert rounding_tolerance(parts, Decimal("156.5")) == Decimal("0.15")
    assert rounding_tolerance([Decimal("33.3"), Decimal("14")], Decimal("236.1")) == Decimal("1")


def test_urban_income_in_prose_against_all_residents_in_table_is_a_scope_suspicion(
    seed_report: PlanReport, seed_extraction_dict: dict[str, Any], seed_evaluation: Evaluation
) -> None:
    prose = [
        f
        for f in _seed_findings(seed_report, seed_extraction_dict, seed_evaluation)
        if f.check == "文表一致"
    ]
    assert len(prose) == 1
    assert prose[0].severity == SUSPECT
    assert prose[0].numbers["prose_scope"] == "城镇居民"
    assert prose[0].numbers["table_scope"] == "全体居民"
    assert "口径不一致" in prose[0].message


def test_a_prose_figure_that_differs_from_the_table_is_raised(
    seed_report: PlanReport, seed_extraction_dict: dict[str, Any], seed_evaluation: Evaluation
) -> None:
    facts = [dict(seed_extraction_dict["facts"][2], value=7.2)]
    findings = audit(seed_report, {"facts": facts}, seed_evaluation)
    assert [f.numbers["indicator"] for f in findings] == ["地区生产总值增速"]


def test_the_reports_own_tally_agrees_with_the_grades(
    seed_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    assert audit(seed_report, None, seed_evaluation) == []


def test_a_changed_tally_sentence_is_named(seed_document: Document) -> None:
    report = _altered(seed_document, "等11项指标超额完成", "等12项指标超额完成")
    findings = audit(report)
    assert [(f.check, f.numbers["stated"], f.numbers["graded"]) for f in findings] == [
        ("评价一致性", 12, 11)
    ]


def test_an_indicator_named_under_the_wrong_grade_is_named(seed_document: Document) -> None:
    report = _altered(seed_document, "其中，地区生产总值增速等11项", "其中，农业增加值增速等11项")
    findings = audit(report)
    assert [f.numbers.get("indicator") for f in findings] == ["农业增加值增速"]
    assert "较好完成" in findings[0].message


def test_a_wrong_count_of_targets_is_an_error(seed_document: Document) -> None:
    report = _altered(seed_document, "批准的31项计划目标", "批准的30项计划目标")
    findings = audit(report)
    assert [(f.check, f.severity) for f in findings] == [("目标个数", ERROR)]


def test_findings_dict_has_the_contract_keys(
    seed_report: PlanReport, seed_extraction_dict: dict[str, Any], seed_evaluation: Evaluation
) -> None:
    data = findings_dict(_seed_findings(seed_report, seed_extraction_dict, seed_evaluation))
    assert set(data) == {"findings"}
    for item in data["findings"]:
        assert set(item) == {"check", "severity", "message", "numbers", "quotes"}


def test_a_second_prose_figure_is_silent_when_one_agrees_with_the_table(
    seed_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    fact = {
        "indicator": "新发展市场主体",
        "year": 2023,
        "kind": "level",
        "status": "actual",
        "unit": "万户",
        "qualifier": None,
        "quote": "",
        "start": 0,
        "end": 0,
    }
    facts = [dict(fact, value=1.5), dict(fact, value=10.5)]
    assert audit(seed_report, {"facts": facts}, seed_evaluation) == []
    assert len(audit(seed_report, {"facts": facts[1:]}, seed_evaluation)) == 1


def test_a_rank_is_never_compared_with_the_tables_value() -> None:
    from jihua.audit import audit
    from jihua.example import example_document
    from jihua.extract import extract
    from jihua.plan import read_plan

    document = example_document()
    extraction = extract(document)
    baseline = audit(read_plan(document), extraction)
    rank = {
        "indicator": "粮食产量",
        "year": 2023,
        "kind": "other",
        "status": "actual",
        "value": 1.0,
        "unit": None,
        "qualifier": None,
        "rank": True,
        "rank_scope": "全市",
        "quote": "粮食产量",
        "start": 0,
        "end": 4,
    }
    extraction["facts"] = [*extraction["facts"], rank]
    assert audit(read_plan(document), extraction) == baseline
