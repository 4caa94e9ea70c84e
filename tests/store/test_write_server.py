"""The write process: a SQLite file's web writes done one after another in one process."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import EditConflict
from jihua.store.database import create_store_engine, ensure_schema
from jihua.store.schema import Actual, Indicator, Plan
from jihua.store.vintages import set_actual_of
from jihua.store.write_server import (
    ADDRESS_VARIABLE,
    KEY_VARIABLE,
    Writes,
    WritesUnavailable,
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
