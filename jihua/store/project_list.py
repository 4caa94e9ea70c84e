"""A project list from a spreadsheet (.xlsx or .csv) into one region's plan of one year.

``jihua import projects.xlsx --region 涪陵区 --year 2024``. The header row
names the columns (any order; only 项目名称 is required, the others may be
left out or left blank):

==================  ==========================================  ======================
列                   内容                                         例
==================  ==========================================  ======================
项目名称              the project's name; one row per project       聚源大道西延伸段（一期）
建设阶段              新开工, 续建, 完工, 竣工, 开工, 前期 or 储备        新开工
领域                  the area (sector or zone)                     基础设施
投资来源              e.g. 政府投资, 社会投资                          政府投资
总投资（亿元）         a number ≥ 0                                  12.5
年度计划投资（亿元）    a number ≥ 0, not above 总投资                  3.2
已完成投资（亿元）      a number ≥ 0, with 截至年月                      1.1
截至年月              the month the completed investment runs to    2024-06
牵头单位              the lead unit                                 区交通局
计划开工年月           when a 新开工 project is to start             2024-03
实际开工年月           when it started                               2024-04
==================  ==========================================  ======================

A project already in the plan (the same name; from the report's 专栏 or an
earlier list) is updated, a new one added. A blank cell leaves the stored
value as it is. Every row is checked first; errors are reported as sheet,
row, column and reason, in Chinese, and then nothing of the file is written.
Every change is logged with the reason ``import FILE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.bulk import insert_logged, log_first, without_pauses
from jihua.store.changes import current_user, set_field
from jihua.store.database import writer
from jihua.store.figures import plan_of
from jihua.store.schema import Plan, Project, Region
from jihua.store.sheets import (
    Row,
    RowError,
    error_text,
    finite_number,
    read_rows,
    row_error_line,
    write_sheet_template,
)

NAME = "项目名称"
MONTH = "截至年月"
COMPLETED = "已完成投资（亿元）"
#: column → project field
TEXT_COLUMNS = {"建设阶段": "stage", "领域": "area", "投资来源": "source", "牵头单位": "lead_unit"}
AMOUNT_COLUMNS = {"总投资（亿元）": "total_investment", "年度计划投资（亿元）": "annual_investment"}
START_COLUMNS = {"计划开工年月": "planned_start", "实际开工年月": "started"}
#: every field a project list can give (a row's blank cells leave theirs empty)
FIELDS = (*TEXT_COLUMNS.values(), *AMOUNT_COLUMNS.values(), *START_COLUMNS.values())
COLUMNS = (
    NAME,
    "建设阶段",
    "领域",
    "投资来源",
    *AMOUNT_COLUMNS,
    COMPLETED,
    MONTH,
    "牵头单位",
    *START_COLUMNS,
)
STAGES = ("新开工", "续建", "完工", "竣工", "开工", "前期", "储备")
EXPLANATIONS = (
    (NAME, "必填；每行一个项目，同一文件内不得重复", "聚源大道西延伸段（一期）"),
    ("建设阶段", "、".join(STAGES), "新开工"),
    ("领域", "行业或片区", "基础设施"),
    ("投资来源", "如 政府投资、社会投资", "政府投资"),
    ("总投资（亿元）", "不小于 0 的数", "12.5"),
    ("年度计划投资（亿元）", "不小于 0 的数，不大于总投资", "3.2"),
    (COMPLETED, "不小于 0 的数；须同时填写截至年月", "1.1"),
    (MONTH, "已完成投资截至的月份，写作 2024-06", "2024-06"),
    ("牵头单位", "负责推进的单位", "区交通局"),
    ("计划开工年月", "新开工项目计划开工的月份，写作 2024-03", "2024-03"),
    ("实际开工年月", "已开工项目开工的月份，写作 2024-04", "2024-04"),
)
_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class CheckedProject:
    name: str
    values: dict[str, Any]
    completed: tuple[str, float] | None
    existing: Project | None


def is_project_list(header: list[str]) -> bool:
    return NAME in header


@without_pauses()
def import_projects(
    engine: Engine, path: Path, region: str, year: int, who: str | None = None
) -> tuple[int, int]:
    """Write every project of the file, or none when any row is wrong: (added, updated)."""
    rows = read_rows(path, (NAME,))
    _refuse_unknown_columns(path, rows)
    who, why = who or current_user(), f"import {path.name}"
    with Session(writer(engine)) as session, session.begin():
        plan = _plan(session, region, year)
        checked, errors = _check_all(session, plan, rows)
        if errors:
            raise UserError(error_text(path, errors))
        _write_all(session, plan, checked, who, why)
    added = sum(item.existing is None for item in checked)
    return added, len(checked) - added


def _refuse_unknown_columns(path: Path, rows: list[Row]) -> None:
    unknown = [c for c in rows[0].cells if c and c not in COLUMNS]
    if unknown:
        raise UserError(
            f"{path.name} 工作表“{rows[0].sheet}”第1行有无法识别的列：{'、'.join(unknown)}"
            f"（可用的列：{'、'.join(COLUMNS)}）"
        )


def _plan(session: Session, region: str, year: int) -> Plan:
    found = session.scalars(select(Region).where(Region.name == region)).first()
    if found is None:
        raise UserError(f"库中没有地区“{region}”：请先入库它的计划报告")
    return plan_of(session, found, year)


def _check_all(
    session: Session, plan: Plan, rows: list[Row]
) -> tuple[list[CheckedProject], list[str]]:
    stored: dict[str, list[Project]] = {}
    for project in session.scalars(select(Project).where(Project.plan_id == plan.id)):
        stored.setdefault(project.name, []).append(project)
    seen: dict[str, int] = {}
    checked, errors = [], []
    for row in rows:
        try:
            checked.append(_check(row, stored, seen))
        except RowError as exc:
            errors.append(row_error_line(row, exc))
    return checked, errors


def _check(row: Row, stored: dict[str, list[Project]], seen: dict[str, int]) -> CheckedProject:
    cells = row.cells
    name = cells.get(NAME, "")
    if not name:
        raise RowError(NAME, "不能为空")
    if name in seen:
        raise RowError(NAME, f"与第{seen[name]}行重复")
    seen[name] = row.number
    existing = stored.get(name, [])
    if len(existing) > 1:
        raise RowError(NAME, f"计划中有 {len(existing)} 个同名项目，无法确定更新哪一个")
    values: dict[str, Any] = {
        field: cells[column] for column, field in TEXT_COLUMNS.items() if cells.get(column)
    }
    if "stage" in values and values["stage"] not in STAGES:
        raise RowError("建设阶段", f"应为 {'、'.join(STAGES)} 之一，不是“{values['stage']}”")
    for column, field in AMOUNT_COLUMNS.items():
        if cells.get(column):
            values[field] = _amount(cells[column], column)
    for column, field in START_COLUMNS.items():
        if cells.get(column):
            if not _MONTH_RE.match(cells[column]):
                raise RowError(column, f"应写作 2024-03，不是“{cells[column]}”")
            values[field] = cells[column]
    _check_annual(values, existing[0] if existing else None)
    return CheckedProject(name, values, _completed(cells), existing[0] if existing else None)


def _amount(text: str, column: str) -> float:
    value = finite_number(text, column, "数字（亿元）")
    if value < 0:
        raise RowError(column, f"不能为负数，不是“{text}”")
    return value


def _check_annual(values: dict[str, Any], existing: Project | None) -> None:
    total = values.get("total_investment", existing.total_investment if existing else None)
    annual = values.get("annual_investment")
    if annual is not None and total is not None and annual > total:
        raise RowError("年度计划投资（亿元）", f"{annual:g} 大于总投资 {total:g}")


def _completed(cells: dict[str, str]) -> tuple[str, float] | None:
    amount, month = cells.get(COMPLETED, ""), cells.get(MONTH, "")
    if not amount:
        if month:
            raise RowError(COMPLETED, "填写了截至年月，却没有填写已完成投资")
        return None
    value = _amount(amount, COMPLETED)
    if not month:
        raise RowError(MONTH, "填写已完成投资时须填写截至年月（如 2024-06）")
    if not _MONTH_RE.match(month):
        raise RowError(MONTH, f"应写作 2024-06，不是“{month}”")
    return month, value


def _write_all(
    session: Session, plan: Plan, checked: list[CheckedProject], who: str, why: str
) -> None:
    """New projects in one INSERT after the plan's last position; stored ones updated."""
    position = len(session.scalars(select(Project.id).where(Project.plan_id == plan.id)).all())
    new = [item for item in checked if item.existing is None]
    rows = [
        {
            "plan_id": plan.id,
            "position": position + n,
            "name": item.name,
            "completed_investment": dict([item.completed]) if item.completed else {},
            "extra": {},
            **dict.fromkeys(FIELDS),
            **item.values,
        }
        for n, item in enumerate(new)
    ]
    ids = insert_logged(session, Project, rows, "name", who, why)
    done = [(i, row) for i, row in zip(ids, rows, strict=True) if row["completed_investment"]]
    log_first(
        session,
        Project,
        [i for i, _ in done],
        "completed_investment",
        [row["completed_investment"] for _, row in done],
        who,
        why,
    )
    for item in checked:
        if item.existing is not None:
            _update(session, item.existing, item, who, why)


def _update(session: Session, row: Project, item: CheckedProject, who: str, why: str) -> None:
    for field, value in item.values.items():
        set_field(session, row, field, value, who, why)
    if item.completed is not None:
        month, value = item.completed
        progress = {**(row.completed_investment or {}), month: value}
        set_field(session, row, "completed_investment", progress, who, why)


def write_template(path: Path) -> Path:
    """An empty project list with the columns, and (in .xlsx) a sheet explaining them."""
    return write_sheet_template(path, "项目清单", COLUMNS, EXPLANATIONS)
