"""登录 and 退出.

A login refused by the throttle (:mod:`jihua.web.throttle`) is answered after
:data:`~jihua.web.throttle.REFUSAL_DELAY`, awaited without holding a worker thread:
a client that waits for each answer (a script, a browser) cannot repeat a
refused try faster than that, so a flood of wrong passwords costs the server
little more than the connections.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from jihua.web.auth import authenticate, logged_in
from jihua.web.csrf import rotate_csrf, verify_csrf
from jihua.web.rendering import page
from jihua.web.sessions import SESSION_ID_KEY, end_session, start_session
from jihua.web.throttle import (
    REFUSAL_DELAY,
    TooManyTries,
    check_allowed,
    clear_failures,
    keys,
    record_failure,
)

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
async def login(
    request: Request,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    engine = request.app.state.engine
    login_keys = keys(client_address(request), name)
    try:
        await run_in_threadpool(check_allowed, engine, login_keys)
    except TooManyTries:
        await asyncio.sleep(REFUSAL_DELAY.total_seconds())
        raise
    user = await run_in_threadpool(authenticate, engine, name, password)
    if user is None:
        await run_in_threadpool(record_failure, engine, login_keys)
        return page(request, "login.html", None, status_code=401, next=_local(next), failed=True)
    return await run_in_threadpool(_log_in, request, user.name, next)


def _log_in(request: Request, name: str, next: str) -> Response:
    engine = request.app.state.engine
    clear_failures(engine, name)
    _end_current(request)
    request.session.clear()
    agent = request.headers.get("user-agent", "")
    request.session[SESSION_ID_KEY] = start_session(engine, name, agent)
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
