"""A table shown in any of the layouts pages use gives the same rows.

Rows are drawn from the seed's execution table (a sub-row ``其中：…`` comes
with its indicator), categories at random, the target and actual columns in
either order and named in the words reports use, the unit in the name or a
column of its own, on one header line or under
a spanning year; each layout of :mod:`tests.table_layouts` must read back to
the rows drawn.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jihua.document import read_bytes
from jihua.plan import PlanReport, read_plan
from jihua.tables import Indicator, split_name
from tests.table_layouts import LAYOUTS, Row, Words, render

CATEGORIES = ("经济发展", "创新驱动", "结构调整", "生态环境", "民生保障")


def _seed_rows(report: PlanReport) -> list[Row]:
    """The seed's execution rows whose cells are all written (a page drops empty cells)."""
    table = report.execution
    assert table is not None
    return [
        Row(
            row.raw_name,
            row.target.text,
            row.actual.text if row.actual else "",
            subrows=tuple(
                Row(f"{sub.prefix}{sub.raw_name}", sub.target.text, sub.actual.text)
                for sub in row.subrows
                if sub.actual and sub.target.text and sub.actual.text
            ),
        )
        for row in table.indicators
        if row.actual and row.target.text and row.actual.text
    ]


TARGET_WORDS = ("目标", "预期目标", "计划", "计划目标")
ACTUAL_WORDS = ("完成", "完成情况", "实际", "实际完成", "执行情况")

Drawn = tuple[list[Row], list[str], Words]


@st.composite
def tables(draw: st.DrawFn, seed: list[Row]) -> Drawn:
    picked = draw(st.lists(st.sampled_from(seed), min_size=1, max_size=7, unique=True))
    rows: list[Row] = []
    category = draw(st.sampled_from(CATEGORIES))
    for row in picked:
        if rows and draw(st.booleans()):
            category = draw(st.sampled_from([c for c in CATEGORIES if c != category]))
        subrows = tuple(Row(s.name, s.target, s.actual, category) for s in row.subrows)
        rows.append(Row(row.name, row.target, row.actual, category, subrows))
    values = draw(st.permutations(["target", "actual"]))
    words = Words(
        draw(st.sampled_from(TARGET_WORDS)),
        draw(st.sampled_from(ACTUAL_WORDS)),
        draw(st.booleans()),
    )
    unit = ["unit"] if draw(st.booleans()) else []
    return rows, ["category", "no", "name", *unit, *values], words


def _expected(rows: list[Row]) -> list[tuple[object, ...]]:
    expected = []
    for row in rows:
        for line in (row, *row.subrows):
            name, unit, binding, _ = split_name(line.name)
            expected.append((name, unit, line.target, line.actual, row.category, binding))
    return expected


def _read(row: Indicator) -> tuple[object, ...]:
    actual = row.actual.text if row.actual else None
    return (row.name, row.unit, row.target.text, actual, row.category, row.binding)


@pytest.fixture(scope="module")
def seed_rows(seed_report: PlanReport) -> list[Row]:
    return _seed_rows(seed_report)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_gives_the_rows_drawn(seed_rows: list[Row], layout: str) -> None:
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(tables(seed_rows))
    def check(drawn: Drawn) -> None:
        rows, roles, words = drawn
        data, name = render(rows, roles, layout, words)
        report = read_plan(read_bytes(data, name))
        execution = report.execution
        assert execution is not None, layout
        assert [_read(row) for row in execution.all_rows()] == _expected(rows)
        assert execution.roles == roles

    check()
