"""地区列表 and the 总览 dashboard of one plan."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from jihua.web.assignments import assigned_rows
from jihua.web.auth import CurrentUser, require_user
from jihua.web.charts import tally_bars
from jihua.web.plans import default_plan, plan_facts, plan_view, regions
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


@router.get("/")
def home(request: Request, user: Login) -> Response:
    with Session(request.app.state.engine) as session:
        chosen = default_plan(session)
    if chosen is None:
        return RedirectResponse("/plans", status_code=303)
    region, year = chosen
    return RedirectResponse(f"/plans/{quote(region)}/{year}", status_code=303)


@router.get("/plans")
def region_list(request: Request, user: Login) -> HTMLResponse:
    with Session(request.app.state.engine) as session:
        listed = regions(session)
    return page(request, "regions.html", user, regions=listed)


@router.get("/plans/{region}/{year}")
def dashboard(request: Request, region: str, year: int, user: Login) -> HTMLResponse:
    with Session(request.app.state.engine) as session:
        view = plan_view(session, region, year, request.app.state.rules)
        facts = [] if view.indicators else plan_facts(session, region, year)
        mine = assigned_rows(session, "indicators", user.department) if user.department else set()
        session.expunge_all()
    chart = tally_bars(view.tally)
    return page(request, "dashboard.html", user, plan=view, chart=chart, facts=facts, mine=mine)
