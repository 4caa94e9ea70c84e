"""Reports other than the seed as their governments publish them, and how much of their
text's facts their PDFs give.

:func:`official_docx` lays a report's text out as a Word file in the official style
(GB/T 9704): A4 with 37/35/28/26 mm margins; the title centred in a bold serif
(方正小标宋's stand-in), long ones over two lines; the body in a serif (仿宋's) at 16 pt
(三号), justified, first lines indented two characters, lines 28.95 pt apart; headings
``一、`` in a sans (黑体's) and ``（一）`` in a 楷体; ``— 3 —`` in the footer. Lines of
``|``-separated cells become a ruled table. LibreOffice makes the PDF.

``python -m tests.pdf_fidelity [--keep DIR]`` builds the PDFs of :data:`TEXTS` and
prints, per file, the facts ``jihua extract`` finds in the text, in the PDF and in
both, and whether the document's kind, region and years agree.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jihua.document import Document, read_bytes, read_document
from jihua.extract import extract
from tests.layout_documents import pdfs_from_docx
from tests.report_files import _add_page_number_footer

ROOT = Path(__file__).resolve().parent

#: the fonts of scripts/system-deps (fonts-noto-cjk, fonts-arphic-gkai00mp) in the roles of
#: 方正小标宋, 仿宋_GB2312, 黑体 and 楷体_GB2312
TITLE_FONT = "Noto Serif CJK SC"
BODY_FONT = "Noto Serif CJK SC"
HEADING_FONT = "Noto Sans CJK SC"
KAITI_FONT = "AR PL KaitiM GB"

#: reports of several kinds: plan reports and their digests (``unseen``), statistics
#: bulletins, 督查通报 and project lists with numbered items (``bulletins``), traditional
#: characters, ``|`` tables
TEXTS = (
    "unseen/01_huoqiu_2023.txt",
    "unseen/04_ziyang_2024plan.txt",
    "unseen/06_chongqing_2019.txt",
    "unseen/07_anhui_2019.txt",
    "unseen/09_xilingol_2018plan.txt",
    "unseen/13_gansu_2025.txt",
    "unseen/16_hainan_2024plan.txt",
    "unseen/20_qinghai_2022.txt",
    "unseen/26_hunan_2022.txt",
    "unseen/29_liaoning_2024.txt",
    "unseen/41_chengdu_2015.txt",
    "unseen/47_lishui_2020plan.txt",
    "unseen/56_pingdingshan_2025plan.txt",
    "unseen/63_beijing_2020h1.txt",
    "unseen/70_yinchuan_2023q1.txt",
    "unseen/77_beijing_2022plan.txt",
    "unseen/17_yunnan_2018.txt",
    "unseen/42_ewenki_2021h1.txt",
    "unseen/79_beijing_2020.txt",
    "bulletins/01_neimenggu_2018h1.txt",
    "bulletins/05_jiangmen_projects_oct.txt",
    "bulletins/08_jinzhai_inspection_2025h1.txt",
    "bulletins/10_yuanling_q3_2020.txt",
    "bulletins/103_liulin_h1_2024.txt",
    "bulletins/108_national_investment_may_2015.txt",
    "bulletins/127_province_livelihood_q3_news.txt",
    "bulletins/130_xianning_inspection_h1_2021.txt",
    "bulletins/60_district_aug_traditional.txt",
    "bulletins/106_county_h1_list_traditional.txt",
    "bulletins/68_city_inspection_q3_2019.txt",
)

_CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
_SECTION = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_TITLE_LENGTH = 60


def report_text(path: Path) -> str:
    """The text of a labelled excerpt without its first line (``source: …``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("source:"):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"


def official_docx(text: str, path: Path) -> Path:
    """``text`` laid out as a government publishes its report, saved at ``path``."""
    word = docx.Document()
    _page(word)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and _is_title(lines[0]):
        _title(word, lines.pop(0))
    index = 0
    while index < len(lines):
        if "|" in lines[index]:
            end = index
            while end < len(lines) and "|" in lines[end]:
                end += 1
            _table(word, [[cell.strip() for cell in line.split("|")] for line in lines[index:end]])
            index = end
            continue
        _paragraph(word, lines[index])
        index += 1
    word.save(str(path))
    return path


def _is_title(line: str) -> bool:
    return len(line) <= _TITLE_LENGTH and not line.endswith(("。", "；", "：", ":"))


def _page(word: Any) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    _add_page_number_footer(word)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in footer.runs:
        _font(run, BODY_FONT, 14)


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _spacing(paragraph: Any) -> None:
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(28.95)
    layout.space_before = layout.space_after = Pt(0)


def _title(word: Any, line: str) -> None:
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph)
    paragraph.paragraph_format.line_spacing = Pt(36)
    paragraph.paragraph_format.space_after = Pt(28.95)
    _font(paragraph.add_run(line), TITLE_FONT, 22, bold=True)


