from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.dump import export_dict
from jihua.store.project_list import COLUMNS, import_projects, write_template
from jihua.store.schema import Change, Project

NAMED = "聚源大道西延伸段（一期）"


def _fill(path: Path, rows: list[list[object]]) -> Path:
    write_template(path)
    book = load_workbook(path)
    for row in rows:
        book["项目清单"].append(row)
    book.save(path)
    book.close()
    return path


def _project(store: Store, name: str) -> Project:
    with Session(store.engine) as session:
        return session.scalars(select(Project).where(Project.name == name)).one()


def test_the_template_has_the_documented_columns(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "projects.xlsx"), read_only=True)
    try:
        assert book.sheetnames == ["项目清单", "说明"]
        assert tuple(next(book["项目清单"].iter_rows(values_only=True))) == COLUMNS
    finally:
        book.close()


def test_a_list_assigns_a_lead_unit_to_a_named_project_and_adds_new_ones(
    seeded: Store, tmp_path: Path
) -> None:
    path = _fill(
        tmp_path / "projects.xlsx",
        [
            [NAMED, "新开工", "基础设施", "政府投资", 12.5, 3.2, 1.1, "2024-06", "区交通局"],
            [
                "白涛污水处理厂扩建",
                "续建",
                "生态环保",
                "政府投资",
                3,
                1,
                None,
                None,
                "区生态环境局",
            ],
        ],
    )
    assert import_projects(seeded.engine, path, "涪陵区", 2024, who="发改委") == (1, 1)
    named = _project(seeded, NAMED)
    assert (named.lead_unit, named.total_investment, named.group_id is not None) == (
        "区交通局",
        12.5,
        True,
    )
    assert named.completed_investment == {"2024-06": 1.1}
    added = _project(seeded, "白涛污水处理厂扩建")
    assert (added.stage, added.annual_investment, added.group_id) == ("续建", 1.0, None)
    with Session(seeded.engine) as session:
        change = session.scalars(
            select(Change).where(Change.row_id == named.id, Change.field == "lead_unit")
        ).one()
    assert (change.old, change.new, change.who, change.why) == (
        None,
        "区交通局",
        "发改委",
        "import projects.xlsx",
    )


def test_bad_rows_are_reported_by_sheet_row_and_column_and_nothing_is_written(
    seeded: Store, tmp_path: Path
) -> None:
    before = export_dict(seeded.engine)
    path = _fill(
        tmp_path / "projects.xlsx",
        [
            ["甲项目", "新开工", None, None, 10, 2, None, None, None],
            [None, "续建", None, None, 1, 1, None, None, None],
            ["乙项目", "在建", None, None, None, None, None, None, None],
            ["丙项目", None, None, None, "很多", None, None, None, None],
            ["丁项目", None, None, None, 1, 2, None, None, None],
            ["戊项目", None, None, None, None, None, 0.5, None, None],
            ["甲项目", None, None, None, None, None, None, None, None],
        ],
    )
    with pytest.raises(UserError) as raised:
        import_projects(seeded.engine, path, "涪陵区", 2024)
    message = str(raised.value)
    assert "有 6 处错误，未导入任何数据" in message
    assert "工作表“项目清单”第3行 A列（项目名称）：不能为空" in message
    assert "第4行 B列（建设阶段）：应为 新开工、续建" in message
    assert "第5行 E列（总投资（亿元））：应为数字（亿元），不是“很多”" in message
    assert "第6行 F列（年度计划投资（亿元））：2 大于总投资 1" in message
    assert "第7行 H列（截至年月）：填写已完成投资时须填写截至年月" in message
    assert "第8行 A列（项目名称）：与第2行重复" in message
    assert export_dict(seeded.engine) == before


def test_a_list_for_an_unknown_region_is_refused(seeded: Store, tmp_path: Path) -> None:
    path = _fill(tmp_path / "projects.xlsx", [["甲项目"]])
    with pytest.raises(UserError, match="库中没有地区“长寿区”"):
        import_projects(seeded.engine, path, "长寿区", 2024)


def test_an_unknown_column_is_refused(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text("项目名称,总投资\n甲项目,3\n", encoding="utf-8")
    with pytest.raises(UserError, match="无法识别的列：总投资"):
        import_projects(seeded.engine, path, "涪陵区", 2024)


def test_start_months_are_stored_and_a_misspelt_one_named(seeded: Store, tmp_path: Path) -> None:
    blank = [""] * 8  # 建设阶段 … 牵头单位
    good = _fill(tmp_path / "good.xlsx", [[NAMED, *blank, "2024-03", "2024-04"]])
    import_projects(seeded.engine, good, "涪陵区", 2024)
    project = _project(seeded, NAMED)
    assert (project.planned_start, project.started) == ("2024-03", "2024-04")
    bad = _fill(tmp_path / "bad.xlsx", [[NAMED, *blank, "2024年3月", ""]])
    with pytest.raises(UserError, match="第2行 J列（计划开工年月）：应写作 2024-03"):
        import_projects(seeded.engine, bad, "涪陵区", 2024)
