"""The ``report`` and ``audit`` commands.

Both read a report file (or the bundled example), grade it, and call the
library: :func:`jihua.report.render` and :func:`jihua.audit.audit`. Project
and prose checks need the extraction (:func:`jihua.extract.extract`); while
that package is absent they are left out and the rest still runs.

Reading a stored plan (``--region``/``--year``) is not offered yet.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import click

from jihua.audit import audit, findings_dict
from jihua.document import Document, read_document
from jihua.errors import UserError
from jihua.evaluate import evaluate, load_rules
from jihua.plan import PlanReport, read_plan, require_tables
from jihua.report import FORMATS, render


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


def _load(file: Path | None) -> tuple[Document, PlanReport]:
    from jihua.cli import example_document

    document = read_document(file) if file else example_document()
    return document, require_tables(read_plan(document))


def register(cli: click.Group) -> None:
    cli.add_command(report_command)
    cli.add_command(audit_command)


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
def report_command(
    file: Path | None, fmt: str, out: Path | None, template: Path | None, rules_file: Path | None
) -> None:
    """生成评价报告：docx、xlsx、pdf 或 html（不给 FILE 时用内置的涪陵区示例）。"""
    if template is not None and fmt not in ("docx", "pdf"):
        raise UserError("--template 只用于 docx 或 pdf 格式")
    document, report = _load(file)
    if report.execution is None:
        raise UserError(f"{document.source} 中没有找到计划执行情况表，无法生成评价报告")
    evaluation = evaluate(report, load_rules(rules_file))
    extraction = extraction_of(document)
    findings = audit(report, extraction, evaluation)
    data = render(fmt, report, evaluation, extraction, findings, template)
    target = out or Path(f"{Path(document.source).stem}-评价报告.{fmt}")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UserError(f"无法写入 {target}：{exc.strerror}") from exc
    click.echo(f"已生成 {target}")


@click.command("audit")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象。")
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path), help="评价规则文件（TOML）。"
)
def audit_command(file: Path | None, as_json: bool, rules_file: Path | None) -> None:
    """审核报告：总数与分项、文表一致、评价一致（不给 FILE 时用内置的涪陵区示例）。"""
    document, report = _load(file)
    extraction = extraction_of(document)
    findings = audit(report, extraction, evaluate(report, load_rules(rules_file)))
    if as_json:
        click.echo(json.dumps(findings_dict(findings), ensure_ascii=False, indent=2))
        return
    if extraction is None:
        click.echo("（未安装抽取模块，项目与正文的核对从略）")
    for finding in findings:
        click.echo(f"[{finding.severity}] {finding.check}：{finding.message}")
    if not findings:
        click.echo("未发现问题。")
