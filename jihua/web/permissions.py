"""Who may change what. Checked on the server for every write; pages only mirror it.

=============  ==========================================================
role           may write
=============  ==========================================================
planner        every indicator actual, project, task; uploads; assignments; answers comments
department     projects and tasks whose lead unit is its department, and the
               indicators (actuals), projects and tasks assigned to it
reviewer       comments only (reads everything, with history)
admin          users and departments
=============  ==========================================================

A department "leads" a project when one of the units named in its lead-unit
field (split on 、，, ；) is the department, or contains its name
(``区经济信息委`` is led by ``经济信息委``), or when a planner assigned the item
to the department (:mod:`jihua.web.assignments`).
"""

from __future__ import annotations

import re

from jihua.errors import UserError
from jihua.web.auth import CurrentUser

_UNIT_SEPARATORS = re.compile(r"[、，,；;/\s]+")


class Refused(UserError):
    """The user's role or department does not allow this write (HTTP 403)."""


def leads(department: str | None, lead_unit: str | None) -> bool:
    if not department or not lead_unit:
        return False
    units = [unit for unit in _UNIT_SEPARATORS.split(lead_unit) if unit]
    return any(unit == department or department in unit for unit in units)


def may_edit_led(user: CurrentUser, lead_unit: str | None, assigned: str | None = None) -> bool:
    if user.role == "planner":
        return True
    if user.role != "department" or not user.department:
        return False
    return assigned == user.department or leads(user.department, lead_unit)


def require_led(
    user: CurrentUser, lead_unit: str | None, what: str, assigned: str | None = None
) -> None:
    if not may_edit_led(user, lead_unit, assigned):
        led_by = assigned or lead_unit or "未指定单位"
        raise Refused(
            f"无权修改{what}：它由“{led_by}”牵头，"
            f"你是{user.role_name}（{user.department or user.name}）"
        )


def require_planner(user: CurrentUser, action: str) -> None:
    if user.role != "planner":
        raise Refused(f"只有计划科用户可以{action}（你是{user.role_name}）")


def require_admin(user: CurrentUser) -> None:
    if user.role != "admin":
        raise Refused(f"只有管理员可以管理用户（你是{user.role_name}）")


def require_commenter(user: CurrentUser) -> None:
    if user.role == "admin":
        raise Refused("管理员账户不参与审阅意见")
