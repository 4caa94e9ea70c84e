"""Readers: a file in, a :class:`Document` out.

A document is the decoded text of a report plus the tables found in it, each
cell carrying its offsets into that text, so that everything read later can
point back at where it came from. The readers know file formats and nothing
about plans; :mod:`jihua.tables` reads the tables they find.

Formats: plain text (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030 and
what charset-normalizer recognises) and ``.docx``. In the text form a table is
a run of tab-led lines, one cell a line, rows separated by blank lines (the
layout a Word table takes when a report is saved as text).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jihua.errors import UserError


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass
class RawTable:
    """A grid of cells as laid out in the file, before any meaning is given."""

    rows: list[list[Cell]]
    start: int
    end: int
    title: str = ""
    note: str = ""


@dataclass
class Document:
    text: str
    source: str
    format: str
    tables: list[RawTable] = field(default_factory=list)
    encoding: str | None = None


def read_document(path: str | Path) -> Document:
    """Read a report file of any supported format."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    if path.is_dir():
        raise UserError(f"这是一个目录，不是文件：{path}")
    data = path.read_bytes()
    return read_bytes(data, path.name)


def read_bytes(data: bytes, source: str) -> Document:
    """Read a report from its bytes; ``source`` names it in messages."""
    if not data.strip():
        raise UserError(f"文件为空：{source}")
    if data[:4] == b"PK\x03\x04":
        if source.lower().endswith((".docx", ".docm")) or _is_docx(data):
            return read_docx(data, source)
        raise UserError(f"{source} 是压缩文件，不是可识别的报告（支持 .txt、.docx）")
    if source.lower().endswith(".docx"):
        raise UserError(f"{source} 不是有效的 Word 文档（文件已损坏或被截断）")
    text, encoding = decode_text(data, source)
    return Document(text, source, "txt", find_text_tables(text), encoding)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# --- text ------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode the bytes of a text file, or say clearly that it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_or_fail(data, encoding, source), encoding
    if _looks_binary(data):
        raise UserError(f"{source} 不是文本文件（含有二进制内容），无法读取")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return _guess_encoding(data, source)


def _decode_or_fail(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UserError(f"{source} 按 {encoding} 解码失败（第 {exc.start} 字节）") from exc


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _guess_encoding(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UserError(f"{source} 无法识别文字编码（既不是 UTF-8 也不是 GBK/GB18030）")
    encoding = "gb18030" if best.encoding.lower() in ("gbk", "gb2312", "cp936") else best.encoding
    return data.decode(encoding, errors="replace"), encoding


@dataclass
class _Line:
    text: str
    start: int
    blanks_before: int


def _lines(text: str) -> Iterator[_Line]:
    blanks, pos = 0, 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        if body.strip() or body.startswith("\t"):
            yield _Line(body, pos, blanks)
            blanks = 0
        else:
            blanks += 1
        pos += len(raw)


def find_text_tables(text: str) -> list[RawTable]:
    """Find the tab-led tables of a text report.

    A line starting with a tab opens a cell. A line without a tab continues
    the cell before it when at most one blank line separates them (a header
    cell like ``2023完成情况`` / ``（预计）``, or the lines of a 专栏 box); after
    two blank lines it ends the table. Rows are separated by blank lines; a
    group of cells narrower than the header is joined with the next group
    (the seed's row 29 has blank lines inside it).
    """
    tables: list[RawTable] = []
    groups: list[list[Cell]] = []
    previous = ""
    for line in _lines(text):
        in_table = bool(groups)
        if line.text.startswith("\t"):
            cell = _cell_of(line)
            if not in_table:
                title = previous
                groups = [[cell]]
            elif line.blanks_before:
                groups.append([cell])
            else:
                groups[-1].append(cell)
        elif in_table and line.blanks_before <= 1:
            groups[-1][-1] = _extend(groups[-1][-1], line, text)
        else:
            if in_table:
                tables.append(_table_of(groups, title, _note(line.text)))
                groups = []
            previous = line.text.strip()
    if groups:
        tables.append(_table_of(groups, title, ""))
    return tables


def _cell_of(line: _Line) -> Cell:
    body = line.text[1:]
    stripped = body.strip()
    offset = line.start + 1 + (body.find(stripped) if stripped else 0)
    return Cell(stripped, offset, offset + len(stripped))


def _extend(cell: Cell, line: _Line, text: str) -> Cell:
    stripped = line.text.strip()
    end = line.start + line.text.find(stripped) + len(stripped)
    joined = f"{cell.text}\n{stripped}" if cell.text else stripped
    return Cell(joined, cell.start if cell.text else end - len(stripped), end)


def _note(line: str) -> str:
    return line.strip() if re.match(r"^\s*注[:：]", line) else ""


def _table_of(groups: list[list[Cell]], title: str, note: str) -> RawTable:
    rows = _rows_of(groups)
    start = rows[0][0].start
    end = max(cell.end for cell in rows[-1])
    return RawTable(rows, start, end, title, note)


def _rows_of(groups: list[list[Cell]]) -> list[list[Cell]]:
    width = len(groups[0])
    rows: list[list[Cell]] = []
    pending: list[Cell] = []
    for group in groups:
        pending = [*pending, *group]
        if len(pending) >= width:
            rows.append(pending)
            pending = []
    if pending:
        rows.append(pending)
    return rows


# --- docx ------------------------------------------------------------------


def read_docx(data: bytes, source: str) -> Document:
    """Paragraphs and Word tables in body order, tables rendered as tab-led lines."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types on a broken file
        raise UserError(f"{source} 不是有效的 Word 文档（文件已损坏或被截断）：{exc}") from exc
    builder = _TextBuilder()
    tables: list[RawTable] = []
    last_paragraph = ""
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, word).text
            builder.add(paragraph + "\n")
            if paragraph.strip():
                last_paragraph = paragraph.strip()
                if tables and not tables[-1].note and tables[-1].end >= builder.last_table_end:
                    tables[-1].note = _note(paragraph)
                builder.last_table_end = -1
        elif tag == "tbl":
            table = _docx_table(Table(child, word), builder, last_paragraph)
            if table is not None:
                tables.append(table)
    return Document(builder.text(), source, "docx", tables, None)


class _TextBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.last_table_end = -1

    def add(self, part: str) -> int:
        start = self.length
        self.parts.append(part)
        self.length += len(part)
        return start

    def text(self) -> str:
        return "".join(self.parts)


def _docx_table(table: object, builder: _TextBuilder, title: str) -> RawTable | None:
    rows: list[list[Cell]] = []
    builder.add("\n")
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[Cell] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across its span
                continue
            seen.add(id(cell._tc))
            content = cell.text.strip()
            start = builder.add("\t") + 1
            builder.add(content + "\n")
            cells.append(Cell(content, start, start + len(content)))
        builder.add("\n")
        if cells:
            rows.append(cells)
    builder.add("\n")
    if not rows:
        return None
    builder.last_table_end = builder.length
    return RawTable(rows, rows[0][0].start, rows[-1][-1].end, title, "")
