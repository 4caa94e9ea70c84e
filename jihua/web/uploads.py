"""Uploaded reports, held in memory between "review" and "save"; never written to disk.

A report is read (and its extraction shown) straight from the uploaded bytes;
it waits here, under a random token, until the planner saves or it expires.
Only then does the store ingest it, in one transaction, with the planner's
corrections (:mod:`jihua.web.review`). Every figure shown has a ``key``
(``t0-3``: table 0, row 3 with sub-rows counted in order; ``f5``: prose fact 5)
that the review form names its fields after.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.plan import PlanReport, read_plan, require_tables
from jihua.store.corrections import review_rows

MAX_BYTES = 50 * 1024 * 1024
KEEP_SECONDS = 30 * 60
KEEP_AT_MOST = 20


class TooLarge(UserError):
    """An upload over :data:`MAX_BYTES` (HTTP 413)."""


def too_large(size: int | None = None) -> TooLarge:
    shown = f"（{size / 1024 / 1024:.1f} MB）" if size else ""
    return TooLarge(f"文件过大{shown}：上传的报告不能超过 {MAX_BYTES // 1024 // 1024} MB")


def safe_name(filename: str | None) -> str:
    """The file's own name, no folders: it names the report, it is never a path we open."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "上传的报告.txt"


@dataclass
class Pending:
    data: bytes
    source: str
    owner: str
    shown: Preview | None = None
    at: float = field(default_factory=time.monotonic)


class PendingUploads:
    def __init__(self) -> None:
        self._items: dict[str, Pending] = {}
        self._lock = threading.Lock()

    def put(self, item: Pending) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._expire()
            while len(self._items) >= KEEP_AT_MOST:
                self._items.pop(next(iter(self._items)))
            self._items[token] = item
        return token

    def take(self, token: str, owner: str) -> Pending:
        with self._lock:
            self._expire()
            item = self._items.get(token)
            if item is None or item.owner != owner:
                raise UserError("待保存的上传已过期或不存在，请重新上传")
            del self._items[token]
            return item

    def peek(self, token: str, owner: str) -> Pending:
        with self._lock:
            item = self._items.get(token)
        if item is None or item.owner != owner:
            raise UserError("待保存的上传已过期或不存在，请重新上传")
        return item

    def _expire(self) -> None:
        limit = time.monotonic() - KEEP_SECONDS
        for token in [t for t, item in self._items.items() if item.at < limit]:
            del self._items[token]


@dataclass
class PreviewRow:
    key: str
    no: str | None
    name: str
    unit: str | None
    binding: bool
    target: str
    actual: str | None
    sentence: str
    start: int
    end: int
    sub: bool = False


@dataclass
class PreviewTable:
    kind: str
    year: int | None
    title: str
    rows: list[PreviewRow] = field(default_factory=list)


@dataclass
class PreviewFact:
    """A figure of the prose (``jihua.extract``): what the report says outside its tables."""

    key: str
    indicator: str
    year: int | None
    kind: str
    status: str
    value: float | None
    unit: str | None
    qualifier: str | None
    quote: str


@dataclass
class Preview:
    source: str
    region: str | None
    parent_region: str | None
    report_year: int | None
    plan_year: int | None
    tables: list[PreviewTable]
    facts: list[PreviewFact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def rows(self) -> dict[str, PreviewRow]:
        return {row.key: row for table in self.tables for row in table.rows}


def read_report(data: bytes, source: str) -> PlanReport:
    """The plan report in the bytes: with tables, or prose only (then it needs its year)."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    report = read_plan(read_bytes(data, source))
    if not report.tables and report.report_year is None:
        require_tables(report)  # not a plan report: says so
    if report.region is None:
        raise UserError(f"{source} 中没有找到地区名称，无法入库")
    return report


def prose_facts(report: PlanReport) -> list[dict[str, Any]]:
    """The prose facts as the store will keep them (none without the extractor)."""
    try:
        from jihua.extract import extract
    except ModuleNotFoundError:  # pragma: no cover - the extractor ships with jihua
        return []
    facts: list[dict[str, Any]] = extract(report.document).get("facts") or []
    return facts


def preview(data: bytes, source: str) -> Preview:
    """Read the report from memory; a file that is not a plan report is a UserError."""
    report = read_report(data, source)
    text = report.document.text
    keys = {id(row): key for key, row in review_rows(report).items()}
    tables = []
    for table in report.tables:
        shown = PreviewTable(table.kind, table.year, table.title)
        for top in table.indicators:
            for row in (top, *top.subrows):
                shown.rows.append(
                    PreviewRow(
                        keys[id(row)],
                        row.no,
                        row.label,
                        row.unit,
                        row.binding,
                        row.target.text,
                        row.actual.text if row.actual else None,
                        text[row.start : row.end],
                        row.start,
                        row.end,
                        row is not top,
                    )
                )
        tables.append(shown)
    facts = [_preview_fact(n, fact) for n, fact in enumerate(prose_facts(report))]
    return Preview(
        source,
        report.region,
        report.parent_region,
        report.report_year,
        report.plan_year,
        tables,
        facts,
    )


def _preview_fact(n: int, fact: dict[str, Any]) -> PreviewFact:
    return PreviewFact(
        f"f{n}",
        str(fact.get("indicator")),
        fact.get("year"),
        str(fact.get("kind")),
        str(fact.get("status")),
        fact.get("value"),
        fact.get("unit"),
        fact.get("qualifier"),
        str(fact.get("quote") or ""),
    )
