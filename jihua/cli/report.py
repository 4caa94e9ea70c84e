"""The ``report`` and ``audit`` commands.

Both read a report file (or the bundled example), grade it, and call the
library: :func:`jihua.report.render` and :func:`jihua.audit.audit`. Project
and prose checks need the extraction (:func:`jihua.extract.extract`); while
that package is absent they are left out and the rest still runs.

With ``--region R --year Y`` they read plan ``Y`` of the store instead
(:mod:`jihua.report.stored`): its tables rebuilt from the stored figures,
the latest vintage of each actual, and the two reports' targets for ``Y``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from jihua.audit import Audit, Finding, TwoReports, audit, audit_report, findings_dict
from jihua.document import Document, read_document
from jihua.errors import UserError, os_error_text
from jihua.evaluate import Evaluation, evaluate, load_rules
from jihua.example import example_document
from jihua.limits import reading
from jihua.plan import PlanReport, read_plan, require_plan_report, require_tables
from jihua.report import FORMATS, render

F = TypeVar("F", bound=Callable[..., Any])


def extraction_of(document: Document) -> dict[str, Any] | None:
    """The extraction of a document, or ``None`` where no extractor is installed."""
    try:
        module = importlib.import_module("jihua.extract")
    except ModuleNotFoundError as exc:
        if exc.name == "jihua.extract":
            return None
        raise
    extract = getattr(module, "extract", None)
    if not callable(extract):  # the package exists but is not finished
        return None
    result: dict[str, Any] = extract(document)
    return result


@dataclass
class Loaded:
    """A report to grade, from a file or the store, with what the audit can read of it."""

    document: Document
    report: PlanReport
    extraction: dict[str, Any] | None
    two_reports: TwoReports | None = None
    #: read from the store without the report's text (stored before it was kept)
    without_text: bool = False

    def findings(self, evaluation: Evaluation) -> list[Finding]:
        return audit(self.report, self.extraction, evaluation, self.two_reports)

    def audit(self, evaluation: Evaluation) -> Audit:
        return audit_report(self.report, self.extraction, evaluation, self.two_reports)


def _load(
    file: Path | None,
    region: str | None,
    year: int | None,
    db: str | None,
    tables_required: bool = True,
) -> Loaded:
    if region is None and year is None:
        if db is not None:
            raise UserError("--db 须与 --region、--year 一起使用")
        return _load_file(file, tables_required)
    if file is not None:
        raise UserError("请只给出文件，或只给出 --region 和 --year，二者不能同时使用")
    if region is None or year is None:
        raise UserError("读取库中的计划须同时给出 --region 和 --year")
    return _load_stored(region, year, db)


def _load_file(file: Path | None, tables_required: bool) -> Loaded:
    """A report file; an audit also reads one without indicator tables (prose only)."""
    document = read_document(file) if file else example_document()
    check = require_tables if tables_required else require_plan_report
    report = check(read_plan(document))
    return Loaded(document, report, extraction_of(document))


def _load_stored(region: str, year: int, db: str | None) -> Loaded:
    import jihua.store
    from jihua.report.stored import read_stored_plan

    with jihua.store.open(db) as store:
        stored = read_stored_plan(store, region, year)
    report = stored.report
    return Loaded(
        report.document, report, stored.extraction, stored.two_reports, not stored.from_text
    )


def _stored_options(function: F) -> F:
    function = click.option(
        "--db",
        "db",
        metavar="URL",
        help="数据库地址（默认取 JIHUA_DATABASE_URL，否则为当前目录的 jihua.sqlite）。",
    )(function)
    function = click.option("--year", type=int, help="库中计划的年份（执行情况所属年份）。")(
        function
    )
    return click.option("--region", help="库中计划的地区，如“涪陵区”。")(function)


@click.command("report")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="docx",
    show_default=True,
    help="输出格式。",
)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="输出文件。")
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    help="Word 底稿（.docx）：在其后追加，沿用其样式（仅 docx/pdf）。",
)
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path), help="评价规则文件（TOML）。"
)
@click.option("--monitor", "monitoring", is_flag=True, help="生成经济运行调度通报（docx/xlsx）。")
@click.option("--period", help="调度通报截至的月份，如 2024-06（与 --monitor 一起用）。")
@_stored_options
def report_command(
    file: Path | None,
    fmt: str,
    out: Path | None,
    template: Path | None,
    rules_file: Path | None,
    monitoring: bool,
    period: str | None,
    region: str | None,
    year: int | None,
    db: str | None,
) -> None:
    """生成评价报告：docx、xlsx、pdf 或 html（不给 FILE 时用内置的涪陵区示例；
    给 --region 和 --year 时读库中的计划；--monitor --period 2024-06 生成调度通报）。"""
    if monitoring or period:
        from jihua.cli.monitor import write_monitor_report

        written = write_monitor_report(fmt, out, region, year, period, db, rules_file)
        click.echo(f"已生成 {written}")
        return
    if template is not None and fmt not in ("docx", "pdf"):
        raise UserError("--template 只用于 docx 或 pdf 格式")
    with reading(file.name if file else ""):
        loaded = _load(file, region, year, db)
        report = loaded.report
        if report.execution is None or (year is not None and report.report_year != year):
            # a stored plan read from the report that proposes it has not been executed yet
            raise UserError(f"{loaded.document.source} 中没有找到计划执行情况表，无法生成评价报告")
        evaluation = evaluate(report, load_rules(rules_file))
        findings = loaded.findings(evaluation)
    data = render(fmt, report, evaluation, loaded.extraction, findings, template)
    target = out or Path(f"{Path(loaded.document.source).stem}-评价报告.{fmt}")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UserError(f"无法写入 {target}：{os_error_text(exc)}") from exc
    click.echo(f"已生成 {target}")


@click.command("audit")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象。")
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path), help="评价规则文件（TOML）。"
)
@_stored_options
def audit_command(
    file: Path | None,
    as_json: bool,
    rules_file: Path | None,
    region: str | None,
    year: int | None,
    db: str | None,
) -> None:
    """审核报告：总数与分项、正文的总数比率差值、文表一致、评价一致、批准目标（不给 FILE 时用内置的
    涪陵区示例；给 --region 和 --year 时读库中的计划）。"""
    with reading(file.name if file else ""):
        loaded = _load(file, region, year, db, tables_required=False)
        result = loaded.audit(evaluate(loaded.report, load_rules(rules_file)))
    findings = result.findings
    if as_json:
        data = findings_dict(findings, result.checked)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if loaded.without_text:
        click.echo(
            "（库中没有该报告的正文，只核对评价、项目总数与两年报告的目标；文表一致须对原文件审核）"
        )
    elif loaded.extraction is None:
        click.echo("（未安装抽取模块，项目与正文的核对从略）")
    for finding in findings:
        click.echo(f"[{finding.severity}] {finding.check}：{finding.message}")
    outcome = f"发现{len(findings)}处问题" if findings else "未发现问题"
    click.echo(f"已核对{result.relations}处关系，{outcome}。")
