"""审计发现: the findings of :mod:`jihua.audit` on a stored plan, each with its quotes.

A stored plan is read by :func:`jihua.report.stored.read_stored_plan`: from
the report's stored text with the store's current figures, its project groups
and prose facts, and, when two reports of the region are stored, the targets
each one states. The findings are those of ``jihua audit FILE`` on the report,
with later edits (a 快报 actual, a review's corrections) counted. A plan stored
before documents kept their text is rebuilt from its indicators, and then only
the grading, the project totals and the two reports' targets are checked.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jihua.audit import SEVERITIES, Finding
from jihua.evaluate import Rules
from jihua.report.stored import StoredPlan, read_stored_plan, stored_findings
from jihua.web.auth import CurrentUser, require_user
from jihua.web.plans import find_plan
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


def plan_findings(
    engine: Engine, region: str, year: int, rules: Rules
) -> tuple[StoredPlan, list[Finding]]:
    """Every check on a plan with an execution table; the project totals on one without."""
    with Session(engine) as session:
        find_plan(session, region, year)  # an unknown plan is a 404, as on every plan page
    stored = read_stored_plan(engine, region, year)
    return stored, stored_findings(stored, rules)


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


@router.get("/plans/{region}/{year}/audit")
def audit_page(request: Request, region: str, year: int, user: Login) -> HTMLResponse:
    engine, rules = request.app.state.engine, request.app.state.rules
    stored, findings = plan_findings(engine, region, year, rules)
    return page(
        request,
        "audit.html",
        user,
        region=region,
        year=year,
        findings=findings,
        counts=severity_counts(findings),
        from_text=stored.from_text,
        source=stored.report.document.source,
    )
