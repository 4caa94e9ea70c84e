"""登录 and 退出."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jihua.web.auth import SESSION_KEY, authenticate, logged_in
from jihua.web.csrf import verify_csrf
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)


def _local(target: str | None) -> str:
    """Only a path on this site: never send a user elsewhere after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return page(request, "login.html", logged_in(request), next=_local(next), failed=False)


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    user = authenticate(request.app.state.engine, name, password)
    if user is None:
        return page(request, "login.html", None, status_code=401, next=_local(next), failed=True)
    request.session[SESSION_KEY] = user.name
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
