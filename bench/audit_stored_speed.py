"""How long a stored plan takes to be read back, graded and audited.

Ingests the seed into a throwaway SQLite file, then times
``jihua audit --region 涪陵区 --year 2023`` without the command line:
:func:`jihua.report.stored.read_stored_plan`, grading and the audit.
Run: ``.venv/bin/python bench/audit_stored_speed.py``. Prints figures, asserts nothing.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import jihua.store
from jihua.audit import audit
from jihua.evaluate import evaluate
from jihua.example import EXAMPLE
from jihua.report.stored import read_stored_plan

SEED = Path(__file__).resolve().parent.parent / "jihua" / "data" / EXAMPLE
ROUNDS = 10


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'jihua.sqlite'}"
        with jihua.store.open(url) as store:
            store.ingest(SEED)
            times = []
            for _ in range(ROUNDS):
                began = time.perf_counter()
                stored = read_stored_plan(store, "涪陵区", 2023)
                audit(stored.report, None, evaluate(stored.report), stored.two_reports)
                times.append(time.perf_counter() - began)
    print(f"stored plan read + grade + audit {min(times) * 1000:.1f} ms (best of {ROUNDS})")


if __name__ == "__main__":
    main()
