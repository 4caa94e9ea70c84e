"""What every output format shows, computed once from the data.

:func:`build_content` turns a report, its evaluation, its extraction and its
audit findings into plain rows of text. The DOCX, XLSX and HTML writers only
lay these out: no number is typed into a writer or a template.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from jihua.audit import Finding
from jihua.evaluate import GRADE_ORDER, Evaluation, GradedIndicator
from jihua.plan import PlanReport
from jihua.tables import Indicator, IndicatorTable

UNMATCHED_CATEGORY = "计划表中无对应指标"
BINDING_NOTE = "注：“*”代表约束性指标，其他为预期性指标。"
NO_PROJECTS_NOTE = "未从报告中抽取到项目安排（专栏），本节从略。"
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_CATEGORY_MATCH = 0.6


@dataclass
class ExecutionRow:
    no: str
    name: str
    target: str
    actual: str
    grade: str
    grade_key: str
    subrow: bool
    reason: str = ""


@dataclass
class PlanRow:
    no: str
    name: str
    target: str
    subrow: bool


@dataclass
class PlanGroup:
    category: str
    rows: list[PlanRow]


@dataclass
class ProjectLine:
    label: str
    count: int | None
    annual_investment: float | None


@dataclass
class ProjectGroup:
    label: str
    year: int | None
    count: int | None
    total_investment: float | None
    annual_investment: float | None
    unit: str
    breakdowns: list[tuple[str, list[ProjectLine]]]


@dataclass
class ReportContent:
    title: str
    region: str
    report_year: int | None
    plan_year: int | None
    summary: str
    tally: dict[str, int]
    execution_title: str
    execution_header: list[str]
    execution_rows: list[ExecutionRow]
    execution_note: str
    plan_title: str
    plan_header: list[str]
    plan_groups: list[PlanGroup]
    plan_note: str
    projects: list[ProjectGroup]
    findings: list[Finding]
    grades_by_category: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def grade_labels(self) -> list[str]:
        return list(self.tally)


def build_content(
    report: PlanReport,
    evaluation: Evaluation,
    extraction: dict[str, Any] | None = None,
    findings: list[Finding] | None = None,
) -> ReportContent:
    execution, plan = report.execution, report.plan
    region = report.region or ""
    year = report.report_year
    return ReportContent(
        title=f"{region}{year or ''}年国民经济和社会发展计划执行情况评价报告",
        region=region,
        report_year=year,
        plan_year=report.plan_year,
        summary=evaluation.summary,
        tally=dict(evaluation.tally),
        execution_title=execution.title if execution else "",
        execution_header=[
            "序号",
            "指标名称",
            _column(execution, "target", "预期目标"),
            _column(execution, "actual", "完成情况"),
            "评价",
        ],
        execution_rows=[row for item in evaluation.graded for row in _execution_rows(item)],
        execution_note=_note(execution),
        plan_title=plan.title if plan else "",
        plan_header=["序号", "指标名称", _column(plan, "target", "计划目标")],
        plan_groups=_plan_groups(plan) if plan else [],
        plan_note=_note(plan),
        projects=[_project_group(p) for p in (extraction or {}).get("projects") or []],
        findings=list(findings or []),
        grades_by_category=grades_by_category(evaluation, plan),
    )


def _column(table: IndicatorTable | None, role: str, default: str) -> str:
    if table is None or role not in table.roles:
        return default
    return table.columns[table.roles.index(role)]


def _note(table: IndicatorTable | None) -> str:
    if table is None or not table.note:
        return BINDING_NOTE
    return table.note


def display_name(indicator: Indicator) -> str:
    """The name as the table prints it: label, unit in parentheses, ``*`` if binding."""
    unit = f"（{indicator.unit}）" if indicator.unit else ""
    return f"{indicator.label}{unit}{'*' if indicator.binding else ''}"


def _execution_rows(item: GradedIndicator) -> list[ExecutionRow]:
    rows = [_execution_row(item, subrow=False)]
    rows.extend(_execution_row(sub, subrow=True) for sub in item.subrows)
    return rows


def _execution_row(item: GradedIndicator, subrow: bool) -> ExecutionRow:
    indicator, grade = item.indicator, item.grade
    shown = "" if subrow and grade.key == "ungradable" else grade.label
    return ExecutionRow(
        no=indicator.no or "",
        name=display_name(indicator),
        target=indicator.target.text,
        actual=indicator.actual.text if indicator.actual else "",
        grade=shown,
        grade_key=grade.key if shown else "",
        subrow=subrow,
        reason=grade.reason,
    )


def _plan_groups(table: IndicatorTable) -> list[PlanGroup]:
    groups: list[PlanGroup] = []
    for indicator in table.indicators:
        category = indicator.category or "其他"
        if not groups or groups[-1].category != category:
            existing = next((g for g in groups if g.category == category), None)
            if existing is None:
                groups.append(PlanGroup(category, []))
            else:
                groups.append(groups.pop(groups.index(existing)))
        rows = groups[-1].rows
        rows.append(
            PlanRow(indicator.no or "", display_name(indicator), indicator.target.text, False)
        )
        rows.extend(PlanRow("", display_name(s), s.target.text, True) for s in indicator.subrows)
    return groups


def _project_group(data: dict[str, Any]) -> ProjectGroup:
    breakdowns = [
        (
            kind,
            [
                ProjectLine(str(p.get("label", "")), p.get("count"), p.get("annual_investment"))
                for p in parts
            ],
        )
        for kind, parts in (data.get("breakdowns") or {}).items()
        if parts
    ]
    return ProjectGroup(
        label=str(data.get("label", "")),
        year=data.get("year"),
        count=data.get("count"),
        total_investment=data.get("total_investment"),
        annual_investment=data.get("annual_investment"),
        unit=str(data.get("unit") or "亿元"),
        breakdowns=breakdowns,
    )


def grades_by_category(
    evaluation: Evaluation, plan: IndicatorTable | None
) -> dict[str, dict[str, int]]:
    """Grades counted by the plan table's category of each indicator, matched by name.

    The execution table of many reports has no 类别 column; the plan table has,
    and names most indicators the same way or nearly (``进出口总值`` / ``进出口总额``).
    """
    labels = [evaluation.rules.label(key) for key in GRADE_ORDER]
    counts: dict[str, dict[str, int]] = {}
    for item in evaluation.graded:
        category = item.indicator.category or _plan_category(item.indicator.name, plan)
        row = counts.setdefault(category, dict.fromkeys(labels, 0))
        row[item.grade.label] += 1
    used = {label for row in counts.values() for label, n in row.items() if n}
    order = [r.category for r in plan.indicators if r.category] if plan else []
    ranked = sorted(counts, key=lambda c: order.index(c) if c in order else len(order))
    return {c: {k: v for k, v in counts[c].items() if k in used} for c in ranked}


def _plan_category(name: str, plan: IndicatorTable | None) -> str:
    if plan is None:
        return UNMATCHED_CATEGORY
    candidates = {row.name: row.category for row in plan.indicators if row.category}
    best = difflib.get_close_matches(name, list(candidates), n=1, cutoff=_CATEGORY_MATCH)
    return (candidates[best[0]] or UNMATCHED_CATEGORY) if best else UNMATCHED_CATEGORY


def as_number(text: str) -> float | str:
    """A plain number as a number (``6.5`` → 6.5), anything else as the text (``10左右``)."""
    plain = text.strip()
    if _PLAIN_NUMBER.match(plain):
        return float(plain)
    return text
