"""Uploads read in a process of their own, so a file made to hurt costs that process only.

Reading a report is CPU work that, in the server's event loop, would stop every
other request (static files included) until it ends. :func:`read_apart` runs
the reading in a fresh child of a fork server (the modules it needs loaded
once, so a child starts in milliseconds), waits for it in a thread, and ends it
when it overruns:

=================  =======  ============================  ==================================
limit              default  environment variable          when passed
=================  =======  ============================  ==================================
time               7 s      ``JIHUA_MAX_READ_SECONDS``    ``… 读取超过 7 秒，已停止`` (the
                                                          child's own budget, :mod:`jihua.limits`);
                                                          2 s later the child is killed:
                                                          ``… 文件解析超过 7 秒，已停止``
memory             1024 MB  ``JIHUA_PARSE_MEMORY_MB``     ``… 文件解析所需内存超过 1024 MB，已停止``
                                                          (address space the child may add, RLIMIT_AS)
at once            2        ``JIHUA_PARSE_WORKERS``       further uploads wait their turn
=================  =======  ============================  ==================================

All three answer 422 in the one error shape (:mod:`jihua.web.errors`). The
result comes back pickled, so it is the same object the reading gave.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from jihua.errors import UserError
from jihua.limits import GRACE_SECONDS, Limits, OverBudget, allow_interrupts, reading

MEMORY_VARIABLE = "JIHUA_PARSE_MEMORY_MB"
WORKERS_VARIABLE = "JIHUA_PARSE_WORKERS"
DEFAULT_MEMORY_MB = 1024
DEFAULT_WORKERS = 2
#: loaded once in the fork server, so that no child imports them again
PRELOAD = [
    "jihua.web.uploads",
    "jihua.extract",
    "jihua.pdf_lines",
    "jihua.pdf_tables",
    "jihua.workbook",
    "bs4",
    "docx",
    "openpyxl",
    "charset_normalizer",
]

T = TypeVar("T")


@dataclass(frozen=True)
class ParseLimits:
    """What reading one upload may cost, and how many are read at once."""

    reading: Limits = field(default_factory=Limits)
    memory_mb: int = DEFAULT_MEMORY_MB
    workers: int = DEFAULT_WORKERS

    @classmethod
    def from_environment(cls) -> ParseLimits:
        return cls(
            Limits.from_environment(),
            _whole(MEMORY_VARIABLE, DEFAULT_MEMORY_MB),
            _whole(WORKERS_VARIABLE, DEFAULT_WORKERS),
        )


def _whole(variable: str, default: int) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) == 0:
        raise UserError(f"环境变量 {variable} 应为正整数，现为：{raw}")
    return int(raw)


_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _slot(workers: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        return _slots.setdefault(workers, threading.BoundedSemaphore(workers))


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def read_apart(
    function: Callable[..., T], args: tuple[Any, ...], source: str, limits: ParseLimits
) -> T:
    """``function(*args)`` in a child process within ``limits``; its result, or its
    :class:`UserError`, or one saying which limit it passed. Blocks: call it from a thread."""
    with _slot(limits.workers):
        context = _context()
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_child, args=(send, function, args, source, limits), daemon=True
        )
        child.start()
        send.close()
        try:
            return _outcome(receive, child, source, limits)  # type: ignore[no-any-return]
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receive.close()


def _outcome(receive: Connection, child: Any, source: str, limits: ParseLimits) -> Any:
    seconds = limits.reading.seconds
    overrun = f"{source} 文件解析超过 {seconds:g} 秒，已停止"
    if not receive.poll(seconds + GRACE_SECONDS):
        raise OverBudget(overrun)
    try:
        kind, payload = receive.recv()
    except EOFError:  # the child died without a word: its own watchdog (the time limit,
        # exit status 2, racing the poll above) or the memory limit in C code
        child.join(GRACE_SECONDS)
        if child.exitcode == WATCHDOG_STATUS:
            raise OverBudget(overrun) from None
        if child.exitcode is not None and child.exitcode > 0:  # it never ran the work: a bug
            raise RuntimeError(
                f"解析 {source} 的工作进程异常退出（状态 {child.exitcode}）"
            ) from None
        raise OverBudget(_memory_message(source, limits)) from None  # killed by a signal
    if kind == "ok":
        return payload
    if kind == "refused":
        raise payload
    raise RuntimeError(f"解析 {source} 的工作进程出错：\n{payload}")


#: how a process ended by :mod:`jihua.limits`' watchdog exits
WATCHDOG_STATUS = 2


def _memory_message(source: str, limits: ParseLimits) -> str:
    return f"{source} 文件解析所需内存超过 {limits.memory_mb} MB，已停止"


def _child(
    send: Connection,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    source: str,
    limits: ParseLimits,
) -> None:
    _limit_memory(limits.memory_mb)
    allow_interrupts()
    try:
        with reading(source, limits.reading):
            outcome: tuple[str, Any] = ("ok", function(*args))
    except MemoryError:
        outcome = ("refused", OverBudget(_memory_message(source, limits)))
    except UserError as exc:
        outcome = ("refused", exc)
    except Exception:  # a bug: the server logs it as one
        outcome = ("bug", traceback.format_exc())
    send.send(outcome)
    send.close()


def _limit_memory(megabytes: int) -> None:
    """Let the process's address space grow by at most ``megabytes`` (Linux; elsewhere the
    time limit alone holds)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (ImportError, OSError):
        return
    size = pages * os.sysconf("SC_PAGE_SIZE") + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
