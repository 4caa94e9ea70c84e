"""上传通报: a bulletin's periodic figures reviewed, unmatched indicators answered for, saved once."""

from __future__ import annotations

import html
import re
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.store.periodic import periodic_series, periodic_statements
from jihua.store.schema import Document, Indicator, Plan, Region
from jihua.web.bulletin_review import field_id
from tests.web.conftest import Browser

JUNE = """涪陵区2024年上半年经济运行简况
发布时间：2024-07-19　来源：涪陵区统计局

上半年，全区经济运行稳中有进。1-6月，全区实现地区生产总值812.3亿元，同比增长6.2%。
规上工业增加值同比增长9.4%，社会消费品零售总额同比增长7.1%。
"""
AUGUST = """涪陵区统计局关于2024年上半年主要经济指标的修订说明
发布日期：2024-08-16

根据市统计局反馈的核实数据，1-6月，全区规模以上工业增加值同比增长9.6%，社会消费品零售总额同比增长7.1%。
"""
GDP_LEVEL = field_id("2024|level|地区生产总值")


def upload(planner: Browser, name: str, text: str) -> tuple[str, str]:
    review = planner.client.post(
        "/bulletins/upload",
        data={"csrf_token": planner.token},
        files={"file": (name, text.encode(), "text/plain")},
    )
    assert review.status_code == 200, review.text[:500]
    token = re.search(r'action="/bulletins/([^/"]+)/save"', review.text)
    assert token is not None, review.text[:2000]
    return review.text, token.group(1)


def save(planner: Browser, token: str, **fields: str) -> Any:
    return planner.form(f"/bulletins/{token}/save", region="涪陵区", vintage="快报", **fields)


def row_of(page: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}">.*?</tr>', page, re.S)
    assert found is not None, row_id
    cells = re.sub(r"</?mark>", "", found.group(0))
    return html.unescape(re.sub(r"<[^>]+>", " ", cells))


def plan_id(engine: Engine, year: int) -> int:
    with Session(engine) as session:
        return session.scalars(select(Plan.id).where(Plan.year == year)).one()


def test_the_review_shows_each_figure_with_its_period_and_the_indicator_it_matches(
    app_for: Any,
) -> None:
    review, _ = upload(app_for("planner"), "六月.txt", JUNE)
    assert "发布日期 2024-07-19" in review
    cells = row_of(review, "figure-2").split()
    assert cells[:6] == ["规上工业增加值", "2024年1-6月", "增速", "9.4", "%", "规上工业增加值增速"]
    assert cells[6].startswith("规上工业增加值同比增长9.4%")  # the sentence, the figure marked
    assert "<mark>9.4</mark>" in review
    assert "待选择" in row_of(review, "figure-0")  # 地区生产总值 812.3亿元: the plan has no level


def test_an_unmatched_indicator_is_asked_about_with_the_regions_indicators(
    engine: Engine, app_for: Any
) -> None:
    review, _ = upload(app_for("planner"), "六月.txt", JUNE)
    question = re.search(rf'<tr id="question-{GDP_LEVEL}">.*?</tr>', review, re.S)
    assert question is not None
    asked = question.group(0)
    assert "地区生产总值" in asked and "总量（亿元）" in asked
    assert f'name="answer-{GDP_LEVEL}" required' in asked
    assert '<option value="new">新建指标“地区生产总值”</option>' in asked
    assert '<option value="drop">不入库</option>' in asked
    with Session(engine) as session:
        growth = session.scalars(
            select(Indicator.id).where(
                Indicator.plan_id == plan_id(engine, 2024), Indicator.name == "地区生产总值增速"
            )
        ).one()
    assert f'<option value="map:{growth}">地区生产总值增速</option>' in asked
    assert 'label="对应到涪陵区2024年计划中的指标"' in asked
    assert len(re.findall(r'<tr id="question-', review)) == 1  # the matched ones are not asked


def test_saving_with_a_new_indicator_stores_every_figure_in_one_go(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "六月.txt", JUNE)
    saved = save(planner, token, **{f"answer-{GDP_LEVEL}": "new"})
    assert saved.status_code == 200, saved.text[:500]
    assert (
        "已入库 4 个月度/季度数据（涪陵区）" in saved.text
        and "新建指标：地区生产总值" in saved.text
    )
    assert 'href="/plans/%E6%B6%AA%E9%99%B5%E5%8C%BA/2024/monitor"' in saved.text
    [level] = periodic_series(engine, "涪陵区", 2024, "地区生产总值")
    assert (level.kind, level.value, level.months) == ("level", 812.3, "1-6月")
    again = planner.form(f"/bulletins/{token}/save", region="涪陵区")
    assert again.status_code in (400, 404, 410) and "已过期或不存在" in again.text


