"""The 经济运行调度通报: a monitoring result (:mod:`jihua.monitor`) as DOCX or XLSX.

The layout of the published 督查通报: the time elapsed and the count of each
colour, then the red and the yellow items with their reasons (red first),
the projects not started or lagging, and the departments that have not
reported; the whole indicator list is an annex. The DOCX shares the page,
fonts and tables of the evaluation report (:mod:`jihua.report.docx`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx import Document as new_document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from jihua.errors import UserError
from jihua.monitor import Monitoring
from jihua.monitor.indicators import IndicatorStatus
from jihua.monitor.projects import ProjectPace
from jihua.monitor.tasks import reporting_note
from jihua.report.official import (
    add_body,
    add_heading,
    add_table,
    add_title,
    base_style,
    column_widths,
    page_numbers,
    page_setup,
    shade,
)

#: status → fill of its cell (the colours of the web page)
STATUS_FILLS = {"green": "D1F2DB", "yellow": "FFF1C2", "red": "FAD4D4"}
_CN = "一二三四五六七八九十"


def render_monitor(fmt: str, result: Monitoring) -> bytes:
    if fmt == "docx":
        return monitor_docx(result)
    if fmt == "xlsx":
        return monitor_xlsx(result)
    raise UserError("调度通报只能生成 docx 或 xlsx 格式")


def title_of(result: Monitoring) -> str:
    return f"{result.region}{result.year}年{result.period.words}经济运行调度通报"


def overview(result: Monitoring) -> str:
    """总体情况 in one paragraph: time elapsed, the count of each colour, the rest."""
    counts = result.by_colour()
    labels = result.rules.labels
    judged = sum(counts.values())
    rest = len(result.indicators) - judged
    parts = "、".join(f"{labels[c]}{n}项" for c, n in counts.items())
    tail = f"，另有{rest}项为上级下达目标或尚无本期数据，不作判断" if rest else ""
    return (
        f"截至{result.period.words}，时间进度{result.time_progress:g}%。"
        f"纳入调度的{len(result.indicators)}项指标中，{parts}{tail}。"
    )


def flagged(result: Monitoring) -> list[IndicatorStatus]:
    """The red then the yellow items, each in the plan's order."""
    return [i for c in ("red", "yellow") for i in result.indicators if i.status == c]


def _projection(item: IndicatorStatus) -> str:
    projection = item.projection
    if projection is None:
        return ""
    return f"{projection.value:g}" + (f"（{projection.grade}）" if projection.grade else "")


def _indicator_row(result: Monitoring, number: int, item: IndicatorStatus) -> list[str]:
    unit = f"（{item.indicator.unit}）" if item.indicator.unit else ""
    colour = result.rules.labels.get(item.status or "", "—")
    return [
        str(number),
        item.indicator.name + unit,
        item.indicator.target.text,
        colour,
        item.reason,
        _projection(item),
    ]


def projects_sentence(result: Monitoring) -> str:
    projects = result.projects
    if not projects.count:
        return "本期无项目数据。"
    if not projects.amounts_known:
        return (
            f"纳入调度的项目{projects.count}个，尚未录入年度计划投资和完成投资（可导入项目清单）。"
        )
    rate = f"，完成率{projects.rate:.1f}%" if projects.rate is not None else ""
    return (
        f"纳入调度的项目{projects.count}个，年度计划投资{projects.planned:g}亿元，"
        f"截至{result.period.words}完成投资{projects.completed:g}亿元{rate}；"
        f"未按期开工{len(projects.unstarted)}个，进度滞后{len(projects.lagging)}个。"
    )


def tasks_sentence(result: Monitoring) -> str:
    tasks = result.tasks
    if not tasks.tasks:
        return reporting_note(tasks)
    statuses = "、".join(f"{k}{v}项" for k, v in tasks.by_status.items())
    line = f"{len(tasks.tasks)}项重点任务中已报送进展{tasks.reported}项（{statuses}）。"
    return line + reporting_note(tasks)


# ── DOCX ────────────────────────────────────────────────────────────────────


