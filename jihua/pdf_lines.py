"""What a PDF page shows, through PDFium: its characters, its text lines and its ruled lines.

PDFium reads the text layer in C (through :mod:`jihua.pdfium`), about ten times
faster than pdfminer. Lines are made as pdfplumber's ``extract_text_lines``
makes them — characters whose tops lie within 3 pt are one line, a space or a
gap over 3 pt separates words, joined by one space — with the same keys
(``text``, ``top``, ``bottom``, ``x0``, ``x1``, ``chars``), so the reader treats
both alike. The texts, right edges and sizes are pdfplumber's; a top may lie a
point or two lower (PDFium takes a font's descent from the font program,
pdfminer from its descriptor). Two departures, for Chinese prose: a row of
characters drawn above the baseline only (``-``, ``一``) goes into the line just
below it, and a line's ``prose`` is its text without the spaces only the
layout's gaps next to Chinese characters made (``2024 年``); a hyphen PDFium
takes for a word's break at a line's end is kept unless it joins Latin letters.

The ruled lines are the straight pieces of the paths a page draws, as
pdfplumber makes its ``edges`` from pdfminer's lines, rectangles and curves:
:mod:`jihua.pdf_tables` finds the tables they rule.

Coordinates are pdfplumber's: points from the page's left and top edges.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

from jihua import limits
from jihua.errors import UserError
from jihua.pdf_streams import check_streams
from jihua.pdfium import (
    ERROR_PASSWORD,
    ERROR_SECURITY,
    OBJECT_FORM,
    OBJECT_PATH,
    SEGMENT_BEZIERTO,
    SEGMENT_MOVETO,
    Handle,
    Matrix,
    RectF,
    pdfium,
)

#: pdfplumber's default tolerances (``x_tolerance``, ``y_tolerance``), in points
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
#: what PDFium reports between characters that is not in the page: line ends, hyphens it made up
_NOT_DRAWN = "\r\n\x02\ufffe"
#: what PDFium makes of a hyphen drawn at a line's end (it takes it for a word's break)
_LINE_END_HYPHEN = "\x02\ufffe"
#: characters drawn above the baseline: where a font gives no descent, PDFium's box ends where
#: the glyph does, half a character above its neighbours' (``1-8月``, ``一般``)
_FLOATING = frozenset("-－—–―一~～·•+＋=＝_“”‘’\"'*")
#: the most characters one page may hold: a page of 6 pt characters holds about 12,000
PAGE_CHAR_LIMIT = 100_000
_ONE_AT_A_TIME = threading.Lock()
#: how many characters between two looks at the clock
_CLOCK_EVERY = 4096


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Edge(NamedTuple):
    """A straight piece of a drawn path, vertical (``v``) or horizontal (``h``)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    number: int
    height: float
    chars: list[Char]
    #: the ruled lines, when the page draws any path
    edges: list[Edge]


