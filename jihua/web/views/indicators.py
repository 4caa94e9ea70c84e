"""The indicator page: target, actual, grade, the sentence it came from, history, comments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.schema import VINTAGES
from jihua.store.vintages import indicator_history
from jihua.web.assignments import assigned_department, department_names
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.editing import add_comment, answer_comment, close_comment, set_indicator_actual
from jihua.web.models import Comment
from jihua.web.permissions import may_edit_led
from jihua.web.plans import indicator_page
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


def comments_on(session: Session, table: str, row_id: int) -> list[Comment]:
    return list(
        session.scalars(
            select(Comment)
            .where(Comment.table_name == table, Comment.row_id == row_id)
            .order_by(Comment.id)
        )
    )


@router.get("/indicators/{indicator_id}")
def indicator(request: Request, indicator_id: int, user: Login) -> HTMLResponse:
    engine = request.app.state.engine
    with Session(engine) as session:
        shown = indicator_page(session, indicator_id, request.app.state.rules)
        comments = comments_on(session, "indicators", indicator_id)
        assigned = assigned_department(session, "indicators", indicator_id)
        departments = department_names(session)
    history = indicator_history(engine, shown.plan.region, shown.plan.year, shown.indicator.name)
    return page(
        request,
        "indicator.html",
        user,
        shown=shown,
        item=shown.indicator,
        history=history,
        comments=comments,
        vintages=VINTAGES,
        anchor=("indicators", indicator_id),
        assigned=assigned,
        departments=departments,
        may_edit=may_edit_led(user, None, assigned),
    )


@router.post("/indicators/{indicator_id}/actual", dependencies=[Depends(verify_csrf)])
def edit_actual(
    request: Request,
    indicator_id: int,
    user: Login,
    text: Annotated[str, Form()],
    vintage: Annotated[str, Form()],
    read_version: Annotated[int | None, Form()] = None,
    read_vintage: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    version = read_version if vintage == read_vintage else None
    set_indicator_actual(request.app.state.writes, user, indicator_id, text, vintage, version)
    return RedirectResponse(
        local_path(back) if back else f"/indicators/{indicator_id}", status_code=303
    )


@router.post("/comments", dependencies=[Depends(verify_csrf)])
def comment(
    request: Request,
    user: Login,
    table: Annotated[str, Form()],
    row_id: Annotated[int, Form()],
    body: Annotated[str, Form()],
    back: Annotated[str, Form()] = "/",
) -> Response:
    add_comment(request.app.state.engine, user, table, row_id, body)
    return RedirectResponse(local_path(back), status_code=303)


@router.post("/comments/{comment_id}/answer", dependencies=[Depends(verify_csrf)])
def answer(
    request: Request,
    comment_id: int,
    user: Login,
    answer: Annotated[str, Form()],
    back: Annotated[str, Form()] = "/",
) -> Response:
    answer_comment(request.app.state.engine, user, comment_id, answer)
    return RedirectResponse(local_path(back), status_code=303)


@router.post("/comments/{comment_id}/close", dependencies=[Depends(verify_csrf)])
def close(
    request: Request, comment_id: int, user: Login, back: Annotated[str, Form()] = "/"
) -> Response:
    close_comment(request.app.state.engine, user, comment_id)
    return RedirectResponse(local_path(back), status_code=303)


def local_path(target: str) -> str:
    """Only a path on this site: a form's ``back`` never sends the user elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
