"""Audit: do the report's numbers add up, and do its prose and tables agree?

Each check returns :class:`Finding` values; nothing is raised for what a
report gets wrong. The checks:

==================  =====================================================  ========
check               what is compared                                       severity
==================  =====================================================  ========
评价一致性           the report's tally sentence (``…等11项指标超额完成…``)     疑点
                    against jihua's grades; the indicator it names
                    against the grade jihua gives it
目标个数             ``31项计划目标`` against the rows of the execution table  错误
总数与分项           each project breakdown (stage, area, source): count     错误/疑点
                    and investments of the parts against the group total
文表一致             a prose figure and a table actual on the same           疑点/提示
                    indicator and year with a different value or scope
批准目标             a year's targets as last year's plan approved them      疑点
                    against the same targets in this year's execution
                    table (two stored reports of a region)
正文总数             parts the prose states (三次产业, ``其中``) against      错误/疑点
                    their total (:mod:`jihua.extract.relations`)
正文比率             a stated completion rate or share against its two       错误
                    figures (512 ÷ 560 = 91.4%)
正文差值             ``高于/低于预期目标…个百分点`` against the actual and     错误
                    the target the prose states
文表一致             a prose target (stated, or implied by a difference)     疑点
                    against the execution table's target
==================  =====================================================  ========

:func:`audit_report` also counts what was compared (``checked``), so that
"nothing found" can be told from "nothing checked".

Rounding, for 总数与分项: counts are exact, any difference is 错误. Amounts
are rounded as printed; ``unit`` is one unit of the coarsest last digit among
the parts and the total (``156.5`` → 0.1, ``14`` → 1). A difference up to
``n_parts × unit / 2`` can come from rounding each part and is 疑点; a larger
one cannot, and is 错误. The prose's parts and totals follow the same rule;
parts after ``其中`` that need not be all of the total are only checked not
to exceed it. A stated rate or difference is compared with the one computed
from its two figures, each taken as anywhere within half a unit of its last
printed digit (a target is exact as set): a stated figure no such values can
give is 错误; one they can give is silent, since reports compute rates from
unrounded figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jihua.evaluate import Evaluation, GradedIndicator, GradeKey, evaluate
from jihua.extract.pairs import Pair, pairs_from
from jihua.extract.relations import Difference, Figure, Rate, Total, quotes_of, read_relations
from jihua.plan import PlanReport
from jihua.tables import Indicator, IndicatorTable, plain

ERROR, SUSPECT, NOTE = "错误", "疑点", "提示"
SEVERITIES = (ERROR, SUSPECT, NOTE)

BREAKDOWN_NAMES = {"stage": "建设阶段", "area": "领域", "source": "投资来源"}
AMOUNTS = {"total_investment": "总投资", "annual_investment": "年度计划投资"}


@dataclass
class Finding:
    check: str
    severity: str
    message: str
    numbers: dict[str, Any] = field(default_factory=dict)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "numbers": self.numbers,
            "quotes": self.quotes,
        }


@dataclass(frozen=True)
class StatedTarget:
    """A year's target as one report states it; ``key`` is the name after synonyms."""

    key: str
    name: str
    text: str
    source: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class TwoReports:
    """The targets of ``year`` as last year's plan approved them and as this year's table restates them."""

    year: int
    approved: list[StatedTarget]
    restated: list[StatedTarget]


@dataclass
class Audit:
    """The findings on a report, and how many relations of each kind were compared."""

    checked: dict[str, int]
    findings: list[Finding]

    @property
    def relations(self) -> int:
        return sum(self.checked.values())


def audit(
    report: PlanReport,
    extraction: dict[str, Any] | None = None,
    evaluation: Evaluation | None = None,
    two_reports: TwoReports | None = None,
) -> list[Finding]:
    """All findings on a report, most severe first."""
    return audit_report(report, extraction, evaluation, two_reports).findings


