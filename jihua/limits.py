"""How much one document may cost to read: a budget of time and of decoded text.

A report of a few hundred pages is a few MB of text and reads in seconds; a file
that would take more is broken or made to hurt, and is stopped with one Chinese
line naming the limit (a :class:`jihua.errors.UserError`, exit status 2).

=================  =======  ============================  ============================
limit              default  environment variable          message when passed
=================  =======  ============================  ============================
decoded text       20 MB    ``JIHUA_MAX_TEXT_MB``         ``文本超过 20 MB，已停止读取``
reading time       7 s      ``JIHUA_MAX_READ_SECONDS``    ``读取超过 7 秒，已停止``
unpacked ZIP       200 MB   (:data:`UNPACKED_LIMIT`)      ``解压后超过 200 MB，已停止读取``
packing ratio      200      (:data:`RATIO_LIMIT`)         ``压缩比异常（疑似压缩炸弹）``
merged cell span   100      (:data:`MAX_SPAN`)            (cut to the limit)
Word XML elements  1 000 000  (:data:`MAX_XML_ELEMENTS`)  ``正文超过 1000000 个元素，已停止读取``
numbers in a text  100 000  (:data:`MAX_FIGURES`)         ``数字超过 100000 个，已停止读取``
=================  =======  ============================  ============================

Text is measured as it would be saved in UTF-8 (a Chinese character is 3 bytes),
so the limit reads like the size of a file; writers that build a text piece by
piece check its characters as they go (fewer than its bytes), the whole text once
at the end.

The time runs from when reading starts (:func:`reading`) through everything done
with that document in the same block (tables, facts, grades): the readers check it
in their loops (:func:`check`). The command line and the web's upload workers also
:func:`allow_interrupts`: there a timer stops the work wherever it stands when the
time is up (code outside the readers, such as the extraction of a 5 MB paragraph,
has no checks of its own), and a watchdog ends the process if even that does not
come back. A library caller is never sent a signal unless it asks. Passing
:class:`Limits` to :func:`reading` overrides the environment.

Why 7 s: a plan report (50–150 KB of text) is read, its tables and figures found,
in under half a second; 5 MB of ordinary report text in about 3 s on a 2-core
machine; a command spends up to 1.5 s more starting and opening the store. 7 s
leaves room for that and keeps every command under 10 s.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from jihua.errors import UserError

TEXT_MB_VARIABLE = "JIHUA_MAX_TEXT_MB"
SECONDS_VARIABLE = "JIHUA_MAX_READ_SECONDS"
DEFAULT_TEXT_MB = 20.0
DEFAULT_SECONDS = 7.0
#: after the time is up, how long the stopped work has to come back before the process ends
GRACE_SECONDS = 2.0

MB = 1024 * 1024

#: a ZIP (DOCX, XLSX) may inflate to this much in all, and no member to more than
#: RATIO_LIMIT times its packed size: checked from the archive's directory before any
#: member is read
UNPACKED_LIMIT = 200 * MB
RATIO_LIMIT = 200
#: the most columns or rows one merged cell spans: a larger span is a broken file, not a
#: table (``<td colspan=100000000>`` must not allocate a hundred million cells)
MAX_SPAN = 100
#: the most XML elements a Word document's body may hold: a 300-page report has a few
#: hundred thousand; millions of empty paragraphs pass the ZIP checks (they pack well below
#: RATIO_LIMIT) and would take gigabytes as a parsed tree
MAX_XML_ELEMENTS = 1_000_000
#: the most numbers one text may hold: a plan report has about 600, 5 MB of report text
#: about 40,000; each becomes a fact of about 2 KB, so this bounds the memory of a result
MAX_FIGURES = 100_000


@dataclass(frozen=True)
class Limits:
    """The budget of one document: decoded text in MB, reading time in seconds."""

    text_mb: float = DEFAULT_TEXT_MB
    seconds: float = DEFAULT_SECONDS

    @classmethod
    def from_environment(cls) -> Limits:
        return cls(
            text_mb=_positive(TEXT_MB_VARIABLE, DEFAULT_TEXT_MB),
            seconds=_positive(SECONDS_VARIABLE, DEFAULT_SECONDS),
        )

    @property
    def text_bytes(self) -> int:
        """The most decoded text, in bytes of UTF-8."""
        return int(self.text_mb * MB)


def _positive(variable: str, default: float) -> float:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value <= 0:
        raise UserError(f"环境变量 {variable} 应为正数，现为：{raw}")
    return value


class OverBudget(UserError):
    """A document past its budget of time or text (HTTP 422 on the web)."""


class Deadline:
    """The budget of one document being read: started once, checked often."""

    def __init__(self, limits: Limits, source: str = "") -> None:
        self.limits = limits
        self.source = source
        self.ends = time.monotonic() + limits.seconds

    def check(self) -> None:
        """Stop when the time is up."""
        if time.monotonic() > self.ends:
            raise self.overrun()

    def check_text(self, size: int) -> None:
        """Stop when the decoded text (``size`` bytes of UTF-8, or fewer characters on the
        way) is past the limit."""
        if size > self.limits.text_bytes:
            raise OverBudget(
                f"{self._where()}文本超过 {_figure(self.limits.text_mb)} MB，已停止读取"
            )
        self.check()

    def overrun(self) -> OverBudget:
        """The error saying the time is up."""
        return OverBudget(f"{self._where()}读取超过 {_figure(self.limits.seconds)} 秒，已停止")

    def remaining(self) -> float:
        """Seconds left, never below zero (a timeout for work done elsewhere)."""
        return max(0.0, self.ends - time.monotonic())

    def _where(self) -> str:
        return f"{self.source} " if self.source else ""


def _figure(value: float) -> str:
    return f"{value:g}"


_current: ContextVar[Deadline | None] = ContextVar("jihua_reading_deadline", default=None)


@contextmanager
def reading(source: str = "", limits: Limits | None = None) -> Iterator[Deadline]:
    """The budget of one document for the work inside the block.

    Nested blocks share the outermost budget: a command that reads a document and
    then finds its tables and facts stays within one.
    """
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    deadline = Deadline(limits or Limits.from_environment(), source)
    token = _current.set(deadline)
    try:
        with _interrupting(deadline):
            yield deadline
    finally:
        _current.reset(token)


_interrupts = False


def allow_interrupts(allowed: bool = True) -> None:
    """Let the outermost :func:`reading` block on the main thread be stopped by a timer
    (for processes whose work is theirs alone: the command line, an upload worker)."""
    global _interrupts
    _interrupts = allowed


@contextmanager
def _interrupting(deadline: Deadline) -> Iterator[None]:
    """While the block runs: SIGALRM at the deadline raises :class:`OverBudget` where the
    work stands (again every 0.25 s, should something swallow it), and a watchdog thread
    ends the process :data:`GRACE_SECONDS` later if the block has still not ended (work
    stuck in C code never sees the signal)."""
    main = threading.current_thread() is threading.main_thread()
    if not (_interrupts and main and hasattr(signal, "setitimer")):
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise deadline.overrun()

    done = threading.Event()
    watchdog = threading.Thread(target=_end_process, args=(deadline, done), daemon=True)
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, max(deadline.remaining(), 0.001), 0.25)
    watchdog.start()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        done.set()


def _end_process(deadline: Deadline, done: threading.Event) -> None:
    if not done.wait(deadline.remaining() + GRACE_SECONDS):
        sys.stderr.write(f"错误：{deadline.overrun()}\n")
        sys.stderr.flush()
        os._exit(2)


def current() -> Deadline | None:
    """The budget being spent, if a :func:`reading` block is open."""
    return _current.get()


def check() -> None:
    """Stop when the open budget's time is up (nothing when no budget is open)."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check()


def check_text(size: int) -> None:
    """Stop when ``size`` (see :meth:`Deadline.check_text`) is past the open budget."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check_text(size)


def check_count(count: int, most: int, what: str) -> None:
    """Stop when a document holds more than ``most`` of ``what`` (elements, numbers)."""
    if count > most:
        deadline = _current.get()
        where = f"{deadline.source} " if deadline and deadline.source else ""
        raise OverBudget(f"{where}{what}超过 {most} 个，已停止读取")


def utf8_size(text: str) -> int:
    """The size of ``text`` saved in UTF-8."""
    return len(text.encode("utf-8", "surrogatepass"))
