"""用户管理 (admin only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jihua.web.auth import CurrentUser, add_user, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.models import Department, User, WebSession
from jihua.web.permissions import require_admin
from jihua.web.rendering import page
from jihua.web.sessions import end_sessions

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


@router.get("/users")
def users(request: Request, user: Login) -> HTMLResponse:
    require_admin(user)
    with Session(request.app.state.engine) as session:
        live = (
            select(WebSession.user_id, func.count().label("n"))
            .group_by(WebSession.user_id)
            .subquery()
        )
        listed = session.execute(
            select(User.name, User.role, Department.name, func.coalesce(live.c.n, 0))
            .outerjoin(Department, User.department_id == Department.id)
            .outerjoin(live, live.c.user_id == User.id)
            .order_by(User.name)
        ).all()
    return page(request, "users.html", user, listed=listed)


@router.post("/users", dependencies=[Depends(verify_csrf)])
def create_user(
    request: Request,
    user: Login,
    name: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
    department: Annotated[str, Form()] = "",
) -> Response:
    require_admin(user)
    add_user(request.app.state.engine, name, role, password, department or None)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/end-sessions", dependencies=[Depends(verify_csrf)])
def end_user_sessions(request: Request, user: Login, name: str) -> Response:
    """结束该用户的所有登录 (a user who left, a lost laptop)."""
    require_admin(user)
    end_sessions(request.app.state.engine, name)
    return RedirectResponse("/users", status_code=303)
