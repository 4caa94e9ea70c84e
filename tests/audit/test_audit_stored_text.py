"""A stored plan audited from the report's stored text: the findings of the file, edits counted.

Runs on SQLite, and on PostgreSQL when ``JIHUA_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

import jihua.store
from jihua.audit import Finding, audit
from jihua.cli import cli
from jihua.document import Document
from jihua.evaluate import evaluate
from jihua.extract import extract
from jihua.plan import PlanReport
from jihua.report.stored import read_stored_plan
from jihua.store.database import create_store_engine
from jihua.store.schema import Document as StoredDocument
from tests.store.conftest import POSTGRES_VARIABLE, fresh_postgres_database

REGION = "涪陵区"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jihua.sqlite'}"
        return
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        pytest.skip(f"PostgreSQL 未测试：未设置 {POSTGRES_VARIABLE}")
    yield from fresh_postgres_database(server)


@pytest.fixture
def seeded_engine(db_url: str, seed_document: Document) -> Iterator[Engine]:
    with jihua.store.open(db_url) as store:
        store.ingest_bytes(seed_document.text.encode("utf-8"), seed_document.source)
    engine = create_store_engine(db_url)
    yield engine
    engine.dispose()


def _file_findings(document: Document, report: PlanReport) -> list[dict[str, Any]]:
    findings = audit(report, extract(document), evaluate(report))
    return [f.to_dict() for f in findings]


def _stored_findings(engine: Engine, year: int) -> list[Finding]:
    stored = read_stored_plan(engine, REGION, year)
    return audit(stored.report, stored.extraction, evaluate(stored.report), stored.two_reports)


@pytest.mark.parametrize("year", [2023, 2024])
def test_a_stored_seed_has_the_findings_of_the_file(
    seeded_engine: Engine, seed_document: Document, seed_report: PlanReport, year: int
) -> None:
    stored = [f.to_dict() for f in _stored_findings(seeded_engine, year)]
    assert stored == _file_findings(seed_document, seed_report)
    assert [f["check"] for f in stored] == ["总数与分项", "总数与分项", "文表一致"]


def test_the_audit_command_on_a_stored_seed_prints_the_files_findings(
    seeded_engine: Engine, db_url: str, seed_document: Document, seed_report: PlanReport
) -> None:
    for year in ("2023", "2024"):
        args = ["audit", "--region", REGION, "--year", year, "--db", db_url, "--json"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        findings = json.loads(result.output)["findings"]
        assert findings == _file_findings(seed_document, seed_report)


def test_a_later_vintage_moves_the_grades_of_the_plan_read_from_text(
    seeded_engine: Engine, db_url: str
) -> None:
    with jihua.store.open(db_url) as store:
        store.set_actual(REGION, 2023, "农业增加值增速", "5.2", "快报", "2023年统计快报")
    stored = read_stored_plan(seeded_engine, REGION, 2023)
    evaluation = evaluate(stored.report)
    agriculture = next(g for g in evaluation.graded if g.indicator.name == "农业增加值增速")
    assert stored.from_text
    assert agriculture.indicator.actual is not None
    assert (agriculture.indicator.actual.text, agriculture.grade.label) == ("5.2", "超额完成")


def test_a_document_stored_without_its_text_is_rebuilt_from_its_indicators(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session, session.begin():
        session.execute(update(StoredDocument).values(text=None))
    stored = read_stored_plan(seeded_engine, REGION, 2023)
    checks = {f.check for f in _stored_findings(seeded_engine, 2023)}
    assert not stored.from_text and stored.report.document.text == ""
    assert "文表一致" not in checks and "总数与分项" not in checks  # groups of plan 2024


def test_a_store_and_an_engine_read_the_same_plan(seeded_engine: Engine, db_url: str) -> None:
    with jihua.store.open(db_url) as store:
        through_store = read_stored_plan(store, REGION, 2023).report
    through_engine = read_stored_plan(seeded_engine, REGION, 2023).report
    assert through_store == through_engine
