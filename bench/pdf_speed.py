"""How long ``jihua extract`` takes on a PDF and a DOCX, against ``pdftotext -layout`` and the text.

    .venv/bin/python bench/pdf_speed.py [RUNS]

Builds the 涪陵区 report as DOCX (``tests/report_files.py``) and converts it to
PDF with LibreOffice, as the reader tests do, then runs whole processes in
alternation: ``pdftotext -layout`` of the PDF (Poppler, package
``poppler-utils``), and ``jihua extract FILE --json`` of the PDF, the DOCX and
the ``.txt``. Prints the median of ``RUNS`` (default 5) in wall-clock time and
in CPU time (user and system: on a machine busy with other work every
command's wall clock stretches, and the ratios with it, while CPU time stays),
and each command's peak resident memory. Goals: the PDF at most 2×
``pdftotext -layout`` and at most 100 MiB, the DOCX at most 3× the text.

The files are built in a child process: a child's peak memory as the kernel
reports it is never below its parent's size when it started, so the parent
stays a bare interpreter.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"
RUNS = 5


def environment() -> dict[str, str]:
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    # bytecode written, as an installed jihua has it (some shells set PYTHONDONTWRITEBYTECODE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": os.pathsep.join(paths)}


def jihua_command() -> list[str]:
    script = Path(sys.executable).with_name("jihua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jihua.cli"]


def seed_files(folder: Path) -> dict[str, Path]:
    """The seed as .txt, .docx and .pdf, built by a child process."""
    subprocess.run(
        [sys.executable, __file__, "--build", str(folder)], env=environment(), check=True
    )
    return {"txt": SEED, "docx": folder / "report.docx", "pdf": folder / "report.pdf"}


def build_seed_files(folder: Path) -> None:
    """The seed as .docx and .pdf (the PDF through LibreOffice, with page numbers)."""
    sys.path.insert(0, str(ROOT))
    from jihua.example import example_document
    from jihua.plan import read_plan
    from tests.report_files import docx_from, pdf_from_docx

    docx = docx_from(read_plan(example_document()), folder / "report.docx", page_numbers=True)
    pdf_from_docx(docx)


def run(argv: list[str]) -> tuple[float, float, int]:
    """Seconds of one run (wall clock, CPU) and its peak resident memory in KiB."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=environment(), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"失败：{' '.join(argv)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(runs: int) -> None:
    if shutil.which("pdftotext") is None:
        raise SystemExit("需要 pdftotext（Debian 软件包 poppler-utils）")
    with tempfile.TemporaryDirectory() as tmp:
        files = seed_files(Path(tmp))
        commands = {
            "pdftotext -layout 涪陵.pdf": ["pdftotext", "-layout", str(files["pdf"]), "-"],
            "jihua extract 涪陵.pdf": [*jihua_command(), "extract", str(files["pdf"]), "--json"],
            "jihua extract 涪陵.docx": [*jihua_command(), "extract", str(files["docx"]), "--json"],
            "jihua extract 涪陵.txt": [*jihua_command(), "extract", str(files["txt"]), "--json"],
        }
        info = subprocess.run(["pdfinfo", str(files["pdf"])], capture_output=True, text=True)
        pages = next(
            (x.split()[-1] for x in info.stdout.splitlines() if x.startswith("Pages")), "?"
        )
        for argv in commands.values():  # warm the file cache and the bytecode
            run(argv)
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, int] = dict.fromkeys(commands, 0)
        for _ in range(runs):
            for name, argv in commands.items():
                elapsed, used, peak = run(argv)
                seconds[name].append(elapsed)
                cpu[name].append(used)
                memory[name] = max(memory[name], peak)
    wall = {name: statistics.median(values) for name, values in seconds.items()}
    busy = {name: statistics.median(values) for name, values in cpu.items()}
    print(f"涪陵区报告（PDF {pages} 页），{runs} 次交替运行的中位数（墙钟 / CPU）：")
    for name in commands:
        print(
            f"  {name:<26} {wall[name] * 1000:7.1f} ms / {busy[name] * 1000:6.1f} ms"
            f"　峰值内存 {memory[name] / 1024:5.1f} MiB"
        )
    pdf_memory = memory["jihua extract 涪陵.pdf"] / 1024
    for label, median in (("墙钟", wall), ("CPU", busy)):
        pdf = median["jihua extract 涪陵.pdf"] / median["pdftotext -layout 涪陵.pdf"]
        docx = median["jihua extract 涪陵.docx"] / median["jihua extract 涪陵.txt"]
        print(
            f"  {label}：PDF ÷ pdftotext -layout {pdf:.2f}×（目标 ≤ 2×），DOCX ÷ 文本 {docx:.2f}×（目标 ≤ 3×）"
        )
    print(f"  PDF 峰值内存 {pdf_memory:.0f} MiB（目标 ≤ 100）")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_seed_files(Path(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
