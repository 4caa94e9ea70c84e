"""Bulletins into the store: periodic figures matched to the plan's indicators, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.bulletins import ingest_bulletin, ingest_bulletin_bytes
from jihua.store.periodic import periodic_series
from jihua.store.schema import Change, Document
from tests.store.conftest import seed_bytes

JUNE = """涪陵区2024年上半年经济运行简况
发布时间：2024-07-19　来源：涪陵区统计局

上半年，全区经济运行稳中有进。1-6月，全区实现地区生产总值812.3亿元，同比增长6.2%。
规上工业增加值同比增长9.4%，社会消费品零售总额同比增长7.1%，固定资产投资同比增长3.9%。
"""
REVISED = JUNE.replace("规上工业增加值同比增长9.4%", "规上工业增加值同比增长9.6%").replace(
    "简况", "简况（修订）"
)
MARCH = """涪陵区2024年一季度经济运行情况
发布时间：2024-04-22

一季度，全区规模以上工业增加值同比增长8.8%，社会消费品零售总额同比增长6.5%。
"""


@pytest.fixture
def planned(store: Store) -> Store:
    store.ingest_bytes(seed_bytes(), "fuling-2023-plan-report.txt")  # holds the 2024 plan
    return store


def test_a_bulletins_growths_are_stored_against_the_plans_indicators(planned: Store) -> None:
    result = ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月.txt")
    assert result.region == "涪陵区" and result.stored == 4
    assert result.unmatched == ["地区生产总值"]  # its level: the plan follows its growth only
    [point] = periodic_series(planned.engine, "涪陵区", 2024, "规上工业增加值增速")
    assert (point.period, point.months, point.kind, point.value) == (
        "2024-01..06",
        "1-6月",
        "growth",
        9.4,
    )
    assert point.source == "六月.txt：规上工业增加值同比增长9.4%"


def test_the_same_bulletin_again_changes_nothing(planned: Store) -> None:
    ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月.txt")
    again = ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月-副本.txt")
    assert again.status == "present" and again.stored == 0
    with Session(planned.engine) as session:
        assert (
            len(session.scalars(select(Document).where(Document.report_year.is_(None))).all()) == 1
        )


def test_a_later_figure_changes_the_value_and_the_log_keeps_the_first(planned: Store) -> None:
    ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月.txt")
    ingest_bulletin_bytes(planned.engine, REVISED.encode(), "六月修订.txt")
    [point] = periodic_series(planned.engine, "涪陵区", 2024, "规上工业增加值增速")
    assert point.value == 9.6
    with Session(planned.engine) as session:
        logged = session.scalars(
            select(Change.old).where(
                Change.table_name == "periodic_values", Change.field == "value"
            )
        ).all()
    assert "9.4" in logged


def test_a_series_runs_in_order_of_months(planned: Store) -> None:
    ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月.txt")
    ingest_bulletin_bytes(planned.engine, MARCH.encode(), "三月.txt")
    series = periodic_series(planned.engine, "涪陵区", 2024, "社会消费品零售总额增速")
    assert [(p.months, p.value) for p in series] == [("1-3月", 6.5), ("1-6月", 7.1)]


def test_bulletins_that_cannot_be_stored_say_why(planned: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="没有找到注明期间的数字"):
        ingest_bulletin_bytes(planned.engine, "涪陵区统计局\n今年经济运行平稳。".encode(), "空.txt")
    with pytest.raises(UserError, match="口径只能是"):
        ingest_bulletin_bytes(planned.engine, JUNE.encode(), "六月.txt", vintage="初稿")
    with pytest.raises(UserError, match="这是一个目录"):
        ingest_bulletin(planned.engine, tmp_path)


def test_cli_ingests_a_bulletin_and_prints_the_series(tmp_path: Path) -> None:
    import csv
    import io
    import json
    import subprocess
    import sys

    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    (tmp_path / "六月.txt").write_text(JUNE, encoding="utf-8")
    (tmp_path / "三月.txt").write_text(MARCH, encoding="utf-8")

    def jihua(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "jihua.cli", *args, "--db", db]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)

    assert jihua("ingest").returncode == 0
    stored = jihua("ingest", "六月.txt", "三月.txt", "--kind", "bulletin")
    assert stored.returncode == 0, stored.stderr
    assert "已入库 4 个月度/季度数据（涪陵区）" in stored.stdout
    asked = (
        "series",
        "--region",
        "涪陵区",
        "--indicator",
        "社会消费品零售总额增速",
        "--year",
        "2024",
    )
    points = json.loads(jihua(*asked, "--json").stdout)
    assert [(p["months"], p["value"]) for p in points] == [("1-3月", 6.5), ("1-6月", 7.1)]
    table = list(csv.reader(io.StringIO(jihua(*asked, "--csv").stdout.lstrip("\ufeff"))))
    assert table[0] == ["期间", "类型", "数值", "口径", "来源", "修订"] and len(table) == 3
    unknown = jihua("series", "--region", "涪陵区", "--indicator", "火星产值", "--year", "2024")
    assert unknown.returncode == 2 and unknown.stderr.startswith("错误：")


def test_a_bulletin_ingested_as_a_report_is_told_how_it_is_stored(planned: Store) -> None:
    with pytest.raises(UserError, match=r"看起来是统计通报，不是计划报告：.*--kind bulletin"):
        planned.ingest_bytes(JUNE.encode(), "上半年.txt")