def _paragraph(word: Any, line: str) -> None:
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _spacing(paragraph)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    chapter, section = _CHAPTER.match(line), _SECTION.match(line)
    if chapter or section:
        # a heading runs into its paragraph when a sentence follows it (``（一）…。正文``)
        heading_end = _heading_end(line)
        font = HEADING_FONT if chapter else KAITI_FONT
        _font(paragraph.add_run(line[:heading_end]), font, 16)
        if heading_end < len(line):
            _font(paragraph.add_run(line[heading_end:]), BODY_FONT, 16)
        return
    _font(paragraph.add_run(line), BODY_FONT, 16)


def _heading_end(line: str) -> int:
    """Where a heading's own words end: its first 。 (included), else the line's end."""
    stop = line.find("。")
    return len(line) if stop == -1 else stop + 1


def _table(word: Any, rows: list[list[str]]) -> None:
    columns = max(len(row) for row in rows)
    grid = word.add_table(rows=0, cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(value), BODY_FONT, 12)


# --- the score -----------------------------------------------------------------

Fact = tuple[object, ...]
_HEAD = ("document_kind", "region", "report_year")


@dataclass
class Fidelity:
    """What ``jihua extract`` finds in a report's text and in its PDF."""

    name: str
    text_facts: Counter[Fact]
    pdf_facts: Counter[Fact]
    text_head: tuple[object, ...]
    pdf_head: tuple[object, ...]

    @property
    def same(self) -> int:
        return sum((self.text_facts & self.pdf_facts).values())

    @property
    def exact(self) -> bool:
        return self.text_facts == self.pdf_facts and self.text_head == self.pdf_head


def facts_of(document: Document) -> tuple[Counter[Fact], tuple[object, ...]]:
    """The facts as (indicator, value, unit, kind, status, period), and the document's head."""
    result = extract(document)
    facts = Counter(
        (
            fact["indicator"],
            fact["value"],
            fact["unit"],
            fact["kind"],
            fact["status"],
            tuple(sorted((fact.get("period") or {}).items())),
        )
        for fact in result["facts"]
    )
    return facts, tuple(result.get(key) for key in _HEAD)


def build_pdfs(texts: dict[str, str], folder: Path) -> dict[str, Path]:
    """Each text (by name) laid out officially as a PDF in ``folder`` (through its DOCX), in
    one run of LibreOffice."""
    paths = [official_docx(text, folder / f"{name}.docx") for name, text in texts.items()]
    return {path.stem: pdf for path, pdf in zip(paths, pdfs_from_docx(paths), strict=True)}


def fidelity(source: Path, pdf: Path) -> Fidelity:
    """The facts of the excerpt's text (read as a ``.txt``) beside those of its PDF."""
    text = read_bytes(report_text(source).encode("utf-8"), source.name)
    text_facts, text_head = facts_of(text)
    pdf_facts, pdf_head = facts_of(read_document(pdf))
    return Fidelity(source.stem, text_facts, pdf_facts, text_head, pdf_head)


def score(results: Iterable[Fidelity], verbose: bool = False) -> str:
    lines = [f"{'file':44} text   pdf  same  head"]
    total = Counter[str]()
    for result in results:
        text, pdf = sum(result.text_facts.values()), sum(result.pdf_facts.values())
        head = "same" if result.text_head == result.pdf_head else "DIFF"
        lines.append(f"{result.name:44} {text:4} {pdf:5} {result.same:5}  {head}")
        if verbose:
            lines += [f"    - {fact}" for fact in result.text_facts - result.pdf_facts]
            lines += [f"    + {fact}" for fact in result.pdf_facts - result.text_facts]
            if head == "DIFF":
                lines.append(f"    head {result.text_head} → {result.pdf_head}")
        total.update(
            text=text,
            pdf=pdf,
            same=result.same,
            files=1,
            exact=result.exact,
            head=result.text_head == result.pdf_head,
        )
    lines.append(
        f"overall: {total['same']}/{total['text']} facts of the texts in their PDFs, "
        f"{total['pdf'] - total['same']} others; {total['exact']}/{total['files']} files exact, "
        f"{total['head']}/{total['files']} heads same"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--keep", type=Path, help="build the DOCX/PDF files in this folder")
    parser.add_argument("--verbose", action="store_true", help="list the facts that differ")
    parser.add_argument("--reuse", action="store_true", help="read the PDFs already in --keep")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        sources = [ROOT / name for name in TEXTS]
        pdfs = {source.stem: folder / f"{source.stem}.pdf" for source in sources}
        if not (options.reuse and all(pdf.exists() for pdf in pdfs.values())):
            pdfs = build_pdfs({source.stem: report_text(source) for source in sources}, folder)
        results = [fidelity(source, pdfs[source.stem]) for source in sources]
        print(score(results, options.verbose))


if __name__ == "__main__":
    main()
