"""Figures of part of the year: cumulative values by period, as statistics bureaus publish them.

A period is written ``2024-01..06`` (January to June, cumulative), ``2024-06``
(June alone) or ``2024Q2`` (a quarter, as its cumulative months: ``2024-01..06``).
With the year given apart, ``01..06``, ``1-6月``, ``6月``, ``Q2``, ``二季度``/``上半年``
are read too. Each value is a ``growth`` (per cent on the same period of last
year) or a ``level``, with its vintage (``快报`` by default, later ``年报``) and
source; the latest vintage is the one used. Every write is logged. A bulletin's
statement of a value is kept beside the later ones that revise it
(:mod:`jihua.store.revisions`); a user's entry here changes the value in use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import check_version, current_user, now, record_new, set_field
from jihua.store.database import writer
from jihua.store.figures import find_indicator, find_plan, vintage_rank
from jihua.store.schema import Indicator, PeriodicValue, Plan

KINDS = {"growth": "增速", "level": "总量"}
KIND_WORDS = {
    "growth": "growth",
    "增速": "growth",
    "增长": "growth",
    "level": "level",
    "总量": "level",
}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HALVES = {"一季度": 3, "上半年": 6, "前三季度": 9, "全年": 12}


@dataclass(frozen=True)
class Period:
    """Months ``first``..``last`` of ``year``: cumulative from January when ``first`` is 1."""

    year: int
    first: int
    last: int

    @property
    def key(self) -> str:
        if self.first == self.last and self.first != 1:
            return f"{self.year}-{self.last:02d}"
        return f"{self.year}-{self.first:02d}..{self.last:02d}"

    @property
    def cumulative(self) -> bool:
        return self.first == 1

    @property
    def words(self) -> str:
        """``1-6月``, ``6月``, ``1月``."""
        return f"{self.last}月" if self.first == self.last else f"{self.first}-{self.last}月"


def parse_period(text: str, year: int | None = None) -> Period:
    """Read a period (see the module docstring); ``year`` when the text carries none."""
    raw = text.strip().replace(" ", "").replace("－", "-").replace("—", "-").replace("～", "-")
    found = re.fullmatch(r"(?:(\d{4})[-年]?)?(.+)", raw)
    if found is None:
        raise UserError(f"无法识别的期间“{text}”（可写 2024-01..06、2024-06、2024Q2）")
    stated = int(found.group(1)) if found.group(1) else year
    first_last = _months(found.group(2))
    if stated is None or first_last is None:
        raise UserError(f"无法识别的期间“{text}”（可写 2024-01..06、2024-06、2024Q2）")
    first, last = first_last
    if year is not None and stated != year:
        raise UserError(f"期间“{text}”不在 {year} 年")
    return Period(stated, first, last)


def _months(rest: str) -> tuple[int, int] | None:
    rest = rest.removesuffix("月").removesuffix("份")
    if rest in _HALVES:
        return 1, _HALVES[rest]
    quarter = re.fullmatch(r"[Qq]([1-4])|第?([一二三四])季度", rest)
    if quarter:
        return 1, 3 * _QUARTERS[quarter.group(1) or quarter.group(2)]
    span = re.fullmatch(r"(\d{1,2})(?:\.\.|-|~|至|到)(\d{1,2})", rest)
    if span:
        first, last = int(span.group(1)), int(span.group(2))
    elif re.fullmatch(r"\d{1,2}", rest):
        first = last = int(rest)
    else:
        return None
    if not 1 <= first <= last <= 12:
        return None
    return first, last


def parse_kind(text: str) -> str:
    kind = KIND_WORDS.get(text.strip().lower())
    if kind is None:
        raise UserError(f"类型应为 growth（增速）或 level（总量），不是“{text}”")
    return kind


@dataclass(frozen=True)
class Stored:
    indicator: str
    period: str
    kind: str
    value: float
    vintage: str
    version: int


def set_periodic(
    engine: Engine,
    region: str,
    year: int,
    indicator: str,
    period: str,
    value: float,
    kind: str,
    vintage: str = "快报",
    source: str | None = None,
    who: str | None = None,
    read_version: int | None = None,
) -> Stored:
    """Store one periodic value of an indicator of a region's plan (a user's entry)."""
    with Session(engine) as session:
        indicator_id = find_indicator(session, find_plan(session, region, year), indicator).id
    return set_periodic_value(
        engine, indicator_id, period, value, kind, vintage, source, who, read_version
    )


def set_periodic_value(
    engine: Engine,
    indicator_id: int,
    period: str,
    value: float,
    kind: str,
    vintage: str = "快报",
    source: str | None = None,
    who: str | None = None,
    read_version: int | None = None,
) -> Stored:
    """Store one periodic value of the indicator with that id (the period within its plan's year)."""
    kind = parse_kind(kind)
    who = who or current_user()
    why = f"periodic set {vintage}：{source or ''}".rstrip("：")
    with Session(writer(engine)) as session, session.begin():
        row = session.get(Indicator, indicator_id)
        if row is None:
            raise UserError(f"没有编号为 {indicator_id} 的指标")
        plan = session.get_one(Plan, row.plan_id)
        parsed = parse_period(period, plan.year)
        stored = store_periodic(
            session, row, parsed, kind, value, vintage, source, who, why, read_version
        )
        return Stored(row.name, stored.period, kind, stored.value, vintage, stored.version)


def store_periodic(
    session: Session,
    indicator: Indicator,
    period: Period,
    kind: str,
    value: float,
    vintage: str,
    source: str | None,
    who: str,
    why: str,
    read_version: int | None = None,
) -> PeriodicValue:
    """Add or change one periodic value; the change is logged."""
    rank = vintage_rank(vintage)
    row = session.scalar(
        select(PeriodicValue).where(
            PeriodicValue.indicator_id == indicator.id,
            PeriodicValue.period == period.key,
            PeriodicValue.kind == kind,
            PeriodicValue.vintage == vintage,
        )
    )
    if row is None:
        row = PeriodicValue(
            indicator_id=indicator.id,
            period=period.key,
            first_month=period.first,
            last_month=period.last,
            kind=kind,
            value=value,
            vintage=vintage,
            vintage_rank=rank,
            source=source,
            recorded_at=now(),
        )
        session.add(row)
        record_new(session, row, "value", who, why)
        return row
    if read_version is not None:
        what = f"“{indicator.name}”{period.words}{KINDS[kind]}"
        check_version(what, None, f"{row.value:g}", read_version, row.version)
    if set_field(session, row, "value", value, who, why):
        row.recorded_at = now()
    if source is not None:
        set_field(session, row, "source", source, who, why)
    session.flush()
    return row


@dataclass(frozen=True)
class SeriesPoint:
    period: str
    months: str
    kind: str
    value: float
    vintage: str
    source: str | None
    #: the statement that gave the value in use: 初值, 修订N, 已修改 (by hand), or None
    revision: str | None = None
    #: the day of that statement (``2024-08-15``): its bulletin's publishing date, else when stored
    revised: str | None = None
    #: the first figure stated, when the value in use replaced it
    first_value: float | None = None


@dataclass(frozen=True)
class SeriesStatement:
    """One bulletin's statement of a periodic value (``jihua series --vintages``)."""

    period: str
    months: str
    kind: str
    vintage: str
    revision: str
    value: float
    published: str | None
    recorded: str
    source: str | None
    in_use: bool


def periodic_series(engine: Engine, region: str, year: int, indicator: str) -> list[SeriesPoint]:
    """The stored periodic values of one indicator of a region's plan, in order of months;
    of each period and kind the latest vintage only, with the revision in use."""
    from jihua.store.revisions import history, standing

    with Session(engine) as session:
        latest: dict[tuple[str, str], PeriodicValue] = {}
        for value in _values(session, region, year, indicator):
            latest[(value.period, value.kind)] = value  # ordered by rank: the last is the latest
        points = []
        for v in latest.values():
            stand = standing(v, history(session, v))
            points.append(
                SeriesPoint(
                    v.period,
                    Period(year, v.first_month, v.last_month).words,
                    v.kind,
                    v.value,
                    v.vintage,
                    v.source,
                    stand.label,
                    stand.since.isoformat() if stand.since else None,
                    stand.first,
                )
            )
        return points


def periodic_statements(
    engine: Engine, region: str, year: int, indicator: str
) -> list[SeriesStatement]:
    """Every bulletin's statement of every periodic value of one indicator, every vintage,
    in order of months, then vintage, then bulletin."""
    from jihua.store.revisions import history, labels

    found = []
    with Session(engine) as session:
        for v in _values(session, region, year, indicator):
            ordered = history(session, v)
            names = labels([r.value for r in ordered])
            for n, (name, r) in enumerate(zip(names, ordered, strict=True)):
                found.append(
                    SeriesStatement(
                        v.period,
                        Period(year, v.first_month, v.last_month).words,
                        v.kind,
                        v.vintage,
                        name,
                        r.value,
                        r.published.isoformat() if r.published else None,
                        r.recorded_at.date().isoformat(),
                        r.source,
                        n == len(ordered) - 1 and r.value == v.value,
                    )
                )
    return found


def _values(session: Session, region: str, year: int, indicator: str) -> list[PeriodicValue]:
    from jihua.store.sheets import RowError, find_synonym

    plan = find_plan(session, region, year)
    try:
        row = find_synonym(session, plan, indicator)
    except RowError as exc:
        raise UserError(exc.reason) from exc
    return list(
        session.scalars(
            select(PeriodicValue)
            .where(PeriodicValue.indicator_id == row.id)
            .order_by(
                PeriodicValue.last_month,
                PeriodicValue.first_month,
                PeriodicValue.kind,
                PeriodicValue.vintage_rank,
            )
        )
    )
