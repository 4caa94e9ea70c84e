"""CSRF protection: a random token per session, sent back with every write.

A form carries it in the hidden field ``csrf_token``, a JSON request in the
``X-CSRF-Token`` header. A request with an API token (``Authorization: Bearer``)
needs none: it is judged by the token alone (:mod:`jihua.web.tokens`). The token lives in the signed session cookie, which
another site can neither read nor forge, so a request it makes the browser
send cannot carry the right token.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator

from fastapi import Request

from jihua.errors import UserError
from jihua.web.tokens import bearer_token

SESSION_KEY = "csrf"
FORM_FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class CsrfRefused(UserError):
    """A write without the session's CSRF token."""


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def rotate_csrf(request: Request) -> str:
    """A fresh token at login, so a token seen before the login is worth nothing after it."""
    token = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = token
    return token


async def verify_csrf(request: Request) -> AsyncIterator[None]:
    """Dependency for every write route; closes the parsed form (and its spooled files) after."""
    try:
        await _check(request)
        yield
    finally:
        await request.close()


async def _check(request: Request) -> None:
    if request.method in SAFE_METHODS or bearer_token(request) is not None:
        return  # a browser never adds an Authorization header: the token alone decides
    expected = request.session.get(SESSION_KEY)
    sent = request.headers.get(HEADER) or await _form_token(request)
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(sent, expected):
        raise CsrfRefused("页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试")


async def _form_token(request: Request) -> str | None:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    value = (await request.form()).get(FORM_FIELD)
    return value if isinstance(value, str) else None
