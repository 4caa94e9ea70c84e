"""Task progress at a period: what each lead department reported, and who has not reported."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from jihua.monitor.rules import MonitorRules


@dataclass(frozen=True)
class TaskInput:
    id: int
    number: str | None
    title: str
    department: str | None
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TasksAtPeriod:
    tasks: list[TaskInput]
    reported: int
    not_reported: list[str]
    by_status: dict[str, int]


def tasks_at(tasks: list[TaskInput], rules: MonitorRules) -> TasksAtPeriod:
    """Counts by status (unreported ones under ``not_reported``'s word) and the silent departments."""
    silent = sorted({t.department for t in tasks if t.status is None and t.department})
    counts = Counter(t.status or rules.not_reported for t in tasks)
    return TasksAtPeriod(
        tasks, sum(t.status is not None for t in tasks), silent, dict(sorted(counts.items()))
    )


def reporting_note(tasks: TasksAtPeriod) -> str:
    """Who has not reported, in a sentence: the departments, tasks that have none yet, all
    reported, or no tasks at all (the 通报, the 调度 page and the command say the same)."""
    if not tasks.tasks:
        return "本期无重点任务进展数据。"
    if tasks.not_reported:
        return f"未报送进展的单位：{'、'.join(tasks.not_reported)}。"
    if tasks.reported < len(tasks.tasks):
        return f"未报送的{len(tasks.tasks) - tasks.reported}项任务尚未明确牵头单位。"
    return "各牵头单位均已报送。"
