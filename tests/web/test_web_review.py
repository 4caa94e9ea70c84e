"""Upload, correct the extraction beside its sentences, save once: corrections logged as edits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.store.schema import Change, Document, Fact, Indicator, Plan, Region, Target
from tests.web.conftest import Browser
from tests.web.test_web_pages import other_region_report

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ZHENHAI = CORPUS / "08_zhenhai_2021.txt"


def upload(planner: Browser, name: str, data: bytes) -> tuple[str, str]:
    review = planner.client.post(
        "/upload", data={"csrf_token": planner.token}, files={"file": (name, data, "text/plain")}
    )
    assert review.status_code == 200, review.text[:500]
    token = re.search(r'action="/upload/([^/]+)/save"', review.text)
    assert token is not None
    return review.text, token.group(1)


def field_of(review: str, label: str) -> str:
    found = re.search(rf'name="([^"]+)" value="[^"]*" size="\d+" aria-label="{label}"', review)
    assert found is not None, label
    return found.group(1)


def targets_of(engine: Engine, region: str, name: str) -> list[tuple[int, str]]:
    with Session(engine) as session:
        return [
            (year, text)
            for year, text in session.execute(
                select(Plan.year, Target.text)
                .join(Indicator, Target.indicator_id == Indicator.id)
                .join(Plan, Indicator.plan_id == Plan.id)
                .join(Region, Plan.region_id == Region.id)
                .where(Region.name == region, Indicator.name == name)
                .order_by(Plan.year)
            )
        ]


def test_review_shows_each_figure_editable_beside_its_sentence(app_for: Any) -> None:
    review, _ = upload(app_for("planner"), "南川区.txt", other_region_report().encode())
    row = re.search(r'<tr[^>]*id="row-t0-0">.*?</tr>', review, re.S)
    assert row is not None
    assert 'name="target-t0-0"' in row.group(0) and 'name="drop-t0-0"' in row.group(0)
    assert 'class="quote">' in row.group(0)  # the sentence, in the same row


def test_corrections_are_saved_in_one_go_and_logged_as_the_planners_edits(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    review, token = upload(planner, "南川区.txt", other_region_report().encode())
    target = field_of(review, "地区生产总值增速 目标")
    dropped = field_of(review, "农业增加值增速 目标").replace("target-", "drop-")
    saved = planner.form(f"/upload/{token}/save", **{target: "6.6", dropped: "on"})
    assert saved.status_code == 200 and "审核时修改 2 处" in saved.text
    assert (2023, "6.6") in targets_of(engine, "南川区", "地区生产总值增速")
    assert [year for year, _ in targets_of(engine, "南川区", "农业增加值增速")] == [2024]
    with Session(engine) as session:
        edits = session.execute(
            select(Change.who, Change.table_name, Change.old, Change.new).where(
                Change.why.like("上传审核时%")
            )
        ).all()
    assert ("planner", "targets", "6.5", "6.6") in [tuple(e) for e in edits]
    assert any(e.table_name == "documents" and "农业增加值增速" in (e.old or "") for e in edits)


def test_a_bad_correction_writes_nothing(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    review, token = upload(planner, "南川区.txt", other_region_report().encode())
    target = field_of(review, "地区生产总值增速 目标")
    refused = planner.form(f"/upload/{token}/save", **{target: ""})
    assert refused.status_code == 400 and "目标不能为空" in refused.text
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_a_prose_only_corpus_report_is_reviewed_corrected_and_shown_as_facts(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    review, token = upload(planner, ZHENHAI.name, ZHENHAI.read_bytes())
    assert 'id="prose-only"' in review and "——地区生产总值1252.4亿元" in review
    value = field_of(review, "地区生产总值 数值")
    saved = planner.form(f"/upload/{token}/save", **{value: "1252.5"})
    assert saved.status_code == 200 and "镇海区" in saved.text
    with Session(engine) as session:
        fact = session.scalar(select(Fact).where(Fact.quote == "——地区生产总值1252.4亿元"))
        assert fact is not None and fact.value == 1252.5
        year = session.get_one(Plan, fact.plan_id).year
    dashboard = planner.client.get(f"/plans/镇海区/{year}")
    assert 'id="prose-plan"' in dashboard.text and "1252.5" in dashboard.text
