"""Regions, plans, indicators and their figures: find or create, update with a log.

The functions here are the only writers of targets and actuals; ingest,
``actual set`` and the spreadsheet import all call them, so every write lands
in the change log the same way.

A target is stored as one of its vintages (草案, 批准, 调整) in
``target_vintages``; the ``targets`` row is the highest vintage stored, so a
draft read after the approved plan is kept beside it and never replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import Pending, now, record_new, set_field
from jihua.store.schema import (
    TARGET_VINTAGES,
    VINTAGES,
    Actual,
    Indicator,
    Plan,
    Region,
    Target,
    TargetVintage,
)
from jihua.targets import Value


@dataclass(frozen=True)
class Source:
    """Where a figure came from, and who writes it why."""

    who: str
    why: str
    document_id: int | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None


def region_named(session: Session, name: str, parent: str | None = None) -> Region:
    """The stored region, created (with its parent) when new."""
    parent_row = region_named(session, parent) if parent else None
    query = select(Region).where(Region.name == name)
    found = session.scalars(query).all()
    if parent_row is not None:
        for region in found:
            if region.parent_id == parent_row.id:
                return region
        for region in found:  # first seen without its parent: it is the same place
            if region.parent_id is None:
                region.parent_id = parent_row.id
                return region
    elif found:
        return found[0]
    region = Region(name=name, parent_id=parent_row.id if parent_row else None)
    session.add(region)
    session.flush()
    return region


def plan_of(session: Session, region: Region, year: int) -> Plan:
    plan = session.scalar(select(Plan).where(Plan.region_id == region.id, Plan.year == year))
    if plan is None:
        plan = Plan(region_id=region.id, year=year)
        session.add(plan)
        session.flush()
    return plan


def find_plan(session: Session, region: str, year: int) -> Plan:
    plan = session.scalar(
        select(Plan)
        .join(Region, Plan.region_id == Region.id)
        .where(Region.name == region, Plan.year == year)
    )
    if plan is None:
        raise UserError(f"库中没有 {region} {year} 年的计划")
    return plan


def find_indicator(session: Session, plan: Plan, name: str) -> Indicator:
    """The indicator of that name in a plan (a sub-row may be named ``其中：税收增速``)."""
    wanted = name.replace("其中：", "").replace("其中:", "").strip()
    found = session.scalars(
        select(Indicator).where(Indicator.plan_id == plan.id, Indicator.name == wanted)
    ).all()
    if not found:
        raise UserError(f"计划中没有指标“{name}”")
    if len(found) > 1:
        raise UserError(f"计划中有 {len(found)} 个名为“{name}”的指标，请写明所属的上级指标")
    return found[0]


class PlanRows:
    """The indicators and figures a plan already has, read once for a whole table."""

    def __init__(self, session: Session, plan: Plan) -> None:
        indicators = session.scalars(select(Indicator).where(Indicator.plan_id == plan.id)).all()
        self.indicators = {(i.parent_id, i.name): i for i in indicators}
        ids = [i.id for i in indicators]
        self.targets: dict[int, Target] = {}
        self.actuals: dict[tuple[int, str], Actual] = {}
        self.vintages: dict[int, dict[str, TargetVintage]] = {}
        if ids:
            for v in session.scalars(
                select(TargetVintage).where(
                    TargetVintage.indicator_id.in_(ids), TargetVintage.period == "year"
                )
            ):
                self.vintages.setdefault(v.indicator_id, {})[v.vintage] = v
            for t in session.scalars(
                select(Target).where(Target.indicator_id.in_(ids), Target.period == "year")
            ):
                self.targets[t.indicator_id] = t
            for a in session.scalars(
                select(Actual).where(Actual.indicator_id.in_(ids), Actual.period == "year")
            ):
                self.actuals[(a.indicator_id, a.vintage)] = a
        self.pending = Pending()

    def indicator(self, name: str, parent: Indicator | None) -> Indicator | None:
        return self.indicators.get((parent.id if parent else None, name))


def _first(
    session: Session,
    row: Target | Actual | TargetVintage,
    known: PlanRows | None,
    source: Source,
) -> None:
    session.add(row)
    if known is None:
        record_new(session, row, "text", source.who, source.why)
    else:
        known.pending.add(row, "text")


def store_target(
    session: Session,
    indicator: Indicator,
    value: Value,
    source: Source,
    known: PlanRows | None = None,
    vintage: str | None = None,
    where: str | None = None,
) -> Target:
    """Store one vintage of the year's target; the target in use follows the highest vintage.

    Without ``vintage`` the edit is made to the vintage in use (批准 when none is stored).
    A different text is logged, on the vintage and on the target in use.
    """
    stored = _target_vintages(session, indicator, known)
    vintage = vintage or _in_use(stored) or "批准"
    rank = target_vintage_rank(vintage)
    _store_target_vintage(session, indicator, value, source, known, stored, vintage, where)
    if known is not None:
        target = known.targets.get(indicator.id)
    else:
        target = session.scalar(
            select(Target).where(Target.indicator_id == indicator.id, Target.period == "year")
        )
    if target is None:
        target = Target(indicator_id=indicator.id, period="year", **_figure(value, source))
        _first(session, target, known, source)
        if known is not None:
            known.targets[indicator.id] = target
        return target
    if rank >= max(v.vintage_rank for v in stored.values()):
        _update_figure(session, target, value, source)
    return target


def _target_vintages(
    session: Session, indicator: Indicator, known: PlanRows | None
) -> dict[str, TargetVintage]:
    if known is not None:
        return known.vintages.setdefault(indicator.id, {})
    rows = session.scalars(
        select(TargetVintage).where(
            TargetVintage.indicator_id == indicator.id, TargetVintage.period == "year"
        )
    )
    return {row.vintage: row for row in rows}


def _in_use(stored: dict[str, TargetVintage]) -> str | None:
    best = max(stored.values(), key=lambda v: v.vintage_rank, default=None)
    return best.vintage if best else None


def _store_target_vintage(
    session: Session,
    indicator: Indicator,
    value: Value,
    source: Source,
    known: PlanRows | None,
    stored: dict[str, TargetVintage],
    vintage: str,
    where: str | None,
) -> None:
    row = stored.get(vintage)
    if row is None:
        row = TargetVintage(
            indicator_id=indicator.id,
            period="year",
            vintage=vintage,
            vintage_rank=target_vintage_rank(vintage),
            source=where,
            recorded_at=now(),
            **_figure(value, source),
        )
        stored[vintage] = row
        _first(session, row, known, source)
        return
    if _update_figure(session, row, value, source):
        row.recorded_at = now()
    if where is not None:
        set_field(session, row, "source", where, source.who, source.why)


def target_vintage_rank(vintage: str) -> int:
    if vintage not in TARGET_VINTAGES:
        raise UserError(f"目标版本只能是 {'、'.join(TARGET_VINTAGES)}，不是“{vintage}”")
    return TARGET_VINTAGES.index(vintage)


def store_actual(
    session: Session,
    indicator: Indicator,
    value: Value,
    vintage: str,
    source: Source,
    where: str | None = None,
    known: PlanRows | None = None,
) -> Actual:
    """Set one vintage of the year's actual; a different text is logged."""
    rank = vintage_rank(vintage)
    if known is not None:
        actual = known.actuals.get((indicator.id, vintage))
    else:
        actual = session.scalar(
            select(Actual).where(
                Actual.indicator_id == indicator.id,
                Actual.period == "year",
                Actual.vintage == vintage,
            )
        )
    if actual is None:
        actual = Actual(
            indicator_id=indicator.id,
            period="year",
            vintage=vintage,
            vintage_rank=rank,
            source=where,
            recorded_at=now(),
            **_figure(value, source),
        )
        _first(session, actual, known, source)
        return actual
    if _update_figure(session, actual, value, source):
        actual.recorded_at = now()
    set_field(session, actual, "source", where, source.who, source.why)
    return actual


