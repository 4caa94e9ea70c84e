"""How much one document may cost to read: a budget of time and of decoded text.

A report of a few hundred pages is a few MB of text and reads in seconds; a file
that would take more is broken or made to hurt, and is stopped with one Chinese
line naming the limit (a :class:`jihua.errors.UserError`, exit status 2).

=================  =======  ============================  ============================
limit              default  environment variable          message when passed
=================  =======  ============================  ============================
decoded text       20 MB    ``JIHUA_MAX_TEXT_MB``         ``文本超过 20 MB，已停止读取``
reading time       30 s     ``JIHUA_MAX_READ_SECONDS``    ``读取超过 30 秒，已停止``
unpacked ZIP       200 MB   (:data:`UNPACKED_LIMIT`)      ``解压后超过 200 MB，已停止读取``
packing ratio      200      (:data:`RATIO_LIMIT`)         ``压缩比异常（疑似压缩炸弹）``
merged cell span   100      (:data:`MAX_SPAN`)            (cut to the limit)
=================  =======  ============================  ============================

Text is counted in characters, 1,048,576 to the MB (a Chinese character takes 3
bytes in UTF-8, so the limit errs on the generous side).

The time runs from when reading starts (:func:`reading`) through everything done
with that document in the same command (tables, facts), checked wherever a loop
runs over the document (:func:`check`). Outside :func:`reading` nothing is
checked, so a library caller who never opens a budget is never stopped. Passing
:class:`Limits` to :func:`reading` overrides the environment.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from jihua.errors import UserError

TEXT_MB_VARIABLE = "JIHUA_MAX_TEXT_MB"
SECONDS_VARIABLE = "JIHUA_MAX_READ_SECONDS"
DEFAULT_TEXT_MB = 20.0
DEFAULT_SECONDS = 30.0

MB = 1024 * 1024

#: a ZIP (DOCX, XLSX) may inflate to this much in all, and no member to more than
#: RATIO_LIMIT times its packed size: checked from the archive's directory before any
#: member is read
UNPACKED_LIMIT = 200 * MB
RATIO_LIMIT = 200
#: the most columns or rows one merged cell spans: a larger span is a broken file, not a
#: table (``<td colspan=100000000>`` must not allocate a hundred million cells)
MAX_SPAN = 100


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
    def text_chars(self) -> int:
        """The most characters of decoded text."""
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


class Deadline:
    """The budget of one document being read: started once, checked often."""

    def __init__(self, limits: Limits, source: str = "") -> None:
        self.limits = limits
        self.source = source
        self.ends = time.monotonic() + limits.seconds

    def check(self) -> None:
        """Stop when the time is up."""
        if time.monotonic() > self.ends:
            raise UserError(f"{self._where()}读取超过 {_figure(self.limits.seconds)} 秒，已停止")

    def check_text(self, length: int) -> None:
        """Stop when the decoded text (``length`` characters) is past the limit."""
        if length > self.limits.text_chars:
            raise UserError(
                f"{self._where()}文本超过 {_figure(self.limits.text_mb)} MB，已停止读取"
            )
        self.check()

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
        yield deadline
    finally:
        _current.reset(token)


def current() -> Deadline | None:
    """The budget being spent, if a :func:`reading` block is open."""
    return _current.get()


def check() -> None:
    """Stop when the open budget's time is up (nothing when no budget is open)."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check()


def check_text(length: int) -> None:
    """Stop when ``length`` characters of text are past the open budget."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check_text(length)
