"""Readers: a file in, a :class:`Document` out.

A document is the decoded text of a report plus the tables found in it, each
cell carrying its offsets into that text, so that everything read later can
point back at where it came from. The readers know file formats and nothing
about plans; :mod:`jihua.tables` reads the tables they find.

Formats: plain text (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030 and
what charset-normalizer recognises), ``.docx``, ``.xlsx`` (a workbook of 附表,
:mod:`jihua.workbook`), ``.pdf`` (the text layer and its ruled tables) and
``.html`` (the article of a government web page). In the text form a table is
a run of tab-led lines, one cell a line, rows separated by blank lines (the
layout a Word table takes when a report is saved as text, and the one every
reader writes its tables in); :mod:`jihua.text_tables` finds the layouts of
pages copied to text (pipe rows, tab-separated rows, one cell a line). A table
keeps its grid: a merged cell leaves empty cells where it spans.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jihua import limits
from jihua.errors import UserError
from jihua.limits import MAX_SPAN, MAX_XML_ELEMENTS, RATIO_LIMIT, UNPACKED_LIMIT

if TYPE_CHECKING:
    from jihua.pdf_lines import Char, Page


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int
    #: the cell lies under one merged down from a row above (a 单位 or 类别 printed once for a
    #: block): empty here, the text above holds for it
    merged_above: bool = False


class MergedAbove(str):
    """The empty text of a cell that a cell merged down from above covers.

    Readers pass it where a grid has ``""``; it compares, joins and prints as
    ``""``, and :func:`raw_table` turns it into a :class:`Cell` marked
    ``merged_above``.
    """


#: the text of a cell covered from above
MERGED_ABOVE = MergedAbove("")


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
    #: what the reader had to make up for (a file cut inside a character), in Chinese
    warnings: list[str] = field(default_factory=list)


def check_unpacked(archive: bytes | Path, source: str, kind: str) -> None:
    """Refuse an archive whose members would inflate past the limits (a zip bomb)."""
    import zipfile  # only archives need it: a text or PDF starts without it

    try:
        with zipfile.ZipFile(io.BytesIO(archive) if isinstance(archive, bytes) else archive) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"无法打开 {kind} {source}：文件已损坏或被截断") from exc
    if sum(member.file_size for member in members) > UNPACKED_LIMIT:
        raise UserError(f"{source} 解压后超过 {UNPACKED_LIMIT // 1024 // 1024} MB，已停止读取")
    for member in members:
        if member.file_size > RATIO_LIMIT * max(member.compress_size, 1024):
            raise UserError(
                f"{source} 中的 {member.filename} 压缩比异常（疑似压缩炸弹），已停止读取"
            )


def check_docx_elements(data: bytes, source: str) -> None:
    """Refuse a Word body of more XML elements than a real report has, counted while
    inflating it in pieces, before python-docx builds its tree."""
    check_xml_elements(data, source, "Word 文档", ["word/document.xml"])


def check_xml_elements(data: bytes, source: str, kind: str, members: list[str]) -> None:
    """Refuse an archive whose XML ``members`` (those a reader parses whole) hold more
    elements than :data:`jihua.limits.MAX_XML_ELEMENTS`, counted while inflating each in
    pieces, before any tree is built. A member the archive lacks is passed over."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            present = set(archive.namelist())
            for member in members:
                if member in present:
                    _count_elements(archive, member, source)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
        ValueError,  # zipfile's own for a broken member header: ``negative seek value``
    ) as e:
        raise UserError(f"{source} 不是有效的 {kind}（文件已损坏或被截断）") from e


def _count_elements(archive: Any, member: str, source: str) -> None:
    count, tail = 0, b""
    where = "正文" if member == "word/document.xml" else f"的 {member} "
    with archive.open(member) as body:
        while piece := body.read(1 << 20):
            joined = tail + piece
            # start tags: every "<" but end tags, declarations and comments
            count += joined.count(b"<") - joined.count(b"</") - joined.count(b"<?")
            count -= joined.count(b"<!")
            if count > MAX_XML_ELEMENTS:
                raise limits.OverBudget(
                    f"{source} {where}超过 {MAX_XML_ELEMENTS} 个元素，已停止读取"
                )
            tail = joined[-1:] if joined.endswith(b"<") else b""
            if tail:
                count -= 1  # counted again with the next piece
            limits.check()


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
    """Read a report from its bytes; ``source`` names it in messages.

    Within the document's budget (:mod:`jihua.limits`): the one a caller opened
    for all it does with the document, else one for the reading alone.
    """
    with limits.reading(source) as budget:
        document = _read_bytes(data, source)
        budget.check_text(limits.utf8_size(document.text))
        return document


