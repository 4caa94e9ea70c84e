"""Grading: each indicator of the execution table against its target.

The rules, as the default ``rules.toml`` sets them (they reproduce the 涪陵区
report's own tally of 11 / 8 / 4 / 8):

==================================  =====================================  ==============
target                              actual                                 grade
==================================  =====================================  ==============
number or floor (``6.5``, ``≥30``)  above it                               超额完成
                                    equal to it (even ``10以上`` vs 10)     完成
                                    below, 完成率 ≥ ``good_ratio`` (80%)     较好完成
                                    below, 完成率 < 80%, or negative        完成困难较大
ceiling (``5.5以内``, ``≤3``)        at or under it                         完成
                                    over it: 完成率 = target ÷ actual       较好 / 困难
range (``5-6``)                     above the top / inside / below         超额 / 完成 / ratio
relation (``快于经济增速``)          faster than the named indicator's       完成
                                    actual; otherwise ratio actual ÷ it    较好 / 困难
set above (``完成市级下达目标``)      ``预计能够完成`` and the like           完成
                                    ``未完成``                              完成困难较大
change (``提升0.5个百分点``)         a change in points, compared as above  …
fall (``下降3%``)                    a fall at least as large / smaller:    超额·完成 /
                                    完成率 = actual fall ÷ target fall      较好 / 困难
a five-year sum (``〔13.5〕``)        against a sum, as above; against one   …
                                    year's figure: not compared            无法评价
anything missing or unreadable                                              无法评价
==================================  =====================================  ==============

Sub-rows (``其中：税收增速``) are graded too; with ``subrows = "worst"`` an
indicator takes the worst grade of itself and its graded sub-rows, which is
how the report counts 一般公共预算收入 (16.6 against 8.5, but 税收 6.3
against 10) among the 8 indicators 完成困难较大.

A report without an execution table is graded on the target–actual pairs its
prose states (:mod:`jihua.extract.pairs`), by the same rules; each such row
carries ``"source": "prose"`` and the quotes it was read from.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jihua.config import parse_user_toml
from jihua.errors import UserError
from jihua.plan import PlanReport
from jihua.tables import Indicator, IndicatorTable
from jihua.targets import Value

if TYPE_CHECKING:
    from jihua.extract.pairs import Pair

GradeKey = Literal["exceeded", "completed", "good", "difficult", "ungradable"]
GRADE_ORDER: tuple[GradeKey, ...] = ("exceeded", "completed", "good", "difficult", "ungradable")
_RANK = {"exceeded": 0, "completed": 1, "good": 2, "difficult": 3}


@dataclass(frozen=True)
class Rules:
    labels: dict[str, str]
    good_ratio: float
    same_pace_tolerance: float
    ceiling_met: GradeKey
    qualitative_met: GradeKey
    relation_met: GradeKey
    subrows: str
    references: dict[str, str]
    summary_pick: dict[str, str]
    overall: list[tuple[float, str]]

    def label(self, key: GradeKey) -> str:
        return self.labels[key]


def default_rules_text() -> str:
    return resources.files("jihua").joinpath("data/rules.toml").read_text(encoding="utf-8")


def load_rules(path: str | Path | None = None) -> Rules:
    """The default rules, with any keys of the file at ``path`` replacing them."""
    if path is None:
        return _default_rules()
    config = _merge(tomllib.loads(default_rules_text()), _read_rules_file(Path(path)))
    return _rules_from(config)


@cache
def _default_rules() -> Rules:
    """Parsed once a process: every stored actual regrades its plan under the write lock."""
    return _rules_from(tomllib.loads(default_rules_text()))


def _read_rules_file(path: Path) -> dict[str, Any]:
    return parse_user_toml(path, "评价规则文件")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _rules_from(config: dict[str, Any]) -> Rules:
    try:
        rules = Rules(
            labels={key: str(config["labels"][key]) for key in GRADE_ORDER},
            good_ratio=float(config["thresholds"]["good_ratio"]),
            same_pace_tolerance=float(config["thresholds"]["same_pace_tolerance"]),
            ceiling_met=_grade_key(config["rules"]["ceiling_met"]),
            qualitative_met=_grade_key(config["rules"]["qualitative_met"]),
            relation_met=_grade_key(config["rules"]["relation_met"]),
            subrows=str(config["rules"]["subrows"]),
            references={str(k): str(v) for k, v in config["references"].items()},
            summary_pick={key: str(config["summary"][key]) for key in GRADE_ORDER},
            overall=[(float(share), str(word)) for share, word in config["summary"]["overall"]],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"评价规则有误：{exc}") from exc
    if not 0 < rules.good_ratio <= 1:
        raise UserError(f"评价规则有误：good_ratio 应在 0 到 1 之间，现为 {rules.good_ratio}")
    if rules.subrows not in ("worst", "cap", "ignore"):
        raise UserError(f"评价规则有误：subrows 只能是 worst、cap 或 ignore，现为 {rules.subrows}")
    return rules


def _grade_key(value: object) -> GradeKey:
    if value not in _RANK:
        raise ValueError(f"未知的评价等级 {value!r}（可用：exceeded、completed、good、difficult）")
    return value  # type: ignore[return-value]


@dataclass
class Grade:
    key: GradeKey
    label: str
    reason: str
    ratio: float | None = None


@dataclass
class GradedIndicator:
    indicator: Indicator
    grade: Grade
    subrows: list[GradedIndicator] = field(default_factory=list)
    #: the quotes of a row read from the prose (no table row stands behind it)
    quotes: list[dict[str, Any]] | None = None


@dataclass
class Evaluation:
    rules: Rules
    graded: list[GradedIndicator]
    tally: dict[str, int]
    summary: str
    #: ``table`` (the execution table) or ``prose`` (the pairs the prose states)
    source: str = "table"


def evaluate(
    report: PlanReport, rules: Rules | None = None, pairs: list[Pair] | None = None
) -> Evaluation:
    """Grade the execution table of a report and write the summary sentence.

    Without an execution table, the prose's target–actual ``pairs`` are graded instead.
    """
    rules = rules or load_rules()
    table = report.execution
    if table is None and pairs:
        return _evaluate_prose(report, pairs, rules)
    graded = grade_table(table, rules) if table else []
    tally = tally_grades(graded, rules)
    return Evaluation(rules, graded, tally, summarize(report, graded, rules))


def prose_table(pairs: list[Pair], year: int | None) -> IndicatorTable:
    """The pairs as rows of an execution table, each row spanning its quotes."""
    rows = [
        Indicator(
            no=str(number),
            name=pair.name,
            unit=pair.unit,
            binding=False,
            category=None,
            target=pair.target,
            actual=pair.actual,
            raw_name=pair.name,
            start=pair.start,
            end=pair.end,
        )
        for number, pair in enumerate(pairs, 1)
    ]
    start = min((row.start for row in rows), default=0)
    end = max((row.end for row in rows), default=0)
    return IndicatorTable("execution", "正文", "", year, [], [], rows, start, end)


def _evaluate_prose(report: PlanReport, pairs: list[Pair], rules: Rules) -> Evaluation:
    table = prose_table(pairs, report.report_year)
    graded = grade_table(table, rules)
    for item, pair in zip(graded, pairs, strict=True):
        item.quotes = pair.quotes
    tally = tally_grades(graded, rules)
    opener = f"正文列出目标与实绩的{len(graded)}项指标"
    return Evaluation(rules, graded, tally, summarize(report, graded, rules, opener), "prose")


def grade_table(table: IndicatorTable, rules: Rules) -> list[GradedIndicator]:
    return [grade_with_subrows(indicator, table, rules) for indicator in table.indicators]


def grade_with_subrows(
    indicator: Indicator, table: IndicatorTable, rules: Rules
) -> GradedIndicator:
    own = grade(indicator, table, rules)
    subs = [GradedIndicator(sub, grade(sub, table, rules)) for sub in indicator.subrows]
    combined = _combine(own, subs, rules)
    return GradedIndicator(indicator, combined, subs)


def _combine(own: Grade, subs: list[GradedIndicator], rules: Rules) -> Grade:
    if own.key == "ungradable" or rules.subrows == "ignore":
        return own
    short = [s for s in subs if s.grade.key != "ungradable" and _RANK[s.grade.key] > _RANK[own.key]]
    if not short:
        return own
    worst = max(short, key=lambda s: _RANK[s.grade.key])
    key = worst.grade.key
    if rules.subrows == "cap":
        key = "completed" if own.key == "exceeded" else own.key
        if key == own.key:
            return own
    note = f"{own.reason}，但{worst.indicator.label}{worst.grade.reason}"
    return Grade(key, rules.label(key), note, own.ratio)


def grade(indicator: Indicator, table: IndicatorTable, rules: Rules) -> Grade:
    """Grade one row on its own: its actual against its target."""
    target, actual = indicator.target, indicator.actual
    if target.kind in ("empty", "unreadable"):
        return _ungradable(
            rules, "无目标" if target.kind == "empty" else f"目标无法识别：{target.text}"
        )
    if actual is None or actual.kind == "empty":
        return _ungradable(rules, "无完成值")
    if actual.kind == "unreadable":
        return _ungradable(rules, f"完成值无法识别：{actual.text}")
    if target.kind in ("superior", "met") or actual.kind == "met":
        return _grade_qualitative(target, actual, rules)
    if target.kind == "relation":
        return _grade_relation(target, actual, table, rules)
    if target.kind == "change" and actual.kind != "change":
        return _ungradable(rules, f"目标为变化量（{target.text}），完成值不是变化量")
    if target.cumulative != actual.cumulative:
        return _ungradable(rules, _sum_against_year(target, actual))
    if actual.kind not in ("number", "range", "change"):
        return _ungradable(rules, f"完成值无法与目标比较：{actual.text}")
    return _grade_numbers(target, actual, rules)


def _sum_against_year(target: Value, actual: Value) -> str:
    """Why a five-year sum (``〔13.5〕``) and one year's figure are not compared."""
    if target.cumulative:
        return f"目标为五年累计数（{target.text}），完成值不是累计数（{actual.text}）"
    return f"完成值为累计数（{actual.text}），目标不是累计数（{target.text}）"


