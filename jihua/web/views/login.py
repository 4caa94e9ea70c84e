"""登录 and 退出."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jihua.web.auth import authenticate, logged_in
from jihua.web.csrf import rotate_csrf, verify_csrf
from jihua.web.rendering import page
from jihua.web.sessions import SESSION_ID_KEY, end_session, start_session
from jihua.web.throttle import check_allowed, clear_failures, keys, record_failure

router = APIRouter(include_in_schema=False)


def _local(target: str | None) -> str:
    """Only a path on this site: never send a user elsewhere after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return page(request, "login.html", logged_in(request), next=_local(next), failed=False)


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    engine = request.app.state.engine
    login_keys = keys(client_address(request), name)
    check_allowed(engine, login_keys)
    user = authenticate(engine, name, password)
    if user is None:
        record_failure(engine, login_keys)
        return page(request, "login.html", None, status_code=401, next=_local(next), failed=True)
    clear_failures(engine, user.name)
    _end_current(request)
    request.session.clear()
    agent = request.headers.get("user-agent", "")
    request.session[SESSION_ID_KEY] = start_session(engine, user.name, agent)
    rotate_csrf(request)
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    _end_current(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _end_current(request: Request) -> None:
    token = request.session.get(SESSION_ID_KEY)
    if isinstance(token, str):
        end_session(request.app.state.engine, token)
