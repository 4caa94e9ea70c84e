"""PDFs made to hurt: streams that inflate without bound, pages packed with characters,
an opening password, and the budget of time and text one document may spend.

The files are written here object by object; a bomb's compressed data is one
deflate block repeated, so that building a gigabyte costs nothing.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.limits import Limits, reading
from jihua.pdf_lines import PAGE_CHAR_LIMIT
from jihua.pdf_streams import CONTENT_LIMIT, DECODED_LIMIT, check_streams

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
LINE = b"BT /F1 11 Tf 72 %d Td (2023 GDP growth 5.2%%, investment 3.1%%) Tj ET\n"


def flate_repeated(chunk: bytes, times: int) -> bytes:
    """zlib data of ``chunk`` repeated ``times`` times, one deflate block written once."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + piece * times + end + checksum.to_bytes(4, "big")


def stream(data: bytes, entries: bytes = b"/Filter /FlateDecode") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def pdf_file(
    contents: list[bytes],
    extra: tuple[bytes, ...] = (),
    trailer: bytes = b"",
    resources: bytes = b"",
) -> bytes:
    """A PDF of one page per content stream (each already a stream object), Helvetica as F1;
    ``extra`` objects follow the contents, ``resources`` go into each page's."""
    pages = len(contents)
    first_content = 4 + pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + n) for n in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> %s >> >>" % (first_content + n, resources)
            for n in range(pages)
        ),
        *contents,
        *extra,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def text_pdf(lines: int = 3) -> bytes:
    body = b"".join(LINE % (760 - 20 * n) for n in range(lines))
    return pdf_file([stream(zlib.compress(body))])


def content_bomb(megabytes: int) -> bytes:
    spaces = b" " * MB
    return pdf_file([stream(flate_repeated(spaces, megabytes))])


