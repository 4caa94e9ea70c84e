"""项目: the list with filters and totals, and each project's page with its investments."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.schema import Change, Project, Task
from jihua.web.assignments import assigned_department, department_names
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.editing import set_completed_investment
from jihua.web.permissions import may_edit_led
from jihua.web.plans import PROJECT_FILTERS, NotFound, completed_total, plan_of_row, project_list
from jihua.web.rendering import page
from jihua.web.views.indicators import comments_on, local_path

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]
FILTER_NAMES = {"stage": "建设阶段", "area": "领域", "source": "来源", "lead_unit": "牵头单位"}


def row_changes(session: Session, table: str, row_id: int) -> list[Change]:
    return list(
        session.scalars(
            select(Change)
            .where(Change.table_name == table, Change.row_id == row_id)
            .order_by(Change.at, Change.id)
        )
    )


def led_row_context(
    session: Session, user: CurrentUser, table: str, row: Project | Task, lead: str | None
) -> dict[str, Any]:
    """A project's or task's page beside the row: its plan, log, comments, who may edit it."""
    region, year = plan_of_row(session, row)
    changes = row_changes(session, table, row.id)
    comments = comments_on(session, table, row.id)
    assigned = assigned_department(session, table, row.id)
    return {
        "region": region,
        "year": year,
        "changes": changes,
        "comments": comments,
        "may_edit": may_edit_led(user, lead, assigned),
        "anchor": (table, row.id),
        "assigned": assigned,
        "departments": department_names(session),
    }


@router.get("/plans/{region}/{year}/projects")
def projects(
    request: Request,
    region: str,
    year: int,
    user: Login,
    stage: str | None = None,
    area: str | None = None,
    source: str | None = None,
    lead_unit: str | None = None,
) -> HTMLResponse:
    filters = {"stage": stage, "area": area, "source": source, "lead_unit": lead_unit}
    with Session(request.app.state.engine) as session:
        listed = project_list(session, region, year, filters)
    return page(
        request,
        "projects.html",
        user,
        region=region,
        year=year,
        listed=listed,
        filters=filters,
        filter_names=FILTER_NAMES,
        filter_keys=PROJECT_FILTERS,
        completed_total=completed_total,
        may_edit=lambda p: may_edit_led(user, p.lead_unit),
    )


@router.get("/projects/{project_id}")
def project(request: Request, project_id: int, user: Login) -> HTMLResponse:
    with Session(request.app.state.engine) as session:
        row = session.get(Project, project_id)
        if row is None:
            raise NotFound(f"没有编号为 {project_id} 的项目")
        shown = led_row_context(session, user, "projects", row, row.lead_unit)
        session.expunge(row)
    return page(request, "project.html", user, project=row, **shown)


@router.post("/projects/{project_id}/investment", dependencies=[Depends(verify_csrf)])
def edit_investment(
    request: Request,
    project_id: int,
    user: Login,
    month: Annotated[str, Form()],
    amount: Annotated[float, Form()],
    read_version: Annotated[int, Form()],
    back: Annotated[str, Form()] = "",
) -> Response:
    set_completed_investment(
        request.app.state.engine, user, project_id, month.strip(), amount, read_version
    )
    return RedirectResponse(
        local_path(back) if back else f"/projects/{project_id}", status_code=303
    )
