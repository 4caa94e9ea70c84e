"""The write process: a SQLite file's web writes done one after another in one process."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import EditConflict
from jihua.store.database import create_store_engine, ensure_schema
from jihua.store.schema import Actual, Change, Indicator, Plan
from jihua.store.vintages import ActualEntry, Regraded, set_actual_of, set_actuals_of
from jihua.store.write_server import (
    ADDRESS_VARIABLE,
    KEY_VARIABLE,
    Writes,
    WritesUnavailable,
    done_together,
    write_server,
)
from jihua.web.demo import ingest_example


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    url = f"sqlite:///{tmp_path / 'writes.sqlite'}"
    engine = create_store_engine(url)
    ensure_schema(engine)
    ingest_example(engine)
    yield url, engine
    engine.dispose()


def indicator_ids(engine: Engine, count: int) -> list[int]:
    with Session(engine) as session:
        query = (
            select(Indicator.id)
            .join(Plan, Indicator.plan_id == Plan.id)
            .where(Plan.year == 2023, Indicator.parent_id.is_(None))
            .order_by(Indicator.position)
        )
        return list(session.scalars(query).all())[:count]


def stored_text(engine: Engine, indicator_id: int) -> list[str]:
    with Session(engine) as session:
        query = select(Actual.text).where(
            Actual.indicator_id == indicator_id, Actual.vintage == "快报"
        )
        return list(session.scalars(query).all())


def process_id(_engine: Engine) -> int:
    return os.getpid()


def slow(_engine: Engine, seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


def tagged(_engine: Engine, n: int) -> tuple[str, int, int]:
    return ("alone", 1, n)


def tagged_together(_engine: Engine, calls: list[Any]) -> list[tuple[str, int, int]]:
    return [("together", len(calls), args[0]) for args, _ in calls]


done_together(tagged, tagged_together)


def test_without_a_write_process_the_write_runs_in_place(store: tuple[str, Engine]) -> None:
    _, engine = store
    writes = Writes.from_environment(engine)
    assert writes.address is None
    first = indicator_ids(engine, 1)[0]
    result = writes(set_actual_of, first, "6.2", "快报", "测试", "planner")
    assert result.text == "6.2" and stored_text(engine, first) == ["6.2"]


def test_the_write_process_stores_and_answers_each_caller(store: tuple[str, Engine]) -> None:
    url, engine = store
    ids = indicator_ids(engine, 8)
    answers: dict[int, str] = {}
    with write_server(url) as variables:
        writes = Writes(engine, variables[ADDRESS_VARIABLE], bytes.fromhex(variables[KEY_VARIABLE]))

        def write(indicator_id: int) -> None:
            value = f"{indicator_id % 10}.5"
            result = writes(set_actual_of, indicator_id, value, "快报", "测试", "planner")
            answers[indicator_id] = result.text

        assert writes(process_id) != os.getpid()  # done over there, not here
        threads = [threading.Thread(target=write, args=(i,)) for i in ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert answers == {i: f"{i % 10}.5" for i in ids}
    assert all(stored_text(engine, i) == [f"{i % 10}.5"] for i in ids)


def test_a_refused_write_comes_back_as_the_same_error(store: tuple[str, Engine]) -> None:
    url, engine = store
    first = indicator_ids(engine, 1)[0]
    with write_server(url) as variables:
        writes = Writes(engine, variables[ADDRESS_VARIABLE], bytes.fromhex(variables[KEY_VARIABLE]))
        with pytest.raises(UserError, match="没有编号为 999999 的指标"):
            writes(set_actual_of, 999_999, "6.2", "快报", "测试", "planner")
        stored = writes(set_actual_of, first, "6.2", "快报", "测试", "planner")
        with pytest.raises(EditConflict) as conflict:
            writes(set_actual_of, first, "6.3", "快报", "测试", "planner", stored.version - 1)
    assert conflict.value.version == stored.version
    assert "已被他人修改" in conflict.value.message
    assert stored_text(engine, first) == ["6.2"]


def test_a_write_process_that_is_gone_is_a_503_and_then_writes_happen_in_place(
    store: tuple[str, Engine],
) -> None:
    url, engine = store
    first, second = indicator_ids(engine, 2)
    with write_server(url) as variables:
        writes = Writes(engine, variables[ADDRESS_VARIABLE], bytes.fromhex(variables[KEY_VARIABLE]))
        writes(set_actual_of, first, "6.2", "快报", "测试", "planner")
    # the process has ended: the open connection fails, a new one cannot be made
    with pytest.raises(WritesUnavailable, match="写入进程没有应答"):
        writes(set_actual_of, first, "6.4", "快报", "测试", "planner")
    result = writes(set_actual_of, second, "7.1", "快报", "测试", "planner")
    assert result.text == "7.1" and stored_text(engine, second) == ["7.1"]


def test_a_connection_without_the_key_is_turned_away(store: tuple[str, Engine]) -> None:
    url, engine = store
    first = indicator_ids(engine, 1)[0]
    with write_server(url) as variables:
        stranger = Writes(engine, variables[ADDRESS_VARIABLE], os.urandom(32))
        stranger.engine = create_store_engine("sqlite://")  # in place, it would write nowhere
        with pytest.raises(Exception, match="no such table"):
            stranger(set_actual_of, first, "6.2", "快报", "测试", "planner")
    assert stored_text(engine, first) == []


def test_calls_queued_behind_a_long_write_are_done_together_each_answered_its_own(
    store: tuple[str, Engine],
) -> None:
    url, engine = store
    answers: dict[int, tuple[str, int, int]] = {}
    with write_server(url) as variables:
        writes = Writes(engine, variables[ADDRESS_VARIABLE], bytes.fromhex(variables[KEY_VARIABLE]))
        busy = threading.Thread(target=writes, args=(slow, 1.0))
        busy.start()
        time.sleep(0.3)  # the write process is inside `slow` now

        def call(n: int) -> None:
            answers[n] = writes(tagged, n)

        threads = [threading.Thread(target=call, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in [busy, *threads]:
            thread.join()
    assert {n: answer[2] for n, answer in answers.items()} == {n: n for n in range(6)}
    assert {answer[:2] for answer in answers.values()} == {("together", 6)}


def test_actuals_stored_together_keep_each_ones_error_and_regrade_once(
    store: tuple[str, Engine],
) -> None:
    _, engine = store
    first, second = indicator_ids(engine, 2)
    with Session(engine) as session:
        before = session.scalar(select(func.max(Change.id)))
    entries = [
        ActualEntry(first, "6.2", "快报", "网页录入（甲）", "甲"),
        ActualEntry(second, "看不懂", "快报", "网页录入（乙）", "乙"),
        ActualEntry(second, "7.4", "快报", "网页录入（乙）", "乙"),
    ]
    results = set_actuals_of(engine, entries)
    assert isinstance(results[0], Regraded) and results[0].text == "6.2"
    assert isinstance(results[1], UserError) and "无法识别的数值" in results[1].message
    assert isinstance(results[2], Regraded) and results[2].text == "7.4"
    assert stored_text(engine, first) == ["6.2"] and stored_text(engine, second) == ["7.4"]
    with Session(engine) as session:
        graders = session.scalars(
            select(Change.who).where(Change.id > before, Change.table_name == "grades")
        ).all()
    assert graders and set(graders) == {"甲、乙"}
