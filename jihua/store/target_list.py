"""A year's targets from a spreadsheet, without a report: ``jihua import targets.xlsx``.

============  ==========  ==================================================  ============
列            or          内容                                                 例
============  ==========  ==================================================  ============
地区          region      the region (a new name is stored as a new region)    涪陵区
年份          year        the plan year                                        2024
指标          indicator   the indicator (a new name is added to the plan)      地区生产总值增速
单位          unit        optional                                             %
目标          target      in the report's own words                            增长8%左右 / 5.5以内
约束性        binding     是, or empty                                          是
版本          vintage     optional: 草案, 批准 (default) or 调整                  批准
来源          source      optional: where the target was set                   区人大批准的计划
============  ==========  ==================================================  ============

Each target is stored as its vintage beside the others (``target_vintages``);
the target in use is the highest vintage stored. Every row is checked first;
an error names sheet, row, column and reason, and then nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.bulk import insert_logged, insert_rows, without_pauses
from jihua.store.changes import current_user, now, set_field
from jihua.store.compare import load_synonyms
from jihua.store.database import writer
from jihua.store.figures import (
    PlanRows,
    Source,
    chunks,
    figure_row,
    store_target,
    target_vintage_rank,
)
from jihua.store.grading import regrade_plans
from jihua.store.schema import TARGET_VINTAGES, Indicator, Plan, Region, Target, TargetVintage
from jihua.store.sheets import (
    Duplicates,
    Row,
    RowError,
    Spellings,
    error_text,
    require_columns,
    row_error_line,
    write_sheet_template,
)
from jihua.targets import Value, parse_value

COLUMNS = ("地区", "年份", "指标", "单位", "目标", "约束性")
REQUIRED = ("地区", "年份", "指标", "目标")
OPTIONAL = ("版本", "来源")
ALIASES = {
    "region": "地区",
    "year": "年份",
    "indicator": "指标",
    "unit": "单位",
    "target": "目标",
    "binding": "约束性",
    "vintage": "版本",
    "source": "来源",
}
EXPLANATIONS = (
    ("地区", "地区名称（新名称将作为新地区入库）", "涪陵区"),
    ("年份", "计划年份（四位数字）", "2024"),
    ("指标", "指标名称，不含单位（计划中没有的将新增）", "地区生产总值增速"),
    ("单位", "可空", "%"),
    ("目标", "照计划原文填写：增长8%左右、300、5.5以内、完成市级下达目标", "6左右"),
    ("约束性", "约束性指标填“是”，否则留空", ""),
    ("版本", f"可空，默认批准；{'、'.join(TARGET_VINTAGES)}", "批准"),
    ("来源", "可空；目标出处", "区人大批准的2024年计划"),
)
_GROWTH_WORDS = re.compile(r"^(?:增长|增速|年均增长)")


def is_target_list(header: list[str]) -> bool:
    return bool({"目标", "target"} & {h.lower() for h in header})


@dataclass(frozen=True)
class Checked:
    region: str
    year: int
    name: str
    unit: str | None
    value: Value
    binding: bool
    vintage: str
    source: str | None


@without_pauses()
def import_targets(engine: Engine, path: Path, who: str | None = None) -> int:
    """Store every target of the file as its vintage, or none when any row is wrong."""
    rows = require_columns(path, REQUIRED, ALIASES)
    synonyms = load_synonyms()
    repeated = Duplicates("地区、年份、指标和版本")
    checked, errors = [], []
    values: dict[str, Value] = {}  # a text read once per file (targets repeat: 6左右)
    for row in rows:
        try:
            item = _check(row, values)
            key = (item.region, item.year, synonyms.canonical(item.name), item.vintage)
            repeated.check(row, key, "指标")
            checked.append(item)
        except RowError as exc:
            errors.append(row_error_line(row, exc))
    if errors:
        raise UserError(error_text(path, errors))
    source = Source(who or current_user(), f"import {path.name}")
    with Session(writer(engine)) as session, session.begin():
        plans = _plans(session, {(item.region, item.year) for item in checked})
        _store(session, [(plans[item.region, item.year], item) for item in checked], source)
        session.flush()
        regrade_plans(session, plans.values(), source.who, source.why)
    return len(checked)


def _plans(session: Session, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], Plan]:
    """The plans of these regions and years, each region and plan created when new."""
    regions: dict[str, int] = {}
    names = sorted({name for name, _ in wanted})
    for start in range(0, len(names), 5000):
        query = select(Region.name, func.min(Region.id)).where(
            Region.name.in_(names[start : start + 5000])
        )
        regions.update((n, i) for n, i in session.execute(query.group_by(Region.name)))
    missing = [name for name in names if name not in regions]
    regions.update(
        zip(missing, insert_rows(session, Region, [{"name": n} for n in missing]), strict=True)
    )
    found = {
        (plan.region_id, plan.year): plan
        for chunk in chunks(sorted(set(regions.values())))
        for plan in session.scalars(select(Plan).where(Plan.region_id.in_(chunk)))
    }
    new = sorted({(regions[n], y) for n, y in wanted} - set(found))
    insert_rows(session, Plan, [{"region_id": r, "year": y} for r, y in new])
    if new:
        for plan in session.scalars(select(Plan).where(Plan.region_id.in_({r for r, _ in new}))):
            found[plan.region_id, plan.year] = plan
    return {(name, year): found[regions[name], year] for name, year in wanted}


class _NewIndicators:
    """Indicators a file adds to its plans, written at once with their targets."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.items: list[list[Checked]] = []
        self.index: dict[tuple[int, str], int] = {}
        self.added: dict[int, int] = {}

    def add(self, plan_id: int, item: Checked, spellings: tuple[str, ...], position: int) -> None:
        index = self.index
        at = next((index[plan_id, s] for s in spellings if (plan_id, s) in index), None)
        if at is None:
            at = index[plan_id, item.name] = len(self.rows)
            self.added[plan_id] = self.added.get(plan_id, 0) + 1
            row = {"plan_id": plan_id, "position": position, "no": str(position + 1)}
            self.rows.append({**row, "name": item.name, "unit": item.unit, "binding": item.binding})
            self.items.append([])
        self.items[at].append(item)

    def count(self, plan_id: int) -> int:
        return self.added.get(plan_id, 0)

    def write(self, session: Session, source: Source) -> None:
        ids = insert_rows(session, Indicator, self.rows)
        vintages, targets, at = [], [], now()
        for indicator_id, items in zip(ids, self.items, strict=True):
            for item in items:
                vintages.append(_vintage_row(indicator_id, item, source, at))
            best = max(items, key=lambda item: target_vintage_rank(item.vintage))
            targets.append(
                {"indicator_id": indicator_id, "period": "year", **figure_row(best.value, source)}
            )
        insert_logged(session, TargetVintage, vintages, "text", source.who, source.why)
        insert_logged(session, Target, targets, "text", source.who, source.why)


