from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.dump import export_dict
from jihua.store.sheets import COLUMNS, import_actuals, write_template


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
