"""Tables as web pages and copies of them write them in plain text.

:func:`jihua.document.find_text_tables` finds the tab-led tables every reader
writes; this module finds the tables a text file holds in the other layouts
of real pages, each cell keeping its offsets into the text:

* **pipe rows** ``| 序号 | 指标名称 | 2023年目标 |`` (a Markdown separator
  ``|---|---|`` is skipped) and **tab-separated rows** ``1⇥地区生产总值⇥6.5``:
  one line a row, two lines at least, a header word (指标, 名称, 序号, 目标…)
  in one of the first three rows;
* **a table flattened into one line**, its cells parted by spaces
  (``规模以上工业 1-10月 累计 同比增长 (±%) 现价工业总产值(万元) 270314 -12.9 …``):
  a header of months and a growth, then names each followed by its figures;
* **one cell a line** (a table copied from a web page), each line one cell,
  often ending in `` |``: the header is a run of short lines of header words
  holding ``指标``/``名称``, and the rows are cut from the cells that follow
  (:func:`_cut_rows`);
* **one row a line, cells parted by spaces** (a PDF's text copied out):
  :mod:`jihua.text_rows`.

The rows keep what the page gave: a category printed once for a block leaves
the cells below it out (they are given back as empty cells where a 序号 shows
where the row starts), a two-level header stays two rows. :mod:`jihua.tables`
gives them their meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from jihua.document import Cell, RawTable, is_tab_separated


@cache
def _header_word_re() -> re.Pattern[str]:
    """Words a header cell is made of."""
    return re.compile(
        r"序号|编号|类别|分类|领域|指标|名称|项目|单位|属性|性质|目标|计划|预期|完成|实际|执行|预计|"
        r"增长|增速|增幅|增减|绝对值|总量|数值|比上年|同比|备注|说明|责任|牵头|负责|监考|分值|权重|"
        r"时限|进度|进展|[%％]"
    )


_YEAR_ONLY = re.compile(r"^(19|20)\d\d年(度)?$")


@cache
def aim_or_result_re() -> re.Pattern[str]:
    """A header word of a column of aims or of results: ``目标``, ``完成``, ``预计``…"""
    return re.compile(r"目标|计划|预期|完成|实际|执行|预计")


@cache
def _period_header_re() -> re.Pattern[str]:
    """A column of a statistics table headed by the months it covers: ``9月``, ``1-9月累计``, ``本月``,
    ``1-本月``, ``累计增长%``, ``一季度``, ``上半年``, ``2020年11月``, ``2010.6``.
    """
    return re.compile(
        r"^(?:(?:19|20)\d\d年)?(?:(?:1[0-2]|0?[1-9]|[元一二三四五六七八九十]{1,2})月?"
        r"[-—－~～至到]+)?(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
        r"|本月|当月|同月|累计|本年|至本月|1[-—－~～至]本月|[一二三四1-4]季度|[上下]半年|前[一二三两]季度"
        r"|^(?:19|20)\d\d[.．]\d{1,2}$"
    )


_NAME_HEADER = re.compile(r"指标|名称")
_ABSOLUTE = re.compile(r"^(绝对值|绝对额|总量|数值)")


@cache
def _growth_re() -> re.Pattern[str]:
    return re.compile(r"^(比上年|同比)?(增长|增速|增幅)")


@cache
def _growth_in_re() -> re.Pattern[str]:
    return re.compile(r"增长|增速|增幅|增减")


#: a progress table's columns: the year's plan and what is done of it
@cache
def _plan_title_re() -> re.Pattern[str]:
    return re.compile(
        r"^(?:年|年度|全年|本年)?(?:投资)?计划(?:投资|完成投资)?(?:额)?$|^年(?:度)?投资计划"
    )


_DONE_TITLE = re.compile(r"^(?:累计)?完成(?:投资)?(?:额)?$|完成投资额?$")


#: a growth column's base said alone, its growth on the next line: ``比上年同期`` / ``增长(%)``
@cache
def _base_only_re() -> re.Pattern[str]:
    return re.compile(r"^(比上年|比去年|同比|较上年)(同期|同月)?$")


#: the name column's header cell, as it opens a header written one cell a line
_NAME_CELL = re.compile(r"^(主要)?(指标|指标名称|名称|指标项目)$")
_PIPES = "|｜"
_BLANKS = " \t\u3000\xa0"
_SEPARATOR = re.compile(r"^\s*[|｜]?\s*:?-{2,}:?\s*([|｜]\s*:?-{2,}:?\s*)*[|｜]?\s*$")


@cache
def _number_cell_re() -> re.Pattern[str]:
    return re.compile(r"^\d{1,3}[.、．]?$")


@cache
def _subrow_cell_re() -> re.Pattern[str]:
    return re.compile(r"^(其中|#|＃|[-—·•](?![\d.]))")


_PAREN_REST = re.compile(r"^[（(][^（）()]{1,8}[)）]$")
_NUMBER_TITLES = ("序号", "编号", "序")
_CATEGORY_TITLE = re.compile(r"(类别|分类|领域|类型)$")
_NOTE = re.compile(r"^\s*注[:：]")
#: a cell saying a figure is not set: ``—``, ``/``, ``-``
NOT_SET_CELL = re.compile(r"^[—–\-－/／]+$")
#: a category's own row, merged across the table: ``一、经济发展``, ``（二）绿色生态``
CATEGORY_CELL = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\D{2,12}$"
)
#: a header cell is short; a cell of a copied table rarely longer than this
_HEADER_CHARS = 16
_CELL_CHARS = 40


@dataclass(frozen=True)
class _Line:
    text: str  # without the line break
    start: int


def find_written_tables(text: str, taken: list[RawTable]) -> list[RawTable]:
    """The pipe, tab-separated and one-cell-a-line tables outside the ``taken`` spans.

    The lines are looked at only when the text holds a pipe or a tab inside a
    line, or a short line with a name header word, outside the tables found.
    """
    from jihua.traditional import has_traditional, simplify  # it builds on jihua.document

    if has_traditional(text):  # header words are looked for in simplified characters
        in_copy = find_written_tables(simplify(text), taken)
        return [_in_original(table, text) for table in in_copy]
    found: list[RawTable] = []
    if "|" in text or "｜" in text or _has_inner_tab(text):
        lines = [line for line in _lines(text) if not _inside(line.start, taken)]
        found = _delimited_tables(lines)
    spans = [*taken, *found]
    if any(not _inside(at, spans) for at in _short_lines_naming(text)):
        rest = [line for line in _lines(text) if not _inside(line.start, spans)]
        found += _cell_per_line_tables(_cells_over_lines(rest))
    if "增" in text:
        spans = [*taken, *found]
        hinted = [_Line(m.group(), m.start()) for m in _SPACED_HINT.finditer(text)]
        found += _spaced_tables([line for line in hinted if not _inside(line.start, spans)])
    if "指标" in text or "名称" in text:
        from jihua.text_rows import row_per_line_tables  # it reads header words with this module

        found += row_per_line_tables(text, [*taken, *found])
    return found


def _in_original(table: RawTable, text: str) -> RawTable:
    """A table found in the simplified copy, its cells cut from the original (same offsets;
    the title and note stay simplified, as :mod:`jihua.traditional` gives them anyway)."""
    rows = [[Cell(text[c.start : c.end], c.start, c.end) for c in row] for row in table.rows]
    return RawTable(rows, table.start, table.end, table.title, table.note)


def _has_inner_tab(text: str) -> bool:
    """A tab that does not open its line (a tab-led cell's tab does)."""
    at = text.find("\t")
    while at != -1:
        if at > 0 and text[at - 1] != "\n":
            return True
        at = text.find("\t", at + 1)
    return False


def _short_lines_naming(text: str) -> Iterator[int]:
    """Where the lines that are a name column's header cell (``指标名称 |``), or a column's
    months (``本月 |``, ``1-9月累计``), start."""
    for word in ("指", "名", "月", "累", "季", "半"):
        at = text.find(word)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = text[start : end if end != -1 else len(text)]
            if len(line) <= _HEADER_CHARS + 8:
                cell = _plain(line.strip(_PIPES))
                if _NAME_CELL.match(cell) or (word not in "指名" and is_period_header(cell)):
                    yield start
            at = text.find(word, end if end != -1 else len(text))


def _lines(text: str) -> Iterator[_Line]:
    pos = 0
    for raw in text.splitlines(keepends=True):
        yield _Line(raw.rstrip("\r\n"), pos)
        pos += len(raw)


def _inside(position: int, tables: list[RawTable]) -> bool:
    return any(table.start <= position <= table.end for table in tables)


def _stripped(text: str, start: int) -> Cell:
    """A cell of ``text`` (found at ``start``) without surrounding spaces and pipes."""
    body = text.strip(_BLANKS + _PIPES)
    offset = start + (text.find(body) if body else 0)
    return Cell(body, offset, offset + len(body))


# --- one line a row ------------------------------------------------------------


def _row_cells(line: _Line) -> tuple[list[Cell], bool | None] | None:
    """The cells of a pipe or tab-separated row and whether it opens with a pipe (``None``
    for a tab row), or ``None`` when the line is not one. The pipe ending a row makes no cell."""
    body = line.text
    if is_tab_separated(body):
        return _split(line, "\t"), None
    inner = body.strip(_BLANKS)
    if not inner or not any(pipe in inner for pipe in _PIPES):
        return None
    separator = "|" if "|" in inner else "｜"
    cells = _split(line, separator)
    if inner.endswith(separator) and cells and not cells[-1].text:
        cells = cells[:-1]
    return cells, inner.startswith(separator)


def _split(line: _Line, separator: str) -> list[Cell]:
    parts = line.text.split(separator)
    cells: list[Cell] = []
    position = line.start
    for part in parts:
        body = part.strip(_BLANKS)
        offset = position + (part.find(body) if body else 0)
        cells.append(Cell(body, offset, offset + len(body)))
        position += len(part) + len(separator)
    return cells


def _delimited_tables(lines: list[_Line]) -> list[RawTable]:
    """Runs of two pipe or tab rows or more with a header; once a run is open, a line of one
    cell ending in a pipe (``民生保障类 |``) is a row of it too."""
    tables: list[RawTable] = []
    run: list[tuple[list[Cell], bool | None]] = []
    title = ""
    for line in [*lines, _Line("", -1)]:
        if run and _SEPARATOR.match(line.text):
            continue
        found = _row_cells(line) if line.text.strip() else None
        if found is not None and len(found[0]) >= (1 if run else 2):
            run.append(found)
            continue
        rows = _spread_header(_without_padding(_as_cell_stream(_without_border(run))))
        if len(rows) >= 2 and any(_is_header(row) for row in rows[:3]):
            tables.append(_table(rows, title, line.text))
        run = []
        if line.text.strip():
            title = line.text.strip()
    return tables


def _without_border(run: list[tuple[list[Cell], bool | None]]) -> list[list[Cell]]:
    """The rows without the pipe opening each line of a Markdown table (whose header opens
    with one; elsewhere a pipe opening a line follows an empty first cell), each as wide as
    the header."""
    border = bool(run) and run[0][1]
    rows = [cells[1:] if border and opens and len(cells) > 1 else cells for cells, opens in run]
    if not rows or run[0][1] is None:
        return rows  # a tab row keeps every cell, empty ones too (trailing ones may be cut)
    return [_right_aligned(row, len(rows[0])) for row in rows]


def _without_padding(rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows without the columns at their end that are empty in every row (a page
    pads each row to the width of its widest: ``进出口贸易总额 | 亿元 | 8.71 | ||||``)."""
    last = max((at for row in rows for at, cell in enumerate(row) if cell.text), default=-1)
    return [row[: last + 1] for row in rows]


#: an upper header cell that spans value columns: a year, or what the values are
@cache
def _spanning_re() -> re.Pattern[str]:
    return re.compile(r"(19|20)\d\d|目标|计划|预期|完成|实际|执行|预计")


#: a lower header cell under such a span
@cache
def _under_span_re() -> re.Pattern[str]:
    return re.compile(r"绝对值|数值|总量|增长|增速|增幅|[%％]|目标|计划|完成|预计|实际")


def _spread_header(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A two-level header written with each spanning cell once (``指标名称 | 单位 | 2021年完成 |
    2022年计划 | 部门`` over ``绝对值 | 增长% | 绝对值 | 增长%``) spread on the rows' grid:
    each year or plan cell over as many lower cells as the rows have columns to fill,
    the lower cells under the spans."""
    if len(rows) < 3:
        return rows
    upper, lower = _filled_prefix(rows[0]), _filled_prefix(rows[1])
    width = max(len(_filled_prefix(row)) for row in rows[2:])
    spanning = [at for at, cell in enumerate(upper) if _spanning_re().search(cell.text)]
    if (
        not upper
        or not lower
        or not spanning
        or len(upper) >= width
        or len(lower) % len(spanning)
        or len(upper) - len(spanning) + len(lower) != width
        or not all(_under_span_re().search(cell.text) and len(cell.text) <= 8 for cell in lower)
    ):
        return rows
    span = len(lower) // len(spanning)
    top: list[Cell] = []
    bottom: list[Cell] = []
    under = iter(lower)
    for at, cell in enumerate(upper):
        columns = span if at in spanning else 1
        top += [cell] + [Cell("", cell.end, cell.end)] * (columns - 1)
        bottom += (
            [next(under) for _ in range(columns)]
            if at in spanning
            else [Cell("", cell.end, cell.end)]
        )
    return [top, bottom, *rows[2:]]


def _filled_prefix(row: list[Cell]) -> list[Cell]:
    """The row's cells up to its last written one."""
    last = max((at for at, cell in enumerate(row) if cell.text), default=-1)
    return row[: last + 1]


def _as_cell_stream(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A header on one line over cells written one a line (``1 |``, ``地区生产总值 |``…):
    the cells are cut into rows as for a table copied one cell a line."""
    body = rows[1:]
    single = sum(1 for row in body if len(row) == 1)
    if not rows or len(rows[0]) < 3 or single * 2 <= len(body):
        return rows
    return [rows[0], *_cut_rows(rows[0], [cell for row in body for cell in row])]


def _right_aligned(row: list[Cell], width: int) -> list[Cell]:
    """A row narrower than the header left out the cells a merged cell above covers, which
    stand on its left (类别, a sub-row's 序号, the name of an indicator's second line); a row
    of one cell stays as it is (it names a category)."""
    if len(row) >= width or len(row) == 1:
        return row
    return [Cell("", row[0].start, row[0].start)] * (width - len(row)) + row


def _is_header(row: list[Cell]) -> bool:
    """A header names its name column (``指标名称``), or heads two columns or more by the
    months they cover (``9月 | 1-9月累计``, ``地区 | 2020年11月 | 2020年10月``), or heads the
    year's plan and what is done of it (``年投资计划 | 完成投资额``)."""
    texts = [_plain(cell.text) for cell in row]
    headers = sum(1 for text in texts if is_header_text(text))
    if any(_NAME_HEADER.search(text) for text in texts):
        return headers >= 2
    if any(_ABSOLUTE.match(text) for text in texts) and any(_growth_re().match(t) for t in texts):
        return True  # ``项目 | 绝对值 | 增速``: the months are the heading's
    if any(_plan_title_re().search(t) for t in texts) and any(_DONE_TITLE.search(t) for t in texts):
        return headers >= 3  # ``隶属 | 项目个数 | 年投资计划 | 完成投资额 | 年计划投资完成率``
    return sum(1 for text in texts if is_period_header(text)) >= 2


def is_period_header(text: str) -> bool:
    """A short cell that heads a column by its months (``1-9月累计``, ``本月``, ``上半年``)."""
    plain = _plain(text)
    return (
        0 < len(plain) <= _HEADER_CHARS
        and bool(_period_header_re().search(plain))
        and (not _is_dated(plain))
    )


def _is_dated(plain: str) -> bool:
    """``7月23日``, ``6月底前``: a date or a deadline, not a column's months."""
    return bool(re.search(r"月\d{1,2}[日号]|月底前|日$", plain))


def _table(rows: list[list[Cell]], title: str, after: str) -> RawTable:
    start = min(cell.start for cell in rows[0])
    end = max(cell.end for cell in rows[-1])
    note = after.strip() if _NOTE.match(after) else ""
    return RawTable(rows, start, end, title, note)


def _plain(text: str) -> str:
    return "".join(text.split())


def is_header_text(text: str) -> bool:
    plain = _plain(text)
    if not plain or len(plain) > _HEADER_CHARS:
        return False
    if _YEAR_ONLY.match(plain) or is_period_header(plain):
        return True
    without_year = re.sub(r"(19|20)\d\d", "", plain)
    return not re.search(r"\d", without_year) and bool(_header_word_re().search(plain))


# --- one cell a line -------------------------------------------------------------


def _cells_over_lines(lines: list[_Line]) -> list[_Line]:
    """Lines with a cell that runs over two lines joined: where each cell ends in `` |``, a
    short line without it between two that have it goes on with the next
    (``民营经济占GDP比`` / ``重（%） |``, ``2023年完成情况`` / ``（预计） |``)."""
    joined: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            following is not None
            and joined
            and _ends_cell(joined[-1].text)
            and _ends_cell(following.text)
            and line.text.strip()
            and not _ends_cell(line.text)
            and len(line.text.strip()) <= _CELL_CHARS
            and 0 < following.start - (line.start + len(line.text)) <= 2
        ):
            gap = "\n" if following.start - (line.start + len(line.text)) == 1 else "\r\n"
            joined.append(_Line(f"{line.text}{gap}{following.text}", line.start))
            index += 2
            continue
        joined.append(line)
        index += 1
    return joined


def _ends_cell(text: str) -> bool:
    last = text.rstrip(_BLANKS)[-1:]
    return bool(last) and last in _PIPES


def _cell_per_line_tables(lines: list[_Line]) -> list[RawTable]:
    """Tables copied from a web page one cell a line: a header block, then its cells."""
    tables: list[RawTable] = []
    index = 0
    while index < len(lines):
        header = (
            _header_block(lines, index)
            or _period_header_block(lines, index)
            or _amount_header_block(lines, index)
        )
        if header is None:
            index += 1
            continue
        first, after = header
        body, end = _body(lines, after, piped=_ends_cell(lines[first].text))
        head = _under_years(_header_cells(lines[first:after]))
        rows = _cut_rows(head, body)
        if rows:
            title = _title_before(lines, first)
            following = lines[end].text if end < len(lines) else ""
            tables.append(_table([head, *rows], title, following))
        index = max(end, index + 1)
    return tables


def _header_cells(lines: list[_Line]) -> list[Cell]:
    """The header's cells; a cell broken over lines is read whole where the break shows: a
    parenthesised rest (``总量`` / ``(亿元)``) and a growth under its base (``比上年同期`` /
    ``增长(%)``) go with the cell above."""
    cells: list[Cell] = []
    joins_next = False
    for line in lines:
        text = _cell_text(line)
        if not text:
            continue
        cell = _stripped(line.text, line.start)
        if cells and (_PAREN_REST.match(text) or (joins_next and _growth_in_re().match(text))):
            above = cells[-1]
            cells[-1] = Cell(f"{above.text}{cell.text}", above.start, cell.end)
        elif _PAREN_REST.match(text) is None:
            cells.append(cell)
        joins_next = _base_only_re().match(text) is not None
    return cells


def _under_years(cells: list[Cell]) -> list[Cell]:
    """A two-level header flattened one cell a line: a year alone (``2024年``) followed by
    what each of its columns gives (``目标``, ``完成``, ``增长%``), two at least and one an
    aim or result, heads them; the year is no column of its own."""
    out: list[Cell] = []
    index = 0
    while index < len(cells):
        year = cells[index]
        under = index + 1
        while under < len(cells) and _under_year(_plain(cells[under].text)):
            under += 1
        lower = cells[index + 1 : under]
        aims = [cell for cell in lower if aim_or_result_re().search(_plain(cell.text))]
        if _YEAR_ONLY.match(_plain(year.text)) and len(lower) >= 2 and aims:
            out += [Cell(f"{year.text}{cell.text}", cell.start, cell.end) for cell in lower]
            index = under
        else:
            out.append(year)
            index += 1
    return out


def _under_year(text: str) -> bool:
    """A header cell saying what a year's column gives, without a year: ``目标``, ``增长%``."""
    return (
        not re.search(r"(19|20)\d\d", text)
        and len(text) <= 6
        and bool(
            aim_or_result_re().search(text) or _growth_in_re().search(text) or _ABSOLUTE.match(text)
        )
    )


def _header_block(lines: list[_Line], index: int) -> tuple[int, int] | None:
    """The header lines around a ``指标``/``名称`` line at ``index``: (first, after last).

    The header holds one such line; it ends before the first row (a ``1``, or a
    category followed by ``1``). Where the page ends each cell with `` |``, a line
    without it over the header is a title or heading (``2025年主要预期目标``), not a cell.
    """
    if not _NAME_CELL.match(_cell_text(lines[index])):
        return None
    piped = _ends_cell(lines[index].text)
    first = index
    while first > 0 and _header_cell(lines[first - 1]) and _header_line(lines[first - 1]):
        if _NAME_HEADER.search(_cell_text(lines[first - 1])):
            break
        if piped and not _ends_cell(lines[first - 1].text):
            break
        first -= 1
    after = index + 1
    while after < len(lines) and _header_line(lines[after]):
        titles = [_cell_text(line) for line in lines[first:after] if _header_cell(line)]
        if _opens_rows(lines, after, _lead_before_number(titles)):
            break
        if not any(title in _NUMBER_TITLES for title in titles) and _names_row(lines, after):
            break  # without a 序号, the first row opens with its name
        after += 1
    filled = [line for line in lines[first:after] if _header_cell(line)]
    if len(filled) < 3 or any(
        _NAME_CELL.match(_cell_text(line)) for line in lines[index + 1 : after]
    ):
        return None  # too short, or this line is a title over the header (``主要指标``)
    return first, after


def _period_header_block(lines: list[_Line], index: int) -> tuple[int, int] | None:
    """A header without a ``指标`` cell: a short name cell (``现价工业产值 |``) over cells
    heading columns by their months (``本月 |``, ``增长% |``, ``累计 |``, ``累计增长 |``), two
    of them at least; it ends before the first row's name."""
    text = _cell_text(lines[index])
    if not text or len(text) > _HEADER_CHARS or _looks_figure(text) or is_period_header(text):
        return None
    after = index + 1
    while after < len(lines) and _header_line(lines[after]):
        after += 1
    block = [_cell_text(line) for line in lines[index + 1 : after]]
    if any(_NAME_CELL.match(text) for text in block):
        return None  # a title over a header that has its 指标 cell
    months = [text for text in block if is_period_header(text)]
    if len(months) < 2 or after >= len(lines) or not _looks_figure(_next_text(lines, after + 1)):
        return None
    return index, after


def _amount_header_block(lines: list[_Line], index: int) -> tuple[int, int] | None:
    """A header without a name cell heading an amount and its growth, the months the table's
    caption (``2022年上半年`` / ``总量`` / ``(亿元)`` / ``比上年同期`` / ``增长(%)``); it ends
    before the first row's name."""
    if not any(word in lines[index].text for word in "值额量") or not _ABSOLUTE.match(
        _cell_text(lines[index])
    ):
        return None
    after = index + 1
    while after < len(lines) and _header_line(lines[after]):
        after += 1
    block = [_cell_text(line) for line in lines[index + 1 : after]]
    if not any(_growth_in_re().search(text) for text in block):
        return None
    if after >= len(lines) or not _looks_figure(_next_text(lines, after + 1)):
        return None
    return index, after


def _next_text(lines: list[_Line], index: int) -> str:
    """The first cell at ``index`` or after it."""
    for line in lines[index : index + 3]:
        if text := _cell_text(line):
            return text
    return ""


def _cell_text(line: _Line) -> str:
    return _plain(_stripped(line.text, line.start).text)


def _header_line(line: _Line) -> bool:
    """A line of a header: a header cell, or a blank, or a parenthesised rest (``（预计）``)."""
    if not line.text.strip(_BLANKS + _PIPES):
        return True
    text = _cell_text(line)
    return is_header_text(text) or _PAREN_REST.match(text) is not None


def _header_cell(line: _Line) -> bool:
    text = _cell_text(line)
    return bool(text) and _PAREN_REST.match(text) is None


def _opens_rows(lines: list[_Line], index: int, lead: bool) -> bool:
    """The line is the first 序号, or (``lead``: the header has a column before its 序号)
    the category before it."""
    following = [_cell_text(line) for line in lines[index : index + 3] if _cell_text(line)]
    return bool(following) and (following[0] == "1" or (lead and following[1:2] == ["1"]))


def _names_row(lines: list[_Line], index: int) -> bool:
    """The line is the first row's name, though made of header words (``地区生产总值增长``):
    a figure follows it, straight or after a unit (``%``, ``万人``)."""
    following = [_cell_text(line) for line in lines[index + 1 : index + 4] if _cell_text(line)]
    figure = [  # a figure (not a year heading, ``2024年``) or a mark for one not set
        (_looks_figure(text) and not is_header_text(text)) or NOT_SET_CELL.match(text) is not None
        for text in following
    ]
    if not following:
        return False
    if figure[0]:
        return True
    return len(following) > 1 and _unit_cell_re().match(following[0]) is not None and figure[1]


@cache
def _unit_cell_re() -> re.Pattern[str]:
    """A unit in a cell of its own: ``%``, ``亿元``, ``万人``, ``个``, ``万千瓦时``."""
    return re.compile(
        r"^([%％‰]|[万亿千百]?[^\d\s%％]{0,3}(元|人|个|件|吨|亩|户|家|项|辆|座|次|张))$"
    )


def _lead_before_number(titles: list[str]) -> bool:
    return any(title in _NUMBER_TITLES for title in titles[1:])


def _body(lines: list[_Line], index: int, piped: bool = False) -> tuple[list[Cell], int]:
    """The cells after a header, up to a line of prose, a 注 line or three blank lines (five
    after a name: a category row's empty cells); where the page ends each cell with `` |``
    (``piped``), up to a line without it, after a blank line (the text after the table)."""
    cells: list[Cell] = []
    blanks = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text:
            blanks += 1
            # a category's empty cells (``按产业分`` over three blank lines) do not end it
            category = bool(cells) and not _looks_figure(_plain(cells[-1].text))
            if blanks >= (5 if category else 3):
                break
            index += 1
            continue
        if _NOTE.match(text) or _is_prose(text) or (piped and blanks and not _ends_cell(text)):
            break
        blanks = 0
        cells.append(_stripped(line.text, line.start))
        index += 1
    return cells, index


# --- a table flattened into one line --------------------------------------------


@cache
def _spaced_re() -> re.Pattern[str]:
    return re.compile(r"[^ \u3000\xa0\t]+")


#: a line that may be such a table: months before a space, and a growth
_SPACED_HINT = re.compile(r"^(?=[^\n]*月[ \u3000])(?=[^\n]*增)[^\n]+$", re.M)


#: a word that goes with the cell before it: ``(±%)``, ``百分点`` after ``-3.9个``
@cache
def _goes_before_re() -> re.Pattern[str]:
    return re.compile(r"^(?:[（(][^（）()]{1,8}[)）]|百分点|个百分点|%|％)$")


def _spaced_tables(lines: list[_Line]) -> list[RawTable]:
    """Tables a page flattened into one line: space-parted cells, a header of a name cell,
    the months (``1-10月`` ``累计``) and a growth (``同比增长`` ``(±%)``), then rows."""
    tables = []
    for line in lines:
        if line.text.count(" ") + line.text.count("\u3000") < 6:
            continue
        cells = _spaced_cells(line)
        first_row = next((i for i in range(1, len(cells) - 1) if _is_row_name(cells, i)), None)
        if first_row is None or first_row < 3:
            continue
        head = _spaced_header(cells[:first_row])
        texts = [_plain(cell.text) for cell in head]
        if not any(is_period_header(t) for t in texts[1:]) or not any(
            _growth_in_re().search(t) for t in texts[1:]
        ):
            continue
        body = cells[first_row:]
        if sum(1 for cell in body if _looks_figure(cell.text)) < 3 or any(
            len(_plain(cell.text)) > _HEADER_CHARS for cell in body
        ):
            continue
        rows = _cut_rows(head, body)
        if rows:
            tables.append(_table([head, *rows], "", ""))
    return tables


def _spaced_cells(line: _Line) -> list[Cell]:
    cells: list[Cell] = []
    for match in _spaced_re().finditer(line.text):
        cell = Cell(match.group(), line.start + match.start(), line.start + match.end())
        if cells and _goes_before_re().match(cell.text):
            above = cells[-1]
            cells[-1] = Cell(f"{above.text}{cell.text}", above.start, cell.end)
        else:
            cells.append(cell)
    return cells


def _is_row_name(cells: list[Cell], index: int) -> bool:
    """A row's name: words followed by a figure (``现价工业总产值(万元) 270314``)."""
    text = _plain(cells[index].text)
    return (
        not _looks_figure(text)
        and not is_period_header(text)
        and not is_header_text(text)
        and _looks_figure(cells[index + 1].text)
    )


def _spaced_header(cells: list[Cell]) -> list[Cell]:
    """The header's cells, the months said in two words read whole (``1-10月`` ``累计``)."""
    head: list[Cell] = []
    for cell in cells:
        text = _plain(cell.text)
        if (
            head
            and text in ("累计", "累计增长", "当月", "本月")
            and is_period_header(head[-1].text)
        ):
            above = head[-1]
            head[-1] = Cell(f"{above.text}{cell.text}", above.start, cell.end)
        else:
            head.append(cell)
    return head


def _is_prose(text: str) -> bool:
    plain = _plain(text)
    return len(plain) > _CELL_CHARS or (len(plain) > 20 and plain.endswith("。"))


def _title_before(lines: list[_Line], index: int) -> str:
    for line in reversed(lines[:index]):
        if line.text.strip():
            return line.text.strip()
    return ""


def _cut_rows(header: list[Cell], cells: list[Cell]) -> list[list[Cell]]:
    """Cut a run of cells into rows of the header's width.

    A row starts at the next 序号 (``1``, ``2``…, followed by a name, not a
    figure), at a sub-row's name (``其中：…``, ``#…``, or the empty 序号 cell
    before it) or, when the header puts a category before the 序号, at the
    category cell before the next 序号. A row whose category the page printed
    once for its block gets an empty category cell; a row cut short by the
    next row's start is filled with empty cells.
    """
    width = len(header)
    titles = [_plain(cell.text) for cell in header]
    number_at = next((i for i, t in enumerate(titles) if t in _NUMBER_TITLES), None)
    category_at = next((i for i, t in enumerate(titles) if _CATEGORY_TITLE.search(t)), None)
    if number_at is None:
        return [_full(cells[i : i + width], width, None) for i in range(0, len(cells), width)]
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    expected = 1
    for index in range(len(cells)):
        if category_at is None and not row and CATEGORY_CELL.match(_plain(cells[index].text)):
            rows.append(_full([cells[index]], width, None))  # ``一、经济发展`` across the table
            continue
        starts = _row_start(cells, index, expected, number_at, row, width)
        only_lead = starts == "number" and len(row) == number_at
        if starts is not None and row and not only_lead:
            rows.append(_full(row, width, number_at, category_at))
            row = []
        if starts == "number":
            expected = (_number_at(cells, index, expected) or expected) + 1
        row.append(cells[index])
        if len(row) == width:
            rows.append(row)
            row = []
    if row:
        rows.append(_full(row, width, number_at, category_at))
    return [row for row in rows if any(cell.text for cell in row)]


def _row_start(
    cells: list[Cell], index: int, expected: int, number_at: int, row: list[Cell], width: int
) -> str | None:
    """Whether ``cells[index]`` opens a row: ``number``, ``lead`` (a category) or ``sub``.

    A new row is looked for once the current one has all its cells, or all
    but one (a page may drop an empty cell); a category only once it has all.
    """
    needed = _cells_needed(row, number_at, width)
    text = _plain(cells[index].text)
    if _is_number(cells, index, expected):
        if len(row) in (0, number_at) or len(row) >= needed:
            return "number"
        # a row short of one cell: the figure that is its last, unless none follows
        if len(row) == needed - 1 and not _is_number(cells, index + 1 + number_at, expected):
            return "number"
    if not row:
        return None
    if len(row) >= needed and _is_number(cells, index + number_at, expected):
        return None if _looks_figure(text) else "lead"
    following = _plain(cells[index + 1].text) if index + 1 < len(cells) else ""
    sub = _subrow_cell_re().match(text) or (not text and _subrow_cell_re().match(following))
    return "sub" if sub and len(row) >= needed - 1 else None


def _cells_needed(row: list[Cell], number_at: int, width: int) -> int:
    """How many cells the row begun with ``row`` has: fewer without its category or 序号."""
    if not row:
        return width
    first = _plain(row[0].text).rstrip(".、．")
    if _number_cell_re().match(first) or not first:
        return width - number_at
    if _subrow_cell_re().match(first):
        return width - number_at - 1
    return width


def _is_number(cells: list[Cell], index: int, expected: int) -> bool:
    """``cells[index]`` is the next 序号 before a name: ``expected``, the one after it (a
    number the page skipped), or ``1`` (a table numbering each category afresh)."""
    return _number_at(cells, index, expected) is not None


def _number_at(cells: list[Cell], index: int, expected: int) -> int | None:
    if not 0 <= index < len(cells) - 1:
        return None
    text = _plain(cells[index].text).rstrip(".、．")
    if not _number_cell_re().match(text) or int(text) not in (expected, expected + 1, 1):
        return None
    following = _plain(cells[index + 1].text)
    return int(text) if following and not _looks_figure(following) else None


def _looks_figure(text: str) -> bool:
    return bool(re.match(r"^[-+≥≤<>约]?\d", _plain(text)))


def _full(
    row: list[Cell], width: int, number_at: int | None, category_at: int | None = None
) -> list[Cell]:
    """A row of the header's width: the cells a row leaves out (its category, before or right
    after its 序号, and a sub-row's 序号) are given back empty, and missing cells at its end."""
    if not row or len(row) >= width:
        return row
    first = _plain(row[0].text).rstrip(".、．")
    second = _plain(row[1].text) if len(row) > 1 else ""
    front = 0
    if number_at is not None:
        if _subrow_cell_re().match(first):
            front = number_at + 1
        elif _number_cell_re().match(first) or (not first and _subrow_cell_re().match(second)):
            front = number_at
    front = min(front, width - len(row))
    row = [Cell("", row[0].start, row[0].start)] * front + row
    if category_at is not None and number_at is not None and category_at > number_at:
        if len(row) < width and not _number_cell_re().match(_plain(row[category_at - 1].text)):
            pass  # the cell before the category's place is no 序号: the row is not cut there
        elif len(row) < width:
            blank = Cell("", row[category_at - 1].end, row[category_at - 1].end)
            row = [*row[:category_at], blank, *row[category_at:]]
    return row + [Cell("", row[-1].end, row[-1].end)] * (width - len(row))
