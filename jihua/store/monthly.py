"""Periodic values from a spreadsheet (.xlsx first sheet, or .csv): ``jihua import monthly.xlsx``.

============  ===========  ===================================================  ==========
列            or           内容                                                  例
============  ===========  ===================================================  ==========
地区          region       a stored region                                       涪陵区
指标          indicator    an indicator of that year's plan (a synonym will do)  规上工业增加值增速
年份          year         the plan year                                         2024
期间          period       ``01..06`` / ``1-6月`` (cumulative), ``06`` (the       1-6月
                           month alone), ``Q2`` (cumulative), or with the year
数值          value        a number                                              6.2
类型          kind         ``growth`` (增速) or ``level`` (总量)                  growth
口径          vintage      optional: 预计, 快报 (default) or 年报                 快报
来源          source       optional: where it was published                      统计月报
============  ===========  ===================================================  ==========

Every row is checked first; an error names sheet, row, column and reason, and
then nothing of the file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.bulk import insert_logged, without_pauses
from jihua.store.changes import current_user, now
from jihua.store.database import writer
from jihua.store.figures import chunks, vintage_rank
from jihua.store.periodic import Period, parse_kind, parse_period, store_periodic
from jihua.store.schema import VINTAGES, Indicator, PeriodicValue
from jihua.store.sheets import (
    Duplicates,
    Lookup,
    Named,
    Row,
    RowError,
    check_year,
    error_text,
    finite_number,
    require_columns,
    row_error_line,
    write_sheet_template,
)

COLUMNS = ("地区", "指标", "年份", "期间", "数值", "类型")
OPTIONAL = ("口径", "来源")
ALIASES = {
    "region": "地区",
    "indicator": "指标",
    "year": "年份",
    "period": "期间",
    "value": "数值",
    "kind": "类型",
    "vintage": "口径",
    "source": "来源",
}
EXPLANATIONS = (
    ("地区", "已入库的地区名称", "涪陵区"),
    ("指标", "该年计划中的指标名称（可用同义词）", "规上工业增加值增速"),
    ("年份", "计划年份（四位数字）", "2024"),
    ("期间", "累计写作 1-6月 或 01..06，单月写作 6月 或 06，季度写作 Q2（即累计1-6月）", "1-6月"),
    ("数值", "数字；增速写百分数的数值（6.2 表示增长6.2%），下降写负数", "6.2"),
    ("类型", "growth（增速）或 level（总量）", "growth"),
    ("口径", f"可空，默认快报；{'、'.join(VINTAGES)}", "快报"),
    ("来源", "可空；发布该数据的文件", "2024年6月统计月报"),
)


T = TypeVar("T")


def is_monthly(header: list[str]) -> bool:
    return bool({"期间", "period"} & {h.lower() for h in header})


@dataclass(frozen=True)
class Checked:
    indicator: Named
    period: Period
    kind: str
    value: float
    vintage: str
    source: str | None


@without_pauses()
def import_monthly(engine: Engine, path: Path, who: str | None = None) -> int:
    """Write every periodic value of the file, or none when any row is wrong; the count."""
    rows = require_columns(path, COLUMNS, ALIASES)
    who, why = who or current_user(), f"import {path.name}"
    with Session(writer(engine)) as session, session.begin():
        lookup = Lookup(session)
        lookup.read(rows)
        repeated = Duplicates("地区、指标、期间、类型和口径")
        checked: list[Checked] = []
        errors: list[str] = []
        for row in rows:
            try:
                item = _check(lookup, row)
                key = (item.indicator.id, item.period.key, item.kind, item.vintage)
                repeated.check(row, key, "期间")
                checked.append(item)
            except RowError as exc:
                errors.append(row_error_line(row, exc))
        if errors:
            raise UserError(error_text(path, errors))
        _write(session, checked, who, why)
    return len(checked)


def _write(session: Session, checked: list[Checked], who: str, why: str) -> None:
    """New values in one INSERT; a value already stored is changed (and logged) as it is."""
    stored = _stored_keys(session, [item.indicator.id for item in checked])
    new, at = [], now()
    for item in checked:
        key = (item.indicator.id, item.period.key, item.kind, item.vintage)
        if key in stored:
            store_periodic(
                session,
                session.get_one(Indicator, item.indicator.id),
                item.period,
                item.kind,
                item.value,
                item.vintage,
                item.source,
                who,
                why,
            )
            continue
        new.append(
            {
                "indicator_id": item.indicator.id,
                "period": item.period.key,
                "first_month": item.period.first,
                "last_month": item.period.last,
                "kind": item.kind,
                "value": item.value,
                "vintage": item.vintage,
                "vintage_rank": vintage_rank(item.vintage),
                "source": item.source,
                "recorded_at": at,
            }
        )
    insert_logged(session, PeriodicValue, new, "value", who, why)


def _stored_keys(session: Session, indicator_ids: list[int]) -> set[tuple[int, str, str, str]]:
    keys: set[tuple[int, str, str, str]] = set()
    for chunk in chunks(sorted(set(indicator_ids))):
        query = select(
            PeriodicValue.indicator_id,
            PeriodicValue.period,
            PeriodicValue.kind,
            PeriodicValue.vintage,
        ).where(PeriodicValue.indicator_id.in_(chunk))
        keys.update((i, p, k, v) for i, p, k, v in session.execute(query))
    return keys


def _check(lookup: Lookup, row: Row) -> Checked:
    cells = row.cells
    for column in COLUMNS:
        if not cells.get(column):
            raise RowError(column, "不能为空")
    year = check_year(cells["年份"])
    plan = lookup.plan(cells["地区"], year)
    indicator = lookup.indicator(plan, cells["指标"])
    period = cell_value(lambda: _period(cells["期间"], year), "期间")
    kind = cell_value(lambda: parse_kind(cells["类型"]), "类型")
    value = finite_number(cells["数值"].replace("%", ""), "数值")
    vintage = cells.get("口径") or "快报"
    if vintage not in VINTAGES:
        raise RowError("口径", f"应为 {'、'.join(VINTAGES)} 之一，不是“{vintage}”")
    return Checked(indicator, period, kind, value, vintage, cells.get("来源") or None)


@lru_cache(maxsize=4096)
def _period(text: str, year: int) -> Period:
    """A period cell read once per file however many rows repeat it."""
    return parse_period(text, year)


def cell_value(read: Callable[[], T], column: str) -> T:
    try:
        return read()
    except UserError as exc:
        raise RowError(column, exc.message) from exc


def write_template(path: Path) -> Path:
    return write_sheet_template(path, "月度数据", (*COLUMNS, *OPTIONAL), EXPLANATIONS)
