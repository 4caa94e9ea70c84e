"""Storing a report: its document, region, plans, indicators, figures and grades.

One report holds two plans: the execution table (last year's targets with
their actuals, a 预计 vintage) and the plan table (next year's targets). The
whole ingest runs in one transaction: if anything fails, nothing is written.
The same bytes twice are recognised by their sha256 and change nothing; a
revised report of the same region and year updates the values it changes,
and the change log keeps the old ones.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.document import Document as ReadDocument
from jihua.document import read_bytes
from jihua.errors import UserError, os_error_text
from jihua.limits import reading
from jihua.plan import PlanReport, read_plan, require_tables
from jihua.store.changes import current_user, now, set_field
from jihua.store.corrections import (
    Correction,
    apply_to_facts,
    apply_to_heading,
    apply_to_tables,
    log_heading_edits,
    log_table_edits,
    table_year,
)
from jihua.store.database import writer
from jihua.store.extraction import store_facts, store_project_groups, store_tasks
from jihua.store.figures import (
    PlanRows,
    Source,
    plan_of,
    region_named,
    store_actual,
    store_target,
)
from jihua.store.grading import regrade_plan
from jihua.store.schema import Document, Fact, Indicator, Plan, Region
from jihua.tables import Indicator as TableRow
from jihua.tables import IndicatorTable

Status = Literal["added", "revised", "present"]
STATUS_WORDS = {"added": "已入库", "revised": "已更新", "present": "已存在"}


@dataclass
class IngestResult:
    source: str
    status: Status
    region: str | None
    years: list[int] = field(default_factory=list)
    document_id: int | None = None

    def describe(self) -> str:
        years = "、".join(str(y) for y in self.years)
        where = f"{self.region or ''} {years}年".strip() if self.years else (self.region or "")
        return f"{self.source}：{STATUS_WORDS[self.status]}（{where}）"


def ingest_file(
    engine: Engine, path: Path, who: str | None = None, replace: bool = False
) -> IngestResult:
    if path.is_dir():
        raise UserError(f"这是一个目录，不是报告文件：{path}")
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{os_error_text(exc)}") from exc
    return ingest_bytes(engine, data, path.name, who, replace)


def ingest_bytes(
    engine: Engine,
    data: bytes,
    source: str,
    who: str | None = None,
    replace: bool = False,
    document: ReadDocument | None = None,
) -> IngestResult:
    """Store the report in ``data`` in one transaction (nothing when already stored).

    ``replace`` lets a revision delete most of a stored report's facts
    (:func:`check_not_shrinking`); ``document`` is ``data`` already read (the web
    reads uploads in a worker process within its limits).
    """
    return _ingest(engine, data, _reader(data, source, document), source, who, (), replace)


def ingest_reviewed(
    engine: Engine,
    data: bytes,
    source: str,
    who: str,
    corrections: Sequence[Correction],
    document: ReadDocument | None = None,
) -> IngestResult:
    """Store the report in ``data`` with a reviewer's corrections applied, all or nothing.

    The corrections (:mod:`jihua.store.corrections`) name the figures as the
    review showed them; each one is logged under ``who``.
    """
    return _ingest(engine, data, _reader(data, source, document), source, who, corrections)


def _reader(data: bytes, source: str, document: ReadDocument | None) -> Callable[[], ReadDocument]:
    if document is not None:
        return lambda: document
    return lambda: read_bytes(data, source)


def ingest_document(
    engine: Engine, document: ReadDocument, who: str | None = None, replace: bool = False
) -> IngestResult:
    """Store a report already read; its identity is the sha256 of its text in UTF-8."""
    data = document.text.encode("utf-8")
    return _ingest(engine, data, lambda: document, document.source, who, (), replace)


def _ingest(
    engine: Engine,
    data: bytes,
    read: Callable[[], ReadDocument],
    source: str,
    who: str | None,
    corrections: Sequence[Correction] = (),
    replace: bool = False,
) -> IngestResult:
    """The one path into the store: the duplicate check, reading, storing, corrections.

    The report is read, extracted and checked before the write transaction begins, so
    the write lock is held only for the writes (a long parse never blocks other writers).
    """
    sha = hashlib.sha256(data).hexdigest()
    who = who or current_user()
    with Session(engine) as session:
        present = _present(session, sha, source)
        if present is not None:
            return present
    with reading(source):  # the document's budget (jihua.limits), not the writes'
        report = read_plan(read())
        heading = apply_to_heading(report, corrections)
        if not report.tables and report.report_year is None:
            _point_bulletins_elsewhere(report)
            require_tables(report)  # not a plan report: says so
        check_unique_rows(report)
        table_edits = apply_to_tables(report, corrections)
        extracted = _extracted(report)
    with Session(writer(engine)) as session, session.begin():
        present = _present(session, sha, source)
        if present is not None:  # stored by another writer while this one read
            return present
        if not replace:
            check_not_shrinking(session, report, extracted)
        result = store_report(session, report, sha, len(data), who, extracted)
        if corrections:
            assert result.document_id is not None
            log_heading_edits(session, heading, result.document_id, who)
            log_table_edits(session, report, table_edits, result.document_id, who)
            apply_to_facts(session, report, corrections, who)
        return result


def _point_bulletins_elsewhere(report: PlanReport) -> None:
    """A bulletin given as a report is told how it is stored, not only what it is not."""
    from jihua.extract.documents import periodic_kind_words

    kind = periodic_kind_words(report.text)
    if kind:
        raise UserError(
            f"{report.document.source} 看起来是{kind}，不是计划报告："
            "其中的月度、季度数据请用 --kind bulletin 入库"
        )


def _present(session: Session, sha: str, source: str) -> IngestResult | None:
    present = session.scalar(select(Document).where(Document.sha256 == sha))
    if present is None:
        return None
    return IngestResult(source, "present", None, _planned_years(session, present), present.id)


def check_unique_rows(report: PlanReport) -> None:
    """A table naming one indicator twice (rows repeated or shuffled) cannot be stored row by row."""
    for table in report.tables:
        seen: dict[tuple[str | None, str], TableRow] = {}
        for row in table.indicators:
            keys = [(None, row.name)] + [(row.name, sub.name) for sub in row.subrows]
            for key, item in zip(keys, [row, *row.subrows], strict=True):
                if key in seen:
                    where = "计划执行情况表" if table.kind == "execution" else "计划表"
                    raise UserError(
                        f"{report.document.source} 的{where}中，指标“{key[1]}”出现了不止一次"
                        f"（序号 {seen[key].no or '空'} 与 {item.no or '空'}）：请检查报告是否重复或错乱"
                    )
                seen[key] = item


#: a re-ingest that keeps fewer than this share of a stored report's facts is refused without replace
KEEP_AT_LEAST = 0.5


def check_not_shrinking(
    session: Session, report: PlanReport, extracted: dict[str, Any] | None
) -> None:
    """Refuse a revision that would delete most of what a stored report of the plan holds.

    A truncated or partial copy of a stored report looks like a revision: without
    ``replace`` it must not silently delete the facts it lacks.
    """
    year = report.plan_year or report.report_year
    if extracted is None or year is None or report.region is None:
        return
    stored = _stored_fact_count(session, report.region, year)
    incoming = len(extracted.get("facts") or [])
    if stored and incoming < stored * KEEP_AT_LEAST:
        raise UserError(
            f"{report.document.source} 只有 {incoming} 处数字，入库将删除{report.region}{year}年"
            f"已入库的 {stored} 处中的 {stored - incoming} 处以上：若确为修订稿，请确认替换（命令行加 --replace）"
        )


def _stored_fact_count(session: Session, region: str, year: int) -> int:
    query = (
        select(func.count(Fact.id))
        .join(Plan, Plan.id == Fact.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .where(Region.name == region, Plan.year == year)
    )
    return int(session.scalar(query) or 0)


def _planned_years(session: Session, document: Document) -> list[int]:
    """The years of a document that have a plan of its region in the store."""
    years = [y for y in (document.report_year, document.plan_year) if y is not None]
    query = select(Plan.year).where(Plan.region_id == document.region_id, Plan.year.in_(years))
    return sorted(session.scalars(query).all())


def store_report(
    session: Session,
    report: PlanReport,
    sha: str,
    size: int,
    who: str,
    extracted: dict[str, Any] | None = None,
) -> IngestResult:
    if report.region is None:
        raise UserError(f"{report.document.source} 中没有找到地区名称，无法入库")
    region = region_named(session, report.region, report.parent_region)
    document = _document_row(session, report, sha, size, region.id, who)
    why = f"ingest {report.document.source}"
    revised = _has_earlier_document(session, document)
    years: list[int] = []
    for table in report.tables:
        year = table_year(report, table)
        if year is None:
            continue
        plan = plan_of(session, region, year)
        revised |= _has_indicators(session, plan)
        if table.kind == "execution" and report.approving_session:
            plan.approving_session = report.approving_session
        store_table(session, plan, table, report.document, Source(who, why, document.id))
        if table.kind == "execution":
            regrade_plan(session, plan, who, why)
        years.append(year)
    stored = _store_extraction(session, report, region, Source(who, why, document.id), extracted)
    if stored is not None:  # a report without tables has a plan through its prose alone
        years.append(stored)
    status: Status = "revised" if revised else "added"
    return IngestResult(
        report.document.source, status, region.name, sorted(set(years)), document.id
    )


def _document_row(
    session: Session, report: PlanReport, sha: str, size: int, region_id: int, who: str
) -> Document:
    row = Document(
        source=report.document.source,
        sha256=sha,
        format=report.document.format,
        size=size,
        region_id=region_id,
        report_year=report.report_year,
        plan_year=report.plan_year,
        ingested_at=now(),
        ingested_by=who,
        text=report.document.text,
    )
    session.add(row)
    session.flush()
    return row


def _has_earlier_document(session: Session, document: Document) -> bool:
    """Another file of the same region and report year was stored before: a revision."""
    earlier = select(Document.id).where(
        Document.region_id == document.region_id,
        Document.report_year == document.report_year,
        Document.id != document.id,
    )
    return document.report_year is not None and session.scalar(earlier.limit(1)) is not None


def _has_indicators(session: Session, plan: Plan) -> bool:
    return (
        session.scalar(select(Indicator.id).where(Indicator.plan_id == plan.id).limit(1))
        is not None
    )


def store_table(
    session: Session, plan: Plan, table: IndicatorTable, text: ReadDocument, source: Source
) -> None:
    """Every row of an indicator table (sub-rows under their indicator) into a plan.

    Indicators are matched by name (and parent) with those the plan already
    has, so that a revised report updates rather than duplicates them. Rows
    are flushed in three batches (indicators, sub-rows, figures), not one by one.
    """
    known = PlanRows(session, plan)
    positions = _positions(table)
    tops = [
        (row, _indicator_row(session, plan, row, None, positions, known, source))
        for row in table.indicators
    ]
    session.flush()
    subs = [
        (sub, _indicator_row(session, plan, sub, parent, positions, known, source))
        for top, parent in tops
        for sub in top.subrows
    ]
    session.flush()
    vintage = "批准" if table.kind == "execution" else "草案"
    for row, indicator in (*tops, *subs):
        _store_figures(session, row, indicator, text, source, known, vintage)
    known.pending.log_all(session, source.who, source.why)


def _positions(table: IndicatorTable) -> dict[int, int]:
    """Row → its place in the table, sub-rows right after their indicator."""
    return {id(row): position for position, row in enumerate(table.all_rows())}


def _store_figures(
    session: Session,
    row: TableRow,
    indicator: Indicator,
    text: ReadDocument,
    source: Source,
    known: PlanRows,
    vintage: str,
) -> None:
    """A row's target (as the table's vintage: 批准 for an execution table, else 草案), actual."""
    quote = text.text[row.start : row.end]
    cited = Source(source.who, source.why, source.document_id, quote, row.start, row.end)
    if row.target.kind != "empty" or row.actual is None:
        where = f"{text.source}（{'计划执行情况表' if vintage == '批准' else '计划表'}）"
        store_target(session, indicator, row.target, cited, known, vintage, where)
    if row.actual is not None and row.actual.kind != "empty":
        where = f"{text.source}（计划执行情况报告）"
        store_actual(session, indicator, row.actual, "预计", cited, where, known)


def _indicator_row(
    session: Session,
    plan: Plan,
    row: TableRow,
    parent: Indicator | None,
    positions: dict[int, int],
    known: PlanRows,
    source: Source,
) -> Indicator:
    position = positions[id(row)]
    indicator = known.indicator(row.name, parent)
    if indicator is None:
        indicator = Indicator(
            plan_id=plan.id,
            parent_id=parent.id if parent else None,
            position=position,
            no=row.no,
            prefix=row.prefix or None,
            name=row.name,
            unit=row.unit,
            category=row.category,
            binding=row.binding,
        )
        session.add(indicator)
        known.indicators[(indicator.parent_id, row.name)] = indicator
        return indicator
    for name in ("unit", "category", "binding"):
        set_field(session, indicator, name, getattr(row, name), source.who, source.why)
    indicator.position, indicator.no = position, row.no
    return indicator


def _store_extraction(
    session: Session,
    report: PlanReport,
    region: Region,
    source: Source,
    result: dict[str, Any] | None = None,
) -> int | None:
    """Project groups, tasks and prose facts, when the extractor (``jihua.extract``) is installed.

    They belong to the plan the report proposes (its plan year; the report
    year when no plan year is found): the year of that plan, or ``None``
    when nothing was extracted.
    """
    year = report.plan_year or report.report_year
    if result is None:
        result = _extracted(report)
    if result is None or year is None:
        return None
    plan = plan_of(session, region, year)
    store_project_groups(session, plan, result.get("projects") or [], source)
    store_tasks(session, plan, result.get("tasks") or [], source)
    store_facts(session, plan, region.id, result.get("facts") or [], source)
    return year


def _extracted(report: PlanReport) -> dict[str, Any] | None:
    """What ``jihua.extract`` reads from the report (None without the extractor or a year)."""
    extract = _extractor()
    if extract is None or (report.plan_year or report.report_year) is None:
        return None
    result: dict[str, Any] = extract(report.document)
    return result


def _extractor() -> Any:
    try:
        module = importlib.import_module("jihua.extract")
    except ModuleNotFoundError as exc:
        if exc.name in ("jihua.extract",):
            return None
        raise
    return getattr(module, "extract", None)
