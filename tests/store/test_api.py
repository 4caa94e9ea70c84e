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


def test_the_public_surface_is_pinned() -> None:
    assert sorted(jihua.store.__all__) == [
        "Correction",
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
