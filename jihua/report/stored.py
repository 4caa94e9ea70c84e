"""A stored plan as a :class:`jihua.plan.PlanReport`, for ``report`` and ``audit``.

The store keeps no document text (``documents`` holds a file's name, sha256
and size), so a stored plan is rebuilt from its indicators:

* the execution table of year ``Y``: the indicators of plan ``Y`` that have
  an actual, each with its target and the actual of its latest vintage
  (年报 over 快报 over 预计) — the figures the store grades;
* the plan table: every indicator of plan ``Y+1`` with its target and category.

Prose, the tally sentence and project totals are not stored, so the checks
on them have nothing to read; what a store adds is the comparison of two
reports (:class:`jihua.audit.TwoReports`). Both write their targets for ``Y``
into the same rows of plan ``Y`` — last year's plan table first approves
them, this year's execution table restates them — and the change log keeps
each value. A report's value is the row's text right after its ingest: the
last ``text`` change logged up to the ingest's last change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from jihua.audit import StatedTarget, TwoReports
from jihua.document import Document
from jihua.errors import UserError
from jihua.plan import PlanReport
from jihua.store import Store, Synonyms, load_synonyms
from jihua.store.figures import find_plan
from jihua.store.grading import latest_actuals, plan_indicators
from jihua.store.schema import Actual, Change, Plan, Region, Target
from jihua.store.schema import Document as StoredDocument
from jihua.store.schema import Indicator as StoredIndicator
from jihua.tables import Indicator, IndicatorTable
from jihua.targets import Value, parse_value


@dataclass
class StoredPlan:
    report: PlanReport
    two_reports: TwoReports | None


def read_stored_plan(
    store: Store, region: str, year: int, synonyms: Synonyms | None = None
) -> StoredPlan:
    """Plan ``year`` of ``region`` with the next year's plan, and the two reports' targets."""
    with Session(store.engine) as session:
        plan = find_plan(session, region, year)
        execution = _execution_table(session, plan)
        next_plan = _plan_table(session, plan, year + 1)
        report = PlanReport(
            Document("", f"{region}{year}年（数据库）", "store"),
            region,
            _parent_region(session, plan),
            year,
            year + 1 if next_plan is not None else None,
            plan.approving_session,
            [t for t in (execution, next_plan) if t is not None],
        )
        two = _two_reports(session, plan, synonyms or load_synonyms())
    return StoredPlan(report, two)


def require_execution(stored: StoredPlan) -> StoredPlan:
    if stored.report.execution is None:
        raise UserError(
            f"库中 {stored.report.region} {stored.report.report_year} 年的计划没有完成情况，"
            "无法评价（先入库该年的计划执行情况报告）"
        )
    return stored


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
        row = _table_row(stored, targets.get(stored.id), shown)
        rows[stored.id] = row
        parent = rows.get(stored.parent_id) if stored.parent_id is not None else None
        if parent is not None:
            parent.subrows.append(row)
        else:
            tops.append(row)
    return tops


def _table_row(stored: StoredIndicator, target: Target | None, actual: Value | None) -> Indicator:
    return Indicator(
        no=stored.no,
        name=stored.name,
        unit=stored.unit,
        binding=stored.binding,
        category=stored.category,
        target=parse_value(target.text if target else ""),
        actual=actual,
        raw_name=stored.name,
        start=0,
        end=0,
        prefix=stored.prefix or "",
    )


def _parent_region(session: Session, plan: Plan) -> str | None:
    region = session.get(Region, plan.region_id)
    parent = session.get(Region, region.parent_id) if region and region.parent_id else None
    return parent.name if parent else None


# --- the two reports ----------------------------------------------------------


def _two_reports(session: Session, plan: Plan, synonyms: Synonyms) -> TwoReports | None:
    """Plan ``Y``'s targets as last year's report approved them and this year's restates them."""
    approving = _latest_document(session, plan, StoredDocument.plan_year == plan.year)
    executing = _latest_document(session, plan, StoredDocument.report_year == plan.year)
    if approving is None or executing is None or approving.id == executing.id:
        return None
    indicators = plan_indicators(session, plan)
    targets = _targets(session, indicators)
    history = _text_history(session, [t.id for t in targets.values()])
    names = _keys(indicators, synonyms)
    actuals = latest_actuals(session, [i.id for i in indicators])
    approved_cut, approved_rows = _ingest_window(session, approving)
    restated_cut, _ = _ingest_window(session, executing)
    approved = [
        _stated(names[i.id], i, targets[i.id], history, approved_cut, approving)
        for i in indicators
        if i.id in targets and targets[i.id].id in approved_rows
    ]
    restated = [
        _stated(names[i.id], i, targets[i.id], history, restated_cut, executing)
        for i in indicators
        if i.id in targets and i.id in actuals
    ]
    return TwoReports(
        plan.year,
        [t for t in approved if t is not None],
        [t for t in restated if t is not None],
    )


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


def _ingest_window(session: Session, document: StoredDocument) -> tuple[int, set[int]]:
    """The last change-log id of a document's ingest, and the targets whose text it wrote."""
    written = (Change.why == f"ingest {document.source}") & (Change.at >= document.ingested_at)
    later = session.scalar(
        select(func.min(StoredDocument.ingested_at)).where(
            StoredDocument.source == document.source,
            StoredDocument.ingested_at > document.ingested_at,
        )
    )
    if later is not None:
        written &= Change.at < later
    last = session.scalar(select(func.max(Change.id)).where(written)) or 0
    rows = session.scalars(
        select(Change.row_id).where(written, Change.table_name == "targets", Change.field == "text")
    ).all()
    return last, set(rows)


def _text_history(session: Session, target_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Each target's logged texts, oldest first, with their change-log ids."""
    query = (
        select(Change.row_id, Change.id, Change.new)
        .where(
            Change.table_name == "targets",
            Change.field == "text",
            Change.row_id.in_(target_ids),
        )
        .order_by(Change.id)
    )
    history: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row_id, change_id, new in session.execute(query):
        history[row_id].append((change_id, new or ""))
    return history


def _stated(
    key: str,
    indicator: StoredIndicator,
    target: Target,
    history: dict[int, list[tuple[int, str]]],
    cut: int,
    document: StoredDocument,
) -> StatedTarget | None:
    texts = [text for change_id, text in history.get(target.id, []) if change_id <= cut]
    if not texts:
        return None
    cited = target.document_id == document.id and texts[-1] == target.text
    return StatedTarget(
        key,
        indicator.name,
        texts[-1],
        document.source,
        target.quote if cited else None,
        target.start if cited else None,
        target.end if cited else None,
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
