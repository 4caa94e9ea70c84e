"""The tables other regions publish (``tests/layouts``) as Word files, PDFs, web pages, workbooks.

Every labelled row comes back with its target, unit, previous figure, 属性 and
category, in DOCX and PDF, laid out as published, broken over a page and with
its units merged down; a table of figures without targets gives no row, a
table of aims no grade, and a table of targets beside their results a grade
for each. LibreOffice converts the files once a session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.layout_documents import (
    VARIANTS,
    Layout,
    build_all,
    excerpt_score,
    layouts,
    report_of,
    score,
)

LAYOUTS = {layout.key: layout for layout in layouts()}


@pytest.fixture(scope="session")
def layout_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    return build_all(tmp_path_factory.mktemp("layouts"))


def _cases(kind: str) -> list[tuple[str, str, str]]:
    keys = [key for key, layout in LAYOUTS.items() if layout.kind == kind]
    built = [(key, variant, fmt) for key in keys for variant in VARIANTS for fmt in ("docx", "pdf")]
    return built + [(key, "as_published", fmt) for key in keys for fmt in ("html", "xlsx")]


def test_at_least_ten_layouts_with_their_sources() -> None:
    files = sorted((Path(__file__).parent / "layouts").glob("*.toml"))
    assert len(files) >= 10
    assert all('source = "http' in path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize(("key", "variant", "fmt"), _cases("plan"))
def test_every_labelled_row_is_read_with_its_figures(
    layout_files: dict[tuple[str, str, str], Path], key: str, variant: str, fmt: str
) -> None:
    layout: Layout = LAYOUTS[key]
    result = score(layout, report_of(layout_files[(key, variant, fmt)]))
    assert result.misses == []
    assert result.found == result.expected > 0
    assert result.spurious == 0
    assert result.graded == 0  # tables of aims: nothing done yet to grade


@pytest.mark.parametrize(("key", "variant", "fmt"), _cases("execution"))
def test_a_table_of_targets_and_results_is_read_and_graded(
    layout_files: dict[tuple[str, str, str], Path], key: str, variant: str, fmt: str
) -> None:
    layout: Layout = LAYOUTS[key]
    result = score(layout, report_of(layout_files[(key, variant, fmt)]))
    assert result.misses == []
    assert result.found == result.expected > 0
    assert result.spurious == 0
    assert result.graded == result.expected  # each target met or missed by its result


@pytest.mark.parametrize(("key", "variant", "fmt"), _cases("statistics"))
def test_a_table_of_figures_gives_no_indicator_row(
    layout_files: dict[tuple[str, str, str], Path], key: str, variant: str, fmt: str
) -> None:
    report = report_of(layout_files[(key, variant, fmt)])
    assert [row.name for table in report.tables for row in table.all_rows()] == []


def test_a_unit_printed_once_for_two_rows_holds_for_both_in_the_pdf(
    layout_files: dict[tuple[str, str, str], Path],
) -> None:
    report = report_of(layout_files[("01_yangling_2022", "units_merged", "pdf")])
    units = {row.name: row.unit for table in report.tables for row in table.all_rows()}
    # 个 printed once over 年获省部级以上科技成果奖励总数 and 孵化载体总数
    assert units["年获省部级以上科技成果奖励总数"] == units["孵化载体总数"] == "个"


@pytest.mark.parametrize("key", ["01_yangling_2022", "02_miit_2018", "11_yuecheng_2020"])
def test_the_excerpt_as_the_page_copies_it_gives_its_rows(key: str) -> None:
    layout = LAYOUTS[key]
    result = excerpt_score(layout)
    assert result.misses == []
    assert result.found == result.expected > 0
