"""A plan's 附表 published as a workbook (``.xlsx``): each sheet a table, merges kept."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from jihua.cli import cli
from jihua.document import read_bytes, read_document
from jihua.errors import UserError
from jihua.limits import OverBudget
from jihua.plan import read_plan
from jihua.store.sheets import read_table


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "附表1"
    sheet.append(["某某县2024年主要指标计划表"])
    sheet.merge_cells("A1:E1")
    sheet.append(["类别", "指标名称", "单位", "2023年预计", "2024年目标"])
    sheet.append(["经济发展", "地区生产总值增长", "%", 5.2, "6左右"])
    sheet.append([None, "规模以上工业增加值增长", None, 7, 8])
    sheet.append(["民生保障", "城镇新增就业", "万人", 1.15, 1.2])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("C3:C4")
    sheet.append(["注：2023年为预计数。"])
    sheet.merge_cells("A6:E6")
    rates = book.create_sheet("附表2")
    rates.append(["指标名称", "2024年目标"])
    rates.append(["研发经费投入强度", 0.025])
    rates["B2"].number_format = "0.0%"
    book.create_sheet("空白")
    book.save(path)
    return path


def test_each_sheet_with_cells_is_a_table_after_a_line_naming_it(tmp_path: Path) -> None:
    document = read_document(_workbook(tmp_path / "附表.xlsx"))
    assert document.format == "xlsx"
    assert [table.title for table in document.tables] == ["附表1", "附表2"]
    assert document.text.startswith("附表1\n")


def test_merged_category_and_unit_hold_for_the_rows_they_cover(tmp_path: Path) -> None:
    report = read_plan(read_document(_workbook(tmp_path / "附表.xlsx")))
    plan = report.plan
    assert plan is not None
    assert [(row.category, row.name, row.unit, row.target.text) for row in plan.indicators] == [
        ("经济发展", "地区生产总值增长", "%", "6左右"),
        ("经济发展", "规模以上工业增加值增长", "%", "8"),
        ("民生保障", "城镇新增就业", "万人", "1.2"),
    ]
    assert plan.indicators[0].extra["2023年预计"] == "5.2"
    assert plan.note == "注：2023年为预计数。"


def test_a_percentage_cell_reads_as_the_sheet_shows_it(tmp_path: Path) -> None:
    report = read_plan(read_document(_workbook(tmp_path / "附表.xlsx")))
    rates = report.tables[1]
    assert rates.indicators[0].target.text == "2.5%"


def test_analyze_grades_the_execution_table_of_a_workbook(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["指标名称", "单位", "2023年目标", "2023年完成"])
    sheet.append(["地区生产总值增长", "%", "6左右", 6.3])
    sheet.append(["城镇新增就业", "万人", 1.1, 1.15])
    path = tmp_path / "执行情况.xlsx"
    book.save(path)
    result = CliRunner().invoke(cli, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(row["name"], row["actual"]["text"]) for row in data["execution"]] == [
        ("地区生产总值增长", "6.3"),
        ("城镇新增就业", "1.15"),
    ]


def test_a_broken_workbook_is_refused_naming_the_file() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook>")
    with pytest.raises(UserError, match=r"附表\.xlsx 不是有效的 Excel 文件"):
        read_bytes(data.getvalue(), "附表.xlsx")


def test_a_zip_of_neither_word_nor_excel_names_the_formats_read() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "说明")
    with pytest.raises(UserError, match=r"支持 \.txt、\.docx、\.doc、\.xlsx、\.xls、\.pdf、\.html"):
        read_bytes(data.getvalue(), "材料.zip")


def test_a_folders_workbooks_are_extracted_with_its_other_reports(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _workbook(folder / "附表.xlsx")
    (folder / "报告.txt").write_text("2024年地区生产总值增长6%左右。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(line["source"]).name for line in lines) == ["报告.txt", "附表.xlsx"]
    workbook = next(line for line in lines if line["source"].endswith(".xlsx"))
    assert workbook["tables"]


def _with_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one member rewritten (added when missing), stored unpacked: no
    packing ratio gives it away."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
        old = source.read(member) if member in source.namelist() else b""
        target.writestr(member, change(old), zipfile.ZIP_STORED)
    return out.getvalue()


def test_a_workbook_of_more_shared_strings_than_a_report_has_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = b"<sst>" + b"<si><t>\xe7\x94\xb2</t></si>" * 600_000 + b"</sst>"
    data = _with_member(_workbook(tmp_path / "附表.xlsx"), "xl/sharedStrings.xml", lambda _: many)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl 不应解析此文件")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    with pytest.raises(UserError, match=r"附表\.xlsx 的 xl/sharedStrings\.xml 超过 1000000 个元素"):
        read_bytes(data, "附表.xlsx")


def test_merged_ranges_laid_over_each_other_cost_no_more_than_the_sheet(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["CV2000"] = "类别", "指标名称", "末格"
    book.save(tmp_path / "叠.xlsx")
    merges = b'<mergeCells count="1001"><mergeCell ref="A1:A3"/>'
    merges += b'<mergeCell ref="A1:CV2000"/>' * 1000
    data = _with_member(
        tmp_path / "叠.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</worksheet>", merges + b"</mergeCells></worksheet>"),
    )
    document = read_bytes(data, "叠.xlsx")  # within the reading budget
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert [cell.text for cell in rows[0][:2]] == ["类别", "指标名称"]
    assert rows[1][0].merged_above and not rows[1][1].merged_above  # A1:A3 only
    assert rows[-1][-1].text == "末格"


def test_a_budget_passed_while_the_workbook_opens_is_told_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        raise OverBudget("附表.xlsx 读取超过 7 秒，已停止")

    monkeypatch.setattr("openpyxl.load_workbook", slow)
    data = _workbook(tmp_path / "附表.xlsx").read_bytes()
    with pytest.raises(OverBudget, match=r"^附表\.xlsx 读取超过 7 秒，已停止$"):
        read_bytes(data, "附表.xlsx")


def test_a_row_wider_than_excel_allows_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """openpyxl holds a row's cells all at once: a row of millions would take gigabytes."""
    row = b'<row r="1">' + b'<c t="n"><v>1</v></c>' * 20_000 + b"</row>"
    data = _with_member(
        _workbook(tmp_path / "宽.xlsx"),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb"<sheetData>.*</sheetData>", b"<sheetData>" + row + b"</sheetData>", xml, flags=re.S
        ),
    )
    with pytest.raises(
        UserError, match=r"宽\.xlsx 的 xl/worksheets/sheet1\.xml 一行超过 16384 个单元格"
    ):
        read_bytes(data, "宽.xlsx")


def test_a_workbook_missing_its_first_byte_is_refused_as_broken(tmp_path: Path) -> None:
    """Its members' offsets all point a byte too far: zipfile raises ValueError, not BadZipFile."""
    cut = _workbook(tmp_path / "附表.xlsx").read_bytes()[1:]
    with pytest.raises(UserError, match=r"^附表\.xlsx 不是"):
        read_bytes(cut, "附表.xlsx")  # no zip signature at its start: not read as a workbook
    (tmp_path / "完成值.xlsx").write_bytes(cut)
    with pytest.raises(UserError, match=r"完成值\.xlsx 不是有效的 Excel 文件"):
        read_table(tmp_path / "完成值.xlsx")
