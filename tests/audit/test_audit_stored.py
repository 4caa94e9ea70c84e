"""批准目标: last year's plan against this year's execution table, both reports stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import jihua.store
from jihua.audit import audit
from jihua.cli import cli
from jihua.document import Document, read_bytes
from jihua.errors import UserError
from jihua.evaluate import evaluate
from jihua.plan import PlanReport, read_plan
from jihua.report.stored import read_stored_plan
from jihua.store import load_synonyms

NEXT_SOURCE = "fuling-2024-plan-report.txt"


def _next_year_text(seed: Document, seed_report: PlanReport, changed: dict[str, str]) -> str:
    """The seed a year on, its execution table restating the seed's plan targets.

    Years move by one (2024→2025, then 2023→2024). Each execution row whose
    indicator the seed's plan table names takes that plan target, except the
    rows in ``changed`` (name → the target to write instead).
    """
    execution, plan = seed_report.execution, seed_report.plan
    assert execution is not None and plan is not None
    synonyms = load_synonyms()
    planned = {synonyms.canonical(row.name): row.target.text for row in plan.all_rows()}
    text = seed.text
    for row in sorted(execution.all_rows(), key=lambda r: r.start, reverse=True):
        target = changed.get(row.name, planned.get(synonyms.canonical(row.name)))
        if target is None:
            continue
        span = text[row.start : row.end]
        cell = re.compile(rf"(?m)^(\t){re.escape(row.target.text)}$")
        assert cell.search(span), span
        text = text[: row.start] + cell.sub(rf"\g<1>{target}", span, 1) + text[row.end :]
    return text.replace("2024", "2025").replace("2023", "2024")


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'jihua.sqlite'}"


def _ingest(url: str, *reports: tuple[str, str]) -> None:
    with jihua.store.open(url) as store:
        for text, source in reports:
            store.ingest_bytes(text.encode("utf-8"), source)


def _restated_findings(url: str) -> list[str]:
    with jihua.store.open(url) as store:
        stored = read_stored_plan(store, "涪陵区", 2024)
    findings = audit(stored.report, None, evaluate(stored.report), stored.two_reports)
    return [f.message for f in findings if f.check == "批准目标"]


@pytest.mark.parametrize("seed_first", [True, False], ids=["seed-first", "next-year-first"])
def test_a_restated_target_that_differs_from_the_approved_one_is_raised(
    seed_document: Document, seed_report: PlanReport, db_url: str, seed_first: bool
) -> None:
    seed = (seed_document.text, "fuling-2023-plan-report.txt")
    following = (
        _next_year_text(seed_document, seed_report, {"地区生产总值增速": "6"}),
        NEXT_SOURCE,
    )
    _ingest(db_url, *((seed, following) if seed_first else (following, seed)))
    assert _restated_findings(db_url) == [
        "地区生产总值增速：2024年计划批准目标为6.5，本年执行情况表写作6"
    ]


def test_restated_targets_that_agree_stay_silent(
    seed_document: Document, seed_report: PlanReport, db_url: str
) -> None:
    following = _next_year_text(seed_document, seed_report, {})
    _ingest(db_url, (seed_document.text, "seed.txt"), (following, NEXT_SOURCE))
    assert _restated_findings(db_url) == []


def test_the_synthetic_next_year_reads_as_a_2024_report(
    seed_document: Document, seed_report: PlanReport
) -> None:
    text = _next_year_text(seed_document, seed_report, {"地区生产总值增速": "6"})
    report = read_plan(read_bytes(text.encode("utf-8"), NEXT_SOURCE))
    assert (report.report_year, report.plan_year) == (2024, 2025)
    assert report.execution is not None
    gdp = report.execution.find("地区生产总值增速")
    assert gdp is not None and gdp.target.text == "6"


def test_one_stored_report_has_nothing_to_compare(seed_document: Document, db_url: str) -> None:
    _ingest(db_url, (seed_document.text, "seed.txt"))
    with jihua.store.open(db_url) as store:
        assert read_stored_plan(store, "涪陵区", 2023).two_reports is None


def test_audit_command_reads_a_stored_plan(
    seed_document: Document, seed_report: PlanReport, db_url: str
) -> None:
    following = _next_year_text(seed_document, seed_report, {"地区生产总值增速": "6"})
    _ingest(db_url, (seed_document.text, "seed.txt"), (following, NEXT_SOURCE))
    args = ["audit", "--region", "涪陵区", "--year", "2024", "--db", db_url, "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    [finding] = [f for f in findings if f["check"] == "批准目标"]
    assert finding["numbers"] == {
        "indicator": "地区生产总值增速",
        "approved_indicator": "地区生产总值增速",
        "year": 2024,
        "approved": "6.5",
        "restated": "6",
    }
    assert {q["source"] for q in finding["quotes"]} <= {"seed.txt", NEXT_SOURCE}


def test_audit_of_a_plan_not_in_the_store_is_a_user_error(db_url: str) -> None:
    args = ["audit", "--region", "涪陵区", "--year", "2030", "--db", db_url]
    result = CliRunner().invoke(cli, args)
    assert isinstance(result.exception, UserError)
    assert str(result.exception) == "库中没有 涪陵区 2030 年的计划"


def test_a_file_and_a_stored_plan_together_are_a_user_error(seed_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["audit", str(seed_path), "--region", "涪陵区", "--year", "2023"]
    )
    assert isinstance(result.exception, UserError)
    assert "二者不能同时使用" in str(result.exception)
