"""``jihua extract``: one report to JSON, or many reports to JSON Lines.

    jihua extract REPORT --json
    jihua extract DIR_OR_FILES... --jsonl OUT --jobs N
    jihua extract DIR_OR_FILES... --parquet OUT --scheduler tcp://HOST:8786

A file that cannot be read is reported with its reason and the others go on.

With ``--jobs N`` the files go to the workers in chunks of consecutive files,
large first and smaller as the work runs out (:func:`plan_batch`), each worker writing its files' JSON lines, so that the
parent only copies lines out in order; a batch too small to pay for starting
the workers (under :data:`WORKER_MIN_COST` per worker) runs in this process.
With ``--scheduler`` the same files go to a Dask cluster (:mod:`jihua.cli.cluster`);
``--parquet`` writes the facts as a table (:mod:`jihua.cli.batch_output`).
"""

from __future__ import annotations

import json
import math
import sys
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from jihua.cli.printing import readable_json
from jihua.errors import UserError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from rich.console import Console

    from jihua.cli.batch_output import Outputs

SUFFIXES = (".txt", ".docx", ".doc", ".xlsx", ".xls", ".pdf", ".html", ".htm")
#: how much more a byte of each kind of file costs to read than a byte of text
COST_PER_BYTE = {".docx": 4.0, ".doc": 1.0, ".xlsx": 4.0, ".pdf": 2.0}
#: the least work (text bytes, about 0.3 s on one core) that pays for one more worker
WORKER_MIN_COST = 1_000_000
#: a chunk takes this share of the work not yet chunked, divided by the workers: large chunks
#: first (few messages), smaller ones as the work runs out, so that the workers finish within
#: a small chunk of each other (equal chunks left one worker alone for up to a whole chunk)
CHUNK_SHARE = 1 / 4
#: the smallest chunk, as a share of the whole batch divided by the workers: small files at
#: the end still go several to a message
SMALLEST_CHUNK_SHARE = 1 / 40
#: chunks sent ahead per worker. Lines are written in file order, so a worker that is done
#: waits while the oldest chunk is still being read; with two ahead the second worker idled
#: at the end of each long chunk (200 reports: 4.90–4.96 s, three ahead 4.64–4.76 s)
IN_FLIGHT_PER_WORKER = 3


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
    "--parquet",
    "parquet",
    type=click.Path(path_type=Path),
    help="批量：每条事实一行，写入此 Parquet 文件（可与 --jsonl 同用）。",
)
@click.option(
    "--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="并行进程数。"
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="在 Dask 集群上批量抽取：调度器地址如 tcp://主机:8786，或 local:N 在本机启动 N 个"
    "工作进程（需 pip install 'jihua[cluster]'）。",
)
def extract(
    paths: tuple[Path, ...],
    as_json: bool,
    jsonl: Path | None,
    parquet: Path | None,
    jobs: int,
    scheduler: str | None,
) -> None:
    """抽取报告中的全部数字事实、指标表、项目和任务。"""
    if jsonl is None and parquet is None:
        if len(paths) != 1 or paths[0].is_dir():
            raise UserError("多个文件或目录请用 --jsonl 或 --parquet 输出文件批量抽取")
        if scheduler is not None:
            raise UserError("--scheduler 用于批量抽取，请同时给出 --jsonl 或 --parquet 输出文件")
        result = extract_file(paths[0])
        for warning in result.get("warnings", []):
            click.echo(f"警告：{warning}", err=True)
        if as_json:
            click.echo(readable_json(result))
        else:
            from rich.console import Console

            _print_summary(result, Console())
        return
    files = list(report_files(paths))
    if not files:
        raise UserError(
            "没有找到可抽取的报告文件（支持 .txt、.docx、.doc、.xlsx、.xls、.pdf、.html）"
        )
    if scheduler is not None and jobs != 1:
        raise UserError("--jobs 与 --scheduler 不能同时使用：集群的并行数由其工作进程决定")
    from rich.console import Console

    from jihua.cli.batch_output import Outputs

    if scheduler is None:
        outcomes = _outcomes(files, jobs)
    else:
        from jihua.cli.cluster import cluster_outcomes

        outcomes = cluster_outcomes(files, scheduler)
    failures = extract_many(files, outcomes, Outputs(jsonl, parquet), Console(stderr=True))
    if failures:
        sys.exit(1)  # some files failed; each was reported above


