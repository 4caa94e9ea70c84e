from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.exports import export, table_rows
from jihua.store.schema import Task


def test_csv_of_a_table_is_utf8_with_a_bom_for_excel(seeded: Store, tmp_path: Path) -> None:
    out = tmp_path / "tasks.csv"
    export(seeded.engine, "csv", out, "tasks")
    assert out.read_bytes().startswith("\ufeff".encode())
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 28
    assert rows[0]["title"] == "强化制造业引擎作用"
    assert json.loads(rows[0]["commitments"])[0]["indicator"] == "规上工业产值"


def test_parquet_of_a_table_has_every_row_and_column(seeded: Store, tmp_path: Path) -> None:
    out = tmp_path / "groups.parquet"
    export(seeded.engine, "parquet", out, "project_groups")
    frame = pq.read_table(out).to_pandas()
    assert len(frame) == 5
    first = frame[frame["label"] == "政府投资项目"].iloc[0]
    assert (first["count"], first["total_investment"]) == (384, 833.6)


def test_xlsx_has_one_sheet_per_table(seeded: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    export(seeded.engine, "xlsx", out)
    book = load_workbook(out, read_only=True)
    try:
        assert {"facts", "tasks", "project_breakdowns", "indicators"} <= set(book.sheetnames)
        header = next(book["tasks"].iter_rows(values_only=True))
        assert list(header) == list(Task.__table__.c.keys())
    finally:
        book.close()


def test_every_table_as_csv_files_in_a_directory(seeded: Store, tmp_path: Path) -> None:
    written = export(seeded.engine, "csv", tmp_path / "out")
    assert {p.name for p in written} >= {"facts.csv", "projects.csv", "change_log.csv"}


def test_json_of_one_table_is_its_rows(seeded: Store, tmp_path: Path) -> None:
    out = tmp_path / "facts.json"
    export(seeded.engine, "json", out, "facts")
    rows = json.loads(out.read_text(encoding="utf-8"))
    columns, stored = table_rows(seeded.engine, Task.metadata.tables["facts"])
    assert len(rows) == len(stored) and set(rows[0]) == set(columns)


def test_an_unknown_table_names_the_ones_there_are(seeded: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"没有表 plans2；可导出的表：.*facts"):
        export(seeded.engine, "csv", tmp_path / "x.csv", "plans2")
