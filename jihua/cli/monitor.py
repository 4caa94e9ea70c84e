"""The ``monitor`` command: a region's plan at a period (调度), in the terminal or as JSON.

``jihua report --monitor --period …`` writes the same as a 经济运行调度通报
(:func:`write_monitor_report`, :mod:`jihua.report.monitor`).
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from jihua.errors import UserError, os_error_text
from jihua.evaluate import load_rules
from jihua.monitor import (
    Monitoring,
    default_monitor_rules_text,
    load_monitor_rules,
    monitor,
    monitor_dict,
)
from jihua.monitor.tasks import reporting_note
from jihua.store import Store

STYLES = {"green": "green", "yellow": "yellow", "red": "bold red"}


@click.command("monitor")
@click.option("--region", help="地区，如“涪陵区”。")
@click.option("--year", type=int, help="计划年份。")
@click.option("--period", help="截至的月份：2024-06 即 1-6月（也可写 2024-01..06、2024Q2）。")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象。")
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path), help="调度规则文件（TOML）。"
)
@click.option(
    "--grading-rules",
    type=click.Path(path_type=Path),
    help="评价规则文件（TOML），用于预计全年评价。",
)
@click.option(
    "--default-rules", is_flag=True, help="打印默认调度规则（复制后修改，用 --rules 指定）。"
)
@click.option("--db", "db", metavar="URL", help="数据库地址（默认取 JIHUA_DATABASE_URL）。")
def monitor_command(
    region: str | None,
    year: int | None,
    period: str | None,
    as_json: bool,
    rules_file: Path | None,
    grading_rules: Path | None,
    default_rules: bool,
    db: str | None,
) -> None:
    """经济运行调度：指标序时进度与红黄绿灯、项目进度、任务进展报送情况。"""
    if default_rules:
        click.echo(default_monitor_rules_text(), nl=False)
        return
    result = monitored(region, year, period, db, rules_file, grading_rules)
    if as_json:
        click.echo(json.dumps(monitor_dict(result), ensure_ascii=False, indent=2))
    else:
        print_monitoring(result, Console())


def monitored(
    region: str | None,
    year: int | None,
    period: str | None,
    db: str | None,
    rules_file: Path | None = None,
    grading_rules: Path | None = None,
) -> Monitoring:
    if not region or year is None or not period:
        raise UserError("请给出 --region、--year 和 --period（如 --period 2024-06）")
    rules, grading = load_monitor_rules(rules_file), load_rules(grading_rules)
    with Store(db) as store:
        return monitor(store.engine, region, year, period, rules, grading)


def print_monitoring(result: Monitoring, console: Console) -> None:
    title = f"{result.region} {result.year}年{result.period.words}经济运行调度（序时进度{result.time_progress:g}%）"
    table = Table(title=title, header_style="bold")
    for column in ("指标", "目标", "状态", "理由", "预计全年"):
        table.add_column(column, overflow="fold")
    for item in result.indicators:
        colour = result.rules.labels[item.status] if item.status else "—"
        style = STYLES.get(item.status or "", "dim")
        projection = item.projection
        ahead = ""
        if projection is not None:
            ahead = f"{projection.value:g}" + (f" {projection.grade}" if projection.grade else "")
        unit = f"（{item.indicator.unit}）" if item.indicator.unit else ""
        table.add_row(
            item.indicator.name + unit,
            item.indicator.target.text,
            f"[{style}]{colour}[/{style}]",
            item.reason,
            ahead,
        )
    console.print(table)
    for note in result.notes:
        console.print(f"[bold]注：{note}[/bold]")
    counts = result.by_colour()
    labels = result.rules.labels
    console.print("　".join(f"{labels[c]} {n}" for c, n in counts.items()))
    _print_projects(result, console)
    tasks = result.tasks
    console.print(f"任务进展：已报送 {tasks.reported}/{len(tasks.tasks)}　{reporting_note(tasks)}")


def _print_projects(result: Monitoring, console: Console) -> None:
    projects = result.projects
    if not projects.count:
        return
    if not projects.amounts_known:
        console.print(f"项目 {projects.count} 个：尚未录入年度计划投资和完成投资（可导入项目清单）")
        return
    rate = f"，完成率{projects.rate:.1f}%" if projects.rate is not None else ""
    console.print(
        f"项目 {projects.count} 个：年度计划投资{projects.planned:g}亿元，"
        f"完成{projects.completed:g}亿元{rate}"
    )
    for pace in projects.unstarted:
        console.print(f"[yellow]未按期开工[/yellow] {pace.project.name}：{pace.reason}")
    for pace in projects.lagging:
        console.print(f"[yellow]进度滞后[/yellow] {pace.project.name}：{pace.reason}")
    for note in projects.totals:
        console.print(note)


def write_monitor_report(
    fmt: str,
    out: Path | None,
    region: str | None,
    year: int | None,
    period: str | None,
    db: str | None,
    grading_rules: Path | None = None,
) -> Path:
    """``jihua report --monitor``: the 经济运行调度通报 as DOCX or XLSX."""
    from jihua.report.monitor import render_monitor

    if fmt not in ("docx", "xlsx"):
        raise UserError("调度通报只能生成 docx 或 xlsx 格式")
    result = monitored(region, year, period, db, None, grading_rules)
    target = out or Path(f"{result.region}{result.year}年{result.period.words}调度通报.{fmt}")
    try:
        target.write_bytes(render_monitor(fmt, result))
    except OSError as exc:
        raise UserError(f"无法写入 {target}：{os_error_text(exc)}") from exc
    return target
