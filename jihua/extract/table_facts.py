"""Facts from the cells of statistics tables, each with the months of its column.

A 统计局 page prints its figures in tables whose columns say which months they cover:

==========================================  ======================================
header (over the figures)                   months of the column
==========================================  ======================================
``9月``, ``2020年11月``, ``6月份``             that month alone
``1-9月``, ``1-9月累计``, ``1—6月``            January to that month
``本月``, ``当月``, ``比去年同月增长``           the table's month alone
``累计``, ``1-本月``, ``本年累计``, ``至本月``    January to the table's month
``一季度``, ``上半年``, ``前三季度``              as in prose (1–3, 1–6, 1–9)
``绝对值``, ``数值``, nothing                   the table's period
``累计增长%``, ``同比增长(%)``, ``增速``         a growth (basis yoy; ``环比`` previous)
                                            of the figure column on its left
==========================================  ======================================

The table's month and year: those its header states (``8月 | 1-8月累计``), else its
caption (a row above the header or the line before the table: ``2022年9月``,
``2024年1-9月全区主要经济指标``, ``全县 | 2010.6``), else the period that holds where the
table stands (:class:`jihua.extract.periods.PeriodIndex`: the heading or the sentence before
it, carried over). A table repeats its header for each block (``5、规模以上工业产销``), and
a block may state other months (``8月 | 1-8月累计``).

Rows are read as a stream of cells, so that a table copied one cell a line or with its
rows run together keeps them: a row is its name (and unit) cells, then its figures, in
the order of the figure columns; ``——`` keeps a figure's place. The unit is the unit
column's, or the name's parentheses (``利润总额(亿元)``), or the column's
(``当月产量(万吨)``), or the table's (``单位：亿元``), or the row's above (``第一产业``
under ``本地生产总值(亿元)``); a growth column's figures are in %, a figure written
``1.54个百分点`` is a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from jihua.document import Cell, RawTable
from jihua.extract.periods import Period, PeriodIndex, scan_periods
from jihua.tables import split_name
from jihua.text_tables import is_period_header

_FIGURE_RE = re.compile(
    r"^(?P<sign>[-+－−])?(?P<number>\d[\d,，]*(?:\.\d+)?)"
    r"(?:(?P<unit>%|％|个百分点|百分点)|(?P<word>(?![月年季日号])[\u4e00-\u9fff]{1,5}))?$"
)
#: a cell that keeps a figure's place: ``——``, ``-``, ``…``, ``/``, ``持平``
_PLACEHOLDER_RE = re.compile(r"^(?:[-—－–−/…\.·]+|持平|x|X)$")
_GROWTH_HEADER_RE = re.compile(r"增长|增速|增幅|增减|±|同比|环比|比上年|比去年")
_PREVIOUS_RE = re.compile(r"环比|比上月|比上期")


#: a column of last year's figure (``上年同期``), not this period's
@cache
def _last_year_re() -> re.Pattern[str]:
    return re.compile(r"^(?:上年|去年)(?:同期|同月)?(?:累计)?(?:数|值)?$")


#: a column of the figures themselves, the table's period: ``绝对值``, ``总量``, ``产量(吨)``
_ABSOLUTE_RE = re.compile(
    r"^(?:绝对值|绝对额|总量|数值|产量|数量|金额|总额|年末数)(?:[(（][^()（）]{1,6}[)）])?$"
)


@cache
def _growth_row_re() -> re.Pattern[str]:
    """A row that only says which growth of the row above it gives: ``增长(%)``, ``比上年增长%``."""
    return re.compile(
        r"^(?:其中[:：])?(?:比上年|同比)?(?:增长|增速|增幅)(?:率)?(?:[(（]?[%％][)）]?)?$"
    )


_UNIT_HEADER_RE = re.compile(r"^(?:计量)?单位$")
#: the name column's title: ``指 标``, ``指标名称``, ``项目``
_NAME_HEADER_RE = re.compile(r"^(?:指标|指标名称|项目|名称|类别)$")
#: a progress table's columns: the year's plan, what is done of it, the share done, a count
_PLAN_COLUMN_RE = re.compile(
    r"^(?:年|年度|全年|本年)(?:投资)?计划(?:投资|完成投资)?额?$|^(?:年度)?计划(?:总)?投资额?$"
)
_DONE_COLUMN_RE = re.compile(r"^(?:累计|实际)?完成(?:投资)?额?$|^完成投资额?$")
_RATE_COLUMN_RE = re.compile(r"完成率|完成进度|完成比例|占年计划")
_COUNT_COLUMN_RE = re.compile(r"^(?:项目)?个数$|^项目数(?:量)?$")


@cache
def _month_alone_re() -> re.Pattern[str]:
    return re.compile(r"本月|当月|同月")


@cache
def _cumulative_re() -> re.Pattern[str]:
    return re.compile(r"累计|本年|至本月|[1一元][-—－~～至]本月")


@cache
def _explicit_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<first>1[0-2]|0?[1-9])月?[-—－~～至到]+)?"
        r"(?P<last>1[0-2]|0?[1-9])月(?!\d{1,2}[日号])"
    )


@cache
def _dotted_re() -> re.Pattern[str]:
    return re.compile(r"^(?P<year>(?:19|20)\d\d)[.．](?P<month>1[0-2]|0?[1-9])$")


@cache
def _unit_note_re() -> re.Pattern[str]:
    return re.compile(r"单位[:：]\s*(?P<unit>[^\s、,，;；()（）]{1,6})\s*$")


@cache
def _units_note_re() -> re.Pattern[str]:
    """A note naming a unit for each kind of row: ``单位:个、万元`` (counts in 个, amounts in 万元)."""
    return re.compile(
        r"单位[:：](?P<units>[^\s、,，;；()（）]{1,4}(?:[、,，][^\s、,，;；()（）]{1,4})+)$"
    )


@cache
def _count_unit_re() -> re.Pattern[str]:
    return re.compile(r"^(?:个|家|户|人|项|件|台|辆|所|座|只|头)$")


#: a row that counts (``企业单位数``, ``出口企业个数``): in the count unit of such a note
@cache
def _count_name_re() -> re.Pattern[str]:
    return re.compile(r"数$|个数|家数|户数|人数")


_SUBROW_NAME_RE = re.compile(r"^(?:其中|#|＃)")


@cache
def _growth_caption_re() -> re.Pattern[str]:
    return re.compile(r"(?:增长|增速)[^，。]{0,4}[(（]?[%％]")


#: how many lines above a table may title it, and how long a title is
_TITLE_LINES = 3
_TITLE_CHARS = 40


@cache
def _unit_in_title_re() -> re.Pattern[str]:
    return re.compile(r"[(（](?P<unit>[^（）()%％]{1,6})[)）]")


@dataclass(frozen=True, slots=True)
class Column:
    """A figure column: its title and what its header says of it."""

    title: str
    growth: bool
    #: ``months`` (stated), ``month`` (the table's month), ``cumulative``, ``table``
    scope: str
    first: int = 0
    last: int = 0
    year: int | None = None
    unit: str | None = None
    last_year: bool = False
    #: in a progress table: ``plan`` (the year's, a target), ``rate`` (completion), ``count``
    role: str = ""


@dataclass(slots=True)
class _Header:
    columns: list[Column]
    #: how many name and unit cells come before the figures, and where the unit is
    lead: int
    unit_at: int | None
    start: int
    captions: list[str]


@dataclass(slots=True)
class _Above:
    """The row above: its name and the unit its figures are in."""

    name: str | None = None
    unit: str | None = None


@dataclass(slots=True)
class _Row:
    lead: list[Cell] = field(default_factory=list)
    figures: list[Cell] = field(default_factory=list)


def read_table_facts(
    text: str, tables: list[RawTable], periods: PeriodIndex, fact_year: int | None
) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """The facts of the statistics tables among ``tables`` and the spans of the tables read."""
    facts: list[dict[str, Any]] = []
    spans: list[tuple[int, int]] = []
    for table in tables:
        found = _table_facts(text, table, periods, fact_year)
        if found:
            facts.extend(found)
            spans.append((table.start, table.end))
    return facts, spans


def _table_facts(
    text: str, table: RawTable, periods: PeriodIndex, fact_year: int | None
) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = []
    captions = [*_lines_before(text, table.start), table.title]
    header: _Header | None = None
    row = _Row()
    above = _Above()
    previous_was_header = False
    for cells in table.rows:
        filled = [cell for cell in cells if cell.text.strip()]
        if not filled:
            continue
        split = _header_split(filled)
        if split is not None:
            facts += _row_facts(text, header, row, periods, fact_year, above)
            row = _Row()
            titles, tail = split
            if previous_was_header and header is not None and len(titles) == 1:
                header = _wrapped(
                    header, titles[0]
                )  # ``累计`` / ``增长%``: one cell over two lines
            else:
                header = _header(titles, captions, filled[0].start)
                above = _Above()
            previous_was_header = True
            filled = tail
            if not filled:
                continue
        else:
            previous_was_header = False
        if header is None:
            captions.append(" ".join(cell.text for cell in filled))
            continue
        for cell in filled:
            if _is_figure(cell.text):
                row.figures.append(cell)
                continue
            if row.figures or (row.lead and cell is filled[0]):
                facts += _row_facts(text, header, row, periods, fact_year, above)
                row = _Row()
            row.lead.append(cell)
    facts += _row_facts(text, header, row, periods, fact_year, above)
    return facts


def _lines_before(text: str, start: int) -> list[str]:
    """The short lines just above a table, which title it (``2023年5月社会消费品零售总额`` /
    ``来源:市统计局``)."""
    lines = [line.strip() for line in text[max(0, start - 200) : start].splitlines()]
    titles = [line for line in lines if line.strip(" |｜")][-_TITLE_LINES:]
    return [line for line in titles if len(line) <= _TITLE_CHARS]


def _header_split(cells: list[Cell]) -> tuple[list[str], list[Cell]] | None:
    """A header row's titles and the cells after its last title (a row run on into it);
    ``None`` when the row is no header: it needs two titles of figure columns (or one, with
    the name's), and no figure before them."""
    last = -1
    titles = 0
    for index, cell in enumerate(cells):
        if _is_figure(cell.text):
            break
        if _is_column_title(cell.text):
            last, titles = index, titles + 1
    named = last == 1 and _NAME_HEADER_RE.match(_plain(cells[0].text)) is not None
    if titles == 0 or (
        titles == 1 and not named and not _is_column_title(cells[0].text, lone=True)
    ):
        return None
    if titles == 1 and len(cells) > 1 and last > 0 and not named:
        return None  # one title among names: a row (not ``指 标 | 增 幅``: the name's and one)
    tail = cells[last + 1 :]
    if tail and _is_figure(tail[0].text):
        return None  # ``增长(%) | 5.6``: a row naming an aspect of the row above
    return [_plain(cell.text) for cell in cells[: last + 1]], tail


def _is_column_title(text: str, lone: bool = False) -> bool:
    plain = _plain(text)
    if lone:  # a header cell wrapped onto its own line: ``增长%``
        return bool(_GROWTH_HEADER_RE.search(plain)) and len(plain) <= 8
    return (
        is_period_header(plain)
        or bool(_ABSOLUTE_RE.match(plain))
        or _progress_role(plain) != ""
        or (bool(_GROWTH_HEADER_RE.search(plain)) and len(plain) <= 12 and not _has_figure(plain))
    )


def _has_figure(plain: str) -> bool:
    return bool(re.search(r"\d", re.sub(r"(19|20)\d\d|\d{1,2}月", "", plain)))


def _wrapped(header: _Header, rest: str) -> _Header:
    last = header.columns[-1]
    title = last.title + rest
    header.columns[-1] = _column(title, header.columns[:-1])
    return header


def _header(titles: list[str], captions: list[str], start: int) -> _Header:
    # no name column when the first title is a figure column's: ``9月 | 1-9月累计 | 累计``
    first_figure = next((i for i, title in enumerate(titles) if _is_figure_title(title)), 0)
    lead = titles[:first_figure]
    columns: list[Column] = []
    for title in titles[first_figure:]:
        columns.append(_column(title, columns))
    unit_at = next((i for i, title in enumerate(lead) if _UNIT_HEADER_RE.match(title)), None)
    # a unit note in the header's name cells (``| 单位:个、万元 | 指标名称 | 本月 |``) speaks for it all
    notes = [title for title in lead if _units_note_re().search(_plain(title))]
    counted = _count_unit([*captions, *notes])
    columns = [
        replace(column, unit=counted) if column.role == "count" and not column.unit else column
        for column in columns
    ]
    return _Header(columns, len(lead), unit_at, start, [*captions, *notes])


def _count_unit(captions: list[str]) -> str | None:
    """The count unit of a note naming several (``单位:个、亿元`` → 个)."""
    for caption in captions:
        if match := _units_note_re().search(_plain(caption)):
            counts = [u for u in re.split(r"[、,，]", match["units"]) if _count_unit_re().match(u)]
            return counts[0] if counts else None
    return None


def _is_figure_title(title: str) -> bool:
    return _is_column_title(title) or bool(re.search(r"金额|完成", title))


def _progress_role(title: str) -> str:
    """What a progress table's column holds: the year's plan, what is done, the share of the
    plan done, or the count of projects (``年投资计划``, ``完成投资额``, ``年计划投资完成率``,
    ``项目个数``); "" for another column."""
    if _RATE_COLUMN_RE.search(title):
        return "rate"
    if _PLAN_COLUMN_RE.match(title):
        return "plan"
    if _DONE_COLUMN_RE.match(title):
        return "done"
    return "count" if _COUNT_COLUMN_RE.match(title) else ""


def _column(title: str, before: list[Column]) -> Column:
    unit = _title_unit(title)
    role = _progress_role(title)
    if role:
        return Column(title, False, "table", unit="%" if role == "rate" else unit, role=role)
    growth = bool(_GROWTH_HEADER_RE.search(title)) and not re.search(r"绝对|总量", title)
    if growth:
        own = _explicit(title)
        if own is not None:
            return Column(title, True, "months", own[0], own[1], own[2], "%")
        if "同月" in title:
            return Column(title, True, "month", unit="%")
        lefts = [column for column in before if not column.growth]
        if lefts:
            left = lefts[-1]
            return Column(title, True, left.scope, left.first, left.last, left.year, "%")
        scope = "cumulative" if _cumulative_re().search(title) else "table"
        return Column(title, True, scope, unit="%")
    if _last_year_re().match(title):
        return Column(title, False, "table", unit=unit, last_year=True)
    own = _explicit(title)
    if own is not None:
        return Column(title, False, "months", own[0], own[1], own[2], unit)
    if _cumulative_re().search(title):  # before 本月: ``1-本月``
        return Column(title, False, "cumulative", unit=unit)
    if _month_alone_re().search(title):
        return Column(title, False, "month", unit=unit)
    return Column(title, False, "table", unit=unit)


def _explicit(title: str) -> tuple[int, int, int | None] | None:
    """The months a title states: ``1-9月累计`` → (1, 9), ``2020年11月`` → (11, 11, 2020),
    ``上半年`` → (1, 6)."""
    stated = [p for p in scan_periods(title) if not p.compared]
    if stated:
        return stated[0].first, stated[0].last, stated[0].year
    match = _explicit_re().search(title)
    if match is None:
        return None
    last = int(match["last"])
    first = int(match["first"]) if match["first"] else last
    year = int(match["year"]) if match["year"] else None
    return (first, last, year) if first <= last else None


def _title_unit(title: str) -> str | None:
    match = _unit_in_title_re().search(title)
    return match["unit"] if match else None


def _row_facts(
    text: str,
    header: _Header | None,
    row: _Row,
    periods: PeriodIndex,
    fact_year: int | None,
    above: _Above,
) -> list[dict[str, Any]]:
    """The facts of one row: each figure under its column, with the column's months. A row
    named only by an aspect (``增长(%)``, ``增速``) gives the growths of the row above."""
    if header is None or not row.lead or not row.figures:
        return []
    name_cell = row.lead[0]
    name, unit, _, _ = split_name(name_cell.text)
    aspect = _growth_row_re().match(_plain(name_cell.text)) is not None and above.name is not None
    if aspect:
        name, unit = above.name or name, "%"
    if header.unit_at is not None and header.unit_at < len(row.lead):
        unit = row.lead[header.unit_at].text.strip() or unit
    caption_unit, caption_growth = _caption_reading(header.captions)
    fitting = None if unit else _fitting_unit(name_cell.text, header.captions, above.unit)
    row_unit = unit or caption_unit or fitting or above.unit
    if not aspect:
        above.name, above.unit = name, unit or fitting or above.unit
    table = _table_period(header, periods, fact_year)
    facts = []
    for column, cell in zip(header.columns, row.figures, strict=False):
        figure = _FIGURE_RE.match(_plain(cell.text))
        if figure is None:
            continue
        growth = caption_growth or aspect
        fact = _fact(text, name, name_cell, cell, figure, column, row_unit, growth, table)
        if fact is not None:
            facts.append(fact)
    return facts


def _fact(
    text: str,
    name: str,
    name_cell: Cell,
    cell: Cell,
    figure: re.Match[str],
    column: Column,
    row_unit: str | None,
    caption_growth: bool,
    table: Period,
) -> dict[str, Any] | None:
    value = float(figure["number"].replace(",", "").replace("，", ""))
    if figure["sign"]:
        value = -value
    growth = column.growth or caption_growth
    unit = _cell_unit(figure["unit"]) or figure["word"]
    unit = unit or ("%" if growth else column.unit or row_unit)
    if unit is None:
        return None
    kind = "change" if unit == "个百分点" else ("growth" if growth else "level")
    if column.role == "rate":
        kind = "completion"
    period = _column_period(column, table)
    basis = None
    if kind in ("growth", "change"):
        basis = "previous_period" if _PREVIOUS_RE.search(column.title) else "yoy"
    return {
        "indicator": name,
        "year": period.year,
        "kind": kind,
        "status": "target" if column.role == "plan" else "actual",
        "value": value,
        "unit": unit,
        "qualifier": None,
        "quote": text[name_cell.start : cell.end],
        "start": name_cell.start,
        "end": cell.end,
        "period": period.to_dict(),
        "basis": basis,
    }


def _cell_unit(written: str | None) -> str | None:
    if not written:
        return None
    return "个百分点" if "百分点" in written else "%"


def _fitting_unit(name: str, captions: list[str], above: str | None) -> str | None:
    """The unit of a note naming several (``单位:个、万元``) that fits the row: the count unit
    for a count (``企业单位数``), the other for an amount; a sub-row (``其中:规模以上``) keeps
    the row above's."""
    for caption in captions:
        match = _units_note_re().search(_plain(caption))
        if match is None:
            continue
        if above is not None and _SUBROW_NAME_RE.match(_plain(name)):
            return above
        units = re.split(r"[、,，]", match["units"])
        counts = [unit for unit in units if _count_unit_re().match(unit)]
        amounts = [unit for unit in units if not _count_unit_re().match(unit)]
        chosen = counts if _count_name_re().search(_plain(name)) else amounts
        return chosen[0] if len(chosen) == 1 else None
    return None


def _caption_reading(captions: list[str]) -> tuple[str | None, bool]:
    """The unit a caption gives the whole table (``单位：亿元``), and whether it says the
    figures are growths (``指标:工业增加值_同比增长(%)``)."""
    unit = None
    growth = False
    for caption in captions:
        plain = _plain(caption)
        if match := _unit_note_re().search(plain):
            unit = match["unit"]
        growth = growth or bool(_growth_caption_re().search(plain))
    return unit, growth


def _table_period(header: _Header, periods: PeriodIndex, fact_year: int | None) -> Period:
    """The table's own period: the months its header states, else its caption's, else the
    period that holds where it stands."""
    around = periods.at(header.start, fact_year)
    stated = [c for c in header.columns if c.scope == "months" and not c.growth]
    caption = _caption_period(header.captions)
    year = next((c.year for c in stated if c.year), None) or (caption.year if caption else None)
    year = year or around.year
    if stated:
        widest = max(stated, key=lambda c: (c.last, c.last - c.first))
        return Period(year, widest.first, widest.last)
    if caption is not None:
        return Period(year, caption.first, caption.last)
    return Period(year, around.first, around.last)


def _caption_period(captions: list[str]) -> Period | None:
    """The last period the captions state: ``2022年9月``, ``1-9月进度数据发布``, ``2010.6``."""
    found: Period | None = None
    for caption in captions:
        for part in caption.split():
            if match := _dotted_re().match(part):
                month = int(match["month"])
                found = Period(int(match["year"]), month, month)
        stated = [p for p in scan_periods(caption) if not p.compared]
        if stated:
            found = Period(stated[-1].year, stated[-1].first, stated[-1].last)
        elif (explicit := _explicit(caption)) is not None:
            found = Period(explicit[2], explicit[0], explicit[1])
    return found


def _column_period(column: Column, table: Period) -> Period:
    year = column.year or table.year
    if column.role == "plan":
        return Period(year, 1, 12)  # the year's plan in a progress table
    if column.last_year:
        return Period(year - 1 if year else None, table.first, table.last)
    if column.scope == "months":
        return Period(year, column.first, column.last)
    if column.scope == "month":
        return Period(year, table.last, table.last)
    if column.scope == "cumulative":
        return Period(year, 1, table.last)
    return Period(year, table.first, table.last)


def _is_figure(text: str) -> bool:
    plain = _plain(text)
    return bool(_FIGURE_RE.match(plain) or _PLACEHOLDER_RE.match(plain))


def _plain(text: str) -> str:
    return "".join(text.split())
