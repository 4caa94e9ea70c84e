"""What a file made to hurt costs each command, against the same command on the seed report.

    .venv/bin/python bench/hostile_speed.py [RUNS]

Builds every document bomb of ``tests/hostile/bombs.py`` (a 5 MB single line, a
page nested 20,000 deep, ``colspan=100000000``, DOCX and PDF bombs, repeated and
truncated reports) and runs ``jihua extract --json`` and ``jihua analyze`` on
each in a child process (``tests/hostile/sandbox.py``: 1 GB of address space, a
wall clock), RUNS times (default 3). Prints, per bomb, the median wall time, the
child's own peak resident memory, how it ended, and the time as a ratio to the
same command on the seed report in the same run. Goal (issue 15): every run ends
within 10 s and 500 MB, by the program's own limits.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.bombs import DOCUMENT_BOMBS, seed_text
from tests.hostile.sandbox import RESIDENT, WALL_CLOCK, Outcome, run_jihua

COMMANDS = (("extract", "--json"), ("analyze",))
MB = 1024 * 1024


def measure(command: tuple[str, ...], path: Path, runs: int) -> list[Outcome]:
    return [
        run_jihua(command[0], str(path), *command[1:], cwd=path.parent, wall_clock=30.0)
        for _ in range(runs)
    ]


def ending(outcome: Outcome) -> str:
    if outcome.returncode is None:
        return "killed at 30 s"
    return "result" if outcome.returncode == 0 else f"exit {outcome.returncode}"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        seed = directory / "seed.txt"
        seed.write_text(seed_text(), encoding="utf-8")
        files = {name: build(directory) for name, build in DOCUMENT_BOMBS.items()}
        print(f"each command {runs}×, median wall time; ratio to the same command on the seed")
        within = True
        for command in COMMANDS:
            base = statistics.median(o.seconds for o in measure(command, seed, runs))
            print(f"\njihua {' '.join(command)}: seed report {base * 1000:.0f} ms")
            for name, path in files.items():
                outcomes = measure(command, path, runs)
                seconds = statistics.median(o.seconds for o in outcomes)
                peak = max(o.peak_rss for o in outcomes)
                ok = all(
                    o.returncode is not None and o.seconds <= WALL_CLOCK and o.peak_rss <= RESIDENT
                    for o in outcomes
                )
                within &= ok
                print(
                    f"  {name:16} {seconds:6.2f} s  {peak / MB:6.0f} MB  {ending(outcomes[0]):10}"
                    f"  ×seed {seconds / base:6.1f}  {'ok' if ok else 'OVER'}"
                )
        print(f"\ngoal: each within {WALL_CLOCK:g} s and {RESIDENT // MB} MB — ", end="")
        print("met" if within else "NOT met")


if __name__ == "__main__":
    main()
