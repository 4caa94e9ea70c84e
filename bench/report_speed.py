"""How long the seed takes to become a DOCX and an XLSX, and to audit.

Targets (issue 6): DOCX + XLSX together under 1 s, audit under 100 ms.
The audit is timed on an extraction made beforehand; the extraction's own
time is printed on its own line, and so is audit with extraction together.
Run: ``.venv/bin/python bench/report_speed.py``. Prints figures, asserts nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from jihua.audit import audit
from jihua.cli.report import extraction_of
from jihua.document import Document
from jihua.evaluate import evaluate
from jihua.example import example_document
from jihua.plan import read_plan
from jihua.report import build_content
from jihua.report.docx import docx_bytes
from jihua.report.xlsx import xlsx_bytes

ROUNDS = 5


def best_of(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    """The fastest of a few runs, in seconds: the least disturbed by other work."""
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    document = example_document()
    report = read_plan(document)
    evaluation = evaluate(report)
    extraction = extraction_of(document)
    findings = audit(report, extraction, evaluation)
    content = build_content(report, evaluation, extraction, findings)
    docx_bytes(content)  # warm up: matplotlib's first import and font cache
    docx = best_of(lambda: docx_bytes(content))
    xlsx = best_of(lambda: xlsx_bytes(content))
    checks = best_of(lambda: audit(report, extraction, evaluation), rounds=20)
    extracting = best_of(lambda: extraction_of(document), rounds=20)
    both = best_of(lambda: _extract_and_audit(document), rounds=20)
    print(
        f"report  docx {docx * 1000:.0f} ms + xlsx {xlsx * 1000:.0f} ms"
        f" = {(docx + xlsx) * 1000:.0f} ms (target < 1000)"
    )
    print(
        f"audit   {checks * 1000:.1f} ms, {len(findings)} findings,"
        " extraction excluded (target < 100)"
    )
    print(f"extract {extracting * 1000:.1f} ms")
    print(f"read + extract + grade + audit {both * 1000:.1f} ms")


def _extract_and_audit(document: Document) -> None:
    report = read_plan(document)
    audit(report, extraction_of(document), evaluate(report))


if __name__ == "__main__":
    main()
