"""我的填报 (a department's items and what is due) and 待回复意见 (a planner's open comments)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from jihua.store.schema import TASK_STATUSES, VINTAGES
from jihua.web.auth import CurrentUser, require_user
from jihua.web.rendering import page
from jihua.web.worklist import my_items, open_comments

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


@router.get("/my")
def my_page(request: Request, user: Login) -> HTMLResponse:
    items = my_items(request.app.state.engine, user)
    due = sum(1 for item in items if item.due)
    return page(
        request, "my.html", user, items=items, due=due, vintages=VINTAGES, statuses=TASK_STATUSES
    )


@router.get("/comments")
def comments_page(request: Request, user: Login) -> HTMLResponse:
    return page(request, "comments.html", user, open=open_comments(request.app.state.engine))
