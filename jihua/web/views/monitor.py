"""调度: a plan at a chosen period — indicators by colour with reasons, projects, tasks.

The page reads :func:`jihua.monitor.monitor` (the same as ``jihua monitor``).
Planners, and departments for the indicators assigned to them, enter a
periodic value here; a lead department (or the one a task is assigned to)
reports its task's progress for the month. Every entry is in the change log.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.monitor import Monitoring, monitor, monitor_dict
from jihua.monitor.rules import load_monitor_rules
from jihua.monitor.tasks import reporting_note
from jihua.store.periodic import KINDS, set_periodic_value
from jihua.store.schema import TASK_STATUSES, VINTAGES, Indicator, PeriodicValue, Task
from jihua.web.assignments import assigned_department
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.editing import TaskReport, report_task_progress
from jihua.web.monitor_charts import progress_chart
from jihua.web.permissions import may_edit_led, require_led
from jihua.web.plans import NotFound, find_plan
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
Login = Annotated[CurrentUser, Depends(require_user)]
Month = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2024-06"])]


def latest_month(session: Session, plan_id: int, year: int) -> int:
    """The latest month with a periodic value, else this month in the current year, else 12."""
    stored = session.scalar(
        select(func.max(PeriodicValue.last_month))
        .join(Indicator, Indicator.id == PeriodicValue.indicator_id)
        .where(Indicator.plan_id == plan_id)
    )
    if stored:
        return int(stored)
    today = date.today()
    return today.month if today.year == year else 12


def monitored_plan(engine: Engine, region: str, year: int, period: str | None) -> Monitoring:
    """The plan at ``period`` (``2024-06``), by default the latest month with figures."""
    with Session(engine) as session:
        plan = find_plan(session, region, year)
        month = latest_month(session, plan.id, year)
    return monitor(engine, region, year, period or f"{year}-{month:02d}")


@api_router.get("/plans/{region}/{year}/monitor")
def api_monitor(
    request: Request,
    region: Annotated[str, Path(min_length=1, max_length=100)],
    year: Annotated[int, Path(ge=1900, le=2200)],
    user: Login,
    period: Month = None,
) -> dict[str, Any]:
    """The plan at a month, as ``jihua monitor --json`` prints it (the contract in README)."""
    return monitor_dict(monitored_plan(request.app.state.engine, region, year, period))


@router.get("/plans/{region}/{year}/monitor")
def monitor_page(
    request: Request, region: str, year: int, user: Login, period: str | None = None
) -> HTMLResponse:
    engine = request.app.state.engine
    result = monitored_plan(engine, region, year, period)
    with Session(engine) as session:
        editable = _editable(session, user, find_plan(session, region, year).id)
    charts = {item.indicator.id: Markup(progress_chart(item)) for item in result.indicators}
    return page(
        request,
        "monitor.html",
        user,
        region=region,
        year=year,
        result=result,
        charts=charts,
        labels=load_monitor_rules().labels,
        months=range(1, 13),
        kinds=KINDS,
        vintages=VINTAGES,
        statuses=TASK_STATUSES,
        editable=editable,
        reporting_note=reporting_note(result.tasks),
    )


def _editable(session: Session, user: CurrentUser, plan_id: int) -> dict[str, set[int]]:
    """Which indicators and tasks this user may report on."""
    if user.role not in ("planner", "department"):
        return {"indicators": set(), "tasks": set()}
    indicators = {
        i
        for i in session.scalars(select(Indicator.id).where(Indicator.plan_id == plan_id))
        if may_edit_led(user, None, assigned_department(session, "indicators", i))
    }
    tasks = {
        t.id
        for t in session.scalars(select(Task).where(Task.plan_id == plan_id))
        if may_edit_led(user, t.lead_department, assigned_department(session, "tasks", t.id))
    }
    return {"indicators": indicators, "tasks": tasks}


@router.post("/plans/{region}/{year}/monitor/values", dependencies=[Depends(verify_csrf)])
def enter_value(
    request: Request,
    region: str,
    year: int,
    user: Login,
    indicator_id: Annotated[int, Form()],
    period: Annotated[str, Form()],
    value: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    vintage: Annotated[str, Form()] = "快报",
    source: Annotated[str, Form()] = "",
) -> Response:
    engine = request.app.state.engine
    with Session(engine) as session:
        indicator = session.get(Indicator, indicator_id)
        if indicator is None or indicator.plan_id != find_plan(session, region, year).id:
            raise NotFound(f"{region}{year}年计划中没有编号为 {indicator_id} 的指标")
        assigned = assigned_department(session, "indicators", indicator_id)
        require_led(user, None, f"指标“{indicator.name}”", assigned)
    try:
        number = float(value.replace(",", "").replace("%", ""))
    except ValueError:
        raise UserError(f"数值应为数字，不是“{value}”") from None
    set_periodic_value(
        engine, indicator_id, period, number, kind, vintage, source.strip() or None, user.name
    )
    month = period.split("..")[-1][-2:] if ".." in period else ""
    shown = f"?period={year}-{month}" if month.isdigit() else ""
    return RedirectResponse(f"/plans/{region}/{year}/monitor{shown}", status_code=303)


@router.post("/plans/{region}/{year}/monitor/tasks/{task_id}", dependencies=[Depends(verify_csrf)])
def report_task(
    request: Request,
    region: str,
    year: int,
    task_id: int,
    user: Login,
    month: Annotated[str, Form()],
    status: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    engine = request.app.state.engine
    with Session(engine) as session:
        plan_id = find_plan(session, region, year).id
    report_task_progress(engine, user, task_id, TaskReport(month, status, note), plan_id)
    return RedirectResponse(f"/plans/{region}/{year}/monitor?period={month}", status_code=303)
