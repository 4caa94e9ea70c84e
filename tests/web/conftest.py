"""A fresh SQLite store per test with the bundled example, a user per role, two projects."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.store.database import create_store_engine, ensure_schema
from jihua.store.extraction import store_projects
from jihua.store.figures import Source
from jihua.store.schema import Plan, Project
from jihua.web.app import create_app
from jihua.web.auth import add_user
from jihua.web.demo import ingest_example
from tests.store.conftest import POSTGRES_VARIABLE, fresh_postgres_database

PASSWORD = "correct-horse-9"
ROLES = ("planner", "department", "reviewer", "admin")
OWN_UNIT, OTHER_UNIT = "区经济信息委", "区商务委"
TEST_PROJECTS = [
    {
        "name": "白涛化工园区污水处理厂扩建",
        "stage": "续建",
        "area": "生态环保",
        "source": "政府投资",
        "total_investment": 3.2,
        "annual_investment": 1.1,
        "lead_unit": OWN_UNIT,
    },
    {
        "name": "<script>alert(1)</script>物流园",
        "stage": "新开工",
        "area": "商贸物流",
        "source": "政府投资",
        "total_investment": 5.0,
        "annual_investment": 2.0,
        "lead_unit": OTHER_UNIT,
    },
]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'web.sqlite'}")
    ensure_schema(engine)
    ingest_example(engine)
    for role in ROLES:
        add_user(engine, role, role, PASSWORD, "经济信息委" if role == "department" else None)
    with Session(engine) as session, session.begin():
        plan = session.scalars(select(Plan).order_by(Plan.year.desc())).first()
        assert plan is not None
        store_projects(session, plan, TEST_PROJECTS, Source("test", "test fixture"))
    yield engine
    engine.dispose()


def project_ids(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.execute(select(Project.lead_unit, Project.id)).all()
    return {unit: row_id for unit, row_id in rows if unit in (OWN_UNIT, OTHER_UNIT)}


class Browser:
    """A TestClient that logged in and knows its CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.token = ""

    def login(self, name: str, password: str = PASSWORD) -> Any:
        page = self.client.get("/login")
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        response = self.client.post(
            "/login", data={"name": name, "password": password, "csrf_token": self.token}
        )
        rotated = re.search(r'name="csrf-token" content="([^"]+)"', response.text)
        if rotated:  # the token changes at login
            self.token = rotated.group(1)
        return response

    def form(self, path: str, **data: Any) -> Any:
        return self.client.post(
            path, data={"csrf_token": self.token, **data}, follow_redirects=False
        )

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(path, json=body, headers={"X-CSRF-Token": self.token})


@pytest.fixture
def app_for(engine: Engine) -> Iterator[Any]:
    clients: list[TestClient] = []

    def make(role: str | None = None) -> Browser:
        client = TestClient(create_app(engine, "test-secret"))
        client.__enter__()
        clients.append(client)
        browser = Browser(client)
        if role:
            assert browser.login(role).status_code == 200
        return browser

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@contextmanager
def empty_store(kind: str, folder: Path) -> Iterator[Engine]:
    """A new store with its schema: a SQLite file in ``folder``, or a fresh database on the
    test PostgreSQL (skipped, saying why, where none is set; CI sets one)."""
    if kind == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{folder / 'store.sqlite'}"])
    else:
        server = os.environ.get(POSTGRES_VARIABLE)
        if not server:
            pytest.skip(f"PostgreSQL 未测试：未设置 {POSTGRES_VARIABLE}")
        urls = fresh_postgres_database(server)
    engine = create_store_engine(next(urls))
    ensure_schema(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        next(urls, None)  # drops the PostgreSQL database
