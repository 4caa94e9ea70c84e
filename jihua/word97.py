"""Word 97–2003 documents (``.doc``): their paragraphs and tables, read from the binary format.

Many governments still publish a report as a ``.doc`` attachment. The file is an
OLE compound file (read with ``olefile``). Its ``WordDocument`` stream opens
with the FIB, which says where, in the table stream, lie the piece table (the
text, in pieces of 8-bit or UTF-16 characters) and the bin table of paragraph
properties (FKP pages of 512 bytes in the ``WordDocument`` stream). A
paragraph inside a table ends with a cell mark (``\\x07``); the mark that ends a
row is a paragraph of its own whose properties hold the row's cell edges and
merges (``sprmTDefTable``). The section numbers are those of [MS-DOC].

The result is what :func:`jihua.document.read_docx` gives for the same document
saved as ``.docx``: paragraphs in order, each table as tab-led lines, a cell that
spans grid columns as its text then empty cells, and a cell merged down from
the one above as :data:`jihua.document.MERGED_ABOVE`.
"""

from __future__ import annotations

import io
import re
import struct
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jihua import limits
from jihua.document import (
    MERGED_ABOVE,
    Document,
    RawTable,
    TextBuilder,
    cell_strip,
    raw_table,
    table_note,
)
from jihua.errors import UserError
from jihua.limits import MAX_SPAN

#: the first bytes of an OLE compound file
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: FibBase.wIdent of a Word document
WORD_IDENT = 0xA5EC
#: FibBase flags (2.5.2): the document is encrypted; its tables are in ``1Table``
ENCRYPTED = 0x0100
TABLE_1 = 0x0200
#: offsets in the FIB (2.5.1): characters of the main document, the paragraphs' bin
#: table and the piece table (fc and lcb pairs of FibRgFcLcb97)
CCP_TEXT = 0x004C
PLCF_BTE_PAPX = 0x0102
CLX = 0x01A2
#: an FKP page
PAGE = 512

#: paragraph properties (2.6.2) that say where a paragraph is in a table
IN_TABLE = 0x2416  # sprmPFInTable
ROW_END = 0x2417  # sprmPFTtp
TABLE_DEPTH = 0x6649  # sprmPItap
HUGE_PAPX = 0x6646  # sprmPHugePapx: the properties lie in the Data stream
ROW_DEFINITION = 0xD608  # sprmTDefTable: the row's cell edges and cell flags (TC80)
TAB_CHANGES = 0xC615  # sprmPChgTabs: its own length rule
#: TC80 flags (2.9.310): a cell merged with the one above (and not the first of the run)
VERTICAL_MERGE = 0x0020
VERTICAL_RESTART = 0x0040
#: cell edges closer than this (twips, 0.05 cm) are one grid line
EDGE_TOLERANCE = 30

CELL_MARK = "\x07"
PARAGRAPH_MARK = "\r"
_MARKS = re.compile("[\r\x07]")
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
#: special characters (2.4.1 and 2.8.26) as the text reads them: a line or page break is a
#: line end, a non-breaking hyphen a hyphen; anchors of pictures, drawings and notes, and a
#: field mark without its field (a broken file), nothing
_READ_AS = str.maketrans(
    {"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None}
    | {chr(code): None for code in (0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x13, 0x14, 0x15)}
)


@dataclass(frozen=True)
class _Piece:
    """A run of the text stored together: characters ``start``…``end`` from byte ``fc``."""

    start: int
    end: int
    fc: int
    eight_bit: bool


@dataclass(frozen=True)
class _Paragraph:
    text: str
    mark: str
    in_table: bool
    row_end: bool
    #: a row end's cell edges (twips) and each cell's TC80 flags
    edges: tuple[int, ...] = ()
    flags: tuple[int, ...] = ()


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)
    row_edges: list[tuple[int, ...]] = field(default_factory=list)
    row_flags: list[tuple[int, ...]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    cell: list[str] = field(default_factory=list)


def is_word97(data: bytes) -> bool:
    """Whether ``data`` is an OLE compound file (a ``.doc``, ``.xls``, ``.wps`` …)."""
    return data[:8] == OLE_MAGIC


def read_office97(data: bytes, source: str) -> Document:
    """A Word 97–2003 document or an Excel 97–2003 workbook, told apart by their streams."""
    if _has_stream(data, "Workbook") or _has_stream(data, "Book"):
        from jihua.workbook import read_xls

        return read_xls(data, source)
    return read_doc(data, source)


def _has_stream(data: bytes, name: str) -> bool:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return bool(ole.exists(name))
    except Exception:  # a broken file: the reader says how
        return False


def read_doc(data: bytes, source: str) -> Document:
    """Paragraphs and tables of a Word 97–2003 document, as :func:`read_docx` reads a ``.docx``."""
    try:
        word, table_stream, data_stream = _streams(data, source)
        paragraphs = list(_paragraphs(word, table_stream, data_stream))
    except UserError:
        raise
    except Exception as exc:  # olefile and the offsets of a broken file fail in many ways
        raise UserError(f"{source} 不是有效的 Word 97–2003 文档（文件已损坏或被截断）") from exc
    return _render(paragraphs, source)


def _streams(data: bytes, source: str) -> tuple[bytes, bytes, bytes]:
    """The ``WordDocument`` stream, the table stream the FIB names, and the ``Data`` stream."""
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):
            raise UserError(
                f"{source} 是 Office 复合文档，但不是 Word 或 Excel 文件"
                "（请另存为 .docx、.xlsx 或 .txt 后再导入）"
            )
        word = _stream(ole, "WordDocument", len(data), source)
        ident, flags = struct.unpack_from("<HxxxxxxxxH", word)
        if ident != WORD_IDENT:
            raise UserError(f"{source} 不是有效的 Word 97–2003 文档（文件头不对）")
        if flags & ENCRYPTED:
            raise UserError(f"{source} 设有打开密码，无法读取（请先解除密码后再导入）")
        name = "1Table" if flags & TABLE_1 else "0Table"
        if not ole.exists(name):
            raise UserError(f"{source} 不是有效的 Word 97–2003 文档（缺少 {name} 流）")
        table = _stream(ole, name, len(data), source)
        extra = _stream(ole, "Data", len(data), source) if ole.exists("Data") else b""
    return word, table, extra


