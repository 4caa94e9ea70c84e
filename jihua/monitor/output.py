"""A monitoring result as the ``jihua monitor --json`` object (the contract is in README)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jihua.monitor.indicators import IndicatorStatus
from jihua.monitor.projects import ProjectPace, ProjectsAtPeriod, Subtotal
from jihua.store.periodic import Period

if TYPE_CHECKING:
    from jihua.monitor import Monitoring


def as_dict(result: Monitoring) -> dict[str, Any]:
    return {
        "region": result.region,
        "year": result.year,
        "period": result.period.key,
        "time_progress": result.time_progress,
        "colours": result.by_colour(),
        "indicators": [_indicator(item, result.year) for item in result.indicators],
        "projects": _projects(result.projects),
        "tasks": {
            "total": len(result.tasks.tasks),
            "reported": result.tasks.reported,
            "not_reported": result.tasks.not_reported,
            "by_status": result.tasks.by_status,
        },
        "notes": result.notes,
    }


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def _indicator(item: IndicatorStatus, year: int) -> dict[str, Any]:
    latest = item.latest
    projection = item.projection
    return {
        "indicator": item.indicator.name,
        "unit": item.indicator.unit,
        "binding": item.indicator.binding,
        "target": item.indicator.target.to_dict(),
        "measure": item.measure,
        "latest": None
        if latest is None
        else {
            "period": Period(year, latest.first, latest.last).key,
            "value": latest.value,
            "kind": latest.kind,
        },
        "expected": _round(item.expected),
        "progress": _round(item.progress, 1),
        "status": item.status,
        "reason": item.reason,
        "basis": item.basis,
        "projection": None
        if projection is None
        else {"value": projection.value, "method": projection.method, "grade": projection.grade},
    }


def _subtotal(total: Subtotal) -> dict[str, Any]:
    return {
        "label": total.label,
        "count": total.count,
        "planned": total.planned,
        "completed": total.completed,
        "rate": _round(total.rate, 1),
    }


def _pace(pace: ProjectPace) -> dict[str, Any]:
    project = pace.project
    return {
        "id": project.id,
        "name": project.name,
        "stage": project.stage,
        "lead_unit": project.lead_unit,
        "planned": project.annual,
        "completed": round(pace.completed, 4),
        "rate": _round(pace.rate, 1),
        "planned_start": project.planned_start,
        "reason": pace.reason,
    }


def _projects(projects: ProjectsAtPeriod) -> dict[str, Any]:
    return {
        "count": projects.count,
        "planned": projects.planned,
        "completed": projects.completed,
        "rate": _round(projects.rate, 1),
        "by_area": [_subtotal(s) for s in projects.groups["area"]],
        "by_stage": [_subtotal(s) for s in projects.groups["stage"]],
        "by_lead_unit": [_subtotal(s) for s in projects.groups["lead_unit"]],
        "unstarted": [_pace(p) for p in projects.unstarted],
        "lagging": [_pace(p) for p in projects.lagging],
        "totals": projects.totals,
    }
