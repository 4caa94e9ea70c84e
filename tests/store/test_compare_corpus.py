"""Comparing regions on real reports: the seed (tables) and two corpus excerpts (prose only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.extract import extract
from jihua.store import Store
from jihua.store.compare import target_history
from jihua.store.prose import fact_name
from jihua.store.schema import Fact, Region

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DONGAN, KYZQ = "16_dongan_2022.txt", "01_kyzq_2022.txt"


@pytest.fixture
def three_reports(seeded: Store) -> Store:
    for name in (DONGAN, KYZQ):
        seeded.ingest(CORPUS / name, who="测试")
    return seeded


def _facts_of(store: Store, region: str) -> int:
    with Session(store.engine) as session:
        query = select(func.count()).select_from(Fact).join(Region, Fact.region_id == Region.id)
        return int(session.scalar(query.where(Region.name == region)) or 0)


def test_a_report_in_prose_only_is_stored_with_all_its_facts(three_reports: Store) -> None:
    data = (CORPUS / DONGAN).read_bytes()
    assert _facts_of(three_reports, "东安县") == len(extract(read_bytes(data, DONGAN))["facts"])


def test_prose_growth_facts_rank_the_corpus_regions_of_their_year(three_reports: Store) -> None:
    standings = three_reports.compare("地区生产总值增速", 2022)
    assert [(s.rank, s.region, s.actual, s.basis) for s in standings] == [
        (1, "科右中旗", "7", "文字"),
        (2, "东安县", "5.9", "文字"),
    ]


def test_a_prose_target_grades_the_prose_actual(three_reports: Store) -> None:
    dongan = next(s for s in three_reports.compare("GDP增长", 2022) if s.region == "东安县")
    assert (dongan.target, dongan.actual, dongan.grade) == ("8.5以上", "5.9", "完成困难较大")


def test_the_seeds_table_row_wins_over_its_own_prose(three_reports: Store) -> None:
    standings = three_reports.compare("地区生产总值增速", 2023)
    assert [(s.region, s.actual, s.basis, s.grade) for s in standings] == [
        ("涪陵区", "7.5以上", "表格", "超额完成")
    ]


def test_the_reports_share_no_year_so_none_is_ranked_against_the_seed(
    three_reports: Store,
) -> None:
    assert "涪陵区" not in {s.region for s in three_reports.compare("地区生产总值增速", 2022)}
    with pytest.raises(UserError, match="没有 2021 年"):
        three_reports.compare("地区生产总值增速", 2021)


def test_target_history_lists_every_stored_year_of_one_region(three_reports: Store) -> None:
    years = target_history(three_reports.engine, "涪陵区", "GDP增长")
    assert [(s.year, s.target, s.actual, s.grade) for s in years] == [
        (2023, "6.5", "7.5以上", "超额完成"),
        (2024, "6.5", None, None),
    ]


def test_target_history_follows_a_later_vintage(three_reports: Store) -> None:
    three_reports.set_actual("涪陵区", 2023, "地区生产总值增速", "6.1", "年报", "2023年统计公报")
    first = target_history(three_reports.engine, "涪陵区", "地区生产总值增速")[0]
    assert (first.actual, first.vintage, first.grade) == ("6.1", "年报", "较好完成")


def test_target_history_of_an_unknown_indicator_says_so(three_reports: Store) -> None:
    with pytest.raises(UserError, match="没有 东安县 的“幸福指数”"):
        target_history(three_reports.engine, "东安县", "幸福指数")


def test_a_fact_about_the_whole_region_or_named_after_it_is_about_the_indicator() -> None:
    assert fact_name("荔城地区生产总值", "荔城区") == "地区生产总值"
    assert fact_name("全县地区生产总值", "东安县") == "地区生产总值"
    assert fact_name("地区生产总值", "涪陵区") == "地区生产总值"
