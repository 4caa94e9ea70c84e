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
import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jihua.errors import UserError, os_error_text
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
        raise UserError(f"无法读取 {path}：{os_error_text(exc)}") from exc
    except json.JSONDecodeError as exc:
        raise UserError(f"{path} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path} 不是 UTF-8 编码的 JSON（第 {exc.start + 1} 个字节）") from exc
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
    typed = {table.name: _rows(table, tables.get(table.name, []), source) for table in known}
    try:
        with Session(writer(engine)) as session, session.begin():
            _require_empty(session, known)
            for table in known:
                if typed[table.name]:
                    session.execute(insert(table), typed[table.name])
                counts[table.name] = len(typed[table.name])
            if engine.dialect.name == "postgresql":
                _reset_sequences(session, known)
    except IntegrityError as exc:
        raise UserError(f"{source} 的数据前后不一致，未导入任何数据：{_broken_rule(exc)}") from exc
    return counts


def _broken_rule(exc: IntegrityError) -> str:
    """Which rule of the schema the data broke, in words (the driver's message is English)."""
    text = str(exc.orig)
    column = re.search(r"(?:failed|constraint)[:\s\"]+([\w.]+)", text)
    name = f"（{column.group(1)}）" if column else ""
    if "UNIQUE" in text or "unique" in text or "duplicate" in text:
        return f"有重复的行{name}"
    if "NOT NULL" in text or "null value" in text:
        return f"缺少必填的值{name}"
    if "FOREIGN KEY" in text or "foreign key" in text:
        return f"引用了不存在的行{name}"
    return f"违反了数据库的约束{name}"


def _rows(table: Table, rows: Any, source: str) -> list[dict[str, Any]]:
    """The rows of one table, each value checked against its column, ids unique."""
    if not isinstance(rows, list):
        raise UserError(f"{source} 中表 {table.name} 不是行的列表")
    typed = [
        _typed(table, row, f"{source} 表 {table.name} 第{n}行") for n, row in enumerate(rows, 1)
    ]
    if "id" in table.c:
        seen: set[Any] = set()
        for n, row in enumerate(typed, 1):
            if row.get("id") in seen:
                raise UserError(f"{source} 表 {table.name} 第{n}行：id {row['id']} 与前面的行重复")
            seen.add(row.get("id"))
    return typed


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


def _typed(table: Table, row: Any, where: str) -> dict[str, Any]:
    if not isinstance(row, dict) or not row:
        raise UserError(f"{where}：不是一行数据")
    columns = table.c
    unknown = set(row) - set(columns.keys())
    if unknown:
        raise UserError(f"表 {table.name} 没有这些列：{'、'.join(sorted(unknown))}")
    for column in columns:
        needed = not column.nullable and column.default is None and not column.primary_key
        if needed and row.get(column.name) is None:
            raise UserError(f"{where}：缺少必填的字段 {column.name}")
    return {key: _typed_value(columns[key], value, where) for key, value in row.items()}


#: column type → the Python types its value may have in an export, and their name in a message
_ACCEPTED: tuple[tuple[type[Any], tuple[type[Any], ...], str], ...] = (
    (Boolean, (bool,), "真或假"),
    (Integer, (int,), "整数"),
    (Float, (int, float), "数字"),
    (String, (str,), "文字"),
)


def _typed_value(column: Any, value: Any, where: str) -> Any:
    """An export's value as its column stores it; a value of the wrong kind is a ``UserError``."""
    kind, field = column.type, f"{where} 字段 {column.name}"
    if value is None:
        return None
    if isinstance(kind, DateTime):
        try:
            return datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise UserError(f"{field}：应为 ISO 8601 时间，不是“{value}”") from None
    if isinstance(kind, LargeBinary):
        try:
            return base64.b64decode(value, validate=True)
        except (TypeError, ValueError):
            raise UserError(f"{field}：应为 base64 文字") from None
    for sql_type, python_types, name in _ACCEPTED:
        if isinstance(kind, sql_type):
            wrong = isinstance(value, bool) and bool not in python_types
            if wrong or not isinstance(value, python_types):
                raise UserError(f"{field}：应为{name}，不是“{value}”")
            if isinstance(value, float) and not math.isfinite(value):
                raise UserError(f"{field}：应为有限的数字，不是“{value}”")
            return value
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
