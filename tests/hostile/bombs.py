"""Files made to hurt, built by the tests themselves in well under a second each.

Each builder writes one file into a directory and returns its path. The big
ones inflate: a deflate stream of N identical megabytes is one compressed
megabyte (flushed to a byte boundary, so its bytes repeat) written N times,
which costs nothing to build however far it inflates.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "jihua" / "data" / "fuling-2023-plan-report.txt"
MB = 1024 * 1024
#: the heading every bomb wears, so that each is read as far as a report is
TITLE = "关于某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def deflated(
    unit: bytes, times: int, checksum: Callable[[bytes, int], int] = zlib.crc32, start: int = 0
) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``unit`` repeated ``times`` times: (stream, size, checksum)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    total = start
    for _ in range(times):
        total = checksum(unit, total)
    return block * times + packer.flush(zlib.Z_FINISH), len(unit) * times, total


def zip_bytes(members: list[tuple[str, bytes]], big: tuple[str, bytes, int] | None = None) -> bytes:
    """A ZIP of small ``members`` and one ``big`` member: (name, unit, times) inflated in place."""
    entries: list[tuple[str, bytes, int, int]] = []  # name, deflate stream, size, crc
    for name, data in members:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data)))
    if big is not None:
        name, unit, times = big
        entries.append((name, *deflated(unit, times)))
    out, central = io.BytesIO(), io.BytesIO()
    for name, stream, size, crc in entries:
        offset, encoded = out.tell(), name.encode("utf-8")
        fields = (20, 0, 8, 0, 0, crc, len(stream), size, len(encoded), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + encoded + stream)
        central.write(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + encoded
        )
    start, directory = out.tell(), central.getvalue()
    count = len(entries)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
    return out.getvalue() + directory + end


# --- HTML ---------------------------------------------------------------------------------


def span_html(directory: Path) -> Path:
    """A few hundred bytes asking for a hundred million columns and as many rows."""
    page = (
        f"<html><body><h1>{TITLE}</h1><p>2023年计划执行情况表</p><table>"
        "<tr><td>指标名称</td><td>2023年预期目标</td><td>2023年完成情况</td></tr>"
        "<tr><td colspan=100000000>地区生产总值增速（%）</td><td>6.5</td><td>6.1</td></tr>"
        "<tr><td rowspan=100000000>一般公共预算收入增速（%）</td><td>5</td><td>5.2</td></tr>"
        "</table></body></html>"
    )
    return _write(directory / "跨列.html", page.encode("utf-8"))


def deep_html(directory: Path, depth: int = 20_000) -> Path:
    """A page nested ``depth`` divs deep around one paragraph of figures."""
    inner = "<p>全县地区生产总值增长6.1%，一般公共预算收入增长5.2%。</p>"
    page = (
        f"<html><body><h1>{TITLE}</h1>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    )
    return _write(directory / "深层嵌套.html", page.encode("utf-8"))


# --- DOCX ---------------------------------------------------------------------------------

_DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: bytes, filler: bytes = b"") -> bytes:
    document = b"<w:document " + _W + b"><w:body>" + body + filler + b"</w:body></w:document>"
    return zip_bytes(
        [
            ("[Content_Types].xml", _DOCX_TYPES),
            ("_rels/.rels", _DOCX_RELS),
            ("word/document.xml", document),
        ]
    )


def _paragraph(text: str) -> bytes:
    return b"<w:p><w:r><w:t>" + text.encode("utf-8") + b"</w:t></w:r></w:p>"


def inflating_docx(directory: Path) -> Path:
    """A DOCX of about 1 MB whose document.xml inflates to 1 GB (its sizes told truly)."""
    head = b"<w:document " + _W + b"><w:body>" + _paragraph(TITLE)
    data = zip_bytes(
        [("[Content_Types].xml", _DOCX_TYPES), ("_rels/.rels", _DOCX_RELS)],
        ("word/document.xml", head + b" " * (MB - len(head)), 1024),
    )
    return _write(directory / "解压炸弹.docx", data)


def element_docx(directory: Path) -> Path:
    """A DOCX inside every zip limit whose XML is millions of empty paragraphs.

    40 MB of ``<w:p/>`` with enough random bytes in a comment to keep the packing
    ratio under the archive check: the tree, not the bytes, is the bomb.
    """
    filler = b"<w:p/>" * (40 * MB // 6)
    noise = random.Random(15).randbytes(300 * 1024).hex().encode("ascii")
    body = _paragraph(TITLE) + _paragraph("全区地区生产总值增长6.1%。")
    return _write(directory / "百万段落.docx", _docx(body, filler + b"<!--" + noise + b"-->"))


def span_docx(directory: Path) -> Path:
    """A Word table whose first cell spans a hundred million grid columns and rows."""
    cell = (
        b'<w:tc><w:tcPr><w:gridSpan w:val="100000000"/><w:vMerge w:val="restart"/></w:tcPr>'
        + _paragraph("地区生产总值增速（%）")
        + b"</w:tc><w:tc>"
        + _paragraph("6.5")
        + b"</w:tc>"
    )
    table = (
        b'<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        + (b"<w:tr>" + cell + b"</w:tr>") * 3
        + b"</w:tbl>"
    )
    heading = _paragraph(TITLE) + _paragraph("2023年计划执行情况表")
    return _write(directory / "跨列.docx", _docx(heading + table))


# --- XLSX ---------------------------------------------------------------------------------

_XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_XLSX_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_XLSX_BOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + '<sheets><sheet name="完成值" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode()
)
_XLSX_BOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _xlsx(sheet: bytes | None, big: tuple[bytes, int] | None = None) -> bytes:
    members = [
        ("[Content_Types].xml", _XLSX_TYPES),
        ("_rels/.rels", _XLSX_RELS),
        ("xl/workbook.xml", _XLSX_BOOK),
        ("xl/_rels/workbook.xml.rels", _XLSX_BOOK_RELS),
    ]
    if sheet is not None:
        members.append(("xl/worksheets/sheet1.xml", sheet))
    return zip_bytes(members, ("xl/worksheets/sheet1.xml", *big) if big else None)


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def inflating_xlsx(directory: Path) -> Path:
    """An XLSX whose sheet inflates to 1 GB (its sizes told truly)."""
    head = _SHEET_HEAD + b"<sheetData>"
    unit = head + b" " * (MB - len(head))
    return _write(directory / "解压炸弹.xlsx", _xlsx(None, (unit, 1024)))


def sparse_xlsx(directory: Path) -> Path:
    """A sheet that says it spans A1:XFD1048576 and holds a header, one row and a far cell."""
    header = b"".join(
        _inline(f"{letter}1", name)
        for letter, name in zip(
            "ABCDEF", ("地区", "年份", "指标", "完成值", "口径", "来源"), strict=True
        )
    )
    rows = b"".join(
        b'<row r="%d">' % n + _inline(f"XFD{n}", "x") + b"</row>" for n in range(2, 20_002)
    )
    sheet = (
        _SHEET_HEAD
        + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1">'
        + header
        + b"</row>"
        + rows
        + b'<row r="1048576">'
        + _inline("XFD1048576", "x")
        + b"</row></sheetData></worksheet>"
    )
    return _write(directory / "稀疏.xlsx", _xlsx(sheet))


# --- PDF ----------------------------------------------------------------------------------


def flate_pdf(directory: Path) -> Path:
    """A one-page PDF of about 1 MB whose content stream inflates to 1 GB of drawing."""
    unit_line = b"BT /F1 12 Tf 72 720 Td (6.1) Tj ET\n"
    unit = unit_line * (MB // len(unit_line))
    raw, _, adler = deflated(unit, 1024, zlib.adler32, 1)
    stream = b"x\xda" + raw + struct.pack(">L", adler)  # a zlib stream, as /FlateDecode wants
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _write(directory / "解压炸弹.pdf", pdf_bytes(objects))


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF of the numbered ``objects`` with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


# --- text ---------------------------------------------------------------------------------


def long_line_txt(directory: Path) -> Path:
    """5 MB on one line: a report's sentences with every line break taken out."""
    sentence = "全区地区生产总值增长6.1%，规模以上工业增加值增长7.2%，固定资产投资增长8.0%；"
    text = TITLE + "\n\n" + sentence * (5 * MB // len(sentence.encode("utf-8")) + 1)
    return _write(directory / "一行.txt", text.encode("utf-8"))


def duplicated_rows_txt(directory: Path) -> Path:
    """The seed with its execution table's rows written twice, the second copy shuffled."""
    text = seed_text()
    start = text.index("\t1\n")
    end = text.index("\n\n\n注", start)
    rows = text[start:end].split("\n\n")
    shuffled = rows[:]
    random.Random(15).shuffle(shuffled)
    doubled = "\n\n".join(rows + shuffled)
    return _write(directory / "重复行.txt", (text[:start] + doubled + text[end:]).encode("utf-8"))


def truncated_txt(directory: Path) -> Path:
    """The first quarter of the seed (cut at a line end), as a careless copy would be: it
    holds 174 of the 432 figures the seed stores."""
    text = seed_text()
    cut = text.rindex("\n", 0, len(text) // 4)
    return _write(directory / "截断副本.txt", text[:cut].encode("utf-8"))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


#: name → builder of every document bomb
DOCUMENT_BOMBS: dict[str, Callable[[Path], Path]] = {
    "colspan-html": span_html,
    "deep-html": deep_html,
    "zip-docx": inflating_docx,
    "elements-docx": element_docx,
    "span-docx": span_docx,
    "flate-pdf": flate_pdf,
    "long-line": long_line_txt,
    "duplicated-rows": duplicated_rows_txt,
    "truncated-copy": truncated_txt,
}


# --- files for ``jihua import`` -----------------------------------------------------------

ACTUALS_HEADER = "地区,年份,指标,完成值,口径,来源\n"
ACTUALS_ROW = "涪陵区,2023,地区生产总值增速,7.6,快报,2023年统计快报\n"


def repeated_rows_csv(directory: Path, rows: int = 100_000) -> Path:
    """An actuals sheet of one row pasted 100,000 times."""
    text = ACTUALS_HEADER + ACTUALS_ROW * rows
    return _write(directory / "重复行.csv", text.encode("utf-8-sig"))


def long_line_csv(directory: Path) -> Path:
    """An actuals sheet whose second line is one 5 MB cell."""
    text = ACTUALS_HEADER + "涪陵区,2023,地区生产总值增速," + "9" * (5 * MB) + ",快报,统计快报\n"
    return _write(directory / "长单元格.csv", text.encode("utf-8"))


def wide_csv(directory: Path) -> Path:
    """An actuals sheet whose one row runs on for a million empty columns."""
    text = ACTUALS_HEADER + ACTUALS_ROW.rstrip("\n") + "," * 1_000_000 + "\n"
    return _write(directory / "百万列.csv", text.encode("utf-8"))


def deep_json(directory: Path) -> Path:
    """A JSON export nested 100,000 arrays deep."""
    return _write(directory / "深层嵌套.json", b"[" * 100_000 + b"]" * 100_000)


#: name → builder of every file given to ``jihua import``
IMPORT_BOMBS: dict[str, Callable[[Path], Path]] = {
    "zip-xlsx": inflating_xlsx,
    "sparse-xlsx": sparse_xlsx,
    "repeated-rows-csv": repeated_rows_csv,
    "long-cell-csv": long_line_csv,
    "wide-csv": wide_csv,
    "deep-json": deep_json,
}
