"""The application object: ``create_app(engine)`` gives a FastAPI app over one store.

Pages (``jihua.web.views``, one module per page family) and the JSON API under
``/api/`` share the same library calls. Errors, in Chinese and in one shape,
are :mod:`jihua.web.errors`; body limits, id checks and security headers,
:mod:`jihua.web.guards`; logins live on the server (:mod:`jihua.web.sessions`).
"""

from __future__ import annotations

import os
import secrets
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from jihua.evaluate import load_rules
from jihua.serving import settle_for_serving
from jihua.store.write_server import Writes
from jihua.web.apidocs import mount_api_docs
from jihua.web.errors import install_error_handlers
from jihua.web.guards import BodyLimit, IdGuard, SecurityHeaders
from jihua.web.parsing import ParseLimits
from jihua.web.sessions import Timeouts
from jihua.web.views.api import router as api_router
from jihua.web.views.assignments import router as assignments_router
from jihua.web.views.audit import router as audit_router
from jihua.web.views.bulletins import router as bulletins_router
from jihua.web.views.dashboard import router as dashboard_router
from jihua.web.views.downloads import router as downloads_router
from jihua.web.views.indicators import router as indicators_router
from jihua.web.views.login import router as login_router
from jihua.web.views.monitor import api_router as monitor_api_router
from jihua.web.views.monitor import router as monitor_router
from jihua.web.views.projects import router as projects_router
from jihua.web.views.tasks import router as tasks_router
from jihua.web.views.tokens import router as tokens_router
from jihua.web.views.upload import router as upload_router
from jihua.web.views.users import router as users_router
from jihua.web.views.worklist import router as worklist_router

__all__ = ["app_from_environment", "create_app"]

SECRET_VARIABLE = "JIHUA_SECRET_KEY"
SECURE_VARIABLE = "JIHUA_SECURE_COOKIES"


def create_app(
    engine: Engine,
    secret: str | None = None,
    secure_cookies: bool | None = None,
    timeouts: Timeouts | None = None,
) -> FastAPI:
    """The app; ``secure_cookies`` sends the session cookie over HTTPS only (default: from
    ``JIHUA_SECURE_COOKIES``), ``timeouts`` end idle and old sessions (default: from the environment).
    """
    app = FastAPI(
        title="jihua",
        summary="国民经济和社会发展计划：指标、项目、任务与评价",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.writes = Writes.from_environment(engine)  # `jihua serve`: one write process
    app.state.rules = load_rules()
    app.state.session_timeouts = timeouts or Timeouts.from_environment()
    app.state.parse_limits = ParseLimits.from_environment()  # uploads read apart, within them
    if secure_cookies is None:
        secure_cookies = os.environ.get(SECURE_VARIABLE, "") in ("1", "true", "yes")
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or os.environ.get(SECRET_VARIABLE) or secrets.token_urlsafe(32),
        session_cookie="jihua_session",
        max_age=int(app.state.session_timeouts.lifetime.total_seconds()),
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(IdGuard)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    mount_api_docs(app)
    static = resources.files("jihua.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in (
        dashboard_router,  # first the routes asked for most: matching goes route by route
        api_router,
        monitor_api_router,
        login_router,
        indicators_router,
        projects_router,
        tasks_router,
        upload_router,
        bulletins_router,
        downloads_router,
        users_router,
        tokens_router,
        worklist_router,
        assignments_router,
        audit_router,
        monitor_router,
    ):
        app.include_router(router)
    install_error_handlers(app)
    return app


def app_from_environment() -> FastAPI:
    """The app of one ``jihua serve --workers N`` process, on the store ``JIHUA_DATABASE_URL`` names."""
    from jihua.store.database import create_store_engine, database_url

    app = create_app(create_store_engine(database_url()))
    settle_for_serving()
    return app
