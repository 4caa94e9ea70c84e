"""The JSON API under ``/api/`` (OpenAPI at ``/openapi.json``, docs at ``/docs``).

Reads and writes need a login: an API token (``Authorization: Bearer …``,
:mod:`jihua.web.tokens`) or the session cookie; with the cookie, writes also
need the ``X-CSRF-Token`` header, which ``GET /api/session`` returns. Writes
carry the ``read_version`` of the row as read; a stale one is refused with 409.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jihua.store.ingest import ingest_bytes
from jihua.store.progress import latest_progress
from jihua.store.schema import TaskProgress
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import csrf_token, verify_csrf
from jihua.web.editing import set_completed_investment, set_indicator_actual
from jihua.web.exports import FACT_PAGE, facts_page, plan_table_csv, plan_table_xlsx
from jihua.web.permissions import require_planner
from jihua.web.plans import completed_total, plan_json, project_list, regions, task_areas
from jihua.web.views.upload import (
    limit_upload,
    preview_apart,
    read_apart_document,
    uploaded_file,
)

#: every route needs a login (``require_user``); the schema declares both ways in (apidocs)
router = APIRouter(prefix="/api", tags=["api"])
Login = Annotated[CurrentUser, Depends(require_user)]
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Year = Annotated[int, Path(ge=1900, le=2200)]
Region = Annotated[str, Path(min_length=1, max_length=100)]


class ActualEdit(BaseModel):
    text: str = Field(min_length=1, max_length=200, examples=["7.5以上"])
    vintage: Literal["预计", "快报", "年报"] = "快报"
    read_version: int | None = Field(default=None, ge=0, le=2**31 - 1)


class InvestmentEdit(BaseModel):
    month: str = Field(pattern=r"^20\d\d-(0[1-9]|1[0-2])$", examples=["2024-03"])
    amount: float = Field(ge=0, lt=1e7)
    read_version: int = Field(ge=0, le=2**31 - 1)


@router.get("/session")
def session_info(request: Request, user: Login) -> dict[str, Any]:
    """Who is logged in, and the CSRF token to send as ``X-CSRF-Token``."""
    return {
        "name": user.name,
        "role": user.role,
        "department": user.department,
        "csrf_token": csrf_token(request),
    }


@router.get("/regions")
def api_regions(request: Request, user: Login) -> list[dict[str, Any]]:
    with Session(request.app.state.engine) as session:
        return [
            {"name": r.name, "parent": r.parent, "years": r.years, "graded_years": r.graded_years}
            for r in regions(session)
        ]


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/plans/{region}/{year}.csv", response_class=Response)
def api_plan_csv(request: Request, region: Region, year: Year, user: Login) -> Response:
    """The plan's indicators as CSV (UTF-8 with BOM, so Excel and WPS read the Chinese)."""
    with Session(request.app.state.engine) as session:
        body = plan_table_csv(session, region, year, request.app.state.rules)
    return Response(body, media_type="text/csv; charset=utf-8", headers=_attachment(year, "csv"))


@router.get("/plans/{region}/{year}.xlsx", response_class=Response)
def api_plan_xlsx(request: Request, region: Region, year: Year, user: Login) -> Response:
    """The plan's indicators as an XLSX workbook."""
    with Session(request.app.state.engine) as session:
        body = plan_table_xlsx(session, region, year, request.app.state.rules)
    return Response(body, media_type=XLSX_TYPE, headers=_attachment(year, "xlsx"))


