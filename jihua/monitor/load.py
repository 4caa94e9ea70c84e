"""Reading one region's plan of one year, with its periodic values, from the store.

The only module of :mod:`jihua.monitor` that touches the database: a handful
of column queries (no ORM objects), so that a district of 31 indicators × 12
months and 400 projects is read in a few milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from jihua.monitor.indicators import IndicatorInput, Reading
from jihua.monitor.projects import ProjectInput, StatedTotal
from jihua.monitor.tasks import TaskInput
from jihua.store.figures import find_plan
from jihua.store.schema import (
    TARGET_VINTAGES,
    Actual,
    Indicator,
    PeriodicValue,
    Plan,
    Project,
    ProjectGroup,
    Target,
    TargetVintage,
    Task,
    TaskProgress,
)
from jihua.targets import parse_value


@dataclass
class PlanAtPeriod:
    region: str
    year: int
    indicators: list[IndicatorInput]
    projects: list[ProjectInput]
    stated: list[StatedTotal]
    tasks: list[TaskInput]
    notes: list[str]


def load_plan(session: Session, region: str, year: int, month: int) -> PlanAtPeriod:
    plan = find_plan(session, region, year)
    return PlanAtPeriod(
        region,
        year,
        _indicators(session, plan),
        _projects(session, plan),
        _stated(session, plan),
        _tasks(session, plan, f"{year}-{month:02d}"),
        _notes(session, plan),
    )


#: a source that says its figures are illustrative
EXAMPLE_WORD = "示例数据"


def _notes(session: Session, plan: Plan) -> list[str]:
    """Warnings about the figures themselves: illustrative values, draft targets."""
    return _example_note(session, plan) + _draft_note(session, plan)


def _example_note(session: Session, plan: Plan) -> list[str]:
    """A warning when any periodic value of the plan is illustrative (示例数据)."""
    example = session.scalar(
        select(PeriodicValue.id)
        .join(Indicator, Indicator.id == PeriodicValue.indicator_id)
        .where(Indicator.plan_id == plan.id, PeriodicValue.source.contains(EXAMPLE_WORD))
        .limit(1)
    )
    if example is None:
        return []
    return ["本期数据为示例数据（非官方统计），仅用于演示，请以统计部门发布的数据替换。"]


def _draft_note(session: Session, plan: Plan) -> list[str]:
    """A warning when targets in use are still the draft's (草案): the plan report of the year
    before drafts them; the approved figures come with the 人大's decision or this year's report."""
    best = (
        select(TargetVintage.indicator_id, func.max(TargetVintage.vintage_rank).label("rank"))
        .join(Indicator, Indicator.id == TargetVintage.indicator_id)
        .where(
            Indicator.plan_id == plan.id,
            TargetVintage.period == "year",
            TargetVintage.kind != "empty",
        )
        .group_by(TargetVintage.indicator_id)
        .subquery()
    )
    drafts = session.scalar(
        select(func.count()).select_from(best).where(best.c.rank == TARGET_VINTAGES.index("草案"))
    )
    if not drafts:
        return []
    return [
        f"{drafts}项指标的目标为计划草案所列，尚未存入批准的目标（批准后请导入或入库批准版本）。"
    ]


def _indicators(session: Session, plan: Plan) -> list[IndicatorInput]:
    rows = session.execute(
        select(
            Indicator.id,
            Indicator.name,
            Indicator.unit,
            Indicator.binding,
            Indicator.category,
            Indicator.no,
            Target.text,
        )
        .outerjoin(Target, (Target.indicator_id == Indicator.id) & (Target.period == "year"))
        .where(Indicator.plan_id == plan.id)
        .order_by(Indicator.position, Indicator.id)
    ).all()
    readings = _readings(session, plan.id)
    last_year = _last_year_levels(session, plan)
    ends = _last_year_actuals(session, plan)
    return [
        IndicatorInput(
            id=row.id,
            name=row.name,
            unit=row.unit,
            target=parse_value(row.text or ""),
            readings=readings.get(row.id, []),
            last_year=last_year.get(row.name, {}),
            base=last_year.get(row.name, {}).get(12, ends.get(row.name)),
            binding=row.binding,
            category=row.category,
            no=row.no,
        )
        for row in rows
    ]


def _readings(session: Session, plan_id: int) -> dict[int, list[Reading]]:
    found: dict[int, list[Reading]] = defaultdict(list)
    rows = session.execute(
        select(
            PeriodicValue.indicator_id,
            PeriodicValue.first_month,
            PeriodicValue.last_month,
            PeriodicValue.kind,
            PeriodicValue.value,
            PeriodicValue.vintage_rank,
        )
        .join(Indicator, Indicator.id == PeriodicValue.indicator_id)
        .where(Indicator.plan_id == plan_id)
    )
    for row in rows:
        found[row.indicator_id].append(
            Reading(row.first_month, row.last_month, row.kind, row.value, row.vintage_rank)
        )
    return found


def _last_year_levels(session: Session, plan: Plan) -> dict[str, dict[int, float]]:
    """Last year's cumulative levels by indicator name and month (for a seasonal profile)."""
    earlier = aliased(Plan)
    rows = session.execute(
        select(Indicator.name, PeriodicValue.last_month, PeriodicValue.value)
        .join(PeriodicValue, PeriodicValue.indicator_id == Indicator.id)
        .join(earlier, earlier.id == Indicator.plan_id)
        .where(
            earlier.region_id == plan.region_id,
            earlier.year == plan.year - 1,
            PeriodicValue.kind == "level",
            PeriodicValue.first_month == 1,
        )
        .order_by(PeriodicValue.vintage_rank)
    )
    found: dict[str, dict[int, float]] = defaultdict(dict)
    for row in rows:
        found[row.name][row.last_month] = row.value
    return found


