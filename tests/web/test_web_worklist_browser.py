"""我的填报, 待回复意见, the review's year and narrow screens, in Debian's Chromium.

Needs ``/usr/bin/chromium``, like the other browser tests; screenshots go to ``artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine

from jihua.store.example_year import load_example_year
from jihua.web.app import create_app
from tests.web.server import running
from tests.web.test_web_assignments import DEPARTMENT, indicator_id
from tests.web.test_web_browser import ARGS, CHROMIUM, log_in, log_out, shot
from tests.web.test_web_pages import other_region_report
from tests.web.test_web_worklist import unreported_indicator

PHONE = {"width": 390, "height": 844}
#: the page itself never scrolls sideways (a wide table may, inside its own box)
SCROLL_WIDTH = "document.scrollingElement.scrollWidth"


@pytest.fixture
def chromium(engine: Engine) -> Iterator[tuple[Browser, str]]:
    assert CHROMIUM.exists(), "找不到 /usr/bin/chromium：请安装 Debian 软件包 chromium"
    with running(create_app(engine, "browser-secret")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser, base
        finally:
            browser.close()


def new_page(chromium: tuple[Browser, str], phone: bool = False) -> Page:
    browser, _ = chromium
    size = PHONE if phone else {"width": 1280, "height": 800}
    return browser.new_page(viewport=size, locale="zh-CN")


def test_a_department_finds_its_items_and_saves_one(
    engine: Engine, chromium: tuple[Browser, str]
) -> None:
    _, base = chromium
    indicator, name = unreported_indicator(engine)
    page = new_page(chromium)
    log_in(page, base, "planner")
    page.goto(f"{base}/indicators/{indicator}")
    page.fill("#assign-form input[name=department]", DEPARTMENT)
    page.click("#assign-form button")
    page.wait_for_selector(f"#assigned:has-text('{DEPARTMENT}')")
    log_out(page)

    log_in(page, base, "department")
    page.click("#nav-my")
    page.wait_for_selector("#my-items")
    row = page.locator(f"#my-items tr[data-kind=indicators][data-id='{indicator}']")
    assert "待填报" in row.inner_text() and name in row.inner_text()
    due_before = int(page.locator("#my-summary b").inner_text())
    shot(page, "my-items")
    row.locator("input[name=text]").fill("7.1")
    row.locator("button").click()
    page.wait_for_url(f"{base}/my")
    row = page.locator(f"#my-items tr[data-kind=indicators][data-id='{indicator}']")
    assert row.get_attribute("class") == "done"
    assert "完成 7.1（快报）" in row.inner_text()
    assert int(page.locator("#my-summary b").inner_text()) == due_before - 1
    page.click(f"#my-items a[href='/indicators/{indicator}']")
    assert "7.1" in page.inner_text("#actual")


def test_a_planner_answers_a_reviewers_comment_from_the_navigation_count(
    engine: Engine, chromium: tuple[Browser, str]
) -> None:
    _, base = chromium
    gdp = indicator_id(engine, "地区生产总值增速")
    page = new_page(chromium)
    log_in(page, base, "reviewer")
    page.goto(f"{base}/indicators/{gdp}")
    page.fill("form[action='/comments'] textarea[name=body]", "快报口径与年报不一致，请核实")
    page.click("form[action='/comments'] button")
    page.wait_for_selector(".comment.state-open")
    log_out(page)

    log_in(page, base, "planner")
    assert page.inner_text("#nav-comments .badge") == "1"
    page.click("#nav-comments")
    page.wait_for_selector("#open-comments")
    comment = page.locator("#open-comments .comment").first
    assert "快报口径与年报不一致，请核实" in comment.inner_text()
    assert "地区生产总值增速" in comment.locator(".about").inner_text()
    shot(page, "open-comments")
    comment.locator("input[name=answer]").fill("已按年报更正")
    comment.locator("button").click()
    page.wait_for_url(f"{base}/comments")
    assert page.locator("#nav-comments .badge").count() == 0
    assert "没有待回复的意见" in page.inner_text("#open-comments")
    page.goto(f"{base}/indicators/{gdp}")
    assert "已按年报更正" in page.inner_text(".comments")


def test_the_planner_corrects_the_year_on_the_review_page(
    tmp_path: Path, chromium: tuple[Browser, str]
) -> None:
    _, base = chromium
    report = tmp_path / "南川区2023年计划执行情况.txt"
    report.write_text(other_region_report(), encoding="utf-8")
    page = new_page(chromium)
    log_in(page, base, "planner")
    page.goto(f"{base}/upload")
    page.set_input_files("input[name=file]", str(report))
    page.click("#upload-form button")
    page.wait_for_selector("#filing")
    assert page.input_value("#report-year") == "2023"
    assert page.input_value("#plan-year") == "2024"
    assert "库中还没有“南川区”" in page.inner_text("#filing-note")
    assert page.locator("#row-t0-0 mark").all_inner_texts() == ["6.5", "7.5以上"]
    page.fill("#report-year", "2020")
    assert page.input_value("#plan-year") == "2021"  # the plan year follows
    shot(page, "review-year")
    page.click("#save")
    page.wait_for_selector("#saved")
    assert "报告年度：2023 → 2020" in page.inner_text("main")
    links = page.locator("#saved-years a").all_inner_texts()
    assert links == ["南川区 2020年", "南川区 2021年"]
    page.click("#saved-years a:has-text('2020')")
    page.wait_for_selector("#tally")


@pytest.mark.parametrize(
    "path",
    [
        "/plans/涪陵区/2023",
        "/indicators/{gdp}",
        "/plans/涪陵区/2024/monitor",
        "/plans/涪陵区/2024/projects",
        "/plans/涪陵区/2024/tasks",
        "/plans/涪陵区/2023/downloads",
        "/my",
    ],
)
def test_pages_fit_a_390px_phone_without_sideways_scroll(
    engine: Engine, chromium: tuple[Browser, str], path: str
) -> None:
    _, base = chromium
    load_example_year(engine)
    page = new_page(chromium, phone=True)
    log_in(page, base, "department")
    page.goto(base + path.format(gdp=indicator_id(engine, "地区生产总值增速")))
    page.wait_for_load_state()
    assert page.locator("main h1").count() == 1
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]
    shot(page, "phone" + path.replace("/", "-").replace("{gdp}", "indicator"))