def _read_bytes(data: bytes, source: str) -> Document:
    if not data.strip():
        raise UserError(f"文件为空：{source}")
    if data[:4] == b"PK\x03\x04":
        if source.lower().endswith((".docx", ".docm")) or _is_docx(data):
            return read_docx(data, source)
        from jihua.workbook import is_xlsx, read_xlsx

        if source.lower().endswith((".xlsx", ".xlsm")) or is_xlsx(data):
            return read_xlsx(data, source)
        raise UserError(
            f"{source} 是压缩文件，不是可识别的报告（支持 .txt、.docx、.doc、.xlsx、.xls、.pdf、.html）"
        )
    if data[:5] == b"%PDF-" or source.lower().endswith(".pdf"):
        return read_pdf(data, source)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: Word 97–2003 and its kin
        from jihua.word97 import read_office97

        return read_office97(data, source)
    if source.lower().endswith((".html", ".htm", ".shtml")) or _looks_html(data):
        return read_html(data, source)
    if source.lower().endswith(".docx"):
        raise UserError(f"{source} 不是有效的 Word 文档（文件已损坏或被截断）")
    text, encoding = decode_text(data, source)
    limits.check_text(limits.utf8_size(text))
    document = Document(text, source, "txt", find_text_tables(text), encoding)
    cut_warning(data, document)
    return document


def _looks_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()
    )


def _is_docx(data: bytes) -> bool:
    import zipfile

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
            if encoding == "utf-8" and (cut := _cut_utf8(data)) is not None:
                return cut, "utf-8"  # before GB18030, which would read the cut bytes as garbage
    return _guess_encoding(data, source)


def _cut_utf8(data: bytes) -> str | None:
    """A UTF-8 file cut inside its last character: the text up to it (None when not so)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8")
    return None


def cut_warning(data: bytes, document: Document) -> None:
    """Say so when a UTF-8 file was cut inside its last character."""
    if document.encoding == "utf-8" and _cut_utf8(data) is not None:
        document.warnings.append(
            f"{document.source} 在最后一个字中间被截断，已读到最后一个完整的字"
        )


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


def is_tab_separated(line: str) -> bool:
    """A row of tab-separated cells (``1⇥地区生产总值⇥6.5``, also after an empty first cell),
    not the one cell of a tab-led line."""
    if "\t" not in line[1:]:
        return False
    content = (line[1:] if line.startswith("\t") else line).rstrip()
    return "\t" in content.lstrip(" ")


def _lines(text: str) -> Iterator[_Line]:
    blanks, pos = 0, 0
    for raw in text.splitlines(keepends=True):
        limits.check()
        body = raw.rstrip("\r\n")
        if is_tab_separated(body):
            body = " "  # a row of another layout (jihua.text_tables): ends a tab-led table
        if body.strip() or body.startswith("\t"):
            yield _Line(body, pos, blanks)
            blanks = 0
        else:
            blanks += 1
        pos += len(raw)


def find_text_tables(text: str) -> list[RawTable]:
    """Find the tables of a text report: tab-led ones (below), and the layouts web pages
    and their copies write (:mod:`jihua.text_tables`: pipe rows, tab-separated rows, one
    cell a line).
    """
    from jihua.text_tables import find_written_tables  # it builds on this module's cells

    tab_led = _tab_led_tables(text)
    written = find_written_tables(text, tab_led)
    if not written:
        return tab_led
    return sorted([*tab_led, *written], key=lambda table: table.start)


def _tab_led_tables(text: str) -> list[RawTable]:
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
                tables.append(_table_of(groups, title, table_note(line.text)))
                groups = []
            previous = line.text.strip()
    if groups:
        tables.append(_table_of(groups, title, ""))
    return tables


def _cell_of(line: _Line) -> Cell:
    body = line.text[1:]
    stripped = cell_strip(body)
    offset = line.start + 1 + (body.find(stripped) if stripped else 0)
    return Cell(stripped, offset, offset + len(stripped))


def _extend(cell: Cell, line: _Line, text: str) -> Cell:
    stripped = line.text.strip()
    end = line.start + line.text.find(stripped) + len(stripped)
    joined = f"{cell.text}\n{stripped}" if cell.text else stripped
    return Cell(joined, cell.start if cell.text else end - len(stripped), end)


def table_note(line: str) -> str:
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

    check_unpacked(data, source, "Word 文档")
    check_docx_elements(data, source)
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types on a broken file
        raise UserError(f"{source} 不是有效的 Word 文档（文件已损坏或被截断）：{exc}") from exc
    builder = TextBuilder()
    tables: list[RawTable] = []
    last_paragraph = ""
    for child in word.element.body.iterchildren():
        limits.check()
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, word).text
            builder.add(paragraph + "\n")
            if paragraph.strip():
                last_paragraph = paragraph.strip()
                if tables and not tables[-1].note and builder.last_table_end != -1:
                    tables[-1].note = table_note(paragraph)  # the first line after a table
                builder.last_table_end = -1
        elif tag == "tbl":
            table = _docx_table(Table(child, word), builder, last_paragraph)
            if table is not None:
                tables.append(table)
    return Document(builder.text(), source, "docx", tables, None)


class TextBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.last_table_end = -1

    def add(self, part: str) -> int:
        start = self.length
        self.parts.append(part)
        self.length += len(part)
        limits.check_text(self.length)
        return start

    def text(self) -> str:
        return "".join(self.parts)


def _docx_table(table: object, builder: TextBuilder, title: str) -> RawTable | None:
    return raw_table(map(_docx_row_texts, table.rows), builder, title)  # type: ignore[attr-defined]


def _docx_row_texts(row: Any) -> list[str]:
    """The texts of a docx table row on the table's grid.

    A cell spanning columns is its text and then empty cells; the lower part
    of a cell merged vertically is an empty cell (as a PDF or web page shows it).
    """
    from docx.table import _Cell

    texts: list[str] = []
    for tc in row._tr.tc_lst:
        merged_above = tc.vMerge == "continue"
        texts.append(MERGED_ABOVE if merged_above else cell_strip(_Cell(tc, row).text))
        texts.extend([""] * (min(MAX_SPAN, tc.grid_span) - 1))
    return texts[:MAX_SPAN]


def cell_strip(text: str) -> str:
    """A cell's text without surrounding blanks, an indent of ideographic spaces kept
    (``　　其中：…`` marks a sub-row)."""
    return text.rstrip().lstrip(" \t\r\n\xa0")


def raw_table(
    rows_of_texts: Iterable[Iterable[str]], builder: TextBuilder, title: str
) -> RawTable | None:
    """A table's rows of cell texts appended to the text, one cell a line after a tab."""
    rows: list[list[Cell]] = []
    builder.add("\n")
    for texts in rows_of_texts:
        cells: list[Cell] = []
        for content in texts:
            merged = isinstance(content, MergedAbove)
            content = content.replace("\t", " ")  # a tab inside would make the line a row
            start = builder.add("\t") + 1
            builder.add(content + "\n")
            cells.append(Cell(content, start, start + len(content), merged))
        builder.add("\n")
        if cells:
            rows.append(cells)
    builder.add("\n")
    if not rows:
        return None
    builder.last_table_end = builder.length
    return RawTable(rows, rows[0][0].start, rows[-1][-1].end, title, "")


