"""Hypothesis over the readers: whatever the bytes, a reader returns or raises ``UserError``.

Arbitrary bytes under every suffix, and real files broken the ways files break
(bytes flipped, cut short, a slice lost or doubled, junk spliced in): a report
in text, HTML, DOCX and PDF, and import sheets in CSV and XLSX. A document that
reads is also extracted. No other exception, and no example past the deadline.
Under the ``hostile-ci`` profile (tests/hostile/cases.py, chosen when ``CI`` is set)
the seven properties draw 10,500 cases; locally a tenth of that.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from functools import cache
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.extract import extract
from jihua.store.sheets import COLUMNS, header_of, read_rows
from tests.hostile.bombs import TITLE, pdf_bytes, seed_text
from tests.hostile.cases import READERS

#: bs4's warning on an XML file named .html is English on stderr: tested, and reported, by
#: test_messages.py; here it would stop the search at the first such file
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


@cache
def excerpt() -> str:
    """The seed's heading and the first rows of its execution table: a report in 3 KB."""
    text = seed_text()
    table = text.index("\t1\n")
    return text[:400] + "\n\n" + text[table - 200 : table + 1500]


@cache
def report_html() -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in excerpt().splitlines() if line.strip())
    table = (
        "<table><tr><td>指标名称</td><td>2023年预期目标</td><td>2023年完成情况</td></tr>"
        "<tr><td>地区生产总值增速（%）</td><td>6.5</td><td>7.5以上</td></tr>"
        "<tr><td colspan=2>农业增加值增速（%）</td><td rowspan=2>4.5左右</td></tr></table>"
    )
    page = f'<html><head><meta charset="utf-8"></head><body>{paragraphs}{table}</body></html>'
    return page.encode("utf-8")


@cache
def report_docx() -> bytes:
    word = docx.Document()
    for line in excerpt().splitlines()[:30]:
        word.add_paragraph(line)
    grid = word.add_table(rows=3, cols=3)
    for row, cells in zip(
        grid.rows,
        [
            ("指标名称", "2023年预期目标", "2023年完成情况"),
            ("地区生产总值增速（%）", "6.5", "7.5以上"),
        ]
        * 2,
        strict=False,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


@cache
def report_pdf() -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (2023 GDP 6.1) Tj 0 -20 Td (7.5) Tj ET"
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


@cache
def actuals_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "完成值"
    sheet.append(list(COLUMNS))
    sheet.append(["涪陵区", 2023, "地区生产总值增速", 7.6, "快报", "2023年统计快报"])
    sheet.append(["涪陵区", 2023, "农业增加值增速", "4.8", "年报", "统计公报"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ACTUALS_CSV = (
    ",".join(COLUMNS) + "\n涪陵区,2023,地区生产总值增速,7.6,快报,2023年统计快报\n"
    '涪陵区,2023,"农业增加值增速",4.8,年报,"统计公报，第3页"\n'
).encode("utf-8-sig")


@st.composite
def broken(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` after one to four of the ways a file gets broken."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "cut", "lose", "double", "splice"]))
        if how == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del data[at:]
        elif how == "lose":
            del data[at : at + draw(st.integers(1, 64))]
        elif how == "double":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
    return bytes(data)


def reads_or_refuses(data: bytes, source: str) -> None:
    """The property: read and extract, or a ``UserError``; nothing else escapes."""
    try:
        document = read_bytes(data, source)
    except UserError as exc:
        assert str(exc).strip()
        return
    with contextlib.suppress(UserError):
        extract(document)


SUFFIXES = ["报告.txt", "报告.html", "报告.docx", "报告.pdf", "报告"]


@READERS
@given(data=st.binary(max_size=4096), name=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name_read_or_are_refused(data: bytes, name: str) -> None:
    reads_or_refuses(data, name)


@READERS
@given(data=st.data(), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_a_broken_text_report_reads_or_is_refused(data: st.DataObject, encoding: str) -> None:
    reads_or_refuses(data.draw(broken(excerpt().encode(encoding))), "报告.txt")


@READERS
@given(data=st.data(), kind=st.sampled_from(["html", "docx"]))
def test_a_broken_report_file_reads_or_is_refused(data: st.DataObject, kind: str) -> None:
    original = {"html": report_html, "docx": report_docx}[kind]()
    reads_or_refuses(data.draw(broken(original)), f"报告.{kind}")


@READERS
@given(data=st.data())
def test_a_broken_pdf_reads_or_is_refused(data: st.DataObject) -> None:
    reads_or_refuses(data.draw(broken(report_pdf())), "报告.pdf")


@READERS
@given(data=st.data())
def test_a_broken_text_report_with_a_title_reads_or_is_refused(data: st.DataObject) -> None:
    text = (TITLE + "\n\n" + excerpt()).encode("utf-8")
    reads_or_refuses(data.draw(broken(text)), "报告")


def sheet_reads_or_refuses(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            header_of(path)
            list(read_rows(path, ()))
        except UserError as exc:
            assert str(exc).strip()


@READERS
@given(data=st.data(), name=st.sampled_from(["完成值.xlsx", "完成值.csv"]))
def test_a_broken_import_sheet_reads_or_is_refused(data: st.DataObject, name: str) -> None:
    original = actuals_xlsx() if name.endswith(".xlsx") else ACTUALS_CSV
    sheet_reads_or_refuses(data.draw(broken(original)), name)


@READERS
@given(data=st.binary(max_size=2048), name=st.sampled_from(["完成值.xlsx", "完成值.csv"]))
def test_any_bytes_as_an_import_sheet_read_or_are_refused(data: bytes, name: str) -> None:
    sheet_reads_or_refuses(data, name)
