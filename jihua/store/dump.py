"""Everything in the store as one JSON object, and back.

``{"format": "jihua-store", "schema": "<alembic revision>", "tables": {name: [row, …]}}``,
every table of the database (the web app adds its own), rows in id order,
every column, dates in ISO 8601, bytes (an upload waiting for review) in
base64. Importing goes into an empty
database only and keeps every id, so an export of the restored database equals
the original export (the change log comes along as it was, untouched).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    DateTime,
    Engine,
    LargeBinary,
    MetaData,
    Table,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.database import head_revision, writer

FORMAT = "jihua-store"


def stored_tables(engine: Engine) -> list[Table]:
    """Every table of the database (other modules add their own), parents first."""
    metadata = MetaData()
    metadata.reflect(engine)
    return [t for t in metadata.sorted_tables if t.name != "alembic_version"]


def export_dict(engine: Engine) -> dict[str, Any]:
    tables = stored_tables(engine)
    with engine.connect() as connection:
        rows = {
            table.name: [
                _jsonable(dict(row._mapping))
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in tables
        }
    return {"format": FORMAT, "schema": head_revision(), "tables": rows}


def export_json(engine: Engine) -> str:
    return json.dumps(export_dict(engine), ensure_ascii=False, indent=1, sort_keys=True)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: jsonable_value(v) for k, v in row.items()}


def jsonable_value(value: Any) -> Any:
    """A time as ISO 8601 text, bytes as base64 text, anything else as it is."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def import_file(engine: Engine, path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path} 不是有效的 JSON：{exc}") from exc
    except RecursionError as exc:
        raise UserError(f"{path} 嵌套过深，不是 jihua export 导出的数据") from exc
    return import_dict(engine, data, str(path))


def import_dict(engine: Engine, data: Any, source: str = "导入数据") -> dict[str, int]:
    """Restore an export into an empty database, in one transaction; rows per table."""
    tables = _checked(data, source)
    counts: dict[str, int] = {}
    known = stored_tables(engine)
    unknown = set(tables) - {table.name for table in known}
    if unknown:
        raise UserError(f"{source} 中有本数据库没有的表：{'、'.join(sorted(unknown))}")
    with Session(writer(engine)) as session, session.begin():
        _require_empty(session, known)
        for table in known:
            rows = [_typed(table, row) for row in tables.get(table.name, [])]
            if rows:
                session.execute(insert(table), rows)
            counts[table.name] = len(rows)
        if engine.dialect.name == "postgresql":
            _reset_sequences(session, known)
    return counts


def _checked(data: Any, source: str) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{source} 不是 jihua export 导出的数据")
    if data.get("schema") != head_revision():
        raise UserError(f"{source} 的结构版本为 {data.get('schema')}，本程序为 {head_revision()}")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise UserError(f"{source} 中缺少 tables")
    return tables


def _require_empty(session: Session, tables: list[Table]) -> None:
    for table in tables:
        if session.scalar(select(func.count()).select_from(table)):
            raise UserError(f"只能导入到空数据库：表 {table.name} 中已有数据")


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    columns = table.c
    unknown = set(row) - set(columns.keys())
    if unknown:
        raise UserError(f"表 {table.name} 没有这些列：{'、'.join(sorted(unknown))}")
    return {key: _typed_value(columns[key].type, value) for key, value in row.items()}


def _typed_value(kind: Any, value: Any) -> Any:
    if isinstance(kind, DateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(kind, LargeBinary) and isinstance(value, str):
        return base64.b64decode(value)
    return value


def _reset_sequences(session: Session, tables: list[Table]) -> None:
    """Rows came with their ids: move each id sequence past the largest."""
    for table in tables:
        if "id" not in table.c:
            continue
        name = table.name
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )
