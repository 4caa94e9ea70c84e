from __future__ import annotations

import re

from jihua.evaluate import Evaluation
from jihua.report import ReportContent
from jihua.report.content import ExecutionRow
from jihua.report.html import html_text


def test_page_has_the_tables_and_summary(
    seed_content: ReportContent, seed_evaluation: Evaluation
) -> None:
    page = html_text(seed_content)
    assert seed_evaluation.summary in page
    cells = re.findall(
        r"<tr(?: class=\"sub\")?><td>([^<]*)</td><td class=\"name\">([^<]*)</td>", page
    )
    names = [name for _, name in cells]
    for row in seed_content.execution_rows:
        assert row.name in names


def test_page_uses_no_external_assets(seed_content: ReportContent) -> None:
    page = html_text(seed_content)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert page.count('src="data:image/png;base64,') == 2


def test_text_from_the_report_is_escaped(seed_content: ReportContent) -> None:
    row = ExecutionRow("1", "<script>alert(1)</script>", "1", "2", "完成", "completed", False)
    content = ReportContent(**{**seed_content.__dict__, "execution_rows": [row]})
    page = html_text(content)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
