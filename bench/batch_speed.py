"""``jihua extract DIR --jsonl OUT --jobs N``: does a second worker pay?

    .venv/bin/python bench/batch_speed.py [ROUNDS]

Builds two corpora in a temporary folder from the shipped reports, each file
edited differently (region, years, figures, dropped paragraphs, appended
excerpts), so that no two files are the same:

- *small*: 240 excerpts of about 2 KB (``tests/corpus``, ``tests/unseen``), where
  the work is smaller than a pool's start-up; goal: ``--jobs 2`` no slower
  than ``--jobs 1``;
- *full*: 200 full-size reports made from the 涪陵区 report; goal: ``--jobs 2``
  at least 1.8× ``--jobs 1``.

Each run is a whole ``jihua`` process; the runs alternate between the job
counts, and the median of ``ROUNDS`` (default 3) is printed, with the peak
resident memory of the largest worker in the first and the last quarter of
the run (flat when a worker does not grow with the number of files it read).
The CPU seconds of all processes show what the pool adds to the work itself;
on a machine busy with other work, the wall-clock speed-up is capped by the
cores that are free (the load average is printed first).
"""

from __future__ import annotations

import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"
EXCERPTS = sorted([*ROOT.glob("tests/corpus/*.txt"), *ROOT.glob("tests/unseen/*.txt")])
PLACES = [
    "青溪",
    "石门",
    "临川",
    "安平",
    "永宁",
    "东阳",
    "南漳",
    "兴山",
    "宁远",
    "平江",
    "桃源",
    "通城",
]
LEVELS = ["区", "县", "市"]
NUMBER = re.compile(r"(?<![0-9.])(\d{1,5})\.(\d{1,2})(?![0-9])")
YEAR = re.compile(r"(20[12]\d)(?=年)")
ROUNDS = 3
SMALL_FILES = 240
FULL_FILES = 200


def jitter_figures(text: str, rng: random.Random) -> str:
    """Every decimal figure moved by up to ±8 %, its decimals kept."""

    def moved(match: re.Match[str]) -> str:
        places = len(match.group(2))
        value = float(match.group(0)) * rng.uniform(0.92, 1.08)
        return f"{value:.{places}f}"

    return NUMBER.sub(moved, text)


def shift_years(text: str, by: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) + by), text)


def drop_paragraphs(text: str, rng: random.Random, share: float) -> str:
    """Leave out some long prose lines; lines with tabs (table rows) stay."""
    kept = [
        line for line in text.split("\n") if "\t" in line or len(line) < 60 or rng.random() >= share
    ]
    return "\n".join(kept)


def renamed(text: str, old: str, rng: random.Random) -> str:
    place = rng.choice(PLACES)
    return text.replace(old + "区", place + rng.choice(LEVELS)).replace(old, place)


def full_report(number: int, seed: str, excerpts: list[str]) -> str:
    rng = random.Random(number)
    text = renamed(seed, "涪陵", rng)
    text = shift_years(text, rng.randint(-4, 1))
    text = drop_paragraphs(jitter_figures(text, rng), rng, rng.uniform(0.0, 0.15))
    appended = rng.sample(excerpts, rng.randint(0, 3))
    return "\n\n".join([text, *appended])


def small_report(number: int, excerpts: list[str]) -> str:
    rng = random.Random(10_000 + number)
    text = excerpts[number % len(excerpts)]
    text = shift_years(jitter_figures(text, rng), rng.randint(-2, 2))
    return drop_paragraphs(text, rng, rng.uniform(0.0, 0.2))


def build_corpora(folder: Path) -> dict[str, Path]:
    seed = SEED.read_text(encoding="utf-8")
    excerpts = [p.read_text(encoding="utf-8") for p in EXCERPTS]
    small, full = folder / "small", folder / "full"
    small.mkdir()
    full.mkdir()
    for number in range(SMALL_FILES):
        (small / f"{number:04d}.txt").write_text(small_report(number, excerpts), encoding="utf-8")
    for number in range(FULL_FILES):
        text = full_report(number, seed, excerpts)
        (full / f"{number:04d}.txt").write_text(text, encoding="utf-8")
    return {"small": small, "full": full}


def jihua_command() -> list[str]:
    script = Path(sys.executable).with_name("jihua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jihua.cli"]


def environment() -> dict[str, str]:
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def resident_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmRSS:\s+(\d+)", status)
    return int(match.group(1)) if match else 0


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(argv: list[str]) -> tuple[float, float, list[tuple[float, int]]]:
    """Seconds of one run, the CPU seconds of all its processes, and (time, largest
    worker's resident KiB) samples during it."""
    samples: list[tuple[float, int]] = []
    cpu = cpu_of_children()
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=environment(), stderr=subprocess.DEVNULL)

    def sample() -> None:
        while process.poll() is None:
            workers = children_of(process.pid)
            if workers:
                samples.append((time.perf_counter() - started, max(map(resident_kib, workers))))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"失败：{' '.join(argv)}")
    return elapsed, cpu_of_children() - cpu, samples


def quarter_peaks(samples: list[tuple[float, int]], elapsed: float) -> tuple[int, int]:
    """The largest worker's peak MiB in the first and in the last quarter of the run."""
    first = [kib for at, kib in samples if at <= elapsed / 4]
    last = [kib for at, kib in samples if at >= elapsed * 3 / 4]
    return max(first, default=0) // 1024, max(last, default=0) // 1024


def measure(
    folder: Path, out: Path, rounds: int
) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """Wall and CPU seconds of each run, by job count."""
    timings: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    peaks: dict[int, tuple[int, int]] = {}
    for _ in range(rounds):
        for jobs in timings:
            argv = [*jihua_command(), "extract", str(folder), "--jsonl", str(out)]
            elapsed, used, samples = run([*argv, "--jobs", str(jobs)])
            timings[jobs].append(elapsed)
            cpu[jobs].append(used)
            peaks[jobs] = quarter_peaks(samples, elapsed)
    for jobs, (first, last) in peaks.items():
        if first or last:
            print(
                f"    --jobs {jobs} 最大工作进程内存：前四分之一 {first} MiB，后四分之一 {last} MiB"
            )
    return timings, cpu


def main(rounds: int) -> None:
    print(f"负载（1 分钟平均）：{os.getloadavg()[0]:.2f}，{os.cpu_count()} 核")
    with tempfile.TemporaryDirectory() as tmp:
        corpora = build_corpora(Path(tmp))
        for name, folder in corpora.items():
            files = sorted(folder.iterdir())
            size = sum(p.stat().st_size for p in files) / len(files) / 1024
            print(f"{name}：{len(files)} 个文件，平均 {size:.0f} KB")
            timings, cpu = measure(folder, Path(tmp) / f"{name}.jsonl", rounds)
            one, two = (statistics.median(timings[j]) for j in (1, 2))
            cpu_one, cpu_two = (statistics.median(cpu[j]) for j in (1, 2))
            goal = "≥ 1.0×" if name == "small" else "≥ 1.8×"
            print(
                f"  --jobs 1 {one:.2f} s（CPU {cpu_one:.2f} s）　"
                f"--jobs 2 {two:.2f} s（CPU {cpu_two:.2f} s）　"
                f"加速 {one / two:.2f}×（目标 {goal}；{rounds} 轮中位数）"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS)
