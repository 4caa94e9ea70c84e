"""下载: the evaluation as DOCX or XLSX, as ``jihua report`` writes it for the stored plan.

Both are :func:`jihua.report.stored.render_stored` of the plan: the report's
own tables (execution and next year's plan), its project groups and the audit
findings, with the store's later edits counted.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.report.stored import read_stored_plan, render_stored
from jihua.web.auth import CurrentUser, require_user
from jihua.web.plans import find_plan
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DESCRIPTIONS = {
    "docx": (
        "Word 评价报告",
        "评价结论、执行情况表、下一年度计划表、项目安排和审核发现，可直接编辑成文。",
    ),
    "xlsx": ("Excel 工作簿", "执行情况、计划、项目和审核发现各一张工作表，便于筛选和汇总。"),
}


@router.get("/plans/{region}/{year}/downloads")
def downloads(request: Request, region: str, year: int, user: Login) -> HTMLResponse:
    with Session(request.app.state.engine) as session:
        find_plan(session, region, year)
    files = [(f, *DESCRIPTIONS[f]) for f in MEDIA]
    return page(request, "downloads.html", user, region=region, year=year, files=files)


@router.get("/plans/{region}/{year}/report.{format}")
def download(request: Request, region: str, year: int, format: str, user: Login) -> Response:
    if format not in MEDIA:
        raise UserError(f"不支持的下载格式：{format}（可用：{'、'.join(MEDIA)}）")
    engine = request.app.state.engine
    with Session(engine) as session:
        find_plan(session, region, year)  # an unknown plan is a 404, as on every plan page
    data = render_stored(format, read_stored_plan(engine, region, year), request.app.state.rules)
    name = quote(f"{region}{year}年计划执行情况评价.{format}")
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    return Response(data, media_type=MEDIA[format], headers=headers)
