"""Uploaded reports read for review, straight from their bytes; never written to disk.

A report is read (and its extraction shown) from the uploaded bytes; it then
waits in the database (:mod:`jihua.web.pending`) until the planner saves it or
it expires. Only then does the store ingest it, in one transaction, with the
planner's corrections (:mod:`jihua.web.review`). Every figure shown has a ``key``
(``t0-3``: table 0, row 3 with sub-rows counted in order; ``f5``: prose fact 5)
that the review form names its fields after.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.plan import PlanReport, read_plan, require_tables
from jihua.store.corrections import review_rows

MAX_BYTES = 50 * 1024 * 1024


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Preview:
        """The preview :meth:`to_dict` gave, read back (from the pending upload's JSON)."""
        tables = [
            PreviewTable(t["kind"], t["year"], t["title"], [PreviewRow(**row) for row in t["rows"]])
            for t in data["tables"]
        ]
        facts = [PreviewFact(**fact) for fact in data["facts"]]
        return cls(
            data["source"],
            data["region"],
            data["parent_region"],
            data["report_year"],
            data["plan_year"],
            tables,
            facts,
        )

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
