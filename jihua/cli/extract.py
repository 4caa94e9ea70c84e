"""``jihua extract``: one report to JSON, or many reports to JSON Lines.

    jihua extract REPORT --json
    jihua extract DIR_OR_FILES... --jsonl OUT --jobs N

A file that cannot be read is reported with its reason and the others go on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from jihua.document import read_document
from jihua.errors import UserError
from jihua.extract import extract as extract_document

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象（单个文件）。")
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(path_type=Path),
    help="批量：每个文件一行 JSON，写入此文件。",
)
@click.option(
    "--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="并行进程数。"
)
def extract(paths: tuple[Path, ...], as_json: bool, jsonl: Path | None, jobs: int) -> None:
    """抽取报告中的全部数字事实、指标表、项目和任务。"""
    if jsonl is None:
        if len(paths) != 1 or paths[0].is_dir():
            raise UserError("多个文件或目录请用 --jsonl 输出文件批量抽取")
        result = extract_file(paths[0])
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            _print_summary(result, Console())
        return
    files = list(report_files(paths))
    if not files:
        raise UserError("没有找到可抽取的报告文件（支持 .txt、.docx、.pdf、.html）")
    failures = extract_many(files, jsonl, jobs, Console(stderr=True))
    if failures:
        sys.exit(1)  # some files failed; each was reported above


def extract_file(path: Path) -> dict[str, Any]:
    """The extraction of one file, with its path as ``source``."""
    return {"source": str(path), **extract_document(read_document(path))}


def report_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        else:
            yield path


def _extract_or_reason(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    try:
        return extract_file(path), None
    except UserError as exc:
        return None, exc.message
    except Exception as exc:  # a bug on one file must not stop the batch; it is reported
        return None, f"内部错误：{type(exc).__name__}: {exc}"


def extract_many(files: list[Path], out: Path, jobs: int, console: Console) -> int:
    """Extract every file into ``out`` (JSON Lines, input order); returns the failure count."""
    failures = 0
    with out.open("w", encoding="utf-8") as sink, Progress(console=console) as progress:
        task = progress.add_task("抽取", total=len(files))
        for path, (result, reason) in _results(files, jobs):
            if result is None:
                failures += 1
                console.print(f"[red]失败[/red] {path}：{reason}")
            else:
                sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            progress.advance(task)
    console.print(f"完成 {len(files) - failures} 个，失败 {failures} 个 → {out}")
    return failures


def _results(
    files: list[Path], jobs: int
) -> Iterator[tuple[Path, tuple[dict[str, Any] | None, str | None]]]:
    if jobs == 1:
        for path in files:
            yield path, _extract_or_reason(path)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures: list[Future[tuple[dict[str, Any] | None, str | None]]] = [
            pool.submit(_extract_or_reason, path) for path in files
        ]
        for path, future in zip(files, futures, strict=True):
            yield path, future.result()


def _print_summary(result: dict[str, Any], console: Console) -> None:
    console.print(
        f"{result.get('region') or '（未识别地区）'}　"
        f"报告年份 {result.get('report_year')}　计划年份 {result.get('plan_year')}"
    )
    console.print(
        f"事实 {len(result['facts'])} 条　指标表 {len(result['tables'])} 张　"
        f"项目组 {len(result['projects'])} 个　任务 {len(result['tasks'])} 项"
    )
    console.print("完整结果请加 --json。")
