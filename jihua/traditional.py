"""Reports in traditional characters (繁體), read like their simplified text.

A report in 繁體 — or mirrored by a site that converts it — is read through a
simplified copy made character by character (``jihua/data/t2s.txt``, from OpenCC),
so the copy has the same length: every offset found in it is an offset into the
original, and quotes are cut from the original again (:func:`restore_quotes`).
Names, kinds, years, tables and grades come out in simplified form, as for any
other report. A character that is also a simplified character of its own (乾, 覆)
is left as it is, so simplified text passes through unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from jihua.document import Cell, Document, RawTable

#: read beside this module, not through ``importlib.resources``: importing that costs every
#: ``jihua extract`` more than reading the table does (jihua is installed as files, never zipped)
_TABLE_FILE = Path(__file__).parent / "data" / "t2s.txt"


@cache
def _table() -> dict[int, str]:
    text = _TABLE_FILE.read_text(encoding="utf-8")
    pairs = (line for line in text.splitlines() if line and not line.startswith("#"))
    return {ord(pair[0]): pair[1] for pair in pairs}


@cache
def _traditional_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(map(chr, _table()))) + "]")


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds any character that simplified text writes otherwise."""
    return _traditional_re().search(text) is not None


#: words that converting characters alone leaves in another spelling; each the same length
_WORDS = (("计画", "计划"),)


def simplify(text: str) -> str:
    """``text`` in simplified characters, one character for one (same length).

    A few words written differently in Taiwan (計畫 for 计划) are then respelled.
    """
    simple = text.translate(_table())
    for written, meant in _WORDS:
        simple = simple.replace(written, meant)
    return simple


def simplified(document: Document) -> Document:
    """The document as simplified text and cells; the same object when nothing changes."""
    if not has_traditional(document.text):
        return document
    return replace(
        document,
        text=simplify(document.text),
        tables=[_simplified_table(table) for table in document.tables],
    )


def _simplified_table(table: RawTable) -> RawTable:
    rows = [[Cell(simplify(cell.text), cell.start, cell.end) for cell in row] for row in table.rows]
    return replace(table, rows=rows, title=simplify(table.title), note=simplify(table.note))


def restore_quotes(item: Any, original: str) -> None:
    """Cut every ``quote`` with ``start``/``end`` in ``item`` again from ``original``."""
    if isinstance(item, dict):
        if isinstance(item.get("quote"), str) and _has_span(item):
            item["quote"] = original[item["start"] : item["end"]]
        for value in item.values():
            restore_quotes(value, original)
    elif isinstance(item, list):
        for value in item:
            restore_quotes(value, original)


def _has_span(item: dict[str, Any]) -> bool:
    start, end = item.get("start"), item.get("end")
    return isinstance(start, int) and isinstance(end, int)
