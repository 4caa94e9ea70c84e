"""What the pages and the API read: regions, a plan with its grades, projects, tasks.

Read-only queries on the store's tables, a few per page. The tally and the
summary sentence are recomputed from the stored grades with
:mod:`jihua.evaluate`, so the dashboard says what ``jihua analyze`` says.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import URL, func, select
from sqlalchemy.orm import Session, aliased

from jihua.document import Document as TextDocument
from jihua.errors import UserError
from jihua.evaluate import Grade as EvaluatedGrade
from jihua.evaluate import GradedIndicator, Rules, summarize, tally_grades
from jihua.plan import PlanReport
from jihua.store import figures
from jihua.store.schema import (
    Actual,
    Change,
    Document,
    Fact,
    Grade,
    Indicator,
    Plan,
    Project,
    Region,
    Target,
    Task,
)
from jihua.tables import Indicator as TableRow
from jihua.targets import parse_value

GRADE_CLASSES = {
    "exceeded": "g-exceeded",
    "completed": "g-completed",
    "good": "g-good",
    "difficult": "g-difficult",
    "ungradable": "g-none",
}


class NotFound(UserError):
    """No such region, plan or row (HTTP 404)."""


@dataclass
class IndicatorView:
    id: int
    no: str | None
    name: str
    prefix: str | None
    unit: str | None
    category: str | None
    binding: bool
    parent_id: int | None
    target: str | None = None
    target_id: int | None = None
    target_version: int | None = None
    actual: str | None = None
    actual_id: int | None = None
    actual_version: int | None = None
    vintage: str | None = None
    grade: str | None = None
    grade_key: str | None = None
    reason: str | None = None
    ratio: float | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    document: str | None = None
    subrows: list[IndicatorView] = field(default_factory=list)

    @property
    def grade_class(self) -> str:
        return GRADE_CLASSES.get(self.grade_key or "", "g-none")

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "subrows"}
        data["subrows"] = [sub.to_dict() for sub in self.subrows]
        return data


@dataclass
class PlanView:
    region: str
    year: int
    approving_session: str | None
    indicators: list[IndicatorView]
    tally: dict[str, int]
    summary: str

    @property
    def by_category(self) -> list[tuple[str, list[IndicatorView]]]:
        groups: dict[str, list[IndicatorView]] = {}
        for item in self.indicators:
            groups.setdefault(item.category or "其他", []).append(item)
        return list(groups.items())

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "year": self.year,
            "approving_session": self.approving_session,
            "tally": self.tally,
            "summary": self.summary,
            "indicators": [item.to_dict() for item in self.indicators],
        }


@dataclass(frozen=True)
class RegionPlans:
    name: str
    parent: str | None
    years: list[int]
    graded_years: list[int]


def regions(session: Session) -> list[RegionPlans]:
    parent = aliased(Region)
    graded = set(
        session.execute(
            select(Plan.id).join(Indicator, Indicator.plan_id == Plan.id).join(Grade).distinct()
        ).scalars()
    )
    rows = session.execute(
        select(Region.name, parent.name, Plan.year, Plan.id)
        .join(Plan, Plan.region_id == Region.id)
        .outerjoin(parent, Region.parent_id == parent.id)
        .order_by(Region.name, Plan.year)
    ).all()
    found: dict[tuple[str, str | None], tuple[list[int], list[int]]] = {}
    for name, parent_name, year, plan_id in rows:
        years, graded_years = found.setdefault((name, parent_name), ([], []))
        years.append(year)
        if plan_id in graded:
            graded_years.append(year)
    return [RegionPlans(n, p, y, g) for (n, p), (y, g) in found.items()]


def default_plan(session: Session) -> tuple[str, int] | None:
    """The first region's latest graded year (else its latest year)."""
    listed = regions(session)
    if not listed:
        return None
    first = listed[0]
    return first.name, (first.graded_years or first.years)[-1]


def find_plan(session: Session, region: str, year: int) -> Plan:
    """The stored plan; none is a 404."""
    try:
        return figures.find_plan(session, region, year)
    except UserError as exc:
        raise NotFound(exc.message) from exc


#: plan views and their JSON by (database, region, year, data version, rules): the data
#: version is the last change-log id. Every write to plan data (ingest, actuals, investments,
#: assignments, comments, review corrections) goes through the change log, so a new entry
#: there is exactly when a cached view goes stale; a read costs one ``max(id)`` query.
_ViewKey = tuple[URL, str, int, int, int]
_VIEWS: dict[_ViewKey, PlanView] = {}
_JSON: dict[_ViewKey, bytes] = {}
_KEEP_VIEWS = 64
#: under a stream of writes each new version was built by every reader that asked for it
#: at once (eight threads, eight copies); now by the first, while the others wait
_BUILDING: dict[_ViewKey, threading.Lock] = {}
_BUILDING_GUARD = threading.Lock()


#: built once: asked on every plan request
_LATEST_CHANGE = select(func.max(Change.id))