# --- pdf ---------------------------------------------------------------------
#
# PDFium (through pypdfium2's build, :mod:`jihua.pdfium`), not PyMuPDF: its AGPL
# would oblige every government deployment to publish its source. Text lines in
# :mod:`jihua.pdf_lines`, ruled tables in :mod:`jihua.pdf_tables` (pdfplumber's
# method), the limits on what a file may inflate to in :mod:`jihua.pdf_streams`.

_NO_LINE_START = "，。、；：！？）》」』”’%％·…"
_NO_LINE_END = "（《「『【“‘"
_SENTENCE_END = "。；：！？!?;:"
_CLAUSE_END = _SENTENCE_END + "，,、”’）)"
#: a heading set flush left that no numbering marks: an annex, a box, a part of the report
_PART_START = re.compile(r"^\s*(附件|附表|专\s*栏|第[一二三四五六七八九十\d]{1,3}部分)")
_PAGE_NUMBER = re.compile(
    r"^[\s—–\-－~·]*(第\s*)?[0-9０-９]{1,4}(\s*页)?(\s*[/／]\s*[0-9]{1,4}|\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)?[\s—–\-－~·]*$"
)
#: what is left of ``— 3 —`` when its number is set in another size (a line of its own)
_PAGE_DASHES = re.compile(r"^[\s—–\-－~·]+$")
_SUBROW_START = re.compile(r"^\s*(其中|#|＃|[-—·•]|注)")
#: the rest of a name a page break split off is a few characters (``励总数``, ``重（%）``)
_NAME_REST_CHARS = 8


@cache
def _heading_start_re() -> re.Pattern[str]:
    return re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d)")


#: how a category's name ends when a row of its own names it (``经济发展``, ``民生保障类``)
@cache
def _group_end_re() -> re.Pattern[str]:
    return re.compile(r"(类|发展|驱动|保障|调整|环境|民生|质效|效益|结构|开放|安全|建设|指标)$")


#: lines this many points apart in size are set in two sizes (a title's 22 pt, the body's 16 pt)
_SIZE_STEP = 1.5
#: a paragraph's first line stands in by two characters (1½–2½ allowing for a font's widths)
_INDENT = (1.5, 2.5)
_EXACT_INDENT = 0.1
#: lines standing in by an indent that show a text's paragraphs open indented
_INDENTED_LINES = 3
_MARGIN_SHARE = 0.12  # page numbers and running heads live in the top/bottom 12% of a page


@dataclass
class _PdfLine:
    text: str
    top: float
    x1: float
    size: float
    lead: float  # width of the first word: what would have had to fit on the line before
    x0: float = 0.0


@dataclass
class _PdfTable:
    rows: list[list[str | None]]
    top: float
    box: bool = False  # a 专栏: a frame of one cell, its paragraphs a row each
    open_end: bool = False  # a box whose last line ran on to the next page


@dataclass
class _PdfBox:
    """A frame of one cell on a page and the lines inside it: a 专栏 when its first line says
    so or when it goes on from the box that ended the page before; else (a frame around a
    page, a framed line) its lines are the page's."""

    lines: list[_PdfLine]
    top: float


_PdfBlock = _PdfLine | _PdfTable


#: a 专栏 box's caption (``专栏3： 2024年市区级重点项目计划``)
@cache
def _box_caption_re() -> re.Pattern[str]:
    return re.compile(r"^\s*专\s*栏\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?")