def test_a_mapped_indicator_takes_the_figures(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "六月.txt", JUNE)
    with Session(engine) as session:
        chosen = session.scalars(
            select(Indicator.id).where(
                Indicator.plan_id == plan_id(engine, 2024), Indicator.name == "地区生产总值增速"
            )
        ).one()
    assert save(planner, token, **{f"answer-{GDP_LEVEL}": f"map:{chosen}"}).status_code == 200
    kinds = {
        (s.kind, s.value) for s in periodic_statements(engine, "涪陵区", 2024, "地区生产总值增速")
    }
    assert kinds == {("growth", 6.2), ("level", 812.3)}


def _stored(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        documents = session.scalar(select(func.count(Document.id))) or 0
        indicators = session.scalar(select(func.count(Indicator.id))) or 0
    return documents, indicators


def test_an_unanswered_or_foreign_answer_stores_nothing_and_says_why(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "六月.txt", JUNE)
    before = _stored(engine)
    missing = save(planner, token)
    assert missing.status_code == 400
    assert "请先为这些计划中没有的指标选择处理方式：2024年地区生产总值（总量）" in missing.text
    with Session(engine) as session:
        earlier = session.scalars(
            select(Indicator.id).where(Indicator.plan_id == plan_id(engine, 2023))
        ).first()
    foreign = save(planner, token, **{f"answer-{GDP_LEVEL}": f"map:{earlier}"})
    assert foreign.status_code == 400 and "不在涪陵区2024年的计划中" in foreign.text
    garbled = save(planner, token, **{f"answer-{GDP_LEVEL}": "map:abc"})
    assert garbled.status_code == 400 and "处理方式无法识别" in garbled.text
    assert _stored(engine) == before
    dropped = save(planner, token, **{f"answer-{GDP_LEVEL}": "drop"})  # still waiting: saved now
    assert dropped.status_code == 200 and "审核时不入库：地区生产总值" in dropped.text


def test_another_region_is_checked_against_its_own_plans(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "六月.txt", JUNE)
    review = planner.client.get(f"/bulletins/{token}", params={"region": "武隆区"})
    assert review.status_code == 200
    assert "库中还没有“武隆区”" in review.text
    assert (
        len(re.findall(r'<tr id="question-', review.text)) == 4
    )  # nothing to match in a new region
    answers = {name: "new" for name in re.findall(r'name="(answer-[0-9a-f]+)"', review.text)}
    assert len(answers) == 4
    saved = planner.form(f"/bulletins/{token}/save", region="武隆区", **answers)
    assert saved.status_code == 200 and "已入库 4 个月度/季度数据（武隆区）" in saved.text
    with Session(engine) as session:
        assert session.scalars(select(Region.name).where(Region.name == "武隆区")).one()


def test_a_later_bulletin_revises_through_the_review_and_the_same_one_is_present(
    engine: Engine, app_for: Any
) -> None:
    planner = app_for("planner")
    _, token = upload(planner, "六月.txt", JUNE)
    assert save(planner, token, **{f"answer-{GDP_LEVEL}": "drop"}).status_code == 200
    _, token = upload(planner, "八月.txt", AUGUST)
    revised = save(planner, token)
    assert "其中 1 个修订了先前的数字" in revised.text
    [point] = periodic_series(engine, "涪陵区", 2024, "规上工业增加值增速")
    assert (point.value, point.revision, point.first_value) == (9.6, "修订1", 9.4)
    _, token = upload(planner, "六月-副本.txt", JUNE)
    present = save(planner, token, **{f"answer-{GDP_LEVEL}": "drop"})
    assert "六月-副本.txt：已存在（未作改动）" in present.text


def test_only_planners_upload_bulletins_and_tokens_do_not_cross_flows(app_for: Any) -> None:
    for role in ("department", "reviewer", "admin"):
        visitor = app_for(role)
        assert visitor.client.get("/bulletins/upload").status_code == 403
        refused = visitor.client.post(
            "/bulletins/upload",
            data={"csrf_token": visitor.token},
            files={"file": ("六月.txt", JUNE.encode(), "text/plain")},
        )
        assert refused.status_code == 403 and "只有计划科用户可以上传通报" in refused.text
    planner = app_for("planner")
    _, token = upload(planner, "六月.txt", JUNE)
    crossed = planner.form(f"/upload/{token}/save")
    assert crossed.status_code != 500 and "已过期或不存在" in crossed.text
    other = app_for("planner")  # the same role, another session: still the owner's name
    assert other.client.get(f"/bulletins/{token}").status_code == 200
    assert planner.client.get("/bulletins/not-a-token").status_code in (400, 404, 410)


def test_a_file_without_dated_figures_is_refused_in_chinese(app_for: Any) -> None:
    planner = app_for("planner")
    refused = planner.client.post(
        "/bulletins/upload",
        data={"csrf_token": planner.token},
        files={"file": ("空.txt", "涪陵区统计局\n今年经济运行平稳。".encode(), "text/plain")},
    )
    assert refused.status_code == 400 and "没有找到注明期间的数字" in refused.text
    no_file = planner.form("/bulletins/upload")
    assert no_file.status_code == 400 and "请选择要上传的通报文件" in no_file.text


def test_the_upload_without_its_csrf_token_is_refused(app_for: Any) -> None:
    planner = app_for("planner")
    refused = planner.client.post(
        "/bulletins/upload", files={"file": ("六月.txt", JUNE.encode(), "text/plain")}
    )
    assert refused.status_code == 403


QUARTER_EXCERPT = """二、工业
前三季度全区规模以上工业增加值同比增长8.1%。
三、消费品市场
前三季度全区社会消费品零售总额同比增长5.2%。
"""


#: a dateline and `据…统计局数据`: the extractor reads the region as `据涪陵区`
DATELINE = """（资料图）

人民网涪陵7月20日电（记者 李华）上半年，全区经济稳中向好。

据涪陵区统计局数据，2024年上半年全区地区生产总值同比增长6.4%，规模以上工业增加值同比增长9.2%。
"""


def test_the_review_offers_the_region_storing_would_take(app_for: Any) -> None:
    review, _ = upload(app_for("planner"), "上半年.txt", DATELINE)
    assert "地区 <b>涪陵区</b>" in review and 'id="region" value="涪陵区"' in review
    assert 'value="据涪陵区"' not in review and 'id="new-region"' not in review


def test_a_bulletin_without_region_or_year_asks_for_both(engine: Engine, app_for: Any) -> None:
    planner = app_for("planner")
    review = planner.client.post(
        "/bulletins/upload",
        data={"csrf_token": planner.token},
        files={"file": ("三季度.txt", QUARTER_EXCERPT.encode(), "text/plain")},
    )
    assert review.status_code == 200
    assert 'id="region-missing"' in review.text and 'name="year"' in review.text
    assert "其中 2 个没有注明年份" in review.text
    token = re.search(r'action="/bulletins/([^/"]+)"', review.text)
    assert token is not None
    asked = planner.client.get(
        f"/bulletins/{token.group(1)}", params={"region": "涪陵区", "year": "2024"}
    )
    assert "按 2024 年入库" in asked.text
    assert "2024年1-9月" in row_of(asked.text, "figure-0").replace(" ", "")
    assert "规上工业增加值增速" in row_of(asked.text, "figure-0")
    assert not re.search(r'<tr id="question-', asked.text)  # both match the 2024 plan
    bad = planner.client.get(f"/bulletins/{token.group(1)}", params={"year": "24"})
    assert bad.status_code == 400 and "年份应为 1949 到 2100 之间的四位数字" in bad.text
    saved = planner.form(f"/bulletins/{token.group(1)}/save", region="涪陵区", year="2024")
    assert saved.status_code == 200 and "已入库 2 个月度/季度数据（涪陵区）" in saved.text
    [point] = periodic_series(engine, "涪陵区", 2024, "规上工业增加值增速")
    assert (point.period, point.value) == ("2024-01..09", 8.1)


def test_a_bulletin_uploaded_as_a_report_is_sent_to_the_bulletin_page(app_for: Any) -> None:
    planner = app_for("planner")
    answer = planner.client.post(
        "/upload",
        data={"csrf_token": planner.token},
        files={"file": ("上半年.txt", JUNE.encode(), "text/plain")},
    )
    assert answer.status_code == 400  # a UserError, as for any file that is not a report
    assert "看起来是统计通报，不是计划报告" in answer.text
    assert "请在“上传通报”页面上传" in answer.text
