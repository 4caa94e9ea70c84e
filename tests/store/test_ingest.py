from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jihua.example import EXAMPLE
from jihua.store import Store
from jihua.store.dump import export_dict
from jihua.store.schema import Actual, Change, Document, Grade, Indicator, Plan, Region

from .conftest import revised_seed_bytes, seed_bytes


def _count(store: Store, model: type) -> int:
    with Session(store.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_the_seed_is_stored_as_two_plans_of_fuling_under_chongqing(seeded: Store) -> None:
    with Session(seeded.engine) as session:
        region = session.scalars(select(Region).where(Region.name == "涪陵区")).one()
        parent = session.get_one(Region, region.parent_id)
        years = session.scalars(select(Plan.year).where(Plan.region_id == region.id)).all()
    assert parent.name == "重庆市"
    assert sorted(years) == [2023, 2024]


def test_stored_grades_reproduce_the_reports_tally(seeded: Store) -> None:
    frame = seeded.indicators(region="涪陵区", year=2023)
    top = frame[frame["parent_indicator"].isna()]
    assert top["grade"].value_counts().to_dict() == {
        "超额完成": 11,
        "完成": 8,
        "较好完成": 4,
        "完成困难较大": 8,
    }


def test_sub_rows_are_stored_under_their_indicator(seeded: Store) -> None:
    frame = seeded.indicators(region="涪陵区", year=2023)
    tax = frame[frame["indicator"] == "税收增速"].iloc[0]
    assert tax["parent_indicator"] == "一般公共预算收入增速"


def test_figures_keep_the_quote_and_offsets_they_came_from(seeded: Store) -> None:
    text = seed_bytes().decode("utf-8")
    with Session(seeded.engine) as session:
        actual = session.scalars(
            select(Actual)
            .join(Indicator, Actual.indicator_id == Indicator.id)
            .where(Indicator.name == "地区生产总值增速")
        ).one()
    assert actual.vintage == "预计"
    assert actual.start is not None and actual.end is not None
    assert text[actual.start : actual.end] == actual.quote
    assert "7.5以上" in (actual.quote or "")


def test_the_documents_text_is_kept_so_every_offset_can_be_read_again(seeded: Store) -> None:
    with Session(seeded.engine) as session:
        document = session.scalars(select(Document)).one()
        actuals = session.scalars(select(Actual)).all()
    assert document.text == seed_bytes().decode("utf-8")
    assert all(document.text[a.start : a.end] == a.quote for a in actuals if a.start is not None)


def test_ingesting_the_same_bytes_twice_changes_nothing(seeded: Store) -> None:
    before = export_dict(seeded.engine)
    result = seeded.ingest_bytes(seed_bytes(), "again.txt")
    assert result.status == "present"
    assert "已存在" in result.describe()
    assert export_dict(seeded.engine) == before


def test_a_revised_report_updates_values_and_keeps_the_old_ones(seeded: Store) -> None:
    result = seeded.ingest_bytes(revised_seed_bytes(), "revised.txt", who="测试")
    assert result.status == "revised"
    history = seeded.history("涪陵区", 2023, "农业增加值增速")
    estimate = next(f for f in history.figures if f.what == "预计")
    assert estimate.text == "3.9"
    moves = [(c.table_name, c.field, c.old, c.new, c.why) for c in history.changes]
    assert ("actuals", "text", "4.5左右", "3.9", "ingest revised.txt") in moves
    assert ("grades", "label", "较好完成", "完成困难较大", "ingest revised.txt") in moves
    assert history.grade == "完成困难较大"


def test_a_revised_report_adds_no_duplicate_indicators(seeded: Store) -> None:
    before = _count(seeded, Indicator)
    seeded.ingest_bytes(revised_seed_bytes(), "revised.txt")
    assert _count(seeded, Indicator) == before


def test_a_failing_ingest_leaves_the_database_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = export_dict(store.engine)

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full while grading")

    monkeypatch.setattr("jihua.store.ingest.regrade_plan", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        store.ingest_bytes(seed_bytes(), EXAMPLE)
    assert export_dict(store.engine) == before
    for model in (Region, Plan, Indicator, Actual, Grade, Change):
        assert _count(store, model) == 0
