"""``jihua extract … --scheduler ADDRESS``: the batch on a Dask cluster.

    jihua extract DIR --jsonl OUT --scheduler tcp://HOST:8786   # a running cluster
    jihua extract DIR --parquet OUT --scheduler local:2         # two worker processes here

The workers need jihua (``pip install 'jihua[cluster]'``, the same version).
When every worker sees the files as they are here (the same machine, or a
shared mount: :func:`workers_see_files`), the tasks carry only where the files
lie; otherwise the files are read here and their bytes sent with the tasks.
Each worker extracts as ``--jobs`` does and sends its JSON lines straight back
to this process (not through the scheduler). The files go in chunks of consecutive files (large first, smaller as
the work runs out, none over :data:`MAX_CHUNK_COST`), at most
:data:`IN_FLIGHT_PER_WORKER` chunks per worker sent ahead, and the lines come
back in the files' order: the output is the one ``--jobs 1`` writes. A file
that cannot be read is reported as the local run reports it; a chunk whose
worker died is reported file by file with the cluster's reason.

Dask is imported only here, and only when ``--scheduler`` is given.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jihua.cli.extract import Outcome, cost_of, extract_line, shrinking_chunks
from jihua.errors import UserError

if TYPE_CHECKING:
    from distributed import Client, Future

#: ``local`` or ``local:N``: a cluster of N worker processes on this machine
LOCAL = re.compile(r"local(?::(\d{1,3}))?")
#: the most work in one task, in bytes of text that take as long (about 2 s on one core);
#: a task carries its files, and Dask warns about tasks over 10 MB
MAX_CHUNK_COST = 6_000_000
#: chunks sent ahead per worker: enough to keep it busy while earlier lines are written
IN_FLIGHT_PER_WORKER = 3
#: how long to wait for the scheduler to answer and for its first worker
CONNECT_SECONDS = 20
#: how long a chunk's extraction holds the interpreter before the worker's other threads may
#: take it (Python's default is 5 ms). Dask's profiler takes it every 10 ms to walk the task's
#: stack: two workers spent 10.7–11.4 s of CPU on 200 reports that one process of its own
#: reads in 9.4 s, and 9.8–10.0 s with this
TASK_SWITCH_SECONDS = 0.05

#: files sent to a worker: each one's path as given (the ``source``) and its bytes
Parcel = list[tuple[str, bytes]]
#: a file's size and modification time (ns), ``None`` for one not found
Stamp = tuple[int, int] | None
#: files a worker reads itself: each one's path as given, where it lies and its stamp here
Places = list[tuple[str, str, Stamp]]


def cluster_outcomes(files: list[Path], scheduler: str) -> Iterator[tuple[Path, Outcome]]:
    """Each file with its outcome, in order, extracted on the cluster at ``scheduler``.

    Connects (or starts the local cluster) at once, so that a wrong address is told
    before any progress is shown; the cluster is left when the outcomes are read."""
    stack = ExitStack()
    try:
        client = _connect(scheduler, stack)
        workers = _worker_count(client, scheduler)
        shared = workers_see_files(client, files)
    except BaseException:
        stack.close()
        raise
    return _run(stack, client, cluster_chunks(files, workers), workers, shared)


def cluster_chunks(files: list[Path], workers: int) -> list[list[Path]]:
    """Consecutive files in chunks that shrink as the work runs out, none over
    :data:`MAX_CHUNK_COST` unless it is one file (:func:`shrinking_chunks`)."""
    spans = shrinking_chunks([cost_of(path) for path in files], workers, MAX_CHUNK_COST)
    return [files[span.start : span.stop] for span in spans]


def extract_parcel(parcel: Parcel) -> list[Outcome | None]:
    """On a worker: the outcome of each file sent."""
    with _on_worker():
        return [extract_line(Path(source), data) for source, data in parcel]


def extract_in_place(places: Places) -> list[Outcome | None]:
    """On a worker that sees the files: the outcome of each, ``None`` for one it cannot
    read or finds of another size or time than here (read again where the batch runs, so
    that it is the file the local run reads and fails as that run fails)."""
    with _on_worker():
        return [_extract_at(Path(source), Path(where), stamp) for source, where, stamp in places]


@contextmanager
def _on_worker() -> Iterator[None]:
    """A chunk's extraction on a worker: the worker settled, and the interpreter switched
    between threads every :data:`TASK_SWITCH_SECONDS` while it runs (as before after it)."""
    _settle_worker()
    before = sys.getswitchinterval()
    sys.setswitchinterval(TASK_SWITCH_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


_settled = False


def _settle_worker() -> None:
    """Once a worker process: its objects so far (Dask's, jihua's modules: tens of thousands)
    kept out of the garbage collector's way. Each full collection walked them all; the
    extraction ran 6–8% slower in a Dask worker than in a process of its own, 2% after.
    Garbage is collected first; what is alive then stays for the worker's life (a worker
    shared with other work keeps their objects of that moment too)."""
    global _settled
    if not _settled:
        gc.collect()
        gc.freeze()
        _settled = True


def _extract_at(source: Path, where: Path, stamp: Stamp) -> Outcome | None:
    if stamp is None or file_stamps([str(where)]) != [stamp]:
        return None
    try:
        data = where.read_bytes()
    except OSError:
        return None
    return extract_line(source, data)


def workers_see_files(client: Client, files: list[Path]) -> bool:
    """Whether every worker finds the first and the last file where they lie here, with
    the same size and time: then the tasks need not carry the files' bytes (each is
    checked again where it is read, :func:`extract_in_place`)."""
    if not files:
        return False
    sample = [str(path.resolve()) for path in (files[0], files[-1])]
    here = file_stamps(sample)
    if None in here:
        return False
    try:
        seen: dict[str, list[Stamp]] = client.run(file_stamps, sample)
    except Exception:  # a worker that cannot answer: send the bytes
        return False
    return bool(seen) and all(stamps == here for stamps in seen.values())


def file_stamps(paths: list[str]) -> list[Stamp]:
    """Size and modification time of each file, ``None`` for one not found."""
    stamps: list[Stamp] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_size, stat.st_mtime_ns))
    return stamps


def _connect(scheduler: str, stack: ExitStack) -> Client:
    try:
        import distributed
    except ImportError as exc:
        raise UserError("--scheduler 需要 Dask：请先安装 pip install 'jihua[cluster]'") from exc
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its start-up chatter
    local = LOCAL.fullmatch(scheduler)
    if local:
        workers = int(local.group(1) or os.cpu_count() or 1)
        if workers < 1:
            raise UserError("--scheduler local:N 的 N 至少为 1")
        cluster = stack.enter_context(
            distributed.LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,  # extraction holds the GIL: one process per core
                processes=True,
                dashboard_address=":0",  # any free port: 8787 may be taken
            )
        )
        client: Client = distributed.Client(cluster, direct_to_workers=_direct())  # type: ignore[no-untyped-call]
        stack.enter_context(client)
        return client
    try:
        client = distributed.Client(  # type: ignore[no-untyped-call]
            scheduler, timeout=CONNECT_SECONDS, direct_to_workers=_direct()
        )
    except (OSError, TimeoutError, ValueError) as exc:
        raise UserError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from exc
    stack.enter_context(client)
    return client


def _direct() -> bool:
    """Results straight from the workers, unless Dask's configuration says otherwise
    (``DASK_DISTRIBUTED__CLIENT__DIRECT_TO_WORKERS=False`` when only the scheduler can be
    reached): through the scheduler they cost it and this process a copy more."""
    import dask

    configured = dask.config.get("distributed.client.direct-to-workers", None)
    return True if configured is None else bool(configured)


def _worker_count(client: Client, scheduler: str) -> int:
    """The threads of the cluster's workers (one per process when started as documented)."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except TimeoutError as exc:
        raise UserError(f"Dask 调度器 {scheduler} 没有可用的工作进程（dask worker）") from exc
    workers: dict[str, dict[str, Any]] = client.scheduler_info()["workers"]
    return max(1, sum(int(info.get("nthreads", 1)) for info in workers.values()))


