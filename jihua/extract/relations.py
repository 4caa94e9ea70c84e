"""How the prose relates its figures: totals and parts, rates, differences.

Read from the facts of :mod:`jihua.extract.facts` (as ``extract()`` gives
them) and the words around them; whether the arithmetic holds is for
:mod:`jihua.audit` to say. What is read:

=============  ==============================================================  =========
relation       the prose                                                       figures
=============  ==============================================================  =========
total          ``第一、二、三产业增加值分别为21、240、261亿元`` after              parts sum to
               ``地区生产总值512亿元``; ``进出口…其中出口…进口…``                  the total
partial total  ``一般公共预算收入31亿元，其中税收收入22亿元`` (the parts of a     parts ≤ total
               ``其中`` up to the next ``；`` or ``。``)
completion     ``512亿元，完成年计划560亿元的91.4%``                             512 ÷ 560
share          ``第三产业增加值261亿元，占地区生产总值的比重为51.0%``            261 ÷ 512
difference     ``增长6.5%，高于预期目标0.5个百分点`` (also ``低于``, ``超``,      6.5 − target
               ``比目标低…``), its target stated elsewhere in the prose
=============  ==============================================================  =========

A figure is a :class:`Figure`: a fact with its status read again from the
words around it, since a target quoted in the execution section
(``区人大批准的地区生产总值增长6%左右、…的预期目标``) is a target whatever
section it stands in. Names are compared by :func:`name_key`, which drops
where the figure stands (``全县``, ``执行结果为``) and what it is measured
against (``预期目标``, ``完成年度目标的``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jihua.traditional import simplify

#: where a sentence ends; ``；`` ends the reach of a ``其中``
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[；;。！？!?\n]")
_LEAD = re.compile(
    r"^(?:.*?(?:确定|提出|批准|通过|下达|审议)(?:了|的)+)?"
    r"(?:初步预计|预计|初步测算|全年|年内|今年|当年|去年|全[县区市省州旗盟]|执行结果为|执行结果|执行情况为"
    r"|(?:19|20)\d\d年度?|[一二三四]季度|上半年|前三季度|\d{1,2}[-—至~]\d{1,2}月|\d{1,2}月末?|年末|年底|累计"
    r"|实际完成|实际(?!利用|使用)|完成|实现|其中[，,：:]?|[一二三四五六七八九十]是"
    r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|——|[-—•·])*"
)
_TAIL = re.compile(
    r"(?:完成(?:年|年度|全年)?(?:计划|目标)(?:任务)?的?|完成率|计划完成率"
    r"|(?:年初|年度|全年)?(?:预期|计划)?目标(?:值|任务)?(?:为|是)?|预期|计划|为|是)+$"
)
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
#: words a name may differ by and still be the same indicator's (a place: ``荔城``)
_NOT_A_PLACE = re.compile(r"城镇|农村|居民|人均|规模|规上|其中|工业|产业|社会|财政|公共|进|出")
#: a target the prose quotes in the execution section: ``…确定的A增长6%左右、B…的预期目标``
_QUOTED_TARGETS = re.compile(
    r"(?:确定|提出|批准|通过|下达)(?:了)?的?(?P<body>[^。；]*?)(?:的|等)(?:主要)?(?:预期|计划)?"
    r"(?:目标|指标)"
)
#: the words of a completion rate before its figure: ``完成全年总量目标的``, ``占年计划的``
_COMPLETION_WORDS = re.compile(
    r"(?:完成|为|占|达到?)(?:年|年度|全年)?(?:总量|投资|增速)?(?:计划|目标)(?:任务)?的$"
)
#: a name that is what is left of ``完成全年总量目标的``: the figure's indicator is the one before
_PLAN_REMAINS = re.compile(r"^(?:全年|年度)?(?:总量|增速|增量)?(?:目标|计划)的?$")
_TARGET_WORDS = re.compile(r"(?:目标|计划)(?:任务)?(?:值)?(?:为|是|达到?)?(?:增长|下降)?$")
ADDITIVE_UNITS = re.compile(
    r"^(?:[万亿千百]*元|[万亿]*美元|[万]*(?:个|家|户|人|人次|项|套|吨|辆|亩|公顷))$"
)

_DIFFERENCE = re.compile(
    r"(?P<word>高于|低于|超过|超出|高出|快于|慢于|超|塌|比)"
    r"(?P<ref>(?:年初|年度|全年)?(?:确定的|下达的)?(?:增速|增长|总量)?"
    r"(?:预期目标|计划目标|预期|计划|目标)(?:值|任务)?)?"
    r"(?P<word2>高出|高|低|快|慢|多|少)?(?:了)?"
    r"(?P<d>\d+(?:\.\d+)?)(?P<unit>个百分点|百分点|亿元|万元|元|%)"
)
_UP_WORDS = ("高于", "超过", "超出", "高出", "快于", "超", "高", "快", "多")
#: ``增长7%，完成全年目标``: the target is met, and its figure is not given
_STATED_MET = re.compile(
    r"(?P<not>未能?|没有)?(?:超额)?(?:完成|实现|达到)(?:了)?(?:全年|年度|年初)(?:确定的)?(?:预期)?"
    r"(?:目标|计划)(?:任务)?(?!的)"
)
_SHARE_WHOLE = re.compile(r"占(?P<whole>[^，。；、]{2,20}?)(?:的)?(?:比重|比例)")


@dataclass(frozen=True)
class Figure:
    """A fact as the relations read it: value, unit, and whether it is a target."""

    indicator: str
    key: str
    kind: str
    target: bool
    year: int | None
    value: float
    unit: str | None
    qualifier: str | None
    quote: str
    start: int
    end: int

    def quote_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end}

    @property
    def said(self) -> str:
        """The figure as the prose says it: ``增长6.5%``, ``512亿元``."""
        verb = "增长" if self.kind == "growth" else ""
        return f"{verb}{number_text(self.value)}{self.unit or ''}"

    @property
    def percent(self) -> bool:
        return self.unit == "%"


@dataclass
class Total:
    """Parts stated against their total; ``exhaustive`` parts must add up to it."""

    total: Figure
    parts: list[Figure]
    exhaustive: bool


@dataclass
class Rate:
    """A stated completion rate or share, with the two figures it is computed from."""

    kind: str  # "completion" or "share"
    stated: Figure
    numerator: Figure
    denominator: Figure


@dataclass
class Difference:
    """``高于预期目标0.5个百分点``: the actual, the signed difference, its target if stated."""

    actual: Figure
    difference: float
    text: str
    quote: dict[str, Any]
    reference: Figure | None = None

    @property
    def implied_target(self) -> float:
        return round(self.actual.value - self.difference, 6)


@dataclass
class Met:
    """``增长7%，完成全年目标``: an actual the prose says met its (unstated) target."""

    actual: Figure
    met: bool
    text: str
    quote: dict[str, Any]


@dataclass
class Relations:
    figures: list[Figure] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    #: completion facts whose target figure is not stated: ``完成年度目标的95%``
    bare_completions: list[Figure] = field(default_factory=list)
    met: list[Met] = field(default_factory=list)


def number_text(value: float) -> str:
    """A figure as printed: ``244394``, ``6.1``, never ``2.44394e+05``."""
    return format(Decimal(str(round(value, 6))).normalize(), "f")


def quotes_of(figures: list[Figure]) -> list[dict[str, Any]]:
    """The figures' quotes, each once, in the order given."""
    quotes: list[dict[str, Any]] = []
    for figure in figures:
        if (quote := figure.quote_dict()) not in quotes:
            quotes.append(quote)
    return quotes


