"""Later figures for an actual, user edits, and the history of one indicator.

The report's 完成情况 is an estimate (预计); the statistics bureau later
publishes a preliminary figure (快报) and then the final one (年报/统计公报).
:func:`set_actual` stores a vintage with its source and regrades the plan, so
the grade always rests on the latest vintage. :func:`edit_figure` is a user's
correction of one target or actual, refused when the row changed since it was
read. :func:`indicator_history` shows how figure and grade moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jihua.errors import UserError
from jihua.store.changes import EditConflict, check_version, current_user
from jihua.store.database import writer
from jihua.store.figures import (
    Source,
    find_indicator,
    find_plan,
    store_actual,
    store_target,
    vintage_rank,
)
from jihua.store.grading import regrade_plan
from jihua.store.schema import Actual, Change, Grade, Indicator, Plan, Target
from jihua.targets import Value, parse_value

T = TypeVar("T")


class MissingRow(UserError):
    """No row has the id asked for (the web answers 404)."""


@dataclass(frozen=True)
class Regraded:
    """What a write left behind: the figure stored and the indicator's grade now."""

    text: str
    vintage: str | None
    version: int
    grade: str | None


def readable(text: str) -> Value:
    value = parse_value(text)
    if value.kind in ("unreadable", "empty"):
        raise UserError(f"无法识别的数值：“{text}”（可写 7.5、≥330、10左右、预计能够完成 等）")
    return value


def set_actual(
    engine: Engine,
    region: str,
    year: int,
    indicator: str,
    text: str,
    vintage: str,
    source: str,
    who: str | None = None,
    read_version: int | None = None,
    read_text: str | None = None,
) -> Regraded:
    """Store one vintage of an indicator's actual and regrade its plan."""
    value = readable(text)
    vintage_rank(vintage)
    with Session(writer(engine)) as session, session.begin():
        plan = find_plan(session, region, year)
        row = find_indicator(session, plan, indicator)
        who = who or current_user()
        actual = _store_checked(
            session, plan, row, value, vintage, source, who, read_version, read_text
        )
        regrade_plan(session, plan, who, _why(vintage, source))
        return Regraded(actual.text, vintage, actual.version, _grade_label(session, row.id))


@dataclass(frozen=True)
class ActualEntry:
    """One actual to store on the indicator with that id, as a page or the API sends it;
    ``allowed`` checks, in the write's transaction, that its writer may (raising if not)."""

    indicator_id: int
    text: str
    vintage: str
    source: str
    who: str
    read_version: int | None = None
    allowed: Callable[[Session, Indicator], None] | None = None


def set_actual_of(
    engine: Engine,
    indicator_id: int,
    text: str,
    vintage: str,
    source: str,
    who: str,
    read_version: int | None = None,
    allowed: Callable[[Session, Indicator], None] | None = None,
) -> Regraded:
    """:func:`set_actual` for the indicator with that id (a page or the API knows it)."""
    entry = ActualEntry(indicator_id, text, vintage, source, who, read_version, allowed)
    (result,) = set_actuals_of(engine, [entry])
    if isinstance(result, UserError):
        raise result
    return result


def set_actuals_of(engine: Engine, entries: list[ActualEntry]) -> list[Regraded | UserError]:
    """Several actuals in one transaction, each plan they touch regraded once.

    Each entry is stored in its own savepoint: one that is refused (unreadable,
    not allowed, changed since read) gives its error in its place and leaves the
    others. A grade that moved is logged under the writers and sources of the
    entries of its plan.
    """
    results: list[Regraded | UserError | None] = [None] * len(entries)
    stored: list[tuple[int, Indicator, Actual]] = []
    plans: dict[int, tuple[Plan, list[str], list[str]]] = {}
    with Session(writer(engine)) as session, session.begin():
        for n, entry in enumerate(entries):
            try:
                with session.begin_nested():
                    plan, row, actual = _store_entry(session, entry)
            except UserError as exc:
                results[n] = exc
                continue
            stored.append((n, row, actual))
            _, whos, whys = plans.setdefault(plan.id, (plan, [], []))
            whos.append(entry.who)
            whys.append(_why(entry.vintage, entry.source))
        for plan, whos, whys in plans.values():
            regrade_plan(
                session, plan, "、".join(dict.fromkeys(whos)), "；".join(dict.fromkeys(whys))
            )
        for n, row, actual in stored:
            label = _grade_label(session, row.id)
            results[n] = Regraded(actual.text, entries[n].vintage, actual.version, label)
    return [result for result in results if result is not None]


def _store_entry(session: Session, entry: ActualEntry) -> tuple[Plan, Indicator, Actual]:
    value = readable(entry.text)
    vintage_rank(entry.vintage)
    row = session.get(Indicator, entry.indicator_id)
    if row is None:
        raise MissingRow(f"没有编号为 {entry.indicator_id} 的指标")
    if entry.allowed is not None:
        entry.allowed(session, row)
    plan = session.get_one(Plan, row.plan_id)
    actual = _store_checked(
        session, plan, row, value, entry.vintage, entry.source, entry.who, entry.read_version, None
    )
    return plan, row, actual