def audit_report(
    report: PlanReport,
    extraction: dict[str, Any] | None = None,
    evaluation: Evaluation | None = None,
    two_reports: TwoReports | None = None,
) -> Audit:
    """Every check on a report: its findings, most severe first, and what was compared."""
    evaluation = evaluation or evaluate(report)
    extraction = extraction or {}
    projects = extraction.get("projects") or []
    facts = extraction.get("facts") or []
    text = report.document.text
    relations = read_relations(text, facts, report.report_year)
    pairs = pairs_from(text, relations)
    prose_findings, prose_compared = compare_prose_with_table(report, facts)
    findings = [
        *check_grading(report, evaluation),
        *check_project_totals(projects),
        *prose_findings,
        *check_pairs_against_table(report, pairs),
        *check_prose_totals(relations.totals),
        *check_prose_rates(relations.rates),
        *check_prose_differences(relations.differences),
        *(check_approved_targets(two_reports) if two_reports else []),
    ]
    checked = {
        "tally": _tally_checks(report, evaluation),
        "projects": _project_checks(projects),
        "totals": len(relations.totals),
        "rates": len(relations.rates),
        "differences": sum(1 for d in relations.differences if d.reference is not None),
        "prose_vs_table": prose_compared + len(_pairs_with_rows(report, pairs)),
        "approved_targets": _approved_checks(two_reports) if two_reports else 0,
    }
    ordered = sorted(findings, key=lambda f: SEVERITIES.index(f.severity))
    return Audit(checked, ordered)


def findings_dict(
    findings: Iterable[Finding], checked: dict[str, int] | None = None
) -> dict[str, Any]:
    """``{"findings": […]}``, with ``"checked"`` first when the counts are given."""
    listed = {"findings": [finding.to_dict() for finding in findings]}
    return listed if checked is None else {"checked": checked, **listed}


# --- 评价一致性 ---------------------------------------------------------------

_TALLY_PHRASES: dict[GradeKey, str] = {
    "exceeded": r"超额完成目标任务",
    "completed": r"完成目标任务(?!困难)",
    "good": r"较好[（(]\d+%以上[）)]完成目标任务",
    "difficult": r"完成目标任务困难较大",
}
_TALLY_PART = re.compile(
    r"(?P<name>[^，。；、]+?)(?:等(?P<n>\d+)|(?P<one>1))项指标(?P<phrase>"
    + "|".join(f"(?P<{key}>{pattern})" for key, pattern in _TALLY_PHRASES.items())
    + ")"
)
_TOTAL_TARGETS = re.compile(r"批准的(?P<n>\d+)项(?:计划)?(?:目标|指标)")


def check_grading(report: PlanReport, evaluation: Evaluation) -> list[Finding]:
    """The report's own tally sentence against jihua's grades (of a table, not of prose pairs)."""
    text = report.document.text
    sentence = _tally_sentence(text)
    if sentence is None or not evaluation.graded or evaluation.source != "table":
        return []
    start, end = sentence
    findings = _check_target_count(text, start, end, evaluation)
    for part in _TALLY_PART.finditer(text, start, end):
        key = next(k for k in _TALLY_PHRASES if part[k])
        findings.extend(_check_tally_part(part, key, evaluation))
    return findings


def _tally_checks(report: PlanReport, evaluation: Evaluation) -> int:
    """How many statements of the tally sentence ``check_grading`` compares."""
    text = report.document.text
    sentence = _tally_sentence(text)
    if sentence is None or not evaluation.graded or evaluation.source != "table":
        return 0
    start, end = sentence
    stated_count = 1 if _TOTAL_TARGETS.search(text, start, end) else 0
    return stated_count + sum(1 for _ in _TALLY_PART.finditer(text, start, end))


def _tally_sentence(text: str) -> tuple[int, int] | None:
    for m in _TOTAL_TARGETS.finditer(text):
        end = text.find("。", text.find("。", m.end()) + 1)
        return m.start(), end + 1 if end != -1 else len(text)
    return None