def name_key(name: str) -> str:
    """``执行结果为地区生产总值`` and ``社会消费品零售总额预期目标`` → the indicator alone."""
    key = _BRACKETS.sub("", "".join(name.split()))
    key = _LEAD.sub("", key)
    return _TAIL.sub("", key)


#: names the prose gives one indicator under another
_ALIASES = {"GDP": "地区生产总值", "生产总值": "地区生产总值"}


def same_indicator(a: str, b: str) -> bool:
    """Keys that name the same indicator: equal, or one a place longer (``荔城地区生产总值``)."""
    if not a or not b:
        return False
    a, b = _ALIASES.get(a, a), _ALIASES.get(b, b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    extra = long[: len(long) - len(short)]
    return (
        len(short) >= 3
        and long.endswith(short)
        and len(extra) <= 4
        and not _NOT_A_PLACE.search(extra)
    )


def read_figures(text: str, facts: list[dict[str, Any]], year: int | None) -> list[Figure]:
    """The facts of ``year`` with a value (ranks aside), unnamed ones named after the one before.

    ``text`` is searched in simplified characters (:func:`jihua.traditional.simplify`, same
    offsets); the figures keep the facts' quotes, cut from the original.
    """
    text = simplify(text)
    quoted = [(m.start("body"), m.end("body")) for m in _QUOTED_TARGETS.finditer(text)]
    figures: list[Figure] = []
    for fact in sorted(facts, key=lambda f: f.get("end") or 0):
        if fact.get("value") is None or fact.get("rank") or fact.get("start") is None:
            continue
        if year is not None and fact.get("year") not in (None, year):
            continue
        figures.append(_figure(text, fact, figures, quoted))
    return figures


def _figure(
    text: str, fact: dict[str, Any], before: list[Figure], quoted: list[tuple[int, int]]
) -> Figure:
    start, end = int(fact["start"]), int(fact["end"])
    quote = str(fact.get("quote") or text[start:end])
    words = _clause_before_number(text[start:end])
    kind = str(fact.get("kind") or "level")
    if fact.get("unit") == "%" and _COMPLETION_WORDS.search(words):
        kind = "completion"  # ``完成全年总量目标的107%``, whatever kind the fact was given
    indicator = str(fact.get("indicator") or "")
    key = name_key(indicator)
    key = "" if _PLAN_REMAINS.match(key) else key
    if not key and before and same_sentence(text, before[-1].end, start):
        indicator, key = before[-1].indicator, before[-1].key
    target = (
        fact.get("status") == "target"
        or any(s < end <= e for s, e in quoted)
        or bool(_TARGET_WORDS.search(words))
    ) and kind != "completion"
    return Figure(
        indicator=indicator,
        key=key,
        kind=kind,
        target=target,
        year=fact.get("year"),
        value=float(fact["value"]),
        unit=fact.get("unit"),
        qualifier=fact.get("qualifier"),
        quote=quote,
        start=start,
        end=end,
    )


def _clause_before_number(quote: str) -> str:
    """The words of a quote before its (last) figure, within its last clause."""
    clause = re.split(r"[，,；;、]", quote)[-1]
    return re.sub(r"[-+]?\d[\d.,]*[^\d]*$", "", clause)


def same_sentence(text: str, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return _SENTENCE_END.search(text, low, high) is None


def read_relations(original: str, facts: list[dict[str, Any]], year: int | None) -> Relations:
    """Every total, rate and difference the prose of ``year`` states.

    The text is searched in simplified characters; every quote is cut from ``original``.
    """
    figures = read_figures(original, facts, year)
    text = simplify(original)
    relations = Relations(figures)
    relations.totals = _industry_totals(text, figures) + _of_which_totals(text, figures)
    relations.totals = _without_repeats(relations.totals)
    for figure in figures:
        if figure.kind == "completion":
            plan = _plan_figure(figure, figures)
            rate = _completion(text, figure, plan, figures) if plan else None
            if rate is not None:
                relations.rates.append(rate)
            elif plan is None:  # with a plan figure, the target and its actual are paired as stated
                relations.bare_completions.append(figure)
        elif figure.kind == "share" and figure.percent:
            share = _share(text, figure, figures)
            if share is not None:
                relations.rates.append(share)
    relations.differences = _differences(text, figures, original)
    relations.met = _stated_met(text, figures, original)
    return relations


# --- totals ---------------------------------------------------------------

_INDUSTRIES = ("第一产业增加值", "第二产业增加值", "第三产业增加值")
_GDP = ("地区生产总值", "GDP", "生产总值")
_TRADE_PARTS = ("出口", "进口")
_TRADE_TOTAL = re.compile(r"进出口(?:总额|总值)?$")


def _actual_levels(figures: list[Figure]) -> list[Figure]:
    return [
        f
        for f in figures
        if not f.target and f.kind == "level" and f.unit and ADDITIVE_UNITS.match(f.unit)
    ]


def _industry_totals(text: str, figures: list[Figure]) -> list[Total]:
    """三次产业 against the GDP stated before them (within the same paragraph or the one before)."""
    levels = _actual_levels(figures)
    totals = []
    for total in (f for f in levels if any(same_indicator(f.key, g) for g in _GDP)):
        after = [
            f
            for f in levels
            if f.start > total.end and f.unit == total.unit and f.year == total.year
        ]
        parts: list[Figure] = []
        for name in _INDUSTRIES:
            part = next((f for f in after if f.key.endswith(name)), None)
            if part is None or part.start - total.end > 600:
                break
            parts.append(part)
        if len(parts) == 3 and not _stated_between(after, total, parts, _GDP):
            totals.append(Total(total, parts, exhaustive=True))
    return totals


def _stated_between(
    after: list[Figure], total: Figure, parts: list[Figure], names: tuple[str, ...]
) -> bool:
    """Whether another total of the same name stands between this one and its parts."""
    last = max(p.start for p in parts)
    return any(
        f.start < last and any(same_indicator(f.key, n) for n in names)
        for f in after
        if f is not total
    )


def _of_which_totals(text: str, figures: list[Figure]) -> list[Total]:
    """The parts after ``其中`` (to the next ``；`` or ``。``) against the figure before it."""
    levels = _actual_levels(figures)
    totals = []
    for m in re.finditer(r"其中[，,：:]?", text):
        total = _total_before(text, m.start(), levels)
        if total is None:
            continue
        stop = _CLAUSE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        parts = [
            f
            for f in levels
            if m.start() <= f.start and m.end() < f.end <= end and f.unit == total.unit
        ]
        parts = _up_to_a_sibling(
            [p for p in parts if p.key != total.key and not _in_brackets(text, m.end(), p.start)],
            total,
        )
        if parts:
            totals.append(Total(total, parts, _exhaustive(total, parts)))
    return totals


#: leading characters a figure shares with the total when it is its sibling, not its part
_SIBLING_PREFIX = 4


def _up_to_a_sibling(parts: list[Figure], total: Figure) -> list[Figure]:
    """The parts before one that names a sibling of the total (``一般公共预算支出`` after ``…收入``)."""
    for index, part in enumerate(parts):
        if part.key[:_SIBLING_PREFIX] == total.key[:_SIBLING_PREFIX]:
            return parts[:index]
    return parts


def _in_brackets(text: str, start: int, at: int) -> bool:
    """Whether a bracket opened between ``start`` and ``at`` is still open (a part of a part)."""
    between = text[start:at]
    return between.count("（") + between.count("(") > between.count("）") + between.count(")")


def _total_before(text: str, at: int, levels: list[Figure]) -> Figure | None:
    """The last level figure before ``其中``: in its sentence, or ending the sentence before."""
    before = [f for f in levels if f.end <= at]
    if not before:
        return None
    last = before[-1]
    boundary = _SENTENCE_END.search(text, last.end, at)
    if boundary is None:
        return last
    # ``…512亿元。其中，…``: only when nothing but the sentence end stands between
    return last if text[last.end : at].strip(" \u3000。\n") == "" else None


def _exhaustive(total: Figure, parts: list[Figure]) -> bool:
    names = [p.key for p in parts]
    if len(parts) == 3 and all(n.endswith(i) for n, i in zip(names, _INDUSTRIES, strict=True)):
        return True
    trade = sorted(n[-2:] for n in names) == sorted(_TRADE_PARTS)
    return len(parts) == 2 and trade and bool(_TRADE_TOTAL.search(total.key))


def _without_repeats(totals: list[Total]) -> list[Total]:
    """One total per set of parts (三次产业 after ``其中`` are read twice)."""
    seen: dict[tuple[int, ...], Total] = {}
    for total in totals:
        parts = tuple(p.start for p in total.parts)
        kept = seen.get(parts)
        if kept is None or (total.exhaustive and not kept.exhaustive):
            seen[parts] = total
    return sorted(seen.values(), key=lambda t: t.total.start)


# --- rates ----------------------------------------------------------------


def _plan_figure(stated: Figure, figures: list[Figure]) -> Figure | None:
    """The plan figure a completion quotes: ``完成年计划560亿元的91.4%`` → 560."""
    return next(
        (
            f
            for f in figures
            if f.target and f.kind == "level" and stated.start <= f.start < stated.end
        ),
        None,
    )


def _completion(text: str, stated: Figure, plan: Figure, figures: list[Figure]) -> Rate | None:
    """``512亿元，完成年计划560亿元的91.4%``: the target inside the quote, the actual before it."""
    done = [
        f
        for f in figures
        if not f.target
        and f.kind == "level"
        and f.unit == plan.unit
        and f.end <= stated.start
        and same_sentence(text, f.end, stated.start)
    ]
    if not done:
        return None
    return Rate("completion", stated, done[-1], plan)


def _share(text: str, stated: Figure, figures: list[Figure]) -> Rate | None:
    """``261亿元，占地区生产总值的比重为51.0%``: the part before it, the whole by name."""
    m = _SHARE_WHOLE.search(text, stated.start, stated.end)
    if m is None:
        return None
    whole_key = name_key(m["whole"])
    part = next(
        (
            f
            for f in reversed(figures)
            if f.end <= stated.start
            and not f.target
            and f.kind == "level"
            and same_sentence(text, f.end, stated.start)
        ),
        None,
    )
    if part is None:
        return None
    wholes = [
        f
        for f in _actual_levels(figures)
        if f.unit == part.unit and f is not part and same_indicator(f.key, whole_key)
    ]
    if not wholes:
        return None
    whole = min(wholes, key=lambda f: abs(f.start - stated.start))
    return Rate("share", stated, part, whole)


# --- differences ----------------------------------------------------------


def _differences(text: str, figures: list[Figure], original: str) -> list[Difference]:
    found = []
    for m in _DIFFERENCE.finditer(text):
        word = m["word2"] if m["word"] == "比" else m["word"]
        if word is None or (m["word"] == "比" and m["ref"] is None):
            continue
        actual = _difference_actual(text, m, figures)
        if actual is None:
            continue
        sign = 1.0 if word in _UP_WORDS else -1.0
        reference = _stated_target(text, actual, figures)
        if m["ref"] is None and (
            reference is None or not same_sentence(text, reference.end, m.start())
        ):
            continue  # ``高出0.6个百分点`` says against what only after its target in the sentence
        quote = {"quote": original[m.start() : m.end()], "start": m.start(), "end": m.end()}
        found.append(Difference(actual, sign * float(m["d"]), m.group(0), quote, reference))
    return found


def _difference_actual(text: str, m: re.Match[str], figures: list[Figure]) -> Figure | None:
    points = "百分点" in m["unit"]
    for f in reversed([f for f in figures if f.end <= m.start()]):
        if not same_sentence(text, f.end, m.start()):
            return None
        if f.target or f.kind in ("other", "completion"):
            continue
        if (points and f.percent) or (not points and f.unit == m["unit"]):
            return f
    return None


def _stated_target(text: str, actual: Figure, figures: list[Figure]) -> Figure | None:
    """The target stated for the actual's indicator, the nearest one in the text."""
    same = [
        f
        for f in figures
        if f.target
        and f.kind == actual.kind
        and f.unit == actual.unit
        and f.year == actual.year
        and same_indicator(f.key, actual.key)
    ]
    if not same:
        return None
    return min(same, key=lambda f: abs(f.start - actual.start))


def _stated_met(text: str, figures: list[Figure], original: str) -> list[Met]:
    """Each ``完成全年目标`` right after an actual (nothing but a comma between them)."""
    by_end = {f.end: f for f in figures if not f.target and f.kind in ("level", "growth", "share")}
    found = []
    for m in _STATED_MET.finditer(text):
        lead = m.start()
        while lead > 0 and text[lead - 1] in "，, \u3000":
            lead -= 1
        actual = by_end.get(lead)
        if actual is not None and actual.key and lead < m.start():
            quote = {"quote": original[m.start() : m.end()], "start": m.start(), "end": m.end()}
            found.append(Met(actual, m["not"] is None, m.group(0), quote))
    return found