def _ungradable(rules: Rules, reason: str) -> Grade:
    return Grade("ungradable", rules.label("ungradable"), reason)


def _fmt(number: float) -> str:
    return f"{number:g}"


def _grade_numbers(target: Value, actual: Value, rules: Rules) -> Grade:
    assert target.number is not None and actual.number is not None
    t, a = target.number, actual.number
    if target.kind == "change" and t < 0:
        return _grade_fall(t, a, target, actual, rules)
    if target.comparator in ("≤", "<"):
        return _grade_ceiling(t, a, target, actual, rules)
    if target.kind == "range" and target.upper is not None:
        if a > target.upper:
            return _made("exceeded", f"实际{actual.text} > 目标{target.text}", rules)
        if a >= t:
            return _made("completed", f"实际{actual.text} 在目标{target.text}之内", rules)
    elif a > t:
        return _made("exceeded", f"实际{actual.text} > 目标{target.text}", rules)
    elif a == t:
        return _made("completed", f"实际{actual.text} = 目标{target.text}", rules)
    return _shortfall(a, t, f"实际{actual.text} < 目标{target.text}", rules)


def _grade_fall(t: float, a: float, target: Value, actual: Value, rules: Rules) -> Grade:
    """A target to fall (下降3%) is met by falling at least as far: the sizes of the falls compared."""
    if a < t:
        return _made("exceeded", f"实际{actual.text}，降幅大于目标{target.text}", rules)
    if a == t:
        return _made("completed", f"实际{actual.text} = 目标{target.text}", rules)
    return _shortfall(-a, -t, f"实际{actual.text}，降幅小于目标{target.text}", rules)


