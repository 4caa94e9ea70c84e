"""Connecting to the store: which URL, how SQLite is set up, migrations, backups.

The URL comes from ``--db``, else ``JIHUA_DATABASE_URL``, else a SQLite file
``jihua.sqlite`` in the working directory. SQLite runs in WAL mode (readers do
not block the writer) with foreign keys enforced and a busy timeout; the
pysqlite driver's own transaction handling is switched off so that SQLAlchemy's
BEGIN/COMMIT are the ones that count (the SQLAlchemy documentation's recipe for
correct SAVEPOINT and transactional DDL). The writers of one process queue for
their turn (:func:`writer`) instead of retrying in SQLite's busy handler. PostgreSQL goes through psycopg 3:
``postgresql+psycopg://user@host:port/db``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
import time
from collections import deque
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from jihua.errors import UserError

DEFAULT_URL = "sqlite:///jihua.sqlite"
URL_VARIABLE = "JIHUA_DATABASE_URL"


def database_url(option: str | None = None) -> str:
    """The URL to use: the option, the environment variable, or the default file."""
    url = option or os.environ.get(URL_VARIABLE) or DEFAULT_URL
    if "://" not in url:  # a bare path is a SQLite file
        url = f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``, SQLite configured for WAL and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UserError(f"数据库地址无法识别：{url}") from exc
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(parsed, pool_pre_ping=True)
        if parsed.get_backend_name() == "postgresql":
            event.listen(engine, "begin", _begin_postgresql)
        return engine
    engine = create_engine(parsed, **_sqlite_pool(parsed.database))
    queue = WriteQueue()
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", partial(_begin_sqlite, queue))
    for ending in ("commit", "rollback"):
        event.listen(engine, ending, partial(_end_turn, queue))
    event.listen(engine.pool, "reset", partial(_end_pooled_turn, queue))
    return engine


#: the web's thread pool (anyio's 40 threads) keeps one connection per thread it runs
SQLITE_POOL_SIZE = 40


def _sqlite_pool(database: str | None) -> dict[str, int]:
    """Pool sizes for a SQLite file: enough kept connections that none is closed on return.

    With SQLAlchemy's default (5 kept, 10 more closed when given back) ten concurrent
    requests opened and configured a connection for every other query; that was a fifth
    of a plan API request's time.
    """
    if not database or database == ":memory:" or "mode=memory" in database:
        return {}
    return {"pool_size": SQLITE_POOL_SIZE, "max_overflow": SQLITE_POOL_SIZE}


BUSY_VARIABLE = "JIHUA_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    """How long a SQLite writer waits for another's lock: ``JIHUA_BUSY_TIMEOUT_MS``, else 10 s."""
    raw = os.environ.get(BUSY_VARIABLE, "").strip()
    if raw.isdigit():
        return int(raw)
    if raw:
        raise UserError(f"环境变量 {BUSY_VARIABLE} 应为毫秒数，现为：{raw}")
    return 10_000


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_TURN = "jihua_write_turn"
_RETRY_SECONDS = 0.002