def data_version(session: Session) -> int:
    """The newest change's id, on the session's connection (cheaper than an ORM query)."""
    return session.connection().execute(_LATEST_CHANGE).scalar() or 0


def _view_key(session: Session, region: str, year: int, rules: Rules) -> _ViewKey:
    return (session.get_bind().engine.url, region, year, data_version(session), id(rules))


def plan_view(session: Session, region: str, year: int, rules: Rules) -> PlanView:
    """The plan as the dashboard shows it (cached until the change log moves)."""
    return _cached_view(session, _view_key(session, region, year, rules), rules)


def plan_json(session: Session, region: str, year: int, rules: Rules) -> bytes:
    """``GET /api/plans/{region}/{year}`` as UTF-8 JSON, assembled once per data version."""
    key = _view_key(session, region, year, rules)
    if (cached := _JSON.get(key)) is not None:
        return cached
    body = json.dumps(
        _cached_view(session, key, rules).to_dict(), ensure_ascii=False, separators=(",", ":")
    ).encode()
    _JSON[key] = body
    return body


def _cached_view(session: Session, key: _ViewKey, rules: Rules) -> PlanView:
    if (cached := _VIEWS.get(key)) is not None:
        return cached
    with _BUILDING_GUARD:
        building = _BUILDING.setdefault(key, threading.Lock())
    with building:  # a version's view is built once; the readers that came meanwhile wait
        if (cached := _VIEWS.get(key)) is None:
            cached = _build_plan_view(session, key[1], key[2], rules)
            if len(_VIEWS) >= _KEEP_VIEWS:
                _VIEWS.clear()
                _JSON.clear()
            _VIEWS[key] = cached
    with _BUILDING_GUARD:
        _BUILDING.pop(key, None)
    return cached


def _build_plan_view(session: Session, region: str, year: int, rules: Rules) -> PlanView:
    plan = find_plan(session, region, year)
    rows = session.scalars(
        select(Indicator).where(Indicator.plan_id == plan.id).order_by(Indicator.position)
    ).all()
    views = _indicator_views(session, list(rows))
    tops = [v for v in views.values() if v.parent_id is None]
    for view in views.values():
        if view.parent_id is not None and view.parent_id in views:
            views[view.parent_id].subrows.append(view)
    graded = [_graded(v) for v in tops if v.grade_key]
    tally = tally_grades(graded, rules) if graded else {}
    report = PlanReport(
        TextDocument("", "", "txt"), region, None, year, None, plan.approving_session
    )
    summary = summarize(report, graded, rules) if graded else ""
    return PlanView(region, year, plan.approving_session, tops, tally, summary)


_TARGET_COLUMNS = (
    Target.indicator_id,
    Target.id,
    Target.text,
    Target.version,
    Target.quote,
    Target.start,
    Target.end,
    Target.document_id,
)
_ACTUAL_COLUMNS = (Actual.indicator_id, Actual.id, Actual.text, Actual.version, Actual.vintage)
_GRADE_COLUMNS = (Grade.indicator_id, Grade.label, Grade.key, Grade.reason, Grade.ratio)


def _indicator_views(session: Session, rows: list[Indicator]) -> dict[int, IndicatorView]:
    ids = [row.id for row in rows]
    # columns, not ORM rows: a plan's view is rebuilt after every write, by the readers
    targets = {
        t.indicator_id: t
        for t in session.execute(
            select(*_TARGET_COLUMNS).where(Target.indicator_id.in_(ids), Target.period == "year")
        )
    }
    grades = {
        g.indicator_id: g
        for g in session.execute(
            select(*_GRADE_COLUMNS).where(Grade.indicator_id.in_(ids), Grade.period == "year")
        )
    }
    actuals = {
        a.indicator_id: a  # later vintages overwrite earlier ones
        for a in session.execute(
            select(*_ACTUAL_COLUMNS)
            .where(Actual.indicator_id.in_(ids), Actual.period == "year")
            .order_by(Actual.vintage_rank)
        )
    }
    documents = {t.document_id for t in targets.values() if t.document_id is not None}
    query = select(Document.id, Document.source).where(Document.id.in_(documents))
    sources = {i: source for i, source in session.execute(query)}
    views: dict[int, IndicatorView] = {}
    for row in rows:
        view = IndicatorView(
            row.id, row.no, row.name, row.prefix, row.unit, row.category, row.binding, row.parent_id
        )
        if (target := targets.get(row.id)) is not None:
            view.target, view.target_id, view.target_version = (
                target.text,
                target.id,
                target.version,
            )
            view.quote, view.start, view.end = target.quote, target.start, target.end
            view.document = sources.get(target.document_id or 0)
        if (actual := actuals.get(row.id)) is not None:
            view.actual, view.actual_id = actual.text, actual.id
            view.actual_version, view.vintage = actual.version, actual.vintage
        if (grade := grades.get(row.id)) is not None:
            view.grade, view.grade_key = grade.label, grade.key
            view.reason, view.ratio = grade.reason, grade.ratio
        views[row.id] = view
    return views


