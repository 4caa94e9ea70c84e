"""Target–actual pairs the prose states, for grading a report that has no indicator table.

Built on :mod:`jihua.extract.relations`. Each pair says how its target was read:

==============  ==================================================  =================
how             the prose                                           target, actual
==============  ==================================================  =================
``completion``  ``地区生产总值512亿元，完成年计划560亿元的91.4%``       560, 512
``stated``      ``预期目标为增长8%，实际增长8.6%``; ``目标30亿元、实际      8, 8.6; 30, 31.2;
                31.2亿元``; the execution section quoting last year's  6左右, 6.5
                targets (``…确定的地区生产总值增长6%左右…的预期目标``)
                and an actual of the same indicator elsewhere
``difference``  ``固定资产投资增长6.1%，低于年度目标1.9个百分点``       8 (6.1 + 1.9), 6.1
``met``         ``规模以上工业增加值同比增长7%，完成全年目标``          met (完成)
``rate``        ``规模以上工业增加值完成年度目标的95%``                100, 95 (in %)
==============  ==================================================  =================

One pair per indicator and kind (a growth and a level of the same indicator
are two pairs), the first of the table's order. A target figure is paired
with the nearest actual of the same indicator, kind and unit: in its
sentence (after it, then before it), else the first one after it in the
text, else the last one before. A decline (``下降3%``) is graded as a fall
(``…降幅`` 3) so that more is better, as for every other row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jihua.extract.relations import (
    Figure,
    Relations,
    number_text,
    quotes_of,
    read_relations,
    same_indicator,
    same_sentence,
)
from jihua.targets import Value, parse_value

_QUALIFIERS = ("左右", "以上", "以内")
_GRADED_KINDS = ("level", "growth", "share", "change")


@dataclass
class Pair:
    """A target and its actual as the prose states them, with the quotes they came from."""

    name: str
    key: str
    kind: str
    unit: str | None
    target: Value
    actual: Value
    how: str
    quotes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(int(q["start"]) for q in self.quotes)

    @property
    def end(self) -> int:
        return max(int(q["end"]) for q in self.quotes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "unit": self.unit,
            "target": self.target.to_dict(),
            "actual": self.actual.to_dict(),
            "how": self.how,
            "quotes": self.quotes,
        }


def read_pairs(text: str, facts: list[dict[str, Any]], year: int | None) -> list[Pair]:
    """The pairs the prose of ``year`` (the year reported on) states."""
    return pairs_from(text, read_relations(text, facts, year))


def pairs_from(text: str, relations: Relations) -> list[Pair]:
    """The pairs of already read relations, one per indicator and kind, in text order."""
    found: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    readers: list[Callable[[str, Relations], list[Pair]]] = [
        _from_completions,
        _from_stated_targets,
        _from_differences,
        _from_met,
        _from_bare_rates,
    ]
    for reader in readers:
        for pair in reader(text, relations):
            if not any(same_indicator(pair.key, k) and pair.kind == kind for k, kind in seen):
                seen.add((pair.key, pair.kind))
                found.append(pair)
    return sorted(found, key=lambda p: p.start)


def _from_completions(text: str, relations: Relations) -> list[Pair]:
    return [
        _pair(rate.denominator, rate.numerator, "completion", [rate.numerator, rate.stated])
        for rate in relations.rates
        if rate.kind == "completion"
    ]


def _from_stated_targets(text: str, relations: Relations) -> list[Pair]:
    pairs = []
    figures = relations.figures
    for target in figures:
        if not target.target or target.kind not in _GRADED_KINDS or not target.key:
            continue
        actual = _nearest_actual(text, target, figures)
        if actual is not None:
            pairs.append(_pair(target, actual, "stated", [target, actual]))
    return pairs


def _nearest_actual(text: str, target: Figure, figures: list[Figure]) -> Figure | None:
    same = [
        f
        for f in figures
        if not f.target
        and f.kind == target.kind
        and f.unit == target.unit
        and f.year == target.year
        and same_indicator(f.key, target.key)
    ]
    if not same:
        return None
    after = [f for f in same if f.start >= target.end]
    before = [f for f in same if f.end <= target.start]
    for candidates in (
        [f for f in after if same_sentence(text, target.end, f.start)],
        [f for f in reversed(before) if same_sentence(text, f.end, target.start)],
        after,
        list(reversed(before)),
    ):
        if candidates:
            return candidates[0]
    return None


def _from_differences(text: str, relations: Relations) -> list[Pair]:
    pairs = []
    for difference in relations.differences:
        actual = difference.actual
        if not actual.key:
            continue
        if difference.reference is not None:
            pairs.append(
                _pair(difference.reference, actual, "stated", [difference.reference, actual])
            )
            continue
        target_text = number_text(difference.implied_target)
        pair = _pair(actual, actual, "difference", [actual])
        pair.target = parse_value(_signed(target_text, pair))
        pair.quotes.append(difference.quote)
        pairs.append(pair)
    return pairs


def _signed(text: str, pair: Pair) -> str:
    """A derived target in the pair's own sense (a fall is graded as a positive 降幅)."""
    return text.removeprefix("-") if pair.name.endswith("降幅") else text


def _from_met(text: str, relations: Relations) -> list[Pair]:
    """``增长7%，完成全年目标``: graded as a qualitative target met (or not)."""
    pairs = []
    for met in relations.met:
        actual = met.actual
        pair = _pair(actual, actual, "met", [actual])
        pair.target = Value("全年目标", "superior")
        relation = "met" if met.met else "not_met"
        pair.actual = Value(f"{actual.said}，{met.text}", "met", relation=relation)
        pair.quotes.append(met.quote)
        pairs.append(pair)
    return pairs


def _from_bare_rates(text: str, relations: Relations) -> list[Pair]:
    pairs = []
    for rate in relations.bare_completions:
        if not rate.key:
            continue
        name = rate.key if rate.key.endswith("完成率") else f"{rate.key}完成率"
        pairs.append(
            Pair(
                name,
                rate.key,
                "completion",
                "%",
                parse_value("100"),
                parse_value(number_text(rate.value)),
                "rate",
                [rate.quote_dict()],
            )
        )
    return pairs


def _pair(target: Figure, actual: Figure, how: str, sources: list[Figure]) -> Pair:
    falling = target.value < 0
    name = _display_name(target, falling)
    quotes = quotes_of(sources)
    return Pair(
        name,
        target.key,
        target.kind,
        target.unit,
        parse_value(_value_text(target, falling)),
        parse_value(_value_text(actual, falling)),
        how,
        quotes,
    )


def _display_name(figure: Figure, falling: bool) -> str:
    key = figure.key
    if falling:
        return f"{key}降幅"
    if figure.kind == "growth" and not key.endswith(("增速", "增长", "增幅")):
        return f"{key}增速"
    return key


def _value_text(figure: Figure, falling: bool) -> str:
    value = -figure.value if falling else figure.value
    qualifier = figure.qualifier if figure.qualifier in _QUALIFIERS else ""
    return f"{number_text(value)}{qualifier}"
