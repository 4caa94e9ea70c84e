"""Grades of a stored plan, computed from the latest vintage of each actual.

A stored plan is turned back into the :class:`jihua.tables.IndicatorTable`
that :mod:`jihua.evaluate` grades, with each indicator's actual taken from its
latest vintage (年报 over 快报 over 预计). The whole plan is regraded at once,
because a relation target (``快于经济增速``) depends on another indicator's
actual. A grade that moves is logged like any other change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.evaluate import GradedIndicator, Rules, grade_with_subrows, load_rules
from jihua.store.bulk import insert_logged
from jihua.store.changes import now, set_field
from jihua.store.figures import chunks
from jihua.store.schema import Actual, Grade, Indicator, Plan, Target
from jihua.tables import Indicator as TableRow
from jihua.tables import IndicatorTable
from jihua.targets import Value, parse_value


def latest_actuals(session: Session, indicator_ids: list[int]) -> dict[int, Actual]:
    """For each indicator, the actual of the latest vintage (period: year)."""
    rows = session.scalars(
        select(Actual)
        .where(Actual.indicator_id.in_(indicator_ids), Actual.period == "year")
        .order_by(Actual.vintage_rank)
    ).all()
    return {row.indicator_id: row for row in rows}  # later vintages overwrite earlier ones


def plan_indicators(session: Session, plan: Plan) -> list[Indicator]:
    return list(
        session.scalars(
            select(Indicator).where(Indicator.plan_id == plan.id).order_by(Indicator.position)
        ).all()
    )


def regrade_plan(
    session: Session, plan: Plan, who: str, why: str, rules: Rules | None = None
) -> int:
    """Recompute and store the grades of a plan; returns how many grades moved."""
    return regrade_plans(session, [plan], who, why, rules)


def regrade_plans(
    session: Session, plans: Iterable[Plan], who: str, why: str, rules: Rules | None = None
) -> int:
    """Recompute and store the grades of these plans at once; how many grades moved.

    An import touching 1,000 plans reads their indicators, targets, actuals and grades
    in a few column queries, not an ORM round per plan, loads the rules once and
    writes the new grades in one INSERT.
    """
    years = {plan.id: plan.year for plan in plans}
    indicators = _indicators_of(session, sorted(years))
    actuals = _latest(session, sorted(indicators))
    graded_plans = {
        plan_id: rows for plan_id, rows in indicators.items() if any(r.id in actuals for r in rows)
    }
    if not graded_plans:
        return 0
    targets = _target_texts(session, sorted(graded_plans))
    grades = _stored_grades(session, sorted(graded_plans))
    rules = rules or load_rules()  # once: parsing the rules per indicator held the write lock
    parsed, at = _Parsed(), now()
    new: list[dict[str, Any]] = []
    moved = 0
    for plan_id, rows in graded_plans.items():
        table, by_row = _as_table(rows, targets, actuals, years[plan_id], parsed)
        for item in _flatten([grade_with_subrows(top, table, rules) for top in table.indicators]):
            stored = by_row[id(item.indicator)]
            actual = actuals.get(stored.id)
            moved += _store_grade(
                session, grades.get(stored.id), stored.id, item, actual, new, who, why, at
            )
    insert_logged(session, Grade, new, "label", who, why)
    return moved


class StoredIndicator(Protocol):
    """The columns of an indicator a grade is computed from (an ORM row or a column row)."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def no(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def binding(self) -> bool: ...
    @property
    def category(self) -> str | None: ...
    @property
    def prefix(self) -> str | None: ...


_COLUMNS = (
    Indicator.id,
    Indicator.plan_id,
    Indicator.parent_id,
    Indicator.no,
    Indicator.name,
    Indicator.unit,
    Indicator.binding,
    Indicator.category,
    Indicator.prefix,
)


def _indicators_of(session: Session, plan_ids: list[int]) -> dict[int, list[StoredIndicator]]:
    """Each plan's indicators in table order, as column rows."""
    found: dict[int, list[StoredIndicator]] = {}
    for chunk in chunks(plan_ids):
        query = (
            select(*_COLUMNS)
            .where(Indicator.plan_id.in_(chunk))
            .order_by(Indicator.plan_id, Indicator.position, Indicator.id)
        )
        for row in session.execute(query):
            found.setdefault(row.plan_id, []).append(row)
    return found


