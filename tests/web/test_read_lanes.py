"""Reads wait for a lane; writes and static files never do."""

from __future__ import annotations

import asyncio
from typing import Any

from jihua.web.lanes import ReadLanes


def _scope(method: str, path: str) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path}


def test_a_write_passes_while_every_read_lane_is_taken() -> None:
    async def scenario() -> list[str]:
        release = asyncio.Event()
        done: list[str] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            if scope["path"] == "/slow":
                await release.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            done.append(f"{scope['method']} {scope['path']}")

        async def send(message: Any) -> None:
            return None

        async def receive() -> Any:
            return {"type": "http.request"}

        lanes = ReadLanes(app, lanes=1)
        slow = asyncio.create_task(lanes(_scope("GET", "/slow"), receive, send))
        await asyncio.sleep(0)
        waiting = asyncio.create_task(lanes(_scope("GET", "/plans"), receive, send))
        await lanes(_scope("PUT", "/api/indicators/1/actual"), receive, send)
        await lanes(_scope("GET", "/static/jihua.css"), receive, send)
        assert not waiting.done()
        release.set()
        await asyncio.gather(slow, waiting)
        return done

    assert asyncio.run(scenario()) == [
        "PUT /api/indicators/1/actual",
        "GET /static/jihua.css",
        "GET /slow",
        "GET /plans",
    ]