def monitor_docx(result: Monitoring) -> bytes:
    document = new_document()
    page_setup(document)
    base_style(document)
    page_numbers(document)
    add_title(document, title_of(result))
    for note in result.notes:
        add_body(document, f"注：{note}")
    sections: list[tuple[str, Callable[[], object]]] = [
        ("总体情况", lambda: add_body(document, overview(result))),
        ("需重点关注的指标", lambda: _flagged(document, result)),
        ("项目推进情况", lambda: _projects(document, result)),
        ("重点任务推进情况", lambda: add_body(document, tasks_sentence(result))),
        ("附表：主要指标调度情况", lambda: _indicator_table(document, result, result.indicators)),
    ]
    for number, (heading, write) in enumerate(sections):
        add_heading(document, f"{_CN[number]}、{heading}", "heading1")
        write()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _flagged(document: Any, result: Monitoring) -> None:
    items = flagged(result)
    if not items:
        add_body(document, "各项指标均达到序时进度或目标要求。")
        return
    _indicator_table(document, result, items)


def _indicator_table(document: Any, result: Monitoring, items: list[IndicatorStatus]) -> None:
    rows = [_indicator_row(result, n, item) for n, item in enumerate(items, start=1)]
    table = add_table(document, ["序号", "指标", "目标", "状态", "原因", "预计全年"], rows)
    column_widths(table, (10, 38, 20, 14, 56, 18))
    for row, item in zip(table.rows[1:], items, strict=True):
        if item.status:
            shade(row.cells[3], STATUS_FILLS[item.status])


def _projects(document: Any, result: Monitoring) -> None:
    add_body(document, projects_sentence(result))
    for caption, paces in (
        ("未按期开工项目", result.projects.unstarted),
        ("进度滞后项目", result.projects.lagging),
    ):
        if paces:
            add_body(document, f"{caption}：", indent=True)
            rows = [_pace_row(n, pace) for n, pace in enumerate(paces, start=1)]
            table = add_table(document, ["序号", "项目", "牵头单位", "情况"], rows)
            column_widths(table, (10, 56, 30, 60))
    for note in result.projects.totals:
        add_body(document, note)


def _pace_row(number: int, pace: ProjectPace) -> list[str]:
    return [str(number), pace.project.name, pace.project.lead_unit or "", pace.reason]


# ── XLSX ────────────────────────────────────────────────────────────────────

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def monitor_xlsx(result: Monitoring) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    sheet.append([title_of(result)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([overview(result)])
    for note in result.notes:
        sheet.append([f"注：{note}"])
    header = ["序号", "指标", "目标", "状态", "原因", "预计全年"]
    _table_rows(
        sheet,
        header,
        [_indicator_row(result, n, i) for n, i in enumerate(result.indicators, start=1)],
        [6, 30, 16, 8, 60, 16],
    )
    first = sheet.max_row - len(result.indicators) + 1
    for offset, item in enumerate(result.indicators):
        if item.status:
            sheet.cell(first + offset, 4).fill = PatternFill(
                "solid", fgColor=STATUS_FILLS[item.status]
            )
    projects = book.create_sheet("项目")
    projects.append([projects_sentence(result)])
    rows = [["未按期开工", *_pace_row(n, p)] for n, p in enumerate(result.projects.unstarted, 1)]
    rows += [["进度滞后", *_pace_row(n, p)] for n, p in enumerate(result.projects.lagging, 1)]
    _table_rows(projects, ["类别", "序号", "项目", "牵头单位", "情况"], rows, [12, 6, 40, 20, 60])
    tasks = book.create_sheet("任务")
    tasks.append([tasks_sentence(result)])
    task_rows = [
        [
            t.number or "",
            t.title,
            t.department or "",
            t.status or result.rules.not_reported,
            t.note or "",
        ]
        for t in result.tasks.tasks
    ]
    _table_rows(
        tasks, ["序号", "任务", "牵头单位", "进展状态", "进展情况"], task_rows, [6, 40, 20, 10, 40]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table_rows(sheet: Any, header: list[str], rows: list[list[str]], widths: list[int]) -> None:
    sheet.append(header)
    for cell, width in zip(sheet[sheet.max_row], widths, strict=True):
        cell.font = _BOLD
        sheet.column_dimensions[cell.column_letter].width = width
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
