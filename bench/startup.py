"""How long a planner waits for a ``jihua`` command, against Python's own start-up.

    .venv/bin/python bench/startup.py [RUNS]

Runs whole processes, in alternation so that every command sees the same state
of the machine, and prints the median and the fastest of ``RUNS`` runs (default
15) of each in wall-clock time, and the median in CPU time (user and system: on
a machine busy with other work the wall clock stretches, CPU time stays), each
with its ratio to ``python -c pass`` measured in the same run. Goals:
``jihua --help`` at most 6×, ``jihua analyze`` of the bundled example at most
10×. Then the imports that take longest for ``jihua analyze`` (``python -X
importtime``), so that a slow start names its cause.

The commands run with their bytecode written (``PYTHONDONTWRITEBYTECODE`` is
dropped), as an installed ``jihua`` runs: otherwise every run would compile
jihua's sources again, some 50 ms that no user waits for.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"
RUNS = 15
GOALS = {"jihua --help": 6.0, "jihua analyze": 10.0}


def jihua_command() -> list[str]:
    """The installed ``jihua`` script beside this Python, else the module."""
    script = Path(sys.executable).with_name("jihua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jihua.cli"]


def commands() -> dict[str, list[str]]:
    jihua = jihua_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "jihua --help": [*jihua, "--help"],
        "jihua analyze": [*jihua, "analyze"],
        "jihua analyze --json": [*jihua, "analyze", "--json"],
        "jihua extract 涪陵.txt --json": [*jihua, "extract", str(SEED), "--json"],
    }


def environment() -> dict[str, str]:
    """This checkout first on the path, so that the bench measures the code beside it."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": os.pathsep.join(paths), "COLUMNS": "100"}


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds of one run: wall clock and CPU (user and system)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"失败：{' '.join(argv)}")
    return elapsed, usage.ru_utime + usage.ru_stime


def timings(runs: int) -> dict[str, list[tuple[float, float]]]:
    """Seconds (wall, CPU) of each command's runs, the commands one after another in each round."""
    env = environment()
    argvs = commands()
    for argv in argvs.values():  # warm the file cache and the bytecode
        run_once(argv, env)
    measured: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
    for _ in range(runs):
        for name, argv in argvs.items():
            measured[name].append(run_once(argv, env))
    return measured


def import_time_by_package(argv: list[str], count: int = 8) -> list[tuple[float, str]]:
    """Milliseconds spent importing each top-level package during ``argv`` (its own time,
    summed over its modules), the largest first."""
    code = "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
    env = {**environment(), "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, check=False
    )
    spent: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            package = parts[2].strip().split(".")[0]
            spent[package] = spent.get(package, 0.0) + int(parts[0]) / 1000
    return sorted(((ms, name) for name, ms in spent.items()), reverse=True)[:count]


def main(runs: int) -> None:
    measured = timings(runs)
    base = statistics.median(wall for wall, _ in measured["python -c pass"])
    base_cpu = statistics.median(cpu for _, cpu in measured["python -c pass"])
    print(f"{runs} 次（交替运行），墙钟的中位数与最快，CPU 时间的中位数；倍数对 python -c pass：")
    for name, values in measured.items():
        median = statistics.median(wall for wall, _ in values)
        cpu = statistics.median(cpu for _, cpu in values)
        ratio = median / base
        goal = GOALS.get(name)
        verdict = f"（目标 ≤ {goal:g}×：{'达到' if ratio <= goal else '未达到'}）" if goal else ""
        print(
            f"  {name:<30} {median * 1000:7.1f} ms  最快 {min(w for w, _ in values) * 1000:7.1f} ms"
            f"  {ratio:5.1f}×　CPU {cpu * 1000:6.1f} ms {cpu / base_cpu:5.1f}×{verdict}"
        )
    script = jihua_command()
    if len(script) == 1:
        print("jihua analyze 的导入时间，按顶层包（各模块自身用时之和）：")
        for ms, name in import_time_by_package([script[0], "analyze"]):
            print(f"  {ms:7.1f} ms  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
