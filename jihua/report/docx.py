"""The evaluation report as a Word document in the official layout (GB/T 9704).

A4, margins 37 / 35 / 28 / 26 mm (top, bottom, left, right); title in a
小标宋-style font, 二号 (22 pt); body 仿宋 三号 (16 pt); first-level headings
黑体, second-level 楷体; tables 五号 (10.5 pt). Fonts are set in the
``w:eastAsia`` slot too: Word and LibreOffice ignore the Latin slot for
Chinese text. Page numbers ``— 1 —`` centred at the foot.

With ``template``, python-docx opens the user's document and appends to it:
its styles, headers and first pages stay as they are.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jihua.errors import UserError
from jihua.report.charts import GRADE_COLOURS, category_chart, tally_chart
from jihua.report.content import NO_PROJECTS_NOTE, ProjectGroup, ReportContent
from jihua.report.fonts import font_for

TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 10.5
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BREAKDOWN_TITLES = {"stage": "按建设阶段", "area": "按领域", "source": "按投资来源"}
_CN_NUMBERS = "一二三四五六七八九十"
#: Column widths adding up to the text width, 210 − 28 − 26 = 156 mm.
EXECUTION_WIDTHS_MM = (12.0, 66.0, 26.0, 26.0, 26.0)
PLAN_WIDTHS_MM = (14.0, 92.0, 50.0)


def write_docx(content: ReportContent, out: Path, template: Path | None = None) -> None:
    out.write_bytes(docx_bytes(content, template))


def docx_bytes(content: ReportContent, template: Path | None = None) -> bytes:
    document = _open(template)
    if template is None:
        _page_setup(document)
        _base_style(document)
        _page_numbers(document)
    _write_body(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _open(template: Path | None) -> Any:
    if template is None:
        return new_document()
    if not template.exists():
        raise UserError(f"找不到模板文件：{template}")
    try:
        return new_document(str(template))
    except Exception as exc:  # python-docx raises several types for a bad file
        raise UserError(f"模板不是有效的 Word 文档（.docx）：{template}") from exc


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])


def _base_style(document: Any) -> None:
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


def _page_numbers(document: Any) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", "body", 14)
    run = _run(paragraph, "", "body", 14)
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
    _run(paragraph, " —", "body", 14)


def _run(paragraph: Any, text: str, role: str, size: float, bold: bool = False) -> Any:
    run = paragraph.add_run(text)
    set_font(run, font_for(role))
    run.font.size = Pt(size)
    run.bold = bold
    return run


def _write_body(document: Any, content: ReportContent) -> None:
    _title(document, content.title)
    sections = [
        ("总体情况", _overview),
        (f"{content.report_year or ''}年计划执行情况", _execution),
        (f"{content.plan_year or ''}年主要指标计划", _plan),
        (f"{content.plan_year or ''}年项目安排", _projects),
    ]
    for number, (heading, write) in enumerate(sections):
        _heading(document, f"{_CN_NUMBERS[number]}、{heading}", "heading1")
        write(document, content)


def _title(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(BODY_PT * 2)
    paragraph.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    _run(paragraph, text, "title", TITLE_PT, bold=True)


def _heading(document: Any, text: str, role: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, role, BODY_PT)


def _body(document: Any, text: str, indent: bool = True) -> Any:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    _run(paragraph, text, "body", BODY_PT)
    return paragraph


def _overview(document: Any, content: ReportContent) -> None:
    if content.summary:
        _body(document, content.summary)
    if content.tally:
        year = content.report_year or ""
        _picture(document, tally_chart(content.tally, f"{year}年计划指标完成情况"))


def _picture(document: Any, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=Mm(150))
    paragraph = document.paragraphs[-1]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0  # an exact spacing would clip the picture


def _table_caption(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, "heading1", 14)


def _execution(document: Any, content: ReportContent) -> None:
    if not content.execution_rows:
        _body(document, "报告中没有计划执行情况表。")
        return
    _table_caption(document, content.execution_title)
    rows = [
        [r.no, r.name, r.target, r.actual, r.grade, r.grade_key] for r in content.execution_rows
    ]
    table = _table(document, content.execution_header, [row[:5] for row in rows])
    for cells, row in zip(table.rows[1:], rows, strict=True):
        colour = GRADE_COLOURS.get(row[4])
        if colour:
            _colour_text(cells.cells[4], colour)
    _column_widths(table, EXECUTION_WIDTHS_MM)
    _note(document, content.execution_note)
    if content.grades_by_category:
        _picture(document, category_chart(content.grades_by_category, "各类别指标完成情况"))


def _plan(document: Any, content: ReportContent) -> None:
    if not content.plan_groups:
        _body(document, "报告中没有下一年度的指标计划表。")
        return
    _table_caption(document, content.plan_title)
    table = _table(document, content.plan_header, [])
    for group in content.plan_groups:
        band = table.add_row().cells
        merged = band[0].merge(band[-1])
        _cell_text(merged, group.category, role="heading2", align=WD_ALIGN_PARAGRAPH.LEFT)
        _shade(merged, "F2F2F2")
        for row in group.rows:
            _add_row(table, [row.no, row.name, row.target])
    _column_widths(table, PLAN_WIDTHS_MM)
    _note(document, content.plan_note)


def _projects(document: Any, content: ReportContent) -> None:
    if not content.projects:
        _body(document, NO_PROJECTS_NOTE)
        return
    for number, group in enumerate(content.projects, start=1):
        _project_box(document, f"专栏{number}：{group.year or ''}年{group.label}计划", group)


def _project_box(document: Any, caption: str, group: ProjectGroup) -> None:
    """One boxed cell, like the report's 专栏: the totals, then each breakdown."""
    box = document.add_table(rows=1, cols=1)
    _borders(box)
    cell = box.rows[0].cells[0]
    _cell_text(cell, caption, role="heading1", size=BODY_PT - 2)
    lines = [project_sentence(group)]
    for kind, parts in group.breakdowns:
        lines.append(f"{BREAKDOWN_TITLES.get(kind, kind)}：")
        for index, part in enumerate(parts, start=1):
            lines.append(
                f"{index}. {project_line(part.label, part.count, part.annual_investment, group.unit)}"
            )
    for line in lines:
        paragraph = cell.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(22)
        _run(paragraph, line, "body", 12)
    document.add_paragraph()


