"""A PDF whose fonts carry no map back to Unicode copies out as glyph numbers: the reader says
so instead of reading figures nobody wrote.

The PDFs are made as real ones are: a Word file converted by LibreOffice (``scripts/system-deps``
installs it; without it these tests fail), then its ``/ToUnicode`` maps taken out, as
producers that write none leave them.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.extract import extract
from jihua.legibility import garbled, judged
from tests.layout_documents import pdfs_from_docx

TESTS = Path(__file__).resolve().parent
SERIF = "Noto Serif CJK SC"
MONO = "Noto Sans Mono CJK SC"

FIRST_PAGE = (
    "2024年全区地区生产总值增长6.5%，规模以上工业增加值增长7.2%，固定资产投资增长8.1%。",
    "一般公共预算收入完成25.3亿元，增长4.1%；城乡居民人均可支配收入分别增长5.2%和6.8%。",
)
SECOND_PAGE = (
    "社会消费品零售总额完成312.6亿元，增长5.8%；城镇新增就业1.2万人，城镇调查失业率控制在5.5%以内。",
    "2025年主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，粮食产量稳定在32万吨以上。",
)


def _paragraph(word: Any, text: str, font: str) -> None:
    run = word.add_paragraph().add_run(text)
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


@pytest.fixture(scope="module")
def two_fonts_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Two pages: the first set in a serif, the second in another font."""
    word = WordDocument()
    for text in FIRST_PAGE:
        _paragraph(word, text, SERIF)
    word.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
    for text in SECOND_PAGE:
        _paragraph(word, text, MONO)
    path = tmp_path_factory.mktemp("legibility") / "report.docx"
    word.save(str(path))
    return pdfs_from_docx([path])[0].read_bytes()


def without_unicode_maps(pdf: bytes, font: str = "") -> bytes:
    """The PDF with the ``/ToUnicode`` entries of the fonts whose name holds ``font`` (every
    font's by default) made unknown keys; offsets stay as they were."""

    def unmap(found: re.Match[bytes]) -> bytes:
        body = found.group(0)
        if b"/BaseFont" in body and font.encode() in body:
            return body.replace(b"/ToUnicode", b"/ToUnicodX")
        return body

    return re.sub(rb"\d+ 0 obj.*?endobj", unmap, pdf, flags=re.S)


def test_the_pdf_as_made_reads_both_pages(two_fonts_pdf: bytes) -> None:
    document = read_bytes(two_fonts_pdf, "report.pdf")
    assert "增长6.5%" in document.text.replace(" ", "")
    assert "城镇新增就业1.2万人" in document.text.replace(" ", "")
    assert document.warnings == []


def test_a_pdf_whose_fonts_have_no_unicode_map_is_refused_in_one_line(
    two_fonts_pdf: bytes,
) -> None:
    with pytest.raises(UserError) as refused:
        read_bytes(without_unicode_maps(two_fonts_pdf), "report.pdf")
    assert "乱码" in refused.value.message
    assert "文字识别" in refused.value.message
    assert "\n" not in refused.value.message


def test_only_the_page_set_in_the_unmapped_font_is_left_out_and_named(
    two_fonts_pdf: bytes,
) -> None:
    pdf = without_unicode_maps(two_fonts_pdf, font="NotoSans")
    assert pdf != two_fonts_pdf
    document = read_bytes(pdf, "report.pdf")
    assert "增长6.5%" in document.text.replace(" ", "")
    assert "5.8%" not in document.text  # the second page's figures, their names garbage
    assert len(document.warnings) == 1
    assert "第 2 页" in document.warnings[0] and "乱码" in document.warnings[0]
    values = {fact["value"] for fact in extract(document)["facts"]}
    assert 6.5 in values and 5.8 not in values


def test_real_reports_and_bulletins_read_as_words() -> None:
    texts = [
        path.read_text(encoding="utf-8")
        for folder in ("corpus", "unseen", "bulletins")
        for path in sorted((TESTS / folder).glob("*.txt"))
    ]
    assert len(texts) > 200
    assert [text[:40] for text in texts if garbled(text)] == []


