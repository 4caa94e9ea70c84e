"""``jihua serve`` starts one worker per core unless told, and one for a database in memory."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import make_url

import jihua.cli.web as web


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
