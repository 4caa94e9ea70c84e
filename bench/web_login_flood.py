"""The dashboard for a logged-in user while 16 clients hammer ``/login`` with wrong passwords.

    .venv/bin/python bench/web_login_flood.py [--attackers 16] [--seconds 20]

Starts ``jihua serve --demo`` on a free 127.0.0.1 port (as ``bench/web_load.py``),
logs a reviewer in, and runs the attackers in another process (so they do not
share the measuring client's GIL): each posts wrong passwords for ``planner``
over and over. After 5 failures the login throttle refuses each try with HTTP
429 before the password is hashed, so argon2 does not take the processor from
other users. Meanwhile one client requests the dashboard in turn. Prints the
dashboard's p50/p95 with and without the flood, and the attackers' replies by
status. Goal: dashboard p95 < 100 ms under the flood.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.web_load import TARGETS, logged_in_cookie, p95, serving

LIMIT_MS = 100.0
VICTIM = "planner"


def attacker(port: int, until: float, statuses: Counter[int]) -> None:
    """Wrong passwords for one account, one connection, a fresh CSRF token from the session."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/login")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("set-cookie", "").split(";")[0]
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    n = 0
    while time.monotonic() < until:
        n += 1
        body = urlencode({"name": VICTIM, "password": f"wrong-{n}", "csrf_token": token})
        connection.request("POST", "/login", body=body, headers=headers)
        reply = connection.getresponse()
        reply.read()
        statuses[reply.status] += 1
    connection.close()


def flood(
    port: int, attackers: int, until: float, out: multiprocessing.Queue[dict[int, int]]
) -> None:
    statuses: Counter[int] = Counter()
    threads = [
        threading.Thread(target=attacker, args=(port, until, statuses)) for _ in range(attackers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put(dict(statuses))


def dashboard_times(port: int, cookie: str, seconds: float) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    until, timings = time.monotonic() + seconds, []
    while time.monotonic() < until:
        start = time.perf_counter()
        connection.request("GET", TARGETS["dashboard"], headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"dashboard: HTTP {response.status}")
        timings.append((time.perf_counter() - start) * 1000)
    connection.close()
    return timings


def line(name: str, values: list[float]) -> str:
    return (
        f"{name:18s} n={len(values):5d}  p50={statistics.median(values):7.1f} ms  "
        f"p95={p95(values):7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attackers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, serving(Path(folder)) as port:
        cookie = logged_in_cookie(port)
        quiet = dashboard_times(port, cookie, min(args.seconds, 5.0))
        queue: multiprocessing.Queue[dict[int, int]] = multiprocessing.Queue()
        until = time.monotonic() + args.seconds + 1.0
        process = multiprocessing.Process(target=flood, args=(port, args.attackers, until, queue))
        process.start()
        time.sleep(1.0)  # the attackers connect and reach the throttle
        busy = dashboard_times(port, cookie, args.seconds)
        statuses = queue.get(timeout=120)
        process.join(timeout=30)
    print(f"{args.attackers} clients posting wrong passwords for {VICTIM!r}, {args.seconds:.0f} s")
    print(line("dashboard, quiet", quiet))
    value = p95(busy)
    verdict = "  ok" if value < LIMIT_MS else f"  OVER {LIMIT_MS:.0f} ms"
    print(line("dashboard, flood", busy) + verdict)
    print("login replies: " + ", ".join(f"HTTP {s}: {n}" for s, n in sorted(statuses.items())))
    return 0 if value < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