def test_han_characters_of_a_font_s_glyph_numbers_are_garbage() -> None:
    """A font's glyph numbers read as Han characters: each character the font draws (Han
    characters and Chinese punctuation) always the same other one, as a font without a map
    gives them."""
    text = (TESTS.parent / "jihua" / "data" / "fuling-2023-plan-report.txt").read_text("utf-8")
    han = sorted(
        {ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch in "，。、；：！？（）《》“”"}
    )
    for seed in range(5):
        others = random.Random(seed).sample(range(0x4E00, 0xA000), len(han))
        glyphs = dict(zip(han, map(chr, others), strict=True))
        assert garbled("".join(glyphs.get(ch, ch) for ch in text[:3000]))


def test_private_use_bullets_among_words_are_not_garbage() -> None:
    items = ["\uf0b7 地区生产总值增长6%左右", "\uf0b7 城镇新增就业1.2万人", "\uf0d8 粮食产量稳定"]
    assert not garbled("\n".join(items * 4))


def test_a_few_characters_are_not_judged() -> None:
    assert not judged("\x01\x02\x03 5.8%")
    assert not garbled("\x01\x02\x03 5.8%")
    assert judged("\x01\x02\x03\x04" * 10)
    assert garbled("\x01\x02\x03\x04" * 10)


VILLAGES = (
    "梓里村、凤阳村、蒿枝坝村、马鞍村、杉树村、桂楼村、蒲溪村、杉木坪村、菜籽沟村、迎新村、"
    "花梨村、楠木村、鸟岭村、安镇村、柏树村、罗云坝村、桐梓坪村、浸水村、钟鼓村、碑垭村、"
    "鹤凤滩村、麒麟坝村、槽溪村、坪坎村、杉岭村、垭口村、岚垭村、鳌鱼岭村、聚宝楼村、黄旗坝村、"
    "荔枝湾村、望州关村、鳄鱼嘴村、溪沟村、茶园村、枇杷湾村、柑桔村、桃坪村、梨子坪村、柚子村"
)
SYMBOL_BULLETS = ("Yes", "No", "GDP", "CPI", "PMI", "Jobs")


def _symbol(paragraph: Any, font: str, code: str) -> None:
    """A character of a symbol font (``w:sym``), as Word inserts a bullet or a tick."""
    from docx.oxml import OxmlElement

    mark = OxmlElement("w:sym")
    mark.set(qn("w:font"), font)
    mark.set(qn("w:char"), code)
    paragraph.add_run()._r.append(mark)


@pytest.fixture(scope="module")
def legible_pages_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Pages of words whose characters are unusual: a 名单 of villages (rare characters, few of
    the common ones), a list of English words after Wingdings arrows."""
    word = WordDocument()
    _paragraph(word, "附件：2024年乡村振兴示范村名单", SERIF)
    _paragraph(word, VILLAGES, SERIF)
    word.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
    for text in SYMBOL_BULLETS * 4:
        paragraph = word.add_paragraph()
        _symbol(paragraph, "Wingdings", "F0D8")
        paragraph.add_run(f" {text}")
    path = tmp_path_factory.mktemp("legible") / "名单.docx"
    word.save(str(path))
    return pdfs_from_docx([path])[0].read_bytes()


def test_a_page_listing_villages_by_name_is_read(legible_pages_pdf: bytes) -> None:
    document = read_bytes(legible_pages_pdf, "名单.pdf")
    assert "鳌鱼岭村" in document.text.replace("\n", "")
    assert document.warnings == []


def test_a_list_of_english_words_after_symbol_bullets_is_read(legible_pages_pdf: bytes) -> None:
    document = read_bytes(legible_pages_pdf, "名单.pdf")
    assert document.text.count("Jobs") == 4


def test_glyph_numbers_of_a_few_kinds_repeated_are_bullets_not_garbage() -> None:
    assert not garbled("\n".join(f"\uf0d8 {word}" for word in SYMBOL_BULLETS * 4))
    assert garbled("".join(chr(0x01 + (7 * n) % 40) for n in range(200)))
