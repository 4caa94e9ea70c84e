"""A year's targets keep every vintage (草案, 批准, 调整) beside its source; the latest approved is used."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.example import EXAMPLE
from jihua.store import Store
from jihua.store.schema import Change, Indicator, Plan, Region, Target, TargetVintage
from jihua.store.target_list import import_targets, write_template
from tests.store.conftest import seed_text


def _targets_csv(path: Path, lines: list[str]) -> Path:
    path.write_text(
        "region,year,indicator,unit,target,binding,vintage,source\n" + "\n".join(lines),
        encoding="utf-8",
    )
    return path


def _standing(store: Store, region: str, year: int, name: str) -> tuple[str, dict[str, str]]:
    with Session(store.engine) as session:
        indicator = session.scalars(
            select(Indicator)
            .join(Plan, Indicator.plan_id == Plan.id)
            .join(Region, Plan.region_id == Region.id)
            .where(Region.name == region, Plan.year == year, Indicator.name == name)
        ).one()
        target = session.scalars(select(Target).where(Target.indicator_id == indicator.id)).one()
        vintages = session.scalars(
            select(TargetVintage).where(TargetVintage.indicator_id == indicator.id)
        ).all()
        return target.text, {v.vintage: v.text for v in vintages}


def test_a_report_stores_its_plan_table_as_draft_and_its_execution_table_as_approved(
    seeded: Store,
) -> None:
    assert _standing(seeded, "涪陵区", 2024, "地区生产总值增速") == ("6.5", {"草案": "6.5"})
    assert _standing(seeded, "涪陵区", 2023, "地区生产总值增速") == ("6.5", {"批准": "6.5"})


def test_a_table_of_both_years_stores_this_years_as_approved_and_next_years_as_draft(
    store: Store,
) -> None:
    from tests.test_table_marks import BOTH_YEARS

    store.ingest_bytes(BOTH_YEARS.encode("utf-8"), "某某县报告.txt")
    assert _standing(store, "某某县", 2023, "地区生产总值增速") == ("6", {"批准": "6"})
    assert _standing(store, "某某县", 2024, "地区生产总值增速") == ("6左右", {"草案": "6左右"})
    assert _standing(store, "某某县", 2024, "单位GDP能耗降低")[0] == "完成市下达目标"


def test_a_draft_then_an_approved_target_are_both_kept_and_the_approved_one_used(
    seeded: Store, tmp_path: Path
) -> None:
    path = _targets_csv(
        tmp_path / "targets.csv",
        ["涪陵区,2024,地区生产总值增速,%,6左右,,批准,区人大批准的2024年计划"],
    )
    assert import_targets(seeded.engine, path, who="测试") == 1
    assert _standing(seeded, "涪陵区", 2024, "地区生产总值增速") == (
        "6左右",
        {"草案": "6.5", "批准": "6左右"},
    )


def test_a_draft_read_after_the_approved_plan_does_not_replace_it(
    seeded: Store, tmp_path: Path
) -> None:
    approved = _targets_csv(
        tmp_path / "targets.csv", ["涪陵区,2024,地区生产总值增速,%,6左右,,批准,"]
    )
    import_targets(seeded.engine, approved, who="测试")
    revised = seed_text().replace(
        "\t地区生产总值增速（%）\n\t6.5\n\n", "\t地区生产总值增速（%）\n\t7\n\n"
    )
    assert revised != seed_text()
    seeded.ingest_bytes(revised.encode("utf-8"), "revised-" + EXAMPLE, who="测试")
    assert _standing(seeded, "涪陵区", 2024, "地区生产总值增速") == (
        "6左右",
        {"草案": "7", "批准": "6左右"},
    )


def test_an_adjustment_outranks_the_approved_target_and_every_change_is_logged(
    seeded: Store, tmp_path: Path
) -> None:
    path = _targets_csv(
        tmp_path / "targets.csv",
        [
            "涪陵区,2024,地区生产总值增速,%,6左右,,批准,",
            "涪陵区,2024,地区生产总值增速,%,5.5,,调整,年中调整",
        ],
    )
    with pytest.raises(UserError):  # the same indicator twice is fine, but not an unknown vintage
        import_targets(
            seeded.engine,
            _targets_csv(tmp_path / "bad.csv", ["涪陵区,2024,地区生产总值增速,%,6,,修订,"]),
        )
    import_targets(seeded.engine, path, who="测试")
    text, vintages = _standing(seeded, "涪陵区", 2024, "地区生产总值增速")
    assert (text, vintages["调整"]) == ("5.5", "5.5")
    with Session(seeded.engine) as session:
        logged = session.scalars(
            select(Change.new).where(Change.table_name == "target_vintages")
        ).all()
    assert "6左右" in logged and "5.5" in logged


def test_targets_without_a_report_create_the_region_plan_and_indicators(
    store: Store, tmp_path: Path
) -> None:
    path = _targets_csv(
        tmp_path / "targets.csv",
        [
            "武隆区,2024,地区生产总值增速,%,增长6%左右,,,",
            "武隆区,2024,城镇调查失业率,%,5.5以内,是,,",
            "武隆区,2024,新增市级以上研发机构,家,5,,,",
        ],
    )
    assert import_targets(store.engine, path, who="测试") == 3
    assert _standing(store, "武隆区", 2024, "地区生产总值增速")[0] == "6%左右"
    with Session(store.engine) as session:
        binding = session.scalar(
            select(Indicator.binding).where(Indicator.name == "城镇调查失业率")
        )
    assert binding is True


def test_target_import_errors_name_sheet_row_and_column(store: Store, tmp_path: Path) -> None:
    path = _targets_csv(
        tmp_path / "targets.csv",
        [
            "武隆区,2024,地区生产总值增速,%,很快,,,",
            "武隆区,24,GDP,%,6,,,",
            "武隆区,2024,GDP,%,6,可能,,",
        ],
    )
    with pytest.raises(UserError) as caught:
        import_targets(store.engine, path)
    message = caught.value.message
    assert "工作表“targets.csv”第2行 E列（目标）：无法识别“很快”" in message
    assert "第3行 B列（年份）" in message
    assert "第4行 F列（约束性）" in message
    with Session(store.engine) as session:
        assert session.scalar(select(Region.id)) is None


def test_the_targets_template_has_the_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(write_template(tmp_path / "targets.xlsx"), read_only=True)
    try:
        header = next(book["年度目标"].iter_rows(values_only=True))
        assert header[:6] == ("地区", "年份", "指标", "单位", "目标", "约束性")
    finally:
        book.close()
