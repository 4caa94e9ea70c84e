"""Each bulletin's statement of a periodic value: its first figure and its revisions.

A statistics bureau publishes ``1-6月`` in its June bulletin and may state it again,
revised, in a later one. Every such statement is kept (``periodic_revisions``), in the
order of the bulletins: by publishing date where both bulletins state one, else in the
order they were stored. In that order they are named

========  ==========================================================
初值      the first statement
修订N     a figure other than the one stated before it (修订1, 修订2…)
重申      the same figure stated again by a later bulletin
========  ==========================================================

and the value in use (``periodic_values.value``, what monitoring and series read) is
the last statement's. A statement already stored — same figure, publishing date and
sentence — is not stored twice, so reading the same bulletin again changes nothing.
A value stored before its history was kept (an import, a user's entry, an older
jihua) gets it when a bulletin first states it: its figure becomes the 初值.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.changes import as_utc, now, record_new, set_field
from jihua.store.periodic import Period, store_periodic
from jihua.store.schema import Indicator, PeriodicRevision, PeriodicValue

FIRST = "初值"
REVISED = "修订"
RESTATED = "重申"
#: the value in use was changed by hand after the last bulletin's statement
EDITED = "已修改"

T = TypeVar("T")


@dataclass(frozen=True)
class Statement:
    """What one bulletin says of one periodic value, and where."""

    value: float
    published: date | None
    source: str | None
    document_id: int | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None


def in_order(items: Sequence[T], published: Callable[[T], date | None]) -> list[T]:
    """``items`` (in the order stored) in the order of their bulletins: each goes after
    those stored before it, except before the ones just before it published later."""
    ordered: list[T] = []
    for item in items:
        position = len(ordered)
        day = published(item)
        if day is not None:
            while position > 0 and _later(published(ordered[position - 1]), day):
                position -= 1
        ordered.insert(position, item)
    return ordered


def _later(day: date | None, than: date) -> bool:
    return day is not None and day > than


def labels(values: Sequence[float]) -> list[str]:
    """初值, 修订N or 重申 for each value of a history in order."""
    found: list[str] = []
    revisions = 0
    for n, value in enumerate(values):
        if n == 0:
            found.append(FIRST)
        elif value == values[n - 1]:
            found.append(RESTATED)
        else:
            revisions += 1
            found.append(f"{REVISED}{revisions}")
    return found


def history(session: Session, row: PeriodicValue) -> list[PeriodicRevision]:
    """The statements of one periodic value, in the order of their bulletins."""
    stored = session.scalars(
        select(PeriodicRevision)
        .where(PeriodicRevision.periodic_value_id == row.id)
        .order_by(PeriodicRevision.id)
    ).all()
    return in_order(stored, lambda r: r.published)


def state_periodic(
    session: Session,
    indicator: Indicator,
    period: Period,
    kind: str,
    vintage: str,
    statement: Statement,
    who: str,
    why: str,
) -> str | None:
    """Store a bulletin's statement; its label (初值, 修订N, 重申), ``None`` when stored already."""
    row = session.scalar(
        select(PeriodicValue).where(
            PeriodicValue.indicator_id == indicator.id,
            PeriodicValue.period == period.key,
            PeriodicValue.kind == kind,
            PeriodicValue.vintage == vintage,
        )
    )
    if row is None:
        row = store_periodic(
            session, indicator, period, kind, statement.value, vintage, statement.source, who, why
        )
        _add(session, row, statement, who, why)
        return FIRST
    stored = history(session, row)
    if any(_same(old, statement) for old in stored):
        return None
    if not stored:
        stored.append(_adopted(session, row, who, why))
    new = _add(session, row, statement, who, why)
    ordered = in_order([*sorted(stored, key=lambda r: r.id), new], lambda r: r.published)
    if ordered[-1] is new:  # an earlier bulletin read late leaves the value in use alone
        if set_field(session, row, "value", new.value, who, why):
            row.recorded_at = now()
        set_field(session, row, "source", new.source, who, why)
        session.flush()
    return labels([r.value for r in ordered])[ordered.index(new)]


def _same(old: PeriodicRevision, new: Statement) -> bool:
    return (old.value, old.published, old.quote) == (new.value, new.published, new.quote)


def _add(
    session: Session, row: PeriodicValue, statement: Statement, who: str, why: str
) -> PeriodicRevision:
    revision = PeriodicRevision(
        periodic_value_id=row.id,
        value=statement.value,
        published=statement.published,
        source=statement.source,
        recorded_at=now(),
        document_id=statement.document_id,
        quote=statement.quote,
        start=statement.start,
        end=statement.end,
    )
    session.add(revision)
    record_new(session, revision, "value", who, why)
    return revision


def _adopted(session: Session, row: PeriodicValue, who: str, why: str) -> PeriodicRevision:
    """The figure stored before any bulletin's statement was kept, as the first statement."""
    revision = PeriodicRevision(
        periodic_value_id=row.id,
        value=row.value,
        published=None,
        source=row.source,
        recorded_at=as_utc(row.recorded_at),
    )
    session.add(revision)
    record_new(session, revision, "value", who, why)
    return revision


@dataclass(frozen=True)
class Standing:
    """Where the value in use stands in its history."""

    #: 初值, 修订N, 重申, 已修改 (changed by hand since), or None (no bulletin stated it)
    label: str | None
    #: the day the value in use was stated: its bulletin's publishing date, else when stored
    since: date | None
    #: the first figure, when the value in use is not it
    first: float | None
    count: int


def standing(row: PeriodicValue, ordered: Sequence[PeriodicRevision]) -> Standing:
    """The label and day of the statement that first gave the value in use."""
    if not ordered:
        return Standing(None, None, None, 0)
    first = ordered[0].value
    if ordered[-1].value != row.value:
        return Standing(EDITED, _day(row.recorded_at), first, len(ordered))
    since = len(ordered) - 1
    while since > 0 and ordered[since - 1].value == row.value:
        since -= 1
    stated = ordered[since]
    return Standing(
        labels([r.value for r in ordered])[since],
        stated.published or _day(stated.recorded_at),
        first if since > 0 else None,
        len(ordered),
    )


def _day(moment: datetime) -> date:
    return as_utc(moment).date()
