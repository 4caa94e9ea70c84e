"""A planner gives an indicator, project or task to a department, which then reports on it.

The store has no lead department for indicators, and a project's or task's
lead unit is only the text the report printed. An :class:`Assignment` (one
department per item) is what lets a department user enter an indicator's
actual, or report on a project or task led by a unit under another name.
Assigning, re-assigning and removing are logged in the change log on the item
itself (field ``assigned_department``), so they show in its history.
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import now
from jihua.store.schema import Change, Indicator, Project, Task
from jihua.web.auth import CurrentUser, department_named
from jihua.web.models import ANCHORS, Assignment, Department
from jihua.web.permissions import require_planner
from jihua.web.plans import NotFound

ITEM_MODELS: dict[str, type[Indicator] | type[Project] | type[Task]] = {
    "indicators": Indicator,
    "projects": Project,
    "tasks": Task,
}
ITEM_WORDS = {"indicators": "指标", "projects": "项目", "tasks": "任务"}


def assigned_department(session: Session, table: str, row_id: int) -> str | None:
    return session.scalar(
        select(Department.name)
        .join(Assignment, Assignment.department_id == Department.id)
        .where(Assignment.table_name == table, Assignment.row_id == row_id)
    )


def assigned_rows(session: Session, table: str, department: str) -> set[int]:
    """Ids of the items of one kind assigned to ``department``."""
    return set(
        session.scalars(
            select(Assignment.row_id)
            .join(Department, Assignment.department_id == Department.id)
            .where(Assignment.table_name == table, Department.name == department)
        )
    )


def department_names(session: Session) -> list[str]:
    return list(session.scalars(select(Department.name).order_by(Department.name)))


def assign(engine: Engine, user: CurrentUser, table: str, row_id: int, department: str) -> None:
    """Give the item to ``department`` (a new name makes the department); empty removes it."""
    require_planner(user, "指派牵头部门")
    if table not in ANCHORS:
        raise UserError(f"只能指派指标、项目或任务，不是 {table}")
    department = department.strip()
    if len(department) > 100:
        raise UserError("部门名称不超过 100 字")
    with Session(engine) as session, session.begin():
        if session.get(ITEM_MODELS[table], row_id) is None:
            raise NotFound(f"没有编号为 {row_id} 的{ITEM_WORDS[table]}")
        row = session.scalar(
            select(Assignment).where(Assignment.table_name == table, Assignment.row_id == row_id)
        )
        old = assigned_department(session, table, row_id)
        if old == (department or None):
            return
        _write(session, row, table, row_id, department, user.name)
        session.add(
            Change(
                at=now(),
                who=user.name,
                table_name=table,
                row_id=row_id,
                field="assigned_department",
                old=old,
                new=department or None,
                why="网页指派牵头部门" if department else "网页取消指派",
            )
        )


def _write(
    session: Session,
    row: Assignment | None,
    table: str,
    row_id: int,
    department: str,
    who: str,
) -> None:
    if not department:
        if row is not None:
            session.delete(row)
        return
    dept = department_named(session, department)
    if row is None:
        row = Assignment(table_name=table, row_id=row_id)
        session.add(row)
    row.department_id, row.assigned_by, row.assigned_at = dept.id, who, now()