def _store_checked(
    session: Session,
    plan: Plan,
    row: Indicator,
    value: Value,
    vintage: str,
    source: str,
    who: str,
    read_version: int | None,
    read_text: str | None,
) -> Actual:
    """The actual stored, unless it changed since the writer read it (version given)."""
    existing = _actual(session, row.id, vintage)
    if existing is not None and read_version is not None:
        check_version(
            _what(plan, row, vintage), read_text, existing.text, read_version, existing.version
        )
    return _guarded(
        lambda: store_actual(
            session, row, value, vintage, Source(who, _why(vintage, source)), source
        ),
        session,
        (read_text, read_version) if read_version is not None else None,
    )


def _why(vintage: str, source: str) -> str:
    return f"actual set {vintage}：{source}"


def edit_figure(
    engine: Engine,
    table: str,
    row_id: int,
    text: str,
    read_version: int,
    read_text: str,
    who: str | None = None,
    why: str = "用户修改",
) -> Regraded:
    """A user's correction of one target or actual, made against the version they read."""
    if table not in ("targets", "actuals"):
        raise UserError(f"只能修改目标（targets）或完成值（actuals），不是 {table}")
    value = readable(text)
    who = who or current_user()
    with Session(writer(engine)) as session, session.begin():
        row: Target | Actual | None = (
            session.get(Target, row_id) if table == "targets" else session.get(Actual, row_id)
        )
        if row is None:
            raise UserError(f"没有编号为 {row_id} 的{table}记录")
        indicator = session.get_one(Indicator, row.indicator_id)
        plan = session.get_one(Plan, indicator.plan_id)
        vintage = row.vintage if isinstance(row, Actual) else None
        check_version(
            _what(plan, indicator, vintage), read_text, row.text, read_version, row.version
        )
        source = Source(who, why)
        _guarded(
            lambda: (
                store_target(session, indicator, value, source)
                if isinstance(row, Target)
                else store_actual(session, indicator, value, row.vintage, source, row.source)
            ),
            session,
            (read_text, read_version),
        )
        regrade_plan(session, plan, who, why)
        return Regraded(row.text, vintage, row.version, _grade_label(session, indicator.id))


def _guarded(
    write: Callable[[], T], session: Session, read: tuple[str | None, int] | None = None
) -> T:
    """Run a write; a concurrent UPDATE that got there first becomes an EditConflict."""
    try:
        result: T = write()
        session.flush()
    except StaleDataError as exc:
        read_text, read_version = read or (None, -1)
        raise EditConflict(
            "该数值", read_text, "（已被另一次修改更新）", read_version, read_version + 1
        ) from exc
    return result


def _actual(session: Session, indicator_id: int, vintage: str) -> Actual | None:
    return session.scalar(
        select(Actual).where(
            Actual.indicator_id == indicator_id, Actual.period == "year", Actual.vintage == vintage
        )
    )


def _what(plan: Plan, indicator: Indicator, vintage: str | None) -> str:
    kind = f"{vintage}完成值" if vintage else "目标"
    return f"{plan.year}年“{indicator.name}”的{kind}"


def _grade_label(session: Session, indicator_id: int) -> str | None:
    return session.scalar(select(Grade.label).where(Grade.indicator_id == indicator_id))


@dataclass(frozen=True)
class Figure:
    what: str
    text: str
    source: str | None
    version: int
    row_id: int
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class History:
    region: str
    year: int
    indicator: str
    unit: str | None
    figures: list[Figure]
    grade: str | None
    reason: str | None
    changes: list[Change]


def indicator_history(engine: Engine, region: str, year: int, name: str) -> History:
    """The target, every vintage of the actual, the grade, and every logged change."""
    with Session(engine) as session:
        plan = find_plan(session, region, year)
        row = find_indicator(session, plan, name)
        target = session.scalar(select(Target).where(Target.indicator_id == row.id))
        actuals = session.scalars(
            select(Actual).where(Actual.indicator_id == row.id).order_by(Actual.vintage_rank)
        ).all()
        grade = session.scalar(select(Grade).where(Grade.indicator_id == row.id))
        figures = [Figure("目标", target.text, None, target.version, target.id)] if target else []
        figures += [
            Figure(a.vintage, a.text, a.source, a.version, a.id, a.recorded_at) for a in actuals
        ]
        rows = [("indicators", row.id)]
        rows += [("targets", target.id)] if target else []
        rows += [("actuals", a.id) for a in actuals]
        rows += [("grades", grade.id)] if grade else []
        changes = session.scalars(
            select(Change)
            .where(or_(*((Change.table_name == t) & (Change.row_id == i) for t, i in rows)))
            .order_by(Change.at, Change.id)
        ).all()
        session.expunge_all()
        return History(
            region,
            year,
            row.name,
            row.unit,
            figures,
            grade.label if grade else None,
            grade.reason if grade else None,
            list(changes),
        )
