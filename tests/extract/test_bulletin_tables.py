"""Statistics tables of bulletins: every cell a fact with the months of its column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jihua.document import read_bytes, read_document
from jihua.extract import extract
from tests.report_files import html_page


def facts_of(text: str, source: str = "page.txt") -> list[dict[str, Any]]:
    return extract(read_bytes(text.encode("utf-8"), source))["facts"]


def reading(facts: list[dict[str, Any]], value: float) -> tuple[str, str, int, int, int | None]:
    """(kind, unit, from, to, year) of the fact of ``value``."""
    fact = next(f for f in facts if abs(f["value"] - value) < 1e-9)
    period = fact["period"]
    return fact["kind"], fact["unit"], period["from"], period["to"], period["year"]


MONTH_AND_CUMULATIVE = """2024年1-9月全区主要经济指标

| 指标 | 单位 | 9月 | 1-9月累计 | 累计增长% |
|---|---|---|---|---|
| 规模以上工业增加值 | 亿元 | 13.6 | 118.2 | 7.4 |
| 社会消费品零售总额 | 亿元 | 24.1 | 205.7 | 4.9 |
| 固定资产投资 | 亿元 | — | 161.3 | -2.8 |
"""


def test_pipe_table_gives_each_column_its_months() -> None:
    facts = facts_of(MONTH_AND_CUMULATIVE)
    assert reading(facts, 13.6) == ("level", "亿元", 9, 9, 2024)
    assert reading(facts, 118.2) == ("level", "亿元", 1, 9, 2024)
    assert reading(facts, 7.4) == ("growth", "%", 1, 9, 2024)
    assert reading(facts, -2.8) == ("growth", "%", 1, 9, 2024)


def test_growth_column_is_yoy_and_names_its_row() -> None:
    facts = facts_of(MONTH_AND_CUMULATIVE)
    growth = next(f for f in facts if f["value"] == 4.9)
    assert growth["basis"] == "yoy"
    assert growth["indicator"] == "社会消费品零售总额"
    assert growth["quote"].startswith("社会消费品零售总额")


def test_dash_keeps_the_place_of_a_missing_figure() -> None:
    facts = facts_of(MONTH_AND_CUMULATIVE)
    investment = [f for f in facts if f["indicator"] == "固定资产投资"]
    assert [(f["value"], f["period"]["to"] - f["period"]["from"]) for f in investment] == [
        (161.3, 8),
        (-2.8, 8),
    ]


def test_this_month_and_to_this_month_take_the_month_of_the_title() -> None:
    text = """某某区统计局　2023年6月主要经济指标

| 指标名称 | 单位 | 本月 | 1-本月 | 同比增长(%) |
|---|---|---|---|---|
| 一般公共预算收入 | 万元 | 8650 | 61240 | 5.3 |
| 全社会用电量 | 万千瓦时 | 21030 | 118760 | 3.1 |
"""
    facts = facts_of(text)
    assert reading(facts, 8650) == ("level", "万元", 6, 6, 2023)
    assert reading(facts, 61240) == ("level", "万元", 1, 6, 2023)
    assert reading(facts, 5.3) == ("growth", "%", 1, 6, 2023)


def test_column_of_absolute_figures_and_growth_under_a_heading_take_its_period() -> None:
    text = """2024年1-9月全区主要经济指标

| 项目 | 绝对值 | 增速 |
|---|---|---|
| 地区生产总值(亿元) | 312.5 | 5.6 |
| 城镇常住居民人均可支配收入(元) | 38120 | 4.8 |
"""
    facts = facts_of(text)
    assert reading(facts, 312.5) == ("level", "亿元", 1, 9, 2024)
    assert reading(facts, 38120) == ("level", "元", 1, 9, 2024)
    assert reading(facts, 4.8) == ("growth", "%", 1, 9, 2024)


def test_quarterly_columns_are_quarter_half_and_three_quarters() -> None:
    text = """2023年各季度地区生产总值

| 指标 | 一季度 | 上半年 | 前三季度 |
|---|---|---|---|
| 地区生产总值(亿元) | 95.2 | 201.4 | 310.8 |
"""
    facts = facts_of(text)
    assert [reading(facts, v)[2:4] for v in (95.2, 201.4, 310.8)] == [(1, 3), (1, 6), (1, 9)]


def test_month_columns_of_a_table_by_place_are_months_alone() -> None:
    text = """指标:规模以上工业增加值_同比增长(%) | |||
地区 | 2022年8月 | 2022年7月 | 2022年6月 |
甲县 | 6.1 | 5.4 | 3.9 |
乙县 | -1.2 | 2.6 | 4.4 |
"""
    facts = facts_of(text)
    assert reading(facts, 5.4) == ("growth", "%", 7, 7, 2022)
    assert reading(facts, -1.2) == ("growth", "%", 8, 8, 2022)


def test_header_cell_broken_over_two_lines_is_read_whole() -> None:
    text = """1-8月进度数据
规模以上工业产销 | |||
8月 | 1-8月累计 | 累计 | |
增长% | |||
规模以上工业增加值(亿元) | 41.20 | 330.15 | 8.2 |
#高技术制造业增加值(亿元) | 9.86 | 77.40 | 12.5 |
"""
    facts = facts_of(text)
    assert reading(facts, 41.20) == ("level", "亿元", 8, 8, None)
    assert reading(facts, 330.15) == ("level", "亿元", 1, 8, None)
    assert reading(facts, 8.2) == ("growth", "%", 1, 8, None)
    assert reading(facts, 12.5) == ("growth", "%", 1, 8, None)


def test_table_copied_one_cell_a_line_keeps_its_columns() -> None:
    text = """2023年5月社会消费品零售总额
