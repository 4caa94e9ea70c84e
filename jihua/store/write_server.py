"""One process that makes the web's writes, one after another.

A store takes one writer at a time (SQLite's lock; jihua's advisory lock on
PostgreSQL). When each web worker wrote itself, the writer holding the lock
shared its worker's interpreter with a dozen page reads and got a slice of it: a
write of 5 ms of work held the lock 20–30 ms, and eight writers queued behind
each other (``bench/write_load.py``: p95 0.6–0.9 s on SQLite). Here the writes of
every worker go to one process that does nothing else, in the order they came:
one write queue, the lock held only for the work. Calls of the same write that
wait together are done as one transaction when the write says how
(:func:`done_together`): one regrade of a plan for all of them.

``jihua serve`` starts the process (:func:`write_server`) and gives the workers its
address in the environment; a worker's :class:`Writes` sends it a store function
(a module-level function taking the engine first) with its arguments and waits for
the result or the error. Without a server — tests, one-process tools — the same
call runs in place. The address is a Unix socket in a private folder and a
connection must prove it knows the key (``multiprocessing.connection``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import secrets
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

from jihua.errors import UserError
from jihua.serving import settle_for_serving
from jihua.store.database import busy_timeout_ms, create_store_engine

ADDRESS_VARIABLE = "JIHUA_WRITE_SERVER"
KEY_VARIABLE = "JIHUA_WRITE_KEY"

LOG = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

#: beyond the busy timeout a write may wait for the lock, what its work may take
_WORK_SECONDS = 30.0


class WritesUnavailable(UserError):
    """The write process did not answer: the change may or may not be stored."""


class Writes:
    """Runs a store write: in the write process when there is one, else in place."""

    def __init__(self, engine: Engine, address: str | None = None, key: bytes | None = None):
        self.engine = engine
        self.address, self.key = address, key
        self._local = threading.local()

    @classmethod
    def from_environment(cls, engine: Engine) -> Writes:
        address, key = os.environ.get(ADDRESS_VARIABLE), os.environ.get(KEY_VARIABLE)
        if not address or not key:
            return cls(engine)
        return cls(engine, address, bytes.fromhex(key))

    def __call__(
        self, write: Callable[Concatenate[Engine, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        if self.address is None:
            return write(self.engine, *args, **kwargs)
        connection = self._connection(self.address)
        if connection is None:  # the process is gone: writing here is still in turn
            return write(self.engine, *args, **kwargs)
        try:
            connection.send((write, args, kwargs))
            if not connection.poll(busy_timeout_ms() / 1000 + _WORK_SECONDS):
                raise TimeoutError
            outcome, value = connection.recv()
        except (OSError, EOFError, TimeoutError) as exc:
            self._drop()
            raise WritesUnavailable("写入进程没有应答，这次修改可能没有保存：请刷新后查看") from exc
        if outcome == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def _connection(self, address: str) -> Connection | None:
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            return connection
        try:
            connection = Client(address, "AF_UNIX", authkey=self.key)
        except (OSError, EOFError, multiprocessing.AuthenticationError):
            LOG.warning("写入进程 %s 无法连接，改为在本进程写入", address)
            return None
        self._local.connection = connection
        return connection

    def _drop(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            connection.close()


@contextmanager
def write_server(url: str) -> Iterator[dict[str, str]]:
    """The write process for the store at ``url``, while the block runs; yields the
    environment variables a worker needs to reach it."""
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory(prefix="jihua-writes-") as folder:
        address = str(Path(folder) / "writes.sock")
        context = multiprocessing.get_context("spawn")
        ready = context.Event()
        process = context.Process(
            target=serve_writes,
            args=(url, address, key, ready, os.getpid()),
            name="jihua-writes",
            daemon=True,
        )
        process.start()
        if not ready.wait(60):
            process.kill()
            raise UserError("写入进程没有启动")
        try:
            yield {ADDRESS_VARIABLE: address, KEY_VARIABLE: key.hex()}
        finally:
            process.terminate()
            process.join(10)


def serve_writes(url: str, address: str, key: bytes, ready: Any, parent: int) -> None:
    """The write process: each connection's requests go into one queue, done in order.

    Ctrl-C in the terminal reaches every process of the server; this one keeps writing
    what the workers still send while they finish, and ends when the server ends it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    engine = create_store_engine(url)
    jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    threading.Thread(target=_do_in_order, args=(engine, jobs), daemon=True).start()
    with Listener(address, "AF_UNIX", authkey=key) as listener:
        settle_for_serving()
        ready.set()
        while True:
            try:
                connection = listener.accept()
            except (OSError, EOFError, multiprocessing.AuthenticationError):
                continue
            threading.Thread(target=_receive, args=(connection, jobs), daemon=True).start()


Call = tuple[tuple[Any, ...], dict[str, Any]]
Batch = Callable[[Engine, list[Call]], list[Any]]
#: a write → the function that does several queued calls of it at once
_TOGETHER: dict[Callable[..., Any], Batch] = {}
#: at most this many queued calls done as one
MAX_TOGETHER = 32


def done_together(write: Callable[..., Any], batch: Batch) -> None:
    """Calls of ``write`` waiting together are done by one call of ``batch``, which takes
    their arguments and returns each call's result or error in order (one transaction
    and one regrade for all, where one each made the queue longer)."""
    _TOGETHER[write] = batch


Job = tuple[Connection, Callable[..., Any], Call]


def _receive(connection: Connection, jobs: queue.SimpleQueue[Job]) -> None:
    while True:
        try:
            request = connection.recv()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            connection.close()
            return
        if not (isinstance(request, tuple) and len(request) == 3 and callable(request[0])):
            connection.close()
            return
        write, args, kwargs = request
        jobs.put((connection, write, (tuple(args), dict(kwargs))))


def _do_in_order(engine: Engine, jobs: queue.SimpleQueue[Job]) -> None:
    held: deque[Job] = deque()
    while True:
        batch = _next_batch(jobs, held)
        for (connection, _, _), answer in zip(batch, _answers(engine, batch), strict=True):
            try:
                connection.send(answer)
            except (OSError, EOFError):
                continue  # the worker went away; the write itself stands or fell whole


def _next_batch(jobs: queue.SimpleQueue[Job], held: deque[Job]) -> list[Job]:
    """The next job, with the calls of the same write queued right behind it."""
    batch = [held.popleft() if held else jobs.get()]
    together = _TOGETHER.get(batch[0][1])
    while together is not None and len(batch) < MAX_TOGETHER:
        try:
            job = held.popleft() if held else jobs.get_nowait()
        except queue.Empty:
            break
        if _TOGETHER.get(job[1]) is not together:
            held.appendleft(job)
            break
        batch.append(job)
    return batch


def _answers(engine: Engine, batch: list[Job]) -> list[tuple[str, Any]]:
    write = batch[0][1]
    try:
        if len(batch) == 1:
            args, kwargs = batch[0][2]
            outcomes = [write(engine, *args, **kwargs)]
        else:
            outcomes = _TOGETHER[write](engine, [call for _, _, call in batch])
    except Exception as exc:  # the worker raises it where the call was made
        if not isinstance(exc, UserError):
            LOG.error("写入出错：%s", getattr(write, "__name__", write), exc_info=exc)
        outcomes = [exc] * len(batch)
    return [("error", _sendable(o)) if isinstance(o, Exception) else ("ok", o) for o in outcomes]


def _sendable(exc: Exception) -> Exception:
    """The error itself when it survives pickling, else a plain one with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _watch_parent(parent: int) -> None:
    """End with the server that started this process, even when it was killed."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