def _latest(session: Session, plan_ids: list[int]) -> dict[int, tuple[int, str]]:
    """For each indicator of the plans, the id and text of its latest vintage's actual
    (period: year). The plans' figures are read by plan: a query per 5,000 indicators
    spent more time building its ``IN`` list than reading."""
    found: dict[int, tuple[int, str]] = {}
    for chunk in chunks(plan_ids):
        query = (
            select(Actual.indicator_id, Actual.id, Actual.text)
            .join(Indicator, Actual.indicator_id == Indicator.id)
            .where(Indicator.plan_id.in_(chunk), Actual.period == "year")
            .order_by(Actual.vintage_rank)
        )
        for indicator_id, actual_id, text in session.execute(query):
            found[indicator_id] = (actual_id, text)  # later vintages overwrite earlier ones
    return found


def _target_texts(session: Session, plan_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in chunks(plan_ids):
        query = (
            select(Target.indicator_id, Target.text)
            .join(Indicator, Target.indicator_id == Indicator.id)
            .where(Indicator.plan_id.in_(chunk), Target.period == "year")
        )
        found.update((i, t) for i, t in session.execute(query))
    return found


def _stored_grades(session: Session, plan_ids: list[int]) -> dict[int, Grade]:
    found: dict[int, Grade] = {}
    for chunk in chunks(plan_ids):
        query = (
            select(Grade)
            .join(Indicator, Grade.indicator_id == Indicator.id)
            .where(Indicator.plan_id.in_(chunk), Grade.period == "year")
        )
        found.update((g.indicator_id, g) for g in session.scalars(query))
    return found


class _Parsed:
    """Texts parsed once per regrade (an import's thousands of plans repeat their figures)."""

    def __init__(self) -> None:
        self.known: dict[str, Value] = {}

    def __call__(self, text: str) -> Value:
        value = self.known.get(text)
        if value is None:
            value = self.known[text] = parse_value(text)
        return value


def _flatten(graded: list[GradedIndicator]) -> list[GradedIndicator]:
    return [row for top in graded for row in (top, *top.subrows)]


def table_row(stored: Indicator, target: Target | None, actual: Value | None) -> TableRow:
    """A stored indicator as a row of an indicator table (no place in a text, no sub-rows)."""
    return _row(stored, parse_value(target.text if target else ""), actual)


def _row(stored: StoredIndicator, target: Value, actual: Value | None) -> TableRow:
    return TableRow(
        no=stored.no,
        name=stored.name,
        unit=stored.unit,
        binding=stored.binding,
        category=stored.category,
        target=target,
        actual=actual,
        raw_name=stored.name,
        start=0,
        end=0,
        prefix=stored.prefix or "",
    )


def _as_table(
    indicators: list[StoredIndicator],
    targets: dict[int, str],
    actuals: dict[int, tuple[int, str]],
    year: int,
    parsed: _Parsed,
) -> tuple[IndicatorTable, dict[int, StoredIndicator]]:
    rows: dict[int, TableRow] = {}
    by_row: dict[int, StoredIndicator] = {}
    children: dict[int, list[TableRow]] = defaultdict(list)
    tops: list[TableRow] = []
    for stored in indicators:
        actual = actuals.get(stored.id)
        row = _row(
            stored, parsed(targets.get(stored.id, "")), parsed(actual[1]) if actual else None
        )
        rows[stored.id] = row
        by_row[id(row)] = stored
        if stored.parent_id is None:
            tops.append(row)
        else:
            children[stored.parent_id].append(row)
    for stored_id, subs in children.items():
        rows[stored_id].subrows = subs
    table = IndicatorTable("execution", "", "", year, [], [], tops, 0, 0)
    return table, by_row


def _store_grade(
    session: Session,
    row: Grade | None,
    indicator_id: int,
    item: GradedIndicator,
    actual: tuple[int, str] | None,
    new: list[dict[str, Any]],
    who: str,
    why: str,
    at: datetime,
) -> int:
    fields = {
        "key": item.grade.key,
        "reason": item.grade.reason,
        "ratio": item.grade.ratio,
        "actual_id": actual[0] if actual else None,
    }
    if row is None:  # written with the plan's other new grades, in one INSERT
        new.append(
            {
                "indicator_id": indicator_id,
                "period": "year",
                "label": item.grade.label,
                "computed_at": at,
                **fields,
            }
        )
        return 1
    moved = set_field(session, row, "label", item.grade.label, who, why)
    changed = moved or any(getattr(row, field) != value for field, value in fields.items())
    if changed:  # an unchanged grade is left as it was computed (no write)
        for field, value in fields.items():
            setattr(row, field, value)
        row.computed_at = at
    return int(moved)