def run_limited(path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """``jihua extract`` in a child with 1 GB of address space and 10 s of wall clock."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "jihua.cli", "extract", str(path), "--json", *args],
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=10,
        cwd=ROOT,
    )
    return result, time.monotonic() - started


def one_chinese_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert any("\u4e00" <= char <= "\u9fff" for char in lines[0])
    return lines[0]


def test_a_hand_written_pdf_is_read() -> None:
    document = read_bytes(text_pdf(), "手写.pdf")
    assert document.text.count("2023 GDP growth 5.2%") == 3


def test_a_content_stream_inflating_to_a_gigabyte_is_refused_before_it_is_parsed() -> None:
    bomb = content_bomb(1024)
    assert len(bomb) < 1.5 * MB
    started = time.monotonic()
    with pytest.raises(UserError, match=r"炸弹\.pdf 的页面内容流解压后超过 2 MB，已停止读取"):
        read_bytes(bomb, "炸弹.pdf")
    assert time.monotonic() - started < 5


def test_a_stray_encrypt_key_does_not_turn_the_measure_off() -> None:
    bomb = content_bomb(64).replace(b"%PDF-1.7\n", b"%PDF-1.7\n% /Encrypt 9 0 R\n", 1)
    with pytest.raises(UserError, match="解压后超过 2 MB"):
        check_streams(bomb, "伪装.pdf")


def test_a_content_stream_just_under_the_limit_is_read() -> None:
    body = b"".join(LINE % (760 - 20 * (n % 30)) for n in range(CONTENT_LIMIT // 80))
    assert CONTENT_LIMIT * 0.8 < len(body) < CONTENT_LIMIT
    check_streams(pdf_file([stream(zlib.compress(body))]), "大.pdf")


def test_streams_past_the_total_are_refused_naming_it() -> None:
    # font programs may be large; together they may not pass DECODED_LIMIT
    fonts = [
        stream(flate_repeated(b"\0" * MB, 60), b"/Filter /FlateDecode /Length1 1")
        for _ in range(DECODED_LIMIT // (60 * MB) + 1)
    ]
    data = pdf_file([stream(zlib.compress(LINE % 700))], extra=tuple(fonts))
    with pytest.raises(UserError, match=r"字体\.pdf 解压后超过 200 MB，已停止读取"):
        read_bytes(data, "字体.pdf")


def test_a_bomb_packed_twice_is_refused() -> None:
    inner = flate_repeated(b" " * MB, 1024)
    data = pdf_file([stream(zlib.compress(inner), b"/Filter [/FlateDecode /FlateDecode]")])
    assert len(data) < 100_000
    with pytest.raises(UserError, match="解压后超过 2 MB"):
        read_bytes(data, "两层.pdf")


def test_a_bomb_behind_ascii85_is_refused() -> None:
    import base64

    packed = base64.a85encode(flate_repeated(b" " * MB, 16)) + b"~>"
    data = pdf_file([stream(packed, b"/Filter [/ASCII85Decode /FlateDecode]")])
    with pytest.raises(UserError, match="解压后超过 2 MB"):
        read_bytes(data, "a85.pdf")


def lzw(data: bytes) -> bytes:
    """LZWDecode's encoding (9 to 12-bit codes, early change), as old PDF writers wrote it."""
    table = {bytes([byte]): byte for byte in range(256)}
    codes, word = [256], b""
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        codes.append(table[word])
        if len(table) + 2 < 4096:
            table[candidate] = len(table) + 2
        word = bytes([byte])
    codes += [table[word], 257]
    out, buffer, bits, width, known, first = bytearray(), 0, 0, 9, 258, True
    for code in codes:
        buffer, bits = (buffer << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append((buffer >> bits) & 0xFF)
        if code in (256, 257):
            continue
        known, first = known + (not first), False
        if known >= (1 << width) - 1 and width < 12:
            width += 1
    if bits:
        out.append((buffer << (8 - bits)) & 0xFF)
    return bytes(out)


def test_an_lzw_content_stream_is_measured_and_read() -> None:
    body = b"".join(LINE % (760 - 9 * n) for n in range(80))  # 80 lines 9 pt apart
    data = pdf_file([stream(lzw(body), b"/Filter /LZWDecode")])
    assert len(lzw(body)) * 2730 > CONTENT_LIMIT  # its bound alone would refuse it
    from jihua.pdf_streams import _lzw_size

    assert _lzw_size(lzw(body), CONTENT_LIMIT) == len(body)
    assert "2023 GDP growth 5.2%" in read_bytes(data, "旧.pdf").text


def test_an_lzw_bomb_is_refused() -> None:
    data = pdf_file([stream(lzw(b" " * (3 * MB)), b"/Filter /LZWDecode")])
    with pytest.raises(UserError, match="解压后超过 2 MB"):
        read_bytes(data, "旧炸弹.pdf")


def test_a_page_packed_with_characters_is_refused_naming_the_limit() -> None:
    line = b"(" + b"a" * 99 + b")Tj "
    body = b"BT /F1 1 Tf 10 700 Td " + line * (PAGE_CHAR_LIMIT // 99 + 10) + b"ET"
    with pytest.raises(UserError, match=r"第 1 页的字符超过 100,000 个，已停止读取"):
        read_bytes(pdf_file([stream(zlib.compress(body))]), "密.pdf")


def test_a_password_protected_pdf_says_so() -> None:
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
        b"6f" * 32,
        b"75" * 32,
    )
    data = pdf_file(
        [stream(zlib.compress(LINE % 700))],
        extra=(encrypt,),
        trailer=b"/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
    )
    with pytest.raises(UserError) as raised:
        read_bytes(data, "加密.pdf")
    assert raised.value.message == "加密.pdf 设有打开密码，无法读取（请先解除密码后再导入）"


def test_the_reading_time_budget_stops_a_pdf() -> None:
    with (
        pytest.raises(UserError, match=r"读取超过 1e-09 秒，已停止"),
        reading("慢.pdf", Limits(seconds=1e-9)),
    ):
        read_bytes(text_pdf(), "慢.pdf")


def test_the_text_limit_counts_every_page() -> None:
    page = b"".join(LINE % (760 - 20 * n) for n in range(20))  # about 900 characters
    data = pdf_file([stream(zlib.compress(page)) for _ in range(3)])
    read_bytes(data, "三页.pdf")
    limit = Limits(text_mb=2_000 / MB)  # two of the three pages
    with pytest.raises(UserError, match="文本超过"), reading("三页.pdf", limit):
        read_bytes(data, "三页.pdf")


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("内容炸弹.pdf", lambda: content_bomb(1024), "解压后超过 2 MB"),
        ("密码.pdf", None, "设有打开密码"),
    ],
)
def test_extract_of_a_hostile_pdf_ends_in_seconds_with_exit_2(
    tmp_path: Path, name: str, build: object, message: str
) -> None:
    if build is None:
        encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
            b"6f" * 32,
            b"75" * 32,
        )
        data = pdf_file(
            [stream(zlib.compress(LINE % 700))],
            extra=(encrypt,),
            trailer=b"/Encrypt 6 0 R /ID [<00> <00>] ",
        )
    else:
        assert callable(build)
        data = build()
    path = tmp_path / name
    path.write_bytes(data)
    result, seconds = run_limited(path)
    assert result.returncode == 2, result.stderr
    assert message in one_chinese_line(result.stderr)
    assert result.stdout == ""
    assert seconds < 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_pdf_is_read_or_refused_in_one_line(data: st.DataObject) -> None:
    pdf = bytearray(text_pdf())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(pdf) - 1))
        pdf[at] = data.draw(st.integers(0, 255))
    try:
        document = read_bytes(bytes(pdf), "损坏.pdf")
    except UserError as exc:
        assert "\n" not in exc.message and "损坏.pdf" in exc.message
    else:
        assert document.format == "pdf"
