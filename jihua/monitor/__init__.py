"""Following the year (调度): indicators against time elapsed, projects' pace, task progress.

::

    from jihua.monitor import monitor, monitor_dict

    result = monitor(engine, "涪陵区", 2024, "2024-06")
    result.indicators[0].status, result.indicators[0].reason   # "red", "1-6月完成…低于序时进度50.0%"
    monitor_dict(result)                                         # the ``jihua monitor --json`` object

:mod:`jihua.monitor.indicators`, :mod:`~jihua.monitor.projects` and
:mod:`~jihua.monitor.tasks` are pure functions over plain inputs;
:mod:`~jihua.monitor.load` reads them from the store. The rules are data
(``jihua/data/monitor.toml``, :mod:`jihua.monitor.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.evaluate import Rules, load_rules
from jihua.monitor.indicators import IndicatorStatus, follow_all
from jihua.monitor.load import PlanAtPeriod, load_plan
from jihua.monitor.projects import ProjectsAtPeriod, projects_at
from jihua.monitor.rules import MonitorRules, default_monitor_rules_text, load_monitor_rules
from jihua.monitor.tasks import TasksAtPeriod, tasks_at
from jihua.store.periodic import Period, parse_period

__all__ = [
    "MonitorRules",
    "Monitoring",
    "default_monitor_rules_text",
    "load_monitor_rules",
    "monitor",
    "monitor_dict",
    "monitor_plan",
    "report_period",
]


@dataclass
class Monitoring:
    region: str
    year: int
    period: Period
    indicators: list[IndicatorStatus]
    projects: ProjectsAtPeriod
    tasks: TasksAtPeriod
    rules: MonitorRules
    #: said of the figures themselves, e.g. that they are illustrative (示例数据)
    notes: list[str] = field(default_factory=list)

    @property
    def time_progress(self) -> float:
        """Percent of the year elapsed at the end of the period (一季度 25, 上半年 50, 1-11月 91.7)."""
        return round(self.period.last / 12 * 100, 1)

    def by_colour(self) -> dict[str, int]:
        counts = {colour: 0 for colour in ("green", "yellow", "red")}
        for item in self.indicators:
            if item.status is not None:
                counts[item.status] += 1
        return counts


def report_period(text: str, year: int | None = None) -> Period:
    """The period a monitoring report covers: January to the month named (``2024-06``)."""
    period = parse_period(text, year)
    return Period(period.year, 1, period.last)


def monitor(
    engine: Engine,
    region: str,
    year: int,
    period: str,
    rules: MonitorRules | None = None,
    grading: Rules | None = None,
) -> Monitoring:
    """The region's plan of ``year`` at the end of ``period``, read from the store."""
    at = report_period(period, year)
    if at.year != year:
        raise UserError(f"期间 {period} 不在 {year} 年")
    with Session(engine) as session:
        plan = load_plan(session, region, year, at.last)
    return monitor_plan(plan, at, rules or load_monitor_rules(), grading or load_rules())


def monitor_plan(plan: PlanAtPeriod, at: Period, rules: MonitorRules, grading: Rules) -> Monitoring:
    """The pure part: statuses, projects and tasks of a plan already read."""
    return Monitoring(
        plan.region,
        plan.year,
        at,
        follow_all(plan.indicators, at.last, rules, grading),
        projects_at(plan.projects, plan.stated, plan.year, at.last, rules),
        tasks_at(plan.tasks, rules),
        rules,
        plan.notes,
    )


def monitor_dict(result: Monitoring) -> dict[str, Any]:
    """The ``jihua monitor --json`` contract (README)."""
    from jihua.monitor.output import as_dict

    return as_dict(result)
