"""Extraction: a report in, the extraction contract out (see ``docs/extract.md``).

``extract(document)`` gives one JSON-ready dict::

    {"region", "report_year", "plan_year",
     "facts": [...],     # jihua.extract.facts: every figure of the prose
     "tables": [...],    # jihua.tables: the indicator tables
     "projects": [...],  # jihua.extract.projects: project totals, breakdowns, names
     "tasks": [...]}     # jihua.extract.tasks: the areas and numbered tasks

Every item carries ``start``/``end`` offsets into ``document.text``.
"""

from __future__ import annotations

from typing import Any

from jihua.document import Document
from jihua.extract.facts import Fact, read_facts
from jihua.plan import read_plan

__all__ = ["Fact", "extract", "read_facts"]


def extract(document: Document) -> dict[str, Any]:
    """Everything quantitative in a report, each item pointing back into its text."""
    report = read_plan(document)
    table_spans = [(table.start, table.end) for table in report.tables]
    facts = read_facts(document.text, report.report_year, report.plan_year, table_spans)
    return {
        "region": report.region,
        "report_year": report.report_year,
        "plan_year": report.plan_year,
        "facts": [fact.to_dict() for fact in facts],
        "tables": [table.to_dict() for table in report.tables],
        "projects": [],
        "tasks": [],
    }
