"""Extraction: a report in, the extraction contract out (see ``docs/extract.md``).

``extract(document)`` gives one JSON-ready dict::

    {"region", "document_kind", "report_year", "plan_year",
     "facts": [...],     # jihua.extract.facts: every figure of the prose, with its period,
                         # and jihua.extract.table_facts: the cells of statistics tables
     "tables": [...],    # jihua.tables: the indicator tables
     "projects": [...],  # jihua.extract.projects: project totals, breakdowns, names
     "tasks": [...],     # jihua.extract.tasks: the numbered tasks, each with its area
     "task_areas": [...]}  # the areas （一）… the tasks are grouped in

Every item carries ``start``/``end`` offsets into ``document.text``.
"""

from __future__ import annotations

import heapq
from typing import Any

from jihua.document import Document
from jihua.extract.documents import document_kind
from jihua.extract.facts import Fact, read_facts
from jihua.extract.glosses import point_back, unglossed
from jihua.extract.periods import (
    PeriodIndex,
    average_years,
    basis,
    continues_comparison,
    respective_periods,
    ring_said_before,
)
from jihua.extract.projects import read_projects
from jihua.extract.table_facts import read_table_facts
from jihua.extract.tasks import read_tasks
from jihua.plan import read_plan
from jihua.traditional import restore_quotes, simplified

__all__ = ["Fact", "extract", "read_facts"]


def extract(document: Document) -> dict[str, Any]:
    """Everything quantitative in a report, each item pointing back into its text.

    A report in traditional characters is read through its simplified copy, and one
    with pinyin glosses inside its words without them; the spans are then moved back
    and the quotes cut again from the original text.
    """
    reading, positions = unglossed(simplified(document))
    result = _extract(reading)
    if positions is not None:
        point_back(result, positions)
    if reading is not document:
        restore_quotes(result, document.text)
    return result


def _extract(document: Document) -> dict[str, Any]:
    report = read_plan(document)
    table_spans = [(table.start, table.end) for table in report.tables]
    kind = document_kind(document.text)
    periods = PeriodIndex(document.text, carry_over=kind != "plan_report")
    statistics = [t for t in document.tables if (t.start, t.end) not in table_spans]
    cells, read_spans = read_table_facts(document.text, statistics, periods, report.report_year)
    facts = read_facts(
        document.text, report.report_year, report.plan_year, table_spans + read_spans
    )
    prose = _with_periods(document.text, [fact.to_dict() for fact in facts], periods)
    fact_dicts = list(heapq.merge(prose, cells, key=lambda fact: (fact["start"], fact["end"])))
    raw_spans = [(table.start, table.end) for table in document.tables]
    areas, tasks = read_tasks(document.text, fact_dicts, raw_spans)
    return {
        "region": report.region,
        "document_kind": kind,
        "report_year": report.report_year,
        "plan_year": report.plan_year,
        "facts": fact_dicts,
        "tables": [table.to_dict() for table in report.tables],
        "projects": read_projects(document.text, report.plan_year),
        "tasks": tasks,
        "task_areas": areas,
    }


def _with_periods(
    text: str, facts: list[dict[str, Any]], periods: PeriodIndex
) -> list[dict[str, Any]]:
    """Each fact with its ``period``, ``basis`` and, for an average over years, ``average_years``."""
    last_change: dict[str, Any] | None = None
    for fact in facts:
        quote = fact["quote"]
        period = periods.at(fact["end"], fact["year"], quote, fact["kind"], fact["unit"])
        fact["period"] = period.to_dict()
        fact["basis"] = basis(fact["kind"], quote)
        if (
            fact["basis"] == "yoy"
            and fact["kind"] == "growth"
            and ring_said_before(text, fact["start"])
        ):
            fact["basis"] = "previous_period"  # 从环比速度看，5月份…增长0.86%
        years = average_years(quote)
        if years is not None:
            fact["average_years"] = years
        if fact["kind"] == "change":
            if last_change is not None and continues_comparison(text, last_change, fact):
                fact["basis"] = last_change["basis"]  # 较5月份回落0.3个百分点；…回落0.6个百分点
            last_change = fact
    respective_periods(text, facts)
    return facts
