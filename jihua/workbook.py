"""A workbook of tables (``.xlsx``, and ``.xls`` through xlrd), as offices publish a plan's 附表: each
sheet a table.

The sheets are read as their cells show (openpyxl in read-only mode, which
streams the sheet), at most :data:`MAX_SHEET_ROWS` rows and
:data:`jihua.limits.MAX_SPAN` columns a sheet, the workbook within the zip
limits of :func:`jihua.document.check_unpacked`. Before openpyxl parses anything, the
XML it parses whole (shared strings, styles) is held to
:data:`jihua.limits.MAX_XML_ELEMENTS` and each sheet's rows to :data:`MAX_ROW_CELLS`
cells (a row is parsed whole), as a Word body is checked before python-docx reads it. Merged cells come from each
sheet's ``<mergeCell ref="A3:A6"/>`` list (the read-only reader does not give
them): the cells a merge covers are empty, those below its first row marked
``merged_above`` as in a Word table. A sheet is written into the document's
text as the other readers write tables (tab-led lines, one cell a line), after
a line naming the sheet; :mod:`jihua.tables` reads it like any other grid.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from datetime import datetime, time
from itertools import islice
from typing import Any

from jihua import limits
from jihua.document import (
    MERGED_ABOVE,
    Document,
    RawTable,
    TextBuilder,
    check_unpacked,
    check_xml_elements,
    raw_table,
)
from jihua.errors import UserError
from jihua.limits import MAX_SPAN

#: the most rows read of a sheet: a plan's table has tens, a statistics annex hundreds
MAX_SHEET_ROWS = 5000
#: the most merged ranges honoured in a sheet (a table has tens; the rest are left as cells)
MAX_MERGES = 10_000
#: the most cells a row may hold: Excel's last column is XFD
MAX_ROW_CELLS = 16_384
#: a row's or a cell's start tag, with or without a namespace prefix (``<x:c``)
_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s/>]")
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
Span = tuple[int, int, int, int]  # first row, first column, last row, last column (from 0)


def is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_xlsx(data: bytes, source: str) -> Document:
    """Every sheet holding cells, as a table of the document."""
    from openpyxl import load_workbook

    check_workbook(data, source)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UserError:  # the reading budget, passed while the workbook opened
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UserError(f"{source} 不是有效的 Excel 文件（文件已损坏或被截断）：{exc}") from exc
    builder = TextBuilder()
    tables: list[RawTable] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in book.worksheets:
                limits.check()
                spans = _merges(archive, getattr(sheet, "_worksheet_path", ""))
                _add_sheet(str(sheet.title), _grid(sheet, spans), builder, tables)
    except UserError:
        raise
    except Exception as exc:  # a sheet's XML broken past the workbook's
        raise UserError(f"{source} 的工作表无法读取（文件已损坏）：{exc}") from exc
    finally:
        book.close()
    return Document(builder.text(), source, "xlsx", tables, None)


def read_xls(data: bytes, source: str) -> Document:
    """Every sheet holding cells of an Excel 97–2003 workbook (``.xls``, through xlrd), as
    :func:`read_xlsx` reads a ``.xlsx``: the same texts, merges and limits."""
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except UserError:
        raise
    except Exception as exc:  # xlrd raises many kinds for a broken file
        raise UserError(f"{source} 不是有效的 Excel 97–2003 工作簿（文件已损坏或被截断）") from exc
    builder = TextBuilder()
    tables: list[RawTable] = []
    try:
        for index in range(book.nsheets):
            limits.check()
            sheet = book.sheet_by_index(index)
            _add_sheet(str(sheet.name), _xls_grid(book, sheet), builder, tables)
            book.unload_sheet(index)
    except UserError:
        raise
    except Exception as exc:  # a sheet broken past the workbook's header
        raise UserError(f"{source} 的工作表无法读取（文件已损坏）：{exc}") from exc
    finally:
        book.release_resources()
    return Document(builder.text(), source, "xls", tables, None)


def _add_sheet(
    title: str, grid: list[list[str]], builder: TextBuilder, tables: list[RawTable]
) -> None:
    """A sheet holding cells, after a line naming it, as a table of the document."""
    if not grid:
        return
    builder.add(f"{title}\n")
    table = raw_table(grid, builder, title)
    if table is not None:
        tables.append(table)


def _xls_grid(book: Any, sheet: Any) -> list[list[str]]:
    """An ``.xls`` sheet's texts (:func:`_shaped`); xlrd's merges are half-open ranges."""
    columns = min(sheet.ncols, MAX_SPAN)
    grid: list[list[str]] = []
    for row in range(min(sheet.nrows, MAX_SHEET_ROWS)):
        grid.append([_xls_text(book, sheet.cell(row, column)) for column in range(columns)])
        if len(grid) % 256 == 0:
            limits.check()
    spans = [
        (top, left, bottom - 1, right - 1)
        for top, bottom, left, right in islice(sheet.merged_cells, MAX_MERGES)
    ]
    return _shaped(grid, spans)


def _xls_text(book: Any, cell: Any) -> str:
    """An ``.xls`` cell as the sheet shows it, as :func:`_text` shows an ``.xlsx`` cell."""
    value = xls_value(book, cell)
    if value is None:
        return ""
    if isinstance(value, float):
        shown = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        return _number(value, shown is not None and "%" in shown.format_str)
    if isinstance(value, datetime):
        return _date(value)
    return str(value).strip()


def xls_value(book: Any, cell: Any) -> object:
    """An ``.xls`` cell's value as openpyxl gives a ``.xlsx`` cell's: None when empty, a
    datetime for a date, an error's text (``#DIV/0!``)."""
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "")
    return cell.value


