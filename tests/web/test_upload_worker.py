"""Uploads are read in a worker process within time and memory limits, never in the event loop."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.limits import Limits, OverBudget
from jihua.store.schema import Document
from jihua.web.app import create_app
from jihua.web.parsing import ParseLimits, read_apart
from jihua.web.tokens import create_token
from jihua.web.uploads import preview
from tests.web.server import running
from tests.web.workloads import hoard, stall

SEED = Path(__file__).resolve().parents[2] / "jihua" / "data" / "fuling-2023-plan-report.txt"
#: stops well before the test's own patience, whatever the machine
QUICK = ParseLimits(Limits(seconds=1.0))


def one_long_line(megabytes: int) -> bytes:
    """The seed's prose on one line, repeated: a paragraph no report has."""
    prose = SEED.read_text(encoding="utf-8").replace("\n", "").replace("\t", " ")
    return (prose * (megabytes * 1024 * 1024 // len(prose.encode()) + 1)).encode()


def _documents(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Document)) or 0


def test_a_report_read_in_a_worker_is_the_one_read_in_the_server() -> None:
    data = SEED.read_bytes()
    apart = read_apart(preview, (data, "涪陵区.txt"), "涪陵区.txt", ParseLimits())
    assert apart == preview(data, "涪陵区.txt")
    assert len(apart.tables) == 2 and apart.facts


def test_a_worker_that_passes_its_memory_limit_is_stopped_with_one_line() -> None:
    with pytest.raises(OverBudget, match=r"^大.txt 文件解析所需内存超过 50 MB，已停止$"):
        read_apart(hoard, (400,), "大.txt", ParseLimits(memory_mb=50))


def test_a_worker_stuck_where_no_timer_reaches_is_killed() -> None:
    with pytest.raises(OverBudget, match=r"^卡住.txt 文件解析超过 0.5 秒，已停止$"):
        read_apart(stall, (60.0,), "卡住.txt", ParseLimits(Limits(seconds=0.5)))


def test_a_worker_keeps_the_readers_own_message() -> None:
    with pytest.raises(UserError, match=r"^二进制\.txt 不是文本文件"):
        read_apart(preview, (b"\x00\x01" * 100, "二进制.txt"), "二进制.txt", ParseLimits())


def test_a_bomb_upload_gets_the_limit_in_chinese_and_stores_nothing(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    planner.client.app.state.parse_limits = QUICK
    before = _documents(engine)
    started = time.monotonic()
    response = planner.client.post(
        "/api/documents",
        files={"file": ("一行.txt", one_long_line(10), "text/plain")},
        headers={"X-CSRF-Token": planner.token},
    )
    assert time.monotonic() - started < 60  # the limit (1 s + 2 s grace) ended it, not a hang
    assert response.status_code == 422
    assert response.json()["detail"] in (
        "一行.txt 读取超过 1 秒，已停止",
        "一行.txt 文件解析超过 1 秒，已停止",
    )
    assert _documents(engine) == before


def test_the_upload_page_shows_the_limit_as_a_page(app_for: Any) -> None:
    planner = app_for("planner")
    planner.client.app.state.parse_limits = QUICK
    response = planner.client.post(
        "/upload",
        data={"csrf_token": planner.token},
        files={"file": ("一行.txt", one_long_line(10), "text/plain")},
    )
    assert response.status_code == 422
    assert "一行.txt 读取超过 1 秒，已停止" in response.text or "文件解析超过 1 秒" in response.text


def test_an_upload_through_the_api_is_stored_as_before(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    other = SEED.read_text(encoding="utf-8").replace("涪陵区", "南川区").encode()
    response = planner.client.post(
        "/api/documents",
        files={"file": ("南川区.txt", other, "text/plain")},
        headers={"X-CSRF-Token": planner.token},
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "added" and response.json()["region"] == "南川区"


def test_static_files_are_served_while_an_upload_is_parsed(engine: Engine) -> None:
    app = create_app(engine, "test-secret")
    app.state.parse_limits = ParseLimits(Limits(seconds=3.0))
    token, _ = create_token(engine, "planner", "上传")
    finished: list[str] = []
    answers: dict[str, httpx.Response] = {}

    with running(app) as base:

        def upload() -> None:
            answers["upload"] = httpx.post(
                f"{base}/api/documents",
                files={"file": ("一行.txt", one_long_line(10), "text/plain")},
                headers={"Authorization": f"Bearer {token}"},
                timeout=120,
            )
            finished.append("upload")

        uploading = threading.Thread(target=upload)
        uploading.start()
        waited = time.monotonic()
        while not multiprocessing.active_children() and uploading.is_alive():
            assert time.monotonic() - waited < 60, "the upload never reached its worker"
            time.sleep(0.01)
        answers["css"] = httpx.get(f"{base}/static/jihua.css", timeout=120)
        finished.append("css")
        uploading.join(timeout=120)

    assert finished == ["css", "upload"]
    assert answers["css"].status_code == 200
    assert answers["upload"].status_code == 422


_IMPORTED_READING = """
import importlib, sys
from jihua.web.parsing import PRELOAD
for name in PRELOAD:
    importlib.import_module(name)
before = set(sys.modules)
from jihua.document import read_document
read_document(sys.argv[1])
print(" ".join(sorted({m.split(".")[0] for m in set(sys.modules) - before})))
"""


def test_the_preloaded_modules_read_a_workbook_without_importing_its_reader(
    tmp_path: Path,
) -> None:
    """Each upload's child forks from a server that imported what the readers use."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["指标名称", "2024年目标"])
    book.active.append(["地区生产总值增长", "6%左右"])
    book.save(tmp_path / "附表.xlsx")
    imported = subprocess.run(
        [sys.executable, "-c", _IMPORTED_READING, str(tmp_path / "附表.xlsx")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.split()
    assert "openpyxl" not in imported