def read_pdf(data: bytes, source: str) -> Document:
    """The text layer of a PDF page by page, ruled tables as tab-led lines.

    Lines the layout broke mid-sentence are joined again, page numbers and
    running heads dropped, and a table continued on the next page without a
    header is appended to the table before it.
    """
    if b"%%EOF" not in data[-2048:]:
        raise UserError(f"{source} 不是完整的 PDF 文件（文件已损坏或被截断）")
    pages = _pdf_pages(data, source)
    texts = [_page_text(page) for page in pages]
    if not any(text.strip() for text in texts):
        raise UserError(f"{source} 是扫描件，没有文字层，无法读取文字（请先做文字识别后再导入）")
    garbage = _garbled_pages(texts)
    if garbage and _all_judged_garbled(texts, garbage):
        raise UserError(
            f"{source} 的文字层是乱码（字体没有 Unicode 映射），无法读取文字"
            "（请先做文字识别后再导入）"
        )
    blocks = _merge_continued_tables(
        [page for number, page in enumerate(pages, 1) if number not in garbage]
    )
    document = _render_pdf(blocks, source, _column(blocks))
    if garbage:
        document.warnings.append(
            f"{source} 第 {_page_ranges(garbage)} 页的文字层是乱码（字体没有 Unicode 映射），"
            "这些页未读取（请对这些页做文字识别）"
        )
    return document


def _page_text(page: list[_PdfBlock | _PdfBox]) -> str:
    """Everything a page's text layer gives: its lines, its tables' cells, its boxes' lines."""
    parts: list[str] = []
    for block in page:
        if isinstance(block, _PdfLine):
            parts.append(block.text)
        elif isinstance(block, _PdfBox):
            parts.extend(line.text for line in block.lines)
        else:
            parts.extend(cell for row in block.rows for cell in row if cell)
    return "\n".join(parts)


def _garbled_pages(texts: list[str]) -> list[int]:
    """The numbers (from 1) of the pages whose text layer is glyph numbers, not words."""
    from jihua.legibility import garbled

    return [number for number, text in enumerate(texts, 1) if garbled(text)]


def _all_judged_garbled(texts: list[str], garbage: list[int]) -> bool:
    """Whether no page long enough to tell reads as words (a page of a few characters does
    not save a document whose other pages are garbage)."""
    from jihua.legibility import judged

    return all(number in garbage for number, text in enumerate(texts, 1) if judged(text))


def _page_ranges(numbers: list[int]) -> str:
    """Page numbers in order, runs written as ranges: ``1–8、10``."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return "、".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def _pdf_pages(data: bytes, source: str) -> list[list[_PdfBlock | _PdfBox]]:
    """Each page's blocks: its text lines and, where it draws lines, its ruled tables."""
    from jihua.pdf_lines import open_pdf

    with open_pdf(data, source) as pdf:
        return [_page_blocks(page) for page in pdf.pages()]


def _page_blocks(page: Page) -> list[_PdfBlock | _PdfBox]:
    """Text lines outside the ruled tables and boxes, and the tables and boxes, top to bottom."""
    from jihua.pdf_lines import page_lines
    from jihua.pdf_tables import find_tables_and_boxes

    found, frames = find_tables_and_boxes(page.edges, page.chars) if page.edges else ([], [])
    if not found and not frames:
        return [*_text_blocks(page_lines(page.chars), page.height)]
    tables: list[_PdfBlock] = [
        _PdfTable(
            [
                [
                    MERGED_ABOVE if (r, c) in table.merged_above else _cell_text(cell)
                    for c, cell in enumerate(row)
                ]
                for r, row in enumerate(table.rows)
            ],
            table.bbox[1],
        )
        for table in found
    ]
    boxes = [table.bbox for table in found]
    frames = [frame for frame in frames if not any(_inside_box(frame, box) for box in boxes)]
    outside, framed_chars = _sort_chars(page.chars, [*boxes, *frames])
    framed = [
        _PdfBox(_text_blocks(page_lines(chars), page.height), frame[1])
        for frame, chars in zip(frames, framed_chars[len(boxes) :], strict=True)
        if chars
    ]
    lines = _text_blocks(page_lines(outside), page.height)
    return sorted([*lines, *tables, *framed], key=lambda block: block.top)


def _sort_chars(
    chars: list[Char], boxes: list[tuple[float, float, float, float]]
) -> tuple[list[Char], list[list[Char]]]:
    """The characters outside every box, and those inside each (the first box holding a
    character's middle takes it), in one pass over the page."""
    outside: list[Char] = []
    inside: list[list[Char]] = [[] for _ in boxes]
    for char in chars:
        middle_x = (char.x0 + char.x1) / 2
        middle_y = (char.top + char.bottom) / 2
        for index, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= middle_x <= x1 and top <= middle_y <= bottom:
                inside[index].append(char)
                break
        else:
            outside.append(char)
    return outside, inside


def _inside_box(inner: tuple[float, float, float, float], outer: tuple[float, ...]) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def _text_blocks(lines: list[dict[str, Any]], height: float) -> list[_PdfLine]:
    """The page's lines without its page number and running heads."""
    margin = height * _MARGIN_SHARE
    return [
        _PdfLine(
            line["prose"], line["top"], line["x1"], _line_size(line), _lead_width(line), line["x0"]
        )
        for line in lines
        if not _is_page_furniture(line, height, margin)
    ]


