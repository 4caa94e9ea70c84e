"""下载: the evaluation as DOCX or XLSX, rebuilt from the stored plan by :mod:`jihua.report`."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from jihua.document import Document as TextDocument
from jihua.errors import UserError
from jihua.evaluate import evaluate
from jihua.plan import PlanReport
from jihua.store.grading import _as_table, latest_actuals, plan_indicators
from jihua.store.schema import Target
from jihua.web.auth import CurrentUser, require_user
from jihua.web.plans import find_plan
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def stored_report(session: Session, region: str, year: int) -> PlanReport:
    """The stored plan as the execution table :func:`jihua.evaluate.evaluate` grades."""
    plan = find_plan(session, region, year)
    indicators = plan_indicators(session, plan)
    ids = [row.id for row in indicators]
    targets = {
        t.indicator_id: t
        for t in session.query(Target).filter(Target.indicator_id.in_(ids), Target.period == "year")
    }
    table, _ = _as_table(indicators, targets, latest_actuals(session, ids), year)
    text = TextDocument("", f"{region}{year}", "txt")
    return PlanReport(text, region, None, year, year + 1, plan.approving_session, [table])


@router.get("/plans/{region}/{year}/downloads")
def downloads(request: Request, region: str, year: int, user: Login) -> HTMLResponse:
    return page(request, "downloads.html", user, region=region, year=year, formats=list(MEDIA))


@router.get("/plans/{region}/{year}/report.{format}")
def download(request: Request, region: str, year: int, format: str, user: Login) -> Response:
    if format not in MEDIA:
        raise UserError(f"不支持的下载格式：{format}（可用：{'、'.join(MEDIA)}）")
    from jihua.report import render

    with Session(request.app.state.engine) as session:
        report = stored_report(session, region, year)
    data = render(format, report, evaluate(report, request.app.state.rules))
    name = quote(f"{region}{year}年计划执行情况评价.{format}")
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    return Response(data, media_type=MEDIA[format], headers=headers)
