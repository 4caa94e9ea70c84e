"""上传通报: upload a statistics bulletin, see its periodic figures, answer for unmatched
indicators, save.

The review page lists each figure with its period and sentence, and the indicator of the
region's plan it matches; for an indicator that matches none it asks the planner to map
it to an existing indicator, create it, or drop it. 确认入库 stores the bulletin with
those answers in one transaction (:mod:`jihua.web.bulletin_review`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jihua.errors import UserError
from jihua.store.bulletins import bulletin_matching, ingest_bulletin_bytes
from jihua.store.periodic import KINDS
from jihua.store.schema import VINTAGES, Plan, Region
from jihua.web.auth import CurrentUser, require_user
from jihua.web.bulletin_review import (
    BulletinPreview,
    answers_from,
    bulletin_preview,
    field_id,
    given_year,
    pending_bulletin,
)
from jihua.web.csrf import verify_csrf
from jihua.web.pending import forget_pending, keep_pending
from jihua.web.permissions import require_planner
from jihua.web.rendering import page
from jihua.web.views.upload import limit_upload, uploaded_file

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]
#: a review form holds one answer per unmatched indicator
ANSWER_FIELDS = 2_000
RegionQuery = Annotated[str, Query(max_length=50)]
YearQuery = Annotated[str, Query(max_length=4)]


@router.get("/bulletins/upload")
def bulletin_form(request: Request, user: Login) -> HTMLResponse:
    require_planner(user, "上传通报")
    return page(request, "bulletin_upload.html", user)


@router.post("/bulletins/upload", dependencies=[Depends(limit_upload), Depends(verify_csrf)])
async def upload_bulletin(request: Request, user: Login) -> HTMLResponse:
    require_planner(user, "上传通报")
    data, source = await uploaded_file(request, "通报")
    engine = request.app.state.engine
    shown = await run_in_threadpool(bulletin_preview, data, source, engine)
    token = await run_in_threadpool(keep_pending, engine, data, source, user.name, shown)
    return await run_in_threadpool(_review, request, user, token, shown, shown.region or "", None)


@router.get("/bulletins/{token}")
def review_bulletin(
    request: Request, token: str, user: Login, region: RegionQuery = "", year: YearQuery = ""
) -> HTMLResponse:
    """The review again, the figures matched against another region's plans (or year's)."""
    require_planner(user, "审核通报")
    item = pending_bulletin(request.app.state.engine, token, user.name)
    region = region.strip() or item.shown.region or ""
    return _review(request, user, token, item.shown, region, given_year(year))


def _review(
    request: Request,
    user: CurrentUser,
    token: str,
    shown: BulletinPreview,
    region: str,
    year: int | None,
) -> HTMLResponse:
    engine = request.app.state.engine
    figures = shown.bulletin_figures(year)
    matching = bulletin_matching(engine, figures, region) if region else None
    return page(
        request,
        "bulletin_review.html",
        user,
        shown=shown,
        token=token,
        region=region,
        year=year,
        years_of=[f.year for f in figures],
        matching=matching,
        questions_of=[f.question for f in figures],
        regions=_regions(engine),
        vintages=VINTAGES,
        periodic_kinds=KINDS,
        field_id=field_id,
    )


@router.post("/bulletins/{token}/save", dependencies=[Depends(verify_csrf)])
async def save_bulletin(request: Request, token: str, user: Login) -> Response:
    require_planner(user, "保存上传的通报")
    engine = request.app.state.engine
    item = await run_in_threadpool(pending_bulletin, engine, token, user.name)
    form = await request.form(max_files=0, max_fields=ANSWER_FIELDS)
    fields = {name: value for name, value in form.items() if isinstance(value, str)}
    region = fields.get("region", "").strip()
    if not region or len(region) > 50:
        raise UserError("地区名称不能为空，且不超过 50 字（如“涪陵区”）")
    vintage = fields.get("vintage") or "快报"
    year = given_year(fields.get("year"))
    figures = item.shown.bulletin_figures(year)
    matching = await run_in_threadpool(bulletin_matching, engine, figures, region)
    answers = answers_from(fields, matching.questions)
    result = await run_in_threadpool(
        lambda: ingest_bulletin_bytes(
            engine,
            item.data,
            item.source,
            region,
            vintage,
            user.name,
            answers=answers,
            year=year,
        )
    )
    await run_in_threadpool(forget_pending, engine, token, user.name)
    years = sorted({f.year for f in figures if f.year is not None})
    plans = await run_in_threadpool(_stored_years, engine, region, years)
    return page(request, "bulletin_saved.html", user, result=result, years=plans)


@router.post("/bulletins/{token}/discard", dependencies=[Depends(verify_csrf)])
def discard_bulletin(
    request: Request, token: str, user: Login, back: Annotated[str, Form()] = ""
) -> Response:
    forget_pending(request.app.state.engine, token, user.name)
    return RedirectResponse("/bulletins/upload", status_code=303)


def _regions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Region.name).distinct().order_by(Region.name)))


def _stored_years(engine: Engine, region: str, years: list[int]) -> list[int]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(Plan.year)
                .join(Region, Plan.region_id == Region.id)
                .where(Region.name == region, Plan.year.in_(years))
                .order_by(Plan.year)
            )
        )
