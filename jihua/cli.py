"""The ``jihua`` command. Each command parses its arguments and calls the library.

Messages are in Chinese, like the reports. A user mistake (``UserError``)
prints one line to stderr and exits 2; there is no traceback.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from jihua.document import Document, read_bytes, read_document
from jihua.errors import UserError
from jihua.evaluate import Evaluation, analysis_dict, default_rules_text, evaluate, load_rules
from jihua.extract.pairs import Pair
from jihua.plan import PlanReport, read_plan, require_plan_report

EXAMPLE = "fuling-2023-plan-report.txt"
GRADE_STYLES = {
    "超额完成": "bold green",
    "完成": "green",
    "较好完成": "yellow",
    "完成困难较大": "bold red",
    "无法评价": "dim",
}


def example_document() -> Document:
    """The bundled example: the 涪陵区 report on 2023 and the plan for 2024."""
    data = resources.files("jihua").joinpath(f"data/{EXAMPLE}").read_bytes()
    return read_bytes(data, EXAMPLE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jihua")
def cli() -> None:
    """jihua：国民经济和社会发展计划的抽取、评价与报告。"""


@cli.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象。")
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path), help="评价规则文件（TOML）。"
)
def analyze(file: Path | None, as_json: bool, rules_file: Path | None) -> None:
    """评价计划执行情况表；没有指标表时评价正文所列的目标与实绩（不给 FILE 时用内置的涪陵区示例）。"""
    document = read_document(file) if file else example_document()
    report = require_plan_report(read_plan(document))
    pairs = [] if report.execution is not None else _required_pairs(report)
    evaluation = evaluate(report, load_rules(rules_file), pairs)
    if as_json:
        click.echo(json.dumps(analysis_dict(report, evaluation), ensure_ascii=False, indent=2))
    else:
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


@cli.command()
def rules() -> None:
    """打印默认评价规则（复制后修改，用 --rules 指定）。"""
    click.echo(default_rules_text(), nl=False)


def print_analysis(report: PlanReport, evaluation: Evaluation, console: Console) -> None:
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


#: Modules that add commands to ``cli`` (each defines ``register(cli)``).
COMMAND_MODULES = (
    "jihua.cli_extract",
    "jihua.cli_monitor",
    "jihua.cli_report",
    "jihua.cli_store",
    "jihua.cli_web",
)


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that area is not built yet
                continue
            raise
        module.register(cli)


_register_commands()


def main() -> None:
    try:
        cli(standalone_mode=False)
    except UserError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
