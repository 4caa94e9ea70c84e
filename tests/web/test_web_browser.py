"""The web app in Debian's Chromium, driven by Playwright: the issue's walk-through.

Needs ``/usr/bin/chromium`` (Debian package ``chromium``); without it the test
fails, it does not skip. Screenshots land in ``artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright
from sqlalchemy import Engine

from jihua.web.app import create_app
from tests.web.conftest import OTHER_UNIT, OWN_UNIT, PASSWORD, project_ids
from tests.web.server import running
from tests.web.test_web_review import ZHENHAI

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def log_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def log_out(page: Page) -> None:
    page.click("form.who button")
    page.wait_for_url(re.compile(r".*/login$"))


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_planner_department_and_reviewer_in_chromium(engine: Engine) -> None:
    if not CHROMIUM.exists():
        pytest.fail(
            "找不到 /usr/bin/chromium：请安装 Debian 软件包 chromium（apt-get install chromium）"
        )
    projects = project_ids(engine)
    with running(create_app(engine, "browser-secret")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            planner_sees_tally_and_uploads(page, base, ZHENHAI)
            department_edits_own_project_only(page, base, projects)
            reviewer_sees_the_edit_in_history(page, base, projects[OWN_UNIT])
        finally:
            browser.close()


def planner_sees_tally_and_uploads(page: Page, base: str, report: Path) -> None:
    log_in(page, base, "planner")
    counts = {
        item.get_attribute("data-grade"): item.locator("b").inner_text()
        for item in page.locator("#tally li").all()
    }
    assert counts == {"超额完成": "11", "完成": "8", "较好完成": "4", "完成困难较大": "8"}
    shot(page, "dashboard")
    page.goto(f"{base}/upload")
    page.set_input_files("input[name=file]", str(report))
    page.click("#upload-form button")
    page.wait_for_selector("#review-head")
    assert "镇海区" in page.inner_text("#review-head")
    page.fill("input[aria-label='地区生产总值 数值']", "1252.5")
    shot(page, "review")
    page.click("#save")
    page.wait_for_selector("#saved")
    assert "1252.4 → 1252.5" in page.inner_text("main")
    page.goto(f"{base}/plans")
    assert "镇海区" in page.inner_text("#regions")
    shot(page, "regions")
    page.click("#regions a:has-text('2022')")
    page.wait_for_selector("#prose-plan")
    assert "1252.5" in page.inner_text("#facts")
    shot(page, "prose-plan")
    log_out(page)


def department_edits_own_project_only(page: Page, base: str, projects: dict[str, int]) -> None:
    log_in(page, base, "department")
    page.goto(f"{base}/projects/{projects[OWN_UNIT]}")
    page.fill("#investment-form input[name=month]", "2024-05")
    page.fill("#investment-form input[name=amount]", "1.25")
    page.click("#investment-form button")
    page.wait_for_load_state()
    assert "2024-05" in page.inner_text("#investments")
    shot(page, "department-own-project")
    page.goto(f"{base}/projects/{projects[OTHER_UNIT]}")
    assert page.locator("#investment-form").count() == 0
    token = page.get_attribute("meta[name=csrf-token]", "content") or ""
    refused: Any = page.request.post(
        f"{base}/projects/{projects[OTHER_UNIT]}/investment",
        form={"csrf_token": token, "month": "2024-05", "amount": "9", "read_version": "1"},
        max_redirects=0,
    )
    assert refused.status == 403 and "无权修改" in refused.text()
    log_out(page)


def reviewer_sees_the_edit_in_history(page: Page, base: str, project: int) -> None:
    log_in(page, base, "reviewer")
    page.goto(f"{base}/projects/{project}")
    history = page.inner_text("table.history")
    assert "department" in history and "网页修改完成投资 2024-05" in history
    assert page.locator("#investment-form").count() == 0
    shot(page, "reviewer-history")


def test_api_docs_render_offline_and_an_old_cookie_is_refused_after_logout(engine: Engine) -> None:
    with running(create_app(engine, "test-secret")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context()
        page = context.new_page()
        elsewhere: list[str] = []
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith(("http://127.0.0.1", "data:"))
                else elsewhere.append(request.url)
            ),
        )
        blocked: list[str] = []
        page.on(
            "console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None
        )
        page.goto(f"{base}/docs")
        page.wait_for_selector(".opblock-tag", timeout=20_000)
        assert page.locator(".opblock").count() >= 5
        shot(page, "api-docs")
        assert elsewhere == []
        assert blocked == []

        log_in(page, base, "planner")
        cookies = context.cookies()
        log_out(page)
        thief = browser.new_context()
        thief.add_cookies(cookies)  # type: ignore[arg-type]
        stolen = thief.new_page()
        stolen.goto(f"{base}/plans")
        assert stolen.url.startswith(f"{base}/login")
        browser.close()