def _graded(view: IndicatorView) -> GradedIndicator:
    row = TableRow(
        no=view.no,
        name=view.name,
        unit=view.unit,
        binding=view.binding,
        category=view.category,
        target=parse_value(view.target or ""),
        actual=parse_value(view.actual) if view.actual else None,
        raw_name=view.name,
        start=0,
        end=0,
    )
    grade = EvaluatedGrade(
        view.grade_key,  # type: ignore[arg-type]
        view.grade or "",
        view.reason or "",
        view.ratio,
    )
    return GradedIndicator(row, grade)


@dataclass
class IndicatorPage:
    plan: PlanView
    indicator: IndicatorView
    parent: IndicatorView | None
    elsewhere: list[dict[str, Any]]


def indicator_page(session: Session, indicator_id: int, rules: Rules) -> IndicatorPage:
    row = session.get(Indicator, indicator_id)
    if row is None:
        raise NotFound(f"没有编号为 {indicator_id} 的指标")
    plan = session.get_one(Plan, row.plan_id)
    region = session.get_one(Region, plan.region_id)
    view = plan_view(session, region.name, plan.year, rules)
    flat = {v.id: v for top in view.indicators for v in (top, *top.subrows)}
    item = flat[row.id]
    parent = flat.get(row.parent_id) if row.parent_id else None
    return IndicatorPage(view, item, parent, _elsewhere(session, row))


def _elsewhere(session: Session, row: Indicator) -> list[dict[str, Any]]:
    """The same indicator in other plans (other years, other regions)."""
    found = session.execute(
        select(Indicator.id, Region.name, Plan.year, Target.text, Grade.label)
        .join(Plan, Indicator.plan_id == Plan.id)
        .join(Region, Plan.region_id == Region.id)
        .outerjoin(Target, (Target.indicator_id == Indicator.id) & (Target.period == "year"))
        .outerjoin(Grade, (Grade.indicator_id == Indicator.id) & (Grade.period == "year"))
        .where(Indicator.name == row.name, Indicator.id != row.id)
        .order_by(Region.name, Plan.year)
    ).all()
    keys = ("id", "region", "year", "target", "grade")
    return [dict(zip(keys, values, strict=True)) for values in found]


PROJECT_FILTERS = ("stage", "area", "source", "lead_unit")


@dataclass
class ProjectList:
    projects: list[Project]
    options: dict[str, list[str]]
    totals: dict[str, float]


def completed_total(project: Project) -> float:
    values = project.completed_investment or {}
    numbers = [v for v in values.values() if isinstance(v, int | float)]
    return max(numbers) if numbers else 0.0


def project_list(
    session: Session, region: str, year: int, filters: dict[str, str | None]
) -> ProjectList:
    plan = find_plan(session, region, year)
    query = select(Project).where(Project.plan_id == plan.id).order_by(Project.position)
    for name in PROJECT_FILTERS:
        if value := filters.get(name):
            query = query.where(getattr(Project, name) == value)
    projects = list(session.scalars(query))
    options = {
        name: [
            v
            for v in session.scalars(
                select(getattr(Project, name))
                .where(Project.plan_id == plan.id)
                .distinct()
                .order_by(getattr(Project, name))
            )
            if v
        ]
        for name in PROJECT_FILTERS
    }
    totals = {
        "count": float(len(projects)),
        "total_investment": sum(p.total_investment or 0.0 for p in projects),
        "annual_investment": sum(p.annual_investment or 0.0 for p in projects),
        "completed_investment": sum(completed_total(p) for p in projects),
    }
    return ProjectList(projects, options, totals)


def task_areas(session: Session, region: str, year: int) -> list[tuple[str, list[Task]]]:
    plan = find_plan(session, region, year)
    areas: dict[str, list[Task]] = defaultdict(list)
    for task in session.scalars(
        select(Task).where(Task.plan_id == plan.id).order_by(Task.position)
    ):
        areas[task.area or "其他"].append(task)
    return list(areas.items())


def plan_of_row(session: Session, row: Project | Task) -> tuple[str, int]:
    plan = session.get_one(Plan, row.plan_id)
    return session.get_one(Region, plan.region_id).name, plan.year


def lead_units(session: Session) -> list[str]:
    """Lead units of stored projects and tasks, most frequent first."""
    counted = session.execute(
        select(Project.lead_unit, func.count())
        .where(Project.lead_unit.is_not(None))
        .group_by(Project.lead_unit)
        .order_by(func.count().desc())
    ).all()
    return [unit for unit, _ in counted if unit]


def plan_facts(session: Session, region: str, year: int) -> list[Fact]:
    """The prose facts stored with a plan: all a report without indicator tables gives."""
    plan = find_plan(session, region, year)
    return list(
        session.scalars(select(Fact).where(Fact.plan_id == plan.id).order_by(Fact.position))
    )


def stored_years(session: Session, region: str | None) -> list[int]:
    """The years of a region that have a stored plan (a page can link to them)."""
    return [year for r in regions(session) if r.name == region for year in r.years]
