"""``jihua extract --scheduler``: the batch on a Dask cluster writes what the local run writes.

The cluster is a ``LocalCluster`` of two worker processes, started once for the module.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

import jihua.cli.cluster as cluster
from jihua.cli import cli
from jihua.cli.batch_output import facts_schema
from jihua.cli.extract import SMALLEST_CHUNK_SHARE, Outcome, shrinking_chunks

TESTS = Path(__file__).resolve().parent
SHIPPED = sorted([*TESTS.glob("corpus/*.txt"), *TESTS.glob("unseen/*.txt")])


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local,
        distributed.Client(local) as client,
    ):
        client.wait_for_workers(2, timeout=60)
        yield str(local.scheduler_address)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Shipped reports, a truncated Word file and a link to a file that is gone."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in SHIPPED:
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "05_broken.docx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "06_gone.txt").symlink_to(tmp_path / "nowhere.txt")
    return folder


def _extract(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["extract", *map(str, args)])


def _failures(result: Result) -> list[str]:
    return sorted(line for line in result.output.splitlines() if line.startswith("失败"))


def test_the_cluster_writes_the_lines_of_the_local_run(
    reports: Path, scheduler: str, tmp_path: Path
) -> None:
    local = _extract(reports, "--jsonl", tmp_path / "local.jsonl", "--jobs", "1")
    remote = _extract(reports, "--jsonl", tmp_path / "cluster.jsonl", "--scheduler", scheduler)
    assert (local.exit_code, remote.exit_code) == (1, 1)
    lines = [
        (tmp_path / name).read_text(encoding="utf-8").splitlines()
        for name in ("local.jsonl", "cluster.jsonl")
    ]
    assert sorted(lines[0]) == sorted(lines[1])
    assert len(lines[1]) == len(SHIPPED)
    assert lines[0] == lines[1]  # and in the files' order, as the local run writes them


def test_each_broken_file_is_reported_with_the_local_runs_reason(
    reports: Path, scheduler: str, tmp_path: Path
) -> None:
    local = _extract(reports, "--jsonl", tmp_path / "local.jsonl")
    remote = _extract(reports, "--jsonl", tmp_path / "cluster.jsonl", "--scheduler", scheduler)
    assert _failures(remote) == _failures(local)
    assert len(_failures(remote)) == 2
    assert "05_broken.docx" in remote.output and "06_gone.txt" in remote.output
    assert f"完成 {len(SHIPPED)} 个，失败 2 个" in remote.output


def test_workers_that_cannot_see_the_files_get_their_bytes_and_write_the_same(
    reports: Path, scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = _extract(reports, "--jsonl", tmp_path / "local.jsonl", "--jobs", "1")
    sent: list[int] = []
    monkeypatch.setattr(cluster, "workers_see_files", lambda client, files: False)
    monkeypatch.setattr(cluster, "extract_in_place", None)  # must not be used
    send = cluster._send

    def counted(client: object, chunk: list[Path]) -> object:
        sent.append(len(chunk))
        return send(client, chunk)  # type: ignore[arg-type]

    monkeypatch.setattr(cluster, "_send", counted)
    remote = _extract(reports, "--jsonl", tmp_path / "cluster.jsonl", "--scheduler", scheduler)
    assert (local.exit_code, remote.exit_code) == (1, 1)
    assert sum(sent) == len(SHIPPED) + 2  # every file went as bytes
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "cluster.jsonl").read_bytes()
    assert _failures(remote) == _failures(local)


def test_workers_on_this_machine_see_the_files_and_not_a_changed_one(
    reports: Path, scheduler: str
) -> None:
    distributed = pytest.importorskip("distributed")
    files = sorted(reports.glob("*.txt"))
    with distributed.Client(scheduler) as client:
        assert cluster.workers_see_files(client, files)
        assert not cluster.workers_see_files(client, [reports / "not-there.txt"])

        class Elsewhere:  # workers on machines where the file is another version
            def run(self, function: object, paths: list[str]) -> dict[str, object]:
                return {"tcp://10.0.0.7:4000": [(1, 2)] * len(paths)}

        assert not cluster.workers_see_files(Elsewhere(), files)  # type: ignore[arg-type]


def test_a_file_a_worker_cannot_read_in_place_is_read_where_the_batch_runs(
    tmp_path: Path,
) -> None:
    there = tmp_path / "a.txt"
    there.write_text("2023年地区生产总值增长6%。", encoding="utf-8")
    stamp = cluster.file_stamps([str(there)])[0]
    outcomes = cluster.extract_in_place(
        [("a.txt", str(there), stamp), ("b.txt", str(tmp_path / "b"), stamp)]
    )
    assert outcomes[0] is not None and outcomes[0].line is not None
    assert json.loads(outcomes[0].line)["source"] == "a.txt"  # the name given, not the place
    assert outcomes[1] is None


def test_a_file_another_version_of_on_a_worker_is_read_where_the_batch_runs(
    tmp_path: Path,
) -> None:
    """The first and last files alike everywhere say little of those between them."""
    there = tmp_path / "a.txt"
    there.write_text("2023年地区生产总值增长6%。", encoding="utf-8")
    size, _ = cluster.file_stamps([str(there)])[0] or (0, 0)
    assert cluster.extract_in_place([("a.txt", str(there), (size + 1, 0))]) == [None]


def test_no_files_are_never_seen_by_workers() -> None:
    class Unasked:
        def run(self, function: object, paths: list[str]) -> dict[str, object]:
            raise AssertionError("no worker need be asked")

    assert not cluster.workers_see_files(Unasked(), [])  # type: ignore[arg-type]


def test_parquet_holds_one_row_per_fact_with_the_fields_of_the_json_lines(
    reports: Path, scheduler: str, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result = _extract(
        reports,
        *("--jsonl", tmp_path / "out.jsonl", "--parquet", tmp_path / "facts.parquet"),
        *("--scheduler", scheduler),
    )
    assert result.exit_code == 1
    files = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    rows = pq.read_table(tmp_path / "facts.parquet").to_pylist()
    expected = [
        {"source": f["source"], "region": f["region"], "plan_year": f["plan_year"], **fact}
        for f in files
        for fact in f["facts"]
    ]
    assert len(rows) == len(expected) > 500
    for row, fact in zip(rows, expected, strict=True):
        assert {k: v for k, v in row.items() if k in fact} == fact
        assert all(
            row[k] is None for k in row.keys() - fact.keys() - {"document_kind", "report_year"}
        )
    assert rows[0]["period"].keys() == {"year", "from", "to"}  # a struct, as in JSON


def test_parquet_has_a_column_for_every_key_a_fact_has(tmp_path: Path) -> None:
    result = _extract(*SHIPPED, TESTS / "bulletins", "--jsonl", tmp_path / "all.jsonl")
    assert result.exit_code == 0, result.output
    keys = {
        key
        for line in (tmp_path / "all.jsonl").read_text("utf-8").splitlines()
        for fact in json.loads(line)["facts"]
        for key in fact
    }
    assert {"rank", "average_years", "period"} <= keys
    assert keys <= set(facts_schema().names)


def test_parquet_without_a_cluster_writes_the_same_facts(reports: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result = _extract(reports, "--parquet", tmp_path / "facts.parquet", "--jobs", "2")
    assert result.exit_code == 1
    assert "facts.parquet" in result.output
    table = pq.read_table(tmp_path / "facts.parquet")
    assert len(set(table.column("source").to_pylist())) == len(SHIPPED)


def test_local_scheduler_starts_its_own_workers(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    files = SHIPPED[:3]
    local = _extract(*files, "--jsonl", tmp_path / "local.jsonl")
    remote = _extract(*files, "--jsonl", tmp_path / "cluster.jsonl", "--scheduler", "local:2")
    assert (local.exit_code, remote.exit_code) == (0, 0), repr(remote.exception)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "cluster.jsonl").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheduler", "local:2"], "--jsonl"),
        (["--jsonl", "out.jsonl", "--scheduler", "local:2", "--jobs", "2"], "--jobs"),
        (["--jsonl", "out.jsonl", "--scheduler", "local:0"], "至少为 1"),
    ],
)
def test_scheduler_mistakes_are_told_before_any_work(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = _extract(SHIPPED[0], *[str(tmp_path / a) if a.endswith(".jsonl") else a for a in args])
    assert result.exit_code != 0
    assert message in str(result.exception)


def test_without_dask_the_scheduler_option_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = _extract(SHIPPED[0], "--jsonl", tmp_path / "o.jsonl", "--scheduler", "local:1")
    assert "jihua[cluster]" in str(result.exception)


def test_a_chunk_whose_worker_died_fails_file_by_file() -> None:
    class Died:
        def result(self) -> list[Outcome]:
            raise RuntimeError("worker tcp://10.0.0.7:4000 died")

        def release(self) -> None:
            pass

    chunk = [Path("a.txt"), Path("gone.txt"), Path("b.txt")]
    unread = {Path("gone.txt"): Outcome(None, "找不到文件：gone.txt")}
    outcomes = cluster._outcomes_of(chunk, Died(), unread)  # type: ignore[arg-type]
    assert [o.reason for o in outcomes] == [
        "集群执行失败：RuntimeError: worker tcp://10.0.0.7:4000 died",
        "找不到文件：gone.txt",
        "集群执行失败：RuntimeError: worker tcp://10.0.0.7:4000 died",
    ]


@given(st.lists(st.floats(0, 3e7), max_size=60), st.integers(1, 64))
def test_cluster_chunks_cover_every_file_once_in_order(costs: list[float], workers: int) -> None:
    spans = shrinking_chunks(costs, workers, cluster.MAX_CHUNK_COST)
    assert [i for span in spans for i in span] == list(range(len(costs)))
    for span in spans:
        assert len(span) == 1 or sum(costs[i] for i in span) <= cluster.MAX_CHUNK_COST


def test_cluster_chunks_bound_each_tasks_load_and_end_with_single_files() -> None:
    many = shrinking_chunks([500_000.0] * 20_000, 50, cluster.MAX_CHUNK_COST)
    assert max(len(span) for span in many) * 500_000 <= cluster.MAX_CHUNK_COST  # a national corpus
    smallest = 20_000 * 500_000 * SMALLEST_CHUNK_SHARE / 50
    assert len(many[-1]) * 500_000 <= smallest < len(many[0]) * 500_000


def _loaded_after(*args: str, watched: tuple[str, ...] = ("dask", "distributed")) -> list[str]:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('LOADED=' + ','.join(sorted("
        f"m for m in {watched!r} if m in sys.modules)), file=sys.stderr))\n"
        "sys.argv = ['jihua', *sys.argv[1:]]\n"
        "from jihua.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED="))
    return list(filter(None, line.removeprefix("LOADED=").split(",")))


def test_only_the_scheduler_option_imports_dask(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(SHIPPED[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert _loaded_after("--help") == []
    assert _loaded_after("extract", str(report)) == []
    assert _loaded_after("extract", str(report), "--jsonl", str(tmp_path / "o.jsonl")) == []


def test_the_client_of_a_cluster_leaves_the_extractor_to_the_workers(tmp_path: Path) -> None:
    """Importing the extractor takes a tenth of a second the workers would wait for."""
    report = tmp_path / "report.txt"
    report.write_text(SHIPPED[0].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    args = ("extract", str(report), "--jsonl", str(out), "--scheduler", "local:1")
    assert _loaded_after(*args, watched=("distributed", "jihua.extract")) == ["distributed"]
    assert json.loads(out.read_text(encoding="utf-8"))["facts"]


def test_a_worker_moves_its_objects_out_of_the_collectors_way_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[int] = []
    monkeypatch.setattr(cluster, "_settled", False)
    monkeypatch.setattr("gc.collect", lambda: 0)
    monkeypatch.setattr("gc.freeze", lambda: frozen.append(1))
    report = tmp_path / "r.txt"
    report.write_text("某县2024年地区生产总值增长6%。", encoding="utf-8")
    places = [(str(report), str(report), cluster.file_stamps([str(report)])[0])]
    first = cluster.extract_in_place(places)
    assert cluster.extract_parcel([(str(report), report.read_bytes())]) == first
    assert frozen == [1]


def test_a_chunk_keeps_the_interpreter_longer_and_gives_the_worker_its_switches_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[float] = []

    def extract_noting_the_switch_interval(path: Path, data: bytes | None = None) -> Outcome:
        seen.append(sys.getswitchinterval())
        return Outcome(b"{}", None)

    monkeypatch.setattr(cluster, "extract_line", extract_noting_the_switch_interval)
    before = sys.getswitchinterval()
    cluster.extract_parcel([("a.txt", b"x"), ("b.txt", b"y")])
    assert seen == [pytest.approx(cluster.TASK_SWITCH_SECONDS)] * 2
    assert before < cluster.TASK_SWITCH_SECONDS
    assert sys.getswitchinterval() == before
