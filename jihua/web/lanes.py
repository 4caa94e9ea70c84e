"""Reads take turns in a few lanes, so a write never queues behind every reader for the CPU.

A worker process runs its handlers in threads that share one interpreter lock.
With 16 readers rendering pages, a write got a sixteenth of the CPU while it
held the database's write turn, and every other write waited on it: a ``PUT`` of
an actual had p95 2.8 s. :class:`ReadLanes` lets at most :data:`READ_LANES`
reads (``GET``/``HEAD``, static files aside) run at once; the others wait in
the event loop, costing nothing, and writes pass straight through. A read
leaves its lane when its response starts, so a slow client holds none.

=================  =======  ============================
setting            default  environment variable
=================  =======  ============================
reads at once      4        ``JIHUA_READ_LANES``
=================  =======  ============================
"""

from __future__ import annotations

import asyncio
import os
import weakref
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from jihua.errors import UserError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LANES_VARIABLE = "JIHUA_READ_LANES"
READ_LANES = 4


def read_lanes() -> int:
    raw = os.environ.get(LANES_VARIABLE, "").strip()
    if not raw:
        return READ_LANES
    if not raw.isdigit() or int(raw) == 0:
        raise UserError(f"环境变量 {LANES_VARIABLE} 应为正整数，现为：{raw}")
    return int(raw)


class ReadLanes:
    def __init__(self, app: ASGIApp, lanes: int | None = None) -> None:
        self.app = app
        self.lanes = lanes or read_lanes()
        #: one gate per event loop (a test client runs its own)
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_read(scope):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self.lanes)
        await gate.acquire()
        held = True

        async def started(message: Message) -> None:
            nonlocal held
            if held and message["type"] == "http.response.start":
                held = False
                gate.release()
            await send(message)

        try:
            await self.app(scope, receive, started)
        finally:
            if held:
                gate.release()


def _is_read(scope: Scope) -> bool:
    return (
        scope["type"] == "http"
        and scope.get("method") in ("GET", "HEAD")
        and not str(scope.get("path", "")).startswith("/static/")
    )
