"""Tables written one row a line, their cells parted by spaces.

A PDF's text layer copied out, or a yearbook's flipbook page, writes a ruled
table that way::

    序号 指标名称 2020 年目标值 2020 年预计值 完成情况
    1 全区生产总值(亿元) 1000 1008.5 完成

The header is a line of header words only, one of them the name column's
(``指标名称``), one a target's or a result's; a year set apart from its word
(``2020 年目标值``) is one cell. Each line below with as many words as the
header is a row (a name broken by a space is joined again), and so is a
category's line (``一、经济发展``), until a line is not; two rows at least. A
``注：`` line right after the rows is the table's note. Only the lines holding
``指标`` or ``名称`` are tried as headers. :func:`jihua.text_tables.find_written_tables`
calls it outside the tables it found.
"""

from __future__ import annotations

import re
from functools import cache

from jihua.document import Cell, RawTable
from jihua.text_tables import is_header_text

#: a year and the word it heads, parted by a space: ``2020 年目标值``
_YEAR_APART = re.compile(r"^(19|20)\d\d$")
_WORD = re.compile(r"[^ \t\r\u3000\xa0]+")  # a Windows line end is no part of a cell
_NAME_COLUMN = re.compile(r"^(主要)?(指标|指标名称|名称|指标项目)$")


@cache
def aim_or_result_re() -> re.Pattern[str]:
    """A header word of a column of aims or of results: ``目标``, ``完成``, ``预计``…"""
    return re.compile(r"目标|计划|预期|完成|实际|执行|预计")


_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")


#: a category's own line between the rows: ``一、经济发展``, ``（二）绿色生态``
@cache
def _category_line_re() -> re.Pattern[str]:
    return re.compile(
        r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\D{2,12}$"
    )


_NOTE = re.compile(r"^\s*注[:：]")
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
        end = _line_end(text, start)
        header = _header(text[start:end], start)
        if header is None:
            continue
        rows: list[list[Cell]] = []
        at = end + 1
        while at < len(text) and (row := _row(text[at : _line_end(text, at)], at, header)):
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


def _header(text: str, start: int) -> list[Cell] | None:
    if len(text) > _LINE_CHARS or "|" in text or "\t" in text:
        return None
    words = _words(text, start)
    cells: list[Cell] = []
    for word in words:
        if cells and _YEAR_APART.match(cells[-1].text) and word.text.startswith("年"):
            cells[-1] = Cell(cells[-1].text + word.text, cells[-1].start, word.end)
        else:
            cells.append(word)
    texts = [cell.text for cell in cells]
    if not 3 <= len(cells) <= 12 or not all(is_header_text(t) for t in texts):
        return None
    if not any(_NAME_COLUMN.match(t) for t in texts) or not any(
        aim_or_result_re().search(t) for t in texts
    ):
        return None
    return cells


def _row(line: str, start: int, header: list[Cell]) -> list[Cell] | None:
    """The line as a row under ``header``, or ``None`` when it is not one."""
    text = line.rstrip("\r")
    words = _words(text, start)
    if len(words) == 1 and _category_line_re().match(words[0].text):
        return words  # a row of one cell: the category of the rows below
    name_at = next(at for at, cell in enumerate(header) if _NAME_COLUMN.match(cell.text))
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
    if not _CJK.search(name.text) or not all(_NUMBER.match(cell.text) for cell in before):
        return None
    if any(len(cell.text) > _VALUE_CHARS for cell in after):
        return None
    return cells if any(_FIGURE.search(cell.text) for cell in after) else None


def _title(text: str, start: int) -> str:
    """The line over the header, passing a table number (``表1``)."""
    lines = text[max(0, start - 200) : start].splitlines()
    above = [line.strip() for line in lines[-2:] if line.strip()]
    named = [line for line in above if not re.fullmatch(r"表\s*\d{1,3}", line)]
    return named[-1] if named else ""