def _cell_text(cell: str | None) -> str | None:
    """A cell's lines joined into one: the wrapping is the layout's, not the text's."""
    if cell is None or isinstance(cell, MergedAbove):
        return cell  # the continuation of a merged cell
    parts = [part.strip() for part in cell.splitlines() if part.strip()]
    joined = ""
    for part in parts:
        latin = joined[-1:].isascii() and joined[-1:].isalnum() and part[0].isascii()
        joined += (" " if latin and part[0].isalnum() else "") + part
    return joined


def _line_size(line: dict[str, Any]) -> float:
    return max((char.size for char in line["chars"]), default=10.0) or 10.0


def _lead_width(line: dict[str, Any]) -> float:
    """The width of a line's first unbreakable run: a Latin word or number, else one character.

    A character that may not open a line (，。、）%…) takes the one before it along,
    one that may not close a line (（“《) the one after it.
    """
    chars = [char for char in line["chars"] if char.text.strip()]
    if not chars:
        return 0.0
    end = 1
    while end < len(chars) and _glued(chars[end - 1].text, chars[end].text):
        end += 1
    return float(chars[end - 1].x1 - chars[0].x0)


def _glued(before: str, after: str) -> bool:
    """No line break between these two characters (a simplified Unicode line-break rule)."""
    return (
        (before.isascii() and after.isascii())
        or after in _NO_LINE_START
        or before in _NO_LINE_END
        or "“" in (before, after)
        or (before == "、" and after.isdigit())  # a list of figures 5.4%、12.7%、… holds together
    )


def _is_page_furniture(line: dict[str, Any], height: float, margin: float) -> bool:
    in_margin = line["top"] < margin or line["bottom"] > height - margin
    text = line["text"]
    return in_margin and bool(_PAGE_NUMBER.match(text) or _PAGE_DASHES.match(text))


def _merge_continued_tables(pages: list[list[_PdfBlock | _PdfBox]]) -> list[_PdfBlock]:
    """One list of blocks; a table that opens a page continues the one that closed the last.
    A box is a 专栏 (:class:`_PdfBox`) or gives its lines back to the page."""
    blocks: list[_PdfBlock] = []
    for page in pages:
        for index, block in enumerate(page):
            previous = blocks[-1] if blocks else None
            if isinstance(block, _PdfBox):
                continues = index == 0 and isinstance(previous, _PdfTable) and previous.box
                if continues and isinstance(previous, _PdfTable):
                    _continue_box(previous, block.lines)
                elif block.lines and _box_caption_re().match(block.lines[0].text):
                    rows, open_end = _box_rows(block.lines)
                    blocks.append(_PdfTable(rows, block.top, box=True, open_end=open_end))
                else:
                    blocks.extend(block.lines)
            elif (
                index == 0
                and isinstance(block, _PdfTable)
                and isinstance(previous, _PdfTable)
                and _width(previous) == _width(block)
            ):
                _continue_table(previous, _without_repeated_header(block.rows, previous.rows))
            else:
                blocks.append(block)
    return blocks


def _box_rows(lines: list[_PdfLine]) -> tuple[list[list[str | None]], bool]:
    """A box's paragraphs, a row each (a DOCX box has them as the lines of its one cell):
    its lines joined again where the box's width broke a sentence; and whether the last
    line runs on (to the box's part on the next page)."""
    right = max((line.x1 for line in lines), default=0.0)
    column = _Column(min((line.x0 for line in lines), default=0.0), right)
    paragraphs: list[str] = []
    open_line = False
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        text = line.text.strip()
        if not text:
            continue
        if open_line:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        open_line = _runs_on(line, following, column)
    last = lines[-1] if lines else None
    open_end = bool(
        last
        and last.text.strip()
        and last.text.rstrip()[-1] not in _SENTENCE_END
        and right - last.x1 < 2 * last.size
    )
    return [[paragraph] for paragraph in paragraphs], open_end


def _continue_box(box: _PdfTable, lines: list[_PdfLine]) -> None:
    """The box's part on the next page, its first paragraph the rest of an open last one."""
    rows, open_end = _box_rows(lines)
    if box.open_end and rows and box.rows:
        box.rows[-1][0] = f"{box.rows[-1][0] or ''}{rows[0][0]}"
        rows = rows[1:]
    box.rows.extend(rows)
    box.open_end = open_end


def _without_repeated_header(
    rows: list[list[str | None]], previous: list[list[str | None]]
) -> list[list[str | None]]:
    """The rows of a page without the header rows (one or two) the table repeats there."""
    repeated = 0
    while repeated < min(3, len(rows), len(previous)) and rows[repeated] == previous[repeated]:
        repeated += 1
    return rows[repeated:]


def _continue_table(table: _PdfTable, rows: list[list[str | None]]) -> None:
    """Append the rows of the next page; a header repeated on each page was dropped already.

    A row the page break split in two goes on with a row whose first cell is
    empty and most cells blank (``民营经济占GDP比`` / ``重（%）``): its cells are
    joined to the row above. A sub-row (``其中：…``) has its figures and stays a row.
    A cell merged down over the page's end goes on as an empty cell opening the next
    page: an empty cell there under a written or covered one is taken as covered from
    above (only a 单位 or 属性 is carried down by it, :mod:`jihua.tables`).
    """
    if rows and table.rows and _is_split_row_rest(rows[0]):
        last = table.rows[-1]
        for index, rest in enumerate(rows[0]):
            if rest and index < len(last) and last[index] is not None:
                last[index] = _cell_text(f"{last[index]}\n{rest}")
        rows = rows[1:]
    if rows and table.rows:
        last = table.rows[-1]
        rows[0] = [
            MERGED_ABOVE if cell == "" and index < len(last) and last[index] is not None else cell
            for index, cell in enumerate(rows[0])
        ]
    table.rows.extend(rows)