def _attachment(year: int, suffix: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="plan-{year}.{suffix}"'}


@router.get("/facts")
def api_facts(
    request: Request,
    user: Login,
    region: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    indicator: Annotated[str | None, Query(max_length=100, description="名称中含有的文字")] = None,
    limit: Annotated[int, Query(ge=1, le=FACT_PAGE)] = FACT_PAGE,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> dict[str, Any]:
    """Every stored figure of the reports' prose, a page at a time (``next`` is the next page)."""
    with Session(request.app.state.engine) as session:
        return facts_page(session, region, year, indicator, limit, offset)


@router.get("/plans/{region}/{year}", response_model=dict[str, Any])
async def api_plan(request: Request, region: Region, year: Year) -> Response:
    """Indicators with targets, actuals and grades; the tally and the summary sentence."""
    body = await run_in_threadpool(_plan_for_login, request, region, year)
    return Response(body, media_type="application/json")


def _plan_for_login(request: Request, region: str, year: int) -> bytes:
    """The login check and the plan in one trip to the thread pool: the API's most asked read."""
    require_user(request)
    with Session(request.app.state.engine) as session:
        return plan_json(session, region, year, request.app.state.rules)


@router.get("/plans/{region}/{year}/projects")
def api_projects(request: Request, region: Region, year: Year, user: Login) -> dict[str, Any]:
    with Session(request.app.state.engine) as session:
        listed = project_list(session, region, year, {})
        rows = [
            {
                "id": p.id,
                "name": p.name,
                "stage": p.stage,
                "area": p.area,
                "source": p.source,
                "lead_unit": p.lead_unit,
                "total_investment": p.total_investment,
                "annual_investment": p.annual_investment,
                "completed_investment": p.completed_investment,
                "completed_total": completed_total(p),
                "version": p.version,
            }
            for p in listed.projects
        ]
    return {"projects": rows, "totals": listed.totals}


@router.get("/plans/{region}/{year}/tasks")
def api_tasks(request: Request, region: Region, year: Year, user: Login) -> dict[str, Any]:
    with Session(request.app.state.engine) as session:
        areas = task_areas(session, region, year)
        reports = latest_progress(session, [t.id for _, tasks in areas for t in tasks])
        return {
            "areas": [
                {
                    "area": area,
                    "tasks": [
                        {
                            "id": t.id,
                            "number": t.number,
                            "title": t.title,
                            "lead_department": t.lead_department,
                            "commitments": t.commitments,
                            "progress": _progress_text(reports.get(t.id), t.extra),
                            "report": _report(reports.get(t.id)),
                            "version": t.version,
                        }
                        for t in tasks
                    ],
                }
                for area, tasks in areas
            ]
        }


def _progress_text(report: TaskProgress | None, extra: dict[str, Any] | None) -> str | None:
    """The latest month's report as the task pages show it; else a note from before
    monthly reports."""
    if report is None:
        earlier = (extra or {}).get("progress")
        return str(earlier) if earlier else None
    return f"{report.period} {report.status}" + (f"：{report.note}" if report.note else "")


def _report(report: TaskProgress | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "month": report.period,
        "status": report.status,
        "note": report.note,
        "version": report.version,
    }


@router.put("/indicators/{indicator_id}/actual", dependencies=[Depends(verify_csrf)])
def api_set_actual(
    request: Request, indicator_id: RowId, edit: ActualEdit, user: Login
) -> dict[str, Any]:
    """Record an actual (planner only); the plan is regraded."""
    result = set_indicator_actual(
        request.app.state.writes, user, indicator_id, edit.text, edit.vintage, edit.read_version
    )
    return {
        "text": result.text,
        "vintage": result.vintage,
        "version": result.version,
        "grade": result.grade,
    }


@router.put("/projects/{project_id}/completed-investment", dependencies=[Depends(verify_csrf)])
def api_set_investment(
    request: Request, project_id: RowId, edit: InvestmentEdit, user: Login
) -> dict[str, Any]:
    """Cumulative completed investment (亿元) up to a month; department users: own projects only."""
    project = set_completed_investment(
        request.app.state.engine, user, project_id, edit.month, edit.amount, edit.read_version
    )
    return {
        "id": project.id,
        "completed_investment": project.completed_investment,
        "version": project.version,
    }


@router.post(
    "/documents",
    dependencies=[Depends(limit_upload), Depends(verify_csrf)],
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                }
            },
            "required": True,
        }
    },
)
async def api_upload(request: Request, user: Login) -> dict[str, Any]:
    """Upload a report (multipart field ``file``) and store it in one transaction (planner)."""
    require_planner(user, "上传报告")
    data, source = await uploaded_file(request)
    # the same checks as the page, in a worker within the limits, before anything is written;
    # the store takes the file as read there
    await preview_apart(request, data, source)
    document = await read_apart_document(request, data, source)
    result = await run_in_threadpool(
        ingest_bytes, request.app.state.engine, data, source, user.name, False, document
    )
    return {
        "source": result.source,
        "status": result.status,
        "region": result.region,
        "years": result.years,
        "message": result.describe(),
    }
