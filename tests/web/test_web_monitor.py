"""The 调度 page: the example year by colour, entries by who may make them, refusals."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.store.example_year import load_example_year
from jihua.store.schema import Indicator, Plan, Task, TaskProgress

PAGE = "/plans/涪陵区/2024/monitor"


@pytest.fixture
def example(engine: Engine) -> Engine:
    assert load_example_year(engine) == 99
    return engine


def _ids(engine: Engine, model: Any, **where: str) -> int:
    with Session(engine) as session:
        plan = session.scalars(select(Plan.id).where(Plan.year == 2024)).one()
        query = select(model.id).where(model.plan_id == plan)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return int(session.scalars(query).first())


def test_the_page_shows_the_period_by_colour_with_reasons(example: Engine, app_for: Any) -> None:
    html = app_for("reviewer").client.get(PAGE).text
    assert "涪陵区2024年1-6月经济运行调度" in html
    assert "示例数据（非官方统计）" in html
    assert "1-6月完成9个，为年度目标的30.0%，低于序时进度50.0%" in html
    assert html.count('<tr data-status="red">') == 6
    assert "涪陵康复康养中心建设" in html and "区文化旅游委、区林业局、区财政局" in html
    assert "<svg" in html
    assert 'id="value-form"' not in html  # a reviewer enters nothing


def test_the_page_says_who_has_not_reported_as_the_report_does(
    example: Engine, app_for: Any
) -> None:
    html = app_for("reviewer").client.get(PAGE).text
    assert '<p id="not-reported">未报送进展的单位：' in html
    assert html.count('id="note-1"') == 1 and 'id="example-note"' not in html
    with Session(example) as session:  # the year's tasks: none left
        plan = session.scalars(select(Plan.id).where(Plan.year == 2024)).one()
        tasks = select(Task.id).where(Task.plan_id == plan)
        session.execute(TaskProgress.__table__.delete().where(TaskProgress.task_id.in_(tasks)))
        session.execute(Task.__table__.delete().where(Task.plan_id == plan))
        session.commit()
    html = app_for("reviewer").client.get(PAGE).text
    assert '<p id="not-reported">本期无重点任务进展数据。</p>' in html
    assert "各牵头单位均已报送" not in html


def test_the_dashboard_links_to_the_page(example: Engine, app_for: Any) -> None:
    html = app_for("planner").client.get("/plans/涪陵区/2024").text
    assert '/2024/monitor" id="nav-monitor">调度</a>' in html


def test_an_earlier_month_is_chosen_by_the_period(example: Engine, app_for: Any) -> None:
    html = app_for("planner").client.get(PAGE, params={"period": "2024-03"}).text
    assert "1-3月经济运行调度" in html and "1-3月增长5.9%" in html
    assert app_for("planner").client.get(PAGE, params={"period": "2024-13"}).status_code == 400


def test_a_planner_enters_a_monthly_value_and_the_page_follows(
    example: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    indicator = _ids(example, Indicator, name="全社会研发经费支出增速")
    answer = planner.form(
        f"{PAGE}/values", indicator_id=indicator, period="1-6月", value="11.5", kind="growth"
    )
    assert answer.status_code == 303
    html = planner.client.get(PAGE).text
    assert "1-6月增长11.5%，高于目标增长10%" in html


def test_a_department_enters_only_what_it_leads(example: Engine, app_for: Any) -> None:
    department = app_for("department")
    indicator = _ids(example, Indicator, name="地区生产总值增速")
    refused = department.form(
        f"{PAGE}/values", indicator_id=indicator, period="1-6月", value="9", kind="growth"
    )
    assert refused.status_code == 403 and "无权修改" in refused.text
    own = _ids(example, Task, lead_department="区经济信息委")
    other = _ids(example, Task, lead_department="区财政局")
    reported = department.form(
        f"{PAGE}/tasks/{own}", month="2024-06", status="滞后", note="设备到货推迟"
    )
    assert reported.status_code == 303
    assert "滞后" in department.client.get(PAGE).text
    refused = department.form(f"{PAGE}/tasks/{other}", month="2024-06", status="推进中")
    assert refused.status_code == 403


def test_progress_reported_on_the_task_page_is_the_monitorings_and_the_lists(
    example: Engine, app_for: Any
) -> None:
    department = app_for("department")
    own = _ids(example, Task, lead_department="区经济信息委")
    page = department.client.get(f"/tasks/{own}").text
    assert 'name="month"' in page and 'name="status"' in page
    reported = department.form(
        f"/tasks/{own}/progress", month="2024-10", status="滞后", note="厂房验收延期至12月"
    )
    assert reported.status_code == 303
    monitored = department.client.get(PAGE, params={"period": "2024-10"}).text
    assert "厂房验收延期至12月" in monitored
    listed = department.client.get("/plans/涪陵区/2024/tasks").text
    assert "2024-10 滞后：厂房验收延期至12月" in listed  # the latest month, after the example's
    shown = department.client.get(f"/tasks/{own}").text
    assert "厂房验收延期至12月" in shown and "各月进展" in shown
    history = shown[shown.index("修改记录") :]
    assert "任务进展" in history and "填报任务进展 2024-10" in history  # the task's own log


def test_a_report_on_a_month_another_changed_meanwhile_is_refused(
    example: Engine, app_for: Any
) -> None:
    department = app_for("department")
    own = _ids(example, Task, lead_department="区经济信息委")
    first = {"month": "2024-08", "status": "推进中", "read_month": "2024-08", "read_version": "0"}
    assert department.form(f"/tasks/{own}/progress", **first, note="设备进场").status_code == 303
    stale = department.form(f"/tasks/{own}/progress", **first, note="另一人填的说明")
    assert stale.status_code == 409
    typed = {**first, "month": "２０２４－０８"}  # the same month, typed full width
    stale = department.form(f"/tasks/{own}/progress", **typed, note="另一人填的说明")
    assert stale.status_code == 409
    shown = department.client.get(f"/tasks/{own}").text
    assert "设备进场" in shown and "另一人填的说明" not in shown


def test_a_wrong_month_or_status_is_told_in_chinese(example: Engine, app_for: Any) -> None:
    department = app_for("department")
    own = _ids(example, Task, lead_department="区经济信息委")
    month = department.form(f"/tasks/{own}/progress", month="六月", status="推进中")
    assert month.status_code == 400 and "2024-06" in month.text
    status = department.form(f"/tasks/{own}/progress", month="2024-06", status="差不多")
    assert status.status_code == 400 and "未启动" in status.text


def test_the_api_gives_the_monitor_contract(example: Engine, app_for: Any) -> None:
    client = app_for("reviewer").client
    data = client.get("/api/plans/涪陵区/2024/monitor", params={"period": "2024-03"}).json()
    assert (data["period"], data["time_progress"]) == ("2024-01..03", 25.0)
    assert client.get("/api/plans/涪陵区/2024/monitor").json()["period"] == "2024-01..06"
    assert client.get("/api/plans/无此区/2024/monitor").status_code == 404
    assert client.get("/api/plans/涪陵区/2024/monitor", params={"period": "6月"}).status_code == 422


def test_the_api_lists_a_tasks_latest_monthly_report(example: Engine, app_for: Any) -> None:
    department = app_for("department")
    own = _ids(example, Task, lead_department="区经济信息委")
    reported = department.form(
        f"/tasks/{own}/progress", month="2024-11", status="已完成", note="二期厂房已通过验收"
    )
    assert reported.status_code == 303
    areas = department.client.get("/api/plans/涪陵区/2024/tasks").json()["areas"]
    task = next(t for area in areas for t in area["tasks"] if t["id"] == own)
    assert task["progress"] == "2024-11 已完成：二期厂房已通过验收"
    assert task["report"] == {
        "month": "2024-11",
        "status": "已完成",
        "note": "二期厂房已通过验收",
        "version": 1,
    }


def test_a_month_typed_in_full_width_digits_is_that_month(example: Engine, app_for: Any) -> None:
    department = app_for("department")
    own = _ids(example, Task, lead_department="区经济信息委")
    typed = department.form(f"/tasks/{own}/progress", month="２０２４－０９", status="推进中")
    assert typed.status_code == 303
    with Session(example) as session:
        months = session.scalars(select(TaskProgress.period).where(TaskProgress.task_id == own))
        assert "2024-09" in set(months)
    for wrong in ("0000-06", "２０２４-13"):
        refused = department.form(f"/tasks/{own}/progress", month=wrong, status="推进中")
        assert refused.status_code == 400 and "2024-06" in refused.text
