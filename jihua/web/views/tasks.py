"""任务: the areas, their numbered tasks, lead departments, commitments and progress."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.progress import latest_progress, month_of, progress_of
from jihua.store.schema import TASK_STATUSES, Change, Task, TaskProgress
from jihua.web.assignments import assigned_rows
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.editing import TaskReport, report_task_progress
from jihua.web.permissions import may_edit_led
from jihua.web.plans import NotFound, task_areas
from jihua.web.rendering import page
from jihua.web.views.indicators import local_path
from jihua.web.views.projects import led_row_context

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


@router.get("/plans/{region}/{year}/tasks")
def tasks(request: Request, region: str, year: int, user: Login) -> HTMLResponse:
    with Session(request.app.state.engine) as session:
        areas = task_areas(session, region, year)
        assigned = assigned_rows(session, "tasks", user.department) if user.department else set()
        progress = latest_progress(session, [t.id for _, tasks in areas for t in tasks])
        session.expunge_all()
    mine = {
        t.id for _, tasks in areas for t in tasks if may_edit_led(user, t.lead_department, None)
    } | assigned
    if user.role != "department":
        mine = set()
    return page(
        request,
        "tasks.html",
        user,
        region=region,
        year=year,
        areas=areas,
        mine=mine,
        progress=progress,
    )


@router.get("/tasks/{task_id}")
def task(request: Request, task_id: int, user: Login) -> HTMLResponse:
    with Session(request.app.state.engine) as session:
        row = session.get(Task, task_id)
        if row is None:
            raise NotFound(f"没有编号为 {task_id} 的任务")
        shown = led_row_context(session, user, "tasks", row, row.lead_department)
        reports = progress_of(session, task_id)
        shown["changes"] = _with_progress_changes(session, shown["changes"], reports)
        session.expunge_all()
    latest = reports[0] if reports else None
    return page(
        request,
        "task.html",
        user,
        task=row,
        reports=reports,
        month=latest.period if latest else date.today().strftime("%Y-%m"),
        read_version=latest.version if latest else 0,
        statuses=TASK_STATUSES,
        **shown,
    )


def _with_progress_changes(
    session: Session, changes: list[Change], reports: list[TaskProgress]
) -> list[Change]:
    """The task's change log with its monthly reports' changes (status, note) in time order."""
    if not reports:
        return changes
    reported = session.scalars(
        select(Change).where(
            Change.table_name == "task_progress", Change.row_id.in_([r.id for r in reports])
        )
    )
    return sorted([*changes, *reported], key=lambda change: (change.at, change.id))


@router.post("/tasks/{task_id}/progress", dependencies=[Depends(verify_csrf)])
def edit_progress(
    request: Request,
    task_id: int,
    user: Login,
    month: Annotated[str, Form()],
    status: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    read_month: Annotated[str, Form()] = "",
    read_version: Annotated[int | None, Form()] = None,
    back: Annotated[str, Form()] = "",
) -> Response:
    """The form shows one month's report; its version guards only that month."""
    version = read_version if month_of(month) == read_month else None
    report = TaskReport(month, status, note, version)
    report_task_progress(request.app.state.engine, user, task_id, report)
    return RedirectResponse(local_path(back) if back else f"/tasks/{task_id}", status_code=303)
