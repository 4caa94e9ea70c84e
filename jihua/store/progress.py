"""Task progress: a lead department's note and status on a task, once per month.

Statuses are those of :data:`jihua.store.schema.TASK_STATUSES` (未启动, 推进中,
已完成, 滞后). A second report for the same task and month replaces the first;
every change is logged.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import check_version, current_user, now, record_new, set_field
from jihua.store.database import writer
from jihua.store.schema import TASK_STATUSES, Task, TaskProgress

_MONTH_RE = re.compile(r"^20[0-9]{2}-(0[1-9]|1[0-2])$")


def month_of(text: str) -> str:
    """A month as written on a form, as stored (``2024-06``): digits and the dash typed
    full width (``２０２４－０６``) read as they are meant."""
    month = unicodedata.normalize("NFKC", text).strip()
    if not _MONTH_RE.match(month):
        raise UserError(f"月份应写作 2024-06，不是“{text}”")
    return month


def set_task_progress(
    engine: Engine,
    task_id: int,
    month: str,
    status: str,
    note: str | None,
    who: str | None = None,
    department: str | None = None,
    read_version: int | None = None,
) -> TaskProgress:
    """Store a department's progress on a task for ``month`` (``2024-06``)."""
    month = month_of(month)
    if status not in TASK_STATUSES:
        raise UserError(f"进展状态应为 {'、'.join(TASK_STATUSES)} 之一，不是“{status}”")
    who = who or current_user()
    why = f"task progress {month}"
    with Session(writer(engine), expire_on_commit=False) as session, session.begin():
        task = session.get(Task, task_id)
        if task is None:
            raise UserError(f"没有编号为 {task_id} 的任务")
        row = session.scalar(
            select(TaskProgress).where(
                TaskProgress.task_id == task_id, TaskProgress.period == month
            )
        )
        department = department or task.lead_department
        if row is None:
            row = TaskProgress(
                task_id=task_id,
                period=month,
                status=status,
                note=note,
                department=department,
                recorded_at=now(),
                recorded_by=who,
            )
            session.add(row)
            record_new(session, row, "status", who, why)
            return row
        if read_version is not None:
            check_version(
                f"任务“{task.title}”{month}进展", None, row.status, read_version, row.version
            )
        changed = set_field(session, row, "status", status, who, why)
        changed |= set_field(session, row, "note", note, who, why)
        if changed:
            row.recorded_at, row.recorded_by = now(), who
        session.flush()
        return row


def latest_progress(session: Session, task_ids: list[int]) -> dict[int, TaskProgress]:
    """Each task's report for its latest month (tasks with none are left out)."""
    latest: dict[int, TaskProgress] = {}
    if not task_ids:
        return latest
    rows = session.scalars(
        select(TaskProgress)
        .where(TaskProgress.task_id.in_(task_ids))
        .order_by(TaskProgress.task_id, TaskProgress.period)
    )
    for row in rows:
        latest[row.task_id] = row  # later months come last
    return latest


def progress_of(session: Session, task_id: int) -> list[TaskProgress]:
    """A task's reports, the latest month first."""
    return list(
        session.scalars(
            select(TaskProgress)
            .where(TaskProgress.task_id == task_id)
            .order_by(TaskProgress.period.desc())
        )
    )
