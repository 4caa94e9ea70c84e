from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import jihua.cli.extract as batch
from jihua.cli import cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_extract_json_prints_the_contract(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"region", "report_year", "plan_year", "facts", "tables", "projects", "tasks"} <= set(
        data
    )
    assert (data["region"], data["report_year"], data["plan_year"]) == ("涪陵区", 2023, 2024)


def test_batch_goes_on_after_a_broken_file_and_reports_it(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt"))[:3]:
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--jsonl", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "broken.docx" in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3 and all(line["facts"] for line in lines)


def test_several_files_without_jsonl_is_a_user_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code != 0
    assert "--jsonl" in str(result.exception) or "--jsonl" in result.output


def _batch_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt")):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "05_broken.docx").write_bytes(b"PK\x03\x04 truncated")
    return folder


def test_workers_write_the_same_lines_in_the_same_order_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _batch_folder(tmp_path)
    monkeypatch.setattr(batch, "WORKER_MIN_COST", 1)  # small files, yet a pool of two
    monkeypatch.setattr(batch, "CHUNK_SHARE", 1 / 2)
    assert batch.plan_batch(sorted(folder.iterdir()), 2)[0] == 2
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        result = CliRunner().invoke(
            cli, ["extract", str(folder), "--jsonl", str(out), "--jobs", jobs]
        )
        assert result.exit_code == 1 and "05_broken.docx" in result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(list(CORPUS.glob("*.txt")))


def test_a_batch_smaller_than_a_workers_start_runs_in_one_process(tmp_path: Path) -> None:
    files = sorted(_batch_folder(tmp_path).iterdir())
    assert batch.plan_batch(files, 8) == (1, [files])


@given(st.lists(st.floats(0, 5e6), max_size=60), st.integers(1, 8))
def test_chunks_cover_every_file_once_in_order(costs: list[float], jobs: int) -> None:
    workers, spans = batch.share_work(costs, jobs)
    assert 1 <= workers <= max(1, min(jobs, len(costs)))
    assert [i for span in spans for i in span] == list(range(len(costs)))
    assert all(len(span) for span in spans) or costs == []
    if workers > 1:
        first_budget = sum(costs) * batch.CHUNK_SHARE / workers
        assert all(
            len(s) == 1 or sum(costs[i] for i in s) <= first_budget * 1.000001 for s in spans
        )


def test_chunks_shrink_so_that_workers_finish_together() -> None:
    workers, spans = batch.share_work([200_000.0] * 200, 2)  # 200 reports of 200 KB
    sizes = [len(span) for span in spans]
    assert workers == 2 and sizes[0] == 25  # a quarter of the work a worker has
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes[-5:]) <= 3  # the last chunks take a fortieth of a worker's work or less
    assert 20 <= len(spans) <= 40  # few enough that each is worth a message
