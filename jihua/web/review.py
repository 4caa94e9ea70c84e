"""The upload review form read as corrections, for the store to apply when it saves the report.

The review form sends, for each figure shown (keys as in :mod:`jihua.web.uploads`):

=====================  ==================================================
field                  meaning
=====================  ==================================================
``target-t0-3``        the target text of table row ``t0-3`` as corrected
``actual-t0-3``        its actual text (empty: no actual)
``drop-t0-3``          present: the row (with its sub-rows) is not stored
``value-f5``           the value of prose fact ``f5`` as corrected
``drop-f5``            present: the fact is not stored
``region``             the region the report is filed under
``report_year``        the year it reports on (its execution tables' year)
``plan_year``          the year it plans (its plan tables' year)
=====================  ==================================================

Saving is the store's: :func:`jihua.store.ingest.ingest_reviewed` checks for
the same file, stores the report and applies the corrections in one
transaction, each logged under the planner's name
(:mod:`jihua.store.corrections`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.corrections import HEADING, Correction
from jihua.store.schema import Plan, Region
from jihua.web.uploads import Preview

__all__ = ["Correction", "Filing", "corrections", "filing_of"]


@dataclass
class Filing:
    """Where the report would be filed, so the review page can say it before saving."""

    #: every stored region, offered in the region field
    regions: list[str]
    #: the region read is already stored (else saving creates it)
    known: bool
    #: the report's years whose plan of that region is stored already (saving revises them)
    existing: list[int]


def filing_of(engine: Engine, shown: Preview) -> Filing:
    years = [y for y in (shown.report_year, shown.plan_year) if y is not None]
    with Session(engine) as session:
        regions = list(session.scalars(select(Region.name).order_by(Region.name)))
        existing = session.scalars(
            select(Plan.year)
            .join(Region, Plan.region_id == Region.id)
            .where(Region.name == shown.region, Plan.year.in_(years))
            .order_by(Plan.year)
        )
        return Filing(regions, shown.region in regions, list(existing))


def corrections(shown: Preview, form: Mapping[str, str]) -> list[Correction]:
    """What the planner changed in the review form, against what was shown."""
    found = heading_corrections(shown, form)
    for key, row in shown.rows.items():
        if f"drop-{key}" in form:
            found.append(Correction(key, "drop", f"{row.name}：目标 {row.target}", None))
            continue
        for name, old in (("target", row.target), ("actual", row.actual)):
            new = form.get(f"{name}-{key}")
            if new is not None and new.strip() != (old or ""):
                found.append(Correction(key, name, old, new.strip() or None))
    for fact in shown.facts:
        if f"drop-{fact.key}" in form:
            found.append(Correction(fact.key, "drop", fact.quote, None))
            continue
        new = form.get(f"value-{fact.key}")
        if new is not None and new.strip() != _shown_number(fact.value):
            found.append(Correction(fact.key, "value", _shown_number(fact.value), new.strip()))
    return [_checked(c) for c in found]


def heading_corrections(shown: Preview, form: Mapping[str, str]) -> list[Correction]:
    """The region and years as the planner set them, where they differ from what was read."""
    found = []
    for name, old in (
        ("region", shown.region),
        ("report_year", shown.report_year),
        ("plan_year", shown.plan_year),
    ):
        new = form.get(name)
        was = "" if old is None else str(old)
        if new is not None and new.strip() != was:
            found.append(Correction(HEADING, name, was or None, new.strip() or None))
    return found


def _shown_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _checked(correction: Correction) -> Correction:
    if correction.key == HEADING:
        return _checked_heading(correction)
    if correction.field == "target" and not correction.new:
        raise UserError(f"目标不能为空（{correction.key}）：不需要这一行请勾选“删除”")
    if correction.field == "value" and correction.new:
        try:
            float(correction.new)
        except ValueError as exc:
            raise UserError(f"数值应为数字，不是“{correction.new}”") from exc
    if correction.new and len(correction.new) > 200:
        raise UserError("修改后的文字不超过 200 字")
    return correction


def _checked_heading(correction: Correction) -> Correction:
    new = correction.new or ""
    if correction.field == "region":
        if not new or len(new) > 50:
            raise UserError("地区名称不能为空，且不超过 50 字（如“涪陵区”）")
        return correction
    word = "报告年度" if correction.field == "report_year" else "计划年度"
    if not new and correction.field == "plan_year":
        return correction
    if not new.isdigit() or not 1949 <= int(new) <= 2100:
        raise UserError(f"{word}应为 1949 到 2100 之间的四位年份，不是“{new}”")
    return correction
