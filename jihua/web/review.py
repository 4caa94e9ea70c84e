"""Saving a reviewed upload: the planner's corrections applied, in one transaction, logged.

The review form sends, for each figure shown (keys as in :mod:`jihua.web.uploads`):

=====================  ==================================================
field                  meaning
=====================  ==================================================
``target-t0-3``        the target text of table row ``t0-3`` as corrected
``actual-t0-3``        its actual text (empty: no actual)
``drop-t0-3``          present: the row (with its sub-rows) is not stored
``value-f5``           the value of prose fact ``f5`` as corrected
``drop-f5``            present: the fact is not stored
=====================  ==================================================

Table corrections are made on the report before it is stored, so grades are
computed from the corrected figures; prose facts are stored by the store's
ingest and corrected right after, in the same transaction. Each correction
is a change-log entry under the planner's name (``上传审核时修改``), on the
target, actual or fact it changed; a dropped row is logged on the document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.plan import PlanReport
from jihua.store.changes import log
from jihua.store.database import writer
from jihua.store.ingest import IngestResult, store_report
from jihua.store.schema import Actual, Document, Fact, Indicator, Plan, Region, Target
from jihua.tables import Indicator as TableRow
from jihua.tables import IndicatorTable
from jihua.targets import parse_value
from jihua.web.uploads import Preview, read_report, table_rows

WHY_EDIT = "上传审核时修改"
WHY_DROP = "上传审核时删除"


@dataclass(frozen=True)
class Correction:
    key: str
    field: str  # target | actual | value | drop
    old: str | None
    new: str | None


def corrections(shown: Preview, form: Mapping[str, str]) -> list[Correction]:
    """What the planner changed in the review form, against what was shown."""
    found: list[Correction] = []
    for key, row in shown.rows.items():
        if f"drop-{key}" in form:
            found.append(Correction(key, "drop", f"{row.name}：目标 {row.target}", None))
            continue
        for name, old in (("target", row.target), ("actual", row.actual)):
            new = form.get(f"{name}-{key}")
            if new is not None and new.strip() != (old or ""):
                found.append(Correction(key, name, old, new.strip() or None))
    for fact in shown.facts:
        if f"drop-{fact.key}" in form:
            found.append(Correction(fact.key, "drop", fact.quote, None))
            continue
        new = form.get(f"value-{fact.key}")
        if new is not None and new.strip() != _shown_number(fact.value):
            found.append(Correction(fact.key, "value", _shown_number(fact.value), new.strip()))
    return [_checked(c) for c in found]


def _shown_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _checked(correction: Correction) -> Correction:
    if correction.field == "target" and not correction.new:
        raise UserError(f"目标不能为空（{correction.key}）：不需要这一行请勾选“删除”")
    if correction.field == "value" and correction.new:
        try:
            float(correction.new)
        except ValueError as exc:
            raise UserError(f"数值应为数字，不是“{correction.new}”") from exc
    if correction.new and len(correction.new) > 200:
        raise UserError("修改后的文字不超过 200 字")
    return correction


def save_reviewed(
    engine: Engine, data: bytes, source: str, who: str, edits: list[Correction]
) -> IngestResult:
    """Store the upload with ``edits`` applied; all or nothing."""
    sha = hashlib.sha256(data).hexdigest()
    with Session(writer(engine)) as session, session.begin():
        present = session.scalar(select(Document).where(Document.sha256 == sha))
        if present is not None:
            years = [y for y in (present.report_year, present.plan_year) if y is not None]
            return IngestResult(source, "present", None, years, present.id)
        report = read_report(data, source)
        table_edits = _apply_to_tables(report, [e for e in edits if e.key.startswith("t")])
        result = store_report(session, report, sha, len(data), who)
        _log_table_edits(session, report, table_edits, result, who)
        _apply_to_facts(session, report, [e for e in edits if e.key.startswith("f")], who)
    return result


@dataclass(frozen=True)
class _RowEdit:
    edit: Correction
    year: int | None
    name: str
    parent: str | None


def _apply_to_tables(report: PlanReport, edits: list[Correction]) -> list[_RowEdit]:
    rows = table_rows(report)
    parents = {
        id(sub): top for table in report.tables for top in table.indicators for sub in top.subrows
    }
    years = {id(row): _table_year(report, t) for t in report.tables for row in t.all_rows()}
    done = []
    for edit in edits:
        row = rows.get(edit.key)
        if row is None:
            raise UserError("审核内容与上传的报告不符，请重新上传")
        parent = parents.get(id(row))
        if edit.field == "drop":
            _drop(report, row, parent)
        elif edit.field == "target":
            row.target = parse_value(edit.new or "")
        else:
            row.actual = parse_value(edit.new) if edit.new else None
        done.append(_RowEdit(edit, years[id(row)], row.name, parent.name if parent else None))
    return done


def _table_year(report: PlanReport, table: IndicatorTable) -> int | None:
    """The plan year a table's rows are stored under, as the store's ingest decides it."""
    return table.year or (report.report_year if table.kind == "execution" else report.plan_year)


def _drop(report: PlanReport, row: TableRow, parent: TableRow | None) -> None:
    if parent is not None:
        parent.subrows = [sub for sub in parent.subrows if sub is not row]
        return
    for table in report.tables:
        table.indicators = [top for top in table.indicators if top is not row]


def _log_table_edits(
    session: Session, report: PlanReport, edits: list[_RowEdit], result: IngestResult, who: str
) -> None:
    document = session.get_one(Document, result.document_id)
    for done in edits:
        if done.edit.field == "drop":
            log(session, document, "dropped", done.edit.old, None, who, WHY_DROP)
            continue
        figure = _stored_figure(session, report, done)
        if figure is not None:
            log(session, figure, "text", done.edit.old, done.edit.new, who, WHY_EDIT)


def _stored_figure(session: Session, report: PlanReport, done: _RowEdit) -> Target | Actual | None:
    indicator = _stored_indicator(session, report.region or "", done)
    if indicator is None:
        return None
    if done.edit.field == "target":
        return session.scalars(
            select(Target).where(Target.indicator_id == indicator.id).order_by(Target.id.desc())
        ).first()
    return session.scalars(
        select(Actual).where(Actual.indicator_id == indicator.id).order_by(Actual.id.desc())
    ).first()


def _stored_indicator(session: Session, region: str, done: _RowEdit) -> Indicator | None:
    plan = _plan(session, region, done.year)
    if plan is None:
        return None
    parent_id = None
    if done.parent is not None:
        parent = session.scalar(
            select(Indicator).where(
                Indicator.plan_id == plan.id,
                Indicator.name == done.parent,
                Indicator.parent_id.is_(None),
            )
        )
        parent_id = parent.id if parent else None
    query = select(Indicator).where(Indicator.plan_id == plan.id, Indicator.name == done.name)
    query = query.where(
        Indicator.parent_id == parent_id if parent_id else Indicator.parent_id.is_(None)
    )
    return session.scalar(query)


def _plan(session: Session, region: str, year: int | None) -> Plan | None:
    return session.scalar(
        select(Plan)
        .join(Region, Plan.region_id == Region.id)
        .where(Region.name == region, Plan.year == year)
    )


def _apply_to_facts(
    session: Session, report: PlanReport, edits: list[Correction], who: str
) -> None:
    plan = _plan(session, report.region or "", report.plan_year or report.report_year)
    if plan is None or not edits:
        return
    for edit in edits:
        fact = session.scalar(
            select(Fact).where(Fact.plan_id == plan.id, Fact.position == int(edit.key[1:]))
        )
        if fact is None:
            continue
        if edit.field == "drop":
            log(session, fact, "indicator", fact.indicator, None, who, WHY_DROP)
            session.delete(fact)
        else:
            log(session, fact, "value", edit.old, edit.new, who, WHY_EDIT)
            fact.value = float(edit.new) if edit.new else None
