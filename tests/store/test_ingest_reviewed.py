"""One ingest path for reviewed uploads: corrections applied in the ingest's transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.example import EXAMPLE
from jihua.plan import read_plan
from jihua.store import Correction, Store
from jihua.store.corrections import WHY_DROP, WHY_EDIT, review_rows
from jihua.store.schema import Change, Document, Fact, Indicator, Plan

from .conftest import seed_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _key_of(name: str) -> str:
    """The review key of a row of the seed's execution table."""
    report = read_plan(read_bytes(seed_bytes(), EXAMPLE))
    execution = next(n for n, t in enumerate(report.tables) if t.kind == "execution")
    return next(
        key
        for key, row in review_rows(report).items()
        if row.name == name and key.startswith(f"t{execution}-")
    )


def test_a_corrected_actual_is_stored_graded_and_logged_as_the_reviewers(store: Store) -> None:
    key = _key_of("农业增加值增速")
    fix = Correction(key, "actual", "4.5左右", "5.2")
    result = store.ingest_reviewed(seed_bytes(), EXAMPLE, "计划科", [fix])
    frame = store.indicators(region="涪陵区", year=2023)
    row = frame[frame["indicator"] == "农业增加值增速"].iloc[0]
    assert result.status == "added"
    assert (row["actual"], row["grade"]) == ("5.2", "超额完成")
    with Session(store.engine) as session:
        logged = session.scalars(select(Change).where(Change.why == WHY_EDIT)).one()
    assert (logged.who, logged.old, logged.new) == ("计划科", "4.5左右", "5.2")


def test_a_dropped_row_is_not_stored_and_the_drop_is_logged_on_the_document(
    store: Store,
) -> None:
    key = _key_of("农业增加值增速")
    drop = Correction(key, "drop", "农业增加值增速：目标 5", None)
    store.ingest_reviewed(seed_bytes(), EXAMPLE, "计划科", [drop])
    with Session(store.engine) as session:
        names = session.scalars(select(Indicator.name).join(Plan).where(Plan.year == 2023)).all()
        logged = session.scalars(select(Change).where(Change.why == WHY_DROP)).one()
    assert "农业增加值增速" not in names
    assert logged.table_name == "documents"


def test_a_bad_correction_writes_nothing(store: Store) -> None:
    with pytest.raises(UserError, match="审核内容与上传的报告不符"):
        store.ingest_reviewed(
            seed_bytes(), EXAMPLE, "计划科", [Correction("t9-99", "drop", "", None)]
        )
    with Session(store.engine) as session:
        assert session.scalar(select(Document.id)) is None


def test_the_same_file_reviewed_again_is_present_and_its_corrections_ignored(
    seeded: Store,
) -> None:
    fix = Correction(_key_of("农业增加值增速"), "actual", "4.5左右", "5.2")
    result = seeded.ingest_reviewed(seed_bytes(), "again.txt", "计划科", [fix])
    assert (result.status, result.years) == ("present", [2023, 2024])
    frame = seeded.indicators(region="涪陵区", year=2023)
    assert frame[frame["indicator"] == "农业增加值增速"].iloc[0]["actual"] == "4.5左右"


def test_a_dropped_prose_fact_is_deleted_and_logged(store: Store) -> None:
    data = (CORPUS / "08_zhenhai_2021.txt").read_bytes()
    store.ingest_reviewed(data, "zhenhai.txt", "计划科", [Correction("f0", "drop", "q", None)])
    with Session(store.engine) as session:
        positions = session.scalars(select(Fact.position)).all()
        logged = session.scalars(select(Change).where(Change.why == WHY_DROP)).one()
    assert 0 not in positions and positions
    assert logged.table_name == "facts"


def test_a_prose_only_report_lists_only_the_year_of_the_plan_it_made(store: Store) -> None:
    data = (CORPUS / "08_zhenhai_2021.txt").read_bytes()
    added = store.ingest_bytes(data, "zhenhai.txt")
    present = store.ingest_bytes(data, "zhenhai.txt")
    with Session(store.engine) as session:
        years = session.scalars(select(Plan.year)).all()
    assert years == [2022]
    assert added.years == present.years == [2022]
