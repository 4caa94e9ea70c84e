from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.dump import export_dict
from jihua.store.grading import regrade_plan
from jihua.store.schema import Grade, Plan
from jihua.store.sheets import COLUMNS, import_actuals, write_template

from .conftest import other_region_bytes


def _fill_template(path: Path, rows: list[list[object]]) -> Path:
    write_template(path)
    book = load_workbook(path)
    for row in rows:
        book["完成值"].append(row)
    book.save(path)
    book.close()
    return path


def test_the_template_has_the_columns_and_an_explanation(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "actuals.xlsx"), read_only=True)
    try:
        assert book.sheetnames == ["完成值", "说明"]
        header = next(book["完成值"].iter_rows(values_only=True))
        assert tuple(header) == COLUMNS
    finally:
        book.close()


def test_a_filled_template_stores_the_figures_and_regrades(seeded: Store, tmp_path: Path) -> None:
    path = _fill_template(
        tmp_path / "actuals.xlsx",
        [
            ["涪陵区", 2023, "农业增加值增长", 5.2, "年报", "2023年统计公报"],
            ["涪陵区", 2023, "GDP增长", "6.1", "快报", "2023年统计快报"],
        ],
    )
    assert import_actuals(seeded.engine, path, who="统计局") == 2
    assert seeded.history("涪陵区", 2023, "农业增加值增速").grade == "超额完成"
    gdp = seeded.history("涪陵区", 2023, "地区生产总值增速")
    assert gdp.grade == "较好完成"
    assert any(c.why == "import actuals.xlsx" and c.who == "统计局" for c in gdp.changes)


def test_a_bad_row_is_reported_by_sheet_row_and_column_and_nothing_is_written(
    seeded: Store, tmp_path: Path
) -> None:
    before = export_dict(seeded.engine)
    path = _fill_template(
        tmp_path / "actuals.xlsx",
        [
            ["涪陵区", 2023, "农业增加值增速", 5.2, "年报", "2023年统计公报"],
            ["涪陵区", 2023, "农业增加值增速", "很好", "年报", "2023年统计公报"],
            ["长寿区", 2023, "农业增加值增速", 5, "年报", "2023年统计公报"],
            ["涪陵区", 2023, "农业增加值增速", 5, "月报", "2023年统计公报"],
        ],
    )
    with pytest.raises(UserError) as raised:
        import_actuals(seeded.engine, path)
    message = str(raised.value)
    assert "有 3 处错误，未导入任何数据" in message
    assert "工作表“完成值”第3行 D列（完成值）：无法识别“很好”" in message
    assert "第4行 A列（地区）：库中没有 长寿区 2023 年的计划" in message
    assert "第5行 E列（口径）" in message
    assert export_dict(seeded.engine) == before


def test_a_csv_file_is_read_like_a_sheet(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "actuals.csv"
    write_template(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("涪陵区,2023,农业增加值增速,,年报,公报\n")
    with pytest.raises(UserError, match=r"工作表“actuals\.csv”第2行 D列（完成值）：不能为空"):
        import_actuals(seeded.engine, path)


def test_a_sheet_without_the_columns_is_refused(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("地区,数值\n涪陵区,5\n", encoding="utf-8")
    with pytest.raises(UserError, match="缺少列：年份、指标"):
        import_actuals(seeded.engine, path)


def test_an_import_over_two_plans_grades_each_as_regrading_it_alone_would(
    seeded: Store, tmp_path: Path
) -> None:
    seeded.ingest_bytes(other_region_bytes("长寿区", "GDP增长", "8.2"), "cs.txt", who="测试")
    path = tmp_path / "actuals.csv"
    path.write_text(
        "地区,年份,指标,完成值,口径,来源\n"
        "涪陵区,2023,地区生产总值增速,5.1,年报,2023年统计公报\n"
        "长寿区,2023,GDP增长,4.0,年报,2023年统计公报\n"
        "长寿区,2023,农业增加值增速,3.0,年报,2023年统计公报\n",
        encoding="utf-8",
    )
    assert import_actuals(seeded.engine, path, who="统计局") == 3
    for region, name in (("涪陵区", "地区生产总值增速"), ("长寿区", "GDP增长")):
        assert seeded.history(region, 2023, name).grade not in ("超额完成", None)
    with Session(seeded.engine) as session, session.begin():
        before = {g.indicator_id: (g.label, g.reason) for g in session.scalars(select(Grade))}
        moved = sum(regrade_plan(session, p, "测试", "检查") for p in session.scalars(select(Plan)))
        after = {g.indicator_id: (g.label, g.reason) for g in session.scalars(select(Grade))}
    assert moved == 0
    assert after == before
    assert len(before) > 60


def test_a_workbook_that_would_take_gigabytes_to_open_is_refused_before_openpyxl_reads_it(
    seeded: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row of 20,000 cells: openpyxl holds a row's cells at once, read-only or not."""
    path = _fill_template(tmp_path / "宽.xlsx", [["涪陵区", 2024, "地区生产总值", 1650]])
    wide = b'<row r="2">' + b'<c t="n"><v>1</v></c>' * 20_000 + b"</row>"
    out = tmp_path / "宽行.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<row r="2".*?</row>', wide, data, flags=re.S)
            target.writestr(info, data, zipfile.ZIP_STORED)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl 不应打开此文件")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    with pytest.raises(UserError, match=r"宽行\.xlsx 的 xl/worksheets/sheet1\.xml 一行超过"):
        import_actuals(seeded.engine, out)
