from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jihua.cli import cli
from jihua.errors import UserError
from jihua.store.api import Store


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JIHUA_DATABASE_URL", raising=False)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=True)

    return invoke


def test_ingest_without_a_file_stores_the_example_in_the_working_directory(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = run("ingest")
    assert first.exit_code == 0, first.output
    assert "已入库（涪陵区 2023、2024年）" in first.output
    assert (tmp_path / "jihua.sqlite").exists()
    assert "已存在" in run("ingest").output


def test_ingest_of_files_and_compare_across_them(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import other_region_bytes

    (tmp_path / "cs.txt").write_bytes(other_region_bytes("长寿区", "GDP增长", "8.2"))
    assert run("ingest").exit_code == 0
    assert run("ingest", "cs.txt", "--db", "jihua.sqlite").exit_code == 0
    result = run("compare", "地区生产总值增速", "--year", "2023", "--json")
    assert result.exit_code == 0, result.output
    assert [row["region"] for row in json.loads(result.output)] == ["长寿区", "涪陵区"]


def test_actual_set_then_history_shows_the_move(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest")
    result = run(
        "actual",
        "set",
        "涪陵区",
        "2023",
        "农业增加值增速",
        "5.2",
        "--vintage",
        "年报",
        "--source",
        "公报",
    )
    assert result.exit_code == 0, result.output
    assert "评价：超额完成" in result.output
    history = run("history", "涪陵区", "2023", "农业增加值增速")
    assert "年报：5.2" in history.output and "超额完成" in history.output


def test_export_import_and_backup_from_the_command_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest")
    assert run("export", "--format", "json", "-o", "dump.json").exit_code == 0
    assert run("import", "dump.json", "--db", "copy.sqlite").exit_code == 0
    assert run("export", "--db", "copy.sqlite", "-o", "again.json").exit_code == 0
    assert (tmp_path / "dump.json").read_text() == (tmp_path / "again.json").read_text()
    assert run("db", "backup", "backup.sqlite").exit_code == 0
    with Store(f"sqlite:///{tmp_path / 'backup.sqlite'}") as backup:
        assert len(backup.indicators(region="涪陵区", year=2023)) > 31


def test_template_then_a_bad_import_is_a_user_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest")
    assert run("template", "actuals.csv").exit_code == 0
    with (tmp_path / "actuals.csv").open("a", encoding="utf-8") as handle:
        handle.write("涪陵区,2023,农业增加值增速,很好,年报,公报\n")
    result = run("import", "actuals.csv")
    assert isinstance(result.exception, UserError)
    assert "第2行 D列（完成值）" in str(result.exception)


def test_db_upgrade_creates_the_schema(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("db", "upgrade", "--db", "new.sqlite")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new.sqlite").exists()


def test_project_template_then_import_with_region_and_year(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest")
    assert "已生成模板" in run("template", "projects.csv").output
    with (tmp_path / "projects.csv").open("a", encoding="utf-8") as handle:
        handle.write("新建物流园,新开工,商贸物流,社会投资,5,2,,,区商务委\n")
    assert isinstance(run("import", "projects.csv").exception, SystemExit)
    result = run("import", "projects.csv", "--region", "涪陵区", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert "新增 1 个，更新 0 个" in result.output


def test_export_of_one_table_as_csv_and_parquet(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest")
    result = run("export", "--format", "csv", "--table", "facts", "-o", "facts.csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "facts.csv").read_bytes().startswith("\ufeff".encode())
    assert run("export", "--format", "parquet", "-o", "tables").exit_code == 0
    assert (tmp_path / "tables" / "project_groups.parquet").exists()


def test_targets_lists_the_years_of_one_indicator(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest")
    result = run("targets", "涪陵区", "GDP增长", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["year"], r["target"], r["basis"]) for r in rows] == [
        (2023, "6.5", "表格"),
        (2024, "6.5", "表格"),
    ]