class WriteQueue:
    """The writers of one process in the order they came: each ending writer hands the
    turn to the next one waiting (a plain lock lets a newcomer take it first)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._taken = False

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._taken:
                self._taken = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._guard:
            if turn.is_set():  # handed over just as the wait ran out
                return True
            self._waiting.remove(turn)
            return False

    def release(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()  # the turn passes on, still taken
            else:
                self._taken = False


def _begin_sqlite(queue: WriteQueue, connection: Any) -> None:
    """``BEGIN``; for a writer, its turn in the process's queue first, then ``BEGIN IMMEDIATE``.

    Eight writers retrying in SQLite's busy handler (sleeps of up to 100 ms, no
    order) made the unlucky one wait seconds: a ``PUT`` of an actual had p95 2.8 s.
    Waiting on a lock wakes the next writer the moment the last one ends. The
    wait is bounded by the busy timeout, and then says ``database is locked``
    like SQLite (the web answers 503).
    """
    if not connection.get_execution_options().get("jihua_writer", False):
        connection.exec_driver_sql("BEGIN")
        return
    timeout = busy_timeout_ms() / 1000
    deadline = time.monotonic() + timeout
    if not queue.acquire(timeout):
        raise _locked()
    try:
        _begin_immediate(connection, deadline)
    except BaseException:
        queue.release()
        raise
    connection.info[_TURN] = True


def _begin_immediate(connection: Any, deadline: float) -> None:
    """``BEGIN IMMEDIATE``, retried every few milliseconds while another process writes.

    SQLite's own busy handler sleeps ever longer (up to 100 ms a try), so a writer
    of one worker process lost every race to the writers queued in another.
    """
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if "locked" not in str(exc.orig) or time.monotonic() > deadline:
                    raise
            time.sleep(_RETRY_SECONDS)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={busy_timeout_ms()}")


#: the advisory lock every writer transaction of jihua holds on PostgreSQL
WRITE_LOCK_KEY = 0x6A69687561  # "jihua"


def _begin_postgresql(connection: Any) -> None:
    """A writer waits its turn on one advisory lock, held to COMMIT or ROLLBACK.

    Without it two writes of the same actual both found no row and both
    inserted it (a unique violation, HTTP 500), and concurrent regrades of a plan
    failed each other's version checks (409 to a client that sent no version).
    PostgreSQL queues lock waiters in order; past the busy timeout the wait ends
    in a lock timeout (the web answers 503).
    """
    if not connection.get_execution_options().get("jihua_writer", False):
        return
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {busy_timeout_ms()}")
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def _locked() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))


def _end_turn(queue: WriteQueue, connection: Any) -> None:
    if connection.info.pop(_TURN, False):
        queue.release()


def _end_pooled_turn(
    queue: WriteQueue, _dbapi: Any, record: ConnectionPoolEntry, _state: Any
) -> None:
    """A connection back in the pool without COMMIT or ROLLBACK ends its turn too."""
    if record.info.pop(_TURN, False):
        queue.release()


def writer(engine: Engine) -> Engine:
    """The engine for a read-then-write transaction.

    On SQLite it begins with ``BEGIN IMMEDIATE``: the write lock is taken
    first, so a second writer waits (busy timeout) instead of failing when its
    read snapshot turns out stale. On PostgreSQL it takes jihua's advisory write
    lock first, for the same reason.
    """
    return engine.execution_options(jihua_writer=True)


def _alembic_config() -> Config:
    config = Config()
    location = resources.files("jihua.store").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (all migrations run in one transaction)."""
    config = _alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except OperationalError as exc:
        raise UserError(f"无法连接或升级数据库 {engine.url!r}：{exc.orig}") from exc


def ensure_schema(engine: Engine) -> None:
    """An empty database gets the schema; an outdated one is a user error."""
    try:
        has_tables = bool(inspect(engine).get_table_names())
    except OperationalError as exc:
        raise UserError(f"无法打开数据库 {engine.url!r}：{exc.orig}") from exc
    if not has_tables:
        upgrade(engine)
        return
    current = current_revision(engine)
    if current != head_revision():
        raise UserError(
            f"数据库结构版本为 {current}，需要 {head_revision()}：请先运行 jihua db upgrade"
        )


def backup(engine: Engine, destination: Path) -> Path:
    """A consistent copy of the database at ``destination``, taken while others write."""
    if destination.exists():
        raise UserError(f"备份文件已存在：{destination}")
    if not destination.parent.is_dir():
        raise UserError(f"备份目录不存在：{destination.parent}")
    if engine.dialect.name == "sqlite":
        return _backup_sqlite(engine, destination)
    if engine.dialect.name == "postgresql":
        return _backup_postgresql(engine, destination)
    raise UserError(f"不支持备份 {engine.dialect.name} 数据库")


def _backup_sqlite(engine: Engine, destination: Path) -> Path:
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(destination)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    finally:
        raw.close()
    return destination


def _backup_postgresql(engine: Engine, destination: Path) -> Path:
    pg_dump = shutil.which("pg_dump") or _debian_pg_dump()
    if pg_dump is None:
        raise UserError(
            "找不到 pg_dump：请安装 PostgreSQL 客户端（Debian 软件包 postgresql-client）"
        )
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run(
        [pg_dump, "--format=custom", f"--file={destination}", url],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise UserError(f"pg_dump 失败：{result.stderr.strip()}")
    return destination


def _debian_pg_dump() -> str | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True)
    return str(candidates[0]) if candidates else None
