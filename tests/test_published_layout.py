"""The seed as a published Word file and its PDF: merged category cells, 序号 on an
indicator's first line only, names broken over two lines, 专栏 boxes, tables over pages.

The DOCX is built here (:mod:`tests.published_layout`) and converted once by
LibreOffice (``scripts/system-deps`` installs it; without it these tests fail).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from jihua.cli import cli
from jihua.document import Document, read_document
from jihua.evaluate import Evaluation
from jihua.extract import extract
from jihua.plan import PlanReport, read_plan
from jihua.tables import IndicatorTable
from tests.published_layout import BROKEN_NAMES, published_docx
from tests.report_files import pdf_from_docx

TALLY = {"超额完成": 11, "完成": 8, "较好完成": 4, "完成困难较大": 8}


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, seed_report: PlanReport) -> dict[str, Path]:
    """The published DOCX and its PDF (one LibreOffice conversion for the session)."""
    folder = tmp_path_factory.mktemp("published")
    docx_path = published_docx(seed_report, folder / "报告.docx")
    return {"docx": docx_path, "pdf": pdf_from_docx(docx_path)}


@pytest.fixture(scope="session", params=["docx", "pdf"])
def published_report(request: pytest.FixtureRequest, published: dict[str, Path]) -> PlanReport:
    return read_plan(read_document(published[request.param]))


def _rows(table: IndicatorTable | None) -> list[tuple[object, ...]]:
    assert table is not None
    return [
        (
            row.category,
            row.no,
            row.name,
            row.unit,
            row.binding,
            row.target.text,
            row.actual.text if row.actual else None,
            [(sub.prefix, sub.name, sub.target.text) for sub in row.subrows],
        )
        for row in table.indicators
    ]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_analyze_gives_every_row_and_the_reports_tally(
    published: dict[str, Path], fmt: str
) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(published[fmt]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["execution"]) == 31 and len(data["plan"]) == 31
    assert data["tally"] == TALLY


def test_published_rows_are_the_texts_rows(
    published_report: PlanReport, seed_report: PlanReport
) -> None:
    assert _rows(published_report.plan) == _rows(seed_report.plan)
    published_execution = _rows(published_report.execution)
    text_execution = _rows(seed_report.execution)
    # the category of an execution row comes from the plan table, in the text as in the files
    assert published_execution == text_execution


def test_grades_are_the_texts_grades(
    published_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    from jihua.evaluate import evaluate

    graded = evaluate(published_report).graded
    assert [(g.indicator.no, g.grade.label) for g in graded] == [
        (g.indicator.no, g.grade.label) for g in seed_evaluation.graded
    ]


def test_unnumbered_second_line_is_the_rest_of_the_name(published_report: PlanReport) -> None:
    names = {row.raw_name for table in published_report.tables for row in table.all_rows()}
    for broken in BROKEN_NAMES:
        assert broken in names


def test_numbered_rows_keep_their_numbers(published_report: PlanReport) -> None:
    for table in published_report.tables:
        assert [row.no for row in table.indicators] == [str(n) for n in range(1, 32)]


def test_merged_category_is_carried_over_page_breaks(
    published: dict[str, Path], published_report: PlanReport
) -> None:
    import pdfplumber

    with pdfplumber.open(published["pdf"]) as pdf:
        pages = [page.page_number for page in pdf.pages if page.find_tables()]
    assert len(pages) > 3  # the tables, boxes included, run over several pages
    plan = published_report.plan
    assert plan is not None
    assert {row.category for row in plan.indicators} == {
        "综合质效",
        "创新发展",
        "协调发展",
        "开放发展",
        "绿色发展",
        "共享发展",
        "安全发展",
    }


def test_boxes_are_no_indicator_tables(published: dict[str, Path]) -> None:
    document = read_document(published["docx"])
    boxes = [table for table in document.tables if len(table.rows[0]) == 1]
    assert [box.rows[0][0].text.split("\n")[0][:3] for box in boxes] == ["专栏1", "专栏2", "专栏3"]
    assert [table.kind for table in read_plan(document).tables] == ["execution", "plan"]


def test_figures_in_boxes_and_prose_are_the_texts(
    published: dict[str, Path], seed_document: Document
) -> None:
    def figures(document: Document) -> list[tuple[object, ...]]:
        facts = extract(document)["facts"]
        return sorted((f["indicator"], f["kind"], f["status"], f["value"]) for f in facts)

    expected = figures(seed_document)
    for path in published.values():
        assert figures(read_document(path)) == expected


def test_the_published_pdf_gives_all_eight_areas_and_twenty_eight_tasks(
    published: dict[str, Path],
) -> None:
    """The PDF prints the 专栏 boxes in the text flow, their 一、二、 headings included."""
    result = extract(read_document(published["pdf"]))
    assert len(result["task_areas"]) == 8
    assert [task["number"] for task in result["tasks"]] == list(range(1, 29))


def test_the_pdfs_boxes_are_read_as_the_word_file_reads_them(published: dict[str, Path]) -> None:
    """A 专栏 is a frame of one cell: in the PDF it is a table of its paragraphs, as in the
    DOCX, over a page break too, so its figures are no task's commitments."""
    word, pdf = (extract(read_document(published[kind])) for kind in ("docx", "pdf"))

    def groups(result: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (
                g["label"],
                g["count"],
                g["total_investment"],
                g["annual_investment"],
                len(g["breakdowns"]),
            )
            for g in result["projects"]
        ]

    assert groups(pdf) == groups(word)
    assert [len(t["commitments"]) for t in pdf["tasks"]] == [
        len(t["commitments"]) for t in word["tasks"]
    ]
    boxes = [
        t for t in read_document(published["pdf"]).tables if t.rows[0][0].text.startswith("专栏")
    ]
    assert len(boxes) == 3
    assert (
        boxes[0].rows[1][0].text.endswith("年度计划投资156.5亿元，其中：")
    )  # joined over the page


def test_a_frame_without_a_caption_gives_its_lines_to_the_page(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("某某县2024年国民经济和社会发展计划草案")
    frame = word.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    frame.rows[0].cells[0].text = "全县地区生产总值增长6%左右。\n城镇新增就业1.2万人。"
    word.add_paragraph("以上为预期目标。")
    path = tmp_path / "框.docx"
    word.save(str(path))
    document = read_document(pdf_from_docx(path))
    assert document.tables == []
    assert "全县地区生产总值增长6%左右。" in document.text