def _check_target_count(text: str, start: int, end: int, evaluation: Evaluation) -> list[Finding]:
    m = _TOTAL_TARGETS.search(text, start, end)
    if m is None or int(m["n"]) == len(evaluation.graded):
        return []
    stated, rows = int(m["n"]), len(evaluation.graded)
    return [
        Finding(
            "目标个数",
            ERROR,
            f"报告称{stated}项计划目标，执行情况表有{rows}项指标，相差{abs(stated - rows)}项",
            {"stated": stated, "table_rows": rows},
            [_quote(text, m.start(), m.end())],
        )
    ]


def _check_tally_part(part: re.Match[str], key: GradeKey, evaluation: Evaluation) -> list[Finding]:
    text = part.string
    stated = int(part["n"] or part["one"])
    members = [g for g in evaluation.graded if g.grade.key == key]
    label = evaluation.rules.label(key)
    quote = [_quote(text, part.start(), part.end())]
    findings = []
    if stated != len(members):
        findings.append(
            Finding(
                "评价一致性",
                SUSPECT,
                f"报告称{stated}项指标{label}，按评价规则为{len(members)}项",
                {"grade": label, "stated": stated, "graded": len(members)},
                quote,
            )
        )
    named = _graded_by_name(evaluation.graded, part["name"])
    if named is not None and named.grade.key != key:
        findings.append(
            Finding(
                "评价一致性",
                SUSPECT,
                f"报告把{named.indicator.name}列为{label}，按评价规则为{named.grade.label}"
                f"（{named.grade.reason}）",
                {"indicator": named.indicator.name, "stated": label, "graded": named.grade.label},
                quote,
            )
        )
    return findings


def _graded_by_name(graded: list[GradedIndicator], name: str) -> GradedIndicator | None:
    wanted = plain(re.sub(r"^(其中|地区|全区)?[，,]?", "", name))
    for item in graded:
        if plain(item.indicator.name) in (wanted, plain(name)):
            return item
    return None


# --- 总数与分项 ---------------------------------------------------------------


def check_project_totals(projects: list[dict[str, Any]]) -> list[Finding]:
    """Each breakdown of each project group against the group's stated totals."""
    findings: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    for group in projects:
        for kind, parts in (group.get("breakdowns") or {}).items():
            for finding in _check_breakdown(group, kind, parts):
                key = (finding.message, finding.numbers.get("field"))
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
    return findings


def _project_checks(projects: list[dict[str, Any]]) -> int:
    """How many counts and amounts of project breakdowns have both parts and a total to compare."""
    checked = 0
    for group in projects:
        for parts in (group.get("breakdowns") or {}).values():
            if len(parts) < 2:
                continue
            for field_name in ("count", *AMOUNTS):
                values = [part.get(field_name) for part in parts]
                if group.get(field_name) is not None and all(v is not None for v in values):
                    checked += 1
    return checked


def _check_breakdown(
    group: dict[str, Any], kind: str, parts: list[dict[str, Any]]
) -> list[Finding]:
    if len(parts) < 2:
        return []
    findings = []
    count = _check_count(group, kind, parts)
    if count:
        findings.append(count)
    for field_name in AMOUNTS:
        amount = _check_amount(group, kind, parts, field_name)
        if amount:
            findings.append(amount)
    return findings


def _check_count(group: dict[str, Any], kind: str, parts: list[dict[str, Any]]) -> Finding | None:
    counts = [part.get("count") for part in parts]
    total = group.get("count")
    if total is None or any(c is None for c in counts):
        return None
    added = sum(int(c) for c in counts if c is not None)
    if added == int(total):
        return None
    return Finding(
        "总数与分项",
        ERROR,
        f"{group['label']}按{_breakdown_name(kind)}分的{len(parts)}项个数合计{added}个，"
        f"与总数{total}个相差{abs(added - int(total))}个",
        {
            "group": group["label"],
            "breakdown": kind,
            "field": "count",
            "parts": counts,
            "sum": added,
            "total": total,
            "difference": added - int(total),
        },
        _group_quotes(group, parts),
    )


