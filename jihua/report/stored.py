"""A stored plan as a :class:`jihua.plan.PlanReport`, for ``report`` and ``audit``.

:func:`render_stored` is ``jihua report`` of a stored plan (the web's downloads use it),
:func:`stored_findings` its ``jihua audit``.

Plan ``Y`` is read from the text of the report that executes it (the
document whose report year is ``Y``; else the one that proposes it, whose
plan year is ``Y``), as ``jihua audit FILE`` would read the file: the same
tables, the same sentences, the same offsets. The store's figures then win
over the text's, so edits made since the ingest count:

* each table row takes its stored target, and an execution row the actual
  of its latest vintage (年报 over 快报 over 预计) — the figures the store
  grades; a row the store does not hold (dropped at the upload review) is left
  out;
* the extraction is the stored one: the project groups and the prose facts
  of the plan the report proposes, as corrected at the review.

A document stored before its text was kept (migration ``0005``) has none;
its plan is rebuilt from the indicators alone:

* the execution table of year ``Y``: the indicators of plan ``Y`` that have
  an actual, each with its target and latest actual;
* the plan table: every indicator of plan ``Y+1`` with its target and category;

and without prose or the tally sentence, only the project totals and the
comparison of two reports can be checked.

What a store adds is the comparison of two reports
(:class:`jihua.audit.TwoReports`). Both write their targets for ``Y`` into
the same rows of plan ``Y`` — last year's plan table first approves them,
this year's execution table restates them — and the change log keeps each
value. A report's value is the row's text right after its ingest: the last
``text`` change logged up to the ingest's last change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, select
from sqlalchemy.orm import Session

from jihua.audit import Finding, StatedTarget, TwoReports, audit, check_project_totals
from jihua.document import Document, find_text_tables
from jihua.errors import UserError
from jihua.evaluate import Rules, evaluate
from jihua.plan import PlanReport, read_plan
from jihua.store import Store, Synonyms, load_synonyms
from jihua.store.figures import find_plan
from jihua.store.grading import latest_actuals, plan_indicators, table_row
from jihua.store.schema import (
    Actual,
    Fact,
    Plan,
    ProjectBreakdown,
    ProjectGroup,
    Region,
    Target,
    TargetVintage,
)
from jihua.store.schema import Document as StoredDocument
from jihua.store.schema import Indicator as StoredIndicator
from jihua.tables import Indicator, IndicatorTable
from jihua.targets import parse_value


@dataclass
class StoredPlan:
    report: PlanReport
    two_reports: TwoReports | None
    #: the stored project groups (and, read from a text, the prose facts), as extracted
    extraction: dict[str, Any]
    #: read from the report's stored text (else rebuilt from the indicators alone)
    from_text: bool
    #: the plan's year, executed by the report when it has been
    year: int


def read_stored_plan(
    store: Store | Engine, region: str, year: int, synonyms: Synonyms | None = None
) -> StoredPlan:
    """Plan ``year`` of ``region`` with the next year's plan, and the two reports' targets."""
    engine = store.engine if isinstance(store, Store) else store
    with Session(engine) as session:
        plan = find_plan(session, region, year)
        document = _text_document(session, plan)
        if document is None:
            report = _rebuilt_report(session, plan, region, year)
            extraction = {"projects": stored_project_groups(session, plan.id)}
        else:
            report, extraction = _report_from_text(session, plan, document)
        two = _two_reports(session, plan, synonyms or load_synonyms())
    return StoredPlan(report, two, extraction, document is not None, year)


def require_execution(stored: StoredPlan) -> StoredPlan:
    report = stored.report
    if report.execution is None or report.report_year != stored.year:
        # read from the report that proposes it: not executed yet
        raise UserError(
            f"库中 {report.region} {stored.year} 年的计划没有完成情况，"
            "无法评价（先入库该年的计划执行情况报告）"
        )
    return stored


def stored_findings(stored: StoredPlan, rules: Rules | None = None) -> list[Finding]:
    """The audit of ``jihua audit FILE`` on the stored plan; the project totals alone if unexecuted."""
    if stored.report.execution is None:
        return check_project_totals(stored.extraction.get("projects") or [])
    evaluation = evaluate(stored.report, rules)
    return audit(stored.report, stored.extraction, evaluation, stored.two_reports)


def render_stored(format: str, stored: StoredPlan, rules: Rules | None = None) -> bytes:
    """The evaluation report of a stored plan, as ``jihua report --region R --year Y`` writes it.

    The same tables (execution and next year's plan), project groups and audit
    findings as ``jihua report`` of the file it came from, with later edits counted.
    """
    from jihua.report import render

    report = require_execution(stored).report
    evaluation = evaluate(report, rules)
    findings = audit(report, stored.extraction, evaluation, stored.two_reports)
    return render(format, report, evaluation, stored.extraction, findings)


# --- from the report's text -------------------------------------------------


def _text_document(session: Session, plan: Plan) -> StoredDocument | None:
    """The latest stored text that executes plan ``Y``, else the latest that proposes it."""
    with_text = StoredDocument.text.is_not(None)
    executing = _latest_document(
        session, plan, with_text & (StoredDocument.report_year == plan.year)
    )
    return executing or _latest_document(
        session, plan, with_text & (StoredDocument.plan_year == plan.year)
    )


def read_stored_text(document: StoredDocument) -> Document:
    """The document as its reader gave it: the stored text, its tables found again.

    Every reader lays a table out as tab-led lines, one cell a line, so the
    tables are found in the text whatever the file's format was.
    """
    text = document.text or ""
    return Document(text, document.source, document.format, find_text_tables(text))


def _report_from_text(
    session: Session, plan: Plan, document: StoredDocument
) -> tuple[PlanReport, dict[str, Any]]:
    report = read_plan(read_stored_text(document))
    report.region = report.region or _region_name(session, plan)
    for table in report.tables:
        year = table.year or (report.report_year if table.kind == "execution" else report.plan_year)
        stored = _plan_in_year(session, plan.region_id, year)
        _take_stored_figures(session, table, stored)
    proposed = _plan_in_year(session, plan.region_id, document.plan_year or document.report_year)
    return report, stored_extraction(session, proposed)


def _plan_in_year(session: Session, region_id: int, year: int | None) -> Plan | None:
    if year is None:
        return None
    return session.scalar(select(Plan).where(Plan.region_id == region_id, Plan.year == year))


def _take_stored_figures(session: Session, table: IndicatorTable, plan: Plan | None) -> None:
    """The table's rows with the store's targets and latest actuals; rows not stored dropped."""
    indicators = plan_indicators(session, plan) if plan is not None else []
    by_name = _by_parent_and_name(indicators)
    targets = _targets(session, indicators)
    actuals = latest_actuals(session, [i.id for i in indicators])
    kept = []
    for top in table.indicators:
        stored_top = by_name.get((None, top.name))
        if stored_top is None:
            continue
        _take_figures(top, targets.get(stored_top.id), actuals.get(stored_top.id), table.kind)
        top.subrows = [
            sub
            for sub in top.subrows
            if _take_sub(sub, by_name.get((stored_top.id, sub.name)), targets, actuals, table.kind)
        ]
        kept.append(top)
    table.indicators = kept


def _by_parent_and_name(
    indicators: list[StoredIndicator],
) -> dict[tuple[int | None, str], StoredIndicator]:
    return {(i.parent_id, i.name): i for i in indicators}


def _take_sub(
    row: Indicator,
    stored: StoredIndicator | None,
    targets: dict[int, Target],
    actuals: dict[int, Actual],
    kind: str,
) -> bool:
    if stored is None:
        return False
    _take_figures(row, targets.get(stored.id), actuals.get(stored.id), kind)
    return True


def _take_figures(row: Indicator, target: Target | None, actual: Actual | None, kind: str) -> None:
    if target is not None and target.text != row.target.text:
        row.target = parse_value(target.text)
    if kind != "execution":
        return
    if actual is not None:
        if row.actual is None or actual.text != row.actual.text:
            row.actual = parse_value(actual.text)
    elif row.actual is not None and row.actual.kind != "empty":
        row.actual = None  # removed at the upload review


def stored_extraction(session: Session, plan: Plan | None) -> dict[str, Any]:
    """The plan's project groups and prose facts in the extractor's shape (:mod:`jihua.extract`)."""
    if plan is None:
        return {"projects": [], "facts": []}
    return {
        "projects": stored_project_groups(session, plan.id),
        "facts": _stored_facts(session, plan.id),
    }


def stored_project_groups(session: Session, plan_id: int) -> list[dict[str, Any]]:
    """The plan's project groups with their breakdowns, as :mod:`jihua.audit` reads them."""
    groups = session.scalars(
        select(ProjectGroup).where(ProjectGroup.plan_id == plan_id).order_by(ProjectGroup.position)
    ).all()
    lines = session.scalars(
        select(ProjectBreakdown)
        .where(ProjectBreakdown.group_id.in_([g.id for g in groups]))
        .order_by(ProjectBreakdown.id)
    ).all()
    return [
        _group_shape(group, [ln for ln in lines if ln.group_id == group.id]) for group in groups
    ]


def _group_shape(group: ProjectGroup, lines: list[ProjectBreakdown]) -> dict[str, Any]:
    """A group with its breakdowns, the dimensions in the order the report gave them."""
    by_dimension: dict[str, list[ProjectBreakdown]] = {}
    for line in lines:
        by_dimension.setdefault(line.dimension, []).append(line)
    breakdowns = {
        dimension: [_amounts(line) for line in sorted(parts, key=lambda p: p.position)]
        for dimension, parts in by_dimension.items()
    }
    return {**_amounts(group), "year": group.year, "unit": group.unit, "breakdowns": breakdowns}


def _amounts(row: ProjectGroup | ProjectBreakdown) -> dict[str, Any]:
    names = ("label", "count", "total_investment", "annual_investment", "quote", "start", "end")
    return {name: getattr(row, name) for name in names}


def _stored_facts(session: Session, plan_id: int) -> list[dict[str, Any]]:
    facts = session.scalars(select(Fact).where(Fact.plan_id == plan_id).order_by(Fact.position))
    names = ("indicator", "year", "kind", "status", "value", "upper", "unit", "qualifier")
    return [
        {**(fact.extra or {}), **{name: getattr(fact, name) for name in names}}
        | {"quote": fact.quote, "start": fact.start, "end": fact.end}
        for fact in facts
    ]


# --- from the indicators alone ----------------------------------------------


def _rebuilt_report(session: Session, plan: Plan, region: str, year: int) -> PlanReport:
    execution = _execution_table(session, plan)
    next_plan = _plan_table(session, plan, year + 1)
    return PlanReport(
        Document("", f"{region}{year}年（数据库）", "store"),
        region,
        _parent_region(session, plan),
        year,
        year + 1 if next_plan is not None else None,
        plan.approving_session,
        [t for t in (execution, next_plan) if t is not None],
    )


def _region_name(session: Session, plan: Plan) -> str | None:
    region = session.get(Region, plan.region_id)
    return region.name if region else None


# --- the tables -------------------------------------------------------------


def _execution_table(session: Session, plan: Plan) -> IndicatorTable | None:
    indicators = plan_indicators(session, plan)
    actuals = latest_actuals(session, [i.id for i in indicators])
    if not actuals:
        return None
    targets = _targets(session, indicators)
    # an execution row has an actual, or is blank (``化学需氧量`` with neither);
    # a row with a target and no actual came from last year's plan table alone
    ids = {i.id for i in indicators if i.id in actuals or i.id not in targets}
    ids |= {i.parent_id for i in indicators if i.id in ids and i.parent_id is not None}
    kept = [i for i in indicators if i.id in ids]
    rows = _table_rows(kept, targets, actuals, execution=True)
    return IndicatorTable("execution", "", "", plan.year, [], [], rows, 0, 0)


def _plan_table(session: Session, plan: Plan, year: int) -> IndicatorTable | None:
    following = session.scalar(
        select(Plan).where(Plan.region_id == plan.region_id, Plan.year == year)
    )
    if following is None:
        return None
    indicators = plan_indicators(session, following)
    if not indicators:
        return None
    rows = _table_rows(indicators, _targets(session, indicators), {}, execution=False)
    return IndicatorTable("plan", "", "", year, [], [], rows, 0, 0)


def _targets(session: Session, indicators: list[StoredIndicator]) -> dict[int, Target]:
    query = select(Target).where(
        Target.indicator_id.in_([i.id for i in indicators]), Target.period == "year"
    )
    return {t.indicator_id: t for t in session.scalars(query)}


def _table_rows(
    indicators: list[StoredIndicator],
    targets: dict[int, Target],
    actuals: dict[int, Actual],
    execution: bool,
) -> list[Indicator]:
    """Table rows in stored order, sub-rows under their indicator.

    In an execution table a row without an actual has a blank one, as the
    table printed it (the store keeps no empty figures).
    """
    rows: dict[int, Indicator] = {}
    tops: list[Indicator] = []
    for stored in indicators:
        actual = actuals.get(stored.id)
        shown = parse_value(actual.text if actual else "") if execution or actual else None
        row = table_row(stored, targets.get(stored.id), shown)
        rows[stored.id] = row
        parent = rows.get(stored.parent_id) if stored.parent_id is not None else None
        if parent is not None:
            parent.subrows.append(row)
        else:
            tops.append(row)
    return tops


def _parent_region(session: Session, plan: Plan) -> str | None:
    region = session.get(Region, plan.region_id)
    parent = session.get(Region, region.parent_id) if region and region.parent_id else None
    return parent.name if parent else None


# --- the two reports ----------------------------------------------------------


def _two_reports(session: Session, plan: Plan, synonyms: Synonyms) -> TwoReports | None:
    """Plan ``Y``'s targets as last year's report approved them and this year's restates them.

    Both are kept as target vintages side by side (:class:`TargetVintage`): the plan table
    of last year's report as 草案, this year's execution table as 批准, whichever came first.
    """
    approving = _latest_document(session, plan, StoredDocument.plan_year == plan.year)
    executing = _latest_document(session, plan, StoredDocument.report_year == plan.year)
    if approving is None or executing is None or approving.id == executing.id:
        return None
    indicators = plan_indicators(session, plan)
    names = _keys(indicators, synonyms)
    actuals = latest_actuals(session, [i.id for i in indicators])
    vintages = _vintages(session, indicators)
    approved = [
        _stated(names[i.id], i, row, approving)
        for i in indicators
        if (row := vintages.get((i.id, "草案"))) is not None
    ]
    restated = [
        _stated(names[i.id], i, row, executing)
        for i in indicators
        if i.id in actuals and (row := vintages.get((i.id, "批准"))) is not None
    ]
    return TwoReports(plan.year, approved, restated)


def _latest_document(
    session: Session, plan: Plan, condition: ColumnElement[bool]
) -> StoredDocument | None:
    query = (
        select(StoredDocument)
        .where(StoredDocument.region_id == plan.region_id, condition)
        .order_by(StoredDocument.ingested_at.desc(), StoredDocument.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def _vintages(
    session: Session, indicators: list[StoredIndicator]
) -> dict[tuple[int, str], TargetVintage]:
    query = select(TargetVintage).where(
        TargetVintage.indicator_id.in_([i.id for i in indicators]), TargetVintage.period == "year"
    )
    return {(row.indicator_id, row.vintage): row for row in session.scalars(query)}


def _stated(
    key: str, indicator: StoredIndicator, row: TargetVintage, document: StoredDocument
) -> StatedTarget:
    cited = row.document_id == document.id
    return StatedTarget(
        key,
        indicator.name,
        row.text,
        document.source,
        row.quote if cited else None,
        row.start if cited else None,
        row.end if cited else None,
    )


def _keys(indicators: list[StoredIndicator], synonyms: Synonyms) -> dict[int, str]:
    """Each indicator's name after the synonym table, a sub-row's under its parent's."""
    by_id = {i.id: i for i in indicators}
    keys = {}
    for indicator in indicators:
        key = synonyms.canonical(indicator.name)
        parent = by_id.get(indicator.parent_id) if indicator.parent_id is not None else None
        keys[indicator.id] = f"{synonyms.canonical(parent.name)}/{key}" if parent else key
    return keys
