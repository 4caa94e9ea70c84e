"""Ruled tables found from PDFium's paths are the tables pdfplumber finds, however drawn:
lines, rectangles, a grid inside a scaled form, a three-line table (no table), a diagonal."""

from __future__ import annotations

import io
import zlib

import pytest

from jihua.pdf_lines import open_pdf
from jihua.pdf_tables import find_tables
from tests.test_pdf_limits import pdf_file, stream

CELLS = [["Item", "Unit", "Target"], ["GDP", "%", "6"], ["CPI", "%", "3"], ["Jobs", "10k", "1.2"]]


def _texts(x0: float, top: float, width: float, height: float) -> bytes:
    """Each cell's text inside its cell."""
    out = b""
    for row, cells in enumerate(CELLS):
        for column, text in enumerate(cells):
            out += b"BT /F1 9 Tf %.2f %.2f Td (%s) Tj ET\n" % (
                x0 + column * width + 4,
                top - (row + 1) * height + 6,
                text.encode(),
            )
    return out


def _grid_lines(x0: float, top: float, width: float, height: float) -> bytes:
    rows, columns = len(CELLS), len(CELLS[0])
    out = b"0.5 w\n"
    for row in range(rows + 1):
        y = top - row * height
        out += b"%.2f %.2f m %.2f %.2f l S\n" % (x0, y, x0 + columns * width, y)
    for column in range(columns + 1):
        x = x0 + column * width
        out += b"%.2f %.2f m %.2f %.2f l S\n" % (x, top, x, top - rows * height)
    return out


def _grid_rects(x0: float, top: float, width: float, height: float) -> bytes:
    out = b"0.9 g\n"
    for row in range(len(CELLS)):
        for column in range(len(CELLS[0])):
            out += b"%.2f %.2f %.2f %.2f re B\n" % (
                x0 + column * width,
                top - (row + 1) * height,
                width,
                height,
            )
    return out + b"0 g\n"


def _compare(data: bytes) -> list[list[list[str | None]]]:
    """Our tables on every page, after checking them against pdfplumber's."""
    import pdfplumber

    found = []
    with open_pdf(data, "表.pdf") as pdf, pdfplumber.open(io.BytesIO(data)) as plumbed:
        for page, plumbed_page in zip(pdf.pages(), plumbed.pages, strict=True):
            ours, theirs = find_tables(page.edges, page.chars), plumbed_page.find_tables()
            assert len(ours) == len(theirs)
            for mine, other in zip(ours, theirs, strict=True):
                assert mine.bbox == pytest.approx(other.bbox, abs=0.01)
            assert [table.rows for table in ours] == [table.extract() for table in theirs]
            found.extend(table.rows for table in ours)
    return found


def _page(content: bytes) -> bytes:
    return pdf_file([stream(zlib.compress(content))])


def test_a_grid_of_lines_is_one_table() -> None:
    [rows] = _compare(_page(_grid_lines(72, 700, 90, 20) + _texts(72, 700, 90, 20)))
    assert rows[1] == ["GDP", "%", "6"]


def test_a_grid_of_filled_rectangles_is_one_table() -> None:
    [rows] = _compare(_page(_grid_rects(72, 700, 90, 20) + _texts(72, 700, 90, 20)))
    assert rows[3] == ["Jobs", "10k", "1.2"]


def test_a_grid_inside_a_scaled_form_is_found_where_it_is_shown() -> None:
    form = _grid_lines(0, 200, 180, 40) + _texts(0, 200, 180, 40)
    content = b"q 0.5 0 0 0.5 72 500 cm /Fm0 Do Q\n"
    form_object = stream(
        zlib.compress(form),
        b"/Filter /FlateDecode /Type /XObject /Subtype /Form /BBox [0 0 600 300]"
        b" /Resources << /Font << /F1 3 0 R >> >>",
    )
    data = pdf_file(
        [stream(zlib.compress(content))],
        extra=(form_object,),
        resources=b"/XObject << /Fm0 6 0 R >>",
    )
    [rows] = _compare(data)
    assert rows[2] == ["CPI", "%", "3"]


def test_a_three_line_table_has_no_grid_to_find() -> None:
    width = 90 * len(CELLS[0])
    rules = b"".join(b"72 %d m %d %d l S\n" % (y, 72 + width, y) for y in (700, 680, 620))
    assert _compare(_page(rules + _texts(72, 700, 90, 20))) == []


def test_a_diagonal_in_the_corner_cell_leaves_the_grid_alone() -> None:
    diagonal = b"72 700 m 162 680 l S\n"
    [rows] = _compare(_page(_grid_lines(72, 700, 90, 20) + diagonal + _texts(72, 700, 90, 20)))
    assert len(rows) == len(CELLS)


def test_a_cell_merged_down_marks_the_places_it_covers_below() -> None:
    x0, top, width, height = 72, 700, 90, 20
    rows, columns = len(CELLS), len(CELLS[0])
    out = b"0.5 w\n"
    for row in range(rows + 1):
        y = top - row * height
        if row == 2:  # no line under the unit of row 1: the unit cell spans rows 1 and 2
            out += b"%d %d m %d %d l S\n" % (x0, y, x0 + width, y)
            out += b"%d %d m %d %d l S\n" % (x0 + 2 * width, y, x0 + columns * width, y)
        else:
            out += b"%d %d m %d %d l S\n" % (x0, y, x0 + columns * width, y)
    for column in range(columns + 1):
        x = x0 + column * width
        out += b"%d %d m %d %d l S\n" % (x, top, x, top - rows * height)
    [rows_found] = _compare(_page(out + _texts(x0, top, width, height)))
    with open_pdf(_page(out + _texts(x0, top, width, height)), "表.pdf") as pdf:
        (page,) = pdf.pages()
        (table,) = find_tables(page.edges, page.chars)
    assert rows_found[2][1] is None
    assert table.merged_above == {(2, 1)}
