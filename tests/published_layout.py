"""The seed laid out as its published Word file: the test documents for DOCX and PDF readers.

What a published report's tables look like, unlike the plain grid of
:func:`tests.report_files.docx_from`:

* the 类别 cell is merged vertically over its category's rows;
* the 序号 cell is merged over an indicator's lines: its sub-rows (其中…, #…)
  and the second line of a long name (:data:`BROKEN_NAMES`), whose figures
  stand in cells merged over both lines or on the second line only;
* the header row repeats on every page a table runs onto;
* the 专栏 boxes are one-cell tables.

The content is the seed's (:mod:`jihua.data`), rows and text as the text
version has them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from jihua.document import Document, RawTable
from jihua.plan import PlanReport
from jihua.tables import Indicator, IndicatorTable

#: long names the layout breaks over two lines of the table: the first line, and where the
#: figures stand (``merged``: in cells merged over both lines; ``second``: on the second line)
BROKEN_NAMES = {
    "涪陵至钦州铁海联运发送箱量增长（%）": ("涪陵至钦州铁海联运", "merged"),
    "亿元地区生产总值安全事故死亡率（%）*": ("亿元地区生产总值", "second"),
    "万人发明专利拥有量（件）增长（%）": ("万人发明专利拥有量（件）", "merged"),
    "西部陆海新通道货运量增速（%）": ("西部陆海新通道", "merged"),
    "单位地区生产总值二氧化碳排放下降（%）": ("单位地区生产总值二氧化碳", "second"),
}


def published_docx(report: PlanReport, path: Path) -> Path:
    """The report as a Word file in published layout, saved at ``path``."""
    word = docx.Document()
    _chinese_font(word)
    document = report.document
    indicator_tables = {table.start: table for table in report.tables}
    position = 0
    for raw in document.tables:
        _paragraphs(word, document.text[position : document.text.rfind("\n", 0, raw.start)])
        table = indicator_tables.get(raw.start)
        if table is None:
            _box(word, raw)
            position = raw.end
        else:
            _indicator_table(word, table)
            position = _after_note(document, table)
    _paragraphs(word, document.text[position:])
    word.save(str(path))
    return path


def _paragraphs(word: Any, text: str) -> None:
    for line in text.splitlines():
        if line.strip():
            word.add_paragraph(line.strip())


def _after_note(document: Document, table: IndicatorTable) -> int:
    """Where the text goes on after the table's 注 line (written as a paragraph here)."""
    note_at = document.text.find("注", table.end)
    return document.text.rfind("\n", 0, note_at) + 1


def _box(word: Any, raw: RawTable) -> None:
    """A 专栏: one cell holding the box's title and its lines."""
    lines = [
        line for row in raw.rows for cell in row for line in cell.text.splitlines() if line.strip()
    ]
    grid = word.add_table(rows=1, cols=1)
    grid.style = "Table Grid"
    cell = grid.rows[0].cells[0]
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _indicator_table(word: Any, table: IndicatorTable) -> None:
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = title
    repeat_as_header(grid.rows[0])
    category_block: list[Any] = []
    for indicator in table.indicators:
        first = grid.add_row().cells
        number_block = [first]
        _fill(first, table, indicator)
        if indicator.raw_name in BROKEN_NAMES:
            number_block.append(_second_line(grid, table, indicator))
        for sub in indicator.subrows:
            cells = grid.add_row().cells
            _fill(cells, table, sub)
            number_block.append(cells)
        if "category" in table.roles:
            at = table.roles.index("category")
            if category_block and _text(category_block[0][at]) != (indicator.category or ""):
                _merge(category_block, at)
                category_block = []
            if not category_block:
                first[at].text = indicator.category or ""
            category_block += number_block
        _merge(number_block, table.roles.index("no"))
    if category_block:
        _merge(category_block, table.roles.index("category"))
    word.add_paragraph(table.note)


def _fill(cells: Any, table: IndicatorTable, row: Indicator) -> None:
    values = {
        "no": row.no or "",
        "name": row.raw_name,
        "target": row.target.text,
        "actual": row.actual.text if row.actual else "",
    }
    for cell, role in zip(cells, table.roles, strict=True):
        if role in values:
            cell.text = values[role]


def _second_line(grid: Any, table: IndicatorTable, indicator: Indicator) -> Any:
    """Break the indicator's name over a second line of the table."""
    first_part, figures = BROKEN_NAMES[indicator.raw_name]
    first = grid.rows[-1].cells
    second = grid.add_row().cells
    name_at = table.roles.index("name")
    first[name_at].text = first_part
    second[name_at].text = indicator.raw_name.removeprefix(first_part)
    for at, role in enumerate(table.roles):
        if role not in ("target", "actual"):
            continue
        if figures == "merged":
            _merge([first, second], at)
        else:
            second[at].text, first[at].text = first[at].text, ""
    return second


def _text(cell: Any) -> str:
    return str(cell.text)


def _merge(block: list[Any], column: int) -> None:
    """Merge one column's cells over a block of rows, keeping the first cell's text."""
    if len(block) > 1:
        text = _text(block[0][column])
        merged = block[0][column].merge(block[-1][column])
        merged.text = text


def repeat_as_header(row: Any) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _chinese_font(word: Any) -> None:
    """Body text in 仿宋 through the ``w:eastAsia`` slot, as government documents set it."""
    style = word.styles["Normal"]
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")
