from __future__ import annotations

from pathlib import Path

import pytest

import jihua.store
from jihua.store import Store
from jihua.store.api import INDICATOR_COLUMNS


def test_open_gives_a_dataframe_of_indicators(seeded: Store, db_url: str) -> None:
    with jihua.store.open(db_url) as store:
        frame = store.indicators(region="涪陵区", year=2024)
    assert list(frame.columns) == INDICATOR_COLUMNS
    assert set(frame["year"]) == {2024}
    assert frame["actual"].isna().all()  # a plan year has targets only
    gdp = frame[frame["indicator"] == "地区生产总值增速"].iloc[0]
    assert gdp["target"] and gdp["target_number"] is not None


def test_projects_and_tasks_from_the_extractor_are_stored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from jihua.store.schema import Project, Task

    from .conftest import seed_bytes

    def extract(document: object) -> dict[str, object]:
        return {
            "projects": [
                {
                    "name": "白涛园区铁路专用线",
                    "stage": "新开工",
                    "total_investment": 12.5,
                    "quote": "…",
                }
            ],
            "tasks": [
                {"area": "（一）", "number": "1", "title": "推动工业提质增效", "commitments": []}
            ],
        }

    monkeypatch.setattr("jihua.store.ingest._extractor", lambda: extract)
    store.ingest_bytes(seed_bytes(), "seed.txt")
    with Session(store.engine) as session:
        project = session.scalars(select(Project)).one()
        task = session.scalars(select(Task)).one()
        assert (project.stage, project.total_investment) == ("新开工", 12.5)
        assert task.title == "推动工业提质增效"


def test_the_public_surface_is_pinned() -> None:
    assert sorted(jihua.store.__all__) == [
        "EditConflict",
        "IngestResult",
        "Standing",
        "Store",
        "Synonyms",
        "load_synonyms",
        "open",
    ]


def test_an_outdated_database_asks_for_an_upgrade(tmp_path: Path) -> None:
    from jihua.errors import UserError
    from jihua.store.database import create_store_engine, upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_store_engine(url)
    upgrade(engine, "0001")
    engine.dispose()
    if jihua.store.database.head_revision() == "0001":
        pytest.skip("only one migration so far")
    with pytest.raises(UserError, match="jihua db upgrade"):
        Store(url)
