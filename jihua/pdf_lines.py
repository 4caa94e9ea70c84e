"""The text lines of PDF pages through pypdfium2, and which pages have rules to find tables in.

pdfplumber reads every character of a page in Python (pdfminer); PDFium, through
pypdfium2 (Apache-2.0/BSD, installed with pdfplumber), reads the same text layer
in C, about ten times faster. The lines here are made as pdfplumber's
``extract_text_lines`` makes them — characters whose tops lie within 3 pt are one
line, a space or a gap over 3 pt separates words, joined by one space — with the
same keys (``text``, ``top``, ``bottom``, ``x1``, ``chars`` with ``text``, ``x0``,
``x1``, ``size``), so the reader treats both alike. The texts, right edges and
sizes are the same; a top may lie a point or two lower (PDFium takes a font's
descent from the font program, pdfminer from its descriptor).

A ruled table is made of drawn lines, which are path objects: a page without
one (:func:`has_paths`) has no ruled table, and only the other pages go to
pdfplumber's table finder.
"""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jihua.errors import UserError

#: pdfplumber's default tolerances (``x_tolerance``, ``y_tolerance``), in points
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
#: what PDFium reports between characters that is not in the page: line ends, hyphens it made up
_NOT_DRAWN = "\r\n\x02\ufffe"


def open_pdf(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UserError(f"{source} 不是有效的 PDF 文件（文件已损坏或被截断）：{exc}") from exc


def has_paths(page: pdfium.PdfPage) -> bool:
    """Whether the page draws any line or box (in it or in a form it shows)."""
    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)), None) is not None


def page_lines(page: pdfium.PdfPage) -> list[dict[str, Any]]:
    """The page's text lines, top to bottom, as pdfplumber's ``extract_text_lines`` gives them."""
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, page.get_height())
    finally:
        textpage.close()
    return _lines(chars)


def _chars(textpage: pdfium.PdfTextPage, height: float) -> list[dict[str, Any]]:
    """Every character drawn on the page, with pdfminer's box: its font size tall, from the descent."""
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    loose_box, font_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
    unicode, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    chars = []
    for index in range(textpage.count_chars()):
        char = chr(unicode(raw, index))  # one code point each, even beyond the BMP (𠮷)
        if char in _NOT_DRAWN or (char.isspace() and generated(raw, index) == 1):
            continue
        if not loose_box(raw, index, box):
            continue
        size = font_size(raw, index)
        bottom = height - box.bottom
        chars.append(
            {
                "text": char,
                "x0": box.left,
                "x1": box.right,
                "top": bottom - size,
                "bottom": bottom,
                "size": size,
            }
        )
    return chars


def _lines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: dict[int, list[dict[str, Any]]] = {}
    clusters = _clusters([char["top"] for char in chars], Y_TOLERANCE)
    for char in chars:
        rows.setdefault(clusters[char["top"]], []).append(char)
    lines = [_line(sorted(row, key=lambda char: char["x0"])) for _, row in sorted(rows.items())]
    return [line for line in lines if line is not None]


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


def _line(row: list[dict[str, Any]]) -> dict[str, Any] | None:
    words: list[list[dict[str, Any]]] = []
    word: list[dict[str, Any]] = []
    for char in row:
        if char["text"].isspace() or (word and char["x0"] > word[-1]["x1"] + X_TOLERANCE):
            if word:
                words.append(word)
            word = []
        if not char["text"].isspace():
            word.append(char)
    if word:
        words.append(word)
    if not words:
        return None
    drawn = [char for word in words for char in word]
    return {
        "text": " ".join("".join(char["text"] for char in word) for word in words),
        "top": min(char["top"] for char in drawn),
        "bottom": max(char["bottom"] for char in drawn),
        "x0": drawn[0]["x0"],
        "x1": max(char["x1"] for char in drawn),
        "chars": drawn,
    }
