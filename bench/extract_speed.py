"""How fast ``jihua.extract`` reads a report.

    .venv/bin/python bench/extract_speed.py

Prints the seed report's extraction time after warm-up (goal: under 50 ms on one
core), documents per second over the corpus (the seed and ``tests/corpus/*.txt``),
the ratio to a bare pass that only finds every number with one regular expression
over the same texts (goal: at most 20×), and where the time of the corpus goes:
reading the plan (region, years, indicator tables: ``jihua.plan``), the tables as
JSON, the facts (of which the number scan), the projects and the tasks.

Each figure is the fastest of several runs, so that a busy machine disturbs it less; the
corpus and the bare pass are timed in alternation (:func:`alternating_best`), so that both
see the same state of the machine and the ratio does not move with it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jihua.document import Document, read_document
from jihua.extract import extract
from jihua.extract.facts import read_facts
from jihua.extract.numbers import scan_numbers
from jihua.extract.projects import read_projects
from jihua.extract.tasks import read_tasks
from jihua.plan import PlanReport, read_plan

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"
CORPUS = ROOT / "tests" / "corpus"
BARE_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
RUNS = 30
#: rounds of the corpus against the bare pass: the bare pass is short, so its fastest time
#: needs many tries to be stable
RATIO_ROUNDS = 150


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings, in seconds (after one warm-up run)."""
    work()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def alternating_best(rounds: int, *works: Callable[[], object]) -> list[float]:
    """The fastest timing of each work, the works run one after another in each round."""
    for work in works:
        work()
    best = [float("inf")] * len(works)
    for _ in range(rounds):
        for index, work in enumerate(works):
            started = time.perf_counter()
            work()
            best[index] = min(best[index], time.perf_counter() - started)
    return best


def stage_timings(documents: list[Document]) -> dict[str, float]:
    """Seconds per pass over the documents for each stage of ``extract``."""
    reports = [read_plan(d) for d in documents]
    spans = [[(t.start, t.end) for t in r.tables] for r in reports]
    facts = [_fact_dicts(d, r, s) for d, r, s in zip(documents, reports, spans, strict=True)]
    raw_spans = [[(t.start, t.end) for t in d.tables] for d in documents]
    return {
        "plan (jihua.plan.read_plan)": best_of(RUNS, lambda: [read_plan(d) for d in documents]),
        "tables as JSON": best_of(RUNS, lambda: [[t.to_dict() for t in r.tables] for r in reports]),
        "facts": best_of(
            RUNS,
            lambda: [
                _fact_dicts(d, r, s) for d, r, s in zip(documents, reports, spans, strict=True)
            ],
        ),
        "  of which the number scan": best_of(
            RUNS, lambda: [scan_numbers(d.text, s) for d, s in zip(documents, spans, strict=True)]
        ),
        "projects": best_of(
            RUNS,
            lambda: [
                read_projects(d.text, r.plan_year) for d, r in zip(documents, reports, strict=True)
            ],
        ),
        "tasks": best_of(
            RUNS,
            lambda: [
                read_tasks(d.text, f, s)
                for d, f, s in zip(documents, facts, raw_spans, strict=True)
            ],
        ),
    }


def _fact_dicts(
    document: Document, report: PlanReport, spans: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    found = read_facts(document.text, report.report_year, report.plan_year, spans)
    return [fact.to_dict() for fact in found]


def main() -> None:
    seed = read_document(SEED)
    seed_time = best_of(RUNS, lambda: extract(seed))
    print(f"seed report ({len(seed.text)} chars): {seed_time * 1000:.1f} ms per extraction")

    documents: list[Document] = [seed, *(read_document(p) for p in sorted(CORPUS.glob("*.txt")))]
    corpus_time, bare_time = alternating_best(
        RATIO_ROUNDS,
        lambda: [extract(d) for d in documents],
        lambda: [BARE_NUMBER.findall(d.text) for d in documents],
    )
    print(
        f"corpus ({len(documents)} documents): {corpus_time * 1000:.1f} ms, "
        f"{len(documents) / corpus_time:.0f} documents/s"
    )
    print(f"bare number regex: {bare_time * 1000:.2f} ms")
    print(f"extraction / bare pass: {corpus_time / bare_time:.0f}×  (goal: at most 20×)")
    print("where the corpus time goes (ms, and × the bare pass):")
    for stage, seconds in stage_timings(documents).items():
        print(f"  {stage:30} {seconds * 1000:6.2f} ms  {seconds / bare_time:5.1f}×")


if __name__ == "__main__":
    main()