def _stream(ole: Any, name: str, file_size: int, source: str) -> bytes:
    """A stream's bytes, refused when it declares more than the whole file holds: olefile
    follows a stream's sector chain as long as its declared size (up to 4 GB) even when
    the chain loops back on itself."""
    if ole.get_size(name) > file_size:
        raise UserError(
            f"{source} 不是有效的 Word 97–2003 文档（{name} 流的长度超过文件本身，文件已损坏）"
        )
    return bytes(ole.openstream(name).read())


def _paragraphs(word: bytes, table: bytes, extra: bytes) -> Iterator[_Paragraph]:
    """The main document's paragraphs, each with its mark and where it is in a table."""
    (characters,) = struct.unpack_from("<i", word, CCP_TEXT)
    pieces = _pieces(table, *struct.unpack_from("<iI", word, CLX))
    text = _text(word, pieces, characters)
    runs = _property_runs(word, table, extra, *struct.unpack_from("<iI", word, PLCF_BTE_PAPX))
    starts = [run[0] for run in runs]
    piece_starts = [piece.start for piece in pieces]
    fields = _Fields()
    begin = 0
    for mark in _MARKS.finditer(text):
        limits.check()
        end = mark.start()
        grpprl = _properties_at(_fc_of(end, pieces, piece_starts), runs, starts)
        yield _paragraph(_visible(text[begin:end], fields), mark.group(), grpprl)
        begin = end + 1
    if begin < len(text):
        yield _paragraph(_visible(text[begin:], fields), PARAGRAPH_MARK, b"")


