"""New rows by the thousand: one INSERT per batch, and the first value of each logged.

An import of 100,000 rows cannot afford the unit of work's flush and query per
row; :func:`insert_logged` writes the rows of one table with ``executemany``
(SQLAlchemy sends them as multi-row ``INSERT … RETURNING``), gets their ids
back in order, and appends one ``change_log`` row for each — the same record
:func:`jihua.store.changes.record_new` makes for a row added one at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from jihua.store.changes import as_text, now
from jihua.store.schema import Base, Change


def insert_logged(
    session: Session,
    model: type[Base],
    rows: Sequence[dict[str, Any]],
    field: str,
    who: str,
    why: str,
) -> list[int]:
    """Insert ``rows`` of ``model``, log each one's ``field``; the new ids, in row order."""
    if not rows:
        return []
    table = model.__table__
    assert isinstance(table, Table)
    if "version" in table.c:
        rows = [{"version": 1, **row} for row in rows]
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = [int(i) for i in session.execute(statement, list(rows)).scalars()]
    at = now()
    session.execute(
        insert(Change),
        [
            {
                "at": at,
                "who": who,
                "table_name": table.name,
                "row_id": row_id,
                "field": field,
                "old": None,
                "new": as_text(row[field]),
                "why": why,
            }
            for row_id, row in zip(ids, rows, strict=True)
        ],
    )
    return ids
