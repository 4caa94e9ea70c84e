"""The API's documentation at ``/docs``, served from the package: it must work on an intranet.

Swagger UI comes from the ``swagger-ui-bundle-v2`` package (Apache-2.0), mounted
at ``/static-api-docs``; the page loads it and ``/static/apidocs.js`` — no inline
script, so the strict Content-Security-Policy holds here too.

The two ways into ``/api/`` (an API token, the session cookie) are declared in
the schema itself, for every API path: as dependencies, the security schemes
ran on every request and only to be listed here.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/static-api-docs"
PAGE = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>jihua 接口文档</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-spec="/openapi.json"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/apidocs.js"></script>
</body>
</html>
"""


SECURITY_SCHEMES: dict[str, dict[str, str]] = {
    "APIToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "接口令牌：jihua token create NAME --user U",
    },
    "SessionCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "jihua_session",
        "description": "登录后的会话 Cookie（写入还需请求头 X-CSRF-Token）",
    },
}


def mount_api_docs(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="api-docs-assets")

    def schema_with_logins() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = declare_logins(
                get_openapi(
                    title=app.title, version=app.version, summary=app.summary, routes=app.routes
                )
            )
        return app.openapi_schema

    app.openapi = schema_with_logins  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(PAGE)


def declare_logins(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with both ways in declared, and required on every ``/api/`` operation."""
    schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    either: list[dict[str, list[str]]] = [{name: []} for name in SECURITY_SCHEMES]
    for path, operations in schema.get("paths", {}).items():
        if path.startswith("/api/"):
            for operation in operations.values():
                operation["security"] = either
    return schema
