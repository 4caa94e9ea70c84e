"""The application object: ``create_app(engine)`` gives a FastAPI app over one store.

Pages (``jihua.web.views``, one module per page family) and the JSON API under
``/api/`` share the same library calls. A :class:`jihua.errors.UserError`
becomes a 4xx with its Chinese message: 400 in general, 401 not logged in,
403 refused, 404 not found, 409 edit conflict, 413 too large.
"""

from __future__ import annotations

import os
import secrets
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from jihua.errors import UserError
from jihua.evaluate import load_rules
from jihua.store.changes import EditConflict
from jihua.web.auth import LoginRequired, logged_in
from jihua.web.csrf import CsrfRefused
from jihua.web.permissions import Refused
from jihua.web.plans import NotFound
from jihua.web.rendering import page
from jihua.web.uploads import TooLarge
from jihua.web.views.api import router as api_router
from jihua.web.views.assignments import router as assignments_router
from jihua.web.views.audit import router as audit_router
from jihua.web.views.dashboard import router as dashboard_router
from jihua.web.views.downloads import router as downloads_router
from jihua.web.views.indicators import router as indicators_router
from jihua.web.views.login import router as login_router
from jihua.web.views.monitor import api_router as monitor_api_router
from jihua.web.views.monitor import router as monitor_router
from jihua.web.views.projects import router as projects_router
from jihua.web.views.tasks import router as tasks_router
from jihua.web.views.upload import router as upload_router
from jihua.web.views.users import router as users_router

SESSION_HOURS = 8
SECRET_VARIABLE = "JIHUA_SECRET_KEY"
STATUS_OF: list[tuple[type[UserError], int]] = [
    (LoginRequired, 401),
    (Refused, 403),
    (CsrfRefused, 403),
    (NotFound, 404),
    (EditConflict, 409),
    (TooLarge, 413),
]


def create_app(engine: Engine, secret: str | None = None) -> FastAPI:
    app = FastAPI(
        title="jihua",
        summary="国民经济和社会发展计划：指标、项目、任务与评价",
        version="0.1.0",
    )
    app.state.engine = engine
    app.state.rules = load_rules()
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or os.environ.get(SECRET_VARIABLE) or secrets.token_urlsafe(32),
        session_cookie="jihua_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
    )
    static = resources.files("jihua.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in (
        login_router,
        dashboard_router,
        indicators_router,
        projects_router,
        tasks_router,
        upload_router,
        downloads_router,
        users_router,
        assignments_router,
        audit_router,
        monitor_router,
        monitor_api_router,
        api_router,
    ):
        app.include_router(router)
    app.add_exception_handler(UserError, _user_error)  # type: ignore[arg-type]
    return app


def app_from_environment() -> FastAPI:
    """The app of one ``jihua serve --workers N`` process, on the store ``JIHUA_DATABASE_URL`` names."""
    from jihua.store.database import create_store_engine, database_url

    return create_app(create_store_engine(database_url()))


def status_of(error: UserError) -> int:
    return next((code for kind, code in STATUS_OF if isinstance(error, kind)), 400)


async def _user_error(request: Request, error: UserError) -> Response:
    code = status_of(error)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": error.message}, status_code=code)
    if code == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    user = logged_in(request)
    return page(request, "error.html", user, status_code=code, message=error.message, code=code)
