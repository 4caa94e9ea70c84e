"""How fast ``jihua import`` takes 100,000 rows into SQLite, each kind of file.

    .venv/bin/python bench/import_speed.py [--rows 100000]

Target (issue 15): 100,000 distinct rows in at most 5 s. One store, in order:
年度目标 for 1,000 new regions x 100 indicators (which creates the plans), 完成值
for the same 100,000 indicators (and regrades 1,000 plans), 月度数据 for them,
a project list of 100,000 projects for the seed's plan, and an actuals file of
one row pasted 100,000 times (refused, naming the repeated rows). The baseline,
measured in the same run, is reading the same CSV with the ``csv`` module: the
ratio says how many times a plain read of the file the import costs. Prints the
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jihua.errors import UserError
from jihua.example import example_document
from jihua.store import Store
from jihua.store.monthly import import_monthly
from jihua.store.project_list import import_projects
from jihua.store.sheets import import_actuals
from jihua.store.target_list import import_targets

INDICATORS = 100
TARGET = 5.0


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows(rows)
    return path


def files(folder: Path, count: int) -> dict[str, Path]:
    regions = [f"第{n:04d}区" for n in range(count // INDICATORS)]
    keys = [(r, f"指标{i:03d}增速") for r in regions for i in range(INDICATORS)]
    return {
        "targets": write_csv(
            folder / "targets.csv",
            ["地区", "年份", "指标", "单位", "目标", "约束性"],
            [[r, "2025", name, "%", f"{5 + n % 3}左右", ""] for n, (r, name) in enumerate(keys)],
        ),
        "actuals": write_csv(
            folder / "actuals.csv",
            ["地区", "年份", "指标", "完成值", "口径", "来源"],
            [
                [r, "2025", name, f"{4 + n % 5}.{n % 10}", "快报", "统计快报"]
                for n, (r, name) in enumerate(keys)
            ],
        ),
        "monthly": write_csv(
            folder / "monthly.csv",
            ["地区", "指标", "年份", "期间", "数值", "类型"],
            [
                [r, name, "2025", "1-6月", f"{n % 9}.5", "growth"]
                for n, (r, name) in enumerate(keys)
            ],
        ),
        "projects": write_csv(
            folder / "projects.csv",
            ["项目名称", "建设阶段", "领域", "总投资（亿元）", "年度计划投资（亿元）", "牵头单位"],
            [
                [
                    f"第{n}号道路改造工程",
                    "新开工",
                    "基础设施",
                    f"{10 + n % 7}",
                    f"{1 + n % 3}",
                    "区交通局",
                ]
                for n in range(count)
            ],
        ),
        "repeated": write_csv(
            folder / "repeated.csv",
            ["地区", "年份", "指标", "完成值", "口径", "来源"],
            [["涪陵区", "2023", "地区生产总值增速", "7.6", "快报", "统计快报"]] * count,
        ),
    }


def csv_seconds(path: Path) -> float:
    started = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for _ in csv.reader(handle):
            pass
    return time.perf_counter() - started


def timed(run: Callable[[], object]) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``run``, and what it answered."""
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        answer = str(run())
    except UserError as exc:
        answer = f"拒绝：{str(exc).splitlines()[0]}"
    return time.perf_counter() - wall, time.process_time() - cpu, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    count = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = files(folder, count)
        with Store(f"sqlite:///{folder / 'bench.sqlite'}") as store:
            store.ingest_document(example_document())
            engine = store.engine
            runs: dict[str, Callable[[], object]] = {
                "targets": lambda: import_targets(engine, paths["targets"]),
                "actuals": lambda: import_actuals(engine, paths["actuals"]),
                "monthly": lambda: import_monthly(engine, paths["monthly"]),
                "projects": lambda: import_projects(engine, paths["projects"], "涪陵区", 2024),
                "repeated": lambda: import_actuals(engine, paths["repeated"]),
            }
            print(f"import of {count:,} rows into SQLite (target ≤ {TARGET:.0f} s)")
            for kind, run in runs.items():
                baseline = csv_seconds(paths[kind])
                wall, cpu, answer = timed(run)
                verdict = "ok" if wall <= TARGET else "SLOW"
                print(
                    f"  {kind:9} {wall:6.2f} s (CPU {cpu:5.2f} s) {verdict:4}  "
                    f"csv.reader {baseline * 1000:5.0f} ms, ratio {wall / baseline:5.0f}  → {answer[:60]}"
                )


if __name__ == "__main__":
    main()
