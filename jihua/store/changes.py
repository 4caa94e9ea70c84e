"""The change log, and edits that respect what the editor read.

Every write to a target, actual, grade, project or task goes through
:func:`set_field` or :func:`record_new`, which append to ``change_log`` who,
when, which row and field, the old and the new value, and why (``ingest FILE``,
``import FILE``, a user's edit). Nothing updates or deletes a change-log row.

An edit made from a screen carries the ``version`` of the row as the editor
read it; :func:`check_version` refuses it with :class:`EditConflict` when the
row has moved on since, naming both values. SQLAlchemy's ``version_id_col``
adds ``WHERE version = …`` to every UPDATE, so two writers racing past the
check still cannot both win.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.schema import Base, Change


class EditConflict(UserError):
    """Someone changed the row between the editor reading it and saving."""

    def __init__(
        self, what: str, read: str | None, current: str, read_version: int, version: int
    ) -> None:
        seen = f"“{read}”（版本 {read_version}）" if read is not None else f"版本 {read_version}"
        super().__init__(
            f"{what} 已被他人修改：你读到的是{seen}，"
            f"现在是“{current}”（版本 {version}）。请刷新后再改。"
        )
        self.what, self.read, self.current = what, read, current
        self.read_version, self.version = read_version, version

    def __reduce__(self) -> tuple[type[EditConflict], tuple[str, str | None, str, int, int]]:
        """Pickled with its fields, so the write process can hand it to the worker."""
        return (
            EditConflict,
            (self.what, self.read, self.current, self.read_version, self.version),
        )


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time: SQLite gives it back naive, and every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def current_user() -> str:
    """Who is writing: ``JIHUA_USER``, else the login name."""
    return os.environ.get("JIHUA_USER") or getpass.getuser()


def as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def set_field(session: Session, row: Base, field: str, new: Any, who: str, why: str) -> bool:
    """Give ``row.field`` the value ``new`` and log it; ``False`` when nothing changed."""
    old = getattr(row, field)
    if old == new:
        return False
    setattr(row, field, new)
    log(session, row, field, as_text(old), as_text(new), who, why)
    return True


def record_new(session: Session, row: Base, field: str, who: str, why: str) -> None:
    """Log the first value of a new row (flushed, so it has an id)."""
    session.flush()
    log(session, row, field, None, as_text(getattr(row, field)), who, why)


class Pending:
    """New rows whose first value is logged once one flush has given them ids.

    Flushing row by row is what makes a large ingest slow; this batches it.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[Base, str]] = []

    def add(self, row: Base, field: str) -> None:
        self.rows.append((row, field))

    def log_all(self, session: Session, who: str, why: str) -> None:
        session.flush()
        for row, field in self.rows:
            log(session, row, field, None, as_text(getattr(row, field)), who, why)
        self.rows.clear()


def log(
    session: Session, row: Base, field: str, old: str | None, new: str | None, who: str, why: str
) -> None:
    row_id = row.id  # type: ignore[attr-defined]
    session.add(
        Change(
            at=now(),
            who=who,
            table_name=row.__tablename__,
            row_id=row_id,
            field=field,
            old=old,
            new=new,
            why=why,
        )
    )


def check_version(
    what: str, read: str | None, current: str, read_version: int, version: int
) -> None:
    if read_version != version:
        raise EditConflict(what, read, current, read_version, version)
