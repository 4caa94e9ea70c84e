"""Reports of a stored plan: rebuilt from the store's figures, the latest vintage applied."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import jihua.store
from jihua.cli import cli
from jihua.errors import UserError
from jihua.evaluate import Evaluation
from jihua.report.stored import read_stored_plan


@pytest.fixture()
def seed_db(tmp_path: Path, seed_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'jihua.sqlite'}"
    with jihua.store.open(url) as store:
        store.ingest(seed_path)
    return url


def _report(tmp_path: Path, url: str, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"stored.{fmt}"
    args = ["report", "--region", "涪陵区", "--year", "2023", "--db", url, "--format", fmt]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    return list(workbook[sheet].iter_rows(min_row=2, values_only=True))


def test_stored_plan_rebuilds_the_seeds_tables(seed_db: str, seed_evaluation: Evaluation) -> None:
    with jihua.store.open(seed_db) as store:
        report = read_stored_plan(store, "涪陵区", 2023).report
    assert (report.region, report.parent_region, report.report_year, report.plan_year) == (
        "涪陵区",
        "重庆市",
        2023,
        2024,
    )
    assert report.execution is not None and report.plan is not None
    stored = [
        (r.name, r.target.text, r.actual.text if r.actual else None)
        for r in report.execution.all_rows()
    ]
    seeded = [
        (
            r.indicator.name,
            r.indicator.target.text,
            r.indicator.actual.text if r.indicator.actual else None,
        )
        for item in seed_evaluation.graded
        for r in (item, *item.subrows)
    ]
    assert stored == seeded


def test_xlsx_of_a_stored_plan_matches_the_file_grades(
    tmp_path: Path, seed_db: str, seed_evaluation: Evaluation
) -> None:
    rows = _sheet_rows(_report(tmp_path, seed_db, "xlsx"), "执行情况")
    grades = [r[4] for r in rows if isinstance(r[0], int)]
    assert grades == [item.grade.label for item in seed_evaluation.graded]


def test_a_later_vintage_moves_the_stored_report(tmp_path: Path, seed_db: str) -> None:
    with jihua.store.open(seed_db) as store:
        store.set_actual("涪陵区", 2023, "农业增加值增速", "5.2", "快报", "2023年统计快报")
    rows = _sheet_rows(_report(tmp_path, seed_db, "xlsx"), "执行情况")
    agriculture = next(r for r in rows if r[1] == "农业增加值增速（%）")
    assert agriculture[3:5] == (5.2, "超额完成")


def test_docx_of_a_stored_plan_carries_its_title(tmp_path: Path, seed_db: str) -> None:
    import docx

    document = docx.Document(str(_report(tmp_path, seed_db, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "涪陵区2023年国民经济和社会发展计划执行情况评价报告" in text


def test_a_stored_plan_without_actuals_cannot_be_reported(tmp_path: Path, seed_db: str) -> None:
    args = ["report", "--region", "涪陵区", "--year", "2024", "--db", seed_db, "--format", "xlsx"]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "x.xlsx")])
    assert isinstance(result.exception, UserError)
    assert "没有找到计划执行情况表" in str(result.exception)


def test_region_without_year_is_a_user_error(seed_db: str) -> None:
    result = CliRunner().invoke(cli, ["report", "--region", "涪陵区", "--db", seed_db])
    assert isinstance(result.exception, UserError)
    assert str(result.exception) == "读取库中的计划须同时给出 --region 和 --year"


def test_a_plan_read_from_the_report_proposing_it_is_not_rendered(seed_db: str) -> None:
    from jihua.report.stored import render_stored

    with jihua.store.open(seed_db) as store:
        proposed = read_stored_plan(store, "涪陵区", 2024)
    assert proposed.report.report_year == 2023  # the text it was read from executes 2023
    with pytest.raises(UserError, match="库中 涪陵区 2024 年的计划没有完成情况"):
        render_stored("xlsx", proposed)


def test_render_stored_matches_the_report_of_the_seed_file(
    tmp_path: Path, seed_db: str, seed_path: Path
) -> None:
    from jihua.report.stored import render_stored

    with jihua.store.open(seed_db) as store:
        stored = render_stored("xlsx", read_stored_plan(store, "涪陵区", 2023))
    out = tmp_path / "file.xlsx"
    result = CliRunner().invoke(cli, ["report", str(seed_path), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output

    def sheets(data: bytes) -> dict[str, list[tuple[object, ...]]]:
        book = openpyxl.load_workbook(io.BytesIO(data))
        return {s.title: list(s.iter_rows(values_only=True)) for s in book}

    assert sheets(stored) == sheets(out.read_bytes())
