"""指派: a planner gives an indicator, project or task to a department (a form on its page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from jihua.web.assignments import assign
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.views.indicators import local_path

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


@router.post("/assignments", dependencies=[Depends(verify_csrf)])
def assign_item(
    request: Request,
    user: Login,
    table: Annotated[str, Form()],
    row_id: Annotated[int, Form()],
    department: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/",
) -> Response:
    assign(request.app.state.engine, user, table, row_id, department)
    return RedirectResponse(local_path(back), status_code=303)
