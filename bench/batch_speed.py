"""``jihua extract DIR --jsonl OUT``: does a second worker pay, locally and on Dask?

    .venv/bin/python bench/batch_speed.py [ROUNDS]

Builds two corpora from the shipped reports, each file edited differently
(region, years, figures, dropped paragraphs, appended excerpts), so that no two
files are the same, and keeps them in ``bench/.corpus/`` (git-ignored; rebuilt
when the shipped reports or :data:`CORPUS_VERSION` change):

- *small*: 240 excerpts of about 2 KB (``tests/corpus``, ``tests/unseen``), where
  the work is smaller than a pool's start-up; goal: ``--jobs 2`` no slower
  than ``--jobs 1``;
- *full*: 200 full-size reports made from the 涪陵区 report, as text (120),
  DOCX (40) and PDF (40, through LibreOffice as ``bench/pdf_speed.py`` does),
  in alternation; goals: ``--jobs 2`` at least 1.8× ``--jobs 1``, and the Dask
  run on two workers at least 1.6× ``--jobs 1`` (``jihua[cluster]``): on a
  running cluster (``dask scheduler`` and ``dask worker --nworkers 2
  --nthreads 1`` started here first, as on real machines) and with
  ``--scheduler local:2``, which starts its workers inside the run. A running
  cluster of one worker is measured too: two workers against one is Dask's own
  scaling, without the client and the scheduler that ``--jobs 1`` does not have.

The local set-ups run before the cluster is started (an idle cluster's heartbeats
and memory checks take CPU from them); the Dask set-ups then run beside ``--jobs 1``
measured again with the cluster waiting. Each run is a whole ``jihua`` process;
the runs alternate between the set-ups,
and the median of ``ROUNDS`` (default 3) is printed with its ratio to
``--jobs 1`` of the same rounds, and the peak resident memory of the largest
worker in the first and the last quarter of the run (flat when a worker does
not grow with the number of files it read). The CPU seconds of all local
processes show what the pool adds to the work itself (the Dask workers started
here are not counted there). On a machine busy with other work, the
wall-clock speed-up is capped by the cores that are free: the load average is
printed before each corpus and after the runs.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"
EXCERPTS = sorted([*ROOT.glob("tests/corpus/*.txt"), *ROOT.glob("tests/unseen/*.txt")])
CACHE = Path(__file__).resolve().parent / ".corpus"
#: raise when the way the corpora are made changes, so that they are made again
CORPUS_VERSION = 2
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
#: the formats of the full corpus, in turn: three texts, a DOCX, a text, a PDF, …
FULL_FORMATS = ("txt", "docx", "txt", "pdf", "txt")


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


def corpora() -> dict[str, Path]:
    """The two corpora, built into :data:`CACHE` unless they are there already."""
    sources = [SEED, *EXCERPTS, ROOT / "tests" / "report_files.py"]
    digest = hashlib.sha256(str(CORPUS_VERSION).encode())
    for source in sources:
        digest.update(source.read_bytes())
    folder = CACHE / digest.hexdigest()[:12]
    if not folder.exists():
        CACHE.mkdir(exist_ok=True)
        (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
        for old in CACHE.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
        building = Path(tempfile.mkdtemp(dir=CACHE))
        started = time.perf_counter()
        try:
            build_corpora(building)
        except BaseException:
            shutil.rmtree(building)
            raise
        building.rename(folder)
        print(f"（语料已生成：{time.perf_counter() - started:.0f} s，存于 {folder}）")
    return {"small": folder / "small", "full": folder / "full"}


def build_corpora(folder: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    excerpts = [p.read_text(encoding="utf-8") for p in EXCERPTS]
    small, full = folder / "small", folder / "full"
    small.mkdir()
    full.mkdir()
    for number in range(SMALL_FILES):
        (small / f"{number:04d}.txt").write_text(small_report(number, excerpts), encoding="utf-8")
    as_pdf = []
    for number in range(FULL_FILES):
        text = full_report(number, seed, excerpts)
        kind = FULL_FORMATS[number % len(FULL_FORMATS)]
        if kind == "txt":
            (full / f"{number:04d}.txt").write_text(text, encoding="utf-8")
        else:
            docx = word_file(text, full / f"{number:04d}.docx")
            if kind == "pdf":
                as_pdf.append(docx)
    to_pdf(as_pdf, full)


def word_file(text: str, path: Path) -> Path:
    """The report as a Word file with ruled tables and page numbers (``tests/report_files.py``)."""
    sys.path.insert(0, str(ROOT))
    from jihua.document import read_bytes
    from jihua.plan import read_plan
    from tests.report_files import docx_from

    return docx_from(
        read_plan(read_bytes(text.encode("utf-8"), path.stem + ".txt")), path, page_numbers=True
    )


def to_pdf(files: list[Path], folder: Path) -> None:
    """The Word files converted by LibreOffice in one call, each replaced by its PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）把语料转成 PDF")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
        )
    for docx in files:
        if not docx.with_suffix(".pdf").exists():
            raise SystemExit(f"LibreOffice 未能转换 {docx.name}")
        docx.unlink()


