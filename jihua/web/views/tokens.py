"""接口令牌: a user's own API tokens (an admin sees everyone's): make one, see it once, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.rendering import page
from jihua.web.tokens import create_token, list_tokens, parse_lifetime, revoke_token

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]
LIFETIMES = {"30d": "30 天", "90d": "90 天", "365d": "一年", "never": "永不过期"}


def _listed(request: Request, user: CurrentUser) -> list[object]:
    owner = None if user.role == "admin" else user.name
    return list(list_tokens(request.app.state.engine, owner))


@router.get("/tokens")
def tokens(request: Request, user: Login) -> HTMLResponse:
    listed = _listed(request, user)
    return page(request, "tokens.html", user, listed=listed, lifetimes=LIFETIMES, made=None)


@router.post("/tokens", dependencies=[Depends(verify_csrf)])
def make_token(
    request: Request,
    user: Login,
    name: Annotated[str, Form(max_length=100)],
    expires: Annotated[str, Form(max_length=10)] = "90d",
) -> HTMLResponse:
    secret, _ = create_token(request.app.state.engine, user.name, name, parse_lifetime(expires))
    listed = _listed(request, user)
    return page(request, "tokens.html", user, listed=listed, lifetimes=LIFETIMES, made=secret)


@router.post("/tokens/{token_id}/revoke", dependencies=[Depends(verify_csrf)])
def revoke(request: Request, user: Login, token_id: int) -> Response:
    owner = None if user.role == "admin" else user.name
    revoke_token(request.app.state.engine, token_id, owner)
    return RedirectResponse("/tokens", status_code=303)