class PdfDocument:
    """An open PDF; :meth:`pages` reads one page at a time."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        self._data = data  # PDFium reads from these bytes until the document is closed
        self._lib = pdfium()
        self._handle = self._lib.FPDF_LoadMemDocument64(data, len(data), None)
        if not self._handle:
            raise UserError(_open_error(self._lib.FPDF_GetLastError(), source))

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._handle:
            self._lib.FPDF_CloseDocument(self._handle)
            self._handle = None

    def __len__(self) -> int:
        return int(self._lib.FPDF_GetPageCount(self._handle))

    def pages(self) -> Iterator[Page]:
        lib, read = self._lib, 0
        for number in range(len(self)):
            limits.check()
            handle = lib.FPDF_LoadPage(self._handle, number)
            if not handle:
                raise UserError(f"{self.source} 第 {number + 1} 页无法读取（文件已损坏或被截断）")
            try:
                height = float(lib.FPDF_GetPageHeightF(handle))
                edges = _edges(lib, handle, height)
                textpage = lib.FPDFText_LoadPage(handle)
                try:
                    if lib.FPDFText_CountChars(textpage) > PAGE_CHAR_LIMIT:
                        raise UserError(
                            f"{self.source} 第 {number + 1} 页的字符超过 {PAGE_CHAR_LIMIT:,} 个，"
                            "已停止读取"
                        )
                    chars = _chars(lib, textpage, height, read)
                finally:
                    lib.FPDFText_ClosePage(textpage)
            finally:
                lib.FPDF_ClosePage(handle)
            read += len(chars)
            yield Page(number, height, chars, edges)


@contextmanager
def open_pdf(data: bytes, source: str) -> Iterator[PdfDocument]:
    """The PDF, once its streams are known not to inflate past the limits; one document at a
    time in a process (PDFium is not thread-safe: a server may read uploads in threads)."""
    check_streams(data, source)
    with _ONE_AT_A_TIME, PdfDocument(data, source) as pdf:
        yield pdf


def _open_error(code: int, source: str) -> str:
    if code == ERROR_PASSWORD:
        return f"{source} 设有打开密码，无法读取（请先解除密码后再导入）"
    if code == ERROR_SECURITY:
        return f"{source} 使用了不支持的加密方式，无法读取"
    return f"{source} 不是有效的 PDF 文件（文件已损坏或被截断）"


def _chars(lib: Any, textpage: int, height: float, before: int) -> list[Char]:
    """Every character drawn on the page, with pdfminer's box: its font size tall, from the descent.

    ``before`` characters were read on earlier pages: the text limit counts them all.
    """
    count = lib.FPDFText_CountChars(textpage)
    limits.check_text(before + count)
    text = _page_text(lib, textpage, count)
    handle, box = ctypes.c_void_p(textpage), RectF()
    pointer = ctypes.byref(box)
    loose_box, font_size = lib.FPDFText_GetLooseCharBox, lib.FPDFText_GetFontSize
    generated, make = lib.FPDFText_IsGenerated, tuple.__new__
    chars: list[Char] = []
    add = chars.append
    for index, char in enumerate(text):
        if char in _NOT_DRAWN or (char.isspace() and generated(handle, index) == 1):
            if (
                char not in _LINE_END_HYPHEN
                or generated(handle, index) == 1
                or not _drawn_minus(text, index, chars)
            ):
                continue
            char = "-"
        if not loose_box(handle, index, pointer):
            continue
        size = font_size(handle, index)
        bottom = height - box.bottom
        add(make(Char, (char, box.left, box.right, bottom - size, bottom, size)))
        if not index % _CLOCK_EVERY:
            limits.check()
    return chars


def _drawn_minus(text: str, index: int, chars: list[Char]) -> bool:
    """Whether the hyphen PDFium found at a line's end is a minus sign or a range's dash
    (``增长-`` / ``12.7%``, ``1-`` / ``5月``): a layout breaks a Chinese report's lines after
    one, and only a Latin word (``infra-`` / ``structure``) is hyphenated."""
    before = chars[-1].text if chars else ""
    after = text[index + 1 : index + 4].lstrip("\r\n")[:1]
    return not (_latin_letter(before) and _latin_letter(after))


def _latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _page_text(lib: Any, textpage: int, count: int) -> str:
    """The page's characters, one per index (one code point each, even beyond the BMP: 𠮷)."""
    buffer = ctypes.create_string_buffer(2 * count + 2)
    lib.FPDFText_GetText(textpage, 0, count, buffer)
    text = buffer.raw[: 2 * count].decode("utf-16-le", "replace")
    if len(text) == count:
        return text
    return "".join(chr(lib.FPDFText_GetUnicode(textpage, index)) for index in range(count))


def _edges(lib: Any, page: int, height: float) -> list[Edge]:
    """The vertical and horizontal pieces of every path the page draws, forms included."""
    edges: list[Edge] = []
    get_object, get_type, handle = lib.FPDFPage_GetObject, lib.FPDFPageObj_GetType, Handle(page)
    objects = [get_object(handle, index) for index in range(lib.FPDFPage_CountObjects(page))]
    drawn = [obj for obj in objects if get_type(obj) in (OBJECT_PATH, OBJECT_FORM)]
    _object_edges(lib, drawn, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), height, edges)
    return edges


def _object_edges(
    lib: Any, objects: list[Handle], outer: tuple[float, ...], height: float, edges: list[Edge]
) -> None:
    get_type = lib.FPDFPageObj_GetType
    for handle in objects:
        kind = get_type(handle)
        if kind == OBJECT_PATH:
            matrix = _times(_matrix(lib, handle), outer)
            for points, closed in _subpaths(lib, handle):
                edges.extend(_subpath_edges(points, closed, matrix, height))
        elif kind == OBJECT_FORM:
            limits.check()
            inner = [
                lib.FPDFFormObj_GetObject(handle, index)
                for index in range(lib.FPDFFormObj_CountObjects(handle))
            ]
            _object_edges(lib, inner, _times(_matrix(lib, handle), outer), height, edges)