def _vintage_row(indicator_id: int, item: Checked, source: Source, at: datetime) -> dict[str, Any]:
    return {
        "indicator_id": indicator_id,
        "period": "year",
        "vintage": item.vintage,
        "vintage_rank": target_vintage_rank(item.vintage),
        "source": item.source,
        "recorded_at": at,
        "text": item.value.text,
        "kind": item.value.kind,
        "number": item.value.number,
        "parsed": item.value.to_dict(),
        "document_id": source.document_id,
        "quote": source.quote,
        "start": source.start,
        "end": source.end,
    }


def _store(session: Session, items: list[tuple[Plan, Checked]], source: Source) -> None:
    """Each target on its plan's indicator: a stored indicator's through the store's
    writers, the indicators the file adds (and their targets) at once."""
    spellings_of = Spellings(load_synonyms())
    stored = _with_indicators(session, {plan.id for plan in {plan for plan, _ in items}})
    known: dict[int, PlanRows] = {}
    by_name: dict[int, dict[str, Indicator]] = {}
    new = _NewIndicators()
    ids = {plan: plan.id for plan, _ in items}  # not the mapped attribute row by row
    for plan, item in items:
        plan_id = ids[plan]
        if plan_id in stored and plan_id not in known:
            known[plan_id] = PlanRows(session, plan)
            by_name[plan_id] = _by_name(known[plan_id])
        names = by_name.get(plan_id, {})
        spellings = spellings_of(item.name)
        indicator = next((names[s] for s in spellings if s in names), None)
        if indicator is None:
            held = len(known[plan_id].indicators) if plan_id in known else 0
            new.add(plan_id, item, spellings, held + new.count(plan_id))
            continue
        rows = known[plan_id]
        if item.unit:
            set_field(session, indicator, "unit", item.unit, source.who, source.why)
        set_field(session, indicator, "binding", item.binding, source.who, source.why)
        store_target(session, indicator, item.value, source, rows, item.vintage, item.source)
    for rows in known.values():
        rows.pending.log_all(session, source.who, source.why)
    new.write(session, source)


