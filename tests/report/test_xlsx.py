from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.workbook import Workbook

from jihua.audit import Finding
from jihua.evaluate import Evaluation
from jihua.report import ReportContent
from jihua.report.xlsx import xlsx_bytes


@pytest.fixture(scope="module")
def workbook(seed_content: ReportContent) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(seed_content)))


def _as_cell(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def test_execution_sheet_matches_the_evaluation_cell_by_cell(
    workbook: Workbook, seed_evaluation: Evaluation
) -> None:
    sheet = workbook["执行情况"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    top = [r for r in rows if isinstance(r[0], int)]
    assert len(top) == len(seed_evaluation.graded) == 31
    for row, item in zip(top, seed_evaluation.graded, strict=True):
        ind = item.indicator
        assert row[0] == int(ind.no or 0)
        assert row[2] == _as_cell(ind.target.text)
        assert row[3] == _as_cell(ind.actual.text if ind.actual else "")
        assert row[4] == item.grade.label


def test_plain_numbers_are_numbers_and_qualified_values_text(workbook: Workbook) -> None:
    sheet = workbook["执行情况"]
    first = [cell.value for cell in sheet[2]]
    assert first[:5] == [1, "地区生产总值增速（%）", 6.5, "7.5以上", "超额完成"]


def test_header_is_frozen_and_grades_coloured(workbook: Workbook) -> None:
    sheet = workbook["执行情况"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= 40
    assert sheet.cell(2, 5).fill.fgColor.rgb.endswith("1A7F37")


def test_plan_sheet_carries_the_category_on_every_row(
    workbook: Workbook, seed_content: ReportContent
) -> None:
    rows = list(workbook["计划"].iter_rows(min_row=2, values_only=True))[:-1]
    expected = [(g.category, r.name) for g in seed_content.plan_groups for r in g.rows]
    assert [(r[0], r[2]) for r in rows] == expected


def test_findings_sheet_lists_the_audit(workbook: Workbook, seed_findings: list[Finding]) -> None:
    rows = list(workbook["审核发现"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (f.check, f.severity, f.message) for f in seed_findings
    ]
    assert seed_findings


def test_tally_sheet_adds_up(workbook: Workbook, seed_evaluation: Evaluation) -> None:
    rows = list(workbook["汇总"].iter_rows(min_row=2, max_row=6, values_only=True))
    assert dict(rows[:-1]) == seed_evaluation.tally
    assert rows[-1] == ("合计", 31)


def test_projects_sheet_has_numbers(workbook: Workbook) -> None:
    rows = list(workbook["项目"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("政府投资项目", "合计", None, 384, 833.6, 156.5, "亿元")