def _grade_ceiling(t: float, a: float, target: Value, actual: Value, rules: Rules) -> Grade:
    if a < t or (a == t and target.comparator == "≤"):
        return _made(rules.ceiling_met, f"实际{actual.text} ≤ 目标{target.text}", rules)
    if a > 0 and t > 0:
        ratio = t / a
        return _by_ratio(ratio, f"实际{actual.text}超出目标{target.text}", rules)
    return _made("difficult", f"实际{actual.text}超出目标{target.text}", rules)


def _shortfall(a: float, t: float, plain: str, rules: Rules) -> Grade:
    """Below target: 较好 or 困难 by 完成率, where a 完成率 means something."""
    if t > 0:
        return _by_ratio(a / t, plain, rules)
    return _made("difficult", plain, rules)


def _by_ratio(ratio: float, plain: str, rules: Rules) -> Grade:
    key: GradeKey = "good" if ratio >= rules.good_ratio else "difficult"
    reason = f"完成率{ratio * 100:.1f}%" if ratio >= 0 else f"{plain}（负增长）"
    return Grade(key, rules.label(key), reason, ratio)


def _made(key: GradeKey, reason: str, rules: Rules) -> Grade:
    return Grade(key, rules.label(key), reason)


def _grade_qualitative(target: Value, actual: Value, rules: Rules) -> Grade:
    if actual.kind == "met" and actual.relation == "not_met":
        return _made("difficult", f"完成情况：{actual.text}", rules)
    if actual.kind == "met":
        return _made(rules.qualitative_met, f"完成情况：{actual.text}", rules)
    return _ungradable(rules, f"目标为定性要求（{target.text}），完成值{actual.text}无从比较")


