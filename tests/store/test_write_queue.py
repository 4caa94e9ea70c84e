"""SQLite writers of one process take turns in the order they came, never past the busy timeout."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from jihua.store.database import WriteQueue, create_store_engine, ensure_schema, writer
from jihua.store.schema import Actual, Grade
from jihua.store.vintages import set_actual
from jihua.web.demo import ingest_example


def _queued(queue: WriteQueue, count: int) -> None:
    waited = time.monotonic()
    while len(queue._waiting) < count:
        assert time.monotonic() - waited < 30, "a writer never queued"
        time.sleep(0.001)


def test_writers_get_their_turn_in_the_order_they_came() -> None:
    queue = WriteQueue()
    assert queue.acquire(1.0)
    order: list[int] = []

    def write(number: int) -> None:
        assert queue.acquire(30.0)
        order.append(number)
        queue.release()

    threads = []
    for number in range(5):
        thread = threading.Thread(target=write, args=(number,))
        thread.start()
        _queued(queue, number + 1)
        threads.append(thread)
    queue.release()
    for thread in threads:
        thread.join()
    assert order == [0, 1, 2, 3, 4]


def test_a_writer_that_waits_past_the_busy_timeout_is_told_the_database_is_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIHUA_BUSY_TIMEOUT_MS", "50")
    engine = create_store_engine(f"sqlite:///{tmp_path / 'busy.sqlite'}")
    ensure_schema(engine)
    with writer(engine).connect() as holding:
        holding.begin()
        holding.execute(text("SELECT 1"))
        with (
            pytest.raises(OperationalError, match="database is locked"),
            writer(engine).begin() as waiting,
        ):
            waiting.execute(text("SELECT 1"))
    engine.dispose()


def test_a_writer_returned_to_the_pool_unfinished_gives_up_its_turn(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'turn.sqlite'}")
    ensure_schema(engine)
    with writer(engine).connect() as forgetful:
        forgetful.begin()
        forgetful.execute(text("SELECT 1"))  # closed without COMMIT or ROLLBACK
    with writer(engine).begin() as next_writer:
        assert next_writer.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


def test_a_new_actual_rewrites_only_the_grades_that_move(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'grades.sqlite'}")
    ensure_schema(engine)
    ingest_example(engine)
    with Session(engine) as session:
        before = {g.id: (g.label, g.computed_at) for g in session.scalars(select(Grade))}
    set_actual(engine, "涪陵区", 2023, "农业增加值增速", "5.2", "快报", "统计快报")
    with Session(engine) as session:
        after = {g.id: (g.label, g.computed_at) for g in session.scalars(select(Grade))}
    moved = [key for key in before if before[key] != after[key]]
    assert len(moved) == 1
    assert after[moved[0]][0] != before[moved[0]][0]
    engine.dispose()


def test_writers_racing_to_record_the_same_new_actual_all_succeed(db_url: str) -> None:
    engine = create_store_engine(db_url)
    ensure_schema(engine)
    ingest_example(engine)
    errors: list[Exception] = []
    start = threading.Barrier(6)

    def record(text: str) -> None:
        start.wait()
        try:
            set_actual(engine, "涪陵区", 2023, "农业增加值增速", text, "快报", "统计快报")
        except Exception as exc:  # the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=record, args=(f"4.{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as session:
        actuals = session.scalars(select(Actual).where(Actual.vintage == "快报")).all()
    assert len(actuals) == 1 and actuals[0].text in {f"4.{n}" for n in range(6)}
    engine.dispose()
