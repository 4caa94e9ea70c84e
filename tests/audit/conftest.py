"""A hand-built extraction of the seed's projects and two prose facts, with real offsets.

It follows the extraction contract (DESIGN.md) so the audit can be tested on
its own; ``test_audit_extraction.py`` runs the same checks on the real extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from jihua.document import Document

_TOTAL = re.compile(
    r"2024年拟实施(?P<label>政府投资项目|区级重点项目)(?P<count>\d+)个，"
    r"总投资(?P<invest>[\d.]+)亿元，年度计划投资(?P<annual>[\d.]+)亿元。"
)
_PART = re.compile(
    r"(?P<label>[^，。；：\d.．\s]+?)(?P<count>\d+)个，年度计划投资(?P<annual>[\d.]+)亿元"
)


def _span(text: str, quote: str, after: int = 0) -> dict[str, Any]:
    start = text.index(quote, after)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def _part(text: str, match: re.Match[str], offset: int) -> dict[str, Any]:
    return {
        "label": match["label"],
        "count": int(match["count"]),
        "total_investment": None,
        "annual_investment": float(match["annual"]),
        "quote": match.group(0),
        "start": offset + match.start(),
        "end": offset + match.end(),
    }


def _parts(text: str, start: int, end: int) -> list[dict[str, Any]]:
    return [_part(text, m, start) for m in _PART.finditer(text[start:end])]


def _group(text: str, label: str) -> dict[str, Any]:
    """The group's first total sentence, numbers read from the text (so a test may alter them)."""
    m = next(m for m in _TOTAL.finditer(text) if m["label"] == label)
    return {
        "label": label,
        "year": 2024,
        "count": int(m["count"]),
        "total_investment": float(m["invest"]),
        "annual_investment": float(m["annual"]),
        "unit": "亿元",
        "quote": m.group(0),
        "start": m.start(),
        "end": m.end(),
        "breakdowns": {},
        "names": [],
    }


def seed_extraction(text: str) -> dict[str, Any]:
    government = _group(text, "政府投资项目")
    stage_end = text.index("\n", government["end"])
    government["breakdowns"]["stage"] = _parts(text, government["end"], stage_end)
    box = text.index("专栏1")
    government["breakdowns"]["area"] = _parts(
        text, text.index("其中：", box), text.index("三、2024年主要任务")
    )
    district = _group(text, "区级重点项目")
    source_end = text.index("计划推进前期论证", district["end"])
    district["breakdowns"]["source"] = _parts(text, district["end"], source_end)
    district["breakdowns"]["stage"] = _parts(text, source_end, text.index("二、市级重点项目"))
    income = "城乡居民人均可支配收入分别增长5%左右、7%左右"
    span = _span(text, income)
    facts = [
        {
            "indicator": "城镇居民人均可支配收入",
            "year": 2023,
            "kind": "growth",
            "status": "actual",
            "value": 5.0,
            "unit": "%",
            "qualifier": "左右",
            **span,
        },
        {
            "indicator": "农村居民人均可支配收入",
            "year": 2023,
            "kind": "growth",
            "status": "actual",
            "value": 7.0,
            "unit": "%",
            "qualifier": "左右",
            **span,
        },
        {
            "indicator": "地区生产总值",
            "year": 2023,
            "kind": "growth",
            "status": "actual",
            "value": 7.5,
            "unit": "%",
            "qualifier": "以上",
            **_span(text, "增长7.5%以上"),
        },
    ]
    return {
        "region": "涪陵区",
        "report_year": 2023,
        "plan_year": 2024,
        "facts": facts,
        "tables": [],
        "projects": [government, district],
        "tasks": [],
    }


@pytest.fixture(scope="session")
def build_extraction() -> Callable[[str], dict[str, Any]]:
    return seed_extraction


@pytest.fixture(scope="session")
def seed_extraction_dict(seed_document: Document) -> dict[str, Any]:
    return seed_extraction(seed_document.text)