def _last_year_actuals(session: Session, plan: Plan) -> dict[str, float]:
    """Last year's stated year-end value by indicator name (the latest vintage)."""
    earlier = aliased(Plan)
    rows = session.execute(
        select(Indicator.name, Actual.number)
        .join(Actual, Actual.indicator_id == Indicator.id)
        .join(earlier, earlier.id == Indicator.plan_id)
        .where(
            earlier.region_id == plan.region_id,
            earlier.year == plan.year - 1,
            Actual.period == "year",
            Actual.kind == "number",
        )
        .order_by(Actual.vintage_rank)
    )
    return {row.name: row.number for row in rows if row.number is not None}


def _projects(session: Session, plan: Plan) -> list[ProjectInput]:
    rows = session.execute(
        select(
            Project.id,
            Project.name,
            Project.annual_investment,
            Project.completed_investment,
            Project.stage,
            Project.area,
            Project.lead_unit,
            Project.planned_start,
            Project.started,
            ProjectGroup.label,
        )
        .outerjoin(ProjectGroup, ProjectGroup.id == Project.group_id)
        .where(Project.plan_id == plan.id)
        .order_by(Project.position, Project.id)
    ).all()
    return [
        ProjectInput(
            id=row.id,
            name=row.name,
            annual=row.annual_investment,
            completed=row.completed_investment or {},  # month → amount, as stored
            stage=row.stage,
            area=row.area,
            lead_unit=row.lead_unit,
            planned_start=row.planned_start,
            started=row.started,
            group=row.label,
        )
        for row in rows
    ]


def _stated(session: Session, plan: Plan) -> list[StatedTotal]:
    rows = session.execute(
        select(ProjectGroup.label, ProjectGroup.annual_investment, ProjectGroup.count)
        .where(ProjectGroup.plan_id == plan.id)
        .order_by(ProjectGroup.position)
    ).all()
    return [StatedTotal(label, annual, count) for label, annual, count in rows]


def _tasks(session: Session, plan: Plan, month: str) -> list[TaskInput]:
    rows = session.execute(
        select(
            Task.id,
            Task.number,
            Task.title,
            Task.lead_department,
            TaskProgress.status,
            TaskProgress.note,
        )
        .outerjoin(TaskProgress, (TaskProgress.task_id == Task.id) & (TaskProgress.period == month))
        .where(Task.plan_id == plan.id)
        .order_by(Task.position, Task.id)
    ).all()
    return [
        TaskInput(row.id, row.number, row.title, row.lead_department, row.status, row.note)
        for row in rows
    ]
