"""The login check of every request, on SQLite and on PostgreSQL (timezone-aware times
compared in the database): an expired, revoked, idle or ended login is refused at once.

Runs on PostgreSQL when ``JIHUA_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from jihua.store.changes import as_utc, now
from jihua.web.app import create_app
from jihua.web.auth import add_user
from jihua.web.models import ApiToken, WebSession
from jihua.web.sessions import Timeouts, end_session, session_user, start_session
from jihua.web.tokens import create_token, revoke_token, token_user
from tests.web.conftest import PASSWORD, empty_store

PLAN = "/api/plans/无此区/2023"  # a 404 to a login, a 401 to anyone else


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with empty_store(request.param, tmp_path) as engine:
        add_user(engine, "规划科", "planner", PASSWORD)
        yield engine


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_reads_until_it_expires_or_is_revoked(engine: Engine) -> None:
    client = TestClient(create_app(engine, "test-secret"))
    kept, _ = create_token(engine, "规划科", "保留")
    expiring, _ = create_token(engine, "规划科", "将过期", timedelta(hours=1))
    revoked, info = create_token(engine, "规划科", "将撤销")
    for token in (kept, expiring, revoked):
        assert client.get(PLAN, headers=_bearer(token)).status_code == 404
    with Session(engine) as session, session.begin():
        session.execute(
            update(ApiToken)
            .where(ApiToken.name == "将过期")
            .values(expires_at=now() - timedelta(seconds=1))
        )
    revoke_token(engine, info.id)
    for token in (expiring, revoked):
        refused = client.get(PLAN, headers=_bearer(token))
        assert refused.status_code == 401 and "已过期或已撤销" in refused.json()["detail"]
    assert client.get(PLAN, headers=_bearer(kept)).status_code == 404


def test_a_token_in_use_is_noted_when_used(engine: Engine) -> None:
    token, _ = create_token(engine, "规划科", "脚本")
    with engine.connect() as connection:
        who = token_user(connection, token)
    assert who is not None and (who.name, who.role) == ("规划科", "planner")
    with Session(engine) as session:
        used = session.scalar(select(ApiToken.last_used))
    assert used is not None and now() - as_utc(used) < timedelta(minutes=1)


def test_a_session_idle_or_too_old_is_ended_and_its_row_deleted(engine: Engine) -> None:
    timeouts = Timeouts()
    idle, old, live = (start_session(engine, "规划科") for _ in range(3))
    with Session(engine) as session, session.begin():
        rows = list(session.scalars(select(WebSession).order_by(WebSession.id)))
        rows[0].last_seen = now() - timedelta(hours=3)
        rows[1].created_at = now() - timedelta(hours=9)
        rows[2].last_seen = now() - timedelta(minutes=5)
    with engine.connect() as connection:
        assert session_user(connection, idle, timeouts) is None
        assert session_user(connection, old, timeouts) is None
        assert session_user(connection, live, timeouts) is not None
    with Session(engine) as session:
        left = session.scalars(select(WebSession)).all()
    assert len(left) == 1 and now() - as_utc(left[0].last_seen) < timedelta(minutes=1)


def test_a_logged_out_or_expired_session_no_longer_reads_the_api(
    engine: Engine, app_for: Any
) -> None:
    for ending in ("logout", "expiry"):
        planner = app_for()
        assert planner.login("规划科").status_code == 200
        cookie = planner.client.cookies.get("jihua_session")
        assert cookie is not None and planner.client.get(PLAN).status_code == 404
        if ending == "logout":
            assert planner.form("/logout").status_code == 303
        else:
            with Session(engine) as session, session.begin():
                session.execute(update(WebSession).values(created_at=now() - timedelta(hours=9)))
        copied = app_for()
        copied.client.cookies.set("jihua_session", cookie)
        for path in (PLAN, "/api/regions"):
            refused = copied.client.get(path)
            assert refused.status_code == 401 and "请先登录" in refused.json()["detail"]


def test_an_ended_session_is_refused(engine: Engine) -> None:
    token = start_session(engine, "规划科")
    end_session(engine, token)
    with engine.connect() as connection:
        assert session_user(connection, token, Timeouts()) is None