def _with_indicators(session: Session, plan_ids: set[int]) -> set[int]:
    """The plans of these that have indicators stored (a plan the file creates is not
    read table by table)."""
    found: set[int] = set()
    for chunk in chunks(sorted(plan_ids)):
        query = select(Indicator.plan_id).where(Indicator.plan_id.in_(chunk)).distinct()
        found.update(session.scalars(query))
    return found


def _by_name(rows: PlanRows) -> dict[str, Indicator]:
    """A plan's stored indicators by name (the first stored, when a name is used twice)."""
    found: dict[str, Indicator] = {}
    for (_, name), indicator in rows.indicators.items():
        if name not in found or indicator.id < found[name].id:
            found[name] = indicator
    return found


def _check(row: Row, values: dict[str, Value]) -> Checked:
    cells = row.cells
    for column in REQUIRED:
        if not cells.get(column):
            raise RowError(column, "不能为空")
    if not cells["年份"].isdigit() or len(cells["年份"]) != 4:
        raise RowError("年份", f"应为四位数字年份，不是“{cells['年份']}”")
    value = values.get(cells["目标"]) or values.setdefault(
        cells["目标"], target_value(cells["目标"])
    )
    if value.kind in ("unreadable", "empty"):
        raise RowError(
            "目标", f"无法识别“{cells['目标']}”（可写 增长8%左右、300、5.5以内、完成市级下达目标）"
        )
    binding = cells.get("约束性", "")
    if binding not in ("", "是", "否"):
        raise RowError("约束性", f"约束性指标填“是”，否则留空，不是“{binding}”")
    vintage = cells.get("版本") or "批准"
    if vintage not in TARGET_VINTAGES:
        raise RowError("版本", f"应为 {'、'.join(TARGET_VINTAGES)} 之一，不是“{vintage}”")
    name = cells["指标"].replace("其中：", "").strip()
    return Checked(
        cells["地区"],
        int(cells["年份"]),
        name,
        cells.get("单位") or None,
        value,
        binding == "是",
        vintage,
        cells.get("来源") or None,
    )


def target_value(text: str) -> Value:
    """A target as a plan writes it in prose (``增长8%左右``) or in its table (``8左右``)."""
    value = parse_value(text)
    if value.kind == "unreadable" and _GROWTH_WORDS.match(text.strip()):
        stripped = parse_value(_GROWTH_WORDS.sub("", text.strip()))
        if stripped.kind in ("number", "range"):
            return parse_value(stripped.text)
    return value


def write_template(path: Path) -> Path:
    return write_sheet_template(path, "年度目标", (*COLUMNS, *OPTIONAL), EXPLANATIONS)
