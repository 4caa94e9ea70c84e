"""The unseen set's hand labels are well formed: this checks the labels, not the extractor.

A label whose quote is not in its text, or whose kind or year is out of the contract,
would make ``bench/extract_accuracy.py --set unseen`` score something other than the
extractor.
"""

from __future__ import annotations

import json
import re
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


_DIGITS = dict(
    zip("零〇一二两兩三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_POWERS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL_RE = re.compile(r"[零〇一二两兩三四五六七八九十百千]+(?:[点點][零〇一二三四五六七八九]+)?")
#: the five-year plans a text may set targets for, and the year each ends
_FIVE_YEAR_PLANS = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}


def _chinese_figures(quote: str) -> set[float]:
    """The figures a quote writes in Chinese numerals (``六千五百`` → 6500, ``六點四`` → 6.4)."""
    figures = set()
    for match in _NUMERAL_RE.finditer(quote):
        whole, _, decimals = re.sub("點", "点", match.group()).partition("点")
        figure = float(_integer(whole))
        if decimals:
            figure += float("0." + "".join(str(_DIGITS[digit]) for digit in decimals))
        figures.add(round(figure, 6))
    return figures


def _integer(numeral: str) -> int:
    """``六千五百`` → 6500, ``十`` → 10, ``九`` → 9."""
    total = digit = 0
    for char in numeral:
        if char in _POWERS:
            total += (digit or 1) * _POWERS[char]
            digit = 0
        else:
            digit = _DIGITS[char]
    return total + digit


def _holds(quote: str, value: float) -> bool:
    """The quote writes the value: in digits, or in Chinese numerals (``突破九千億元`` holds 9000)."""
    digits = quote.replace(",", "").replace(" ", "")
    return _figure(value) in digits or round(abs(value), 6) in _chinese_figures(quote)


def _five_year_plan_end(text: str) -> set[int]:
    """The years the five-year plans a text names end in (``“十四五”时期…年均增长5.5%`` → 2025)."""
    return {end for name, end in _FIVE_YEAR_PLANS.items() if name in text}


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
        assert _holds(fact["quote"], fact["value"]), fact["quote"]


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
            or fact["year"] in _five_year_plan_end(text)
        ), (
            fact
        )  # an earlier year named in the quote, or in the text it starts from (从2.5万亿元提升至…),
        # or the end of a five-year plan the text names (“十四五”时期…年均增长5.5%: 2025)


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda path: path.stem)
def test_declines_are_negative_and_comparisons_are_in_percentage_points(truth: Path) -> None:
    for fact in _labels(truth)["facts"]:
        quote = fact["quote"]
        if fact["kind"] == "growth" and f"下降{_figure(fact['value'])}" in quote:
            assert fact["value"] < 0, quote
        if fact["unit"] == "个百分点":
            assert fact["kind"] in {"change", "other"}, quote
