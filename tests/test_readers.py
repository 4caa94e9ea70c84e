"""Readers: encodings, DOCX with real Word tables, and clear errors for what is not a report."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from jihua.document import read_bytes, read_document
from jihua.errors import UserError
from jihua.evaluate import Evaluation, evaluate
from jihua.plan import PlanReport, read_plan


def _grades(report: PlanReport) -> list[tuple[str | None, str, str]]:
    return [(g.indicator.no, g.indicator.name, g.grade.label) for g in evaluate(report).graded]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_other_encodings_give_the_same_grades(
    tmp_path: Path, seed_path: Path, seed_evaluation: Evaluation, encoding: str
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    copy = tmp_path / f"report-{encoding}.txt"
    copy.write_bytes(text.encode(encoding))
    document = read_document(copy)
    assert document.text == text
    expected = [(g.indicator.no, g.indicator.name, g.grade.label) for g in seed_evaluation.graded]
    assert _grades(read_plan(document)) == expected


def test_gbk_is_detected_and_named(tmp_path: Path, seed_path: Path) -> None:
    copy = tmp_path / "gbk.txt"
    copy.write_bytes(seed_path.read_text(encoding="utf-8").encode("gbk"))
    assert read_document(copy).encoding == "gb18030"


def test_binary_file_is_refused_clearly(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(UserError, match="不是文本文件"):
        read_document(binary)


def test_empty_file_is_refused_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="文件为空"):
        read_document(empty)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到文件"):
        read_document(tmp_path / "nope.txt")


def test_truncated_docx_is_refused_clearly() -> None:
    with pytest.raises(UserError, match="Word"):
        read_bytes(b"PK\x03\x04" + b"\x00" * 100, "broken.docx")


def _docx_from(report: PlanReport, path: Path) -> Path:
    """A Word version of the report: its paragraphs, and its two tables as Word tables."""
    word = docx.Document()
    text = report.document.text
    tables = sorted(report.tables, key=lambda t: t.start)
    position = 0
    for table in tables:
        before = text[position : text.rfind("\n", 0, table.start)]
        for line in before.splitlines():
            word.add_paragraph(line)
        header = table.columns
        grid = word.add_table(rows=1, cols=len(header))
        for cell, title in zip(grid.rows[0].cells, header, strict=True):
            cell.text = title
        for row in table.all_rows():
            cells = grid.add_row().cells
            values = {
                "no": row.no or "",
                "category": row.category if row in table.indicators else "",
                "name": row.raw_name,
                "target": row.target.text,
                "actual": row.actual.text if row.actual else "",
            }
            for cell, role in zip(cells, table.roles, strict=True):
                cell.text = values.get(role) or ""
        word.add_paragraph(table.note)
        position = table.end
        position = text.find("\n", text.find("注", position)) + 1
    for line in text[position:].splitlines():
        word.add_paragraph(line)
    word.save(str(path))
    return path


def test_docx_with_word_tables_gives_the_same_grades(
    tmp_path: Path, seed_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    path = _docx_from(seed_report, tmp_path / "report.docx")
    report = read_plan(read_document(path))
    assert report.document.format == "docx"
    assert (report.region, report.report_year, report.plan_year) == ("涪陵区", 2023, 2024)
    expected = [(g.indicator.no, g.indicator.name, g.grade.label) for g in seed_evaluation.graded]
    assert _grades(report) == expected
    assert evaluate(report).summary == seed_evaluation.summary
    plan = report.plan
    assert plan is not None
    assert [(i.category, i.name) for i in plan.indicators] == [
        (i.category, i.name)
        for i in seed_report.plan.indicators  # type: ignore[union-attr]
    ]


def test_docx_cells_point_into_the_document_text(tmp_path: Path, seed_report: PlanReport) -> None:
    document = read_document(_docx_from(seed_report, tmp_path / "report.docx"))
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text
