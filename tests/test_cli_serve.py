"""``jihua serve`` starts one worker per core unless told, and one for a database in memory."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import make_url, select
from sqlalchemy.orm import Session

import jihua.cli.web as web
from jihua.serving import THRESHOLDS
from jihua.store.database import create_store_engine, ensure_schema
from jihua.store.schema import Actual
from jihua.web.demo import demo_users, ingest_example
from jihua.web.tokens import create_token
from tests.web.server import free_port, wait_for


@pytest.fixture
def cores(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    def set_cores(count: int) -> None:
        monkeypatch.setattr(
            web.os, "sched_getaffinity", lambda _pid: set(range(count)), raising=False
        )

    return set_cores


@pytest.mark.parametrize(
    ("count", "workers"), [(1, 1), (2, 2), (6, 6), (32, web.MAX_DEFAULT_WORKERS)]
)
def test_a_file_or_server_database_gets_one_worker_per_core(
    cores: Callable[[int], None], count: int, workers: int
) -> None:
    cores(count)
    assert web.default_workers(make_url("sqlite:///jihua.sqlite")) == workers
    assert web.default_workers(make_url("postgresql+psycopg://u@db/jihua")) == workers


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_a_database_in_memory_gets_one_worker(cores: Callable[[int], None], url: str) -> None:
    cores(4)
    assert web.default_workers(make_url(url)) == 1


def test_served_writes_go_through_one_write_process_that_ends_with_the_server(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'served.sqlite'}"
    engine = create_store_engine(url)
    ensure_schema(engine)
    ingest_example(engine)
    demo_users(engine)
    token, _ = create_token(engine, "planner", "测试")
    port = free_port()
    command = [sys.executable, "-c", "from jihua.cli import main; main()", "serve", "--demo"]
    server = subprocess.Popen(
        [*command, "--db", url, "--port", str(port), "--workers", "2"], stdout=subprocess.DEVNULL
    )
    try:
        wait_for(port)
        children = _children(server.pid)
        spawned = [line for line in children.values() if "spawn_main" in line]
        assert len(spawned) == 3, children  # two web workers and the write process
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        indicator = _first_indicator(port, headers)
        for value in ("6.1", "6.2"):
            status, body = _put(port, f"/api/indicators/{indicator}/actual", value, headers)
            assert status == 200, body
    finally:
        server.terminate()
        server.wait(timeout=30)
    with Session(engine) as session:
        stored = session.scalars(select(Actual.text).where(Actual.indicator_id == indicator))
        assert "6.2" in list(stored)
    engine.dispose()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)]


def _children(parent: int) -> dict[int, str]:
    """The processes ``parent`` started (from /proc: pid → command line)."""
    found: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                found[int(stat.parent.name)] = (stat.parent / "cmdline").read_text()
        except (OSError, IndexError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _first_indicator(port: int, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/api/plans/{quote('涪陵区')}/2023", headers=headers)
    plan = json.loads(connection.getresponse().read())
    connection.close()
    return int(plan["indicators"][0]["id"])


def _put(port: int, path: str, text: str, headers: dict[str, str]) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("PUT", path, body=json.dumps({"text": text}), headers=headers)
    response = connection.getresponse()
    answer = response.status, response.read().decode()
    connection.close()
    return answer


def test_a_web_worker_moves_its_start_up_out_of_the_collectors_way(tmp_path: Path) -> None:
    probe = (
        "import gc\n"
        "from jihua.web.app import app_from_environment\n"
        "before = gc.get_threshold()\n"
        "app_from_environment()\n"
        "print(before, gc.get_threshold(), gc.get_freeze_count() > 10_000)\n"
    )
    environment = {**os.environ, "JIHUA_DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite'}"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.split("\n")[0] == f"(700, 10, 10) {THRESHOLDS} True"
