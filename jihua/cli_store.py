"""Commands of the store: ``db upgrade``, ``db backup``, ``ingest``, ``actual set``,
``history``, ``export``, ``import``, ``template``, ``compare``.

Each parses its arguments and calls one function of :mod:`jihua.store`. The
database is ``--db URL``, else ``JIHUA_DATABASE_URL``, else ``jihua.sqlite``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from jihua.store import Store, load_synonyms
from jihua.store.database import create_store_engine, database_url, upgrade
from jihua.store.schema import VINTAGES
from jihua.store.vintages import History

F = TypeVar("F", bound=Callable[..., Any])


def db_option(function: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="URL",
        help="数据库地址（默认取 JIHUA_DATABASE_URL，否则为当前目录的 jihua.sqlite）。",
    )(function)


def register(cli: click.Group) -> None:
    for command in (db, ingest, actual, history, export, import_, template, compare):
        cli.add_command(command)


@click.group()
def db() -> None:
    """数据库：升级结构、备份。"""


@db.command("upgrade")
@db_option
def db_upgrade(db: str | None) -> None:
    """把数据库结构升级到最新版本（空库则新建）。"""
    engine = create_store_engine(database_url(db))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    click.echo(f"数据库结构已是最新：{database_url(db)}")


@db.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@db_option
def db_backup(path: Path, db: str | None) -> None:
    """做一份一致的备份（SQLite 文件副本；PostgreSQL 用 pg_dump）。"""
    with Store(db) as store:
        click.echo(f"已备份到 {store.backup(path)}")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@db_option
def ingest(files: tuple[Path, ...], db: str | None) -> None:
    """抽取并入库计划报告（不给 FILE 时用内置的涪陵区示例）。"""
    from jihua.cli import example_document

    with Store(db) as store:
        if not files:
            click.echo(store.ingest_document(example_document()).describe())
        for path in files:
            click.echo(store.ingest(path).describe())


@click.group()
def actual() -> None:
    """完成值：录入统计快报、年报等后续口径。"""


@actual.command("set")
@click.argument("region")
@click.argument("year", type=int)
@click.argument("indicator")
@click.argument("value")
@click.option("--vintage", type=click.Choice(VINTAGES), required=True, help="口径。")
@click.option("--source", required=True, help="来源，如“2024年统计公报”。")
@click.option(
    "--version", "read_version", type=int, help="修改时读到的版本号（防止覆盖他人修改）。"
)
@db_option
def actual_set(
    region: str,
    year: int,
    indicator: str,
    value: str,
    vintage: str,
    source: str,
    read_version: int | None,
    db: str | None,
) -> None:
    """录入 REGION YEAR 年 INDICATOR 的完成值 VALUE，并重新评价。"""
    from jihua.store.vintages import set_actual

    with Store(db) as store:
        result = set_actual(
            store.engine, region, year, indicator, value, vintage, source, read_version=read_version
        )
    click.echo(
        f"{indicator}：{vintage} {result.text}（版本 {result.version}），评价：{result.grade or '无'}"
    )


@click.command()
@click.argument("region")
@click.argument("year", type=int)
@click.argument("indicator")
@db_option
def history(region: str, year: int, indicator: str, db: str | None) -> None:
    """一个指标的目标、各口径完成值、评价及全部修改记录。"""
    with Store(db) as store:
        print_history(store.history(region, year, indicator), Console())


def print_history(item: History, console: Console) -> None:
    unit = f"（{item.unit}）" if item.unit else ""
    console.print(f"[bold]{item.region} {item.year}年 {item.indicator}{unit}[/bold]")
    for figure in item.figures:
        source = f"　来源：{figure.source}" if figure.source else ""
        console.print(f"  {figure.what}：{figure.text}（版本 {figure.version}）{source}")
    console.print(f"  评价：{item.grade or '无'}　{item.reason or ''}")
    table = Table(title="修改记录", header_style="bold")
    for column in ("时间", "人", "表", "字段", "原值", "新值", "原因"):
        table.add_column(column, overflow="fold")
    for change in item.changes:
        table.add_row(
            change.at.strftime("%Y-%m-%d %H:%M:%S"),
            change.who,
            change.table_name,
            change.field,
            change.old or "",
            change.new or "",
            change.why,
        )
    console.print(table)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="写入文件（默认输出到屏幕）。"
)
@db_option
def export(fmt: str, output: Path | None, db: str | None) -> None:
    """导出整个数据库（JSON，可用 jihua import 还原）。"""
    from jihua.store.dump import export_json

    with Store(db) as store:
        text = export_json(store.engine)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"已导出到 {output}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def import_(file: Path, db: str | None) -> None:
    """导入：jihua export 的 JSON（还原到空库），或完成值表（.xlsx/.csv）。"""
    from jihua.store.dump import import_file
    from jihua.store.sheets import import_actuals

    with Store(db) as store:
        if file.suffix.lower() == ".json":
            counts = import_file(store.engine, file)
            click.echo("已导入：" + "，".join(f"{k} {v} 行" for k, v in counts.items() if v))
        else:
            written = import_actuals(store.engine, file)
            click.echo(f"已导入 {written} 个完成值：{file}")


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
def template(path: Path) -> None:
    """生成完成值导入模板（.xlsx 或 .csv），列说明见第二个工作表。"""
    from jihua.store.sheets import write_template

    click.echo(f"已生成模板 {write_template(path)}")


@click.command()
@click.argument("indicator")
@click.option("--year", type=int, required=True, help="年份。")
@click.option("--synonyms", type=click.Path(path_type=Path), help="补充的同义词表（TOML）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@db_option
def compare(
    indicator: str, year: int, synonyms: Path | None, as_json: bool, db: str | None
) -> None:
    """比较各地区同一指标的目标、完成值与评价（按完成值排序）。"""
    with Store(db) as store:
        standings = store.compare(indicator, year, load_synonyms(synonyms))
    if as_json:
        rows = [s.__dict__ for s in standings]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{year}年 {indicator}", header_style="bold")
    for column in ("名次", "地区", "上级", "指标", "目标", "完成", "口径", "评价"):
        table.add_column(column, overflow="fold")
    for s in standings:
        table.add_row(
            str(s.rank or "—"),
            s.region,
            s.parent_region or "",
            s.indicator,
            s.target or "",
            s.actual or "",
            s.vintage or "",
            s.grade or "",
        )
    Console().print(table)
