"""A later bulletin's figure for the same period is a revision: kept beside the first."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.bulletins import (
    Answer,
    BulletinResult,
    bulletin_matching,
    ingest_bulletin_bytes,
    publishing_date,
    read_bulletin,
)
from jihua.store.monthly import import_monthly
from jihua.store.periodic import periodic_series, periodic_statements
from jihua.store.revisions import in_order, labels
from jihua.store.schema import Document, Indicator, PeriodicRevision, PeriodicValue, Plan
from tests.store.conftest import seed_bytes

JUNE = """涪陵区2024年上半年经济运行简况
发布时间：2024-07-19　来源：涪陵区统计局

上半年，全区经济运行稳中有进。1-6月，全区实现地区生产总值812.3亿元，同比增长6.2%。
规上工业增加值同比增长9.4%，社会消费品零售总额同比增长7.1%。
"""
AUGUST = """涪陵区统计局关于2024年上半年主要经济指标的修订说明
发布日期：2024-08-16

根据市统计局反馈的核实数据，1-6月，全区规模以上工业增加值同比增长9.6%，社会消费品零售总额同比增长7.1%。
"""
UNDATED_FIRST = "涪陵区2024年上半年经济运行情况\n\n1-6月，全区规上工业增加值同比增长9.1%。\n"
UNDATED_LATER = (
    "涪陵区2024年上半年经济运行情况（更正）\n\n1-6月，全区规上工业增加值同比增长9.3%。\n"
)
INDUSTRY = "规上工业增加值增速"


@pytest.fixture
def planned(store: Store) -> Store:
    store.ingest_bytes(seed_bytes(), "fuling-2023-plan-report.txt")  # holds the 2024 plan
    return store


def ingest(store: Store, text: str, name: str, **options: object) -> object:
    return ingest_bulletin_bytes(store.engine, text.encode(), name, **options)  # type: ignore[arg-type]


def industry(store: Store) -> tuple[float, str | None, str | None, float | None]:
    [point] = periodic_series(store.engine, "涪陵区", 2024, INDUSTRY)
    return point.value, point.revision, point.revised, point.first_value


def test_a_revised_figure_is_kept_beside_the_first_and_is_the_one_in_use(planned: Store) -> None:
    ingest(planned, JUNE, "六月.txt")
    result = ingest_bulletin_bytes(planned.engine, AUGUST.encode(), "八月修订.txt")
    assert result.stored == 2 and result.revised == 1
    assert "其中 1 个修订了先前的数字" in result.describe()
    assert industry(planned) == (9.6, "修订1", "2024-08-16", 9.4)
    statements = periodic_statements(planned.engine, "涪陵区", 2024, INDUSTRY)
    assert [(s.revision, s.value, s.published, s.in_use) for s in statements] == [
        ("初值", 9.4, "2024-07-19", False),
        ("修订1", 9.6, "2024-08-16", True),
    ]
    assert statements[0].source == "六月.txt：规上工业增加值同比增长9.4%"


def test_the_later_published_bulletin_wins_whatever_the_order_of_ingest(planned: Store) -> None:
    ingest(planned, AUGUST, "八月修订.txt")
    ingest(planned, JUNE, "六月.txt")
    assert industry(planned) == (9.6, "修订1", "2024-08-16", 9.4)
    statements = periodic_statements(planned.engine, "涪陵区", 2024, INDUSTRY)
    assert [s.published for s in statements] == ["2024-07-19", "2024-08-16"]


def test_undated_bulletins_follow_the_order_they_were_stored(planned: Store) -> None:
    ingest(planned, UNDATED_FIRST, "一.txt")
    ingest(planned, UNDATED_LATER, "二.txt")
    value, revision, revised, first = industry(planned)
    assert (value, revision, first) == (9.3, "修订1", 9.1)
    assert revised == date.today().isoformat()  # no publishing date: the day it was stored


def test_a_later_bulletin_stating_the_same_figure_changes_nothing_in_use(planned: Store) -> None:
    ingest(planned, JUNE, "六月.txt")
    ingest(planned, AUGUST, "八月修订.txt")
    retail = periodic_statements(planned.engine, "涪陵区", 2024, "社会消费品零售总额增速")
    assert [(s.revision, s.value) for s in retail] == [("初值", 7.1), ("重申", 7.1)]
    [point] = periodic_series(planned.engine, "涪陵区", 2024, "社会消费品零售总额增速")
    assert (point.value, point.revision, point.revised) == (7.1, "初值", "2024-07-19")


def _counts(store: Store) -> tuple[int, int, int]:
    with Session(store.engine) as session:
        return (
            session.scalar(select(func.count(Document.id))) or 0,
            session.scalar(select(func.count(PeriodicValue.id))) or 0,
            session.scalar(select(func.count(PeriodicRevision.id))) or 0,
        )


def test_ingesting_the_same_bulletin_again_changes_nothing(planned: Store) -> None:
    ingest(planned, JUNE, "六月.txt")
    ingest(planned, AUGUST, "八月修订.txt")
    before, series = _counts(planned), industry(planned)
    again = ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月-副本.txt")
    assert again.status == "present" and again.describe() == "六月-副本.txt：已存在（未作改动）"
    assert _counts(planned) == before and industry(planned) == series
    # the same bulletin saved again by a browser (other bytes, the same statements)
    resaved = ingest_bulletin_bytes(planned.engine, (JUNE + "\n").encode(), "六月.htm.txt")
    assert resaved.stored == 0 and resaved.revised == 0
    documents, values, statements = _counts(planned)
    assert (values, statements) == before[1:] and documents == before[0] + 1
    assert industry(planned) == series


def test_a_value_stored_before_any_bulletin_becomes_the_first_figure(
    planned: Store, tmp_path: Path
) -> None:
    book = Workbook()
    book.active.append(["地区", "指标", "年份", "期间", "数值", "类型", "来源"])  # type: ignore[union-attr]
    book.active.append(["涪陵区", INDUSTRY, 2024, "1-6月", 9.0, "growth", "6月统计月报"])  # type: ignore[union-attr]
    book.save(tmp_path / "monthly.xlsx")
    import_monthly(planned.engine, tmp_path / "monthly.xlsx", who="测试")
    ingest(planned, JUNE, "六月.txt")
    statements = periodic_statements(planned.engine, "涪陵区", 2024, INDUSTRY)
    assert [(s.revision, s.value, s.source) for s in statements] == [
        ("初值", 9.0, "6月统计月报"),
        ("修订1", 9.4, "六月.txt：规上工业增加值同比增长9.4%"),
    ]


def test_the_publishing_date_is_read_from_the_page() -> None:
    assert publishing_date(JUNE) == date(2024, 7, 19)
    assert publishing_date("标题\n时间: 2017-07-27 10:00\n正文") == date(2017, 7, 27)
    assert publishing_date("发布日期：2020年12月24日") == date(2020, 12, 24)
    assert publishing_date("发布日期：2020-13-45") is None
    assert publishing_date(UNDATED_FIRST) is None


# --- answers for the indicators the plan does not have --------------------------------


def test_an_unmatched_indicator_is_asked_about_with_the_plans_indicators(planned: Store) -> None:
    bulletin = read_bulletin(JUNE.encode(), "六月.txt")
    matching = bulletin_matching(planned.engine, bulletin.figures, "涪陵区")
    assert matching.matched == [None, "地区生产总值增速", INDUSTRY, "社会消费品零售总额增速"]
    [question] = matching.questions
    assert (question.indicator, question.kind, question.year, question.unit) == (
        "地区生产总值",
        "level",
        2024,
        "亿元",
    )
    assert (question.key, question.count) == ("2024|level|地区生产总值", 1)
    assert "地区生产总值增速" in [name for _, name in question.choices]
    assert not matching.new_region
    assert bulletin_matching(planned.engine, bulletin.figures, "武隆区").new_region


def test_answers_map_create_or_drop_in_one_transaction(planned: Store) -> None:
    key = "2024|level|地区生产总值"
    created = ingest(planned, JUNE, "六月.txt", answers={key: Answer("new")})
    assert created.created == ["地区生产总值"]  # type: ignore[attr-defined]
    [point] = periodic_series(planned.engine, "涪陵区", 2024, "地区生产总值")
    assert (point.kind, point.value) == ("level", 812.3)
    with Session(planned.engine) as session:
        row = session.scalars(select(Indicator).where(Indicator.name == "地区生产总值")).one()
        assert row.unit == "亿元"


def test_an_answer_maps_to_the_chosen_indicator(planned: Store) -> None:
    with Session(planned.engine) as session:
        chosen = session.scalars(
            select(Indicator.id)
            .join(Plan, Plan.id == Indicator.plan_id)
            .where(Indicator.name == "地区生产总值增速", Plan.year == 2024)
        ).one()
    ingest(planned, JUNE, "六月.txt", answers={"2024|level|地区生产总值": Answer("map", chosen)})
    statements = periodic_statements(planned.engine, "涪陵区", 2024, "地区生产总值增速")
    assert sorted((s.kind, s.value) for s in statements) == [("growth", 6.2), ("level", 812.3)]


def test_a_missing_or_foreign_answer_stores_nothing(planned: Store) -> None:
    before = _counts(planned)
    with pytest.raises(
        UserError, match="请先为这些计划中没有的指标选择处理方式：2024年地区生产总值（总量）"
    ):
        ingest(planned, JUNE, "六月.txt", answers={})
    with pytest.raises(UserError, match="不在涪陵区2024年的计划中"):
        ingest(planned, JUNE, "六月.txt", answers={"2024|level|地区生产总值": Answer("map", 99999)})
    assert _counts(planned) == before
    dropped = ingest(planned, JUNE, "六月.txt", answers={"2024|level|地区生产总值": Answer("drop")})
    assert dropped.dropped == ["地区生产总值"] and dropped.stored == 3  # type: ignore[attr-defined]
    with pytest.raises(UserError, match="无法识别的处理方式"):
        Answer("map")


# --- the order of bulletins and the names of their statements -------------------------

days = st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2025, 12, 31)))


@given(st.lists(days, max_size=12))
def test_dated_bulletins_run_by_date_and_undated_ones_keep_their_place(
    published: list[date | None],
) -> None:
    items = list(enumerate(published))
    ordered = in_order(items, lambda item: item[1])
    assert sorted(ordered) == items  # nothing lost or repeated
    if all(day is not None for day in published):  # all dated: by date, ties as stored
        assert ordered == sorted(items, key=lambda item: (item[1], item[0]))
    if all(day is None for day in published):
        assert ordered == items
    assert ordered[-1:] == items[-1:] or items[-1][1] is not None  # undated last stays last


@given(st.lists(st.sampled_from([9.4, 9.6, 9.8]), min_size=1, max_size=10))
def test_every_change_of_figure_is_a_numbered_revision(values: list[float]) -> None:
    names = labels(values)
    assert names[0] == "初值"
    changes = sum(1 for a, b in pairwise(values) if a != b)
    assert [n for n in names if n.startswith("修订")] == [f"修订{n}" for n in range(1, changes + 1)]
    assert all(
        (n == "重申") == (v == values[i - 1])
        for i, (n, v) in enumerate(zip(names, values, strict=True))
        if i
    )


def test_series_says_when_a_value_was_revised_and_lists_every_statement(
    planned: Store, db_url: str
) -> None:
    import json

    from click.testing import CliRunner

    from jihua.cli.store import series

    ingest(planned, JUNE, "六月.txt")
    ingest(planned, AUGUST, "八月修订.txt")
    asked = [
        "--region",
        "涪陵区",
        "--indicator",
        INDUSTRY,
        "--year",
        "2024",
        "--db",
        db_url,
    ]
    runner = CliRunner()
    csv = runner.invoke(series, [*asked, "--csv"])
    assert csv.exit_code == 0, (csv.output, csv.exception)
    table = csv.output.lstrip("\ufeff").splitlines()
    assert table[1].endswith(",2024-08-16 修订1（初值 9.4）")
    [point] = json.loads(runner.invoke(series, [*asked, "--json"]).output)
    assert (point["value"], point["revision"], point["revised"]) == (9.6, "修订1", "2024-08-16")
    listed = json.loads(runner.invoke(series, [*asked, "--vintages", "--json"]).output)
    assert [(p["revision"], p["value"], p["in_use"]) for p in listed] == [
        ("初值", 9.4, False),
        ("修订1", 9.6, True),
    ]
    shown = runner.invoke(series, [*asked, "--vintages"], terminal_width=200).output
    assert "初值" in shown and "修订1" in shown and "2024-07-19" in shown


QUARTER_EXCERPT = """二、工业
前三季度全区规模以上工业增加值同比增长8.1%。
三、消费品市场
前三季度全区社会消费品零售总额同比增长5.2%，增速比上半年回落0.4个百分点。
"""


def test_figures_of_no_stated_year_are_stored_in_the_year_given(planned: Store) -> None:
    data = QUARTER_EXCERPT.encode()
    assert read_bulletin(data, "三季度.txt").undated == 2
    with pytest.raises(UserError, match="没有注明年份，发布日期也没有：请指定年份"):
        ingest_bulletin_bytes(planned.engine, data, "三季度.txt", region="涪陵区")
    stored = ingest_bulletin_bytes(planned.engine, data, "三季度.txt", region="涪陵区", year=2024)
    assert stored.stored == 2 and stored.undated == 0
    [point] = periodic_series(planned.engine, "涪陵区", 2024, INDUSTRY)
    assert (point.period, point.value) == ("2024-01..09", 8.1)


def test_the_answer_says_what_was_left_out_and_why() -> None:
    result = BulletinResult(
        "三季度.txt", "added", "涪陵区", 3, 1, ["火星产值"], ["GDP"], ["税收"], 2
    )
    assert result.describe() == (
        "三季度.txt：已入库 3 个月度/季度数据（涪陵区），其中 1 个修订了先前的数字（先前的保留为历次版本）"
        "；新建指标：GDP；审核时不入库：税收；计划中没有的指标未入库：火星产值；2 个数字没有注明年份，未入库"
    )


def test_cli_gives_the_year_of_a_bulletin_that_states_none(
    planned: Store, db_url: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from jihua.cli.store import ingest as ingest_command

    (tmp_path / "三季度.txt").write_text(QUARTER_EXCERPT, encoding="utf-8")
    asked = [str(tmp_path / "三季度.txt"), "--kind", "bulletin", "--region", "涪陵区"]
    refused = CliRunner().invoke(ingest_command, [*asked, "--db", db_url])
    assert refused.exit_code != 0 and "请指定年份" in str(refused.exception)
    stored = CliRunner().invoke(ingest_command, [*asked, "--year", "2024", "--db", db_url])
    assert stored.exit_code == 0 and "已入库 2 个月度/季度数据（涪陵区）" in stored.output


def test_an_earlier_bulletin_read_late_leaves_a_hand_edit_alone(planned: Store) -> None:
    from jihua.store.periodic import set_periodic

    ingest(planned, AUGUST, "八月修订.txt")
    set_periodic(planned.engine, "涪陵区", 2024, INDUSTRY, "1-6月", 9.7, "growth", who="张三")
    ingest(planned, JUNE, "六月.txt")  # published before August's: history only
    value, revision, _, first = industry(planned)
    assert (value, revision, first) == (9.7, "已修改", 9.4)
