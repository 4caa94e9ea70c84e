"""上传通报 in Debian's Chromium: upload, answer for the unmatched indicator, save, revise.

Needs ``/usr/bin/chromium``, like the other browser tests; screenshots go to ``artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import ConsoleMessage, Page, sync_playwright
from sqlalchemy import Engine

from jihua.store.periodic import periodic_series
from jihua.web.app import create_app
from tests.web.server import running
from tests.web.test_web_browser import ARGS, CHROMIUM, log_in, shot
from tests.web.test_web_bulletins import AUGUST, GDP_LEVEL, JUNE


def upload(page: Page, base: str, path: Path) -> None:
    page.goto(f"{base}/")
    page.click("#nav-bulletins")
    page.set_input_files("#bulletin-upload-form input[name=file]", str(path))
    page.click("#bulletin-upload-form button")
    page.wait_for_selector("#bulletin-head")


def test_planner_answers_for_an_unmatched_indicator_and_saves_in_chromium(
    engine: Engine, tmp_path: Path
) -> None:
    assert CHROMIUM.exists(), "找不到 /usr/bin/chromium：请安装 Debian 软件包 chromium"
    june, august = tmp_path / "六月.txt", tmp_path / "八月修订.txt"
    june.write_text(JUNE, encoding="utf-8")
    august.write_text(AUGUST, encoding="utf-8")
    blocked: list[str] = []
    with running(create_app(engine, "browser-secret")) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")

            def policy(message: ConsoleMessage) -> None:
                if "Content Security Policy" in message.text:
                    blocked.append(message.text)

            page.on("console", policy)
            log_in(page, base, "planner")
            upload(page, base, june)
            assert "2024-07-19" in page.inner_text("#bulletin-head")
            pending = page.locator(f"[data-answer-of='{GDP_LEVEL}']")
            assert pending.inner_text() == "待选择"
            shot(page, "bulletin-review")
            page.click("#save")  # unanswered: the browser holds the form back
            assert page.url.endswith("/bulletins/upload")
            page.click("#drop-rest")
            assert pending.inner_text() == "不入库"
            page.select_option(f"select[name='answer-{GDP_LEVEL}']", "new")
            assert pending.inner_text() == "新建指标“地区生产总值”"  # the choice, shown by jihua.js
            page.click("#save")
            page.wait_for_selector("#saved")
            assert "新建指标：地区生产总值" in page.inner_text("#saved")
            shot(page, "bulletin-saved")
            upload(page, base, august)
            page.click("#save")
            page.wait_for_selector("#saved")
            assert "其中 1 个修订了先前的数字" in page.inner_text("#saved")
            page.click("#saved-years a")
            page.wait_for_selector("#monitor-indicators")
        finally:
            browser.close()
    assert blocked == []
    [point] = periodic_series(engine, "涪陵区", 2024, "规上工业增加值增速")
    assert (point.value, point.revision, point.revised) == (9.6, "修订1", "2024-08-16")
