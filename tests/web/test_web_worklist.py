"""我的填报 for a department, 待回复意见 with its count for a planner."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.store.example_year import load_example_year
from jihua.store.schema import Indicator, Plan, Region
from tests.web.conftest import OTHER_UNIT, OWN_UNIT, project_ids
from tests.web.test_web_assignments import DEPARTMENT, assign


def unreported_indicator(engine: Engine) -> tuple[int, str]:
    """An indicator of the latest plan, which has no actuals yet."""
    with Session(engine) as session:
        row = session.execute(
            select(Indicator.id, Indicator.name)
            .join(Plan, Indicator.plan_id == Plan.id)
            .where(Indicator.parent_id.is_(None))
            .order_by(Plan.year.desc(), Indicator.position)
        ).first()
    assert row is not None
    return int(row[0]), str(row[1])


def my_rows(text: str) -> dict[tuple[str, str], str]:
    """(kind, id) → the row's class (due or done) on 我的填报."""
    rows = re.findall(r'<tr class="(due|done)" data-kind="(\w+)" data-id="(\d+)"', text)
    return {(kind, row_id): state for state, kind, row_id in rows}


def test_my_items_lists_assigned_and_led_items_with_what_is_due(
    engine: Engine, app_for: Any
) -> None:
    indicator, name = unreported_indicator(engine)
    assign(app_for("planner"), "indicators", indicator, DEPARTMENT)
    page = app_for("department").client.get("/my")
    assert page.status_code == 200
    rows = my_rows(page.text)
    projects = project_ids(engine)
    assert rows[("indicators", str(indicator))] == "due"
    assert rows[("projects", str(projects[OWN_UNIT]))] == "due"  # led by 区经济信息委
    assert ("projects", str(projects[OTHER_UNIT])) not in rows
    assert name in page.text and "尚无完成值" in page.text


def test_saving_from_my_items_returns_to_it_marked_done(engine: Engine, app_for: Any) -> None:
    project = project_ids(engine)[OWN_UNIT]
    department = app_for("department")
    version = re.search(
        rf'action="/projects/{project}/investment".*?name="read_version" value="(\d+)"',
        department.client.get("/my").text,
        re.S,
    )
    assert version is not None
    saved = department.form(
        f"/projects/{project}/investment",
        month="2024-03",
        amount="1.25",
        read_version=version.group(1),
        back="/my",
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/my"
    page = department.client.get("/my").text
    assert my_rows(page)[("projects", str(project))] == "done"
    assert "2024-03 累计完成 1.25 亿元" in page


def test_a_task_reported_from_my_items_shows_its_month_and_status(
    engine: Engine, app_for: Any
) -> None:
    load_example_year(engine)  # the 2024 plan, with tasks its units lead
    department = app_for("department")
    page = department.client.get("/my").text
    task = re.search(r'action="/tasks/(\d+)/progress"', page)
    assert task is not None
    saved = department.form(
        f"/tasks/{task.group(1)}/progress",
        month="2024-11",  # after the example's months
        status="推进中",
        note="完成设备招标",
        read_month="",
        read_version="0",
        back="/my",
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/my"
    page = department.client.get("/my").text
    assert my_rows(page)[("tasks", task.group(1))] == "done"
    assert "2024-11 推进中：完成设备招标" in page


def test_a_save_never_returns_to_another_site(engine: Engine, app_for: Any) -> None:
    project = project_ids(engine)[OWN_UNIT]
    department = app_for("department")
    saved = department.form(
        f"/projects/{project}/investment",
        month="2024-03",
        amount="1",
        read_version="1",
        back="//evil.example/",
    )
    assert saved.headers["location"] == "/"


def test_other_roles_have_no_items(app_for: Any) -> None:
    page = app_for("reviewer").client.get("/my").text
    assert "我的填报" in page and 'id="my-items"' not in page
    assert 'id="nav-my"' not in page


def test_planner_sees_open_comments_counted_in_the_navigation(engine: Engine, app_for: Any) -> None:
    indicator, name = unreported_indicator(engine)
    reviewer, planner = app_for("reviewer"), app_for("planner")
    assert 'id="nav-comments">待回复意见</a>' in planner.client.get("/").text
    for body in ("口径与上年不一致，请核实", "请补充数据来源"):
        reviewer.form("/comments", table="indicators", row_id=str(indicator), body=body, back="/")
    home = planner.client.get("/").text
    assert re.search(r'id="nav-comments">待回复意见 <span class="badge"[^>]*>2</span>', home)
    assert 'id="nav-comments"' not in reviewer.client.get("/").text
    listed = planner.client.get("/comments").text
    assert name in listed and "请补充数据来源" in listed
    first = re.search(r'action="/comments/(\d+)/answer"', listed)
    assert first is not None
    answered = planner.form(f"/comments/{first.group(1)}/answer", answer="已核实", back="/comments")
    assert answered.headers["location"] == "/comments"
    after = planner.client.get("/comments").text
    assert re.search(r'待回复意见 <span class="badge"[^>]*>1</span>', after)
    assert after.count('class="comment state-open"') == 1


def test_a_departments_items_are_marked_on_the_plan_pages(engine: Engine, app_for: Any) -> None:
    indicator, _ = unreported_indicator(engine)
    assign(app_for("planner"), "indicators", indicator, DEPARTMENT)
    department = app_for("department")
    with Session(engine) as session:
        region, year = session.execute(
            select(Region.name, Plan.year)
            .join(Plan, Plan.region_id == Region.id)
            .join(Indicator, Indicator.plan_id == Plan.id)
            .where(Indicator.id == indicator)
        ).one()
    dashboard = department.client.get(f"/plans/{region}/{year}").text
    row = re.search(rf'<a href="/indicators/{indicator}">.*?</td>', dashboard, re.S)
    assert row is not None and "本部门填报" in row.group(0)
    assert dashboard.count("本部门填报") == 1
    assert "本部门填报" not in app_for("planner").client.get(f"/plans/{region}/{year}").text


def test_a_projects_month_typed_full_width_is_stored_as_that_month(
    engine: Engine, app_for: Any
) -> None:
    project = project_ids(engine)[OWN_UNIT]
    department = app_for("department")
    saved = department.form(
        f"/projects/{project}/investment", month="20２４－０５", amount="0.5", read_version="1"
    )
    assert saved.status_code == 303
    assert "2024-05 累计完成 0.5 亿元" in department.client.get("/my").text


def test_the_forms_of_a_reported_task_hold_its_status_and_note(
    engine: Engine, app_for: Any
) -> None:
    load_example_year(engine)
    department = app_for("department")
    task = re.search(r'action="/tasks/(\d+)/progress"', department.client.get("/my").text)
    assert task is not None
    saved = department.form(
        f"/tasks/{task.group(1)}/progress", month="2024-11", status="滞后", note="征地尚未完成"
    )
    assert saved.status_code == 303
    mine = department.client.get("/my").text
    form = re.search(rf'action="/tasks/{task.group(1)}/progress".*?</form>', mine, re.S)
    assert form is not None
    assert "<option selected>滞后</option>" in form.group(0)
    assert 'value="征地尚未完成"' in form.group(0)  # a status changed alone keeps the note
    page = department.client.get(f"/tasks/{task.group(1)}").text
    assert "<option selected>滞后</option>" in page
    assert re.search(r'<textarea name="note"[^>]*>征地尚未完成</textarea>', page)
