"""Reports other than the seed, laid out as published (:mod:`tests.pdf_fidelity`) and made
PDFs by LibreOffice (``scripts/system-deps`` installs it; without it these tests fail): the
PDF gives the facts of the text, and the reader undoes what the layout did to the lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jihua.document import _column, _PdfLine, _runs_on, read_document
from jihua.pdf_lines import Char, page_lines
from tests.pdf_fidelity import ROOT, build_pdfs, fidelity, report_text

#: a report of each kind whose PDF once lost facts: a minus at a line's end, figures set
#: apart from Chinese, a page number in the footer, traditional characters, a ``|`` table
REPORTS = (
    "bulletins/103_liulin_h1_2024.txt",
    "bulletins/108_national_investment_may_2015.txt",
    "bulletins/130_xianning_inspection_h1_2021.txt",
    "bulletins/60_district_aug_traditional.txt",
    "unseen/04_ziyang_2024plan.txt",
)

MINUS_AT_LINE_END = [
    "全县"
    + "规模以上" * (k // 4)
    + "工业"[: k % 4 // 2]
    + "企" * (k % 2)
    + f"第二产业增加值增长-12.7%，1-{k % 9 + 1}月累计下降-3.{k % 10}%。"
    for k in range(24)
]
FIGURES_IN_PROSE = [
    "2023年全区实现地区生产总值1234.56亿元，按可比价格计算增长6.5%，比全省高0.8个百分点；"
    "一般公共预算收入45.6亿元，增长12.3%；社会消费品零售总额567.8亿元，增长7.1%；"
    "GDP 总量居全市第3位，城镇登记失业率控制在4.5%以内，完成年度计划目标的102.3%。",
    "2024年主要预期目标是：地区生产总值增长6%左右，固定资产投资增长8%，"
    "城乡居民人均可支配收入分别增长5.5%和7.5%，居民消费价格涨幅控制在3%左右。",
]
TRADITIONAL_DASHES = [
    "1-8月，全區經濟運行總體平穩，一般公共預算收入17.2億元，同比增長-8.2%。",
    "（一）工業增長穩中向好。上半年全縣規模以上工業增加值39.5億元，同比增長32.0%，"
    "增速全市排名第一位，兩年平均增長-6.0%；1-6月規模以上工業企業270家，"
    "累計實現利潤總額4.8億元，增長38.4%，其中一般企業虧損額0.9億元，同比下降-26.2%。",
]
#: paragraphs enough for four pages, a sentence running over each page's end
LONG_REPORT = [
    f"（{'一二三四五六七八九十'[k % 10]}）第{k + 1}项工作进展顺利。全年完成投资{100 + k}.5亿元，"
    f"增长{k % 9 + 1}.{k % 7}%，其中新开工项目{20 + k}个、竣工项目{10 + k}个，"
    "带动就业岗位持续增加，群众满意度稳步提高，各项任务按计划有序推进。"
    for k in range(40)
]
TITLE_AND_DATE_LINE = [
    "关于重庆市涪城区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
    "——2024年1月10日在涪城区第十八届人民代表大会第四次会议上",
    "区发展和改革委员会",
    "各位代表：",
    "受区人民政府委托，现将全区2023年国民经济和社会发展计划执行情况与2024年计划草案"
    "提请区十八届人大四次会议审议，请予审议。",
    "一、2023年国民经济和社会发展计划执行情况",
    "2023年，全区地区生产总值完成1234.5亿元，增长6.1%；规模以上工业增加值增长8.2%。",
]
_AIMS = "坚持稳中求进工作总基调推动全区经济持续恢复向好发展态势不断巩固"
_ORDINALS = "一二三四五六七八九"
#: headings and unpunctuated lines of every length up to a full line, each before a paragraph
FULL_LINES = [
    line
    for n in range(20, 27)
    for line in (
        f"（{_ORDINALS[n - 20]}）{_AIMS[: n - 3]}",
        f"全区地区生产总值完成{n}4.5亿元，增长6.{n % 10}%；规模以上工业增加值增长8.2%。",
        f"{_ORDINALS[n - 20]}、{_AIMS[: n - 2]}",
        f"固定资产投资增长{n % 9}.5%，社会消费品零售总额增长7.3%",
        f"城镇新增就业1.2万人{_AIMS[: n - 12]}",
    )
]
#: paragraphs of two sentences, the first ending at every place of the first line's end
SENTENCE_AT_LINE_END = [
    f"上半年，全市{_AIMS[: k % 16]}{'实现' * (k // 16)}地区生产总值2089.2亿元，增长4.5%。"
    "完成社会消费品零售总额771.1亿元，增长8.6%，增速居全省首位。"
    for k in range(24)
]
DOCUMENTS = {
    "sentence_at_line_end": SENTENCE_AT_LINE_END,
    "title": TITLE_AND_DATE_LINE,
    "full_lines": FULL_LINES,
    "minus": MINUS_AT_LINE_END,
    "figures": FIGURES_IN_PROSE,
    "traditional": TRADITIONAL_DASHES,
    "pages": LONG_REPORT,
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reports and the documents written here, in one LibreOffice run."""
    texts = {Path(name).stem: report_text(ROOT / name) for name in REPORTS}
    texts |= {name: "\n".join(lines) + "\n" for name, lines in DOCUMENTS.items()}
    return build_pdfs(texts, tmp_path_factory.mktemp("fidelity"))


