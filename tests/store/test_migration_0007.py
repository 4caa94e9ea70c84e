"""Upgrading a database of an older jihua: each stored target gets its vintage."""

from __future__ import annotations

import json

from sqlalchemy import text

from jihua.store.database import create_store_engine, current_revision, head_revision, upgrade

TARGET = (
    "INSERT INTO targets (id, indicator_id, period, text, kind, number, parsed, version)"
    " VALUES (:id, :indicator, 'year', :text, 'number', :number, :parsed, 1)"
)


def test_an_older_database_gets_one_vintage_per_target(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        upgrade(engine, "0006")
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO regions (id, name) VALUES (1, '涪陵区')"))
            connection.execute(
                text("INSERT INTO plans (id, region_id, year) VALUES (1, 1, 2023), (2, 1, 2024)")
            )
            connection.execute(
                text(
                    "INSERT INTO indicators (id, plan_id, position, name, binding, version)"
                    " VALUES (1, 1, 0, '地区生产总值增速', false, 1),"
                    " (2, 2, 0, '地区生产总值增速', false, 1)"
                )
            )
            for row_id, indicator, value in ((1, 1, "6.5"), (2, 2, "6")):
                parsed = json.dumps({"text": value, "kind": "number"})
                connection.execute(
                    text(TARGET),
                    {
                        "id": row_id,
                        "indicator": indicator,
                        "text": value,
                        "number": float(value),
                        "parsed": parsed,
                    },
                )
            connection.execute(
                text(
                    "INSERT INTO actuals (indicator_id, period, text, kind, number, parsed, version,"
                    " vintage, vintage_rank, recorded_at)"
                    " VALUES (1, 'year', '7.5以上', 'number', 7.5, '{}', 1, '预计', 0, CURRENT_TIMESTAMP)"
                )
            )
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT indicator_id, vintage, text FROM target_vintages ORDER BY indicator_id"
                )
            ).all()
        # the 2023 target has an actual: it came from an execution table, the approved plan
        assert [tuple(r) for r in rows] == [(1, "批准", "6.5"), (2, "草案", "6")]
    finally:
        engine.dispose()