def extract_file(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """The extraction of one file, with its path as ``source`` (and ``warnings`` when the
    reader had to make up for something, such as a file cut inside a character); ``data``
    is the file's bytes when they were read elsewhere (sent to a cluster's worker)."""
    from jihua.document import read_bytes, read_document
    from jihua.extract import extract as extract_document  # not in a cluster's client
    from jihua.limits import reading

    with reading(path.name):
        document = read_document(path) if data is None else read_bytes(data, path.name)
        result = {"source": str(path), **extract_document(document)}
    if document.warnings:
        result["warnings"] = document.warnings
    return result


def report_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        else:
            yield path


class Outcome(NamedTuple):
    """One file of a batch: its JSON line, or why it could not be read.

    The line is UTF-8 bytes, as it is written: it goes from a worker to the file
    without being decoded and encoded again (a 200-report batch sends 45 MB of lines,
    and on a Dask client the two conversions took 0.15 s of its 0.9 s of CPU)."""

    line: bytes | None
    reason: str | None


def extract_line(path: Path, data: bytes | None = None) -> Outcome:
    try:
        line = json.dumps(extract_file(path, data), ensure_ascii=False)
        return Outcome(line.encode(), None)
    except UserError as exc:
        return Outcome(None, exc.message)
    except Exception as exc:  # a bug on one file must not stop the batch; it is reported
        return Outcome(None, f"内部错误：{type(exc).__name__}: {exc}")


def extract_chunk(paths: list[Path]) -> list[Outcome]:
    return [extract_line(path) for path in paths]


def extract_many(
    files: list[Path],
    outcomes: Iterator[tuple[Path, Outcome]],
    outputs: Outputs,
    console: Console,
) -> int:
    """Write each file's line as it comes (input order), report each failure with its
    reason and a progress bar on ``console``; returns the failure count."""
    from rich.progress import Progress

    failures = 0
    try:
        with Progress(console=console) as progress:
            task = progress.add_task("抽取", total=len(files))
            for path, outcome in outcomes:
                if outcome.line is None:
                    failures += 1
                    console.print(f"[red]失败[/red] {path}：{outcome.reason}")
                else:
                    outputs.write(outcome.line)
                progress.advance(task)
    finally:
        outputs.close()
    console.print(
        f"完成 {len(files) - failures} 个，失败 {failures} 个 → {'、'.join(outputs.names)}"
    )
    return failures


def cost_of(path: Path) -> float:
    """The work of reading ``path``, in bytes of text that take as long."""
    try:
        size = path.stat().st_size
    except OSError:
        return 0.0  # reported when it is read
    return size * COST_PER_BYTE.get(path.suffix.lower(), 1.0)


def plan_batch(files: list[Path], jobs: int) -> tuple[int, list[list[Path]]]:
    """How many workers pay for the batch, and its files in chunks of consecutive files."""
    workers, spans = share_work([cost_of(path) for path in files], jobs)
    return workers, [files[span.start : span.stop] for span in spans]


def share_work(costs: list[float], jobs: int) -> tuple[int, list[range]]:
    """The number of workers for work items of these costs, and the items in chunks.

    A worker costs its start and its messages: the batch gets no more workers
    than it has :data:`WORKER_MIN_COST` units of work, and one worker means no
    pool and a single chunk. Otherwise the chunks shrink as the work runs out
    (:func:`shrinking_chunks`).
    """
    workers = max(1, min(jobs, len(costs), int(sum(costs) // WORKER_MIN_COST)))
    if workers == 1:
        return 1, [range(len(costs))]
    return workers, shrinking_chunks(costs, workers)


def shrinking_chunks(costs: list[float], workers: int, most: float = math.inf) -> list[range]:
    """Consecutive work items in chunks, each budgeted :data:`CHUNK_SHARE` of the work left
    per worker, no less than :data:`SMALLEST_CHUNK_SHARE` of the whole per worker and no
    more than ``most`` (a chunk of one item may be over). Each worker takes the next chunk
    when it is done, so the last small chunks even out the end ("guided" scheduling)."""
    if not costs:
        return []
    left = sum(costs)
    smallest = left * SMALLEST_CHUNK_SHARE / workers
    starts: list[int] = []
    spent = budget = 0.0
    for index, cost in enumerate(costs):
        if not starts or spent + cost > budget:
            starts.append(index)
            budget = min(max(left * CHUNK_SHARE / workers, smallest), most)
            spent = 0.0
        spent += cost
        left -= cost
    return [range(a, b) for a, b in zip(starts, [*starts[1:], len(costs)], strict=True)]


def _outcomes(files: list[Path], jobs: int) -> Iterator[tuple[Path, Outcome]]:
    workers, chunks = plan_batch(files, jobs)
    if workers == 1:
        for path in files:
            yield path, extract_line(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        queued = iter(chunks)
        ahead = islice(queued, workers * IN_FLIGHT_PER_WORKER)
        pending: deque[tuple[list[Path], Future[list[Outcome]]]] = deque(
            (chunk, pool.submit(extract_chunk, chunk)) for chunk in ahead
        )
        while pending:
            chunk, future = pending.popleft()
            if (more := next(queued, None)) is not None:
                pending.append((more, pool.submit(extract_chunk, more)))
            yield from zip(chunk, future.result(), strict=True)


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
