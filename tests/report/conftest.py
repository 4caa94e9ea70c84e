from __future__ import annotations

from typing import Any

import pytest

from jihua.audit import Finding, audit
from jihua.document import Document
from jihua.evaluate import Evaluation
from jihua.plan import PlanReport
from jihua.report import ReportContent, build_content

GOVERNMENT = "2024年拟实施政府投资项目384个，总投资833.6亿元，年度计划投资156.5亿元。"


@pytest.fixture(scope="session")
def projects_extraction(seed_document: Document) -> dict[str, Any]:
    """One project group with its stage breakdown, as the extraction contract gives it."""
    text = seed_document.text
    start = text.index(GOVERNMENT)
    parts = [("新开工项目", 228, 60.1), ("续建项目", 28, 69.9), ("完工项目", 128, 26.4)]
    stage = []
    for label, count, annual in parts:
        quote = f"{label}{count}个，年度计划投资{annual}亿元"
        at = text.index(quote)
        stage.append(
            {
                "label": label,
                "count": count,
                "total_investment": None,
                "annual_investment": annual,
                "quote": quote,
                "start": at,
                "end": at + len(quote),
            }
        )
    group = {
        "label": "政府投资项目",
        "year": 2024,
        "count": 384,
        "total_investment": 833.6,
        "annual_investment": 156.5,
        "unit": "亿元",
        "quote": GOVERNMENT,
        "start": start,
        "end": start + len(GOVERNMENT),
        "breakdowns": {"stage": stage},
        "names": [],
    }
    return {"facts": [], "projects": [group]}


@pytest.fixture(scope="session")
def seed_findings(
    seed_report: PlanReport, seed_evaluation: Evaluation, projects_extraction: dict[str, Any]
) -> list[Finding]:
    return audit(seed_report, projects_extraction, seed_evaluation)


@pytest.fixture(scope="session")
def seed_content(
    seed_report: PlanReport,
    seed_evaluation: Evaluation,
    projects_extraction: dict[str, Any],
    seed_findings: list[Finding],
) -> ReportContent:
    return build_content(seed_report, seed_evaluation, projects_extraction, seed_findings)
