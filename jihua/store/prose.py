"""Prose facts standing in for an indicator that has no table row.

Many reports (most of ``tests/corpus``) state their figures in sentences only:
``全年实现地区生产总值增长5.9%``. The extractor turns that into a fact
(indicator ``地区生产总值``, kind ``growth``, status ``actual``, value 5.9);
this module lets :func:`jihua.store.compare.compare` and the target history
read such facts as the indicator's actual or target. The rule:

==========================  ===============================================
fact                        stands for
==========================  ===============================================
kind ``growth`` about X     the indicator ``X增速`` (or ``X增长``), after the
                            synonym table: ``GDP`` + growth = 地区生产总值增速
kind ``level`` about X      the indicator X itself
status ``actual``           its actual (vintage 预计 when the fact says 预计)
status ``target``           its target
==========================  ===============================================

X is the fact's indicator with a leading ``全区/全县/全市/全旗/全省`` or the
region's own name (``荔城地区生产总值`` in 荔城区) dropped. A table row always
wins: facts are read only for a region and year whose plans have no row of
the indicator. Of several facts for one region and year, the one from the
latest report (highest report year, then the last stored) is taken, and in it
the first in the text. Other kinds (share, change, completion, other:
``高于全市0.8个百分点``, two-year averages) are never read as an actual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from jihua.evaluate import grade, load_rules
from jihua.store.schema import Document, Fact, Region
from jihua.tables import Indicator as TableRow
from jihua.tables import IndicatorTable
from jihua.targets import parse_value

_WHOLE = re.compile(r"^全[区县市旗省州盟]")
_SUFFIXES = {"growth": ("增速", "增长"), "level": ("",)}
_QUALIFIER_TEXT = {"左右": "{}左右", "以上": "{}以上", "以内": "{}以内", ">=": "≥{}", "<=": "≤{}"}


@dataclass(frozen=True)
class ProseFigure:
    """What the facts of one region and year say about one indicator."""

    region: str
    parent_region: str | None
    year: int
    indicator: str
    unit: str | None
    target: str | None
    actual: str | None
    actual_number: float | None
    vintage: str | None
    grade: str | None


def prose_figures(
    session: Session,
    canonical: str,
    matches: set[str],
    year: int | None = None,
    region: str | None = None,
) -> list[ProseFigure]:
    """Facts that stand for the indicator whose plain spellings are ``matches``."""
    parent = aliased(Region)
    query = (
        select(Fact, Region.name, parent.name, Document.report_year)
        .join(Region, Fact.region_id == Region.id)
        .outerjoin(parent, Region.parent_id == parent.id)
        .outerjoin(Document, Fact.document_id == Document.id)
        .where(Fact.kind.in_(tuple(_SUFFIXES)), Fact.status.in_(("actual", "target")))
        .where(Fact.year.is_not(None))
    )
    if year is not None:
        query = query.where(Fact.year == year)
    if region is not None:
        query = query.where(Region.name == region)
    chosen: dict[tuple[str, int, str], tuple[tuple[int, int, int], Fact, str | None]] = {}
    for fact, region_name, parent_name, report_year in session.execute(query):
        if not _stands_for(fact, region_name, matches):
            continue
        key = (region_name, int(fact.year or 0), fact.status)
        rank = (report_year or 0, fact.document_id or 0, -fact.position)
        if key not in chosen or rank > chosen[key][0]:
            chosen[key] = (rank, fact, parent_name)
    return _figures(chosen, canonical)


def fact_name(indicator: str, region: str) -> str:
    """The indicator a fact is about, without 全区… or the region's own name before it."""
    name = _WHOLE.sub("", indicator)
    for prefix in (region, region[:-1] if len(region) > 2 else region):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _stands_for(fact: Fact, region: str, matches: set[str]) -> bool:
    name = fact_name(fact.indicator, region)
    return any(name + suffix in matches for suffix in _SUFFIXES[fact.kind])


def fact_text(fact: Fact) -> str:
    """The fact as a figure in the target grammar: ``7.5以上``, ``≥330``, ``5.9``."""
    number = f"{fact.value:g}" if fact.value is not None else ""
    if fact.upper is not None:
        number = f"{number}-{fact.upper:g}"
    return _QUALIFIER_TEXT.get(fact.qualifier or "", "{}").format(number)


def _figures(
    chosen: dict[tuple[str, int, str], tuple[tuple[int, int, int], Fact, str | None]],
    canonical: str,
) -> list[ProseFigure]:
    figures = []
    for region, year in sorted({(r, y) for r, y, _ in chosen}):
        actual = chosen.get((region, year, "actual"))
        target = chosen.get((region, year, "target"))
        some = actual or target
        assert some is not None
        actual_text = fact_text(actual[1]) if actual else None
        target_text = fact_text(target[1]) if target else None
        figures.append(
            ProseFigure(
                region=region,
                parent_region=some[2],
                year=year,
                indicator=canonical,
                unit=some[1].unit,
                target=target_text,
                actual=actual_text,
                actual_number=actual[1].value if actual else None,
                vintage="预计" if actual and actual[1].qualifier == "预计" else None,
                grade=_grade(canonical, target_text, actual_text, year),
            )
        )
    return figures


def _grade(name: str, target: str | None, actual: str | None, year: int) -> str | None:
    """The default grading rules on one target and actual, when both are stated."""
    if target is None or actual is None:
        return None
    row = TableRow(
        no=None,
        name=name,
        unit=None,
        binding=False,
        category=None,
        target=parse_value(target),
        actual=parse_value(actual),
        raw_name=name,
        start=0,
        end=0,
    )
    table = IndicatorTable("execution", "", "", year, [], [], [row], 0, 0)
    rules = load_rules()
    result = grade(row, table, rules)
    return None if result.key == "ungradable" else result.label
