"""Tables written one row a line, their cells parted by spaces.

A PDF's text layer copied out, or a yearbook's flipbook page, writes a ruled
table that way::

    序号 指标名称 2020 年目标值 2020 年预计值 完成情况
    1 全区生产总值(亿元) 1000 1008.5 完成

The header is a line of header words only, one of them the name column's
(``指标名称``), one a target's or a result's; a year set apart from its word
(``2020 年目标值``) is one cell. A header on two lines (``指标 单位 2024年`` over
``目标 完成 增长%``) is read as one: the years (or aims) of the upper line each
head an equal share of the lower line's words. Each line below with as many
words as the header is a row (a name broken by a space is joined again), if it
gives a figure, a mark for one not set (``—``, ``/``) or the next 序号; so is a
category's line (``一、经济发展``), until a line is not; two rows at least. A
``注：`` line right after the rows is the table's note. Only the lines holding
``指标`` or ``名称`` are tried as headers. :func:`jihua.text_tables.find_written_tables`
calls it outside the tables it found.
"""

from __future__ import annotations

import re

from jihua.document import Cell, RawTable
from jihua.text_tables import CATEGORY_CELL, NOT_SET_CELL, aim_or_result_re, is_header_text

#: a year and the word it heads, parted by a space: ``2020 年目标值``
_YEAR_APART = re.compile(r"^(19|20)\d\d$")
_WORD = re.compile(r"[^ \t\r\u3000\xa0]+")  # a Windows line end is no part of a cell
_NAME_COLUMN = re.compile(r"^(主要)?(指标|指标名称|名称|指标项目)$")


_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")


_NOTE = re.compile(r"^\s*注[:：]")
#: a header cell that is a year alone (``2024年``), or holds one (``2023年完成``)
_YEAR_HEAD = re.compile(r"^(19|20)\d\d年?(度)?$")
_YEAR_IN = re.compile(r"(19|20)\d\d")
_ATTRIBUTE = re.compile(r"^(指标)?(属性|性质)$")
_ATTRIBUTE_WORD = re.compile(r"约束|预期")
_CATEGORY_COLUMN = re.compile(r"(类别|分类|领域|类型)$")
#: a statistics table's header word for its figures
_STATISTIC = re.compile(r"增长|增速|增幅|增减|绝对值|总量|数值|比上年|同比|产量|数量|金额|总额")
#: a statistics table's column of amounts, its unit after it: ``产量(吨)``, ``金额（亿元）``
_STATISTIC_HEAD = re.compile(r"^(产量|数量|金额|总额|年末数|本年|上年)[(（][^()（）]{1,8}[)）]$")
_FIGURE = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: a header line is short; a row's value cell too
_LINE_CHARS = 100
_VALUE_CHARS = 12


def row_per_line_tables(text: str, taken: list[RawTable]) -> list[RawTable]:
    """The tables of ``text`` outside the ``taken`` spans."""
    tables: list[RawTable] = []
    for start in _lines_naming(text):
        if any(table.start <= start <= table.end for table in [*taken, *tables]):
            continue
        found = _header_lines(text, start)
        if found is None:
            continue
        header, end = found
        rows: list[list[Cell]] = []
        at = end + 1
        while at < len(text) and (
            row := _row(text[at : _line_end(text, at)], at, header, rows[-1] if rows else None)
        ):
            rows.append(row)
            at = _line_end(text, at) + 1
        if sum(1 for row in rows if len(row) > 1) >= 2:
            note = text[at : _line_end(text, at)].strip() if at < len(text) else ""
            last = rows[-1][-1].end
            title = _title(text, start)
            tables.append(
                RawTable(
                    [header, *rows], header[0].start, last, title, note if _NOTE.match(note) else ""
                )
            )
    return tables


def _lines_naming(text: str) -> list[int]:
    """Where the lines holding a name column's word start, in order."""
    starts: set[int] = set()
    for word in ("指标", "名称"):
        at = text.find(word)
        while at != -1:
            line = text.rfind("\n", 0, at) + 1
            starts.add(line)
            at = text.find(word, _line_end(text, at))
    return sorted(starts)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _words(text: str, start: int) -> list[Cell]:
    return [Cell(m.group(), start + m.start(), start + m.end()) for m in _WORD.finditer(text)]


def _header_lines(text: str, start: int) -> tuple[list[Cell], int] | None:
    """The header starting at ``start`` and where its last line ends: one line, or two
    (years over what each gives)."""
    end = _line_end(text, start)
    cells = _header_words(text[start:end], start)
    if cells is None or not any(_NAME_COLUMN.match(cell.text) for cell in cells):
        return None
    lower_end = _line_end(text, end + 1) if end < len(text) else end
    lower = _header_words(text[end + 1 : lower_end], end + 1, least=1)
    if lower is not None and not any(_NAME_COLUMN.match(cell.text) for cell in lower):
        joined = _two_level(cells, lower)
        if joined is not None and _aims(joined):
            return joined, lower_end
    return (cells, end) if _aims(cells) or _statistics(cells) else None


def _statistics(cells: list[Cell]) -> bool:
    """The header heads a statistics table's figures (``指标 绝对值(万元) 比上年增长(%)``, a
    统计公报's): :mod:`jihua.extract.table_facts` reads its cells."""
    return any(_STATISTIC.search(cell.text) for cell in cells)