def _is_split_row_rest(row: list[str | None]) -> bool:
    """Whether the row opening a page is the rest of the row the break split: an empty
    first cell (the 序号 is above) and few cells written; or, in a table whose names
    come first, the rest of a name alone, the other cells empty and none merged
    (``年获省部级以上科技成果奖`` / ``励总数``; a category row is merged across or says so)."""
    texts = [cell or "" for cell in row]
    filled = [text for text in texts if text]
    if not filled or _SUBROW_START.match(filled[0]):
        return False
    if texts[0]:
        return _is_name_rest(row)
    return len(filled) * 2 <= len(texts)


def _is_name_rest(row: list[str | None]) -> bool:
    first = (row[0] or "").strip()
    return (
        len(row) > 2
        and all(cell == "" for cell in row[1:])
        and len(first) <= _NAME_REST_CHARS
        and not _heading_start_re().match(first)
        and not _group_end_re().search(first)
    )


def _width(table: _PdfTable) -> int:
    return max((len(row) for row in table.rows), default=0)


class _Column(NamedTuple):
    """The text's left and right edges, and whether its paragraphs open with an indent."""

    left: float
    right: float
    indents: bool = False


def _column(blocks: list[_PdfBlock]) -> _Column:
    lines = [block for block in blocks if isinstance(block, _PdfLine)]
    edges = _Column(_left_edge(lines), max((line.x1 for line in lines), default=0.0))
    indented = sum(1 for line in lines if _indented(line, edges))
    return edges._replace(indents=indented >= _INDENTED_LINES)


