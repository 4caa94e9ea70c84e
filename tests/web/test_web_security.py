"""Sessions that end, limits that hold while a body streams, one Chinese shape for every error."""

from __future__ import annotations

import re
import select
import socket
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from jihua.store.changes import now
from jihua.web.app import create_app
from jihua.web.auth import set_password
from jihua.web.guards import UPLOAD_BYTES
from jihua.web.models import LoginFailure, WebSession
from jihua.web.sessions import end_sessions
from tests.web.server import running

CJK = re.compile(r"[\u4e00-\u9fff]")


def cookie_of(browser: Any) -> str:
    return str(browser.client.cookies.get("jihua_session"))


def logged_in(client: TestClient) -> bool:
    response = client.get("/plans", follow_redirects=False)
    assert response.status_code in (200, 303)
    return response.status_code == 200


def replay(engine: Engine, cookie: str) -> TestClient:
    """A fresh client holding only an old copy of the cookie."""
    client = TestClient(create_app(engine, "test-secret"))
    client.cookies.set("jihua_session", cookie)
    return client


def test_logout_ends_the_session_so_a_copied_cookie_no_longer_reads_or_writes(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    stolen, token = cookie_of(planner), planner.token
    assert logged_in(replay(engine, stolen))
    assert planner.form("/logout").status_code == 303
    thief = replay(engine, stolen)
    assert not logged_in(thief)
    refused = thief.put(
        "/api/indicators/1/actual", json={"text": "8"}, headers={"X-CSRF-Token": token}
    )
    assert refused.status_code in (401, 403)
    assert CJK.search(refused.json()["detail"])


def test_an_admin_ends_every_session_of_a_user(engine: Engine, app_for: Any) -> None:
    laptop, phone = app_for("department"), app_for("department")
    admin = app_for("admin")
    assert "结束登录" in admin.client.get("/users").text
    assert admin.form("/users/department/end-sessions").status_code == 303
    for device in (laptop, phone):
        assert not logged_in(device.client)
    assert end_sessions(engine, "department") == 0


def test_a_new_password_ends_the_users_sessions(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    assert set_password(engine, "planner", "another-horse-7") == 1
    assert not logged_in(planner.client)
    assert app_for().login("planner", "another-horse-7").status_code == 200


def test_an_idle_session_ends(engine: Engine, app_for: Any) -> None:
    reviewer = app_for("reviewer")
    with Session(engine) as session, session.begin():
        session.execute(update(WebSession).values(last_seen=now() - timedelta(hours=3)))
    assert not logged_in(reviewer.client)


def test_an_old_session_ends_even_when_used(engine: Engine, app_for: Any) -> None:
    reviewer = app_for("reviewer")
    with Session(engine) as session, session.begin():
        session.execute(update(WebSession).values(created_at=now() - timedelta(hours=9)))
    assert not logged_in(reviewer.client)


def test_the_csrf_token_changes_at_login(app_for: Any) -> None:
    browser = app_for()
    browser.login("planner")
    first = browser.client.get("/login").text
    before = re.search(r'name="csrf-token" content="([^"]+)"', first).group(1)  # type: ignore[union-attr]
    assert browser.form("/logout").status_code == 303
    browser.login("planner")
    assert browser.token != before
    stale = browser.client.post("/logout", data={"csrf_token": before}, follow_redirects=False)
    assert stale.status_code == 403


def test_wrong_passwords_throttle_the_account_then_the_wait_passes(
    engine: Engine, app_for: Any
) -> None:
    browser = app_for()
    for _ in range(5):
        assert browser.login("planner", "wrong-password").status_code == 401
    throttled = browser.login("planner")
    assert throttled.status_code == 429
    assert "登录失败次数过多" in throttled.text
    assert int(throttled.headers["retry-after"]) > 0
    with Session(engine) as session, session.begin():
        session.execute(update(LoginFailure).values(at=now() - timedelta(minutes=5)))
    assert browser.login("planner").status_code == 200


def test_the_throttle_counts_by_address_across_accounts(app_for: Any) -> None:
    browser = app_for()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        browser.login(name, "wrong-password")
    assert browser.login("reviewer").status_code == 429


def test_security_headers_on_pages_static_files_api_and_errors(app_for: Any) -> None:
    planner = app_for("planner")
    for path in ("/", "/login", "/static/jihua.css", "/api/plans", "/no-such-page", "/docs"):
        headers = planner.client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    assert "'unsafe-inline'" not in planner.client.get("/").headers["content-security-policy"]


def test_api_docs_are_served_from_the_package(app_for: Any) -> None:
    client = app_for().client
    page = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(asset.startswith("/") and not asset.startswith("//") for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "<script>" not in page  # no inline script


def test_unknown_pages_methods_and_fields_answer_in_chinese(app_for: Any) -> None:
    planner = app_for("planner")
    missing = planner.client.get("/no-such-page")
    assert missing.status_code == 404 and "找不到页面" in missing.text
    api_missing = planner.client.get("/api/no-such-thing")
    assert api_missing.json() == {"detail": "找不到页面：/api/no-such-thing"}
    wrong_method = planner.client.delete("/login")
    assert wrong_method.status_code == 405 and "不支持 DELETE 请求" in wrong_method.text
    bad_field = planner.put("/api/indicators/1/actual", {"value": "8"})
    assert bad_field.status_code == 422
    assert "text" in bad_field.json()["detail"] and "缺少此项" in bad_field.json()["detail"]


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every route of the app, those of included routers too: a new route cannot be missed."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from api_routes(route.original_router.routes)


def _requests_for(route: APIRoute) -> list[tuple[str, str]]:
    """Each method of a route with its path ids huge, negative and not numbers."""
    paths = []
    for bad in ("99999999999999999999", "-1", "abc", "-99999999999999999999"):
        path = re.sub(r"\{[^}]+\}", bad, route.path).replace(".{format}", ".docx")
        paths += [(method, path) for method in sorted(route.methods)]
    return paths


def test_every_route_with_bad_ids_or_bodies_answers_in_chinese_never_500(
    engine: Engine, app_for: Any
) -> None:
    admin = app_for("admin")
    routes = list(api_routes(admin.client.app.routes))
    assert len(routes) > 30
    client = TestClient(create_app(engine, "test-secret"), raise_server_exceptions=False)
    client.cookies.set("jihua_session", cookie_of(admin))
    headers = {"X-CSRF-Token": admin.token}
    tried = 0
    for route in routes:
        for method, path in _requests_for(route):
            for body in (
                {"content": b"{not json", "headers": {"content-type": "application/json"}},
                {"json": {}},
            ):
                response = client.request(
                    method, path, headers={**headers, **body.pop("headers", {})}, **body
                )
                tried += 1
                assert response.status_code != 500, (method, path, response.text[:200])
                if response.status_code >= 400:
                    assert CJK.search(response.text), (method, path, response.text[:200])
                    assert "Internal Server Error" not in response.text
    assert tried > 200


def _chunked_upload(base: str, path: str, cookie: str | None, megabytes: int) -> tuple[int, str]:
    """Send a chunked multipart body of ``megabytes`` MB; how many bytes went out before the answer."""
    host, port = base.removeprefix("http://").split(":")
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        + (f"Cookie: jihua_session={cookie}\r\n" if cookie else "")
        + "\r\n"
    )
    part = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
    chunk = b"a" * (1024 * 1024)
    sent, answer = 0, b""
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(head.encode() + b"%x\r\n" % len(part) + part + b"\r\n")
        try:
            for _ in range(megabytes):
                if select.select([sock], [], [], 0)[0]:
                    break
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while b"\r\n\r\n" not in answer and (more := sock.recv(65536)):
                answer += more
        except (TimeoutError, ConnectionResetError):
            pass
    return sent, answer.decode("utf-8", errors="replace")


class BytesRead:
    """The app, counting the body bytes it takes from the server."""

    def __init__(self, app: Any) -> None:
        self.app, self.read = app, 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def counted() -> Any:
            message = await receive()
            self.read += len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


@pytest.mark.parametrize("who", [None, "planner"])
def test_a_chunked_upload_is_refused_before_51_mb_are_read(
    engine: Engine, app_for: Any, who: str | None
) -> None:
    cookie = cookie_of(app_for(who)) if who else None
    app = BytesRead(create_app(engine, "test-secret"))
    with running(app) as base:  # type: ignore[arg-type]
        _, answer = _chunked_upload(base, "/upload", cookie, 60)
    assert app.read <= 51 * 1024 * 1024
    status = int(answer.split()[1])
    if who:
        assert status == 413
        assert app.read >= UPLOAD_BYTES - 1024 * 1024  # the limit stopped it, nothing smaller
    else:
        assert status in (303, 401, 403, 413)


def test_a_declared_oversized_body_is_refused_without_reading_it(app_for: Any) -> None:
    planner = app_for("planner")
    response = planner.client.post(
        "/api/documents",
        content=b"x" * 10,
        headers={"content-length": str(200 * 1024 * 1024), "X-CSRF-Token": planner.token},
    )
    assert response.status_code == 413
    assert "文件过大" in response.json()["detail"]


def test_templates_carry_no_inline_script_or_style_the_policy_would_block() -> None:
    templates = Path(__file__).resolve().parents[2] / "jihua" / "web" / "templates"
    inline = re.compile(r"""<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|javascript:""")
    for template in templates.glob("*.html"):
        found = inline.search(template.read_text(encoding="utf-8"))
        assert found is None, f"{template.name}: {found.group(0) if found else ''}"


def test_a_write_that_waits_too_long_on_the_database_is_busy_not_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jihua.store.database import create_store_engine, ensure_schema
    from jihua.web.auth import add_user
    from jihua.web.demo import ingest_example

    monkeypatch.setenv("JIHUA_BUSY_TIMEOUT_MS", "200")
    path = tmp_path / "busy.sqlite"
    engine = create_store_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    ingest_example(engine)
    add_user(engine, "planner", "planner", "correct-horse-9")
    client = TestClient(create_app(engine, "test-secret"), raise_server_exceptions=False)
    page = client.get("/login")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    client.post(
        "/login", data={"name": "planner", "password": "correct-horse-9", "csrf_token": token}
    )
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
    indicator = client.get("/api/plans/涪陵区/2023").json()["indicators"][0]["id"]
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        response = client.put(
            f"/api/indicators/{indicator}/actual",
            json={"text": "7.7"},
            headers={"X-CSRF-Token": token},
        )
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert response.status_code == 503
    assert response.json()["detail"] == "系统繁忙，请稍后重试"
    assert response.headers["retry-after"] == "5"
