"""Periodic values (cumulative by month) and task progress: entry, import, errors, log."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store import EditConflict, Store
from jihua.store.monthly import import_monthly, is_monthly
from jihua.store.periodic import parse_period, set_periodic
from jihua.store.progress import set_task_progress
from jihua.store.schema import Change, PeriodicValue, Task, TaskProgress


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2024-01..06", "2024-01..06"),
        ("2024-06", "2024-06"),
        ("2024Q2", "2024-01..06"),
        ("1-6月", "2024-01..06"),
        ("二季度", "2024-01..06"),
        ("前三季度", "2024-01..09"),
        ("2024年1-11月", "2024-01..11"),
        ("01", "2024-01..01"),
    ],
)
def test_periods_are_read_in_the_bureaus_spellings(text: str, key: str) -> None:
    assert parse_period(text, 2024).key == key


@pytest.mark.parametrize("text", ["13月", "6-3月", "2023-06", "上旬"])
def test_impossible_periods_are_refused(text: str) -> None:
    with pytest.raises(UserError):
        parse_period(text, 2024)


def _monthly_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "6月"
    sheet.append(["地区", "指标", "年份", "期间", "数值", "类型", "口径", "来源"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_monthly_file_is_stored_with_vintage_and_source(seeded: Store, tmp_path: Path) -> None:
    path = _monthly_xlsx(
        tmp_path / "monthly.xlsx",
        [
            ["涪陵区", "GDP增长", 2024, "1-6月", 5.8, "growth", "", "上半年统计快报"],
            ["涪陵区", "新增市级以上研发机构", 2024, "06", 1, "level", "快报", ""],
        ],
    )
    assert is_monthly(["region", "indicator", "year", "period", "value", "kind"])
    assert import_monthly(seeded.engine, path, who="统计局") == 2
    with Session(seeded.engine) as session:
        rows = session.scalars(select(PeriodicValue).order_by(PeriodicValue.id)).all()
        assert [(r.period, r.kind, r.value, r.vintage) for r in rows] == [
            ("2024-01..06", "growth", 5.8, "快报"),
            ("2024-06", "level", 1.0, "快报"),
        ]
        assert rows[0].source == "上半年统计快报"
        logged = session.scalars(select(Change.who).where(Change.table_name == "periodic_values"))
        assert set(logged) == {"统计局"}


def test_a_monthly_file_saved_as_xls_is_stored_as_its_xlsx(seeded: Store, tmp_path: Path) -> None:
    """The workbook saved as Excel 97–2003 by LibreOffice Calc (``scripts/system-deps``)."""
    from tests.layout_documents import converted

    (xls,) = converted(
        [
            _monthly_xlsx(
                tmp_path / "monthly.xlsx",
                [
                    ["涪陵区", "GDP增长", 2024, "1-6月", 5.8, "growth", "", "上半年统计快报"],
                    ["涪陵区", "新增市级以上研发机构", 2024, "06", 1, "level", "快报", ""],
                ],
            )
        ],
        "xls",
    )
    assert import_monthly(seeded.engine, xls, who="统计局") == 2
    with Session(seeded.engine) as session:
        rows = session.scalars(select(PeriodicValue).order_by(PeriodicValue.id)).all()
        assert [(r.period, r.kind, r.value, r.vintage, r.source) for r in rows] == [
            ("2024-01..06", "growth", 5.8, "快报", "上半年统计快报"),
            ("2024-06", "level", 1.0, "快报", None),
        ]


def test_monthly_import_errors_name_sheet_row_and_column_and_write_nothing(
    seeded: Store, tmp_path: Path
) -> None:
    path = _monthly_xlsx(
        tmp_path / "monthly.xlsx",
        [
            ["涪陵区", "地区生产总值增速", 2024, "1-6月", 5.8, "growth"],
            ["涪陵区", "不存在的指标", 2024, "1-6月", 5.8, "growth"],
            ["涪陵区", "地区生产总值增速", 2024, "13月", 5.8, "growth"],
            ["涪陵区", "地区生产总值增速", 2024, "1-6月", "五点八", "growth"],
            ["涪陵区", "地区生产总值增速", 2024, "1-6月", 5.8, "ratio"],
        ],
    )
    with pytest.raises(UserError) as caught:
        import_monthly(seeded.engine, path)
    message = caught.value.message
    assert "有 4 处错误" in message
    assert "工作表“6月”第3行 B列（指标）" in message
    assert "第4行 D列（期间）：无法识别的期间“13月”" in message
    assert "第5行 E列（数值）：应为数字" in message
    assert "第6行 F列（类型）" in message
    with Session(seeded.engine) as session:
        assert session.scalar(select(PeriodicValue.id)) is None


def test_an_entry_by_hand_is_refused_when_someone_changed_it_since(seeded: Store) -> None:
    first = set_periodic(seeded.engine, "涪陵区", 2024, "地区生产总值增速", "1-3月", 5.1, "growth")
    second = set_periodic(
        seeded.engine,
        "涪陵区",
        2024,
        "地区生产总值增速",
        "1-3月",
        5.3,
        "growth",
        read_version=first.version,
    )
    assert (second.value, second.version) == (5.3, first.version + 1)
    with pytest.raises(EditConflict):
        set_periodic(
            seeded.engine,
            "涪陵区",
            2024,
            "地区生产总值增速",
            "1-3月",
            5.4,
            "growth",
            read_version=first.version,
        )


def test_a_department_reports_task_progress_once_a_month(seeded: Store) -> None:
    with Session(seeded.engine) as session:
        task = session.scalars(select(Task).order_by(Task.id)).first()
        assert task is not None
    set_task_progress(seeded.engine, task.id, "2024-06", "推进中", "已完成前期工作", who="经信委")
    row = set_task_progress(seeded.engine, task.id, "2024-06", "滞后", "资金未到位", who="经信委")
    assert (row.status, row.note) == ("滞后", "资金未到位")
    with Session(seeded.engine) as session:
        assert len(session.scalars(select(TaskProgress)).all()) == 1
    with pytest.raises(UserError, match="进展状态"):
        set_task_progress(seeded.engine, task.id, "2024-06", "差不多", None)


def test_import_tells_targets_and_monthly_files_apart_by_their_header(
    seeded: Store, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from jihua.cli import cli

    runner = CliRunner()
    db = ["--db", seeded.url]
    for name, sheet in (("targets.xlsx", "年度目标"), ("monthly.xlsx", "月度数据")):
        made = runner.invoke(cli, ["template", str(tmp_path / name)])
        assert made.exit_code == 0, made.output
        book = load_workbook(tmp_path / name)
        assert book.sheetnames == [sheet, "说明"]
    targets = tmp_path / "t.csv"
    targets.write_text(
        "region,year,indicator,target\n涪陵区,2024,地区生产总值增速,6左右\n", encoding="utf-8"
    )
    monthly = tmp_path / "m.csv"
    monthly.write_text(
        "region,indicator,year,period,value,kind\n涪陵区,地区生产总值增速,2024,Q1,5.9,growth\n",
        encoding="utf-8",
    )
    assert "已导入 1 个年度目标" in runner.invoke(cli, ["import", str(targets), *db]).output
    assert "已导入 1 个月度数据" in runner.invoke(cli, ["import", str(monthly), *db]).output