def jihua_command() -> list[str]:
    script = Path(sys.executable).with_name("jihua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jihua.cli"]


def environment() -> dict[str, str]:
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def descendants_of(roots: list[int]) -> list[int]:
    """Every process started, directly or not, by one of ``roots``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
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


#: how often the workers' memory is read: walking /proc takes about 2 ms, which every 50 ms
#: took 4% of a core from the runs with two workers and none from the run with one
SAMPLE_SECONDS = 0.25


def run(argv: list[str], workers: list[int]) -> tuple[float, float, list[tuple[float, int]]]:
    """Seconds of one run, the CPU seconds of all its processes, and (time, largest
    worker's resident KiB) samples during it. The workers are the processes the run
    starts, and those of ``workers`` (a cluster started before it)."""
    samples: list[tuple[float, int]] = []
    cpu = cpu_of_children()
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=environment(), stderr=subprocess.DEVNULL)

    def sample() -> None:
        while process.poll() is None:
            found = descendants_of([process.pid, *workers])
            if found:
                samples.append((time.perf_counter() - started, max(map(resident_kib, found))))
            time.sleep(SAMPLE_SECONDS)

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(argv: list[str]) -> subprocess.Popen[bytes]:
    """A quiet process, with this tree's jihua importable and no dashboard."""
    return subprocess.Popen(
        [*argv, "--dashboard-address", ":0"],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def running_cluster(workers: int) -> Iterator[tuple[str, list[int]] | None]:
    """A Dask scheduler and ``workers`` single-threaded worker processes on this machine,
    started as on real machines; None when Dask is not installed."""
    try:
        import distributed
    except ImportError:
        yield None
        return
    address = f"tcp://127.0.0.1:{free_port()}"
    dask = str(Path(sys.executable).with_name("dask"))
    scheduler = start([dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":")[-1]])
    worker = start([dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1"])
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, [worker.pid]
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)


def measure(
    folder: Path, out: Path, setups: dict[str, tuple[list[str], list[int]]], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU seconds of each run, by set-up (its options and its cluster's workers)."""
    timings: dict[str, list[float]] = {name: [] for name in setups}
    cpu: dict[str, list[float]] = {name: [] for name in setups}
    peaks: dict[str, tuple[int, int]] = {}
    argv = [*jihua_command(), "extract", str(folder), "--jsonl", str(out)]
    for _, (options, workers) in setups.items():  # warm the files, the bytecode, the cluster
        run([*argv, *options], workers)
    for _ in range(rounds):
        for name, (options, workers) in setups.items():
            elapsed, used, samples = run([*argv, *options], workers)
            timings[name].append(elapsed)
            cpu[name].append(used)
            peaks[name] = quarter_peaks(samples, elapsed)
    for name, (first, last) in peaks.items():
        if first or last:
            print(f"    {name} 最大工作进程内存：前四分之一 {first} MiB，后四分之一 {last} MiB")
    return timings, cpu


def throughput(folder: Path) -> None:
    """What one worker does per second of CPU, by format: the files of ``folder`` read and
    extracted in this process, timed with the CPU clock (the same on a busy machine)."""
    sys.path.insert(0, str(ROOT))
    from jihua.cli.extract import extract_line

    seconds: dict[str, float] = {}
    counts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for path in sorted(folder.iterdir()):
        started = time.process_time()
        extract_line(path)
        kind = path.suffix[1:]
        seconds[kind] = seconds.get(kind, 0.0) + time.process_time() - started
        counts[kind] = counts.get(kind, 0) + 1
        sizes[kind] = sizes.get(kind, 0) + path.stat().st_size
    figures = "；".join(
        f"{kind} {counts[kind] / seconds[kind]:.1f} 份/s（{sizes[kind] / seconds[kind] / 2**20:.2f} MB/s）"
        for kind in sorted(seconds)
    )
    total = sum(counts.values()) / sum(seconds.values())
    print(f"  一个工作进程每 CPU 秒：{figures}；全部 {total:.1f} 份/s")


def load() -> str:
    return f"负载（1 分钟平均）{os.getloadavg()[0]:.2f}，{os.cpu_count()} 核"


GOALS = {
    "--jobs 2": "≥ 1.8×",
    "Dask 集群 1 个工作进程": "",
    "Dask 集群 2 个工作进程": "≥ 1.6×",
    "--scheduler local:2": "≥ 1.6×",
}


def report(
    name: str, setups: dict[str, tuple[list[str], list[int]]], folder: Path, rounds: int
) -> dict[str, float]:
    """Prints each set-up's median and its speed-up over ``--jobs 1``; returns the medians."""
    files = sorted(folder.iterdir())
    size = sum(p.stat().st_size for p in files) / len(files) / 1024
    kinds = "、".join(
        f"{sum(p.suffix == s for p in files)} {s[1:]}" for s in sorted({p.suffix for p in files})
    )
    print(f"{name}：{len(files)} 个文件（{kinds}），平均 {size:.0f} KB；{load()}")
    timings, cpu = measure(folder, folder.parent / f"{folder.name}.jsonl", setups, rounds)
    base = statistics.median(timings["--jobs 1"])
    for setup in setups:
        seconds = statistics.median(timings[setup])
        line = (
            f"  {setup:<24} {seconds:6.2f} s（本机进程 CPU {statistics.median(cpu[setup]):.2f} s）"
        )
        if setup != "--jobs 1":
            goal = "≥ 1.0×" if name == "small" else GOALS[setup]
            line += f"　加速 {base / seconds:.2f}×" + (f"（目标 {goal}）" if goal else "")
        print(line)
    print(f"  （{rounds} 轮交替运行的中位数；{load()}）")
    return {setup: statistics.median(timings[setup]) for setup in setups}


def main(rounds: int) -> None:
    folders = corpora()
    local = {"--jobs 1": (["--jobs", "1"], []), "--jobs 2": (["--jobs", "2"], [])}
    report("small", local, folders["small"], rounds)
    # the local runs without a cluster waiting beside them: its idle scheduler, workers and
    # nannies keep ticking (heartbeats, memory checks) on the same two cores
    report("full", local, folders["full"], rounds)
    one = dask_report(1, local, folders["full"], rounds)
    two = dask_report(2, local, folders["full"], rounds)
    if one and two:
        print(
            f"  Dask 自身的扩展：2 个工作进程为 1 个的 {one / two:.2f} 倍（同一语料，各自的中位数）"
        )
    throughput(folders["full"])


def dask_report(
    workers: int, local: dict[str, tuple[list[str], list[int]]], folder: Path, rounds: int
) -> float | None:
    """The batch on a running cluster of ``workers`` beside ``--jobs 1`` (and, for two,
    ``--scheduler local:2``); the cluster's median, None without Dask."""
    name = f"Dask 集群 {workers} 个工作进程"
    with running_cluster(workers) as cluster:
        if cluster is None:
            print("（未安装 dask[distributed]：只比较本机进程；pip install 'jihua[cluster]'）")
            return None
        address, pids = cluster
        setups = {"--jobs 1": local["--jobs 1"], name: (["--scheduler", address], pids)}
        if workers == 2:
            setups["--scheduler local:2"] = (["--scheduler", "local:2"], [])
        return report(f"full（Dask，{workers} 个工作进程）", setups, folder, rounds)[name]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS)
