"""What a researcher downloads from the API: a plan's indicator table, the prose figures.

``plan_table_csv`` / ``plan_table_xlsx`` give one row per indicator (sub-rows
after their indicator, naming it in 上级指标); ``facts_page`` gives the stored
prose figures a page at a time, filtered by region, year and a word of the name.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jihua.evaluate import Rules
from jihua.store.schema import Fact, Region
from jihua.web.plans import IndicatorView, plan_view

COLUMNS = (
    "地区",
    "年度",
    "序号",
    "类别",
    "指标",
    "上级指标",
    "单位",
    "约束性",
    "目标",
    "实际",
    "数据口径",
    "评价",
    "理由",
)
FACT_PAGE = 1000


def plan_table_rows(session: Session, region: str, year: int, rules: Rules) -> list[list[Any]]:
    view = plan_view(session, region, year, rules)
    rows: list[list[Any]] = []
    for item in view.indicators:
        rows.append(_row(view.region, view.year, item, None))
        rows += [_row(view.region, view.year, sub, item.name) for sub in item.subrows]
    return rows


def _row(region: str, year: int, item: IndicatorView, parent: str | None) -> list[Any]:
    return [
        region,
        year,
        item.no or "",
        item.category or "",
        item.name,
        parent or "",
        item.unit or "",
        "是" if item.binding else "",
        item.target or "",
        item.actual or "",
        item.vintage or "",
        item.grade or "",
        item.reason or "",
    ]


def plan_table_csv(session: Session, region: str, year: int, rules: Rules) -> bytes:
    """UTF-8 with a BOM: Excel and WPS then read the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(plan_table_rows(session, region, year, rules))
    return buffer.getvalue().encode("utf-8-sig")


def plan_table_xlsx(session: Session, region: str, year: int, rules: Rules) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年指标"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in plan_table_rows(session, region, year, rules):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def facts_page(
    session: Session,
    region: str | None,
    year: int | None,
    indicator: str | None,
    limit: int = FACT_PAGE,
    offset: int = 0,
) -> dict[str, Any]:
    """``{"total", "limit", "offset", "next", "items"}``; ``next`` is the query of the next page."""
    query = select(Fact, Region.name).join(Region, Region.id == Fact.region_id)
    if region:
        query = query.where(Region.name == region)
    if year is not None:
        query = query.where(Fact.year == year)
    if indicator:
        query = query.where(Fact.indicator.contains(indicator))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(Fact.id).limit(limit).offset(offset)).all()
    following = offset + limit
    params = {"region": region, "year": year, "indicator": indicator}
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": f"/api/facts?{urlencode({**kept, 'limit': limit, 'offset': following})}"
        if following < total
        else None,
        "items": [_fact(fact, name) for fact, name in rows],
    }


def _fact(fact: Fact, region: str) -> dict[str, Any]:
    return {
        "id": fact.id,
        "region": region,
        "indicator": fact.indicator,
        "year": fact.year,
        "kind": fact.kind,
        "status": fact.status,
        "value": fact.value,
        "upper": fact.upper,
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "quote": fact.quote,
        "start": fact.start,
        "end": fact.end,
    }
