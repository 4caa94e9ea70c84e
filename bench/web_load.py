"""Bounded load on loopback: dashboard and plan API p95, against a static file.

    .venv/bin/python bench/web_load.py [--clients 20] [--seconds 30]

Starts ``jihua serve --demo`` on a free 127.0.0.1 port with a fresh SQLite
store holding the bundled example, logs 20 clients in, and has them request the dashboard, the
plan API and the stylesheet in turn for the given time. Prints p50/p95 per
target and the ratio to the static file. Targets: dashboard p95 < 100 ms,
``GET /api/plans/...`` p95 < 30 ms.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jihua.web.demo import DEMO_PASSWORD
from tests.web.server import free_port, wait_for

REGION, YEAR = "涪陵区", 2023
TARGETS = {
    "dashboard": f"/plans/{quote(REGION)}/{YEAR}",
    "api_plan": f"/api/plans/{quote(REGION)}/{YEAR}",
    "static": "/static/jihua.css",
}
LIMITS_MS = {"dashboard": 100.0, "api_plan": 30.0}


@contextmanager
def serving(folder: Path) -> Iterator[int]:
    """``jihua serve --demo`` in its own process, so the clients do not share its GIL."""
    port = free_port()
    command = [sys.executable, "-c", "from jihua.cli import main; main()", "serve", "--demo"]
    command += ["--db", f"sqlite:///{folder / 'bench.sqlite'}", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def logged_in_cookie(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/login")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("set-cookie", "").split(";")[0]
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    body = urlencode({"name": "reviewer", "password": DEMO_PASSWORD, "csrf_token": token})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/login", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.getheader("set-cookie", "").split(";")[0] or cookie


def client(port: int, cookie: str, until: float, timings: dict[str, list[float]]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < until:
        for name, path in TARGETS.items():
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            timings[name].append(elapsed)
    connection.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, serving(Path(folder)) as port:
        cookie = logged_in_cookie(port)
        timings: dict[str, list[float]] = {name: [] for name in TARGETS}
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, cookie, until, timings))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return report(timings, args.clients, args.seconds)


def report(timings: dict[str, list[float]], clients: int, seconds: float) -> int:
    print(f"{clients} clients, {seconds:.0f} s, loopback, SQLite")
    static = p95(timings["static"])
    failed = False
    for name, values in timings.items():
        value = p95(values)
        limit = LIMITS_MS.get(name)
        verdict = "" if limit is None else ("  ok" if value < limit else f"  OVER {limit:.0f} ms")
        failed |= limit is not None and value >= limit
        print(
            f"{name:10s} n={len(values):6d}  p50={statistics.median(values):7.1f} ms  "
            f"p95={value:7.1f} ms  ×static={value / static:5.1f}{verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
