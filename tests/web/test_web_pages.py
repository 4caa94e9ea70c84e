"""Pages and API as a planner, a department and a reviewer see them."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.example import EXAMPLE, example_document
from jihua.store.schema import Document, Indicator, Project
from jihua.web.uploads import MAX_BYTES
from tests.web.conftest import OWN_UNIT, project_ids

REGION = "涪陵区"


def other_region_report(region: str = "南川区") -> str:
    """The example's text as another district's report (the corpus reports hold no table)."""
    return example_document().text.replace(REGION, region)


def test_dashboard_shows_the_reports_tally_and_summary(app_for: Any) -> None:
    page = app_for("planner").client.get("/")
    tally = dict(re.findall(r'data-grade="([^"]+)"><span>[^<]+</span> <b>(\d+)</b>', page.text))
    assert tally == {"超额完成": "11", "完成": "8", "较好完成": "4", "完成困难较大": "8"}
    assert "<svg" in page.text and "对照" in page.text and "31项计划目标" in page.text
    assert "*约束性" in page.text


def test_api_plan_gives_indicators_tally_and_summary(app_for: Any) -> None:
    data = app_for("reviewer").client.get(f"/api/plans/{REGION}/2023").json()
    assert data["tally"] == {"超额完成": 11, "完成": 8, "较好完成": 4, "完成困难较大": 8}
    assert len(data["indicators"]) == 31
    gdp = next(i for i in data["indicators"] if i["name"] == "地区生产总值增速")
    assert gdp["grade"] == "超额完成" and gdp["target"] and gdp["actual"]


def test_indicator_page_shows_its_sentence_and_history(engine: Engine, app_for: Any) -> None:
    with Session(engine) as session:
        gdp = session.scalar(select(Indicator.id).where(Indicator.name == "地区生产总值增速"))
    page = app_for("reviewer").client.get(f"/indicators/{gdp}")
    assert page.status_code == 200
    assert "超额完成" in page.text and "原文" in page.text and "修改记录" in page.text
    assert "其他年度与地区" in page.text  # the 2024 plan holds it too


def test_a_report_containing_script_shows_as_text(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    page = planner.client.get(f"/plans/{REGION}/2024/projects")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;物流园" in page.text
    planner.form("/comments", table="indicators", row_id="1", body="<script>x()</script>")
    assert "&lt;script&gt;x()" in planner.client.get("/indicators/1").text


def test_project_filters_and_totals(app_for: Any) -> None:
    client = app_for("planner").client
    page = client.get(f"/plans/{REGION}/2024/projects", params={"lead_unit": OWN_UNIT})
    assert (
        "白涛化工园区污水处理厂扩建" in page.text
        and "物流园" not in page.text.split('id="projects"')[1]
    )
    totals = client.get(f"/api/plans/{REGION}/2024/projects").json()["totals"]
    assert totals["total_investment"] >= 8.2


def test_a_write_without_the_csrf_token_is_refused(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    pid = project_ids(engine)[OWN_UNIT]
    response = planner.client.put(
        f"/api/projects/{pid}/completed-investment",
        json={"month": "2024-03", "amount": 1.0, "read_version": 1},
    )
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    form = planner.client.post(
        f"/projects/{pid}/investment", data={"month": "2024-03", "amount": "1", "read_version": "1"}
    )
    assert form.status_code == 403


def test_a_stale_edit_is_a_conflict_naming_both_values(engine: Engine, app_for: Any) -> None:
    department = app_for("department")
    pid = project_ids(engine)[OWN_UNIT]
    with Session(engine) as session:
        version = session.get_one(Project, pid).version
    first = department.put(
        f"/api/projects/{pid}/completed-investment",
        {"month": "2024-03", "amount": 0.4, "read_version": version},
    )
    assert first.status_code == 200
    second = department.put(
        f"/api/projects/{pid}/completed-investment",
        {"month": "2024-03", "amount": 0.9, "read_version": version},
    )
    assert second.status_code == 409
    detail = second.json()["detail"]
    assert f"版本 {version}" in detail and "0.4" in detail and "已被他人修改" in detail


def _documents(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Document)) or 0)


def test_a_bad_upload_gets_a_chinese_message_and_writes_nothing(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    before = _documents(engine)
    for name, data in (
        ("notes.txt", "今天天气很好。".encode()),
        ("x.pdf", b"%PDF-1.4\x00\x01\x02"),
        ("empty.txt", b""),
    ):
        response = planner.client.post(
            "/upload",
            data={"csrf_token": planner.token},
            files={"file": (name, data, "application/octet-stream")},
        )
        assert response.status_code == 400, name
        assert re.search(r'class="error"[^>]*>[^<]*[\u4e00-\u9fff]', response.text), name
    assert _documents(engine) == before


def test_an_upload_over_the_limit_is_refused_with_413(app_for: Any) -> None:
    planner = app_for("planner")
    response = planner.client.post(
        "/api/documents",
        headers={"X-CSRF-Token": planner.token},
        files={"file": ("big.txt", b"x" * (MAX_BYTES + 1), "text/plain")},
    )
    assert response.status_code == 413 and "50 MB" in response.json()["detail"]


def test_upload_review_then_save_stores_the_report(engine: Engine, app_for: Any) -> None:
    text = other_region_report()
    planner = app_for("planner")
    review = planner.client.post(
        "/upload",
        data={"csrf_token": planner.token},
        files={"file": ("../../etc/南川区.txt", text.encode(), "text/plain")},
    )
    assert review.status_code == 200, review.text[:500]
    assert "南川区" in review.text and "地区生产总值增速" in review.text
    assert _documents(engine) == 1  # nothing written before the planner confirms
    token = re.search(r'action="/upload/([^/]+)/save"', review.text).group(1)  # type: ignore[union-attr]
    saved = planner.form(f"/upload/{token}/save")
    assert saved.status_code == 200 and "已入库" in saved.text
    regions = planner.client.get("/api/regions").json()
    assert {r["name"] for r in regions} >= {"南川区", REGION}
    with Session(engine) as session:
        assert session.scalar(select(Document.source).where(Document.id == 2)) == "南川区.txt"
    assert EXAMPLE


def test_downloads_render_docx_and_xlsx(app_for: Any) -> None:
    client = app_for("reviewer").client
    for format, magic in (("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(f"/plans/{REGION}/2023/report.{format}")
        assert response.status_code == 200 and response.content[:2] == magic


def test_pages_need_a_login(app_for: Any) -> None:
    client = app_for().client
    response = client.get(f"/plans/{REGION}/2023", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.get("/api/regions").status_code == 401


def test_the_cached_plan_json_changes_with_any_write(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    path = f"/api/plans/{REGION}/2023"
    first = planner.client.get(path)
    assert planner.client.get(path).content == first.content  # served from the cache
    gdp = next(i for i in first.json()["indicators"] if i["name"] == "地区生产总值增速")
    edit = {"text": "5.1", "vintage": "年报"}
    assert planner.put(f"/api/indicators/{gdp['id']}/actual", edit).status_code == 200
    after = planner.client.get(path).json()
    assert next(i for i in after["indicators"] if i["id"] == gdp["id"])["actual"] == "5.1"
