"""Each indicator at a period: the value expected by then, its colour and reason, a projection.

=================================  ===========================  ==============================
target                             compared                      green / yellow / red
=================================  ===========================  ==============================
level that accumulates (5家,        cumulative value against      ≥ expected / ≥ 80% of it /
156.5亿元)                         target × time elapsed, or     below
                                   last year's seasonal share
growth (6.5, 10左右)                cumulative growth against     ≥ target / ≥ 80% of it /
                                   the target                    below
rate or stock (72%, 118万亩)        latest value against target   as growth
ceiling (5.5以内, 控制在…)           latest value                  within / — / exceeded
relation (与经济增速同步)            latest growth against the     met / ≥ 80% of it / below
                                   other indicator's
change in points (提高0.5个百分点)   latest value less last        as growth, mirrored when
                                   year's year-end value         the target is a fall
change in per cent (下降3%)         cumulative growth             as growth, mirrored when
                                                                 the target is a fall
set by the level above             shown, no colour              —
=================================  ===========================  ==============================

The functions are pure: they read :class:`IndicatorInput` (built from the
store by :mod:`jihua.monitor.load`) and never touch a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from jihua.evaluate import Rules, grade
from jihua.monitor.rules import MonitorRules
from jihua.tables import Indicator as TableRow
from jihua.tables import IndicatorTable
from jihua.targets import Value, parse_value

Measure = Literal["growth", "cumulative", "stock"]
Status = Literal["green", "yellow", "red"]
_GROWTH_NAME = re.compile(r"增速|增长|增幅")
_EPSILON = 1e-9


@dataclass(frozen=True)
class Reading:
    """One stored periodic value: months ``first``..``last`` of the year."""

    first: int
    last: int
    kind: str
    value: float
    vintage_rank: int = 0

    @property
    def words(self) -> str:
        return f"{self.last}月" if self.first == self.last else f"{self.first}-{self.last}月"


@dataclass
class IndicatorInput:
    id: int
    name: str
    unit: str | None
    target: Value
    readings: list[Reading] = field(default_factory=list)
    #: last year's cumulative level by month (12: the whole year), for a seasonal profile
    last_year: dict[int, float] = field(default_factory=dict)
    binding: bool = False
    category: str | None = None
    no: str | None = None
    #: last year's year-end value, what a change in points (提高0.5个百分点) is counted from
    base: float | None = None


@dataclass(frozen=True)
class Projection:
    value: float
    #: ``latest`` (the latest cumulative figure), ``run_rate`` or ``seasonal``
    method: str
    grade: str | None


@dataclass
class IndicatorStatus:
    indicator: IndicatorInput
    measure: Measure
    latest: Reading | None
    expected: float | None
    progress: float | None
    status: Status | None
    reason: str
    #: what the expected value rests on: ``time`` (序时进度) or ``seasonal`` (last year's months)
    basis: str | None = None
    #: the share of the year's level due by the period (cumulative levels)
    share: float | None = None
    projection: Projection | None = None


def measure_of(indicator: IndicatorInput, rules: MonitorRules) -> Measure:
    """Growth (by its name, a relation target, or growth figures alone), a level that
    accumulates, or a rate or stock compared as it stands."""
    kinds = {r.kind for r in indicator.readings}
    if indicator.target.kind == "change":
        return "growth" if indicator.target.unit == "%" else "stock"
    if (
        _GROWTH_NAME.search(indicator.name)
        or indicator.target.kind == "relation"
        or kinds == {"growth"}
    ):
        return "growth"
    unit = indicator.target.unit or indicator.unit or ""
    if unit in rules.non_cumulative_units or any(
        word in indicator.name for word in rules.non_cumulative_words
    ):
        return "stock"
    return "cumulative"


def latest_reading(readings: list[Reading], measure: Measure, month: int) -> Reading | None:
    """The latest value up to ``month``: cumulative for growth and levels, any for a stock."""
    kind = "growth" if measure == "growth" else "level"
    usable = [r for r in readings if r.last <= month and r.kind == kind]
    if measure != "stock":
        usable = [r for r in usable if r.first == 1] + _summed_months(usable, measure)
    if not usable:
        return None
    return max(usable, key=lambda r: (r.last, r.vintage_rank))


def _summed_months(readings: list[Reading], measure: Measure) -> list[Reading]:
    """A cumulative level from months stored one by one (January to the latest, none missing)."""
    if measure != "cumulative":
        return []
    alone = {r.last: r for r in sorted(readings, key=lambda r: r.vintage_rank) if r.first == r.last}
    total, months = 0.0, []
    for month in range(1, 13):
        if month not in alone:
            break
        total += alone[month].value
        months.append(Reading(1, month, "level", total, vintage_rank=-1))  # stored ones win
    return months


def follow_all(
    indicators: list[IndicatorInput],
    month: int,
    rules: MonitorRules,
    grading: Rules,
) -> list[IndicatorStatus]:
    """The status of every indicator at the end of ``month``, projections graded together."""
    measures = {i.id: measure_of(i, rules) for i in indicators}
    latest = {i.id: latest_reading(i.readings, measures[i.id], month) for i in indicators}
    by_name = {i.name: i for i in indicators}
    statuses = []
    for item in indicators:
        reference = _reference(item, by_name, grading)
        ref_reading = latest[reference.id] if reference else None
        statuses.append(
            follow(item, measures[item.id], latest[item.id], rules, reference, ref_reading)
        )
    _grade_projections(statuses, grading)
    return statuses


def _reference(
    item: IndicatorInput, by_name: dict[str, IndicatorInput], grading: Rules
) -> IndicatorInput | None:
    if item.target.kind != "relation" or not item.target.reference:
        return None
    name = grading.references.get(item.target.reference, item.target.reference)
    return by_name.get(name) or by_name.get(item.target.reference)


def follow(
    item: IndicatorInput,
    measure: Measure,
    reading: Reading | None,
    rules: MonitorRules,
    reference: IndicatorInput | None = None,
    ref_reading: Reading | None = None,
) -> IndicatorStatus:
    """One indicator against its target at the period of ``reading``."""
    target = item.target
    if reading is None:
        return IndicatorStatus(item, measure, None, None, None, None, "尚无本期数据")
    shown = _shown(item, measure, reading)
    if target.kind in ("superior", "met"):
        reason = f"{shown}；目标为{target.text}，不作判断"
        return IndicatorStatus(item, measure, reading, None, None, None, reason)
    if target.kind == "change" and target.number is not None:
        return _change(item, measure, reading, rules, shown)
    if target.kind == "relation":
        return _relation(item, measure, reading, rules, reference, ref_reading)
    if target.kind == "empty":
        return IndicatorStatus(item, measure, reading, None, None, None, f"{shown}；未设目标")
    if target.kind not in ("number", "range") or target.number is None:
        reason = f"{shown}；目标“{target.text}”无法按期比较，不作判断"
        return IndicatorStatus(item, measure, reading, None, None, None, reason)
    if target.comparator in ("≤", "<"):
        return _ceiling(item, measure, reading, shown)
    if measure == "cumulative":
        return _cumulative(item, reading, rules, shown)
    return _against_target(item, measure, reading, rules, shown)


def _cumulative(
    item: IndicatorInput, reading: Reading, rules: MonitorRules, shown: str
) -> IndicatorStatus:
    target = _number(item.target)
    share, basis = _share(item, reading.last, rules)
    expected = target * share
    progress = reading.value / target * 100 if target else None
    status = _colour(reading.value, expected, rules)
    pace = f"{share * 100:.1f}%"
    line = "序时进度" if basis == "time" else "按上年月度进度应达的"
    if progress is None:
        reason = f"{shown}，年度目标为{_fmt(target)}"
    else:
        relation = "快于" if status == "green" and progress > share * 100 + _EPSILON else "低于"
        if status == "green" and abs(progress - share * 100) <= 0.05:
            relation = "达到"
        reason = f"{shown}，为年度目标的{progress:.1f}%，{relation}{line}{pace}"
    return IndicatorStatus(
        item, "cumulative", reading, expected, progress, status, reason, basis, share
    )


def _share(item: IndicatorInput, month: int, rules: MonitorRules) -> tuple[float, str]:
    """The share of a year's level due by ``month``: last year's profile when stored, else time."""
    last = item.last_year
    if (
        len(last) >= rules.seasonal_min_months
        and last.get(12)
        and month in last
        and 0 < last[month] <= last[12]
    ):
        return last[month] / last[12], "seasonal"
    return month / 12, "time"


def _against_target(
    item: IndicatorInput, measure: Measure, reading: Reading, rules: MonitorRules, shown: str
) -> IndicatorStatus:
    target = _number(item.target)
    value = reading.value
    progress = value / target * 100 if target > 0 else None
    status = _colour(value, target, rules)
    target_words = f"{'增长' if measure == 'growth' else ''}{_fmt(target)}{_unit(item, measure)}"
    if status == "green":
        reason = f"{shown}，{'高于' if value > target + _EPSILON else '达到'}目标{target_words}"
    else:
        ratio = f"，为目标的{progress:.1f}%" if progress is not None and value >= 0 else ""
        reason = f"{shown}，低于目标{target_words}{ratio}"
    return IndicatorStatus(item, measure, reading, target, progress, status, reason)


def _change(
    item: IndicatorInput, measure: Measure, reading: Reading, rules: MonitorRules, shown: str
) -> IndicatorStatus:
    """A change target: growth in per cent as it stands, points counted from last year's end.

    A fall (下降3%) is met by falling at least as far, so it is coloured mirrored."""
    target = _number(item.target)
    if measure == "growth":
        change, so_far = reading.value, ""
    elif item.base is None:
        reason = f"{shown}；缺少上年末数据，无法按“{item.target.text}”比较，不作判断"
        return IndicatorStatus(item, measure, reading, None, None, None, reason)
    else:
        change = reading.value - item.base
        so_far = f"，比上年末{_change_words(change, item.target.unit or '')}"
    sign = -1.0 if target < 0 else 1.0
    status = _colour(sign * change, sign * target, rules)
    progress = change / target * 100 if target else None
    verdict = "达到" if status == "green" else "未达到"
    ratio = f"，为目标的{progress:.1f}%" if progress is not None and status != "green" else ""
    reason = f"{shown}{so_far}，{verdict}目标“{item.target.text}”{ratio}"
    return IndicatorStatus(item, measure, reading, target, progress, status, reason)


def _change_words(change: float, unit: str) -> str:
    return f"{'提高' if change >= 0 else '下降'}{_fmt(abs(change))}{unit}"


def _ceiling(
    item: IndicatorInput, measure: Measure, reading: Reading, shown: str
) -> IndicatorStatus:
    target = _number(item.target)
    within = reading.value < target if item.target.comparator == "<" else reading.value <= target
    status: Status = "green" if within else "red"
    words = "控制在目标以内" if within else "超过控制目标"
    reason = f"{shown}，{words}{item.target.text}"
    progress = reading.value / target * 100 if target > 0 else None
    return IndicatorStatus(item, measure, reading, target, progress, status, reason)


def _relation(
    item: IndicatorInput,
    measure: Measure,
    reading: Reading,
    rules: MonitorRules,
    reference: IndicatorInput | None,
    ref_reading: Reading | None,
) -> IndicatorStatus:
    shown = _shown(item, measure, reading)
    if reference is None or ref_reading is None:
        reason = f"{shown}；找不到“{item.target.reference}”的本期数据，不作判断"
        return IndicatorStatus(item, measure, reading, None, None, None, reason)
    a, r = reading.value, ref_reading.value
    met = {
        "faster": a > r,
        "not_slower": a >= r - _EPSILON,
        "same": a >= r - _EPSILON,
        "slower": a < r,
        "not_faster": a <= r + _EPSILON,
    }.get(item.target.relation or "", False)
    upward = item.target.relation in ("faster", "not_slower", "same")
    status: Status = (
        "green"
        if met
        else ("yellow" if upward and r > 0 and a >= rules.yellow_ratio * r - _EPSILON else "red")
    )
    compared = f"{reference.name}{_growth_words(r)}"
    verdict = f"{'符合' if met else '未达到'}“{item.target.text}”"
    progress = a / r * 100 if r > 0 else None
    reason = f"{shown}，{compared}（{ref_reading.words}），{verdict}"
    return IndicatorStatus(item, measure, reading, r, progress, status, reason)


def _colour(value: float, expected: float, rules: MonitorRules) -> Status:
    if value >= expected - _EPSILON * max(1.0, abs(expected)):
        return "green"
    if expected > 0 and value >= rules.yellow_ratio * expected - _EPSILON * max(1.0, expected):
        return "yellow"
    return "red"


def _shown(item: IndicatorInput, measure: Measure, reading: Reading) -> str:
    if measure == "growth":
        return f"{reading.words}{_growth_words(reading.value)}"
    verb = "为" if measure == "stock" else "完成"
    if item.target.kind not in ("number", "range"):
        verb = "累计" if measure == "cumulative" else "为"
    return f"{reading.words}{verb}{_fmt(reading.value)}{_unit(item, measure)}"


def _growth_words(value: float) -> str:
    return f"增长{_fmt(value)}%" if value >= 0 else f"下降{_fmt(-value)}%"


def _unit(item: IndicatorInput, measure: Measure) -> str:
    if measure == "growth":
        return "%"
    return item.unit or item.target.unit or ""


def _number(value: Value) -> float:
    assert value.number is not None
    return value.number


def _fmt(number: float) -> str:
    return f"{round(number, 2):g}"


def _project(status: IndicatorStatus) -> tuple[float, str] | None:
    """The year-end value: the latest cumulative figure, or a level scaled up to the whole year."""
    reading = status.latest
    if reading is None:
        return None
    item = status.indicator
    if item.target.kind == "change" and status.measure == "stock":
        return (reading.value - item.base, "latest") if item.base is not None else None
    if status.measure != "cumulative":
        return reading.value, "latest"
    share = status.share or reading.last / 12
    return reading.value / share, "seasonal" if status.basis == "seasonal" else "run_rate"


def _projected_text(item: IndicatorInput, value: float) -> str:
    """A change target's projection is written as a change, so it is graded as one."""
    if item.target.kind == "change":
        return _change_words(value, item.target.unit or "")
    return _fmt(value)


def _grade_projections(statuses: list[IndicatorStatus], grading: Rules) -> None:
    """Grade each projection under the grading rules, all at once (a relation needs the other)."""
    rows: dict[int, TableRow] = {}
    projected: dict[int, tuple[float, str]] = {}
    for status in statuses:
        item = status.indicator
        found = _project(status)
        actual = parse_value(_projected_text(item, found[0])) if found else None
        if found:
            projected[item.id] = found
        rows[item.id] = TableRow(
            no=item.no,
            name=item.name,
            unit=item.unit,
            binding=item.binding,
            category=item.category,
            target=item.target,
            actual=actual,
            raw_name=item.name,
            start=0,
            end=0,
        )
    table = IndicatorTable("execution", "", "", None, [], [], list(rows.values()), 0, 0)
    for status in statuses:
        item = status.indicator
        if item.id not in projected:
            continue
        value, method = projected[item.id]
        label = None
        if item.target.kind not in ("superior", "met", "empty", "unreadable"):
            graded = grade(rows[item.id], table, grading)
            label = None if graded.key == "ungradable" else graded.label
        status.projection = Projection(round(value, 2), method, label)
