"""A statistics table of growths alone, headed by the name's title and one growth column with
spaces inside the titles (``指 标 | 增 幅``), as 统计公报 print their price indices."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract

PRICES = """2023年，全县经济平稳运行。
全年居民消费价格比上年上涨0.4%。
图3:2023年居民消费价格比上年涨跌幅度(%) | |
指 标 | 增 幅 |
居民消费价格 | 0.4 |
一、食品烟酒 | -0.6 |
粮 食 | 1.8 |
二、衣着 | 1.1 |
三、居住 | 0.0 |
"""


def facts_of(text: str) -> list[dict[str, Any]]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))["facts"]


def test_each_row_of_a_growth_table_headed_by_the_names_title_is_a_growth() -> None:
    facts = [fact for fact in facts_of(PRICES) if "|" in fact["quote"]]
    assert sorted(fact["value"] for fact in facts) == [-0.6, 0.0, 0.4, 1.1, 1.8]
    for fact in facts:
        assert fact["kind"] == "growth" and fact["unit"] == "%" and fact["basis"] == "yoy"
        assert (fact["period"]["year"], fact["period"]["from"], fact["period"]["to"]) == (
            2023,
            1,
            12,
        )


def test_a_row_naming_one_growth_among_names_is_still_no_header() -> None:
    text = "指标 | 单位 | 1-9月 | 增长%\n地区生产总值 | 亿元 | 812.3 | 5.6\n增长(%) | 5.6\n"
    values = sorted(fact["value"] for fact in facts_of(text))
    assert 812.3 in values
