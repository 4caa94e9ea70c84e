"""How fast the store is: ingest of the seed, a synthetic province, compare.

    .venv/bin/python bench/store_speed.py [--districts 40] [--years 10]

Targets (issue 4): the seed ingests into SQLite in under 0.5 s; a province of
40 districts x 10 years x 31 indicators stores in under 30 s and answers
``compare`` in under 100 ms. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from jihua.document import Document
from jihua.example import EXAMPLE, example_document
from jihua.plan import read_plan
from jihua.store import Store
from jihua.store.compare import compare, load_synonyms
from jihua.store.database import writer
from jihua.store.figures import Source, plan_of, region_named
from jihua.store.grading import regrade_plan
from jihua.store.ingest import store_table
from jihua.tables import Indicator, IndicatorTable
from jihua.targets import parse_value

INDICATORS = 31


def extract_seconds(document: Document) -> float:
    try:
        from jihua.extract import extract
    except ImportError:
        extract = read_plan  # type: ignore[assignment]
    started = time.perf_counter()
    extract(document)
    return time.perf_counter() - started


def bench_seed(folder: Path) -> None:
    document = example_document()
    with Store(f"sqlite:///{folder / 'seed.sqlite'}") as store:
        started = time.perf_counter()
        store.ingest_document(document)
        ingest = time.perf_counter() - started
    extract = extract_seconds(document)
    print(f"ingest {EXAMPLE}: {ingest * 1000:.0f} ms (target < 500 ms)")
    print(f"  extract alone: {extract * 1000:.0f} ms; ingest / extract = {ingest / extract:.1f}")


def synthetic_table(year: int, rng: random.Random) -> IndicatorTable:
    rows = []
    for number in range(INDICATORS):
        name = "地区生产总值增速" if number == 0 else f"指标{number:02d}增速"
        target = rng.choice([5, 6, 6.5, 7, 8])
        actual = round(target * rng.uniform(0.6, 1.3), 1)
        rows.append(
            Indicator(
                str(number + 1),
                name,
                "%",
                False,
                "综合质效",
                parse_value(str(target)),
                parse_value(f"{actual}左右"),
                name,
                0,
                0,
            )
        )
    return IndicatorTable("execution", "", "", year, [], [], rows, 0, 0)


def bench_province(folder: Path, districts: int, years: int) -> None:
    rng = random.Random(4)
    text = Document("", "synthetic", "txt")
    with Store(f"sqlite:///{folder / 'province.sqlite'}") as store:
        started = time.perf_counter()
        for district in range(districts):
            for year in range(2014, 2014 + years):
                with Session(writer(store.engine)) as session, session.begin():
                    region = region_named(session, f"第{district + 1:02d}区", "某省")
                    plan = plan_of(session, region, year)
                    source = Source("bench", "bench")
                    store_table(session, plan, synthetic_table(year, rng), text, source)
                    regrade_plan(session, plan, "bench", "bench")
        stored = time.perf_counter() - started
        cells = districts * years * INDICATORS
        print(
            f"province {districts} x {years} x {INDICATORS} = {cells} indicators: {stored:.1f} s (target < 30 s)"
        )
        synonyms = load_synonyms()
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            standings = compare(store.engine, "GDP增长", 2014 + years - 1, synonyms)
            timings.append(time.perf_counter() - started)
        print(
            f"compare across {len(standings)} regions: median {statistics.median(timings) * 1000:.1f} ms,"
            f" worst {max(timings) * 1000:.1f} ms (target < 100 ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--districts", type=int, default=40)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench_seed(Path(folder))
        bench_province(Path(folder), args.districts, args.years)


if __name__ == "__main__":
    main()
