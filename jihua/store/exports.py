"""Any stored table as JSON, XLSX, CSV or Parquet (``jihua export --format … --table …``).

======== ============================================================================
format   what is written
======== ============================================================================
json     every table, restorable with ``jihua import`` (:mod:`jihua.store.dump`);
         with ``--table``, that table's rows as a JSON list
xlsx     one sheet per table (or just the one named)
csv      ``utf-8-sig`` (with a BOM, so Excel and WPS read the Chinese); one table to
         the file named, or every table as ``NAME.csv`` in the directory named
parquet  via pyarrow; one table to the file, or every table as ``NAME.parquet``
======== ============================================================================

Every column is written. In XLSX, CSV and Parquet a JSON column (commitments,
parsed values, …) is written as JSON text, a time as ISO 8601 text and bytes as
base64 text, so the file holds exactly what the database holds, in types every
reader knows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Engine, Table, select

from jihua.errors import UserError
from jihua.store.dump import export_json, jsonable_value, stored_tables

FORMATS = ("json", "xlsx", "csv", "parquet")
#: Excel's limit on a sheet name
_SHEET_NAME = 31


def export(engine: Engine, fmt: str, output: Path, table: str | None = None) -> list[Path]:
    """Write the store (or one table) to ``output``; returns the files written."""
    if fmt not in FORMATS:
        raise UserError(f"导出格式只能是 {'、'.join(FORMATS)}，不是 {fmt}")
    tables = _chosen(engine, table)
    if fmt == "json":
        return [_write_json(engine, tables, output, table)]
    if fmt == "xlsx":
        return [_write_xlsx(engine, tables, output)]
    writer = _write_csv if fmt == "csv" else _write_parquet
    if table is not None:
        return [writer(engine, tables[0], output)]
    output.mkdir(parents=True, exist_ok=True)
    return [writer(engine, t, output / f"{t.name}.{fmt}") for t in tables]


def table_names(engine: Engine) -> list[str]:
    return [t.name for t in stored_tables(engine)]


def _chosen(engine: Engine, name: str | None) -> list[Table]:
    tables = stored_tables(engine)
    if name is None:
        return tables
    found = [t for t in tables if t.name == name]
    if not found:
        names = "、".join(t.name for t in tables)
        raise UserError(f"没有表 {name}；可导出的表：{names}")
    return found


def table_rows(engine: Engine, table: Table) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows in id order, JSON columns and times as text."""
    columns = list(table.c.keys())
    as_json = {c.name for c in table.c if isinstance(c.type, JSON)}
    with engine.connect() as connection:
        result = connection.execute(select(table).order_by(*table.primary_key.columns))
        rows = [
            [_flat(value, name in as_json) for name, value in zip(columns, row, strict=True)]
            for row in result
        ]
    return columns, rows


def _flat(value: Any, is_json: bool) -> Any:
    if is_json:
        return json.dumps(value, ensure_ascii=False)
    return jsonable_value(value)


def _write_json(engine: Engine, tables: list[Table], output: Path, name: str | None) -> Path:
    if name is None:
        output.write_text(export_json(engine) + "\n", encoding="utf-8")
        return output
    columns, rows = table_rows(engine, tables[0])
    records = [
        {c: json.loads(v) if _is_json(tables[0], c) else v for c, v in zip(columns, r, strict=True)}
        for r in rows
    ]
    output.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return output


def _is_json(table: Table, column: str) -> bool:
    return isinstance(table.c[column].type, JSON)


def _write_xlsx(engine: Engine, tables: list[Table], output: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.name[:_SHEET_NAME])
        columns, rows = table_rows(engine, table)
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
    book.save(output)
    return output


def _write_csv(engine: Engine, table: Table, output: Path) -> Path:
    columns, rows = table_rows(engine, table)
    with output.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        out.writerows(rows)
    return output


def _write_parquet(engine: Engine, table: Table, output: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, rows = table_rows(engine, table)
    data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
    pq.write_table(pa.table(data), output)
    return output
