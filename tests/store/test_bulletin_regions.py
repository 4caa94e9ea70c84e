"""Whose figures a bulletin states: the region its lead names, the place before a figure's
name, and the same bytes stored again for the region the planner names."""

from __future__ import annotations

import pytest

from jihua.store import Store
from jihua.store.bulletin_region import short_names, without_subject
from jihua.store.bulletins import ingest_bulletin_bytes
from jihua.store.periodic import periodic_series
from tests.store.conftest import seed_bytes

#: a news report naming the district in its first paragraph, not in a title
NEWS = """一季度经济运行“成绩单”出炉

日前，记者从涪陵统计部门获悉，今年一季度涪陵经济开局良好，主要指标增速居全市前列。

数据显示，一季度，全区规模以上工业增加值同比增长8.8%，社会消费品零售总额同比增长6.5%。
"""
#: a dateline and `据…统计局数据`: the extractor reads the region as `据涪陵区`
DATELINE = """（资料图）

人民网涪陵7月20日电（记者 李华）上半年，全区经济稳中向好。

据涪陵区统计局数据，今年上半年全区地区生产总值同比增长6.4%，规模以上工业增加值同比增长9.2%。
"""
#: a city's release that names a district only further down, in a ranking
CITY = """据重庆市统计局消息，2024年上半年，全市规模以上工业增加值同比增长7.8%，社会消费品零售总额同比增长4.2%。

分区县看，工业增加值增速居前的有长寿区、涪陵区、綦江区，其中涪陵区增长10.4%。
"""
#: a district's year quoted at the city's people's congress: the extractor reads `重庆市`
CONGRESS = """重庆市六届人大三次会议举行“做大做强制造业”专题记者会，涪陵区委书记在会上介绍，2024年，涪陵全区规上工业增加值增长9.1%，一般公共预算收入102.3亿元，其中税收58.2亿元、增长11.2%。
涪陵将继续坚持工业立区、制造强区，加快构建现代制造业集群体系。
"""
#: figures named after their place
NAMED = """涪陵区一季度经济运行情况
一季度，涪陵区生产总值326.5亿元，同比增长6.1%；全区规模以上工业增加值同比增长8.2%。
"""


@pytest.fixture
def planned(store: Store) -> Store:
    store.ingest_bytes(seed_bytes(), "fuling-2023-plan-report.txt")  # 涪陵区 2023 and 2024
    return store


def values(store: Store, indicator: str) -> list[tuple[str, float]]:
    return [(p.period, p.value) for p in periodic_series(store.engine, "涪陵区", 2024, indicator)]


def test_a_release_naming_its_district_in_its_first_paragraph_is_stored_for_it(
    planned: Store,
) -> None:
    result = ingest_bulletin_bytes(planned.engine, NEWS.encode(), "一季度.txt", year=2024)
    assert (result.region, result.stored) == ("涪陵区", 2)
    assert values(planned, "规上工业增加值增速") == [("2024-01..03", 8.8)]


def test_a_fragment_of_the_regions_name_is_read_as_the_region(planned: Store) -> None:
    result = ingest_bulletin_bytes(planned.engine, DATELINE.encode(), "上半年.txt", year=2024)
    assert (result.region, result.stored) == ("涪陵区", 2)
    assert values(planned, "地区生产总值增速") == [("2024-01..06", 6.4)]


def test_a_citys_release_ranking_the_district_below_its_lead_stays_the_citys(
    planned: Store,
) -> None:
    result = ingest_bulletin_bytes(planned.engine, CITY.encode(), "全市上半年.txt")
    assert result.region != "涪陵区"
    assert values(planned, "规上工业增加值增速") == []


def test_a_release_stored_for_the_wrong_place_is_stored_again_for_the_region_named(
    planned: Store,
) -> None:
    first = ingest_bulletin_bytes(planned.engine, CONGRESS.encode(), "记者会.txt")
    assert (first.region, first.stored) == ("重庆市", 0)  # a place of its own: not guessed
    assert first.describe().endswith("；重庆市没有2024年的计划（如属其他地区，请用 --region 指定）")
    again = ingest_bulletin_bytes(planned.engine, CONGRESS.encode(), "记者会.txt", "涪陵区")
    assert (again.status, again.region, again.stored) == ("added", "涪陵区", 2)
    assert values(planned, "规上工业增加值增速") == [("2024-01..12", 9.1)]
    once_more = ingest_bulletin_bytes(planned.engine, CONGRESS.encode(), "记者会.txt", "涪陵区")
    assert once_more.status == "present"


def test_tax_growth_is_the_plans_tax_revenue_growth(planned: Store) -> None:
    ingest_bulletin_bytes(planned.engine, CONGRESS.encode(), "记者会.txt", "涪陵区")
    assert values(planned, "税收收入增速") == [("2024-01..12", 11.2)]


def test_a_figure_named_after_its_place_matches_the_plans_indicator(planned: Store) -> None:
    result = ingest_bulletin_bytes(planned.engine, NAMED.encode(), "一季度.txt", year=2024)
    assert result.stored == 2 and "涪陵区生产总值" in result.unmatched  # its level only
    assert values(planned, "地区生产总值增速") == [("2024-01..03", 6.1)]


def test_a_place_is_taken_off_a_name_only_before_it_and_whole() -> None:
    assert short_names("银川市") == ("银川市", "银川") and short_names("和县") == ("和县",)
    assert without_subject("银川规模以上工业增加值", "银川市") == "规模以上工业增加值"
    assert without_subject("全区银川规模以上工业增加值", "银川市") == "全区银川规模以上工业增加值"
    assert without_subject("银川市", "银川市") == "银川市"
    assert without_subject("涪陵榨菜产量", None) == "涪陵榨菜产量"
