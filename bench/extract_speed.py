"""How fast ``jihua.extract`` reads a report.

    .venv/bin/python bench/extract_speed.py

Prints the seed report's extraction time after warm-up (goal: under 50 ms on one
core), documents per second over the corpus, and the ratio to a bare pass that
only finds every number with one regular expression over the same texts (goal:
at most 20×).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from jihua.document import Document, read_document
from jihua.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"
CORPUS = ROOT / "tests" / "corpus"
BARE_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings, in seconds (after one warm-up run)."""
    work()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    seed = read_document(SEED)
    seed_time = best_of(20, lambda: extract(seed))
    print(f"seed report ({len(seed.text)} chars): {seed_time * 1000:.1f} ms per extraction")

    documents: list[Document] = [seed, *(read_document(p) for p in sorted(CORPUS.glob("*.txt")))]
    corpus_time = best_of(10, lambda: [extract(d) for d in documents])
    bare_time = best_of(10, lambda: [BARE_NUMBER.findall(d.text) for d in documents])
    print(f"corpus ({len(documents)} documents): {len(documents) / corpus_time:.0f} documents/s")
    print(
        f"bare number regex: {bare_time * 1000:.2f} ms; extraction is {corpus_time / bare_time:.0f}× that"
    )


if __name__ == "__main__":
    main()
