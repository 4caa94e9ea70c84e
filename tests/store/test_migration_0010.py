"""Upgrading a database of an older jihua: a stored periodic value gets its history."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, text

from jihua.store.bulletins import ingest_bulletin_bytes
from jihua.store.database import (
    _alembic_config,
    create_store_engine,
    current_revision,
    head_revision,
    upgrade,
)
from jihua.store.periodic import periodic_statements
from tests.store.test_bulletin_revisions import JUNE

PERIODIC = (
    "INSERT INTO periodic_values (indicator_id, period, first_month, last_month, kind, value,"
    " vintage, vintage_rank, source, recorded_at, version)"
    " VALUES (1, '2024-01..06', 1, 6, 'growth', 9.0, '快报', 1, '6月统计月报', CURRENT_TIMESTAMP, 1)"
)


def downgrade(engine: Engine, revision: str) -> None:
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_an_older_periodic_value_becomes_the_first_figure_of_its_history(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        upgrade(engine, "0009")
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO regions (id, name) VALUES (1, '涪陵区')"))
            connection.execute(text("INSERT INTO plans (id, region_id, year) VALUES (1, 1, 2024)"))
            connection.execute(
                text(
                    "INSERT INTO indicators (id, plan_id, position, name, binding, version)"
                    " VALUES (1, 1, 0, '规模以上工业增加值增速', false, 1)"
                )
            )
            connection.execute(text(PERIODIC))
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        result = ingest_bulletin_bytes(engine, JUNE.encode(), "六月.txt", who="测试")
        assert (result.stored, result.revised) == (1, 1)
        statements = periodic_statements(engine, "涪陵区", 2024, "规上工业增加值增速")
        assert [(s.revision, s.value, s.source, s.in_use) for s in statements] == [
            ("初值", 9.0, "6月统计月报", False),
            ("修订1", 9.4, "六月.txt：规上工业增加值同比增长9.4%", True),
        ]
        downgrade(engine, "0009")  # and back: the history goes, the values stay
        assert current_revision(engine) == "0009"
        with engine.connect() as connection:
            assert connection.execute(text("SELECT value FROM periodic_values")).scalar() == 9.4
    finally:
        engine.dispose()
