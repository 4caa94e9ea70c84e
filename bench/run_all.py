"""Run every benchmark in this folder, one after another, and say which failed.

    make bench            # or: .venv/bin/python bench/run_all.py [NAME ...]

Each bench prints its own figures and the ratio to the baseline it measures
in the same run; none of them runs as part of the tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def bench_scripts(names: list[str]) -> list[Path]:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    if names:
        scripts = [p for p in scripts if p.stem in names]
    return scripts


def main(names: list[str]) -> int:
    failed = []
    for script in bench_scripts(names):
        print(f"\n=== {script.stem} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.stem)
    if failed:
        print(f"\n未通过：{', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