def _grade_relation(target: Value, actual: Value, table: IndicatorTable, rules: Rules) -> Grade:
    reference = _reference_indicator(target.reference or "", table, rules)
    ref_value = reference.actual if reference else None
    if reference is None or ref_value is None or ref_value.number is None:
        return _ungradable(rules, f"找不到“{target.reference}”的完成值")
    if actual.number is None:
        return _ungradable(rules, f"完成值无法比较：{actual.text}")
    a, r = actual.number, ref_value.number
    compared = f"实际{actual.text}，{reference.name}{ref_value.text}"
    met = {
        "faster": a > r,
        "not_slower": a >= r,
        "same": a >= r - rules.same_pace_tolerance,
        "slower": a < r,
        "not_faster": a <= r,
    }.get(target.relation or "", False)
    if met:
        return _made(rules.relation_met, compared, rules)
    if target.relation in ("faster", "not_slower", "same") and r > 0:
        ratio = a / r
        key: GradeKey = "good" if ratio >= rules.good_ratio else "difficult"
        return Grade(key, rules.label(key), f"{compared}，比值{ratio * 100:.1f}%", ratio)
    return _made("difficult", compared, rules)


def _reference_indicator(reference: str, table: IndicatorTable, rules: Rules) -> Indicator | None:
    name = rules.references.get(reference, reference)
    return table.find(name) or table.find(reference)


def tally_grades(graded: list[GradedIndicator], rules: Rules) -> dict[str, int]:
    counts = {rules.label(key): 0 for key in GRADE_ORDER}
    for item in graded:
        counts[item.grade.label] += 1
    ungradable = rules.label("ungradable")
    if counts[ungradable] == 0:
        del counts[ungradable]
    return counts


_PHRASES: dict[GradeKey, str] = {
    "exceeded": "超额完成目标任务",
    "completed": "完成目标任务",
    "good": "较好（{pct}%以上）完成目标任务",
    "difficult": "完成目标任务困难较大",
    "ungradable": "暂无法评价",
}


def summarize(
    report: PlanReport, graded: list[GradedIndicator], rules: Rules, opener: str | None = None
) -> str:
    """The report's own sentence: ``对照…批准的31项计划目标，…``."""
    if not graded:
        return ""
    who = report.approving_session or "年初"
    opener = opener or f"对照{who}批准的{len(graded)}项计划目标"
    gradable = [g for g in graded if g.grade.key != "ungradable"]
    well = sum(1 for g in gradable if g.grade.key != "difficult")
    overall = _overall(well / len(gradable) if gradable else 0.0, rules)
    parts = []
    for key in GRADE_ORDER:
        members = [g for g in graded if g.grade.key == key]
        if not members:
            continue
        named = _pick(members, rules.summary_pick[key]).indicator.name
        phrase = _PHRASES[key].format(pct=_fmt(rules.good_ratio * 100))
        count = f"等{len(members)}项" if len(members) > 1 else "1项"
        parts.append(f"{named}{count}指标{phrase}")
    return f"{opener}，总体完成情况{overall}。其中，{'，'.join(parts)}。"


def _overall(share: float, rules: Rules) -> str:
    for threshold, word in sorted(rules.overall, reverse=True):
        if share >= threshold:
            return word
    return rules.overall[-1][1] if rules.overall else ""


def _pick(members: list[GradedIndicator], how: str) -> GradedIndicator:
    rated = [m for m in members if m.grade.ratio is not None]
    if how == "lowest" and rated:
        return min(rated, key=lambda m: m.grade.ratio or 0.0)
    if how == "highest" and rated:
        return max(rated, key=lambda m: m.grade.ratio or 0.0)
    return members[0]


def analysis_dict(report: PlanReport, evaluation: Evaluation) -> dict[str, Any]:
    """The ``jihua analyze --json`` object: report, graded execution table, plan table."""
    execution = [_graded_dict(item) for item in evaluation.graded]
    plan = report.plan
    return {
        "source": report.document.source,
        "region": report.region,
        "parent_region": report.parent_region,
        "report_year": report.report_year,
        "plan_year": report.plan_year,
        "approving_session": report.approving_session,
        "execution": execution,
        "tally": evaluation.tally,
        "summary": evaluation.summary,
        **({"graded_from": "prose"} if evaluation.source == "prose" else {}),
        "plan": [row.to_dict() for row in plan.indicators] if plan else [],
    }


def _graded_dict(item: GradedIndicator) -> dict[str, Any]:
    data = item.indicator.to_dict()
    data["grade"] = item.grade.label
    data["reason"] = item.grade.reason
    if item.grade.ratio is not None:
        data["ratio"] = round(item.grade.ratio, 4)
    data["subrows"] = [_graded_dict(sub) for sub in item.subrows]
    if item.quotes is not None:
        data["source"] = "prose"
        data["quotes"] = item.quotes
    return data
