"""How long ``ingest`` holds the store's write lock, per report, against the whole ingest.

    .venv/bin/python bench/ingest_lock.py [RUNS]

Ingests the bundled 涪陵区 report and every report of ``tests/corpus`` and
``tests/unseen`` into a fresh SQLite file each, ``RUNS`` times (default 3), and
times two things per report: the whole ``ingest_bytes`` (reading, extracting,
checking, writing) and the write transaction alone, from the moment its
``BEGIN IMMEDIATE`` is granted to its ``COMMIT``. The whole ingest is the
baseline: it is what the lock was held for when the report was parsed inside
the transaction. Prints medians over the reports (ms) and the ratio.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jihua.example import EXAMPLE  # noqa: E402
from jihua.store.database import create_store_engine, ensure_schema  # noqa: E402
from jihua.store.ingest import ingest_bytes  # noqa: E402

RUNS = 3


def reports() -> list[Path]:
    found = [ROOT / "jihua" / "data" / EXAMPLE]
    for folder in ("tests/corpus", "tests/unseen"):
        found += sorted((ROOT / folder).glob("*.txt"))
    return found


def held_times(engine: Engine) -> list[float]:
    """Durations (ms) of the engine's write transactions, as they end."""
    held: list[float] = []

    def began(connection: Any) -> None:
        if connection.get_execution_options().get("jihua_writer", False):
            connection.info["bench_began"] = time.perf_counter()

    def ended(connection: Any) -> None:
        started = connection.info.pop("bench_began", None)
        if started is not None:
            held.append((time.perf_counter() - started) * 1000)

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    return held


def one_run(path: Path, folder: Path) -> tuple[float, float] | None:
    """(whole ingest, lock held) in ms, or None when the file is not a report to store."""
    engine = create_store_engine(f"sqlite:///{folder / (path.stem + '.sqlite')}")
    ensure_schema(engine)
    held = held_times(engine)
    started = time.perf_counter()
    try:
        ingest_bytes(engine, path.read_bytes(), path.name, "bench")
    except Exception as exc:  # a corpus file that does not store is left out, and said so
        print(f"  skipped {path.name}: {exc}")
        return None
    finally:
        engine.dispose()
    whole = (time.perf_counter() - started) * 1000
    return whole, sum(held)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    wholes: list[float] = []
    helds: list[float] = []
    for path in reports():
        timings = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                timing = one_run(path, Path(folder))
            if timing is None:
                break
            timings.append(timing)
        if timings:
            whole = statistics.median(t[0] for t in timings)
            held = statistics.median(t[1] for t in timings)
            wholes.append(whole)
            helds.append(held)
            print(f"  {path.name:34s} ingest {whole:7.1f} ms   lock held {held:6.1f} ms")
    whole, held = statistics.median(wholes), statistics.median(helds)
    print(f"{len(wholes)} reports, median of {runs} runs each")
    print(f"ingest (baseline: the lock held through the parse) {whole:7.1f} ms per report")
    print(f"lock held (writes only)                            {held:7.1f} ms per report")
    print(f"ratio held / baseline                              {held / whole:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
