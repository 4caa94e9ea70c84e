"""Every write route × every role: allowed or refused (403), checked on the server."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.example import EXAMPLE, example_document
from jihua.store.schema import Indicator, Project, Task
from jihua.web.assignments import assign
from jihua.web.auth import CurrentUser, add_user
from jihua.web.editing import add_comment
from jihua.web.models import Comment
from tests.web.conftest import OTHER_UNIT, OWN_UNIT, ROLES, Browser, project_ids

EXAMPLE_BYTES = example_document().text.encode()


def _version(engine: Engine, model: Any, row_id: int) -> int:
    with Session(engine) as session:
        return int(session.get_one(model, row_id).version)


def _first(engine: Engine, model: Any) -> int:
    with Session(engine) as session:
        return int(session.scalars(select(model.id).order_by(model.id)).first())


def _comment(engine: Engine) -> int:
    add_comment(engine, CurrentUser("reviewer", "reviewer", None), "indicators", 1, "请说明")
    with Session(engine) as session:
        return int(session.scalars(select(Comment.id).order_by(Comment.id.desc())).first())


def actual_form(b: Browser, e: Engine) -> Any:
    return b.form(f"/indicators/{_first(e, Indicator)}/actual", text="7.6", vintage="快报")


def actual_api(b: Browser, e: Engine) -> Any:
    return b.put(
        f"/api/indicators/{_first(e, Indicator)}/actual", {"text": "7.6", "vintage": "年报"}
    )


def assigned_indicator(e: Engine) -> int:
    """The first indicator, assigned to the department user's department."""
    indicator = _first(e, Indicator)
    assign(e, CurrentUser("planner", "planner", None), "indicators", indicator, "经济信息委")
    return indicator


def unassigned_indicator(e: Engine) -> int:
    with Session(e) as session:
        return int(session.scalars(select(Indicator.id).order_by(Indicator.id.desc())).first())


def actual_api_on(pick: Callable[[Engine], int]) -> Callable[[Browser, Engine], Any]:
    def write(b: Browser, e: Engine) -> Any:
        return b.put(f"/api/indicators/{pick(e)}/actual", {"text": "7.6", "vintage": "年报"})

    return write


def actual_form_on(pick: Callable[[Engine], int]) -> Callable[[Browser, Engine], Any]:
    def write(b: Browser, e: Engine) -> Any:
        return b.form(f"/indicators/{pick(e)}/actual", text="7.6", vintage="快报")

    return write


def assign_form(b: Browser, e: Engine) -> Any:
    return b.form(
        "/assignments", table="projects", row_id=str(_first(e, Project)), department="商务委"
    )


def investment_form(unit: str) -> Callable[[Browser, Engine], Any]:
    def write(b: Browser, e: Engine) -> Any:
        pid = project_ids(e)[unit]
        return b.form(
            f"/projects/{pid}/investment",
            month="2024-03",
            amount="0.5",
            read_version=str(_version(e, Project, pid)),
        )

    return write


def investment_api(unit: str) -> Callable[[Browser, Engine], Any]:
    def write(b: Browser, e: Engine) -> Any:
        pid = project_ids(e)[unit]
        return b.put(
            f"/api/projects/{pid}/completed-investment",
            {"month": "2024-04", "amount": 0.7, "read_version": _version(e, Project, pid)},
        )

    return write


def task_form(b: Browser, e: Engine) -> Any:
    tid = _first(e, Task)
    return b.form(
        f"/tasks/{tid}/progress", month="2024-03", status="推进中", note="已完成一季度目标"
    )


def upload_form(b: Browser, e: Engine) -> Any:
    return b.client.post(
        "/upload",
        data={"csrf_token": b.token},
        files={"file": (EXAMPLE, EXAMPLE_BYTES, "text/plain")},
    )


def upload_api(b: Browser, e: Engine) -> Any:
    return b.client.post(
        "/api/documents",
        headers={"X-CSRF-Token": b.token},
        files={"file": (EXAMPLE, EXAMPLE_BYTES, "text/plain")},
    )


def users_form(b: Browser, e: Engine) -> Any:
    return b.form("/users", name=f"new-{b.token[:6]}", role="reviewer", password="long-enough-1")


