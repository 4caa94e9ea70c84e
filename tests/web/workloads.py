"""Work for an upload worker that misbehaves on purpose (functions a child process imports)."""

from __future__ import annotations

import signal
import time


def stall(seconds: float) -> None:
    """Hang where no timer reaches, as work stuck in C code does."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)


def hoard(megabytes: int) -> int:
    """Hold ``megabytes`` of memory at once."""
    return len(bytearray(megabytes * 1024 * 1024))
