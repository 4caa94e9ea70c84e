"""Excel 97–2003 workbooks (``.xls``): workbooks laid out as published (every table of
``tests/layouts``, a plan's 附表 with a percentage and merges), saved as ``.xls`` by LibreOffice,
read as their ``.xlsx``.

LibreOffice Calc (``scripts/system-deps``) writes the files; without it these tests fail.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from jihua.cli.extract import report_files
from jihua.document import Document, read_bytes, read_document
from jihua.errors import UserError
from jihua.plan import read_plan
from tests.layout_documents import converted, layout_xlsx, layouts


def _annex(path: Path) -> Path:
    """A plan's 附表: a title merged across, a category and a unit merged down, a date, a
    percentage, a note, and an empty sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = "附表1"
    sheet.append(["某某县2024年主要指标计划表"])
    sheet.merge_cells("A1:E1")
    sheet.append(["类别", "指标名称", "单位", "2023年预计", "2024年目标"])
    sheet.append(["经济发展", "地区生产总值增长", "%", 5.2, "6左右"])
    sheet.append([None, "规模以上工业增加值增长", None, 7, 8])
    sheet.append(["民生保障", "研发经费投入强度", "%", 0.023, 0.025])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("C3:C4")
    sheet["D5"].number_format = "0.0%"
    sheet["E5"].number_format = "0.0%"
    sheet.append(["注：2023年为预计数。"])
    sheet.merge_cells("A6:E6")
    book.create_sheet("空白")
    book.save(path)
    return path


@pytest.fixture(scope="module")
def saved_as_xls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each workbook and its ``.xls``, by name."""
    folder = tmp_path_factory.mktemp("xls")
    books = [_annex(folder / "annex.xlsx")]
    books += [layout_xlsx(layout, folder / f"{layout.key}.xlsx") for layout in layouts()]
    return {
        path.stem: (path, xls) for path, xls in zip(books, converted(books, "xls"), strict=True)
    }


def _tables(document: Document) -> list[list[list[tuple[str, bool]]]]:
    return [
        [[(cell.text, cell.merged_above) for cell in row] for row in table.rows]
        for table in document.tables
    ]


def test_every_workbook_saved_as_xls_reads_as_its_xlsx(
    saved_as_xls: dict[str, tuple[Path, Path]],
) -> None:
    different = []
    for name, (book, xls) in saved_as_xls.items():
        expected, found = read_document(book), read_document(xls)
        assert found.format == "xls"
        if (found.text, _tables(found)) != (expected.text, _tables(expected)):
            different.append(name)
    assert len(saved_as_xls) > 10
    assert different == []


def test_an_xls_annex_gives_its_indicators_with_merged_category_unit_and_percentages(
    saved_as_xls: dict[str, tuple[Path, Path]],
) -> None:
    plan = read_plan(read_document(saved_as_xls["annex"][1])).plan
    assert plan is not None
    assert [(row.category, row.name, row.unit, row.target.text) for row in plan.indicators] == [
        ("经济发展", "地区生产总值增长", "%", "6左右"),
        ("经济发展", "规模以上工业增加值增长", "%", "8"),
        ("民生保障", "研发经费投入强度", "%", "2.5%"),
    ]
    assert plan.note == "注：2023年为预计数。"


def test_a_batch_takes_xls_files(
    tmp_path: Path, saved_as_xls: dict[str, tuple[Path, Path]]
) -> None:
    (tmp_path / "附表.xls").write_bytes(saved_as_xls["annex"][1].read_bytes())
    assert [path.name for path in report_files((tmp_path,))] == ["附表.xls"]


def test_an_xls_cut_short_is_refused_as_broken(saved_as_xls: dict[str, tuple[Path, Path]]) -> None:
    xls = saved_as_xls["annex"][1].read_bytes()
    with pytest.raises(UserError, match=r"附表\.xls.*(损坏|截断)"):
        read_bytes(xls[: len(xls) // 2], "附表.xls")


def test_an_xls_damaged_at_random_is_read_or_refused_never_a_crash(
    saved_as_xls: dict[str, tuple[Path, Path]],
) -> None:
    xls = saved_as_xls["annex"][1].read_bytes()
    rng = random.Random(97)
    for _ in range(60):
        damaged = bytearray(xls)
        for _ in range(20):
            damaged[rng.randrange(512, len(xls))] = rng.randrange(256)
        try:
            read_bytes(bytes(damaged), "损坏.xls")
        except UserError as refused:
            assert "损坏.xls" in refused.message


@pytest.fixture(scope="module")
def amounts_and_dates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A sheet of amounts in 元 (eleven digits and more) and deadlines typed as dates."""
    from datetime import datetime

    path = tmp_path_factory.mktemp("amounts") / "amounts.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["项目", "总投资（元）", "完成时限"])
    sheet.append(["城市更新一期", 45678901234, datetime(2024, 12, 31)])
    sheet.append(["污水管网改造", 123456789012.5, datetime(2025, 6, 30, 18, 0)])
    sheet["C2"].number_format = sheet["C3"].number_format = "yyyy-mm-dd"
    book.save(path)
    return path, converted([path], "xls")[0]


def test_amounts_of_eleven_digits_show_every_digit_and_dates_their_day(
    amounts_and_dates: tuple[Path, Path],
) -> None:
    for path in amounts_and_dates:
        [table] = read_document(path).tables
        assert [cell.text for cell in table.rows[1]] == [
            "城市更新一期",
            "45678901234",
            "2024-12-31",
        ]
        assert [cell.text for cell in table.rows[2]][1:] == [
            "123456789012.5",
            "2025-06-30 18:00:00",
        ]
