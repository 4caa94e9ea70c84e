from __future__ import annotations

from pathlib import Path

import pytest

from jihua.errors import UserError
from jihua.store import Store, load_synonyms

from .conftest import other_region_bytes


@pytest.fixture
def three_regions(seeded: Store) -> Store:
    seeded.ingest_bytes(other_region_bytes("长寿区", "GDP增长", "8.2"), "changshou.txt")
    seeded.ingest_bytes(other_region_bytes("江津区", "地区生产总值增长", "5.9"), "jiangjin.txt")
    return seeded


def test_compare_ranks_every_region_under_any_spelling(three_regions: Store) -> None:
    standings = three_regions.compare("GDP增长", 2023)
    assert [(s.rank, s.region, s.indicator, s.actual) for s in standings] == [
        (1, "长寿区", "GDP增长", "8.2"),
        (2, "涪陵区", "地区生产总值增速", "7.5以上"),
        (3, "江津区", "地区生产总值增长", "5.9"),
    ]
    assert [s.grade for s in standings] == ["超额完成", "超额完成", "较好完成"]


def test_compare_uses_the_latest_vintage(three_regions: Store) -> None:
    three_regions.set_actual("涪陵区", 2023, "地区生产总值增速", "9.0", "年报", "2023年统计公报")
    first = three_regions.compare("地区生产总值增速", 2023)[0]
    assert (first.region, first.actual, first.vintage) == ("涪陵区", "9.0", "年报")


def test_a_user_synonym_file_extends_the_shipped_table(tmp_path: Path) -> None:
    extra = tmp_path / "synonyms.toml"
    extra.write_text('[names]\n"地区生产总值增速" = ["经济总量增长"]\n', encoding="utf-8")
    synonyms = load_synonyms(extra)
    assert synonyms.canonical("经济总量增长（%）") == "地区生产总值增速"
    assert synonyms.canonical("GDP增长") == "地区生产总值增速"
    assert synonyms.canonical("规模以上工业增加值增长") == "规上工业增加值增速"


def test_compare_of_an_unknown_indicator_says_so(seeded: Store) -> None:
    with pytest.raises(UserError, match="没有 2023 年的“幸福指数”"):
        seeded.compare("幸福指数", 2023)