def actual_row(
    indicator_id: int,
    value: Value,
    vintage: str,
    source: Source,
    where: str | None,
    at: datetime | None = None,
) -> dict[str, object]:
    """The columns of a new year's actual, for :func:`jihua.store.bulk.insert_logged`
    (recorded ``at`` the import's moment)."""
    return {
        "indicator_id": indicator_id,
        "period": "year",
        "vintage": vintage,
        "vintage_rank": vintage_rank(vintage),
        "source": where,
        "recorded_at": at or now(),
        **_figure(value, source),
    }


def stored_actuals(session: Session, indicator_ids: Iterable[int]) -> dict[tuple[int, str], Actual]:
    """The year's actuals of these indicators, by (indicator id, vintage)."""
    found: dict[tuple[int, str], Actual] = {}
    for chunk in chunks(sorted(set(indicator_ids))):
        query = select(Actual).where(Actual.indicator_id.in_(chunk), Actual.period == "year")
        found.update({(a.indicator_id, a.vintage): a for a in session.scalars(query)})
    return found


def chunks(values: list[int], size: int = 5000) -> Iterator[list[int]]:
    """``values`` in lists of at most ``size`` (a database takes only so many parameters)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def vintage_rank(vintage: str) -> int:
    if vintage not in VINTAGES:
        raise UserError(f"口径只能是 {'、'.join(VINTAGES)}，不是“{vintage}”")
    return VINTAGES.index(vintage)


def figure_row(value: Value, source: Source) -> dict[str, object]:
    """The columns a target or actual takes from its value and its source."""
    return _figure(value, source)


def _figure(value: Value, source: Source) -> dict[str, object]:
    return {
        "text": value.text,
        "kind": value.kind,
        "number": value.number,
        "parsed": value.to_dict(),
        "document_id": source.document_id,
        "quote": source.quote,
        "start": source.start,
        "end": source.end,
    }


def _update_figure(
    session: Session, row: Target | Actual | TargetVintage, value: Value, source: Source
) -> bool:
    changed = set_field(session, row, "text", value.text, source.who, source.why)
    if changed:
        for field, new in _figure(value, source).items():
            if field != "text":
                setattr(row, field, new)
    return changed
