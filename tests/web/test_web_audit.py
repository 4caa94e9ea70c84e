"""The audit findings of a stored plan, with the sentences they come from."""

from __future__ import annotations

from typing import Any

REGION = "涪陵区"


def test_audit_page_shows_the_reports_project_arithmetic_with_quotes(app_for: Any) -> None:
    page = app_for("reviewer").client.get(f"/plans/{REGION}/2024/audit")
    assert page.status_code == 200
    assert "60.1+69.9+26.4合计156.4亿元，与总数156.5亿元相差0.1亿元" in page.text
    assert "11项合计156.6亿元" in page.text
    assert "新开工项目228个，年度计划投资60.1亿元" in page.text  # the quote


def test_dashboard_links_to_the_audit_findings(app_for: Any) -> None:
    page = app_for("department").client.get(f"/plans/{REGION}/2023")
    assert f'href="/plans/{REGION}/2023/audit"' in page.text.replace(
        "%E6%B6%AA%E9%99%B5%E5%8C%BA", REGION
    )


def test_audit_of_a_year_with_an_execution_table_reads_without_errors(app_for: Any) -> None:
    page = app_for("reviewer").client.get(f"/plans/{REGION}/2023/audit")
    assert page.status_code == 200 and "错误 0 项" in page.text