def _pieces(table: bytes, fc: int, size: int) -> list[_Piece]:
    """The piece table (2.9.38 Clx): skip the Prc blocks, read the PlcPcd."""
    at, end = fc, fc + size
    while at < end and table[at] == 0x01:  # a Prc: property changes of fast saves
        at += 3 + struct.unpack_from("<h", table, at + 1)[0]
    if at >= end or table[at] != 0x02:
        raise ValueError("no piece table")
    (length,) = struct.unpack_from("<I", table, at + 1)
    count = (length - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", table, at + 5)
    pieces = []
    for index in range(count):
        (raw,) = struct.unpack_from("<I", table, at + 5 + 4 * (count + 1) + 8 * index + 2)
        eight_bit = bool(raw & 0x40000000)
        offset = raw & 0x3FFFFFFF
        pieces.append(
            _Piece(
                positions[index],
                positions[index + 1],
                offset // 2 if eight_bit else offset,
                eight_bit,
            )
        )
    return pieces


def _text(word: bytes, pieces: list[_Piece], characters: int) -> str:
    """The main document's characters (the first ``characters`` of the text)."""
    parts: list[str] = []
    length = 0
    for piece in pieces:
        if piece.start >= characters:
            break
        count = min(piece.end, characters) - piece.start
        if piece.eight_bit:
            parts.append(word[piece.fc : piece.fc + count].decode("cp1252", errors="replace"))
        else:
            raw = word[piece.fc : piece.fc + 2 * count]
            parts.append(raw.decode("utf-16-le", errors="replace"))
        length += len(parts[-1])
        limits.check_text(length)
    return "".join(parts)


def _fc_of(position: int, pieces: list[_Piece], starts: list[int]) -> int:
    """The byte in the ``WordDocument`` stream of the character at ``position``."""
    piece = pieces[max(bisect_right(starts, position) - 1, 0)]
    return piece.fc + (position - piece.start) * (1 if piece.eight_bit else 2)


def _property_runs(
    word: bytes, table: bytes, extra: bytes, fc: int, size: int
) -> list[tuple[int, int, bytes]]:
    """Each run of bytes with the same paragraph properties: (first byte, limit, sprms),
    from the bin table (2.8.6 PlcBtePapx) and its FKP pages (2.9.175 PapxFkp)."""
    count = (size - 4) // 8
    runs: list[tuple[int, int, bytes]] = []
    for index in range(count):
        limits.check()
        (page_number,) = struct.unpack_from("<I", table, fc + 4 * (count + 1) + 4 * index)
        page = word[(page_number & 0x3FFFFF) * PAGE :][:PAGE]
        if len(page) < PAGE:
            raise ValueError("FKP page out of the stream")
        marks = page[PAGE - 1]
        limits_of_runs = struct.unpack_from(f"<{marks + 1}I", page, 0)
        for run in range(marks):
            offset = page[4 * (marks + 1) + 13 * run]
            runs.append(
                (
                    limits_of_runs[run],
                    limits_of_runs[run + 1],
                    _papx(page, offset * 2, extra) if offset else b"",
                )
            )
    runs.sort()
    return runs


def _papx(page: bytes, at: int, extra: bytes) -> bytes:
    """A paragraph's sprms (2.9.176 PapxInFkp, without its style), from the Data stream
    when they did not fit the page."""
    size = page[at]
    if size == 0:
        size, at = 2 * page[at + 1], at + 2
    else:
        size, at = 2 * size - 1, at + 1
    sprms = page[at : at + size][2:]  # after the style number
    for code, operand in _sprms(sprms):
        if code == HUGE_PAPX and len(operand) == 4:
            (offset,) = struct.unpack_from("<I", operand)
            (length,) = struct.unpack_from("<H", extra, offset)
            return extra[offset + 2 : offset + 2 + length]  # PrcData: no style number
    return sprms


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """Each property change (2.6.1 Sprm) and its operand."""
    at = 0
    while at + 2 <= len(grpprl):
        (code,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        kind = code >> 13
        if kind in (0, 1):
            size = 1
        elif kind in (2, 4, 5):
            size = 2
        elif kind == 3:
            size = 4
        elif kind == 7:
            size = 3
        elif code == ROW_DEFINITION:
            if at + 2 > len(grpprl):
                return
            size = struct.unpack_from("<H", grpprl, at)[0] - 1
            at += 2
        elif code == TAB_CHANGES and at < len(grpprl) and grpprl[at] == 255:
            return  # a rare form of tab changes: what follows cannot be told apart
        else:
            if at >= len(grpprl):
                return
            size = grpprl[at]
            at += 1
        yield code, grpprl[at : at + size]
        at += size


def _properties_at(fc: int, runs: list[tuple[int, int, bytes]], starts: list[int]) -> bytes:
    index = bisect_right(starts, fc) - 1
    if index >= 0 and runs[index][0] <= fc < runs[index][1]:
        return runs[index][2]
    return b""


def _paragraph(text: str, mark: str, grpprl: bytes) -> _Paragraph:
    in_table = row_end = False
    edges: tuple[int, ...] = ()
    flags: tuple[int, ...] = ()
    for code, operand in _sprms(grpprl):
        if code == IN_TABLE and operand:
            in_table = operand[0] != 0
        elif code == TABLE_DEPTH and len(operand) == 4:
            in_table = in_table or struct.unpack_from("<i", operand)[0] > 0
        elif code == ROW_END and operand:
            row_end = operand[0] != 0
        elif code == ROW_DEFINITION and operand:
            edges, flags = _row_definition(operand)
    return _Paragraph(text, mark, in_table or row_end, row_end, edges, flags)


def _row_definition(operand: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A row's cell edges in twips and each cell's TC80 flags (2.6.4 sprmTDefTable)."""
    cells = operand[0]
    if len(operand) < 1 + 2 * (cells + 1):
        return (), ()
    edges = struct.unpack_from(f"<{cells + 1}h", operand, 1)
    at = 1 + 2 * (cells + 1)
    flags = tuple(
        struct.unpack_from("<H", operand, at + 20 * cell)[0]
        if at + 20 * cell + 2 <= len(operand)
        else 0
        for cell in range(cells)
    )
    return edges, flags


@dataclass
class _Fields:
    """The fields open where the text stands: for each, whether its result has begun, and
    how many are still in their code (a character shows only when none is)."""

    results: list[bool] = field(default_factory=list)
    in_code: int = 0


def _visible(text: str, fields: _Fields) -> str:
    """The text as printed: a field's result without its code (fields nest and may run over
    paragraphs; ``fields`` carries the open ones), the special characters read."""
    if not fields.results and FIELD_BEGIN not in text:
        return text.translate(_READ_AS)
    kept: list[str] = []
    for character in text:
        if character == FIELD_BEGIN:
            fields.results.append(False)
            fields.in_code += 1
        elif character == FIELD_SEPARATOR and fields.results:
            if not fields.results[-1]:
                fields.results[-1] = True
                fields.in_code -= 1
        elif character == FIELD_END and fields.results:
            if not fields.results.pop():
                fields.in_code -= 1
        elif not fields.in_code:
            kept.append(character)
    return "".join(kept).translate(_READ_AS)


def _render(paragraphs: list[_Paragraph], source: str) -> Document:
    """The text and tables as :func:`jihua.document.read_docx` lays them out."""
    builder = TextBuilder()
    tables: list[RawTable] = []
    last_paragraph = ""
    table: _Table | None = None
    for paragraph in paragraphs:
        if paragraph.in_table:
            table = table or _Table()
            _add_to_table(table, paragraph)
            continue
        if table is not None:
            _close_table(table, builder, tables, last_paragraph)
            table = None
        builder.add(paragraph.text + "\n")
        if paragraph.text.strip():
            last_paragraph = paragraph.text.strip()
            if tables and not tables[-1].note and builder.last_table_end != -1:
                tables[-1].note = table_note(paragraph.text)
            builder.last_table_end = -1
    if table is not None:
        _close_table(table, builder, tables, last_paragraph)
    return Document(builder.text(), source, "doc", tables, None)


def _add_to_table(table: _Table, paragraph: _Paragraph) -> None:
    if paragraph.row_end:
        if table.cell:  # a row end without the cell mark before it
            table.cells.append("\n".join(table.cell))
            table.cell = []
        table.rows.append(table.cells)
        table.row_edges.append(paragraph.edges)
        table.row_flags.append(paragraph.flags)
        table.cells = []
        return
    table.cell.append(paragraph.text)
    if paragraph.mark == CELL_MARK:
        table.cells.append("\n".join(table.cell))
        table.cell = []


def _close_table(table: _Table, builder: TextBuilder, tables: list[RawTable], title: str) -> None:
    if table.cells or table.cell:
        _add_to_table(table, _Paragraph("", CELL_MARK, True, True))
    grid = _grid([edges for edges in table.row_edges if edges])
    rows = []
    for cells, edges, flags in zip(table.rows, table.row_edges, table.row_flags, strict=True):
        rows.append(_on_grid(cells, edges, flags, grid))
        if len(rows) % 256 == 0:
            limits.check()
    found = raw_table(rows, builder, title)
    if found is not None:
        tables.append(found)
        builder.last_table_end = builder.length


def _grid(rows_edges: list[tuple[int, ...]]) -> list[int]:
    """The table's grid lines: every row's cell edges, those closer than
    :data:`EDGE_TOLERANCE` taken as one."""
    lines: list[int] = []
    for edge in sorted({edge for edges in rows_edges for edge in edges}):
        if not lines or edge - lines[-1] > EDGE_TOLERANCE:
            lines.append(edge)
    return lines


def _on_grid(
    cells: list[str], edges: tuple[int, ...], flags: tuple[int, ...], grid: list[int]
) -> list[str]:
    """A row's cells on the table's grid: a cell over several grid columns is its text and
    then empty cells; a cell merged with the one above is :data:`MERGED_ABOVE`."""
    texts = [cell_strip(text) for text in cells]
    if len(edges) != len(cells) + 1 or len(grid) < 2:
        return texts[:MAX_SPAN]
    row: list[str] = []
    for index, text in enumerate(texts):
        flag = flags[index] if index < len(flags) else 0
        if flag & VERTICAL_MERGE and not flag & VERTICAL_RESTART:
            text = MERGED_ABOVE
        span = _grid_index(edges[index + 1], grid) - _grid_index(edges[index], grid)
        row.extend([text] + [""] * (min(MAX_SPAN, max(1, span)) - 1))
    return row[:MAX_SPAN]


def _grid_index(edge: int, grid: list[int]) -> int:
    """The grid line nearest ``edge`` (the first of two as near), found by bisection: a
    broken file's rows may give thousands of lines."""
    at = bisect_right(grid, edge)
    if at == 0:
        return 0
    if at == len(grid) or edge - grid[at - 1] <= grid[at] - edge:
        return at - 1
    return at