def _check_amount(
    group: dict[str, Any], kind: str, parts: list[dict[str, Any]], field_name: str
) -> Finding | None:
    values = [part.get(field_name) for part in parts]
    total = group.get(field_name)
    if total is None or any(v is None for v in values):
        return None
    decimals = [_decimal(v) for v in values if v is not None]
    added, stated = sum(decimals, Decimal(0)), _decimal(total)
    difference = added - stated
    if difference == 0:
        return None
    severity = SUSPECT if abs(difference) <= rounding_tolerance(decimals, stated) else ERROR
    unit = group.get("unit") or ""
    shown = "+".join(_show(d) for d in decimals) if len(decimals) <= 4 else f"{len(decimals)}项"
    return Finding(
        "总数与分项",
        severity,
        f"{group['label']}按{_breakdown_name(kind)}分的{AMOUNTS[field_name]}{shown}"
        f"合计{_show(added)}{unit}，与总数{_show(stated)}{unit}相差{_show(abs(difference))}{unit}",
        {
            "group": group["label"],
            "breakdown": kind,
            "field": field_name,
            "parts": [float(d) for d in decimals],
            "sum": float(added),
            "total": float(stated),
            "difference": float(difference),
            "unit": unit,
        },
        _group_quotes(group, parts),
    )


def rounding_tolerance(parts: list[Decimal], total: Decimal) -> Decimal:
    """How far the printed parts may add up from the printed total by rounding alone."""
    places = min(_places(d) for d in (*parts, total))
    unit = Decimal(1).scaleb(-places)
    return len(parts) * unit / 2


def half_unit(number: Decimal) -> Decimal:
    """How far a printed figure may be from the value it was rounded from."""
    return rounding_tolerance([number], number)


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value)).normalize() if isinstance(value, float) else Decimal(value)


