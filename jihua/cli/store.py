"""Commands of the store: ``db upgrade``, ``db backup``, ``ingest``, ``actual set``,
``history``, ``targets``, ``export``, ``import``, ``template``, ``compare``.

Each parses its arguments and calls one function of :mod:`jihua.store`. The
database is ``--db URL``, else ``JIHUA_DATABASE_URL``, else ``jihua.sqlite``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from jihua.store import Standing, Store, load_synonyms
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
@click.option(
    "--replace", is_flag=True, help="修订稿比已入库的报告少了大半数字时，仍然替换（默认拒绝）。"
)
@click.option(
    "--kind",
    type=click.Choice(["report", "bulletin"]),
    default="report",
    show_default=True,
    help="report：计划报告；bulletin：统计月报、季报、督查通报或进度新闻（入库为月度/季度数据）。",
)
@click.option("--region", help="通报所属地区（默认取通报中的地区）。")
@click.option("--year", type=int, help="通报中未注明年份（也无发布日期）的数字所属年份。")
@click.option(
    "--vintage",
    type=click.Choice(VINTAGES),
    default="快报",
    show_default=True,
    help="通报数据的口径。",
)
@db_option
def ingest(
    files: tuple[Path, ...],
    replace: bool,
    kind: str,
    region: str | None,
    year: int | None,
    vintage: str,
    db: str | None,
) -> None:
    """抽取并入库计划报告或统计通报（不给 FILE 时用内置的涪陵区示例）。"""
    from jihua.example import example_document

    if kind == "bulletin":
        _ingest_bulletins(files, region, year, vintage, db)
        return
    with Store(db) as store:
        if not files:
            click.echo(store.ingest_document(example_document(), replace=replace).describe())
        for path in files:
            click.echo(store.ingest(path, replace=replace).describe())


def _ingest_bulletins(
    files: tuple[Path, ...], region: str | None, year: int | None, vintage: str, db: str | None
) -> None:
    from jihua.store.bulletins import ingest_bulletin

    if not files:
        raise click.UsageError("入库通报须给出文件")
    with Store(db) as store:
        for path in files:
            stored = ingest_bulletin(store.engine, path, region, vintage, year=year)
            click.echo(stored.describe())


@click.command()
@click.option("--region", required=True, help="地区。")
@click.option("--indicator", required=True, help="指标（可用同义词）。")
@click.option("--year", type=int, required=True, help="年份。")
@click.option(
    "--vintages", is_flag=True, help="列出各通报的历次数字（初值、修订、重申），不只在用的。"
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option("--csv", "as_csv", is_flag=True, help="输出 CSV（UTF-8，带 BOM）。")
@db_option
def series(
    region: str,
    indicator: str,
    year: int,
    vintages: bool,
    as_json: bool,
    as_csv: bool,
    db: str | None,
) -> None:
    """一个指标已入库的月度/季度数据（累计期间、增速或总量、口径、来源）。"""
    from jihua.store.periodic import KINDS, periodic_series, periodic_statements

    with Store(db) as store:
        if vintages:
            found: list[Any] = periodic_statements(store.engine, region, year, indicator)
        else:
            found = periodic_series(store.engine, region, year, indicator)
    if as_json:
        click.echo(json.dumps([p.__dict__ for p in found], ensure_ascii=False, indent=2))
        return
    if vintages:
        header: tuple[str, ...] = (
            "期间",
            "类型",
            "口径",
            "版本",
            "数值",
            "发布日期",
            "来源",
            "在用",
        )
        rows: list[tuple[str, ...]] = [
            (
                p.months,
                KINDS[p.kind],
                p.vintage,
                p.revision,
                f"{p.value:g}",
                p.published or "",
                p.source or "",
                "是" if p.in_use else "",
            )
            for p in found
        ]
    else:
        header = ("期间", "类型", "数值", "口径", "来源", "修订")
        rows = [
            (p.months, KINDS[p.kind], f"{p.value:g}", p.vintage, p.source or "", _revised(p))
            for p in found
        ]
    if as_csv:
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, *rows])
        click.echo("\ufeff" + buffer.getvalue(), nl=False)
        return
    if not rows:
        click.echo(f"{region} {year}年 {indicator}：还没有月度/季度数据")
        return
    table = Table(title=f"{region} {year}年 {indicator}", header_style="bold")
    for column in header:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def _revised(point: Any) -> str:
    """``2024-08-16 修订1（初值 9.4）``: when the value in use replaced the first figure."""
    if point.first_value is None:
        return ""
    return f"{point.revised} {point.revision}（初值 {point.first_value:g}）"


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "xlsx", "csv", "parquet"]),
    default="json",
    show_default=True,
)
@click.option("--table", help="只导出这一张表（默认全部）。")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="写入的文件（csv/parquet 不给 --table 时为目录）；json 不给时输出到屏幕。",
)
@db_option
def export(fmt: str, table: str | None, output: Path | None, db: str | None) -> None:
    """导出数据库或其中一张表：json（可用 jihua import 还原）、xlsx、csv、parquet。"""
    from jihua.store.dump import export_json
    from jihua.store.exports import export as export_tables

    with Store(db) as store:
        if output is None and fmt == "json" and table is None:
            click.echo(export_json(store.engine))
            return
        if output is None:
            raise click.UsageError("请用 -o 指定输出文件")
        written = export_tables(store.engine, fmt, output, table)
    click.echo(f"已导出到 {written[0] if len(written) == 1 else output}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--region", help="项目清单所属地区（导入项目清单时必填）。")
@click.option("--year", type=int, help="项目清单所属计划年份（导入项目清单时必填）。")
@db_option
def import_(file: Path, region: str | None, year: int | None, db: str | None) -> None:
    """导入：jihua export 的 JSON（还原到空库）、完成值表、项目清单、年度目标或月度数据。

    按表头区分：有“项目名称”的是项目清单（须给出 --region 和 --year），有“目标”的是
    年度目标，有“期间”的是月度数据，其余是完成值表。
    """
    from jihua.store.dump import import_file
    from jihua.store.monthly import import_monthly, is_monthly
    from jihua.store.project_list import import_projects, is_project_list
    from jihua.store.sheets import check_import_file, header_of, import_actuals
    from jihua.store.target_list import import_targets, is_target_list

    check_import_file(file)
    with Store(db) as store:
        if file.suffix.lower() == ".json":
            counts = import_file(store.engine, file)
            click.echo("已导入：" + "，".join(f"{k} {v} 行" for k, v in counts.items() if v))
        elif file.exists() and is_project_list(header_of(file)):
            if region is None or year is None:
                raise click.UsageError("导入项目清单须给出 --region 和 --year")
            added, updated = import_projects(store.engine, file, region, year)
            click.echo(f"已导入项目清单 {file}：新增 {added} 个，更新 {updated} 个")
        elif file.exists() and is_target_list(header_of(file)):
            click.echo(f"已导入 {import_targets(store.engine, file)} 个年度目标：{file}")
        elif file.exists() and is_monthly(header_of(file)):
            click.echo(f"已导入 {import_monthly(store.engine, file)} 个月度数据：{file}")
        else:
            written = import_actuals(store.engine, file)
            click.echo(f"已导入 {written} 个完成值：{file}")


#: template kind → the words of a file name that ask for it
TEMPLATE_WORDS = {
    "projects": "project|项目",
    "targets": "target|目标",
    "monthly": "month|月",
    "actuals": "",
}


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(list(TEMPLATE_WORDS)),
    help="完成值表、项目清单、年度目标或月度数据（默认按文件名：project/项目、target/目标、"
    "month/月度，其余为完成值表）。",
)
def template(path: Path, kind: str | None) -> None:
    """生成导入模板（.xlsx 或 .csv）：完成值表、项目清单、年度目标或月度数据。"""
    from jihua.store import monthly, project_list, sheets, target_list

    if kind is None:
        found = (k for k, w in TEMPLATE_WORDS.items() if w and re.search(w, path.stem, re.I))
        kind = next(found, "actuals")
    writers = {
        "projects": project_list.write_template,
        "targets": target_list.write_template,
        "monthly": monthly.write_template,
    }
    writer = writers.get(kind, sheets.write_template)
    click.echo(f"已生成模板 {writer(path)}")


@click.command()
@click.argument("region")
@click.argument("indicator")
@click.option("--synonyms", type=click.Path(path_type=Path), help="补充的同义词表（TOML）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@db_option
def targets(
    region: str, indicator: str, synonyms: Path | None, as_json: bool, db: str | None
) -> None:
    """一个地区一个指标历年的目标、完成值与评价（指标名可用同义词）。"""
    from jihua.store.compare import target_history

    with Store(db) as store:
        years = target_history(store.engine, region, indicator, load_synonyms(synonyms))
    columns = ("年份", "指标", "目标", "完成", "口径", "评价", "依据")
    _show_standings(years, f"{region} {indicator} 历年", columns, as_json)


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
    columns = ("名次", "地区", "上级", "指标", "目标", "完成", "口径", "评价", "依据")
    _show_standings(standings, f"{year}年 {indicator}", columns, as_json)


#: a column of the ``targets`` and ``compare`` tables → its cell of a standing
_STANDING_CELLS: dict[str, Callable[[Standing], str]] = {
    "名次": lambda s: str(s.rank or "—"),
    "年份": lambda s: str(s.year),
    "地区": lambda s: s.region,
    "上级": lambda s: s.parent_region or "",
    "指标": lambda s: s.indicator,
    "目标": lambda s: s.target or "",
    "完成": lambda s: s.actual or "",
    "口径": lambda s: s.vintage or "",
    "评价": lambda s: s.grade or "",
    "依据": lambda s: s.basis,
}


def _show_standings(
    standings: list[Standing], title: str, columns: tuple[str, ...], as_json: bool
) -> None:
    """Standings as JSON (every field), or as a table of ``columns``."""
    if as_json:
        click.echo(json.dumps([s.__dict__ for s in standings], ensure_ascii=False, indent=2))
        return
    table = Table(title=title, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for s in standings:
        table.add_row(*(_STANDING_CELLS[column](s) for column in columns))
    Console().print(table)
