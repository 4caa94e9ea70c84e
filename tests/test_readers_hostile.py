"""Readers facing files made to hurt: zip bombs, lying charsets, a file cut inside a character."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.extract import extract

SEED = Path(__file__).resolve().parent.parent / "jihua" / "data" / "fuling-2023-plan-report.txt"


def _bomb(member: str, size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"<w:document>" + b" " * size + b"</w:document>")
    return buffer.getvalue()


def test_a_docx_that_inflates_without_bound_is_refused_before_it_is_read() -> None:
    with pytest.raises(UserError, match=r"压缩比异常|解压后超过"):
        read_bytes(_bomb("word/document.xml", 60 * 1024 * 1024), "炸弹.docx")


def test_a_docx_past_the_total_is_refused_naming_the_limit() -> None:
    with pytest.raises(UserError, match="解压后超过 200 MB，已停止读取"):
        read_bytes(_bomb("word/document.xml", 210 * 1024 * 1024), "大文件.docx")


def test_a_gbk_page_declaring_latin_1_is_read_by_its_bytes() -> None:
    body = "<p>关于某某县2023年国民经济和社会发展计划执行情况的报告</p><p>全县地区生产总值增长6.1%。</p>"
    page = (
        '<html><head><meta charset="iso-8859-1"><title>报告</title></head><body>'
        + body
        + "</body></html>"
    ).encode("gbk")
    document = read_bytes(page, "报告.html")
    assert "地区生产总值" in document.text
    [fact] = [f for f in extract(document)["facts"] if f["value"] == 6.1]
    assert fact["indicator"] == "地区生产总值"


def test_a_page_whose_declared_charset_fits_keeps_it() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>增长6.1%</p></body></html>'
    assert read_bytes(page.encode("utf-8"), "a.html").encoding == "utf-8"


def _cut_inside_a_character() -> bytes:
    data = SEED.read_bytes()
    cut = next(n for n in range(3000, 3100) if 0x80 <= data[n] < 0xC0)  # a continuation byte
    return data[:cut]


def test_a_utf8_file_cut_inside_a_character_is_read_to_its_last_whole_one() -> None:
    data = _cut_inside_a_character()
    document = read_bytes(data, "截断.txt")
    assert document.encoding == "utf-8"
    assert SEED.read_text(encoding="utf-8").startswith(document.text)
    assert document.warnings == ["截断.txt 在最后一个字中间被截断，已读到最后一个完整的字"]


def test_cli_says_a_cut_file_was_cut_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "截断.txt"
    path.write_bytes(_cut_inside_a_character())
    result = subprocess.run(
        [sys.executable, "-m", "jihua.cli", "extract", str(path), "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stderr.startswith("警告：") and "被截断" in result.stderr


def test_a_page_nested_thousands_of_divs_deep_is_read() -> None:
    depth = 3000
    page = (
        "<html><body>"
        + "<div>" * depth
        + "<p>全县地区生产总值增长6.1%，一般公共预算收入增长5.2%。</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    document = read_bytes(page.encode("utf-8"), "深.html")
    values = sorted(f["value"] for f in extract(document)["facts"])
    assert values == [5.2, 6.1]
