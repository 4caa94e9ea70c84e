"""The evaluation report as a Word document in the official layout (:mod:`jihua.report.official`).

With ``template``, python-docx opens the user's document and appends to it:
its styles, headers and first pages stay as they are.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from jihua.errors import UserError
from jihua.report.charts import GRADE_COLOURS, category_chart, tally_chart
from jihua.report.content import NO_PROJECTS_NOTE, ProjectGroup, ReportContent
from jihua.report.official import (
    BODY_PT,
    add_body,
    add_heading,
    add_row,
    add_table,
    add_title,
    base_style,
    borders,
    cell_text,
    colour_text,
    column_widths,
    page_numbers,
    page_setup,
    shade,
    styled_run,
)

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
        page_setup(document)
        base_style(document)
        page_numbers(document)
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


def _write_body(document: Any, content: ReportContent) -> None:
    add_title(document, content.title)
    sections = [
        ("总体情况", _overview),
        (f"{content.report_year or ''}年计划执行情况", _execution),
        (f"{content.plan_year or ''}年主要指标计划", _plan),
        (f"{content.plan_year or ''}年项目安排", _projects),
    ]
    for number, (heading, write) in enumerate(sections):
        add_heading(document, f"{_CN_NUMBERS[number]}、{heading}", "heading1")
        write(document, content)


def _overview(document: Any, content: ReportContent) -> None:
    if content.summary:
        add_body(document, content.summary)
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
    styled_run(paragraph, text, "heading1", 14)


def _execution(document: Any, content: ReportContent) -> None:
    if not content.execution_rows:
        add_body(document, "报告中没有计划执行情况表。")
        return
    _table_caption(document, content.execution_title)
    rows = [
        [r.no, r.name, r.target, r.actual, r.grade, r.grade_key] for r in content.execution_rows
    ]
    table = add_table(document, content.execution_header, [row[:5] for row in rows])
    for cells, row in zip(table.rows[1:], rows, strict=True):
        colour = GRADE_COLOURS.get(row[4])
        if colour:
            colour_text(cells.cells[4], colour)
    column_widths(table, EXECUTION_WIDTHS_MM)
    _note(document, content.execution_note)
    if content.grades_by_category:
        _picture(document, category_chart(content.grades_by_category, "各类别指标完成情况"))


def _plan(document: Any, content: ReportContent) -> None:
    if not content.plan_groups:
        add_body(document, "报告中没有下一年度的指标计划表。")
        return
    _table_caption(document, content.plan_title)
    table = add_table(document, content.plan_header, [])
    for group in content.plan_groups:
        band = table.add_row().cells
        merged = band[0].merge(band[-1])
        cell_text(merged, group.category, role="heading2", align=WD_ALIGN_PARAGRAPH.LEFT)
        shade(merged, "F2F2F2")
        for row in group.rows:
            add_row(table, [row.no, row.name, row.target])
    column_widths(table, PLAN_WIDTHS_MM)
    _note(document, content.plan_note)


def _projects(document: Any, content: ReportContent) -> None:
    if not content.projects:
        add_body(document, NO_PROJECTS_NOTE)
        return
    for number, group in enumerate(content.projects, start=1):
        _project_box(document, f"专栏{number}：{group.year or ''}年{group.label}计划", group)


def _project_box(document: Any, caption: str, group: ProjectGroup) -> None:
    """One boxed cell, like the report's 专栏: the totals, then each breakdown."""
    box = document.add_table(rows=1, cols=1)
    borders(box)
    cell = box.rows[0].cells[0]
    cell_text(cell, caption, role="heading1", size=BODY_PT - 2)
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
        styled_run(paragraph, line, "body", 12)
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
    styled_run(paragraph, text, "body", 12)
