"""schemathesis against ``/openapi.json``: no input makes the API answer 5xx.

Runs logged in as the planner (the role that may call every route), with the
CSRF token, so that writes get past the checks into the code that handles them.
Bounded: a few examples per operation.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine

from jihua.web.app import create_app
from tests.web.conftest import Browser


def test_the_api_never_answers_5xx(engine: Engine) -> None:
    app = create_app(engine, "schema-secret")
    with TestClient(app) as client:
        browser = Browser(client)
        browser.login("planner")
        headers = {
            "Cookie": f"jihua_session={client.cookies['jihua_session']}",
            "X-CSRF-Token": browser.token,
        }
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 8
        for operation in operations:
            check_operation(operation, headers)


def check_operation(operation: Any, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def never_5xx(case: Any) -> None:
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])

    never_5xx()