def _aims(cells: list[Cell]) -> bool:
    """The header heads targets or results: a word for them, or years beside a 属性 column
    (``2020年 2025年 年均增长 属性``, a five-year plan's table)."""
    texts = [cell.text for cell in cells]
    if any(aim_or_result_re().search(text) for text in texts):
        return True
    return any(_ATTRIBUTE.match(t) for t in texts) and any(_YEAR_HEAD.match(t) for t in texts)


def _header_words(text: str, start: int, least: int = 3) -> list[Cell] | None:
    """The line's cells if it is made of header words only (a year set apart joined)."""
    if len(text) > _LINE_CHARS or "|" in text or "\t" in text:
        return None
    cells: list[Cell] = []
    for word in _words(text, start):
        if cells and _YEAR_APART.match(cells[-1].text) and word.text.startswith("年"):
            cells[-1] = Cell(cells[-1].text + word.text, cells[-1].start, word.end)
        else:
            cells.append(word)
    if not least <= len(cells) <= 12 or not all(_heads(cell.text) for cell in cells):
        return None
    return cells


def _heads(text: str) -> bool:
    """A header cell: a header word, or what a statistics table counts (``产量(吨)``)."""
    return is_header_text(text) or (
        _STATISTIC_HEAD.match(text) is not None and not _FIGURE.search(text)
    )


def _two_level(upper: list[Cell], lower: list[Cell]) -> list[Cell] | None:
    """The upper line's spanning cells (``2024年``, ``2023年完成``), side by side, each
    over an equal share of the lower line's words: ``2024年目标``, ``2024年完成``…"""
    spans = [at for at, cell in enumerate(upper) if _spans(cell.text)]
    if not spans or spans != list(range(spans[0], spans[-1] + 1)) or len(lower) % len(spans):
        return None
    share = len(lower) // len(spans)
    under = [
        Cell(upper[at].text + word.text, upper[at].start, word.end)
        for index, at in enumerate(spans)
        for word in lower[index * share : (index + 1) * share]
    ]
    return [*upper[: spans[0]], *under, *upper[spans[-1] + 1 :]]


def _spans(text: str) -> bool:
    """A header cell over several columns: a year, or an aim or result of one."""
    return bool(_YEAR_HEAD.match(text)) or (
        _YEAR_IN.search(text) is not None and aim_or_result_re().search(text) is not None
    )


def _row(line: str, start: int, header: list[Cell], above: list[Cell] | None) -> list[Cell] | None:
    """The line as a row under ``header`` (``above`` is the row before), or ``None`` when
    it is not one."""
    text = line.rstrip("\r")
    words = _words(text, start)
    if len(words) == 1 and CATEGORY_CELL.match(words[0].text):
        return words  # a row of one cell: the category of the rows below
    name_at = next(at for at, cell in enumerate(header) if _NAME_COLUMN.match(cell.text))
    words = _with_merged_left_out(words, header, name_at)
    extra = len(words) - len(header)
    if extra < 0 or "|" in text or "\t" in text:
        return None
    joined = words[name_at : name_at + extra + 1]
    if any(not _CJK.search(word.text) for word in joined[1:]):
        return None  # a figure broken by a space, not a name: the columns would shift
    name = Cell(
        text[joined[0].start - start : joined[-1].end - start], joined[0].start, joined[-1].end
    )
    cells = [*words[:name_at], name, *words[name_at + extra + 1 :]]
    before, after = cells[:name_at], cells[name_at + 1 :]
    category = _category_at(header, name_at)
    lead = [cell for at, cell in enumerate(before) if at != category]
    if not _CJK.search(name.text) or not all(_NUMBER.match(cell.text) for cell in lead):
        return None
    if category is not None and _FIGURE.search(before[category].text):
        return None
    if any(len(cell.text) > _VALUE_CHARS for cell in after):
        return None
    said = any(_FIGURE.search(cell.text) or NOT_SET_CELL.match(cell.text) for cell in after)
    return cells if said or _numbered_next(before, above) else None


def _category_at(header: list[Cell], name_at: int) -> int | None:
    """The 类别 column before the names, if the header has one."""
    return next(
        (at for at, cell in enumerate(header[:name_at]) if _CATEGORY_COLUMN.search(cell.text)),
        None,
    )


def _with_merged_left_out(words: list[Cell], header: list[Cell], name_at: int) -> list[Cell]:
    """A row one or two words short of the header, the text of merged cells left out: the 类别
    before the names (printed on a category's first row) or the 属性 closing the row
    (printed once for a block), given back empty."""
    if not words or not len(header) - 2 <= len(words) < len(header):
        return words
    if _ATTRIBUTE.match(header[-1].text) and not _ATTRIBUTE_WORD.search(words[-1].text):
        words = [*words, Cell("", words[-1].end, words[-1].end)]
    category = _category_at(header, name_at)
    if len(words) < len(header) and category is not None and category < len(words):
        at = words[category].start  # the name, where the category's text was left out
        words = [*words[:category], Cell("", at, at), *words[category:]]
    return words


def _numbered_next(before: list[Cell], above: list[Cell] | None) -> bool:
    """The row's 序号 follows the one of the row above (``4`` after ``3``)."""
    if not before or above is None or len(above) <= len(before):
        return False
    this, last = before[0].text.rstrip(".、．"), above[0].text.rstrip(".、．")
    return this.isdigit() and last.isdigit() and int(this) == int(last) + 1


def _title(text: str, start: int) -> str:
    """The line over the header, passing a table number (``表1``)."""
    lines = text[max(0, start - 200) : start].splitlines()
    above = [line.strip() for line in lines[-2:] if line.strip()]
    named = [line for line in above if not re.fullmatch(r"表\s*\d{1,3}", line)]
    return named[-1] if named else ""
