"""Store tests run on SQLite always, and on PostgreSQL when a server is given.

Set ``JIHUA_TEST_POSTGRES_URL`` (``scripts/start-postgres`` prints one) to a
database whose user may create databases; every test then gets its own fresh
database on that server, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jihua.example import EXAMPLE
from jihua.store import Store

DATA = Path(__file__).resolve().parents[2] / "jihua" / "data"
POSTGRES_VARIABLE = "JIHUA_TEST_POSTGRES_URL"

AGRICULTURE_ROW = "\t农业增加值增速（%）\n\t5\n\t4.5左右\n"
GDP_ROW = "\t地区生产总值增速（%）\n\t6.5\n\t7.5以上\n"


def seed_text() -> str:
    return (DATA / EXAMPLE).read_text(encoding="utf-8")


def seed_bytes() -> bytes:
    return (DATA / EXAMPLE).read_bytes()


def revised_seed_bytes() -> bytes:
    """The seed with the agricultural growth estimate lowered from 4.5左右 to 3.9."""
    text = seed_text()
    assert text.count(AGRICULTURE_ROW) == 1
    return text.replace(AGRICULTURE_ROW, "\t农业增加值增速（%）\n\t5\n\t3.9\n").encode("utf-8")


def other_region_bytes(region: str, gdp_name: str, gdp_actual: str) -> bytes:
    """The seed as another district's report, naming and reaching GDP growth its own way."""
    text = seed_text().replace("涪陵区", region).replace("涪陵", region[:2])
    assert text.count(GDP_ROW) == 1
    return text.replace(GDP_ROW, f"\t{gdp_name}（%）\n\t6.5\n\t{gdp_actual}\n").encode("utf-8")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jihua.sqlite'}"
        return
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        pytest.skip(
            f"PostgreSQL 未测试：未设置 {POSTGRES_VARIABLE}"
            "（例：export JIHUA_TEST_POSTGRES_URL=$(scripts/start-postgres)）"
        )
    yield from fresh_postgres_database(server)


def fresh_postgres_database(server: str) -> Iterator[str]:
    name = f"jihua_test_{uuid.uuid4().hex[:12]}"
    url = make_url(server).set(drivername="postgresql+psycopg")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def second_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty database of the same kind, e.g. to restore an export into."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.sqlite'}"
    else:
        yield from fresh_postgres_database(os.environ[POSTGRES_VARIABLE])


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


@pytest.fixture
def seeded(store: Store) -> Store:
    store.ingest_bytes(seed_bytes(), EXAMPLE, who="测试")
    return store
