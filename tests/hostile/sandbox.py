"""Run one ``jihua`` command in a child process under a wall clock and an address-space limit.

The limit (``ADDRESS_SPACE``) is the machine's protection, not the test's
measure: the child's address space is capped with ``RLIMIT_AS`` so a bomb that
gets through costs that child, never the CI machine. What the test asserts is
the child's peak resident memory (``ru_maxrss`` from ``wait4``), held to
``RESIDENT`` — the issue's 500 MB.

Measured on the seed report (``VmPeak`` / ``VmHWM``): ``analyze``, ``extract``
and ``audit`` 27 MB / 23 MB; ``ingest`` 79 / 73 MB; ``import`` of a CSV
216 / 91 MB (pandas and pyarrow map more than they touch); ``report --format
docx`` 255 / 101 MB (matplotlib). 1 GB of address space leaves four times the
largest of these for a program working within its own limits, and is reached
by a bomb within a second.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE = 1024 * 1024 * 1024
RESIDENT = 500 * 1024 * 1024
WALL_CLOCK = 10.0

_CJK = re.compile(r"[\u4e00-\u9fff]")
#: a Python exception's name, or an English sentence of at least four words
_ENGLISH = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning)\b|\b[A-Za-z]+(?: [A-Za-z]+){3,}")


@dataclass(frozen=True)
class Outcome:
    args: tuple[str, ...]
    returncode: int | None  # None: killed at the wall clock
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int  # bytes

    def describe(self) -> str:
        status = (
            "killed at the wall clock" if self.returncode is None else f"exit {self.returncode}"
        )
        tail = self.stderr.strip().splitlines()[-3:]
        return (
            f"jihua {' '.join(self.args)}: {status} after {self.seconds:.1f} s, "
            f"{self.peak_rss // 1024 // 1024} MB resident; stderr: {tail}"
        )


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_jihua(*args: str, cwd: Path, wall_clock: float = WALL_CLOCK) -> Outcome:
    """``jihua ARGS`` in ``cwd``; killed after ``wall_clock`` seconds."""
    out, err = cwd / ".stdout", cwd / ".stderr"
    command = [sys.executable, "-c", "from jihua.cli import main; main()", *args]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "COLUMNS": "120"}
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            env=env,
            preexec_fn=_limit_address_space,
        )
        status, usage = _wait(child.pid, started + wall_clock)
    seconds = time.monotonic() - started
    child.returncode = -9 if status is None else os.waitstatus_to_exitcode(status)
    code = None if status is None else child.returncode
    return Outcome(
        args,
        code,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        seconds,
        usage.ru_maxrss * 1024,
    )


def _wait(pid: int, deadline: float) -> tuple[int | None, resource.struct_rusage]:
    """The child's wait status and its own resource usage; killed (status None) at ``deadline``."""
    while True:
        reaped, status, usage = os.wait4(pid, os.WNOHANG)
        if reaped:
            return status, usage
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            _, _, usage = os.wait4(pid, 0)
            return None, usage
        time.sleep(0.01)


def chinese_error(outcome: Outcome) -> str | None:
    """What is wrong with the outcome as a refusal (exit 2, one Chinese line), or None."""
    lines = outcome.stderr.strip().splitlines()
    if outcome.returncode != 2:
        return f"exit {outcome.returncode}, not 2"
    if len(lines) != 1:
        return f"{len(lines)} lines on stderr, not one"
    return chinese_line_fault(lines[0])


def chinese_line_fault(line: str) -> str | None:
    """Why ``line`` is not one Chinese line for a planner (no traceback, no English), or None."""
    if "Traceback" in line:
        return "a traceback"
    if not _CJK.search(line):
        return "no Chinese"
    english = _ENGLISH.search(line)
    if english:
        return f"English: {english.group(0)!r}"
    return None
