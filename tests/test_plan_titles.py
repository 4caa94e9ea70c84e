"""Region and years read from the many ways a plan report's title is written."""

from __future__ import annotations

import pytest

from jihua.document import read_bytes
from jihua.plan import read_plan


@pytest.mark.parametrize(
    ("title", "region", "report_year", "plan_year"),
    [
        (
            "关于某某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
            "某某区",
            2023,
            2024,
        ),
        ("2023年某某县国民经济和社会发展计划执行情况及2024年计划草案", "某某县", 2023, 2024),
        ("某某区国民经济和社会发展2023年计划执行情况与2024年计划草案的报告", "某某区", 2023, 2024),
        (
            "某某州关于2022年国民经济和社会发展计划执行情况与2023年计划草案的报告",
            "某某州",
            2022,
            2023,
        ),
        ("某某自治县2024年国民经济和社会发展计划", "某某自治县", 2023, 2024),
        ("某某省某某市某某区2023年国民经济和社会发展计划执行情况", "某某区", 2023, 2024),
    ],
)
def test_region_and_years_from_the_title(
    title: str, region: str, report_year: int, plan_year: int
) -> None:
    text = f"{title}\n一、执行情况\n　　地区生产总值增长5%。\n"
    report = read_plan(read_bytes(text.encode(), "title.txt"))
    assert (report.region, report.report_year, report.plan_year) == (region, report_year, plan_year)
