"""Writes from the browser and the API, each checked for role and version, each logged.

Every function takes the user who writes: the permission is checked here, on
the server, whatever the page showed. Changes go through the store's change
log (:func:`jihua.store.changes.set_field`) with the user's name; an edit made
against a row that moved on since it was read raises
:class:`jihua.store.EditConflict` naming both values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jihua.errors import UserError
from jihua.store.changes import EditConflict, check_version, now, record_new, set_field
from jihua.store.progress import month_of, set_task_progress
from jihua.store.schema import VINTAGES, Indicator, Project, Task
from jihua.store.vintages import ActualEntry, Regraded, set_actuals_of
from jihua.store.write_server import Writes, done_together
from jihua.web.assignments import assigned_department
from jihua.web.auth import CurrentUser
from jihua.web.models import ANCHORS, Comment
from jihua.web.permissions import Refused, require_commenter, require_led, require_planner
from jihua.web.plans import NotFound

_Row = TypeVar("_Row", Project, Task)


@dataclass(frozen=True)
class TaskReport:
    """What a department reports on a task: the month, a status of
    :data:`jihua.store.schema.TASK_STATUSES`, a note, and the version of that month's report
    as the page showed it (``None``: none shown)."""

    month: str
    status: str
    note: str = ""
    read_version: int | None = None


def set_indicator_actual(
    writes: Writes,
    user: CurrentUser,
    indicator_id: int,
    text: str,
    vintage: str,
    read_version: int | None,
) -> Regraded:
    """Record an actual: planners on any indicator, a department on those assigned to it."""
    if vintage not in VINTAGES:
        raise UserError(f"未知口径：{vintage}（可用：{'、'.join(VINTAGES)}）")
    return writes(_allowed_actual, user, indicator_id, text, vintage, read_version)


def _allowed_actual(
    engine: Engine,
    user: CurrentUser,
    indicator_id: int,
    text: str,
    vintage: str,
    read_version: int | None,
) -> Regraded:
    """The check and the write in one transaction, so a web worker busy with pages does
    neither."""
    (result,) = _allowed_actuals(engine, [((user, indicator_id, text, vintage, read_version), {})])
    if isinstance(result, UserError):
        raise result
    return result


def _allowed_actuals(
    engine: Engine, calls: list[tuple[tuple[Any, ...], dict[str, Any]]]
) -> list[Regraded | UserError]:
    """Actuals queued at the write process at once: one transaction, one regrade a plan."""
    return set_actuals_of(engine, [_entry(*args, **kwargs) for args, kwargs in calls])


def _entry(
    user: CurrentUser, indicator_id: int, text: str, vintage: str, read_version: int | None
) -> ActualEntry:
    def allowed(session: Session, row: Indicator) -> None:
        assigned = assigned_department(session, "indicators", row.id)
        require_led(user, None, f"指标“{row.name}”的完成值", assigned)

    source = f"网页录入（{user.name}）"
    return ActualEntry(indicator_id, text, vintage, source, user.name, read_version, allowed)


done_together(_allowed_actual, _allowed_actuals)


def set_completed_investment(
    engine: Engine, user: CurrentUser, project_id: int, month: str, amount: float, read_version: int
) -> Project:
    """Record a project's cumulative completed investment (亿元) up to ``month``."""
    month = month_of(month)
    if not 0 <= amount < 1e7:
        raise UserError(f"完成投资应为非负数（亿元），不是 {amount}")
    with Session(engine) as session, session.begin():
        project = _get(session, Project, project_id, "项目")
        assigned = assigned_department(session, "projects", project_id)
        require_led(user, project.lead_unit, f"项目“{project.name}”", assigned)
        old = dict(project.completed_investment or {})
        check_version(
            f"项目“{project.name}”的完成投资",
            f"版本 {read_version}",
            f"{month}：{old.get(month, '未填')}",
            read_version,
            project.version,
        )
        _guarded(
            session,
            lambda: set_field(
                session,
                project,
                "completed_investment",
                {**old, month: amount},
                user.name,
                f"网页修改完成投资 {month}",
            ),
            read_version,
        )
        session.expunge(project)
        return project


def report_task_progress(
    engine: Engine,
    user: CurrentUser,
    task_id: int,
    report: TaskReport,
    plan_id: int | None = None,
) -> None:
    """A lead department's (or its assignee's) report on a task for a month: the one store of
    task progress, which the task pages and the monitoring both show."""
    with Session(engine) as session:
        task = session.get(Task, task_id)
        if task is None or (plan_id is not None and task.plan_id != plan_id):
            raise NotFound(f"没有编号为 {task_id} 的任务")
        assigned = assigned_department(session, "tasks", task_id)
        require_led(user, task.lead_department, f"任务“{task.title[:20]}”", assigned)
    note = report.note.strip()
    if len(note) > 2000:
        raise UserError("进展说明不超过 2000 字")
    set_task_progress(
        engine,
        task_id,
        report.month,
        report.status,
        note or None,
        user.name,
        user.department,
        report.read_version,
    )


def _get(session: Session, model: type[_Row], row_id: int, what: str) -> _Row:
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"没有编号为 {row_id} 的{what}")
    return row


def _guarded(session: Session, write: Callable[[], Any], read_version: int) -> None:
    try:
        write()
        session.flush()
    except StaleDataError as exc:
        raise EditConflict(
            "该条目",
            f"版本 {read_version}",
            "（已被另一次修改更新）",
            read_version,
            read_version + 1,
        ) from exc


def add_comment(engine: Engine, user: CurrentUser, table: str, row_id: int, body: str) -> None:
    require_commenter(user)
    body = body.strip()
    if table not in ANCHORS:
        raise UserError(f"意见只能针对指标、项目或任务，不是 {table}")
    if not body or len(body) > 5000:
        raise UserError("意见不能为空，且不超过 5000 字")
    with Session(engine) as session, session.begin():
        anchor = {"indicators": Indicator, "projects": Project, "tasks": Task}[table]
        if session.get(anchor, row_id) is None:
            raise NotFound(f"要评论的条目不存在（{table} {row_id}）")
        comment = Comment(
            table_name=table,
            row_id=row_id,
            author=user.name,
            body=body,
            state="open",
            created_at=now(),
        )
        session.add(comment)
        record_new(session, comment, "body", user.name, "网页提出审阅意见")


def answer_comment(engine: Engine, user: CurrentUser, comment_id: int, answer: str) -> None:
    require_planner(user, "答复审阅意见")
    answer = answer.strip()
    if not answer:
        raise UserError("答复不能为空")
    with Session(engine) as session, session.begin():
        comment = _comment(session, comment_id)
        set_field(session, comment, "answer", answer, user.name, "网页答复审阅意见")
        comment.answered_by = user.name
        set_field(session, comment, "state", "answered", user.name, "网页答复审阅意见")


def close_comment(engine: Engine, user: CurrentUser, comment_id: int) -> None:
    with Session(engine) as session, session.begin():
        comment = _comment(session, comment_id)
        if user.role != "planner" and user.name != comment.author:
            raise Refused("只有提出意见的人或计划科可以关闭意见")
        set_field(session, comment, "state", "closed", user.name, "网页关闭审阅意见")


def _comment(session: Session, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(f"没有编号为 {comment_id} 的意见")
    return comment