def project_sentence(group: ProjectGroup) -> str:
    """``2024年拟实施政府投资项目384个，总投资833.6亿元，年度计划投资156.5亿元。``"""
    parts = [f"{group.year or ''}年拟实施{group.label}{_count(group.count)}"]
    if group.total_investment is not None:
        parts.append(f"总投资{group.total_investment:g}{group.unit}")
    if group.annual_investment is not None:
        parts.append(f"年度计划投资{group.annual_investment:g}{group.unit}")
    return "，".join(parts) + "。"


def project_line(label: str, count: int | None, annual: float | None, unit: str) -> str:
    text = f"{label}{_count(count)}"
    if annual is not None:
        text += f"，年度计划投资{annual:g}{unit}"
    return text + "；"


def _count(count: int | None) -> str:
    return f"{count}个" if count is not None else ""


def _note(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    _run(paragraph, text, "body", 12)


def _table(document: Any, header: list[str], rows: list[list[str]]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, text, role="heading1")
    _repeat_header(table.rows[0])
    for row in rows:
        _add_row(table, row)
    return table


def _column_widths(table: Any, widths_mm: tuple[float, ...]) -> None:
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(width)


def _add_row(table: Any, values: list[str]) -> None:
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # keep a row on one page
    cells = row.cells
    for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
        align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.CENTER
        _cell_text(cell, text, align=align)


def _cell_text(
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
    _run(paragraph, text, role, size)


def _colour_text(cell: Any, colour: str) -> None:
    for run in cell.paragraphs[0].runs:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _borders(table: Any) -> None:
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
