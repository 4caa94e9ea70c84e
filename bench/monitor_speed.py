"""How fast a district is followed through the year (调度) on SQLite.

    .venv/bin/python bench/monitor_speed.py [--districts 40] [--projects 400]

A synthetic province: 40 districts × 31 indicators (growth, levels that
accumulate, rates, ceilings, relations, targets set above) × 12 cumulative
months, and 400 projects per district with monthly completed investment.
Targets (issue 11): ``monitor`` of one district and period under 200 ms, all
40 under 2 s. Each figure is printed with its ratio to a plain ``SELECT`` of
the same rows (periodic values, projects, tasks of the district). Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session

from jihua.evaluate import load_rules
from jihua.monitor import load_monitor_rules, monitor
from jihua.store import Store
from jihua.store.schema import (
    Indicator,
    PeriodicValue,
    Plan,
    Project,
    Region,
    Target,
    Task,
)
from jihua.targets import parse_value

YEAR = 2024
#: (name, unit, target, kind of the monthly figure)
INDICATORS = [
    ("地区生产总值增速", "%", "6.5", "growth"),
    ("规上工业增加值增速", "%", "10左右", "growth"),
    ("城镇调查失业率", "%", "5.5以内", "level"),
    ("全体居民人均可支配收入", "%", "与经济增速同步", "growth"),
    ("单位地区生产总值能耗下降", "%", "完成市上下达目标任务", "level"),
    ("新增市级以上研发机构", "个", "5", "level"),
    ("常住人口城镇化率", "%", "72", "level"),
]
COUNT = 31


def indicator_specs() -> list[tuple[str, str, str, str]]:
    specs = list(INDICATORS)
    for number in range(COUNT - len(INDICATORS)):
        if number % 2:
            specs.append((f"指标{number:02d}增速", "%", f"{5 + number % 7}", "growth"))
        else:
            specs.append((f"指标{number:02d}总量", "亿元", f"{100 + number * 3}", "level"))
    return specs


def build_province(engine: Engine, districts: int, projects: int) -> None:
    rng = random.Random(11)
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        province = Region(name="某某省")
        session.add(province)
        session.flush()
        for d in range(districts):
            region = Region(name=f"第{d + 1:02d}区", parent_id=province.id)
            session.add(region)
            session.flush()
            plan = Plan(region_id=region.id, year=YEAR)
            session.add(plan)
            session.flush()
            _district(session, plan.id, rng, projects, now)


def _district(
    session: Session, plan_id: int, rng: random.Random, projects: int, now: datetime
) -> None:
    specs = indicator_specs()
    rows = [
        {
            "plan_id": plan_id,
            "position": i,
            "no": str(i + 1),
            "name": name,
            "unit": unit,
            "binding": False,
            "version": 1,
        }
        for i, (name, unit, _target, _kind) in enumerate(specs)
    ]
    ids = list(session.scalars(insert(Indicator).returning(Indicator.id), rows))
    targets, values = [], []
    for indicator_id, (_name, _unit, target, kind) in zip(ids, specs, strict=True):
        parsed = parse_value(target)
        targets.append(
            {
                "indicator_id": indicator_id,
                "period": "year",
                "text": target,
                "kind": parsed.kind,
                "number": parsed.number,
                "parsed": parsed.to_dict(),
                "version": 1,
            }
        )
        for month in range(1, 13):
            level = (
                float(target) * month / 12 * rng.uniform(0.7, 1.2)
                if parsed.number and kind == "level" and parsed.number > 20
                else rng.uniform(3, 9)
            )
            values.append(
                {
                    "indicator_id": indicator_id,
                    "period": f"{YEAR}-01..{month:02d}",
                    "first_month": 1,
                    "last_month": month,
                    "kind": kind,
                    "value": round(level, 2),
                    "vintage": "快报",
                    "vintage_rank": 1,
                    "source": "bench",
                    "recorded_at": now,
                    "version": 1,
                }
            )
    session.execute(insert(Target), targets)
    session.execute(insert(PeriodicValue), values)
    session.execute(
        insert(Project),
        [
            {
                "plan_id": plan_id,
                "position": p,
                "name": f"项目{p:03d}",
                "stage": "新开工" if p % 4 == 0 else "续建",
                "area": f"领域{p % 11}",
                "annual_investment": 2.0,
                "lead_unit": f"单位{p % 17}",
                "planned_start": f"{YEAR}-{1 + p % 12:02d}",
                "completed_investment": {
                    f"{YEAR}-{m:02d}": round(2.0 * m / 12 * rng.uniform(0.3, 1.2), 2)
                    for m in range(1, 13)
                    if p % 9
                },
                "extra": {},
                "version": 1,
            }
            for p in range(projects)
        ],
    )
    session.execute(
        insert(Task),
        [
            {
                "plan_id": plan_id,
                "position": t,
                "number": str(t + 1),
                "title": f"任务{t + 1}",
                "lead_department": f"单位{t % 9}",
                "commitments": [],
                "extra": {},
                "version": 1,
            }
            for t in range(28)
        ],
    )


PLAIN = """
SELECT v.indicator_id, v.first_month, v.last_month, v.kind, v.value, v.vintage_rank
  FROM periodic_values v JOIN indicators i ON i.id = v.indicator_id
  JOIN plans p ON p.id = i.plan_id JOIN regions r ON r.id = p.region_id
 WHERE r.name = :region AND p.year = :year;
"""
PLAIN_PROJECTS = """
SELECT pr.id, pr.annual_investment, pr.completed_investment, pr.planned_start
  FROM projects pr JOIN plans p ON p.id = pr.plan_id JOIN regions r ON r.id = p.region_id
 WHERE r.name = :region AND p.year = :year;
"""


def plain_select(engine: Engine, region: str) -> int:
    """The district's periodic values and projects, read and nothing else: the row count."""
    with engine.connect() as connection:
        return sum(
            len(connection.execute(text(query), {"region": region, "year": YEAR}).all())
            for query in (PLAIN, PLAIN_PROJECTS)
        )


def timed(call: object, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--districts", type=int, default=40)
    parser.add_argument("--projects", type=int, default=400)
    args = parser.parse_args()
    rules, grading = load_monitor_rules(), load_rules()
    with (
        tempfile.TemporaryDirectory() as folder,
        Store(f"sqlite:///{Path(folder) / 'province.sqlite'}") as store,
    ):
        started = time.perf_counter()
        build_province(store.engine, args.districts, args.projects)
        print(
            f"province: {args.districts} districts × {COUNT} indicators × 12 months, "
            f"{args.projects} projects each, stored in {time.perf_counter() - started:.1f} s"
        )
        engine, names = store.engine, [f"第{d + 1:02d}区" for d in range(args.districts)]
        one = timed(lambda: monitor(engine, names[0], YEAR, "2024-06", rules, grading), 7)
        plain_one = timed(lambda: plain_select(engine, names[0]), 7)
        print(
            f"monitor one district, 1-6月: {one * 1000:.1f} ms (target < 200 ms); "
            f"plain SELECT of its rows {plain_one * 1000:.1f} ms; ratio {one / plain_one:.1f}"
        )
        every = timed(
            lambda: [monitor(engine, n, YEAR, "2024-06", rules, grading) for n in names], 3
        )
        plain_every = timed(lambda: [plain_select(engine, n) for n in names], 3)
        print(
            f"monitor all {args.districts}: {every:.2f} s (target < 2 s); "
            f"plain SELECT {plain_every:.2f} s; ratio {every / plain_every:.1f}"
        )


if __name__ == "__main__":
    main()
