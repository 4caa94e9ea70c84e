from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from jihua.errors import UserError
from jihua.evaluate import Evaluation
from jihua.report import ReportContent
from jihua.report.docx import docx_bytes
from jihua.report.fonts import font_for


@pytest.fixture(scope="module")
def document(seed_content: ReportContent) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(seed_content)))


def _texts(table: docx.table.Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_execution_table_matches_the_evaluation_cell_by_cell(
    document: docx.document.Document, seed_evaluation: Evaluation
) -> None:
    rows = _texts(document.tables[0])
    assert rows[0] == ["序号", "指标名称", "2023年预期目标", "2023完成情况（预计）", "评价"]
    expected = []
    for item in seed_evaluation.graded:
        for graded, sub in [(item, False), *((s, True) for s in item.subrows)]:
            ind = graded.indicator
            name = (
                ind.label + (f"（{ind.unit}）" if ind.unit else "") + ("*" if ind.binding else "")
            )
            grade = "" if sub and graded.grade.key == "ungradable" else graded.grade.label
            actual = ind.actual.text if ind.actual else ""
            expected.append([ind.no or "", name, ind.target.text, actual, grade])
    assert rows[1:] == expected


def test_binding_indicators_are_starred_and_the_note_follows(
    document: docx.document.Document,
) -> None:
    names = [row[1] for row in _texts(document.tables[0])]
    assert "空气质量优良天数（天）*" in names
    assert any(p.text.startswith("注：“*”代表约束性指标") for p in document.paragraphs)


def test_plan_table_is_grouped_by_category(
    document: docx.document.Document, seed_content: ReportContent
) -> None:
    rows = _texts(document.tables[1])
    bands = [row[0] for row in rows if len(set(row)) == 1]
    assert bands == [
        "综合质效",
        "创新发展",
        "协调发展",
        "开放发展",
        "绿色发展",
        "共享发展",
        "安全发展",
    ]
    plain = [row for row in rows[1:] if len(set(row)) > 1]
    expected = [[r.no, r.name, r.target] for g in seed_content.plan_groups for r in g.rows]
    assert plain == expected


def test_summary_paragraph_is_the_evaluations_sentence(
    document: docx.document.Document, seed_evaluation: Evaluation
) -> None:
    assert seed_evaluation.summary in [p.text for p in document.paragraphs]


def test_project_box_comes_from_the_extraction(document: docx.document.Document) -> None:
    box = document.tables[2].cell(0, 0).text
    assert "2024年拟实施政府投资项目384个，总投资833.6亿元，年度计划投资156.5亿元。" in box
    assert "1. 新开工项目228个，年度计划投资60.1亿元；" in box


def test_without_projects_the_section_says_so(
    seed_report: object, seed_evaluation: Evaluation
) -> None:
    from jihua.report import build_content

    content = build_content(seed_report, seed_evaluation)  # type: ignore[arg-type]
    text = [p.text for p in docx.Document(io.BytesIO(docx_bytes(content))).paragraphs]
    assert any("未从报告中抽取到项目安排" in t for t in text)


def test_page_is_a4_with_official_margins(document: docx.document.Document) -> None:
    section = document.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28, 26]


def test_body_font_is_set_in_the_east_asian_slot(document: docx.document.Document) -> None:
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == font_for("body")
    assert normal.font.size == Pt(16)
    title = document.paragraphs[0].runs[0]
    assert title.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font_for("title")


def test_charts_are_embedded(document: docx.document.Document) -> None:
    assert len(document.inline_shapes) == 2


def test_a_base_document_is_kept_and_appended_to(
    tmp_path: Path, seed_content: ReportContent
) -> None:
    base = docx.Document()
    base.add_paragraph("涪陵区发展和改革委员会文件")
    path = tmp_path / "base.docx"
    base.save(str(path))
    result = docx.Document(io.BytesIO(docx_bytes(seed_content, path)))
    assert result.paragraphs[0].text == "涪陵区发展和改革委员会文件"
    assert result.paragraphs[1].text == seed_content.title


def test_a_base_document_that_is_not_docx_is_a_user_error(
    tmp_path: Path, seed_content: ReportContent
) -> None:
    path = tmp_path / "base.docx"
    path.write_text("不是文档", encoding="utf-8")
    with pytest.raises(UserError, match="模板不是有效的 Word 文档"):
        docx_bytes(seed_content, path)