def _paragraphs(pdf: Path) -> list[str]:
    return [line for line in read_document(pdf).text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", REPORTS)
def test_a_reports_pdf_gives_the_facts_of_its_text(name: str, pdfs: dict[str, Path]) -> None:
    source = ROOT / name
    result = fidelity(source, pdfs[source.stem])
    assert sum(result.text_facts.values()) > 0
    assert result.pdf_facts == result.text_facts
    assert result.pdf_head == result.text_head


def test_a_minus_sign_the_layout_left_at_a_lines_end_is_kept(pdfs: dict[str, Path]) -> None:
    assert _paragraphs(pdfs["minus"]) == MINUS_AT_LINE_END


def test_figures_set_apart_from_chinese_by_the_layout_are_not_spaced(
    pdfs: dict[str, Path],
) -> None:
    """Only the space the text has (``GDP 总量``) stays a space."""
    assert _paragraphs(pdfs["figures"]) == FIGURES_IN_PROSE


def test_dashes_and_yi_stay_on_their_line_in_a_font_without_descent(
    pdfs: dict[str, Path],
) -> None:
    """``-`` and ``一`` of a font PDFium boxes by the glyph float above the baseline."""
    assert _paragraphs(pdfs["traditional"]) == TRADITIONAL_DASHES


def test_page_numbers_go_and_sentences_over_a_page_break_are_whole(
    pdfs: dict[str, Path],
) -> None:
    """The footer's ``— 2 —``, its number set smaller than its dashes, is no line of text."""
    assert _paragraphs(pdfs["pages"]) == LONG_REPORT


def test_a_title_over_two_lines_is_one_line_and_its_date_line_another(
    pdfs: dict[str, Path],
) -> None:
    """The title (22 pt, centred) runs on over its break, not into the 16 pt line under it."""
    assert _paragraphs(pdfs["title"]) == TITLE_AND_DATE_LINE


def test_a_line_that_fills_the_width_ends_before_an_indented_paragraph(
    pdfs: dict[str, Path],
) -> None:
    """A heading or a line without 。 that reaches the right edge is not glued to the next
    paragraph: its first line stands in by two characters."""
    assert _paragraphs(pdfs["full_lines"]) == FULL_LINES


def test_a_sentence_ending_at_the_right_edge_does_not_end_its_paragraph(
    pdfs: dict[str, Path],
) -> None:
    """Paragraphs open indented here, so a line at the left edge after a full line ending 。
    is the paragraph's next sentence (the period of ``上半年`` reaches it)."""
    assert _paragraphs(pdfs["sentence_at_line_end"]) == SENTENCE_AT_LINE_END


def _set(words: list[str], gap: float, size: float = 12.0) -> list[Char]:
    """Characters of ``words`` set 0.6 of their size wide, words ``gap`` points apart."""
    chars: list[Char] = []
    x = 10.0
    for number, word in enumerate(words):
        if number:
            x += gap
        for char in word:
            chars.append(Char(char, x, x + 0.6 * size, 100.0, 100.0 + size, size))
            x += 0.6 * size
    return chars


def test_latin_words_with_accents_or_quotes_keep_their_spaces() -> None:
    assert page_lines(_set(["Le", "café", "au", "lait"], 3.5))[0]["prose"] == "Le café au lait"
    line = page_lines(_set(["the", "“Belt", "and", "Road”", "initiative"], 3.5))[0]["prose"]
    assert line == "the “Belt and Road” initiative"
    assert page_lines(_set(["增长", "6.5%"], 3.5))[0]["prose"] == "增长6.5%"  # the layout's gap


def _body(*texts: tuple[str, float, float]) -> list[_PdfLine]:
    """Lines of 16 pt body text on a 448 pt wide column from x = 90: (text, x0, x1)."""
    return [
        _PdfLine(text, 100.0 + 30 * number, x1, 16.0, 32.0, x0)
        for number, (text, x0, x1) in enumerate(texts)
    ]


PARAGRAPHS = (
    ("　　今年以来，全县经济运行总体平稳，主要指标稳中有进，工业", 122.0, 538.0),
    ("生产加快恢复，固定资产投资保持增长，消费市场持续回暖。", 90.0, 538.0),
    ("　　上半年，全县地区生产总值增长6.5%，规模以上工业增加值增长", 122.0, 538.0),
    ("8%以上，社会消费品零售总额增长5.2%。", 90.0, 380.0),
    ("　　下半年，全县将继续抓好项目建设，推动经济持续回升向好。", 122.0, 520.0),
)


def test_a_line_hanging_out_of_the_text_does_not_move_its_left_edge() -> None:
    lines = _body(*PARAGRAPHS, ("注：", 58.0, 90.0))
    column = _column(lines)
    assert column.left == 90.0 and column.indents
    assert _runs_on(lines[2], lines[3], column)  # 增长 / 8%以上: one sentence


def test_a_flush_left_heading_after_a_sentence_at_the_right_edge_opens_its_own_line() -> None:
    for heading in ("主要预期目标", "附件：", "第三部分　2025年工作安排"):
        lines = _body(*PARAGRAPHS[:2], (heading, 90.0, 90.0 + 16 * len(heading)), *PARAGRAPHS[2:])
        column = _column(lines)
        assert column.indents
        assert not _runs_on(lines[1], lines[2], column), heading
    lines = _body(*PARAGRAPHS[:2], ("生产总值增长6.5%。", 90.0, 250.0), *PARAGRAPHS[2:])
    assert _runs_on(lines[1], lines[2], _column(lines))  # the paragraph's next sentence


def test_a_rule_of_dashes_over_a_title_stays_a_line_of_its_own() -> None:
    rule = [Char("—", 90.0 + 12 * n, 102.0 + 12 * n, 95.0, 107.0, 12.0) for n in range(8)]
    title = [
        Char(c, 120.0 + 12 * n, 132.0 + 12 * n, 100.0, 112.0, 12.0) for n, c in enumerate("附件")
    ]
    assert [line["text"] for line in page_lines(rule + title)] == ["————————", "附件"]


def test_a_minus_drawn_above_its_line_is_put_back_between_its_figures() -> None:
    figures = [
        Char(c, 100.0 + 8 * n, 108.0 + 8 * n, 100.0, 112.0, 12.0) for n, c in enumerate("1 5月")
    ]
    minus = [Char("-", 108.5, 115.5, 96.0, 108.0, 12.0)]
    text = page_lines([figures[0], *minus, *figures[2:]])[0]["text"]
    assert text == "1-5月"
