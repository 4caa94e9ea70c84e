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
ENVIRONMENT.globals.update(roles=ROLES, comment_states=COMMENT_STATES, kinds=FACT_KINDS)
ENVIRONMENT.filters["yi"] = lambda value: "" if value is None else f"{value:,.2f}"


def page(
    request: Request,
    template: str,
    user: CurrentUser | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    html = ENVIRONMENT.get_template(template).render(
        request=request, user=user, csrf_token=csrf_token(request), **context
    )
    return HTMLResponse(html, status_code=status_code)
