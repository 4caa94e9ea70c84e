"""Uploaded reports read for review, straight from their bytes; never written to disk.

A report is read (and its extraction shown) from the uploaded bytes; it then
waits in the database (:mod:`jihua.web.pending`) until the planner saves it or
it expires. Only then does the store ingest it, in one transaction, with the
planner's corrections (:mod:`jihua.web.review`). Every figure shown has a ``key``
(``t0-3``: table 0, row 3 with sub-rows counted in order; ``f5``: prose fact 5)
that the review form names its fields after.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.plan import PlanReport, read_plan, require_tables
from jihua.store.corrections import review_rows

MAX_BYTES = 50 * 1024 * 1024
#: a sentence ends at these; a clause list (；) stays one sentence, as the report wrote it
SENTENCE_ENDS = "。！？!?\n"
#: at most this many characters either side of the figure (a run-on paragraph is cut with …)
SENTENCE_REACH = 120
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: text shown plain (False) or marked as the figure (True), in order
Segment = tuple[str, bool]


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
    #: the row as printed, its target and actual marked
    marked: list[Segment] = field(default_factory=list)


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
    #: the sentence the figure stands in, the figure marked
    marked: list[Segment] = field(default_factory=list)


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
        _point_bulletins_elsewhere(report)
        require_tables(report)  # not a plan report: says so
    return report  # a region not found is typed in at the review (the store requires one)


def _point_bulletins_elsewhere(report: PlanReport) -> None:
    """A bulletin uploaded as a report is told where it goes, not only what it is not."""
    from jihua.extract.documents import periodic_kind_words

    kind = periodic_kind_words(report.text)
    if kind:
        raise UserError(
            f"{report.document.source} 看起来是{kind}，不是计划报告：请在“上传通报”页面上传，"
            "其中的月度、季度数据将按期入库"
        )


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
                        marked_row(text[row.start : row.end], row.label, shown_figures(row)),
                    )
                )
        tables.append(shown)
    facts = [_preview_fact(n, fact, text) for n, fact in enumerate(prose_facts(report))]
    return Preview(
        source,
        report.region,
        report.parent_region,
        report.report_year,
        report.plan_year,
        tables,
        facts,
    )


def _preview_fact(n: int, fact: dict[str, Any], text: str) -> PreviewFact:
    quote = str(fact.get("quote") or "")
    return PreviewFact(
        f"f{n}",
        str(fact.get("indicator")),
        fact.get("year"),
        str(fact.get("kind")),
        str(fact.get("status")),
        fact.get("value"),
        fact.get("unit"),
        fact.get("qualifier"),
        quote,
        marked_fact(text, fact.get("start"), fact.get("end"), quote, fact.get("value")),
    )


def shown_figures(row: Any) -> list[str]:
    """A table row's target and actual as printed (the cells to mark)."""
    figures = [row.target.text, row.actual.text if row.actual else ""]
    return [f.strip() for f in figures if f and f.strip()]


def marked_row(span: str, name: str, figures: list[str]) -> list[Segment]:
    """The row's cells on one line, the cells after its name that hold a figure marked."""
    cells = [cell.strip() for cell in span.split("\n") if cell.strip()]
    after = next((i for i, cell in enumerate(cells) if name in cell), -1)
    segments: list[Segment] = []
    for i, cell in enumerate(cells):
        if segments:
            segments.append(("　", False))
        segments.append((cell, i > after and cell in figures))
    return segments


def marked_fact(
    text: str, start: int | None, end: int | None, quote: str, value: float | None
) -> list[Segment]:
    """The sentence around a prose figure, the number itself marked (else its whole quote)."""
    if start is None or end is None or text[start:end] != quote:
        return [(quote, True)] if quote else []
    begin, finish = sentence_bounds(text, start, end)
    low, high = figure_in(quote, value)
    segments: list[Segment] = [
        ("…" if begin > 0 and text[begin - 1] not in SENTENCE_ENDS else "", False),
        (text[begin : start + low], False),
        (text[start + low : start + high], True),
        (text[start + high : finish], False),
    ]
    return [(part, mark) for part, mark in segments if part]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, at most :data:`SENTENCE_REACH` either side."""
    begin = start
    while begin > 0 and start - begin < SENTENCE_REACH and text[begin - 1] not in SENTENCE_ENDS:
        begin -= 1
    finish = end
    while finish < len(text) and finish - end < SENTENCE_REACH and text[finish] not in "\n":
        finish += 1
        if text[finish - 1] in SENTENCE_ENDS:
            break
    return begin, finish


def figure_in(quote: str, value: float | None) -> tuple[int, int]:
    """Where in the quote its number stands (``增长7.5%以上`` → the ``7.5``); all of it if unsure."""
    if value is not None:
        for number in _NUMBER.finditer(quote):
            if float(number.group()) == value:
                return number.span()
    return 0, len(quote)
