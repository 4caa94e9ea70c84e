"""Reports: the evaluation as DOCX, XLSX, HTML or PDF.

:func:`render` is the one entry point; :mod:`jihua.report.content` computes
what every format shows, and one module per format lays it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jihua.audit import Finding
from jihua.errors import UserError
from jihua.evaluate import Evaluation
from jihua.plan import PlanReport
from jihua.report.content import ReportContent, build_content

FORMATS = ("docx", "xlsx", "pdf", "html")

__all__ = ["FORMATS", "ReportContent", "build_content", "render"]


def render(
    format: str,
    report: PlanReport,
    evaluation: Evaluation,
    extraction: dict[str, Any] | None = None,
    findings: list[Finding] | None = None,
    template: Path | None = None,
) -> bytes:
    """The report in ``format`` as bytes."""
    content = build_content(report, evaluation, extraction, findings)
    if format == "docx":
        from jihua.report.docx import docx_bytes

        return docx_bytes(content, template)
    if format == "pdf":
        from jihua.report.docx import docx_bytes
        from jihua.report.pdf import docx_to_pdf

        return docx_to_pdf(docx_bytes(content, template))
    if format == "xlsx":
        from jihua.report.xlsx import xlsx_bytes

        return xlsx_bytes(content)
    if format == "html":
        from jihua.report.html import html_text

        return html_text(content).encode("utf-8")
    raise UserError(f"不支持的报告格式：{format}（可用：{'、'.join(FORMATS)}）")
