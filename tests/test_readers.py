"""Readers: encodings, DOCX with real Word tables, and clear errors for what is not a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from jihua.document import read_bytes, read_document
from jihua.errors import UserError
from jihua.evaluate import Evaluation, evaluate
from jihua.plan import PlanReport, read_plan
from tests.report_files import docx_from, html_article_from, html_page, pdf_from_docx


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


def test_docx_with_word_tables_gives_the_same_grades(
    tmp_path: Path, seed_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    path = docx_from(seed_report, tmp_path / "report.docx")
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
    document = read_document(docx_from(seed_report, tmp_path / "report.docx"))
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory, seed_report: PlanReport) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    return pdf_from_docx(docx_from(seed_report, folder / "report.docx", page_numbers=True))


def test_pdf_gives_the_same_tables_and_grades(seed_pdf: Path, seed_evaluation: Evaluation) -> None:
    report = read_plan(read_document(seed_pdf))
    assert report.document.format == "pdf"
    assert (report.region, report.report_year, report.plan_year) == ("涪陵区", 2023, 2024)
    expected = [(g.indicator.no, g.indicator.name, g.grade.label) for g in seed_evaluation.graded]
    assert _grades(report) == expected
    assert evaluate(report).summary == seed_evaluation.summary
    assert [table.kind for table in report.tables] == ["execution", "plan"]


def test_pdf_table_over_two_pages_is_one_table(seed_pdf: Path, seed_report: PlanReport) -> None:
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        pages_with_tables = [page.page_number for page in pdf.pages if page.find_tables()]
    assert len(pages_with_tables) > len(seed_report.tables)  # the tables do cross pages
    execution = read_plan(read_document(seed_pdf)).execution
    assert execution is not None
    assert [row.no for row in execution.indicators] == [str(n) for n in range(1, 32)]


def test_pdf_cells_point_into_the_text_and_wrapped_cells_are_one(seed_pdf: Path) -> None:
    document = read_document(seed_pdf)
    cells = [cell for table in document.tables for row in table.rows for cell in row]
    assert all(document.text[cell.start : cell.end] == cell.text for cell in cells)
    texts = {cell.text for cell in cells}
    assert "民间投资（不含房地产）增速（%）" in "".join(texts)
    assert "2023完成情况（预计）" in texts


def test_pdf_lines_broken_by_the_layout_are_joined(seed_pdf: Path, seed_path: Path) -> None:
    text = read_document(seed_pdf).text
    paragraph = next(
        line
        for line in seed_path.read_text(encoding="utf-8").splitlines()
        if line.startswith("——经济展现韧性增长")
    )
    assert paragraph in text.splitlines()


def test_pdf_page_numbers_are_dropped(seed_pdf: Path) -> None:
    lines = read_document(seed_pdf).text.splitlines()
    assert not [line for line in lines if line.strip().startswith("—") and line.strip()[-1] == "—"]
    assert "— 3 —" not in "\n".join(lines)


def test_scanned_pdf_without_text_layer_is_named(tmp_path: Path) -> None:
    import numpy
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.27, 11.69))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.imshow(numpy.random.default_rng(3).random((200, 140)), cmap="gray")
    axes.set_axis_off()
    scan = tmp_path / "scan.pdf"
    figure.savefig(scan)
    with pytest.raises(UserError, match="扫描件，没有文字层"):
        read_document(scan)


def test_truncated_pdf_is_refused_clearly(seed_pdf: Path, tmp_path: Path) -> None:
    data = seed_pdf.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match=r"PDF.*损坏或被截断"):
        read_document(truncated)


def test_broken_pdf_is_refused_clearly() -> None:
    with pytest.raises(UserError, match=r"PDF.*损坏或被截断"):
        read_bytes(b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n", "broken.pdf")


SEED_TITLE = "关于重庆市涪陵区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告"


def test_html_article_gives_the_same_tables_and_grades(
    tmp_path: Path, seed_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    page = html_page(SEED_TITLE, html_article_from(seed_report))
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    report = read_plan(read_document(path))
    assert report.document.format == "html"
    assert (report.region, report.report_year, report.plan_year) == ("涪陵区", 2023, 2024)
    expected = [(g.indicator.no, g.indicator.name, g.grade.label) for g in seed_evaluation.graded]
    assert _grades(report) == expected
    assert evaluate(report).summary == seed_evaluation.summary
    document = report.document
    cells = [cell for table in document.tables for row in table.rows for cell in row]
    assert all(document.text[cell.start : cell.end] == cell.text for cell in cells)


def test_html_keeps_the_article_and_drops_the_page_chrome(tmp_path: Path) -> None:
    article = "<p>　　全区地区生产总值增长6.5%。</p><p>　　城镇新增就业2.5万人。</p>"
    path = tmp_path / "page.html"
    path.write_text(html_page("关于某区2023年计划执行情况的报告", article), encoding="utf-8")
    lines = read_document(path).text.splitlines()
    assert lines == [
        "关于某区2023年计划执行情况的报告",
        "全区地区生产总值增长6.5%。",
        "城镇新增就业2.5万人。",
    ]


def test_gbk_page_is_decoded_from_its_meta_charset(tmp_path: Path) -> None:
    article = "<p>规上工业增加值增长11%左右，镕铼堃（GB18030 才有的字也在）。</p>"
    page = html_page("关于某区2023年计划执行情况的报告", article, charset="gbk")
    path = tmp_path / "gbk.htm"
    path.write_bytes(page.encode("gb18030"))
    document = read_document(path)
    assert document.encoding == "gb18030"
    assert "规上工业增加值增长11%左右，镕铼堃" in document.text


def test_html_table_with_rowspan_keeps_its_columns(tmp_path: Path) -> None:
    article = (
        "<p>主要指标计划</p><table>"
        "<tr><td>类别</td><td>序号</td><td>指标名称</td><td>2024年计划目标</td></tr>"
        '<tr><td rowspan="2">综合质效</td><td>1</td><td>地区生产总值增速（%）</td><td>6</td></tr>'
        "<tr><td>2</td><td>一般公共预算收入增速（%）</td><td>6</td></tr></table>"
    )
    path = tmp_path / "table.html"
    path.write_text(html_page("关于某区2023年计划执行情况的报告", article), encoding="utf-8")
    document = read_document(path)
    (table,) = document.tables
    assert [[cell.text for cell in row] for row in table.rows][2] == [
        "",
        "2",
        "一般公共预算收入增速（%）",
        "6",
    ]
    assert table.title == "主要指标计划"


def test_pdf_lines_read_through_pdfium_are_pdfplumbers_lines(seed_pdf: Path) -> None:
    import pdfplumber

    from jihua.pdf_lines import open_pdf, page_lines

    with (
        open_pdf(seed_pdf.read_bytes(), seed_pdf.name) as pdf,
        pdfplumber.open(seed_pdf) as plumbed,
    ):
        for page, plumbed_page in zip(pdf.pages(), plumbed.pages, strict=True):
            ours, theirs = page_lines(page.chars), plumbed_page.extract_text_lines()
            assert [line["text"] for line in ours] == [line["text"] for line in theirs]
            for mine, other in zip(ours, theirs, strict=True):
                assert mine["x1"] == pytest.approx(other["x1"], abs=0.01)
                assert mine["top"] == pytest.approx(other["top"], abs=2.5)
                sizes = [char.size for char in mine["chars"]]
                assert sizes == pytest.approx([char["size"] for char in other["chars"]], abs=0.01)


def test_ruled_tables_found_from_pdfium_are_pdfplumbers_tables(seed_pdf: Path) -> None:
    import pdfplumber

    from jihua.pdf_lines import open_pdf
    from jihua.pdf_tables import find_tables

    found = 0
    with (
        open_pdf(seed_pdf.read_bytes(), seed_pdf.name) as pdf,
        pdfplumber.open(seed_pdf) as plumbed,
    ):
        for page, plumbed_page in zip(pdf.pages(), plumbed.pages, strict=True):
            ours, theirs = find_tables(page.edges, page.chars), plumbed_page.find_tables()
            assert len(ours) == len(theirs)
            for mine, other in zip(ours, theirs, strict=True):
                assert mine.bbox == pytest.approx(other.bbox, abs=0.01)
                assert mine.rows == other.extract()
                found += 1
    assert found > 2


def test_pages_that_draw_no_lines_have_no_edges_to_look_at(seed_pdf: Path) -> None:
    import pdfplumber

    from jihua.pdf_lines import open_pdf

    with open_pdf(seed_pdf.read_bytes(), seed_pdf.name) as pdf:
        ruled = [page.number for page in pdf.pages() if page.edges]
    with pdfplumber.open(seed_pdf) as plumbed:
        with_tables = [page.page_number - 1 for page in plumbed.pages if page.find_tables()]
        assert set(with_tables) <= set(ruled)
        assert len(ruled) < len(plumbed.pages) / 2
