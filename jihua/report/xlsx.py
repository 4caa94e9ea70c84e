"""The evaluation as a workbook: the same tables as real cells, for Excel and WPS.

Sheets: 执行情况 (graded execution table), 计划 (next year's plan table, with
its category), 项目 (project groups and their breakdowns, when extracted),
审核发现 (audit findings) and 汇总 (the tally). A value that is a plain number
(``6.5``) is written as a number; ``10左右`` or ``≥30`` stay text.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from jihua.report.charts import GRADE_COLOURS
from jihua.report.content import ReportContent, as_number

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="center")
_BREAKDOWNS = {"stage": "建设阶段", "area": "领域", "source": "投资来源"}


def write_xlsx(content: ReportContent, out: Path) -> None:
    out.write_bytes(xlsx_bytes(content))


def xlsx_bytes(content: ReportContent) -> bytes:
    workbook = Workbook()
    _execution_sheet(workbook.active, content)
    _plan_sheet(workbook.create_sheet("计划"), content)
    if content.projects:
        _project_sheet(workbook.create_sheet("项目"), content)
    _findings_sheet(workbook.create_sheet("审核发现"), content)
    _tally_sheet(workbook.create_sheet("汇总"), content)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _execution_sheet(sheet: Any, content: ReportContent) -> None:
    sheet.title = "执行情况"
    _header(sheet, [*content.execution_header, "评价依据"], [8, 44, 16, 18, 16, 40])
    for row in content.execution_rows:
        sheet.append(
            [
                _number_or_text(row.no),
                row.name,
                as_number(row.target),
                as_number(row.actual),
                row.grade,
                row.reason if row.grade else "",
            ]
        )
        _grade_fill(sheet.cell(sheet.max_row, 5), row.grade)
    sheet.append([content.execution_note])


def _plan_sheet(sheet: Any, content: ReportContent) -> None:
    _header(sheet, ["类别", *content.plan_header], [12, 8, 44, 22])
    for group in content.plan_groups:
        for row in group.rows:
            sheet.append([group.category, _number_or_text(row.no), row.name, as_number(row.target)])
    sheet.append([content.plan_note])


def _project_sheet(sheet: Any, content: ReportContent) -> None:
    _header(
        sheet,
        ["项目类别", "分类方式", "分项", "个数", "总投资", "年度计划投资", "单位"],
        [16, 10, 36, 8, 10, 14, 8],
    )
    for group in content.projects:
        sheet.append(
            [
                group.label,
                "合计",
                "",
                group.count,
                group.total_investment,
                group.annual_investment,
                group.unit,
            ]
        )
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for kind, parts in group.breakdowns:
            for part in parts:
                sheet.append(
                    [
                        group.label,
                        _BREAKDOWNS.get(kind, kind),
                        part.label,
                        part.count,
                        None,
                        part.annual_investment,
                        group.unit,
                    ]
                )


def _findings_sheet(sheet: Any, content: ReportContent) -> None:
    _header(sheet, ["检查", "严重程度", "说明", "原文"], [12, 10, 70, 70])
    for finding in content.findings:
        quotes = "\n".join(str(q.get("quote") or "") for q in finding.quotes)
        sheet.append([finding.check, finding.severity, finding.message, quotes])
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
    if not content.findings:
        sheet.append(["", "", "未发现问题"])


def _tally_sheet(sheet: Any, content: ReportContent) -> None:
    _header(sheet, ["评价", "指标数（项）"], [16, 14])
    for label, count in content.tally.items():
        sheet.append([label, count])
        _grade_fill(sheet.cell(sheet.max_row, 1), label)
    sheet.append(["合计", sum(content.tally.values())])
    sheet.append([])
    sheet.append([content.summary])


def _header(sheet: Any, titles: list[str], widths: list[int]) -> None:
    sheet.append(titles)
    for cell, width in zip(sheet[1], widths, strict=True):
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = _WRAP
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _grade_fill(cell: Any, grade: str) -> None:
    colour = GRADE_COLOURS.get(grade)
    if colour:
        cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
        cell.font = Font(color="FFFFFF", bold=True)


def _number_or_text(text: str) -> int | str:
    return int(text) if text.isdigit() else text