def check_workbook(data: bytes, source: str) -> None:
    """Refuse, before openpyxl opens it, a workbook that would take far more memory than
    its cells show: one inflating past the zip limits, XML parsed whole (shared strings,
    styles) past :data:`jihua.limits.MAX_XML_ELEMENTS`, a row wider than Excel allows."""
    check_unpacked(data, source, "Excel 文件")
    check_xml_elements(data, source, "Excel 文件", _parsed_whole(data))
    _check_row_widths(data, source)


def _parsed_whole(data: bytes) -> list[str]:
    """The workbook's XML members openpyxl parses whole (shared strings, styles, the
    workbook, relations); the sheets it streams, bounded by :data:`MAX_SHEET_ROWS`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    return [
        name
        for name in names
        if name.endswith((".xml", ".rels")) and not name.startswith("xl/worksheets/sheet")
    ]


def _check_row_widths(data: bytes, source: str) -> None:
    """Refuse a sheet with a row of more cells than Excel allows, scanned while inflating
    it in pieces, before openpyxl (which holds a row's cells all at once) parses it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_rows_of(archive, name, source)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        ValueError,  # zipfile's own for a broken member header
    ) as exc:
        raise UserError(f"{source} 不是有效的 Excel 文件（文件已损坏或被截断）") from exc


def _check_rows_of(archive: zipfile.ZipFile, name: str, source: str) -> None:
    cells, tail = 0, b""
    with archive.open(name) as sheet:
        while piece := sheet.read(1 << 20):
            joined = tail + piece
            cut = max(len(joined) - 64, 0)  # a tag the piece's end splits is read with the next
            cells = _count_cells(joined[:cut], cells, source, name)
            tail = joined[cut:]
            limits.check()
    _count_cells(tail, cells, source, name)


def _count_cells(xml: bytes, cells: int, source: str, name: str) -> int:
    """The cells of the row open at the end of ``xml``, counted on from ``cells``."""
    for found in _ROW_OR_CELL.finditer(xml):
        cells = 0 if found.group(1) == b"row" else cells + 1
        if cells > MAX_ROW_CELLS:
            raise UserError(
                f"{source} 的 {name} 一行超过 {MAX_ROW_CELLS} 个单元格"
                "（Excel 最多 16384 列），文件已损坏，已停止读取"
            )
    return cells


def _merges(archive: zipfile.ZipFile, path: str) -> list[Span]:
    """The sheet's merged ranges, from its XML (they stand after its cells), at most
    :data:`MAX_MERGES`."""
    try:
        xml = archive.read(path.lstrip("/"))
    except KeyError:
        return []
    return [
        (int(top) - 1, _column(left), int(bottom) - 1, _column(right))
        for left, top, right, bottom in (
            found.groups() for found in islice(_MERGE.finditer(xml), MAX_MERGES)
        )
    ]


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number - 1


def _grid(sheet: Any, spans: list[Span]) -> list[list[str]]:
    """The sheet's texts (:func:`_shaped`)."""
    sheet.reset_dimensions()  # a declared size of A1:XFD1048576 would pad every row
    grid: list[list[str]] = []
    for row in sheet.iter_rows(max_col=MAX_SPAN, max_row=MAX_SHEET_ROWS):
        grid.append([_text(cell) for cell in row])
        if len(grid) % 256 == 0:
            limits.check()
    return _shaped(grid, spans)


def _shaped(grid: list[list[str]], spans: list[Span]) -> list[list[str]]:
    """A sheet's texts as wide as its widest written row, without empty rows at its ends;
    the cells a merged range covers empty, those below its first row ``MERGED_ABOVE``."""
    width = max((at + 1 for row in grid for at, text in enumerate(row) if text), default=0)
    grid = [row[:width] + [""] * (width - len(row[:width])) for row in grid]
    _cover(grid, width, spans)
    filled = [at for at, row in enumerate(grid) if any(row)]
    return grid[filled[0] : filled[-1] + 1] if filled else []


def _cover(grid: list[list[str]], width: int, spans: list[Span]) -> None:
    """Empty the cells each merged range covers. Ranges in a sheet Excel wrote never
    overlap, so they cover at most the grid's cells in all: past that, ranges laid over
    each other are left as cells (each would cost the whole sheet again)."""
    budget = len(grid) * width
    for top, left, bottom, right in spans:
        rows = range(top, min(bottom, len(grid) - 1) + 1)
        columns = range(left, min(right, width - 1) + 1)
        budget -= len(rows) * len(columns)
        if budget < 0:
            return
        limits.check()
        for r in rows:
            for c in columns:
                if (r, c) != (top, left):
                    grid[r][c] = MERGED_ABOVE if r > top else ""


def _text(cell: Any) -> str:
    """A cell as the sheet shows it: ``6.5``, ``12`` (not ``12.0``), ``6.5%`` for 0.065
    formatted as a percentage."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return _number(value, "%" in str(getattr(cell, "number_format", "") or ""))
    if isinstance(value, datetime):
        return _date(value)
    return str(value).strip()


def _number(value: float, percent: bool) -> str:
    """A number as a cell shows it: ten significant digits (``0.1+0.2`` is ``0.3``), but an
    amount's whole part in full (``45678901234`` 元, not ``4.567890123e+10``), a percentage
    times 100 with ``%``."""
    number = value * 100 if percent else value
    shown = f"{number:.10g}"
    if "e+" in shown and abs(number) < 1e15:
        shown = f"{number:.15g}"
    return f"{shown}%" if percent else shown


def _date(value: datetime) -> str:
    """A date as its day (``2024-12-31``), with its time only when it has one."""
    return value.date().isoformat() if value.time() == time() else str(value)