def comment_form(b: Browser, e: Engine) -> Any:
    return b.form("/comments", table="indicators", row_id="1", body="数据口径？", back="/")


def answer_form(b: Browser, e: Engine) -> Any:
    return b.form(f"/comments/{_comment(e)}/answer", answer="按统计快报", back="/")


MATRIX: dict[str, tuple[Callable[[Browser, Engine], Any], set[str]]] = {
    "actual (page)": (actual_form, {"planner"}),
    "actual (API)": (actual_api, {"planner"}),
    "assigned indicator's actual (page)": (
        actual_form_on(assigned_indicator),
        {"planner", "department"},
    ),
    "assigned indicator's actual (API)": (
        actual_api_on(assigned_indicator),
        {"planner", "department"},
    ),
    "unassigned indicator's actual (API)": (actual_api_on(unassigned_indicator), {"planner"}),
    "assign to a department": (assign_form, {"planner"}),
    "own project investment (page)": (investment_form(OWN_UNIT), {"planner", "department"}),
    "other's project investment (page)": (investment_form(OTHER_UNIT), {"planner"}),
    "own project investment (API)": (investment_api(OWN_UNIT), {"planner", "department"}),
    "other's project investment (API)": (investment_api(OTHER_UNIT), {"planner"}),
    "task progress (not the department's)": (task_form, {"planner"}),
    "upload (page)": (upload_form, {"planner"}),
    "upload (API)": (upload_api, {"planner"}),
    "add user": (users_form, {"admin"}),
    "comment": (comment_form, {"planner", "department", "reviewer"}),
    "answer a comment": (answer_form, {"planner"}),
}


@pytest.mark.parametrize("route", list(MATRIX))
def test_every_write_route_allows_exactly_its_roles(
    route: str, engine: Engine, app_for: Any
) -> None:
    write, allowed = MATRIX[route]
    outcome = {}
    for role in ROLES:
        response = write(app_for(role), engine)
        outcome[role] = response.status_code
        if role in allowed:
            assert response.status_code in (200, 303), (role, response.text[:300])
        else:
            assert response.status_code == 403, (role, response.status_code)
            assert "无权" in response.text or "只有" in response.text or "不参与" in response.text
    assert set(outcome) == set(ROLES)


def test_anonymous_writes_are_refused(engine: Engine, app_for: Any) -> None:
    browser = app_for()
    browser.login("nobody", "wrong-password")
    assert actual_api(browser, engine).status_code == 401
    assert investment_form(OWN_UNIT)(browser, engine).status_code == 303  # to the login page


def test_department_edit_is_logged_with_its_name(engine: Engine, app_for: Any) -> None:
    department = app_for("department")
    assert investment_api(OWN_UNIT)(department, engine).status_code == 200
    reviewer = app_for("reviewer")
    page = reviewer.client.get(f"/projects/{project_ids(engine)[OWN_UNIT]}")
    assert "department" in page.text and "网页修改完成投资 2024-04" in page.text


def test_a_user_needs_a_valid_role_and_a_department_for_department_role(engine: Engine) -> None:
    from jihua.errors import UserError

    with pytest.raises(UserError, match="部门"):
        add_user(engine, "x", "department", "long-enough-1")
    with pytest.raises(UserError, match="未知角色"):
        add_user(engine, "y", "boss", "long-enough-1")


def test_every_api_read_needs_a_login_however_its_handler_checks_it(
    engine: Engine, app_for: Any
) -> None:
    """The login is a dependency of most routes and a call inside a few (the plan's one
    trip to the thread pool): every one refuses a request without a live login."""
    anonymous, planner = app_for(), app_for("planner")
    values = {"region": "涪陵区", "year": "2023"}
    paths = planner.client.get("/openapi.json").json()["paths"]
    reads = [path for path, operations in paths.items() if "get" in operations]
    assert "/api/plans/{region}/{year}" in reads
    for template in reads:
        path = re.sub(r"\{(\w+)\}", lambda found: values.get(found.group(1), "1"), template)
        assert planner.client.get(path).status_code != 401, path
        refused = anonymous.client.get(path)
        assert refused.status_code == 401 and "请先登录" in refused.json()["detail"], path
        forged = anonymous.client.get(path, headers={"Authorization": "Bearer jihua_forged"})
        assert forged.status_code == 401, path
