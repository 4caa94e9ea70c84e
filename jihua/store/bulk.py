"""New rows by the thousand: ids reserved, one ``executemany``, the first value of each logged.

An import of 100,000 rows cannot afford the unit of work's flush and query per
row, nor SQLAlchemy's building of each row's parameters, which takes longer
than SQLite takes to write the row. :func:`insert_rows` reserves the rows' ids
(SQLite: past the largest, safe while the write transaction holds the database;
PostgreSQL: from the table's sequence), converts each value with its column
type's own bind processor (JSON, times), and sends one ``executemany`` to the
driver. :func:`log_first` appends one ``change_log`` row for each new row — the
record :func:`jihua.store.changes.record_new` makes for a row added one at a time.

:func:`without_pauses` keeps Python's cycle collector from running while an import
builds its hundreds of thousands of rows: each of its full passes walks every object
alive, and they are all alive until the import ends (a third of a 100,000-row import).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Dialect, Table, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from jihua.store.changes import as_text, now
from jihua.store.schema import Base, Change


@contextmanager
def without_pauses() -> Iterator[None]:
    """No cycle collection inside the block (an import makes no cycles worth collecting
    before it ends); the collector is back as it was after it, also on an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def insert_logged(
    session: Session,
    model: type[Base],
    rows: Sequence[dict[str, Any]],
    field: str,
    who: str,
    why: str,
) -> list[int]:
    """Insert ``rows`` of ``model``, log each one's ``field``; the new ids, in row order."""
    ids = insert_rows(session, model, rows)
    log_first(session, model, ids, field, [row[field] for row in rows], who, why)
    return ids


def insert_rows(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` of ``model`` (a versioned row starts at version 1); their ids, in order."""
    if not rows:
        return []
    table = _table(model)
    ids = _reserve_ids(session, table, len(rows))
    names = [name for name in rows[0] if name != "id"]
    columns: dict[str, Sequence[Any]] = {name: [row[name] for row in rows] for name in names}
    columns["id"] = ids
    if "version" in table.c and "version" not in columns:
        columns["version"] = [1] * len(rows)
    _executemany(session, table, columns)
    return ids


def log_first(
    session: Session,
    model: type[Base],
    ids: Sequence[int],
    field: str,
    values: Sequence[Any],
    who: str,
    why: str,
) -> None:
    """One ``change_log`` row per new row: ``field`` set from nothing to its value."""
    if not ids:
        return
    at, name = (
        now(),
        str(_table(model).name),
    )  # a plain str: sqlite3 asks a subclass to adapt itself
    rows = [
        {
            "at": at,
            "who": who,
            "table_name": name,
            "row_id": row_id,
            "field": field,
            "old": None,
            "new": as_text(value),
            "why": why,
        }
        for row_id, value in zip(ids, values, strict=True)
    ]
    insert_rows(session, Change, rows)


def _reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    if session.get_bind().dialect.name == "postgresql":
        query = text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
        )
        return sorted(int(i) for i in session.scalars(query, {"table": table.name, "n": count}))
    last = session.scalar(select(func.max(table.c.id))) or 0
    return list(range(last + 1, last + count + 1))


def _executemany(session: Session, table: Table, columns: dict[str, Sequence[Any]]) -> None:
    """The rows whose values ``columns`` holds, column by column, to the driver in one
    ``executemany``; each column converted by its type's bind processor in one pass."""
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    names = list(columns)
    marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in names)
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    )
    values = [_bound(table.c[name].type, dialect, columns[name]) for name in names]
    connection.exec_driver_sql(statement, list(zip(*values, strict=True)))


def _bound(kind: TypeEngine[Any], dialect: Dialect, values: Sequence[Any]) -> Sequence[Any]:
    """A column's values as the driver takes them; a value repeated down the column (the
    change log's time, a vintage) converted once."""
    process: Callable[[Any], Any] | None = kind.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return values
    if _plain_json(kind, process, values):
        return [json.dumps(value) for value in values]
    try:
        distinct = set(values)
    except TypeError:  # unhashable (JSON): each converted
        return [process(value) for value in values]
    done = {value: process(value) for value in distinct}
    return [done[value] for value in values]


def _plain_json(
    kind: TypeEngine[Any], process: Callable[[Any], Any], values: Sequence[Any]
) -> bool:
    """A JSON column of objects that the engine serializes as ``json.dumps`` does (the
    type's own processor, a third of a targets import, is checked on the first)."""
    return (
        isinstance(kind, JSON)
        and all(type(value) is dict for value in values)
        and process(values[0]) == json.dumps(values[0])
    )


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
