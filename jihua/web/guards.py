"""What every request passes before a page sees it: body size, ids, security headers.

Plain ASGI middleware, so they hold for every route, the static files and the
API alike, including routes added later.

- :class:`BodyLimit` counts the body while it streams in (chunked or not) and
  stops at the limit, before anything is parsed, spooled or written: an upload
  may be :data:`jihua.web.uploads.MAX_BYTES` (plus a margin for the form's other
  fields), any other request :data:`OTHER_BYTES`.
- :class:`IdGuard` answers 404 for a path id no database integer can hold
  (``/indicators/99999999999999999999``) instead of letting it reach SQLite.
- :class:`SecurityHeaders` adds a strict Content-Security-Policy (the pages
  carry no inline script or style), ``X-Frame-Options``, ``X-Content-Type-Options``
  and ``Referrer-Policy`` to every response.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from jihua.web.uploads import MAX_BYTES, too_large

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATHS = ("/upload", "/api/documents")
UPLOAD_BYTES = MAX_BYTES + 64 * 1024
OTHER_BYTES = 5 * 1024 * 1024
LARGEST_ID = 2**63 - 1
_NUMBER_SEGMENT = re.compile(r"^-?\d{19,}$")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: Swagger UI sets style attributes from its script
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def body_limit(path: str) -> int:
    return UPLOAD_BYTES if path in UPLOAD_PATHS else OTHER_BYTES


class BodyTooLarge(Exception):
    """Raised from ``receive`` when the body passes its limit."""


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["path"])
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(scope, send, int(declared))
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await _refuse(scope, send, None)


async def _refuse(scope: Scope, send: Send, size: int | None) -> None:
    message = too_large(size).message
    if scope["path"].startswith("/api/"):
        body = json.dumps({"detail": message}, ensure_ascii=False).encode("utf-8")
        kind = b"application/json"
    else:
        body = _plain_page("文件过大", message).encode("utf-8")
        kind = b"text/html; charset=utf-8"
    await _respond(send, 413, body, kind, ((b"connection", b"close"),))


class IdGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _has_huge_id(scope["path"]):
            message = "找不到：编号超出范围"
            if scope["path"].startswith("/api/"):
                body = json.dumps({"detail": message}, ensure_ascii=False).encode("utf-8")
                await _respond(send, 404, body, b"application/json")
            else:
                page = _plain_page("找不到", message).encode("utf-8")
                await _respond(send, 404, page, b"text/html; charset=utf-8")
            return
        await self.app(scope, receive, send)


def _has_huge_id(path: str) -> bool:
    return any(
        _NUMBER_SEGMENT.match(part) and abs(int(part)) > LARGEST_ID for part in path.split("/")
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in HEADERS if n not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", policy.encode("ascii")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1")).strip()
    return ""


async def _respond(
    send: Send, status: int, body: bytes, kind: bytes, extra: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _plain_page(title: str, message: str) -> str:
    """A page without the app's templates: these answers come before any route runs."""
    title, message = html.escape(title), html.escape(message)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<title>{title}</title><link rel="stylesheet" href="/static/jihua.css"></head>'
        f'<body><main><h1>{title}</h1><p class="error" role="alert">{message}</p>'
        '<p><a href="/">首页</a></p></main></body></html>'
    )
