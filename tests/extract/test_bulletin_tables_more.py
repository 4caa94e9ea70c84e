"""Statistics tables in three more layouts pages give them: an amount and its growth headed
without a name cell, one cell a line; a table flattened into one line with spaces; and a unit
note that names a unit for counts and one for amounts."""

from __future__ import annotations

from typing import Any

from jihua.document import read_bytes
from jihua.extract import extract


def facts_of(text: str) -> list[dict[str, Any]]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))["facts"]


def reading(facts: list[dict[str, Any]], value: float) -> tuple[str, str, int, int, int | None]:
    """(kind, unit, from, to, year) of the fact of ``value``."""
    fact = next(f for f in facts if abs(f["value"] - value) < 1e-9)
    period = fact["period"]
    return fact["kind"], fact["unit"], period["from"], period["to"], period["year"]


AMOUNT_AND_GROWTH = """全市地区生产总值

2023年前三季度


总量

(亿元)

比上年同期

增长(%)

地区生产总值

8123.45

5.2

  按产业分



    第一产业

301.27

3.9

    第二产业

2874.60

6.1

    # 工业

2512.08

6.7
"""


def test_an_amount_and_its_growth_one_cell_a_line_take_the_captions_months() -> None:
    facts = facts_of(AMOUNT_AND_GROWTH)
    assert reading(facts, 8123.45) == ("level", "亿元", 1, 9, 2023)
    assert reading(facts, 5.2) == ("growth", "%", 1, 9, 2023)
    assert reading(facts, 301.27) == ("level", "亿元", 1, 9, 2023)
    assert reading(facts, 2512.08) == ("level", "亿元", 1, 9, 2023)
    assert reading(facts, 6.7) == ("growth", "%", 1, 9, 2023)


def test_the_amount_table_quotes_each_rows_name() -> None:
    fact = next(f for f in facts_of(AMOUNT_AND_GROWTH) if f["value"] == 301.27)
    assert fact["quote"].startswith("第一产业")


FLATTENED = (
    "规模以上工业 1-8月 累计 同比增长 (±%) 现价工业总产值(万元) 184522 6.4 "
    "主营业务收入(万元) 176310 -2.7 #利润总额 9120 11.5 产品销售率(%) 97.2 -0.8个 百分点\n"
    "注:数据为快报数。\n"
)


def test_a_table_flattened_into_one_line_gives_each_cell_its_months() -> None:
    facts = facts_of(FLATTENED)
    assert reading(facts, 184522) == ("level", "万元", 1, 8, None)
    assert reading(facts, 6.4) == ("growth", "%", 1, 8, None)
    assert reading(facts, -2.7) == ("growth", "%", 1, 8, None)
    assert reading(facts, 9120) == ("level", "万元", 1, 8, None)  # the unit of the row above
    assert reading(facts, 97.2) == ("level", "%", 1, 8, None)
    assert reading(facts, -0.8) == ("change", "个百分点", 1, 8, None)


def test_a_sentence_with_spaces_is_no_table() -> None:
    text = "1-8月 全县 规模以上工业增加值 同比增长 6.4% ，增速 比上月 提高 0.3 个百分点。"
    assert all(fact["quote"].find("\n") == -1 for fact in facts_of(text))
    assert {round(abs(f["value"]), 1) for f in facts_of(text)} <= {6.4, 0.3}


TWO_UNITS = """据县统计局统计，今年5月全县工业运行平稳。
工业主要指标 | 全县 | 2012.5 |
| 单位:家、万元 | 指标名称 | 本月 | 同比% | 累计 | 同比% | 企业单位数
| 212 | 4.4 | 212 | 4.4 | 其中:规模以上 | 87 | 6.1 | 87 | 6.1 | 工业总产值 | 80214 | 9.3 | 371552 | 12.8 | 其中:规模以上 | 61380 | 8.0 | 284117 | 11.6 |
"""


def test_a_unit_note_naming_two_units_gives_counts_and_amounts_each_theirs() -> None:
    facts = facts_of(TWO_UNITS)
    assert reading(facts, 212)[:2] == ("level", "家")
    assert reading(facts, 87)[:2] == ("level", "家")  # a sub-row keeps the row above's unit
    assert reading(facts, 80214) == ("level", "万元", 5, 5, 2012)
    assert reading(facts, 371552) == ("level", "万元", 1, 5, 2012)
    assert reading(facts, 61380)[:2] == ("level", "万元")


PROGRESS_BY_PLACE = """2022年1-6月份市重点项目投资完成情况表
单位:个、亿元
地 区 | 项目个数 | 年投资计划 | 完成投资额 | 年计划投资完成率 |
东城区 | 41 | 63.0 | 35.2 | 55.9% |
西湖县 | 18 | 22.4 | 10.1 | 45.1% |
"""


def test_a_progress_table_by_place_gives_plan_done_and_share_done() -> None:
    facts = facts_of(PROGRESS_BY_PLACE)
    assert reading(facts, 41) == ("level", "个", 1, 6, 2022)
    assert reading(facts, 63.0) == ("level", "亿元", 1, 12, 2022)
    assert reading(facts, 35.2) == ("level", "亿元", 1, 6, 2022)
    assert reading(facts, 55.9) == ("completion", "%", 1, 6, 2022)
    plan = next(f for f in facts if f["value"] == 22.4)
    assert (plan["status"], plan["quote"]) == ("target", "西湖县 | 18 | 22.4")
