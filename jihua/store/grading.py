"""Grades of a stored plan, computed from the latest vintage of each actual.

A stored plan is turned back into the :class:`jihua.tables.IndicatorTable`
that :mod:`jihua.evaluate` grades, with each indicator's actual taken from its
latest vintage (年报 over 快报 over 预计). The whole plan is regraded at once,
because a relation target (``快于经济增速``) depends on another indicator's
actual. A grade that moves is logged like any other change.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.evaluate import GradedIndicator, Rules, grade_with_subrows, load_rules
from jihua.store.bulk import insert_logged
from jihua.store.changes import now, set_field
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
    indicators = plan_indicators(session, plan)
    ids = [row.id for row in indicators]
    actuals = latest_actuals(session, ids)
    if not actuals:
        return 0
    targets = {
        t.indicator_id: t
        for t in session.scalars(
            select(Target).where(Target.indicator_id.in_(ids), Target.period == "year")
        ).all()
    }
    table, by_row = _as_table(indicators, targets, actuals, plan.year)
    rules = rules or load_rules()  # once: parsing the rules per indicator held the write lock
    graded = [grade_with_subrows(top, table, rules) for top in table.indicators]
    grades = {
        g.indicator_id: g
        for g in session.scalars(
            select(Grade).where(Grade.indicator_id.in_(ids), Grade.period == "year")
        )
    }
    new: list[dict[str, Any]] = []
    moved = 0
    for item in _flatten(graded):
        stored = by_row[id(item.indicator)]
        moved += _store_grade(
            session, grades.get(stored.id), stored, item, actuals.get(stored.id), new, who, why
        )
    insert_logged(session, Grade, new, "label", who, why)
    return moved


def _flatten(graded: list[GradedIndicator]) -> list[GradedIndicator]:
    return [row for top in graded for row in (top, *top.subrows)]


def table_row(stored: Indicator, target: Target | None, actual: Value | None) -> TableRow:
    """A stored indicator as a row of an indicator table (no place in a text, no sub-rows)."""
    return TableRow(
        no=stored.no,
        name=stored.name,
        unit=stored.unit,
        binding=stored.binding,
        category=stored.category,
        target=parse_value(target.text if target else ""),
        actual=actual,
        raw_name=stored.name,
        start=0,
        end=0,
        prefix=stored.prefix or "",
    )


def _as_table(
    indicators: list[Indicator],
    targets: dict[int, Target],
    actuals: dict[int, Actual],
    year: int,
) -> tuple[IndicatorTable, dict[int, Indicator]]:
    rows: dict[int, TableRow] = {}
    by_row: dict[int, Indicator] = {}
    children: dict[int, list[TableRow]] = defaultdict(list)
    tops: list[TableRow] = []
    for stored in indicators:
        target, actual = targets.get(stored.id), actuals.get(stored.id)
        row = table_row(stored, target, parse_value(actual.text) if actual else None)
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
    indicator: Indicator,
    item: GradedIndicator,
    actual: Actual | None,
    new: list[dict[str, Any]],
    who: str,
    why: str,
) -> int:
    fields = {
        "key": item.grade.key,
        "reason": item.grade.reason,
        "ratio": item.grade.ratio,
        "actual_id": actual.id if actual else None,
    }
    if row is None:  # written with the plan's other new grades, in one INSERT
        new.append(
            {
                "indicator_id": indicator.id,
                "period": "year",
                "label": item.grade.label,
                "computed_at": now(),
                **fields,
            }
        )
        return 1
    moved = set_field(session, row, "label", item.grade.label, who, why)
    changed = moved or any(getattr(row, field) != value for field, value in fields.items())
    if changed:  # an unchanged grade is left as it was computed (no write)
        for field, value in fields.items():
            setattr(row, field, value)
        row.computed_at = now()
    return int(moved)
