"""API tokens for programs, and the downloads a researcher scripts: CSV, XLSX, facts by page."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import now
from jihua.store.schema import Actual, Indicator
from jihua.web.app import create_app
from jihua.web.models import ApiToken
from jihua.web.tokens import create_token, list_tokens, parse_lifetime, revoke_token

REGION = "涪陵区"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine, "test-secret"))


def first_indicator(client: TestClient, token: str) -> int:
    plan = client.get(f"/api/plans/{REGION}/2023", headers=bearer(token)).json()
    return int(plan["indicators"][0]["id"])


def test_a_token_reads_and_writes_without_cookie_or_csrf(
    engine: Engine, client: TestClient
) -> None:
    token, info = create_token(engine, "planner", "月度脚本")
    assert token.startswith("jihua_") and info.state == "有效"
    assert client.get("/api/session", headers=bearer(token)).json()["name"] == "planner"
    indicator = first_indicator(client, token)
    saved = client.put(
        f"/api/indicators/{indicator}/actual", json={"text": "7.6"}, headers=bearer(token)
    )
    assert saved.status_code == 200, saved.text
    assert list_tokens(engine, "planner")[0].last_used is not None


def test_a_token_has_its_users_role(engine: Engine, client: TestClient) -> None:
    token, _ = create_token(engine, "reviewer", "只读")
    indicator = first_indicator(client, token)
    refused = client.put(
        f"/api/indicators/{indicator}/actual", json={"text": "7.6"}, headers=bearer(token)
    )
    assert refused.status_code == 403
    assert re.search(r"[\u4e00-\u9fff]", refused.json()["detail"])


def test_an_expired_or_revoked_or_made_up_token_is_refused(
    engine: Engine, client: TestClient
) -> None:
    expired, _ = create_token(engine, "planner", "旧的", timedelta(days=1))
    revoked, info = create_token(engine, "planner", "撤销的")
    with Session(engine) as session, session.begin():
        session.execute(
            update(ApiToken)
            .where(ApiToken.name == "旧的")
            .values(expires_at=now() - timedelta(minutes=1))
        )
    revoke_token(engine, info.id)
    for token in (expired, revoked, "jihua_made-up", ""):
        response = client.get("/api/regions", headers=bearer(token))
        assert response.status_code == 401
        assert response.json()["detail"] == "接口令牌无效、已过期或已撤销"
    states = {t.name: t.state for t in list_tokens(engine, "planner")}
    assert states == {"旧的": "已过期", "撤销的": "已撤销"}


def test_a_bad_token_is_not_rescued_by_a_cookie(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    response = planner.client.get("/api/regions", headers=bearer("jihua_wrong"))
    assert response.status_code == 401


def test_with_a_cookie_the_csrf_token_is_still_needed(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    indicator = planner.client.get(f"/api/plans/{REGION}/2023").json()["indicators"][0]["id"]
    refused = planner.client.put(f"/api/indicators/{indicator}/actual", json={"text": "7.6"})
    assert refused.status_code == 403


def test_users_see_and_revoke_only_their_own_tokens(engine: Engine, app_for: Any) -> None:
    create_token(engine, "reviewer", "别人的")
    planner = app_for("planner")
    made = planner.form("/tokens", name="我的脚本", expires="30d")
    assert made.status_code == 200
    secret = re.search(r'<code class="secret">(jihua_[^<]+)</code>', made.text).group(1)  # type: ignore[union-attr]
    assert "别人的" not in made.text
    assert planner.client.get("/api/session", headers=bearer(secret)).status_code == 200
    others = [t for t in list_tokens(engine, "reviewer")]
    assert planner.form(f"/tokens/{others[0].id}/revoke").status_code == 400
    mine = list_tokens(engine, "planner")[0]
    assert planner.form(f"/tokens/{mine.id}/revoke").status_code == 303
    assert planner.client.get("/api/session", headers=bearer(secret)).status_code == 401
    assert "别人的" in app_for("admin").client.get("/tokens").text


def test_lifetimes_are_read_or_refused() -> None:
    assert parse_lifetime("90d") == timedelta(days=90)
    assert parse_lifetime("12h") == timedelta(hours=12)
    assert parse_lifetime("30天") == timedelta(days=30)
    assert parse_lifetime("never") is None
    for wrong in ("0d", "tomorrow", "-3d"):
        with pytest.raises(UserError, match="有效期写法不对"):
            parse_lifetime(wrong)


def test_openapi_declares_the_token_and_the_cookie(client: TestClient) -> None:
    schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= next(
        s for s in schemes.values() if s["type"] == "http"
    ).items()
    assert any(s.get("in") == "cookie" for s in schemes.values())


def test_openapi_asks_every_api_operation_for_the_token_or_the_cookie(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    schemes = set(schema["components"]["securitySchemes"])
    operations = [
        (path, operation)
        for path, methods in schema["paths"].items()
        if path.startswith("/api/")
        for operation in methods.values()
    ]
    assert len(operations) >= 10
    for path, operation in operations:
        assert {name for way in operation["security"] for name in way} == schemes, path


def test_the_plan_as_csv_and_xlsx_for_a_script(engine: Engine, client: TestClient) -> None:
    token, _ = create_token(engine, "reviewer", "研究")
    response = client.get(f"/api/plans/{REGION}/2023.csv", headers=bearer(token))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    gdp = next(r for r in rows if r["指标"] == "地区生产总值增速")
    assert (gdp["目标"], gdp["实际"], gdp["评价"]) == ("6.5", "7.5以上", "超额完成")
    assert sum(1 for r in rows if not r["上级指标"]) == 31
    workbook = client.get(f"/api/plans/{REGION}/2023.xlsx", headers=bearer(token))
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.max_row == len(rows) + 1
    assert [c.value for c in sheet[1]][:5] == ["地区", "年度", "序号", "类别", "指标"]
    missing = client.get(f"/api/plans/{REGION}/1999.csv", headers=bearer(token))
    assert missing.status_code == 404


def test_facts_come_a_page_at_a_time(engine: Engine, client: TestClient) -> None:
    token, _ = create_token(engine, "reviewer", "研究")
    first = client.get("/api/facts", params={"region": REGION, "limit": 50}, headers=bearer(token))
    page = first.json()
    assert page["total"] > 100 and len(page["items"]) == 50
    following = client.get(page["next"], headers=bearer(token)).json()
    assert following["offset"] == 50
    assert {f["id"] for f in page["items"]}.isdisjoint(f["id"] for f in following["items"])
    gdp = client.get(
        "/api/facts", params={"indicator": "地区生产总值", "year": 2023}, headers=bearer(token)
    ).json()
    assert gdp["items"] and all("地区生产总值" in f["indicator"] for f in gdp["items"])
    assert all(f["year"] == 2023 and f["quote"] for f in gdp["items"])


def test_cli_creates_lists_and_revokes_tokens(tmp_path: Any) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"

    def jihua(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", "from jihua.cli import main; main()", *args, "--db", db],
            capture_output=True,
            text=True,
            input=stdin,
        )

    assert (
        jihua(
            "user", "add", "张三", "--role", "planner", "--password-stdin", stdin="secret-pass-1\n"
        ).returncode
        == 0
    )
    made = jihua("token", "create", "脚本", "--user", "张三", "--expires", "30d")
    assert made.returncode == 0, made.stderr
    assert re.search(r"^jihua_\S+$", made.stdout, re.M)
    listed = jihua("token", "list")
    assert "脚本" in listed.stdout and "有效" in listed.stdout and "jihua_" not in listed.stdout
    assert jihua("token", "revoke", "1").returncode == 0
    assert "已撤销" in jihua("token", "list").stdout
    wrong = jihua("token", "create", "x", "--user", "张三", "--expires", "soon")
    assert wrong.returncode == 2 and "有效期写法不对" in wrong.stderr


def test_an_actual_is_stored_on_the_indicator_named_by_its_id_when_two_share_a_name(
    engine: Engine, client: TestClient
) -> None:
    token, _ = create_token(engine, "planner", "月度脚本")
    plan = client.get(f"/api/plans/{REGION}/2023", headers=bearer(token)).json()
    parents = [row["id"] for row in plan["indicators"][:2]]
    with Session(engine) as session, session.begin():
        plan_id = session.get_one(Indicator, parents[0]).plan_id
        twins = [
            Indicator(plan_id=plan_id, parent_id=parent, position=900 + n, name="其中：民间投资")
            for n, parent in enumerate(parents)
        ]
        session.add_all(twins)
        session.flush()
        second = twins[1].id
    saved = client.put(
        f"/api/indicators/{second}/actual", json={"text": "6.2"}, headers=bearer(token)
    )
    assert saved.status_code == 200, saved.text
    with Session(engine) as session:
        stored = session.scalars(select(Actual.indicator_id).where(Actual.text == "6.2")).all()
    assert stored == [second]


def test_an_actual_for_no_such_indicator_is_a_404_and_a_department_elsewhere_a_403(
    engine: Engine, client: TestClient
) -> None:
    planner, _ = create_token(engine, "planner", "月度脚本")
    missing = client.put(
        "/api/indicators/999999/actual", json={"text": "6.2"}, headers=bearer(planner)
    )
    assert missing.status_code == 404 and "没有编号为 999999 的指标" in missing.json()["detail"]
    department, _ = create_token(engine, "department", "部门脚本")
    indicator = first_indicator(client, planner)
    refused = client.put(
        f"/api/indicators/{indicator}/actual", json={"text": "6.2"}, headers=bearer(department)
    )
    assert refused.status_code == 403, refused.text
    with Session(engine) as session:
        assert session.scalars(select(Actual).where(Actual.text == "6.2")).first() is None
