"""Templates: Jinja2 with autoescape on, every page given the user and the CSRF token."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from jihua.web.auth import CurrentUser
from jihua.web.csrf import csrf_token
from jihua.web.models import COMMENT_STATES, ROLES
from jihua.web.worklist import open_comment_count

_TEMPLATES = str(resources.files("jihua.web").joinpath("templates"))
ENVIRONMENT = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True)
FACT_KINDS = {
    "level": "总量",
    "growth": "增速",
    "share": "占比",
    "change": "变化",
    "completion": "完成进度",
    "other": "其他",
}
#: the change log keeps table and field names and a coded reason; a page shows them in words
CHANGED_TABLES = {
    "targets": "目标",
    "target_vintages": "目标口径",
    "actuals": "实绩",
    "grades": "评价",
    "indicators": "指标",
    "facts": "文中数字",
    "projects": "项目",
    "project_groups": "项目组",
    "project_breakdowns": "项目分类",
    "investments": "完成投资",
    "tasks": "任务",
    "task_progress": "任务进展",
    "periodic_values": "月度数据",
    "periodic_revisions": "月度数据历次版本",
    "assignments": "指派",
    "plans": "计划",
    "documents": "文件",
}
CHANGED_FIELDS = {
    "text": "内容",
    "value": "数值",
    "label": "名称",
    "name": "名称",
    "title": "标题",
    "indicator": "指标",
    "vintage": "口径",
    "note": "说明",
    "status": "状态",
    "amount": "金额",
    "completed_investment": "完成投资",
    "planned_start": "计划开工",
    "started": "实际开工",
    "assigned_department": "牵头部门",
    "progress": "进展",
    "reason": "理由",
}
_WHY = (
    ("ingest ", "导入报告 "),
    ("import ", "导入文件 "),
    ("actual set ", "填报实绩 "),
    ("periodic set ", "填报月度数据 "),
    ("task progress ", "填报任务进展 "),
)


def change_reason(why: str | None) -> str:
    """A change's coded reason (``ingest 报告.txt``, ``actual set 快报：…``) in words."""
    why = why or ""
    for code, words in _WHY:
        if why.startswith(code):
            return words + why[len(code) :]
    return why


ENVIRONMENT.globals.update(roles=ROLES, comment_states=COMMENT_STATES, kinds=FACT_KINDS)
ENVIRONMENT.filters["changed_table"] = lambda name: CHANGED_TABLES.get(name, name)
ENVIRONMENT.filters["changed_field"] = lambda name: CHANGED_FIELDS.get(name, name)
ENVIRONMENT.filters["change_reason"] = change_reason
ENVIRONMENT.filters["yi"] = lambda value: "" if value is None else f"{value:,.2f}"
#: an amount not stated is unknown, never 0 or a bare unit
ENVIRONMENT.filters["yi_or_unknown"] = lambda value: (
    "未知" if value is None else f"{value:,.2f} 亿元"
)


def page(
    request: Request,
    template: str,
    user: CurrentUser | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    waiting = None
    if user is not None and user.role == "planner":
        waiting = open_comment_count(request.app.state.engine)  # the navigation's count
    html = ENVIRONMENT.get_template(template).render(
        request=request, user=user, csrf_token=csrf_token(request), open_count=waiting, **context
    )
    return HTMLResponse(html, status_code=status_code)
