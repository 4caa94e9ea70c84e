from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from jihua.store import Store
from jihua.store.database import (
    create_store_engine,
    current_revision,
    database_url,
    head_revision,
    upgrade,
)
from jihua.store.schema import TABLES, Base


def test_migrations_take_an_empty_database_to_head(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {model.__tablename__ for model in TABLES} <= tables
    finally:
        engine.dispose()


def test_migrations_match_the_models(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            ours = {model.__tablename__ for model in TABLES}
            diffs = [d for d in compare_metadata(context, Base.metadata) if _table_of(d) in ours]
            assert diffs == []
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'x.sqlite'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_url_comes_from_option_then_environment_then_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("JIHUA_DATABASE_URL", raising=False)
    assert database_url(None) == "sqlite:///jihua.sqlite"
    monkeypatch.setenv("JIHUA_DATABASE_URL", "postgresql://u@h/db")
    assert database_url(None) == "postgresql+psycopg://u@h/db"
    assert database_url("other.sqlite") == "sqlite:///other.sqlite"


def _table_of(diff: object) -> str | None:
    """The table a difference is about (other modules migrate tables of their own)."""
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:] if isinstance(item, tuple) else ():
        table = getattr(part, "table", None)
        if getattr(part, "name", None) and hasattr(part, "columns") and table is None:
            return str(part.name)
        if table is not None:
            return str(table.name)
    return None
