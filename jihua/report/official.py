"""The official layout of a Word document (GB/T 9704), shared by jihua's reports.

A4, margins 37 / 35 / 28 / 26 mm (top, bottom, left, right); title in a
小标宋-style font, 二号 (22 pt); body 仿宋 三号 (16 pt); first-level headings
黑体, second-level 楷体; tables 五号 (10.5 pt). Fonts are set in the
``w:eastAsia`` slot too: Word and LibreOffice ignore the Latin slot for
Chinese text. Page numbers ``— 1 —`` centred at the foot.
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jihua.report.fonts import font_for

TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 10.5
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def page_setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])


def base_style(document: Any) -> None:
    style = document.styles["Normal"]
    style.font.size = Pt(BODY_PT)
    set_font(style, font_for("body"))
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.space_after = Pt(0)


def set_font(target: Any, family: str) -> None:
    """Name the font in every slot, ``w:eastAsia`` included (else Chinese text ignores it)."""
    target.font.name = family
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


def page_numbers(document: Any) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled_run(paragraph, "— ", "body", 14)
    run = styled_run(paragraph, "", "body", 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    styled_run(paragraph, " —", "body", 14)


def styled_run(paragraph: Any, text: str, role: str, size: float, bold: bool = False) -> Any:
    run = paragraph.add_run(text)
    set_font(run, font_for(role))
    run.font.size = Pt(size)
    run.bold = bold
    return run


def add_title(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(BODY_PT * 2)
    paragraph.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    styled_run(paragraph, text, "title", TITLE_PT, bold=True)


def add_heading(document: Any, text: str, role: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    paragraph.paragraph_format.keep_with_next = True
    styled_run(paragraph, text, role, BODY_PT)


def add_body(document: Any, text: str, indent: bool = True) -> Any:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    styled_run(paragraph, text, "body", BODY_PT)
    return paragraph


def add_table(document: Any, header: list[str], rows: list[list[str]]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders(table)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell_text(cell, text, role="heading1")
    _repeat_header(table.rows[0])
    for row in rows:
        add_row(table, row)
    return table


def column_widths(table: Any, widths_mm: tuple[float, ...]) -> None:
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(width)


def add_row(table: Any, values: list[str]) -> None:
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # keep a row on one page
    cells = row.cells
    for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
        align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER
        cell_text(cell, text, align=align)


def cell_text(
    cell: Any,
    text: str,
    role: str = "body",
    size: float = TABLE_PT,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    styled_run(paragraph, text, role, size)


def colour_text(cell: Any, colour: str) -> None:
    for run in cell.paragraphs[0].runs:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def borders(table: Any) -> None:
    """Single lines on every edge, set directly: a user's template may lack ``Table Grid``."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)
