"""下载: the stored plan's DOCX and XLSX are ``jihua report`` of the file it came from."""

from __future__ import annotations

import html
import io
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from jihua.cli import cli

PLAN = "/plans/涪陵区/2023"


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """``jihua report`` of the bundled example, the file the test store was filled from."""
    folder = tmp_path_factory.mktemp("seed-report")
    written = {}
    for fmt in ("docx", "xlsx"):
        out = folder / f"seed.{fmt}"
        result = CliRunner().invoke(cli, ["report", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        written[fmt] = out.read_bytes()
    return written


def sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def docx_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


def test_stored_xlsx_is_the_seeds_report(app_for: Any, seed_reports: dict[str, bytes]) -> None:
    response = app_for("department").client.get(f"{PLAN}/report.xlsx")
    assert response.status_code == 200
    stored, seeded = sheets(response.content), sheets(seed_reports["xlsx"])
    assert stored == seeded
    assert len([r for r in stored["计划"] if isinstance(r[1], int)]) > 20  # next year's plan
    assert stored["项目"] and stored["审核发现"][1][0] != "未发现问题"


def test_stored_docx_is_the_seeds_report(app_for: Any, seed_reports: dict[str, bytes]) -> None:
    response = app_for("reviewer").client.get(f"{PLAN}/report.docx")
    assert response.status_code == 200
    paragraphs, cells = docx_text(response.content)
    assert (paragraphs, cells) == docx_text(seed_reports["docx"])
    text = "\n".join(paragraphs)
    assert "报告中没有下一年度的指标计划表" not in text
    assert "未从报告中抽取到项目安排" not in text


def test_audit_page_and_xlsx_report_the_same_findings(app_for: Any) -> None:
    browser = app_for("planner")
    page = html.unescape(browser.client.get(f"{PLAN}/audit").text)
    findings = sheets(browser.client.get(f"{PLAN}/report.xlsx").content)["审核发现"][1:]
    assert len(findings) == page.count('<li class="finding')
    assert findings and all(f"{check}</b>：{message}" in page for check, _, message, _ in findings)
    assert "未保存原文" not in page


def test_a_later_actual_moves_the_download(app_for: Any) -> None:
    browser = app_for("planner")
    page = browser.client.get(f"{PLAN}/report.xlsx")
    before = sheets(page.content)["执行情况"]
    row = next(r for r in before if r[1] == "农业增加值增速（%）")
    plan = browser.client.get("/api/plans/涪陵区/2023").json()
    rows = [r for top in plan["indicators"] for r in (top, *top["subrows"])]
    item = next(r for r in rows if r["name"] == "农业增加值增速")
    response = browser.put(
        f"/api/indicators/{item['id']}/actual",
        {"text": "5.2", "vintage": "快报", "read_version": item["actual_version"]},
    )
    assert response.status_code == 200, response.text
    after = sheets(browser.client.get(f"{PLAN}/report.xlsx").content)["执行情况"]
    moved = next(r for r in after if r[1] == "农业增加值增速（%）")
    assert (row[3], moved[3:5]) != (5.2, (5.2, "超额完成"))
    assert moved[3:5] == (5.2, "超额完成")


def test_a_plan_not_yet_executed_cannot_be_downloaded(app_for: Any) -> None:
    response = app_for("planner").client.get("/plans/涪陵区/2024/report.docx")
    assert response.status_code == 400
    assert "2024 年的计划没有完成情况" in response.text


def test_downloads_page_describes_each_file(app_for: Any) -> None:
    text = app_for("department").client.get(f"{PLAN}/downloads").text
    assert 'href="/plans/%E6%B6%AA%E9%99%B5%E5%8C%BA/2023/report.docx"' in text
    assert "Excel 工作簿" in text and "Word 评价报告" in text
