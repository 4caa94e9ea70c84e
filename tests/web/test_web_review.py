"""Upload, correct the extraction beside its sentences, save once: corrections logged as edits."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.plan import PlanReport
from jihua.store.schema import Change, Document, Fact, Indicator, Plan, Region, Target
from jihua.web.uploads import marked_fact
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
    assert 'id="prose-only"' in review and "——地区生产总值<mark>1252.4</mark>亿元" in review
    value = field_of(review, "地区生产总值 数值")
    saved = planner.form(f"/upload/{token}/save", **{value: "1252.5"})
    assert saved.status_code == 200 and "镇海区" in saved.text
    with Session(engine) as session:
        fact = session.scalar(select(Fact).where(Fact.quote == "——地区生产总值1252.4亿元"))
        assert fact is not None and fact.value == 1252.5
        year = session.get_one(Plan, fact.plan_id).year
    dashboard = planner.client.get(f"/plans/镇海区/{year}")
    assert 'id="prose-plan"' in dashboard.text and "1252.5" in dashboard.text


def test_review_marks_each_figure_in_its_sentence(app_for: Any) -> None:
    review, _ = upload(app_for("planner"), "南川区.txt", other_region_report().encode())
    row = re.search(r'<tr[^>]*id="row-t0-0">.*?</tr>', review, re.S)
    assert row is not None
    assert re.findall(r"<mark>([^<]+)</mark>", row.group(0)) == ["6.5", "7.5以上"]
    facts = re.search(r'<table class="grid review" id="facts">.*?</table>', review, re.S)
    assert facts is not None
    # a prose figure stands in its whole sentence, only the number marked
    assert "预计全区地区生产总值突破<mark>1600</mark>亿元、增长7.5%以上；" in facts.group(0)
    assert "总量分别居全市区县第三、第二。" in facts.group(0)


def test_a_word_97_report_is_reviewed_with_its_tables(
    app_for: Any, tmp_path: Path, seed_report: PlanReport
) -> None:
    """The seed as a Word file saved as ``.doc`` by LibreOffice, uploaded as offices keep it."""
    from tests.layout_documents import converted
    from tests.report_files import docx_from

    (doc,) = converted([docx_from(seed_report, tmp_path / "涪陵区.docx")], "doc")
    review, _ = upload(app_for("planner"), "涪陵区.doc", doc.read_bytes())
    row = re.search(r'<tr[^>]*id="row-t0-0">.*?</tr>', review, re.S)
    assert row is not None
    assert re.findall(r"<mark>([^<]+)</mark>", row.group(0)) == ["6.5", "7.5以上"]
    assert "地区生产总值突破<mark>1600</mark>亿元" in review


def test_review_says_where_the_report_will_be_filed(app_for: Any) -> None:
    planner = app_for("planner")
    known, _ = upload(planner, "涪陵区.txt", other_region_report("涪陵区").encode() + b"\n")
    assert "库中已有涪陵区 2023、2024 年的计划" in known
    new, _ = upload(planner, "南川区.txt", other_region_report().encode())
    assert "库中还没有“南川区”：确认后将新建这一地区" in new
    assert '<option value="涪陵区">' in new
    assert 'name="region" id="region" value="南川区"' in new


def test_corrected_years_file_the_report_under_them(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "南川区.txt", other_region_report().encode())
    saved = planner.form(f"/upload/{token}/save", report_year="2020", plan_year="2021")
    assert saved.status_code == 200, saved.text
    assert [y for y, _ in targets_of(engine, "南川区", "地区生产总值增速")] == [2020, 2021]
    with Session(engine) as session:
        document = session.scalar(select(Document).where(Document.source == "南川区.txt"))
        assert document is not None and (document.report_year, document.plan_year) == (2020, 2021)
        logged = session.execute(
            select(Change.field, Change.old, Change.new).where(
                Change.table_name == "documents", Change.why == "上传审核时修改"
            )
        ).all()
    assert sorted(tuple(row) for row in logged) == [
        ("plan_year", "2024", "2021"),
        ("report_year", "2023", "2020"),
    ]


def test_a_corrected_region_files_the_report_under_it(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "南川区.txt", other_region_report().encode())
    assert planner.form(f"/upload/{token}/save", region="綦江区").status_code == 200
    assert targets_of(engine, "綦江区", "地区生产总值增速")
    assert not targets_of(engine, "南川区", "地区生产总值增速")


def test_a_year_that_is_not_a_year_writes_nothing(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "南川区.txt", other_region_report().encode())
    refused = planner.form(f"/upload/{token}/save", report_year="二〇二〇")
    assert refused.status_code == 400 and "报告年度应为 1949 到 2100 之间的四位年份" in refused.text
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


@given(
    before=st.text(alphabet="，。；、\n全区增长亿元收入完成", max_size=300),
    number=st.decimals(min_value=0, max_value=9999, places=1, allow_nan=False),
    after=st.text(alphabet="，。；、\n全区增长亿元收入完成", max_size=300),
)
def test_a_prose_figure_is_marked_once_inside_its_own_sentence(
    before: str, number: Decimal, after: str
) -> None:
    quote = f"增长{number}%"
    text = before + quote + after
    start = len(before)
    segments = marked_fact(text, start, start + len(quote), quote, float(number))
    marked = [part for part, mark in segments if mark]
    assert marked == [str(number)]
    shown = "".join(part for part, _ in segments).removeprefix("…")
    assert quote in shown and shown in text
    assert "\n" not in shown.strip("\n")  # never runs past a paragraph
    inner = shown[: shown.index(quote)]
    assert not any(end in inner for end in "。！？")  # starts after the sentence before
