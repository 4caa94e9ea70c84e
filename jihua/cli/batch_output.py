"""Where a batch of ``jihua extract`` goes: JSON Lines, a Parquet table of facts, or both.

``--jsonl OUT`` keeps everything, one line per file. ``--parquet OUT`` keeps the
facts, one row per fact, for tools that read columns (pandas, DuckDB, Spark):

==================  ======================================================
column              from
==================  ======================================================
``source``          the file (as in the JSON line)
``region`` …        ``region``, ``document_kind``, ``report_year``,
                    ``plan_year`` of the file
``indicator`` …     each key of the fact, under its own name; ``period`` a
                    struct ``{year, from, to}`` as in JSON; a key the fact
                    does not have (``rank``, ``average_years``) is null
==================  ======================================================

Tables, projects and tasks are in the JSON lines only. Both outputs are
written as the results come, so a batch of any size needs no more memory than
:data:`ROWS_PER_GROUP` rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pyarrow as pa

#: the keys of the file that each of its facts' rows repeats
FILE_FIELDS = ("source", "region", "document_kind", "report_year", "plan_year")
#: rows kept before they are written as one row group
ROWS_PER_GROUP = 50_000


def facts_schema() -> pa.Schema:
    """The Parquet columns: the file's keys, then every key a fact can have."""
    import pyarrow as pa

    return pa.schema(
        [
            ("source", pa.string()),
            ("region", pa.string()),
            ("document_kind", pa.string()),
            ("report_year", pa.int32()),
            ("plan_year", pa.int32()),
            ("indicator", pa.string()),
            ("year", pa.int32()),
            ("kind", pa.string()),
            ("status", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("qualifier", pa.string()),
            ("quote", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("rank", pa.bool_()),
            ("rank_scope", pa.string()),
            (
                "period",
                pa.struct([("year", pa.int32()), ("from", pa.int32()), ("to", pa.int32())]),
            ),
            ("basis", pa.string()),
            ("average_years", pa.int32()),
        ]
    )


def fact_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per fact of one file's extraction."""
    document = {key: result.get(key) for key in FILE_FIELDS}
    return [{**document, **fact} for fact in result.get("facts", [])]


class Output(Protocol):
    def write(self, line: bytes) -> None: ...

    def close(self) -> None: ...


class JsonLines:
    """``--jsonl``: the lines as they are (UTF-8)."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("wb")

    def write(self, line: bytes) -> None:
        self._file.write(line)
        self._file.write(b"\n")

    def close(self) -> None:
        self._file.close()


class FactsParquet:
    """``--parquet``: the facts of each line as rows, written in row groups."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self._schema = facts_schema()
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, line: bytes) -> None:
        self._rows.extend(fact_rows(json.loads(line)))
        if len(self._rows) >= ROWS_PER_GROUP:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []


class Outputs:
    """Every output asked for, written and closed together."""

    def __init__(self, jsonl: Path | None, parquet: Path | None) -> None:
        self.names = [str(path) for path in (jsonl, parquet) if path is not None]
        self._outputs: list[Output] = []
        if jsonl is not None:
            self._outputs.append(JsonLines(jsonl))
        if parquet is not None:
            self._outputs.append(FactsParquet(parquet))

    def write(self, line: bytes) -> None:
        for output in self._outputs:
            output.write(line)

    def close(self) -> None:
        for output in self._outputs:
            output.close()