来源:市统计局

指标

本月

比去年同月增长(%)

1-本月

比去年同期增长(%)

社会消费品零售总额(亿元)

96.40

7.2

452.18

8.9

  # 餐饮收入

11.35

15.6

50.07

18.3
"""
    facts = facts_of(text)
    assert reading(facts, 96.40) == ("level", "亿元", 5, 5, 2023)
    assert reading(facts, 7.2) == ("growth", "%", 5, 5, 2023)
    assert reading(facts, 452.18) == ("level", "亿元", 1, 5, 2023)
    assert reading(facts, 8.9) == ("growth", "%", 1, 5, 2023)
    # the sub-row takes the unit of its total
    assert reading(facts, 50.07) == ("level", "亿元", 1, 5, 2023)


def test_table_after_prose_takes_the_month_the_prose_states() -> None:
    text = """前10个月全市规模以上工业完成产值1520.3亿元,同比增长6.8%,其中10月份当月完成产值160.2亿元。
|
工业产值 |
本月 |
增长% |
累计 |
累计增长 |
装备制造业 |
612.5 |
9.4 |
5890.1 |
8.1 |
"""
    facts = facts_of(text)
    assert reading(facts, 9.4) == ("growth", "%", 10, 10, None)
    assert reading(facts, 8.1) == ("growth", "%", 1, 10, None)


def test_tab_separated_table_reads_like_a_pipe_table() -> None:
    text = (
        "2024年1-3月主要经济指标\n"
        "指标\t3月\t1-3月\t同比增长%\n"
        "规模以上工业增加值(亿元)\t4.2\t11.8\t6.3\n"
        "固定资产投资(亿元)\t—\t27.5\t-4.1\n"
    )
    facts = facts_of(text)
    assert reading(facts, 4.2) == ("level", "亿元", 3, 3, 2024)
    assert reading(facts, 11.8) == ("level", "亿元", 1, 3, 2024)
    assert reading(facts, 6.3) == ("growth", "%", 1, 3, 2024)


def test_html_table_gives_each_column_its_months(tmp_path: Path) -> None:
    article = (
        "<p>2024年1-6月全县主要经济指标</p><table border=1>"
        "<tr><th>指标</th><th>单位</th><th>6月</th><th>1-6月</th><th>同比增长(%)</th></tr>"
        "<tr><td>规模以上工业增加值</td><td>亿元</td><td>3.9</td><td>21.6</td><td>5.8</td></tr>"
        "<tr><td>社会消费品零售总额</td><td>亿元</td><td>5.1</td><td>30.4</td><td>4.2</td></tr>"
        "</table>"
    )
    path = tmp_path / "page.html"
    path.write_text(html_page("2024年1-6月全县主要经济指标", article), encoding="utf-8")
    facts = extract(read_document(path))["facts"]
    assert reading(facts, 3.9) == ("level", "亿元", 6, 6, 2024)
    assert reading(facts, 21.6) == ("level", "亿元", 1, 6, 2024)
    assert reading(facts, 5.8) == ("growth", "%", 1, 6, 2024)


def test_table_cells_are_not_read_twice_as_prose() -> None:
    text = """2024年1-9月主要指标
| 指标 | 9月 | 1-9月 | 增长% |
|---|---|---|---|
| 规上工业增加值(亿元) | 12.0亿元 | 100.5亿元 | 6.1% |
"""
    values = [f["value"] for f in facts_of(text)]
    assert sorted(values) == [6.1, 12.0, 100.5]


def test_plan_report_indicator_table_gives_no_cell_facts() -> None:
    text = """关于某某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告

| 序号 | 指标名称 | 2023年目标 | 2023年完成 |
|---|---|---|---|
| 1 | 地区生产总值增速（%） | 6左右 | 6.2 |
"""
    assert facts_of(text) == []


COLUMNS = [("3月", (3, 3)), ("1-3月", (1, 3)), ("一季度", (1, 3)), ("本月", (3, 3))]


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(len(COLUMNS))))
def test_a_columns_months_survive_reordering_the_columns(order: list[int]) -> None:
    titles = [COLUMNS[i][0] for i in order]
    values = [10.5 + i for i in order]
    text = (
        "2024年3月主要经济指标\n\n"
        f"| 指标 | {' | '.join(titles)} |\n"
        f"|---|{'---|' * len(titles)}\n"
        f"| 地区生产总值(亿元) | {' | '.join(str(v) for v in values)} |\n"
    )
    facts = facts_of(text)
    for index, (_, months) in enumerate(COLUMNS):
        assert reading(facts, 10.5 + index)[2:4] == months


def test_row_naming_only_a_growth_gives_the_growths_of_the_row_above() -> None:
    text = """2024年1-6月全市主要指标
| 指标 | 6月 | 1-6月 |
|---|---|---|
| 地区生产总值(亿元) | — | 412.6 |
| 增长(%) | — | 5.3 |
"""
    facts = facts_of(text)
    growth = next(f for f in facts if f["value"] == 5.3)
    assert (growth["indicator"], growth["kind"], growth["unit"]) == ("地区生产总值", "growth", "%")
    assert reading(facts, 5.3)[2:] == (1, 6, 2024)
