"""The bulletin set's hand labels are well formed: this checks the labels, not the extractor.

A label whose quote is not in its text, whose months run backwards or whose kind is out of
the contract would make ``bench/extract_accuracy.py --set bulletins`` score something other
than the extractor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

BULLETINS = Path(__file__).resolve().parents[1] / "bulletins"
TRUTHS = sorted((BULLETINS / "truth").glob("*.json"))
KINDS = {"level", "growth", "share", "change", "completion", "time_progress", "other"}
STATUSES = {"actual", "target"}
QUALIFIERS = {None, "左右", "以上", "以内", ">=", "<=", "约", "预计"}
BASES = {None, "yoy", "previous_period"}
DOCUMENT_KINDS = {"bulletin", "notice", "news", "plan_report", "other"}


def _labels(truth: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(truth.read_text(encoding="utf-8"))
    return data


def _text(truth: Path) -> str:
    return (BULLETINS / f"{truth.stem}.txt").read_text(encoding="utf-8")


def _number(stem: str) -> int:
    return int(stem.split("_", 1)[0])


def test_every_excerpt_has_its_labels() -> None:
    texts = {path.stem for path in BULLETINS.glob("*.txt")}
    assert len(TRUTHS) >= 150
    assert {truth.stem for truth in TRUTHS} == texts


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_the_header_names_the_page_and_its_kind(truth: Path) -> None:
    labels, text = _labels(truth), _text(truth)
    first, blank = text.splitlines()[:2]
    assert first == f"source: {labels['source']}" and blank == ""
    assert labels["document_kind"] in DOCUMENT_KINDS
    assert labels["region"] is None or (isinstance(labels["region"], str) and labels["region"])
    assert labels["facts"]
    # 16 onwards were labelled before any rule was written for them
    assert labels.get("held_out", False) == (_number(truth.stem) >= 16)


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_every_quote_is_in_the_text_and_holds_its_figure(truth: Path) -> None:
    text = _text(truth)
    for fact in _labels(truth)["facts"]:
        assert fact["quote"] in text, fact["quote"]
        digits = fact["quote"].replace(",", "").replace(" ", "")
        figure = str(abs(fact["value"]))
        assert figure in digits or figure.removesuffix(".0") in digits, fact["quote"]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_every_field_is_in_the_contract(truth: Path) -> None:
    for fact in _labels(truth)["facts"]:
        assert isinstance(fact["indicator"], str) and fact["indicator"], fact
        assert fact["kind"] in KINDS, fact
        assert fact["status"] in STATUSES, fact
        assert fact["qualifier"] in QUALIFIERS, fact
        assert fact["basis"] in BASES, fact
        assert isinstance(fact["value"], (int, float)) and not isinstance(fact["value"], bool)
        period = fact["period"]
        assert 1 <= period["from"] <= period["to"] <= 12, fact
        assert period["year"] is None or 2000 <= period["year"] <= 2026, fact
        if "average_years" in fact:
            assert fact["average_years"] == 2 and fact["kind"] == "other", fact


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_levels_and_shares_have_no_basis_and_percentage_points_are_no_growth(truth: Path) -> None:
    for fact in _labels(truth)["facts"]:
        if fact["kind"] in {"level", "share", "completion", "time_progress"}:
            assert fact["basis"] is None, fact["quote"]
        if fact["unit"] == "个百分点":
            assert fact["kind"] in {"change", "other", "time_progress"}, fact["quote"]