def _matrix(lib: Any, handle: Handle) -> tuple[float, ...]:
    matrix = Matrix()
    if not lib.FPDFPageObj_GetMatrix(handle, ctypes.byref(matrix)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _times(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _subpaths(lib: Any, handle: Handle) -> Iterator[tuple[list[tuple[float, float]], bool]]:
    """Each subpath's points (a curve by its end point, as pdfminer keeps it) and whether
    it was closed."""
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    points: list[tuple[float, float]] = []
    closed = False
    curve = 0
    for index in range(lib.FPDFPath_CountSegments(handle)):
        segment = lib.FPDFPath_GetPathSegment(handle, index)
        kind = lib.FPDFPathSegment_GetType(segment)
        if kind == SEGMENT_MOVETO:
            if points:
                yield points, closed
            points, closed, curve = [], False, 0
        if kind == SEGMENT_BEZIERTO:
            curve += 1
            if curve % 3:
                continue  # a control point
        lib.FPDFPathSegment_GetPoint(segment, px, py)
        points.append((x.value, y.value))
        closed = bool(lib.FPDFPathSegment_GetClose(segment))
    if points:
        yield points, closed


def _subpath_edges(
    points: list[tuple[float, float]], closed: bool, matrix: tuple[float, ...], height: float
) -> Iterator[Edge]:
    a, b, c, d, e, f = matrix
    page = [(a * x + c * y + e, height - (b * x + d * y + f)) for x, y in points]
    if len(page) == 2 or (len(page) == 3 and closed and page[2] == page[0]):
        # one straight line (pdfminer's LTLine): pdfplumber calls it vertical unless level
        (x0, y0), (x1, y1) = page[0], page[1]
        yield Edge("h" if y0 == y1 else "v", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        return
    for (x0, y0), (x1, y1) in pairwise(page):
        if x0 == x1:
            yield Edge("v", x0, min(y0, y1), x1, max(y0, y1))
        elif y0 == y1:
            yield Edge("h", min(x0, x1), y0, max(x0, x1), y1)


def page_lines(chars: list[Char]) -> list[dict[str, Any]]:
    """The characters' text lines, top to bottom, as pdfplumber's ``extract_text_lines``
    gives them."""
    rows: dict[int, list[Char]] = {}
    clusters = _clusters([char.top for char in chars], Y_TOLERANCE)
    for char in chars:
        rows.setdefault(clusters[char.top], []).append(char)
    rows_down = _floaters_set_down([row for _, row in sorted(rows.items())])
    lines = [_line(sorted(row, key=_X0)) for row in rows_down]
    return [line for line in lines if line is not None]


def _floaters_set_down(rows: list[list[Char]]) -> list[list[Char]]:
    """Rows top to bottom, a row of floating characters only (``-``, ``一``) put in the row
    less than half a character below it: the line they were drawn in."""
    placed: list[list[Char]] = []
    for row in rows:
        if placed and all(char.text in _FLOATING for char in placed[-1]):
            above = placed[-1]
            near = min(map(_TOP, row)) - max(map(_TOP, above)) < above[0].size / 2
            if near and _in_gaps(above, row):
                placed[-1] = above + row
                continue
        placed.append(row)
    return placed


def _in_gaps(floating: list[Char], row: list[Char]) -> bool:
    """Whether the floating characters stand where the row has none: a dash of the line
    does, a rule of dashes drawn over a title does not."""
    return not any(
        char.x0 < other.x1 - _OVERLAP and other.x0 < char.x1 - _OVERLAP
        for char in floating
        for other in row
    )


_X0, _X1, _TOP, _BOTTOM = (itemgetter(index) for index in range(1, 5))
#: how far two characters' boxes may run into each other and still stand side by side (pt)
_OVERLAP = 0.5


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """Each value → its cluster: sorted values each within ``tolerance`` of the one before."""
    found: dict[float, int] = {}
    cluster, last = 0, None
    for value in sorted(set(values)):
        if last is not None and value > last + tolerance:
            cluster += 1
        found[value] = cluster
        last = value
    return found


def _line(row: list[Char]) -> dict[str, Any] | None:
    """pdfplumber's line of ``row``; and, as ``prose``, its text without the spaces that only
    the layout's gaps next to Chinese characters made (see :func:`_spaced`)."""
    words: list[str] = []
    prose: list[str] = []
    drawn: list[Char] = []
    start, end = 0, -1e9  # where the word began in ``drawn``, its right edge
    space = False  # a space character since the word's last character
    for char in row:
        if char.text.isspace():
            end, space = -1e9, True  # a space ends the word
            continue
        if char.x0 > end + X_TOLERANCE and drawn:
            word = "".join(drawn_char.text for drawn_char in drawn[start:])
            words.append(word)
            prose.append(word + (" " if space or _spaced(drawn[-1], char) else ""))
            start = len(drawn)
        drawn.append(char)
        end, space = char.x1, False
    if not drawn:
        return None
    last = "".join(char.text for char in drawn[start:])
    words.append(last)
    prose.append(last)
    return {
        "text": " ".join(words),
        "prose": "".join(prose),
        "top": min(map(_TOP, drawn)),
        "bottom": max(map(_BOTTOM, drawn)),
        "x0": drawn[0].x0,
        "x1": max(map(_X1, drawn)),
        "chars": drawn,
    }


def _spaced(before: Char, after: Char) -> bool:
    """Whether a gap with no space character drawn in it is a space of the text.

    Next to a Chinese character, a gap under a character's width is not: Word and
    LibreOffice set Chinese apart from Latin letters and figures themselves
    (``2024 年``, ``增长 6.5%``), and a justified line spreads what its last word left
    over between its characters (``全 县 规 模``). Latin words keep pdfplumber's space.
    """
    if not (_is_chinese(before.text) or _is_chinese(after.text)):
        return True  # Latin words, accented letters, quotes: pdfplumber's space
    return after.x0 - before.x1 >= before.size


def _is_chinese(char: str) -> bool:
    """A CJK character, its punctuation or a full-width form (``，``, ``％``): not an accented
    letter, a curly quote or ``°``, which keep the spaces of Latin text."""
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