def _show(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _breakdown_name(kind: str) -> str:
    return BREAKDOWN_NAMES.get(kind, kind)


def _group_quotes(group: dict[str, Any], parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    quotes = []
    for item in (group, *parts):
        if item.get("quote"):
            quote = {"quote": item["quote"], "start": item.get("start"), "end": item.get("end")}
            if quote not in quotes:
                quotes.append(quote)
    return quotes


# --- 文表一致 ---------------------------------------------------------------

#: Who an indicator counts: 城镇居民 and 全体居民 income are different figures.
SCOPES = ("全体居民", "城乡居民", "城镇常住居民", "农村常住居民", "城镇居民", "农村居民")
_GROWTH_SUFFIX = re.compile(r"(增速|增长|增长率|增幅)$")
_NAME_NOISE = re.compile(r"[（(][^）)]*[）)]|数量$|^其中[:：]?|^[#＃]")


def check_prose_against_table(report: PlanReport, facts: list[dict[str, Any]]) -> list[Finding]:
    """Prose actuals against the execution table's actuals for the same year.

    When the prose gives one indicator several figures and one of them agrees
    with the table, the others are taken for different quantities (``新发展市场主体
    1.5万户、总量达10.5万户``) and stay silent.
    """
    return compare_prose_with_table(report, facts)[0]


def compare_prose_with_table(
    report: PlanReport, facts: list[dict[str, Any]]
) -> tuple[list[Finding], int]:
    """The findings of :func:`check_prose_against_table`, and how many facts met a row."""
    table = report.execution
    if table is None:
        return [], 0
    actuals = [fact for fact in facts if _same_year_actual(fact, table)]
    rows = [_same_row(fact, table) for fact in actuals]
    agreed = {
        plain(str(fact["indicator"]))
        for fact, row in zip(actuals, rows, strict=True)
        if row is not None and _agrees(fact, row)
    }
    findings = []
    compared = 0
    for fact, row in zip(actuals, rows, strict=True):
        compared += row is not None
        if plain(str(fact["indicator"])) in agreed:
            continue
        finding = _compare_fact(fact, row, table, report.document.text)
        if finding is not None:
            findings.append(finding)
            compared += row is None  # a scope compared
    return findings, compared


def _same_year_actual(fact: dict[str, Any], table: IndicatorTable) -> bool:
    if fact.get("status") != "actual" or fact.get("value") is None or fact.get("rank"):
        return False  # a rank (居全市区县第三) is never the row's value
    return table.year is None or fact.get("year") in (None, table.year)


def _same_row(fact: dict[str, Any], table: IndicatorTable) -> Indicator | None:
    wanted = split_scope(_core_name(str(fact["indicator"])))
    for row in table.all_rows():
        if _comparable(fact, row) and split_scope(_core_name(row.name)) == wanted:
            return row
    return None


def _compare_fact(
    fact: dict[str, Any], same: Indicator | None, table: IndicatorTable, text: str
) -> Finding | None:
    if same is not None:
        return _value_difference(fact, same, text)
    core, scope = split_scope(_core_name(str(fact["indicator"])))
    if scope is None:
        return None
    rows = [row for row in table.all_rows() if _comparable(fact, row)]
    other = [row for row in rows if split_scope(_core_name(row.name))[0] == core]
    has_own_scope = any(split_scope(_core_name(r.name))[1] == scope for r in table.all_rows())
    matching = [row for row in other if _agrees(fact, row)]
    if has_own_scope or not matching:
        return None
    return _scope_difference(fact, scope, matching[0], text)


def _comparable(fact: dict[str, Any], row: Indicator) -> bool:
    if row.actual is None or row.actual.number is None:
        return False
    growth_row = bool(_GROWTH_SUFFIX.search(row.name)) or "下降" in row.name
    return (fact.get("kind") == "growth") == growth_row


def _core_name(name: str) -> str:
    core = _NAME_NOISE.sub("", plain(name))
    core = _NAME_NOISE.sub("", core)
    return _GROWTH_SUFFIX.sub("", core)


def split_scope(name: str) -> tuple[str, str | None]:
    """``城镇居民人均可支配收入`` → (``人均可支配收入``, ``城镇居民``)."""
    for scope in SCOPES:
        if name.startswith(scope):
            return name[len(scope) :], scope
    return name, None


def _agrees(fact: dict[str, Any], row: Indicator) -> bool:
    """Whether the table's actual allows the prose figure (``20以上`` allows 20.6)."""
    assert row.actual is not None and row.actual.number is not None
    value, number = float(fact["value"]), row.actual.number
    if row.actual.comparator in ("≥", ">"):
        return value >= number
    if row.actual.comparator in ("≤", "<"):
        return value <= number
    return abs(value - number) < 1e-9


def _value_difference(fact: dict[str, Any], row: Indicator, text: str) -> Finding | None:
    if _agrees(fact, row):
        return None
    assert row.actual is not None
    said = _fact_text(fact)
    return Finding(
        "文表一致",
        SUSPECT,
        f"正文称{fact['indicator']}{said}，执行情况表为{row.actual.text}",
        {"indicator": row.name, "prose": fact["value"], "table": row.actual.number},
        [_fact_quote(fact), _quote(text, row.start, row.end)],
    )


def _scope_difference(fact: dict[str, Any], scope: str, row: Indicator, text: str) -> Finding:
    assert row.actual is not None
    table_scope = split_scope(_core_name(row.name))[1] or "表中口径"
    return Finding(
        "文表一致",
        SUSPECT,
        f"正文称{fact['indicator']}{_fact_text(fact)}，执行情况表中{row.actual.text}"
        f"是{row.name}（{table_scope}，非{scope}），口径不一致",
        {
            "indicator": row.name,
            "prose_indicator": fact["indicator"],
            "prose": fact["value"],
            "table": row.actual.number,
            "prose_scope": scope,
            "table_scope": table_scope,
        },
        [_fact_quote(fact), _quote(text, row.start, row.end)],
    )


def _fact_text(fact: dict[str, Any]) -> str:
    verb = "增长" if fact.get("kind") == "growth" else ""
    unit = fact.get("unit") or ""
    qualifier = fact.get("qualifier") or ""
    qualifier = qualifier if qualifier in ("左右", "以上", "以内") else ""
    return f"{verb}{float(fact['value']):g}{unit}{qualifier}"


def _fact_quote(fact: dict[str, Any]) -> dict[str, Any]:
    return {"quote": fact.get("quote"), "start": fact.get("start"), "end": fact.get("end")}


def _quote(text: str, start: int, end: int) -> dict[str, Any]:
    return {"quote": text[start:end], "start": start, "end": end}


# --- 批准目标 ---------------------------------------------------------------


def check_approved_targets(reports: TwoReports) -> list[Finding]:
    """Each target of this year's execution table against the one last year's plan approved.

    Targets are paired by ``key`` (the name after the synonym table); a
    target only one of the two reports states is not compared. Texts are
    compared as written, spaces aside: ``10左右`` and ``10`` are different targets.
    """
    approved = {target.key: target for target in reports.approved}
    findings = []
    for restated in reports.restated:
        before = approved.get(restated.key)
        if before is not None and plain(before.text) != plain(restated.text):
            findings.append(_restated_difference(reports.year, before, restated))
    return findings


def _restated_difference(year: int, approved: StatedTarget, restated: StatedTarget) -> Finding:
    return Finding(
        "批准目标",
        SUSPECT,
        f"{restated.name}：{year}年计划批准目标为{approved.text}，本年执行情况表写作{restated.text}",
        {
            "indicator": restated.name,
            "approved_indicator": approved.name,
            "year": year,
            "approved": approved.text,
            "restated": restated.text,
        },
        [_stated_quote(t) for t in (approved, restated) if t.quote is not None],
    )


def _stated_quote(target: StatedTarget) -> dict[str, Any]:
    return {
        "quote": target.quote,
        "start": target.start,
        "end": target.end,
        "source": target.source,
    }


def _approved_checks(reports: TwoReports) -> int:
    approved = {target.key for target in reports.approved}
    return sum(1 for restated in reports.restated if restated.key in approved)


# --- 文表一致: prose targets ---------------------------------------------------


def check_pairs_against_table(report: PlanReport, pairs: list[Pair]) -> list[Finding]:
    """Each target the prose states (or implies by a difference) against the table's target."""
    findings = []
    for pair, row in _pairs_with_rows(report, pairs):
        finding = _target_difference(pair, row, report.document.text)
        if finding is not None:
            findings.append(finding)
    return findings


def _pairs_with_rows(report: PlanReport, pairs: list[Pair]) -> list[tuple[Pair, Indicator]]:
    table = report.execution
    if table is None:
        return []
    matched = []
    for pair in pairs:
        if pair.target.number is None or pair.kind not in ("level", "growth", "share"):
            continue
        row = _same_row({"indicator": pair.key, "kind": pair.kind}, table)
        if row is not None and row.target.number is not None:
            matched.append((pair, row))
    return matched


def _target_difference(pair: Pair, row: Indicator, text: str) -> Finding | None:
    assert pair.target.number is not None and row.target.number is not None
    stated, table = Decimal(str(pair.target.number)), Decimal(str(row.target.number))
    tolerance = Decimal(0)
    if pair.how == "difference":  # implied from a rounded actual and a rounded difference
        tolerance = half_unit(Decimal(str(pair.actual.number))) * 2
    if abs(stated - table) <= tolerance:
        return None
    how = "（由完成值与差值推得）" if pair.how == "difference" else ""
    return Finding(
        "文表一致",
        SUSPECT,
        f"正文中{pair.name}的目标为{pair.target.text}{how}，执行情况表为{row.target.text}",
        {"indicator": row.name, "prose_target": pair.target.number, "table_target": float(table)},
        [*pair.quotes, _quote(text, row.start, row.end)],
    )


# --- 正文总数 --------------------------------------------------------------------


def check_prose_totals(totals: list[Total]) -> list[Finding]:
    """Parts the prose states against their total, rounded as printed."""
    return [f for total in totals if (f := _total_finding(total)) is not None]


def _total_finding(total: Total) -> Finding | None:
    parts = [_decimal(p.value) for p in total.parts]
    added, stated = sum(parts, Decimal(0)), _decimal(total.total.value)
    difference = added - stated
    tolerance = rounding_tolerance(parts, stated)
    if difference == 0 or (not total.exhaustive and difference <= tolerance):
        return None
    severity = SUSPECT if abs(difference) <= tolerance else ERROR
    unit = total.total.unit or ""
    names = "、".join(p.key for p in total.parts)
    shown = "+".join(_show(d) for d in parts)
    relation = "相差" if total.exhaustive else "超出"
    return Finding(
        "正文总数",
        severity,
        f"{names}{shown}合计{_show(added)}{unit}，与{total.total.key}{_show(stated)}{unit}"
        f"{relation}{_show(abs(difference))}{unit}",
        {
            "total_indicator": total.total.key,
            "parts": [float(d) for d in parts],
            "sum": float(added),
            "total": float(stated),
            "difference": float(difference),
            "unit": unit,
            "exhaustive": total.exhaustive,
        },
        quotes_of([total.total, *total.parts]),
    )


def _rounded(figure: Figure) -> Decimal:
    """Half a unit of the last printed digit; nothing for a target, which is set exactly."""
    return Decimal(0) if figure.target else half_unit(_decimal(figure.value))


# --- 正文比率 --------------------------------------------------------------------


def check_prose_rates(rates: list[Rate]) -> list[Finding]:
    """A stated completion rate or share against its two figures."""
    return [f for rate in rates if (f := _rate_finding(rate)) is not None]


def _rate_finding(rate: Rate) -> Finding | None:
    a, t = _decimal(rate.numerator.value), _decimal(rate.denominator.value)
    ha, ht = _rounded(rate.numerator), _rounded(rate.denominator)
    stated = _decimal(rate.stated.value)
    hs = half_unit(stated)
    if t - ht <= 0 or a < 0:
        return None
    low, high = 100 * (a - ha) / (t + ht), 100 * (a + ha) / (t - ht)
    if stated + hs >= low and stated - hs <= high:
        return None
    computed = 100 * a / t
    shown = round(computed, max(_places(stated), 1))
    unit = rate.denominator.unit or ""
    numerator, denominator = rate.numerator.key, rate.denominator.key
    said = (
        f"{numerator}{_show(a)}{unit}、完成年计划{_show(t)}{unit}的{_show(stated)}%"
        if rate.kind == "completion"
        else f"{numerator}{_show(a)}{unit}占{denominator}{_show(t)}{unit}的{_show(stated)}%"
    )
    return Finding(
        "正文比率",
        ERROR,
        f"正文称{said}，按{_show(a)}÷{_show(t)}计为{_show(shown)}%",
        {
            "kind": rate.kind,
            "indicator": rate.numerator.key,
            "stated": float(stated),
            "computed": float(round(computed, 4)),
            "numerator": float(a),
            "denominator": float(t),
            "unit": unit,
        },
        quotes_of([rate.numerator, rate.denominator, rate.stated]),
    )


# --- 正文差值 --------------------------------------------------------------------


def check_prose_differences(differences: list[Difference]) -> list[Finding]:
    """A stated ``高于/低于…个百分点`` against the actual and the target the prose states."""
    return [f for d in differences if (f := _difference_finding(d)) is not None]


def _difference_finding(difference: Difference) -> Finding | None:
    target = difference.reference
    if target is None:
        return None
    actual = difference.actual
    a, t = _decimal(actual.value), _decimal(target.value)
    stated = _decimal(difference.difference)
    allowed = _rounded(actual) + _rounded(target) + half_unit(abs(stated))
    computed = a - t
    if abs(computed - stated) <= allowed:
        return None
    return Finding(
        "正文差值",
        ERROR,
        f"正文称{actual.key}{actual.said}、{difference.text}，"
        f"按目标{target.said}计相差{_show(computed)}{'个百分点' if actual.percent else actual.unit or ''}",
        {
            "indicator": actual.key,
            "actual": float(a),
            "target": float(t),
            "stated": float(stated),
            "computed": float(computed),
        },
        [*quotes_of([target, actual]), difference.quote],
    )
