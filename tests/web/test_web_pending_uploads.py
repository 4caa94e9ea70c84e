"""Uploads waiting for review live in the database: any app process (worker) can save them.

Runs on SQLite, and on PostgreSQL when ``JIHUA_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from jihua.store import ingest
from jihua.store.changes import now
from jihua.store.database import create_store_engine, ensure_schema
from jihua.store.dump import export_dict, import_dict
from jihua.store.schema import Document
from jihua.web.auth import add_user
from jihua.web.demo import ingest_example
from jihua.web.models import PendingUpload
from tests.store.conftest import POSTGRES_VARIABLE, fresh_postgres_database
from tests.web.conftest import PASSWORD, empty_store
from tests.web.test_web_pages import other_region_report
from tests.web.test_web_review import field_of, targets_of, upload


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with empty_store(request.param, tmp_path) as engine:
        ingest_example(engine)
        for name in ("planner", "planner2"):
            add_user(engine, name, "planner", PASSWORD)
        yield engine


def _waiting(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(PendingUpload)) or 0)


def test_an_upload_reviewed_in_one_worker_is_saved_through_another(
    engine: Engine, app_for: Any
) -> None:
    first, second = app_for("planner"), app_for("planner")  # two app instances, one database
    review, token = upload(first, "南川区.txt", other_region_report().encode())
    target = field_of(review, "地区生产总值增速 目标")
    saved = second.form(f"/upload/{token}/save", **{target: "6.6"})
    assert saved.status_code == 200 and "审核时修改 1 处" in saved.text
    assert (2023, "6.6") in targets_of(engine, "南川区", "地区生产总值增速")
    assert _waiting(engine) == 0  # saved: no longer waiting


def test_only_the_uploader_may_save_a_waiting_upload(engine: Engine, app_for: Any) -> None:
    _, token = upload(app_for("planner"), "南川区.txt", other_region_report().encode())
    refused = app_for("planner2").form(f"/upload/{token}/save")
    assert refused.status_code == 400 and "已过期或不存在" in refused.text
    assert _waiting(engine) == 1


def test_an_expired_upload_is_refused_and_purged_by_the_next_upload(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "南川区.txt", other_region_report().encode())
    with Session(engine) as session, session.begin():
        session.execute(update(PendingUpload).values(expires_at=now()))
    refused = planner.form(f"/upload/{token}/save")
    assert refused.status_code == 400 and "已过期或不存在" in refused.text
    upload(planner, "南川区.txt", other_region_report().encode())
    assert _waiting(engine) == 1
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1  # the seed


def test_a_discarded_upload_stops_waiting(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "南川区.txt", other_region_report().encode())
    assert planner.form(f"/upload/{token}/discard").status_code == 303
    assert _waiting(engine) == 0


def test_a_waiting_upload_survives_export_and_import_byte_for_byte(
    engine: Engine, app_for: Any, tmp_path: Path
) -> None:
    upload(app_for("planner"), "南川区.txt", other_region_report().encode())
    exported = export_dict(engine)
    urls = _empty_database_like(engine, tmp_path)
    restored = create_store_engine(next(urls))
    try:
        ensure_schema(restored)
        import_dict(restored, json.loads(json.dumps(exported)))
        with Session(restored) as session:
            waiting = session.scalars(select(PendingUpload)).one()
        assert waiting.data == other_region_report().encode()
        assert export_dict(restored) == exported
    finally:
        restored.dispose()
        next(urls, None)


def _empty_database_like(engine: Engine, tmp_path: Path) -> Iterator[str]:
    if engine.dialect.name == "sqlite":
        return iter([f"sqlite:///{tmp_path / 'restored.sqlite'}"])
    return fresh_postgres_database(os.environ[POSTGRES_VARIABLE])


def test_a_saved_upload_is_read_again_in_a_worker_process_not_in_the_server(
    engine: Engine, app_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "南川区.txt", other_region_report().encode())

    def read_here(*_args: object) -> None:
        raise AssertionError("the server process read the upload itself")

    monkeypatch.setattr(ingest, "read_bytes", read_here)
    saved = planner.form(f"/upload/{token}/save")
    assert saved.status_code == 200, saved.text
    assert targets_of(engine, "南川区", "地区生产总值增速")  # stored
