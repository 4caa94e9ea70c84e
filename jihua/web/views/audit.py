"""审计发现: the findings of :mod:`jihua.audit` on a stored plan, each with its quotes.

A stored plan is rebuilt by :func:`jihua.report.stored.read_stored_plan` (its
tables and, when two reports of the region are stored, the targets each one
states); the project groups of the plan (专栏 totals and their breakdowns by
stage, area and source, each with its sentence) are read from the store's
``project_groups`` for 总数与分项. The report's text is not stored, so the
checks that read the prose (the tally sentence, 文表一致) run only on a file
(``jihua audit FILE``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.audit import SEVERITIES, Finding, audit, check_project_totals
from jihua.evaluate import Rules, evaluate
from jihua.report.stored import read_stored_plan
from jihua.store import Store
from jihua.store.schema import ProjectBreakdown, ProjectGroup
from jihua.web.auth import CurrentUser, require_user
from jihua.web.plans import find_plan
from jihua.web.rendering import page

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]


def _store_over(engine: Engine) -> Store:
    """A :class:`Store` on the app's engine (``read_stored_plan`` takes a store, not an engine)."""
    store = Store.__new__(Store)
    store.url, store.engine = str(engine.url), engine
    return store


def stored_findings(engine: Engine, region: str, year: int, rules: Rules) -> list[Finding]:
    """Grading and approved-target checks when the plan has an execution table; project totals."""
    with Session(engine) as session:
        groups = stored_project_groups(session, find_plan(session, region, year).id)
    stored = read_stored_plan(_store_over(engine), region, year)
    if stored.report.execution is None:
        return check_project_totals(groups)
    evaluation = evaluate(stored.report, rules)
    return audit(stored.report, {"projects": groups}, evaluation, stored.two_reports)


def stored_project_groups(session: Session, plan_id: int) -> list[dict[str, Any]]:
    """The plan's project groups in the extractor's shape, as :mod:`jihua.audit` reads them."""
    groups = session.scalars(
        select(ProjectGroup).where(ProjectGroup.plan_id == plan_id).order_by(ProjectGroup.position)
    ).all()
    lines = session.scalars(
        select(ProjectBreakdown)
        .where(ProjectBreakdown.group_id.in_([g.id for g in groups]))
        .order_by(ProjectBreakdown.group_id, ProjectBreakdown.dimension, ProjectBreakdown.position)
    ).all()
    shaped = []
    for group in groups:
        breakdowns: dict[str, list[dict[str, Any]]] = {}
        for line in (line for line in lines if line.group_id == group.id):
            breakdowns.setdefault(line.dimension, []).append(_amounts(line))
        shaped.append({**_amounts(group), "unit": group.unit, "breakdowns": breakdowns})
    return shaped


def _amounts(row: ProjectGroup | ProjectBreakdown) -> dict[str, Any]:
    names = ("label", "count", "total_investment", "annual_investment", "quote", "start", "end")
    return {name: getattr(row, name) for name in names}


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


@router.get("/plans/{region}/{year}/audit")
def audit_page(request: Request, region: str, year: int, user: Login) -> HTMLResponse:
    findings = stored_findings(request.app.state.engine, region, year, request.app.state.rules)
    return page(
        request,
        "audit.html",
        user,
        region=region,
        year=year,
        findings=findings,
        counts=severity_counts(findings),
    )
