"""Corrections made to a report before it is stored (the web app's upload review).

A figure shown for review is named by a key: ``t0-3`` is row 3 of table 0
(sub-rows counted in order, right after their indicator), ``f5`` is prose fact
5 of the extraction. A :class:`Correction` changes a row's ``target`` or
``actual`` text, a fact's ``value``, or ``drop``\\ s the row (with its
sub-rows) or the fact. Key ``report`` corrects what the report is about: its
``region``, ``report_year`` or ``plan_year`` (a report misread as another
year's); its tables then belong to the corrected years, execution tables to
the report year and plan tables to the plan year. These are logged on the
document.

Table corrections are made on the report before it is stored, so grades
follow them; prose facts are stored by the ingest and corrected right after,
in the same transaction. Each correction is a change-log entry under the
reviewer's name (``上传审核时修改``) on the target, actual or fact it changed;
a dropped row is logged on the document (``上传审核时删除``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.plan import PlanReport
from jihua.store.changes import log
from jihua.store.schema import Actual, Document, Fact, Indicator, Plan, Region, Target
from jihua.tables import Indicator as TableRow
from jihua.tables import IndicatorTable
from jihua.targets import parse_value

WHY_EDIT = "上传审核时修改"
WHY_DROP = "上传审核时删除"
#: the key of a correction to the report's region or years
HEADING = "report"
HEADING_FIELDS = ("region", "report_year", "plan_year")


@dataclass(frozen=True)
class Correction:
    key: str
    field: str  # target | actual | value | drop; region | report_year | plan_year
    old: str | None
    new: str | None


def apply_to_heading(report: PlanReport, edits: Sequence[Correction]) -> list[Correction]:
    """Correct the report's region and years in place; its tables follow corrected years."""
    done = [e for e in edits if e.key == HEADING and e.field in HEADING_FIELDS]
    for edit in done:
        if edit.field == "region":
            report.region = edit.new
        elif edit.field == "report_year":
            report.report_year = int(edit.new) if edit.new else None
        else:
            report.plan_year = int(edit.new) if edit.new else None
    if any(edit.field != "region" for edit in done):
        for table in report.tables:
            table.year = report.report_year if table.kind == "execution" else report.plan_year
    return done


def log_heading_edits(
    session: Session, edits: list[Correction], document_id: int, who: str
) -> None:
    document = session.get_one(Document, document_id)
    for edit in edits:
        log(session, document, edit.field, edit.old, edit.new, who, WHY_EDIT)


def review_rows(report: PlanReport) -> dict[str, TableRow]:
    """Every table row under its review key, sub-rows right after their indicator."""
    return {
        f"t{t}-{n}": row
        for t, table in enumerate(report.tables)
        for n, row in enumerate(table.all_rows())
    }


@dataclass(frozen=True)
class RowEdit:
    """A table correction made, with what finds its stored row again."""

    edit: Correction
    year: int | None
    name: str
    parent: str | None


def apply_to_tables(report: PlanReport, edits: Sequence[Correction]) -> list[RowEdit]:
    """Correct the report's table rows in place (before it is stored and graded)."""
    rows = review_rows(report)
    parents = {
        id(sub): top for table in report.tables for top in table.indicators for sub in top.subrows
    }
    years = {id(row): table_year(report, t) for t in report.tables for row in t.all_rows()}
    done = []
    for edit in (e for e in edits if e.key.startswith("t")):
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
        done.append(RowEdit(edit, years[id(row)], row.name, parent.name if parent else None))
    return done


def table_year(report: PlanReport, table: IndicatorTable) -> int | None:
    """The plan year a table's rows are stored under."""
    return table.year or (report.report_year if table.kind == "execution" else report.plan_year)


def _drop(report: PlanReport, row: TableRow, parent: TableRow | None) -> None:
    if parent is not None:
        parent.subrows = [sub for sub in parent.subrows if sub is not row]
        return
    for table in report.tables:
        table.indicators = [top for top in table.indicators if top is not row]


def log_table_edits(
    session: Session, report: PlanReport, edits: list[RowEdit], document_id: int, who: str
) -> None:
    document = session.get_one(Document, document_id)
    for done in edits:
        if done.edit.field == "drop":
            log(session, document, "dropped", done.edit.old, None, who, WHY_DROP)
            continue
        figure = _stored_figure(session, report, done)
        if figure is not None:
            log(session, figure, "text", done.edit.old, done.edit.new, who, WHY_EDIT)


def _stored_figure(session: Session, report: PlanReport, done: RowEdit) -> Target | Actual | None:
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


def _stored_indicator(session: Session, region: str, done: RowEdit) -> Indicator | None:
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


def apply_to_facts(
    session: Session, report: PlanReport, edits: Sequence[Correction], who: str
) -> None:
    """Correct or delete the stored prose facts named by ``f…`` keys (their position)."""
    edits = [e for e in edits if e.key.startswith("f")]
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
