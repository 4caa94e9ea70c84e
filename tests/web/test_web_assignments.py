"""A planner assigns indicators, projects and tasks to departments; the department then reports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.store.schema import Change, Indicator, Task
from tests.web.conftest import Browser

DEPARTMENT = "经济信息委"  # the test department user's


def indicator_id(engine: Engine, name: str) -> int:
    with Session(engine) as session:
        found = session.scalar(
            select(Indicator.id).where(Indicator.name == name).order_by(Indicator.id)
        )
    assert found is not None
    return int(found)


def assign(planner: Browser, table: str, row_id: int, department: str) -> Any:
    return planner.form(
        "/assignments", table=table, row_id=str(row_id), department=department, back="/"
    )


def test_department_enters_the_actual_of_an_indicator_assigned_to_it(
    engine: Engine, app_for: Any
) -> None:
    gdp, other = (indicator_id(engine, n) for n in ("地区生产总值增速", "农业增加值增速"))
    assert assign(app_for("planner"), "indicators", gdp, DEPARTMENT).status_code == 303
    department = app_for("department")
    page = department.client.get(f"/indicators/{gdp}")
    assert f'id="assigned">{DEPARTMENT}<' in page.text and "录入完成值" in page.text
    saved = department.put(f"/api/indicators/{gdp}/actual", {"text": "6.2", "vintage": "快报"})
    assert saved.status_code == 200 and saved.json()["text"] == "6.2"
    refused = department.put(f"/api/indicators/{other}/actual", {"text": "1", "vintage": "快报"})
    assert refused.status_code == 403 and "无权修改指标“农业增加值增速”" in refused.json()["detail"]
    assert "录入完成值" not in department.client.get(f"/indicators/{other}").text


def test_a_department_actual_is_version_checked_and_logged(engine: Engine, app_for: Any) -> None:
    gdp = indicator_id(engine, "地区生产总值增速")
    assign(app_for("planner"), "indicators", gdp, DEPARTMENT)
    department = app_for("department")
    first = department.put(f"/api/indicators/{gdp}/actual", {"text": "6.2", "vintage": "快报"})
    version = first.json()["version"]
    second = department.put(
        f"/api/indicators/{gdp}/actual",
        {"text": "6.3", "vintage": "快报", "read_version": version},
    )
    assert second.status_code == 200
    stale = department.put(
        f"/api/indicators/{gdp}/actual",
        {"text": "6.4", "vintage": "快报", "read_version": version},
    )
    assert stale.status_code == 409 and "6.3" in stale.json()["detail"]
    history = app_for("reviewer").client.get(f"/indicators/{gdp}").text
    assert "department" in history and "牵头部门" in history  # the change log in words
    assert "assigned_department" not in history


def test_assigning_a_task_lets_the_department_report_its_progress(
    engine: Engine, app_for: Any
) -> None:
    with Session(engine) as session:
        task = session.scalars(select(Task).order_by(Task.id)).first()
        assert task is not None
        task_id = task.id
    department = app_for("department")
    note = {"month": "2024-04", "status": "推进中", "note": "已开工"}
    assert department.form(f"/tasks/{task_id}/progress", **note).status_code == 403
    assign(app_for("planner"), "tasks", task_id, DEPARTMENT)
    assert department.form(f"/tasks/{task_id}/progress", **note).status_code == 303


def test_removing_an_assignment_takes_the_right_away_and_is_logged(
    engine: Engine, app_for: Any
) -> None:
    gdp = indicator_id(engine, "地区生产总值增速")
    planner = app_for("planner")
    assign(planner, "indicators", gdp, DEPARTMENT)
    assign(planner, "indicators", gdp, "")
    refused = app_for("department").put(
        f"/api/indicators/{gdp}/actual", {"text": "6.2", "vintage": "快报"}
    )
    assert refused.status_code == 403
    with Session(engine) as session:
        logged = session.scalars(
            select(Change.new).where(
                Change.table_name == "indicators",
                Change.row_id == gdp,
                Change.field == "assigned_department",
            )
        ).all()
    assert logged == [DEPARTMENT, None]


def test_only_planners_assign(engine: Engine, app_for: Any) -> None:
    gdp = indicator_id(engine, "地区生产总值增速")
    for role in ("department", "reviewer", "admin"):
        response = assign(app_for(role), "indicators", gdp, DEPARTMENT)
        assert response.status_code == 403 and "只有计划科" in response.text
