"""The unseen set's hand labels are well formed: this checks the labels, not the extractor.

A label whose quote is not in its text, or whose kind or year is out of the contract,
would make ``bench/extract_accuracy.py --set unseen`` score something other than the
extractor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

UNSEEN = Path(__file__).resolve().parents[1] / "unseen"
TRUTHS = sorted((UNSEEN / "truth").glob("*.json"))
KINDS = {"level", "growth", "share", "change", "completion", "other"}
STATUSES = {"actual", "target"}
QUALIFIERS = {None, "左右", "以上", "以内", ">=", "<=", "约", "预计"}


def _labels(truth: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(truth.read_text(encoding="utf-8"))
    return data


def _text(truth: Path) -> str:
    return (UNSEEN / f"{truth.stem}.txt").read_text(encoding="utf-8")


def _figure(value: float) -> str:
    """``-2.3`` → ``2.3``, ``8`` → ``8``: the figure as the text writes it (a decline's sign is in words)."""
    return str(abs(value))


def test_the_set_holds_at_least_49_labelled_excerpts_each_with_its_text() -> None:
    texts = {path.stem for path in UNSEEN.glob("*.txt")}
    assert len(TRUTHS) >= 49
    assert {truth.stem for truth in TRUTHS} == texts


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_the_header_names_the_page_region_and_years(truth: Path) -> None:
    labels, text = _labels(truth), _text(truth)
    first, blank = text.splitlines()[:2]
    assert first == f"source: {labels['source']}" and blank == ""
    assert labels["source"].startswith(("http://", "https://"))
    for key in ("region", "level", "doc_type"):
        assert isinstance(labels[key], str) and labels[key]
    assert 2010 <= labels["report_year"] <= labels["plan_year"] <= labels["report_year"] + 1
    assert labels["facts"]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_every_quote_is_found_once_and_holds_its_figure(truth: Path) -> None:
    text = _text(truth)
    for fact in _labels(truth)["facts"]:
        assert text.count(fact["quote"]) == 1, fact["quote"]
        digits = fact["quote"].replace(",", "").replace(" ", "")
        assert _figure(fact["value"]) in digits, fact["quote"]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_every_field_is_in_the_contract(truth: Path) -> None:
    labels, text = _labels(truth), _text(truth)
    for fact in labels["facts"]:
        assert isinstance(fact["indicator"], str) and fact["indicator"], fact
        assert fact["kind"] in KINDS, fact
        assert fact["status"] in STATUSES, fact
        assert fact["qualifier"] in QUALIFIERS, fact
        assert fact["unit"] is None or (isinstance(fact["unit"], str) and fact["unit"]), fact
        assert isinstance(fact["value"], (int, float)) and not isinstance(fact["value"], bool)
        in_span = labels["report_year"] <= fact["year"] <= labels["plan_year"]
        named = f"{fact['year']}年"
        assert (
            in_span
            or named in fact["quote"]
            or (fact["year"] < labels["report_year"] and named in text)
        ), (
            fact
        )  # an earlier year named in the quote, or in the text it starts from (从2.5万亿元提升至…)


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_declines_are_negative_and_comparisons_are_in_percentage_points(truth: Path) -> None:
    for fact in _labels(truth)["facts"]:
        quote = fact["quote"]
        if fact["kind"] == "growth" and f"下降{_figure(fact['value'])}" in quote:
            assert fact["value"] < 0, quote
        if fact["unit"] == "个百分点":
            assert fact["kind"] in {"change", "other"}, quote
