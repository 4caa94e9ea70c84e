"""The 调度 page in Debian's Chromium: from the dashboard, by colour, another month, a report.

Needs ``/usr/bin/chromium``, like the other browser test; screenshots go to ``artifacts/``.
"""

from __future__ import annotations

from playwright.sync_api import sync_playwright
from sqlalchemy import Engine

from jihua.store.example_year import load_example_year
from jihua.web.app import create_app
from tests.web.server import running
from tests.web.test_web_browser import ARGS, CHROMIUM, log_in, shot


def test_planner_follows_the_year_and_a_department_reports_in_chromium(engine: Engine) -> None:
    assert CHROMIUM.exists(), "找不到 /usr/bin/chromium：请安装 Debian 软件包 chromium"
    load_example_year(engine)
    with running(create_app(engine, "browser-secret")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
            log_in(page, base, "planner")
            page.goto(f"{base}/plans/涪陵区/2024")
            page.click("#nav-monitor")
            page.wait_for_selector("#monitor-indicators")
            assert "示例数据" in " ".join(page.locator(".example-note").all_inner_texts())
            lights = {
                light.get_attribute("data-status"): light.locator("b").inner_text()
                for light in page.locator("#monitor-summary .light").all()
            }
            assert lights == {"green": "13", "yellow": "8", "red": "6"}
            assert page.locator("#monitor-indicators svg.spark").count() >= 20
            assert "涪陵康复康养中心建设" in page.inner_text("#unstarted")
            shot(page, "monitor")
            page.select_option("#period-form select", "2024-03")
            page.wait_for_url("**period=2024-03")
            assert "1-3月" in page.inner_text("h1")
            page.context.clear_cookies()
            log_in(page, base, "department")
            page.goto(f"{base}/plans/涪陵区/2024/monitor")
            form = page.locator("form.task-form").first
            form.locator("select[name=status]").select_option("滞后")
            form.locator("input[name=note]").fill("设备到货推迟")
            form.locator("button").click()
            page.wait_for_selector("#task-progress")
            assert (
                "设备到货推迟"
                in page.locator("form.task-form input[name=note]").first.input_value()
            )
            shot(page, "monitor-department")
        finally:
            browser.close()
