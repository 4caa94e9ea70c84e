"""The projects' pace: completed investment against the annual plan, by project and in groups.

A project's completed investment is stored cumulatively by month
(``{"2024-06": 12.3}``); at a period its figure is the latest month up to
the period's. A 新开工 project whose planned start month has passed with no
start month and no investment is *unstarted*; a project whose completion
rate is more than ``project_lag_points`` below the time elapsed is *lagging*.
The list's totals are set against the plan's own stated totals
(``年度计划投资156.5亿元``) and the difference named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from jihua.monitor.rules import MonitorRules

DIMENSIONS = {"area": "领域", "stage": "建设阶段", "lead_unit": "牵头单位"}


@dataclass
class ProjectInput:
    id: int
    name: str
    annual: float | None
    completed: dict[str, float] = field(default_factory=dict)
    stage: str | None = None
    area: str | None = None
    lead_unit: str | None = None
    planned_start: str | None = None
    started: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class StatedTotal:
    """A group as the plan states it: 政府投资项目384个，年度计划投资156.5亿元."""

    label: str
    annual: float | None
    count: int | None = None


@dataclass(frozen=True)
class ProjectPace:
    project: ProjectInput
    completed: float
    rate: float | None
    reason: str = ""


@dataclass(frozen=True)
class Subtotal:
    label: str
    count: int
    planned: float
    completed: float

    @property
    def rate(self) -> float | None:
        return self.completed / self.planned * 100 if self.planned else None


@dataclass
class ProjectsAtPeriod:
    planned: float
    completed: float
    count: int
    groups: dict[str, list[Subtotal]]
    unstarted: list[ProjectPace]
    lagging: list[ProjectPace]
    totals: list[str]

    @property
    def rate(self) -> float | None:
        return self.completed / self.planned * 100 if self.planned else None

    @property
    def amounts_known(self) -> bool:
        """Whether any project has an annual plan or completed investment: a plan report names
        its projects without them until a project list is imported."""
        return bool(self.planned or self.completed)


def completed_by(project: ProjectInput, year: int, month: int) -> float:
    """Cumulative completed investment at the end of ``month`` (the latest month stored by then)."""
    upto, since = f"{year}-{month:02d}", f"{year}-01"
    months = [m for m in project.completed if since <= m <= upto]
    return float(project.completed[max(months)]) if months else 0.0


def projects_at(
    projects: list[ProjectInput],
    stated: list[StatedTotal],
    year: int,
    month: int,
    rules: MonitorRules,
) -> ProjectsAtPeriod:
    paces = [_pace(p, year, month) for p in projects]
    elapsed = month / 12 * 100
    planned = sum(p.annual or 0 for p in projects)
    done = sum(pace.completed for pace in paces)
    return ProjectsAtPeriod(
        round(planned, 4),
        round(done, 4),
        len(projects),
        {name: _subtotals(paces, name) for name in DIMENSIONS},
        [_unstarted(pace, month) for pace in paces if _is_unstarted(pace, year, month)],
        [
            _lagging(pace, elapsed)
            for pace in paces
            if pace.rate is not None
            and pace.rate < elapsed - rules.project_lag_points
            and _due(pace.project, year, month)
            and not _is_unstarted(pace, year, month)
        ],
        _total_notes(projects, stated, planned, rules),
    )


def _pace(project: ProjectInput, year: int, month: int) -> ProjectPace:
    done = completed_by(project, year, month)
    rate = done / project.annual * 100 if project.annual else None
    return ProjectPace(project, done, rate)


def _due(project: ProjectInput, year: int, month: int) -> bool:
    """The project was to be under way by ``month`` (no planned start, or one that has passed)."""
    return project.planned_start is None or project.planned_start <= f"{year}-{month:02d}"


def _is_unstarted(pace: ProjectPace, year: int, month: int) -> bool:
    project = pace.project
    due = project.planned_start
    if due is None or due > f"{year}-{month:02d}" or pace.completed > 0:
        return False
    return project.started is None or project.started > f"{year}-{month:02d}"


def _unstarted(pace: ProjectPace, month: int) -> ProjectPace:
    reason = f"计划{_month_words(pace.project.planned_start)}开工，截至{month}月未开工"
    return ProjectPace(pace.project, pace.completed, pace.rate, reason)


def _lagging(pace: ProjectPace, elapsed: float) -> ProjectPace:
    assert pace.rate is not None
    reason = (
        f"完成投资{pace.completed:g}亿元，为年度计划的{pace.rate:.1f}%，"
        f"落后序时进度（{elapsed:.1f}%）{elapsed - pace.rate:.1f}个百分点"
    )
    return ProjectPace(pace.project, pace.completed, pace.rate, reason)


def _month_words(month: str | None) -> str:
    if not month:
        return ""
    year, number = month.split("-")
    return f"{year}年{int(number)}月"


def _subtotals(paces: list[ProjectPace], dimension: str) -> list[Subtotal]:
    buckets: dict[str, list[ProjectPace]] = defaultdict(list)
    for pace in paces:
        buckets[getattr(pace.project, dimension) or "未注明"].append(pace)
    return sorted(
        (
            Subtotal(
                label,
                len(members),
                round(sum(p.project.annual or 0 for p in members), 4),
                round(sum(p.completed for p in members), 4),
            )
            for label, members in buckets.items()
        ),
        key=lambda s: -s.planned,
    )


def _total_notes(
    projects: list[ProjectInput], stated: list[StatedTotal], planned: float, rules: MonitorRules
) -> list[str]:
    """The list's annual plan against each stated total it claims to make up.

    Projects of a group are set against that group; projects from a list
    (no group) against the stated group of the same count. A group only
    partly listed (the report names 41 of its 93 projects) is not compared.
    """
    members: dict[str | None, list[ProjectInput]] = defaultdict(list)
    for project in projects:
        members[project.group].append(project)
    notes = []
    for total in stated:
        listed = members.get(total.label) or (
            members.get(None) if total.count == len(members.get(None, [])) else None
        )
        if not listed or total.annual is None or len(listed) != total.count:
            continue
        amount = sum(p.annual or 0 for p in listed)
        difference = amount - total.annual
        if abs(difference) > rules.total_tolerance:
            notes.append(
                f"{total.label}{len(listed)}个项目年度计划投资合计{amount:.1f}亿元，"
                f"与计划所列{total.annual:g}亿元相差{abs(difference):.1f}亿元"
            )
        else:
            notes.append(f"{total.label}{len(listed)}个项目年度计划投资合计与计划所列一致")
    return notes
