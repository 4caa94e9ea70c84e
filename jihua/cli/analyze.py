"""``jihua analyze`` and ``jihua rules``: grade a report in the terminal or as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jihua.cli.printing import readable_json
from jihua.document import read_document
from jihua.errors import UserError
from jihua.evaluate import Evaluation, analysis_dict, default_rules_text, evaluate, load_rules
from jihua.example import example_document
from jihua.limits import reading
from jihua.plan import PlanReport, read_plan, require_plan_report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from jihua.extract.pairs import Pair

GRADE_STYLES = {
    "超额完成": "bold green",
    "完成": "green",
    "较好完成": "yellow",
    "完成困难较大": "bold red",
    "无法评价": "dim",
}


@click.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象。")
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path), help="评价规则文件（TOML）。"
)
def analyze(file: Path | None, as_json: bool, rules_file: Path | None) -> None:
    """评价计划执行情况表；没有指标表时评价正文所列的目标与实绩（不给 FILE 时用内置的涪陵区示例）。"""
    with reading(file.name if file else ""):
        document = read_document(file) if file else example_document()
        for warning in document.warnings:
            click.echo(f"警告：{warning}", err=True)
        report = require_plan_report(read_plan(document))
        pairs = [] if report.execution is not None else _required_pairs(report)
        evaluation = evaluate(report, load_rules(rules_file), pairs)
    if as_json:
        click.echo(readable_json(analysis_dict(report, evaluation)))
    else:
        from rich.console import Console

        print_analysis(report, evaluation, Console())


def _required_pairs(report: PlanReport) -> list[Pair]:
    """The prose's target–actual pairs of a report without an execution table, or a clear error."""
    from jihua.extract import extract
    from jihua.extract.pairs import read_pairs

    document = report.document
    pairs = read_pairs(document.text, extract(document)["facts"], report.report_year)
    if pairs:
        return pairs
    missing = "计划执行情况表" if report.tables else "指标表"
    raise UserError(f"{document.source} 中没有找到{missing}，正文中也没有可评价的目标与实绩")


@click.command()
def rules() -> None:
    """打印默认评价规则（复制后修改，用 --rules 指定）。"""
    click.echo(default_rules_text(), nl=False)


def print_analysis(report: PlanReport, evaluation: Evaluation, console: Console) -> None:
    from rich.table import Table

    prose = evaluation.source == "prose"
    title = f"{report.region or ''} {report.report_year or ''}年计划执行情况评价"
    table = Table(
        title=title + ("（据正文）" if prose else ""), show_lines=False, header_style="bold"
    )
    for column in ("序号", "指标", "目标", "完成", "评价", "理由", *(("原文",) if prose else ())):
        table.add_column(column, overflow="fold")
    for item in evaluation.graded:
        quoted = ["；".join(q["quote"] for q in item.quotes or [])] if prose else []
        _add_row(
            table,
            item.indicator.no or "",
            item.indicator,
            item.grade.label,
            item.grade.reason,
            *quoted,
        )
        for sub in item.subrows:
            _add_row(table, "", sub.indicator, sub.grade.label, sub.grade.reason)
    console.print(table)
    if prose:
        console.print("报告没有指标表，以上目标与完成值读自正文（原文及位置见 --json 的 quotes）。")
    else:
        console.print("约束性指标以 * 标注。")
    tally = "　".join(f"{label} {count}" for label, count in evaluation.tally.items())
    console.print(f"[bold]合计[/bold]　{tally}")
    console.print(evaluation.summary, soft_wrap=True)


def _add_row(table: Table, no: str, indicator: Any, label: str, reason: str, *more: str) -> None:
    name = indicator.label + (f"（{indicator.unit}）" if indicator.unit else "")
    if indicator.binding:
        name += " *"
    actual = indicator.actual.text if indicator.actual else ""
    style = GRADE_STYLES.get(label, "")
    shown = f"[{style}]{label}[/{style}]" if style else label
    table.add_row(no, name, indicator.target.text, actual, shown, reason, *more)
