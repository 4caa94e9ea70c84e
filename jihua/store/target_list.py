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
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import current_user, set_field
from jihua.store.compare import load_synonyms
from jihua.store.database import writer
from jihua.store.figures import Source, plan_of, region_named, store_target
from jihua.store.grading import regrade_plan
from jihua.store.schema import TARGET_VINTAGES, Indicator, Plan
from jihua.store.sheets import (
    Row,
    RowError,
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


def import_targets(engine: Engine, path: Path, who: str | None = None) -> int:
    """Store every target of the file as its vintage, or none when any row is wrong."""
    rows = require_columns(path, REQUIRED, ALIASES)
    checked, errors = [], []
    for row in rows:
        try:
            checked.append(_check(row))
        except RowError as exc:
            errors.append(row_error_line(row, exc))
    if errors:
        raise UserError(error_text(path, errors))
    who, why = who or current_user(), f"import {path.name}"
    with Session(writer(engine)) as session, session.begin():
        plans: dict[int, Plan] = {}
        for item in checked:
            plan = plan_of(session, region_named(session, item.region), item.year)
            indicator = _indicator(session, plan, item, who, why)
            store_target(
                session, indicator, item.value, Source(who, why), None, item.vintage, item.source
            )
            plans[plan.id] = plan
        session.flush()
        for plan in plans.values():
            regrade_plan(session, plan, who, why)
    return len(checked)


def _check(row: Row) -> Checked:
    cells = row.cells
    for column in REQUIRED:
        if not cells.get(column):
            raise RowError(column, "不能为空")
    if not cells["年份"].isdigit() or len(cells["年份"]) != 4:
        raise RowError("年份", f"应为四位数字年份，不是“{cells['年份']}”")
    value = target_value(cells["目标"])
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


def _indicator(session: Session, plan: Plan, item: Checked, who: str, why: str) -> Indicator:
    synonyms = load_synonyms()
    spellings = [item.name, *sorted(synonyms.spellings(item.name) - {item.name})]
    for spelling in spellings:
        found = session.scalars(
            select(Indicator).where(Indicator.plan_id == plan.id, Indicator.name == spelling)
        ).first()
        if found is not None:
            if item.unit:
                set_field(session, found, "unit", item.unit, who, why)
            set_field(session, found, "binding", item.binding, who, why)
            return found
    count = session.scalar(select(func.count(Indicator.id)).where(Indicator.plan_id == plan.id))
    row = Indicator(
        plan_id=plan.id,
        position=count or 0,
        no=str((count or 0) + 1),
        name=item.name,
        unit=item.unit,
        binding=item.binding,
    )
    session.add(row)
    session.flush()
    return row


def write_template(path: Path) -> Path:
    return write_sheet_template(path, "年度目标", (*COLUMNS, *OPTIONAL), EXPLANATIONS)
