from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

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