def _left_edge(lines: list[_PdfLine]) -> float:
    """The text's left edge: the leftmost start that several lines share. The leftmost line
    alone would do only while no line hangs further out (a ``注：`` set in the margin, a
    landscape page's caption), which would make every line of the text look indented."""
    if not lines:
        return 0.0
    starts = Counter(round(line.x0) for line in lines)
    shared = [x for x, count in starts.items() if count >= max(2, len(lines) // 20)]
    edge = min(shared) if shared else min(starts)
    return min(line.x0 for line in lines if abs(line.x0 - edge) < 1)


def _render_pdf(blocks: list[_PdfBlock], source: str, column: _Column) -> Document:
    builder = TextBuilder()
    tables: list[RawTable] = []
    last_line = ""
    open_line = False  # the last line filled the width without ending its sentence
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(block, _PdfTable):
            if open_line:
                builder.add("\n")
            open_line = False
            table = _pdf_table(block, builder, last_line)
            if table is not None:
                tables.append(table)
            continue
        text = block.text.strip()
        if not text:
            continue
        if tables and not tables[-1].note and builder.last_table_end != -1:
            tables[-1].note = table_note(text)  # the first line after a table
        builder.last_table_end = -1
        builder.add(text)
        last_line = text
        open_line = _runs_on(block, following, column)
        if not open_line:
            builder.add("\n")
    if open_line:
        builder.add("\n")
    return Document(builder.text(), source, "pdf", tables, None)


def _runs_on(line: _PdfLine, following: _PdfBlock | None, column: _Column) -> bool:
    """Whether the layout broke the paragraph here: the next line's first word did not fit,
    and the next line neither is set in another size (a title's 题注 under it) nor opens a
    paragraph by its first-line indent (a heading that happened to fill its line)."""
    if not isinstance(following, _PdfLine) or abs(following.size - line.size) >= _SIZE_STEP:
        return False
    if line.text.rstrip()[-1] in _SENTENCE_END:
        return column.indents and _sentence_goes_on(line, following, column)
    if column.right - line.x1 >= following.lead + line.size:
        return False
    return not _indented(following, column)


def _sentence_goes_on(line: _PdfLine, following: _PdfLine, column: _Column) -> bool:
    """Where paragraphs open indented, a sentence that ended at the right edge is followed
    by the paragraph's next sentence when the next line stands at the left edge, opens no
    heading or item (``二、``, ``（三）``, ``3.``, ``附件``, ``第三部分``) and is a line of prose:
    it fills the width or ends a clause (a flush-left heading such as ``主要预期目标`` does
    neither)."""
    rest = following.text.rstrip()
    return (
        column.right - line.x1 < line.size / 2
        and following.x0 - column.left < following.size / 2
        and not _heading_start_re().match(following.text)
        and not _PART_START.match(rest)
        and (column.right - following.x1 < following.size or rest[-1:] in _CLAUSE_END)
    )


def _indented(line: _PdfLine, column: _Column) -> bool:
    """Whether the line stands in by a paragraph's first-line indent: two characters (Word's
    首行缩进 2 字符), or 1½ to 2½ where the line is not centred (a title's second line stands
    in as far from the left as it stops short of the right)."""
    left, right = column.left, column.right
    indent = (line.x0 - left) / line.size
    if abs(indent - 2) <= _EXACT_INDENT:
        return True
    centred = abs((right - line.x1) - (line.x0 - left)) < line.size / 2
    return _INDENT[0] <= indent <= _INDENT[1] and not centred


def _pdf_table(block: _PdfTable, builder: TextBuilder, title: str) -> RawTable | None:
    """The table's grid; a cell covered by a merged cell is an empty cell, keeping the columns."""
    rows = ([content if content is not None else "" for content in row] for row in block.rows)
    return raw_table(rows, builder, title)


# --- html ------------------------------------------------------------------
#
# A government website's article page: the report sits in one container
# (``TRS_Editor``, ``article``, ``content``, ``zoom``…) among menus, breadcrumbs,
# 来源/发布时间 lines, 字体大小/分享/打印/关闭 buttons and a footer. The heuristic:
#
# 1. drop script/style/nav/header/footer/aside/form and short elements whose
#    id or class names a menu, breadcrumb, share or print bar;
# 2. every paragraph (``p``, or a ``div``/``td`` with text of its own) credits
#    its length, links excepted, to its parent, half to its grandparent; a
#    container whose id/class says content/article/TRS_Editor counts 1.5×;
# 3. the best-scoring container is the article; the page's ``h1`` (or its
#    ``<title>``) goes first when it lies outside; short chrome lines
#    (来源：…, 发布时间：…, 【字体：大 中 小】, 打印, 关闭) inside it are dropped.

_HTML_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form"}
_HTML_SKIP |= {"iframe", "select", "button", "input", "textarea", "svg", "object"}
_HTML_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd"}
_HTML_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center", "tr", "body"}


@cache
def _chrome_name_re() -> re.Pattern[str]:
    return re.compile(
        r"(^|[-_\s])(nav|menu|header|footer|foot|top|breadcrumbs?|crumbs?|share|print|tools?|"
        r"toolbar|position|location|sidebar|related|copyright|banner|search|login|fontsize)($|[-_\s\d])",
        re.IGNORECASE,
    )


@cache
def _content_name_re() -> re.Pattern[str]:
    return re.compile(r"TRS_Editor|article|content|zoom|detail|main|text|body", re.IGNORECASE)


@cache
def _chrome_line_re() -> re.Pattern[str]:
    return re.compile(
        r"^[\s•·【\[]*(您现在的位置|您现在所在的位置|当前位置|来源|发布时间|发布日期|发布机构|时间|"
        r"作者|浏览次数|点击数|访问量|字体|字号|放大字体|分享到|打印|关闭|收藏|扫一扫|【)"
    )


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
_GB_NAMES = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb18030"}


def read_html(data: bytes, source: str) -> Document:
    """The article of a web page, its tables as tab-led lines (see the heuristic above)."""
    from bs4 import BeautifulSoup

    text, encoding = _decode_html(data, source)
    soup = BeautifulSoup(text, "lxml")
    heading = _page_heading(soup)
    _drop_chrome(soup)
    article = _article_element(soup)
    if article is None:
        raise UserError(f"{source} 是网页，但其中没有找到正文")
    builder = _HtmlText()
    if heading and heading not in article.get_text():
        builder.line(heading)
    builder.walk(article)
    builder.flush()
    return Document(builder.text(), source, "html", builder.tables, encoding)


def _decode_html(data: bytes, source: str) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "replace").lower()
        encoding = "gb18030" if name in _GB_NAMES else name
        try:
            declared_text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            declared_text = None  # a page that lies about its charset: guess as for text
        if declared_text is not None and not _wrong_charset(declared_text, data, source):
            return declared_text, encoding
    return decode_text(data, source)


def _wrong_charset(declared: str, data: bytes, source: str) -> bool:
    """A page whose declared charset gives no Chinese where its bytes, read by content, do
    (a GBK page declaring iso-8859-1): the bytes win."""
    if _CJK_CHAR.search(declared):
        return False
    try:
        by_content, _ = decode_text(data, source)
    except UserError:
        return False
    return _CJK_CHAR.search(by_content) is not None


def _page_heading(soup: Any) -> str:
    for found in (soup.find("h1"), soup.find("title")):
        if found is not None and (text := _squeeze(found.get_text())):
            return re.split(r"\s*[_|｜]\s*", text)[0]
    return ""


def _drop_chrome(soup: Any) -> None:
    for tag in soup.find_all(_HTML_SKIP):
        tag.decompose()
    for tag in soup.find_all(True):
        limits.check()
        # bs4's ``decomposed`` looks the name up as a child tag (a search of the whole
        # subtree, so thousands of nested divs cost size × depth): read the flag itself
        if tag.__dict__.get("_decomposed") or tag.__dict__.get("attrs") is None:
            continue
        names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
        if names.strip() and _chrome_name_re().search(names) and len(tag.get_text()) < 300:
            tag.decompose()


def _article_element(soup: Any) -> Any:
    scores: dict[int, float] = {}
    elements: dict[int, Any] = {}
    holding = _holding_blocks(soup)
    for paragraph in soup.find_all(["p", "div", "td", "span", "font"]):
        limits.check()
        own = _own_text_length(paragraph, holding)
        if own < 10:
            continue
        for share, holder in (
            (1.0, paragraph.parent),
            (0.5, getattr(paragraph.parent, "parent", None)),
        ):
            if holder is None or holder.name in (None, "[document]", "html"):
                continue
            scores[id(holder)] = scores.get(id(holder), 0.0) + share * own
            elements[id(holder)] = holder
    if not scores:
        return soup.body or soup
    best = max(scores, key=lambda key: scores[key] * _content_bonus(elements[key]))
    return elements[best]


_BLOCKS = frozenset(["p", "div", "table"])


def _holding_blocks(soup: Any) -> set[int]:
    """The ids of the tags with a ``p``, ``div`` or ``table`` inside, found in one pass from
    the innermost out (``tag.find`` per tag would cost size × depth on a deeply nested page)."""
    from bs4.element import Tag

    holding: set[int] = set()
    for tag in reversed(soup.find_all(True)):
        limits.check()
        for child in tag.contents:
            if isinstance(child, Tag) and (child.name in _BLOCKS or id(child) in holding):
                holding.add(id(tag))
                break
    return holding


def _own_text_length(tag: Any, holding: set[int]) -> int:
    """Characters of the tag's text outside links: menus are links, articles are not."""
    if tag.name in ("div", "td") and id(tag) in holding:
        return 0  # a container: its paragraphs speak for it
    text = _squeeze(tag.get_text())
    links = sum(len(_squeeze(link.get_text())) for link in tag.find_all("a"))
    return max(0, len(text) - links)


def _content_bonus(tag: Any) -> float:
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return 1.5 if _content_name_re().search(names) else 1.0


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


class _HtmlText(TextBuilder):
    """Text of an element: blocks on lines of their own, data tables as tab-led cells."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[str] = []
        self.tables: list[RawTable] = []
        self.last_line = ""

    def walk(self, element: Any) -> None:
        from bs4.element import Comment, NavigableString, Tag

        for child in element.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.pending.append(re.sub(r"\s*\n\s*", "", str(child)).replace("\xa0", " "))
            elif isinstance(child, Tag):
                self._tag(child)

    def _tag(self, tag: Any) -> None:
        limits.check()
        if tag.name == "br":
            self.flush()
        elif tag.name == "table" and _is_data_table(tag):
            self.flush()
            self._table(tag)
        elif tag.name in _HTML_BLOCKS or tag.name in ("table", "td", "th", "tbody"):
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)

    def flush(self) -> None:
        line = "".join(self.pending).strip(" \t\u3000")
        self.pending = []
        if line and not (_chrome_line_re().match(line) and len(line) < 60):
            self.line(line)

    def line(self, line: str) -> None:
        if self.tables and not self.tables[-1].note and self.last_table_end != -1:
            self.tables[-1].note = table_note(line)  # the first line after a table
        self.last_table_end = -1
        self.add(line + "\n")
        self.last_line = line

    def _table(self, table: Any) -> None:
        rows: list[list[Cell]] = []
        spans: dict[int, int] = {}  # column → rows still covered by a rowspan above
        self.add("\n")
        for tr in table.find_all("tr"):
            cells = self._row(tr, spans)
            self.add("\n")
            if any(cell.text for cell in cells):
                rows.append(cells)
        self.add("\n")
        if rows:
            start = rows[0][0].start
            self.tables.append(RawTable(rows, start, rows[-1][-1].end, self.last_line, ""))
            self.last_table_end = self.length

    def _row(self, tr: Any, spans: dict[int, int]) -> list[Cell]:
        """A row on the table's grid, at most :data:`MAX_SPAN` cells wide."""
        cells: list[Cell] = []
        for td in tr.find_all(["td", "th"], recursive=False):
            self._covered(cells, spans)
            if len(cells) >= MAX_SPAN:
                break
            rowspan, colspan = (
                _span(td, "rowspan"),
                min(_span(td, "colspan"), MAX_SPAN - len(cells)),
            )
            for column in range(len(cells), len(cells) + colspan):
                if rowspan > 1:
                    spans[column] = rowspan - 1
            cells.append(self._cell(_squeeze(td.get_text(" "))))
            cells.extend(self._cell("") for _ in range(colspan - 1))
        self._covered(cells, spans)
        return cells

    def _covered(self, cells: list[Cell], spans: dict[int, int]) -> None:
        """The cells a rowspan above covers here, empty (at most up to the width's limit)."""
        while len(cells) < MAX_SPAN and spans.get(len(cells), 0) > 0:
            spans[len(cells)] -= 1
            cells.append(self._cell("", merged_above=True))

    def _cell(self, content: str, merged_above: bool = False) -> Cell:
        start = self.add("\t") + 1
        self.add(content + "\n")
        return Cell(content, start, start + len(content), merged_above)


def _span(td: Any, attribute: str) -> int:
    try:
        return min(MAX_SPAN, max(1, int(td.get(attribute) or 1)))
    except ValueError:
        return 1


def _is_data_table(table: Any) -> bool:
    """A table of figures, not a page layout (no nested table, no long paragraphs)."""
    if table.find("table") is not None:
        return False
    return all(len(_squeeze(td.get_text())) < 200 for td in table.find_all(["td", "th"]))