def _run(
    stack: ExitStack, client: Client, chunks: list[list[Path]], workers: int, shared: bool
) -> Iterator[tuple[Path, Outcome]]:
    with stack:
        yield from _in_order(client, chunks, workers, shared)


def _in_order(
    client: Client, chunks: list[list[Path]], workers: int, shared: bool = False
) -> Iterator[tuple[Path, Outcome]]:
    send = _send_places if shared else _send
    queued = iter(chunks)
    pending = deque(send(client, chunk) for chunk in islice(queued, workers * IN_FLIGHT_PER_WORKER))
    while pending:
        chunk, future, unread = pending.popleft()
        if (more := next(queued, None)) is not None:
            pending.append(send(client, more))
        yield from zip(chunk, _outcomes_of(chunk, future, unread), strict=True)


Sent = tuple[list[Path], "Future[list[Outcome | None]] | None", dict[Path, Outcome]]


def _send_places(client: Client, chunk: list[Path]) -> Sent:
    """The chunk's task, naming where its files lie."""
    wheres = [str(path.resolve()) for path in chunk]
    places: Places = [
        (str(path), where, stamp)
        for path, where, stamp in zip(chunk, wheres, file_stamps(wheres), strict=True)
    ]
    return chunk, client.submit(extract_in_place, places, pure=False), {}


def _send(client: Client, chunk: list[Path]) -> Sent:
    """The chunk's task, with the files that could not be read here already answered."""
    parcel: Parcel = []
    unread: dict[Path, Outcome] = {}
    for path in chunk:
        try:
            parcel.append((str(path), path.read_bytes()))
        except OSError:
            unread[path] = extract_line(path)  # fails as the local run fails, same message
    future = client.submit(extract_parcel, parcel, pure=False) if parcel else None
    return chunk, future, unread


def _outcomes_of(
    chunk: list[Path], future: Future[list[Outcome | None]] | None, unread: dict[Path, Outcome]
) -> list[Outcome]:
    sent: list[Outcome | None] = []
    if future is not None:
        try:
            sent = future.result()
        except Exception as exc:  # a worker died or the cluster went away: this chunk fails
            reason = f"集群执行失败：{type(exc).__name__}: {exc}"
            sent = [Outcome(None, reason)] * (len(chunk) - len(unread))
        finally:
            future.release()  # type: ignore[no-untyped-call]
    answers = iter(sent)
    return [unread[path] if path in unread else _answer(path, next(answers)) for path in chunk]


def _answer(path: Path, outcome: Outcome | None) -> Outcome:
    return extract_line(path) if outcome is None else outcome
