"""Score an extraction against hand-labelled facts.

A labelled fact is *found* when an extracted fact has the same value and unit
and its span overlaps the labelled quote's span (``text.find(quote)``); each
extracted fact answers at most one label. Recall is found labels over labels;
precision is extracted facts that answer a label over extracted facts (inside
the label file's ``scope`` when it has one: ``{"from": quote, "to": quote}``
limits the count to the labelled part of a longer report). Kind and status
accuracy are over the found pairs, and so is period accuracy: over the found
labels that carry a ``period``, the share whose months (``from``, ``to``) match and
whose year matches where the label states one. Ranks (facts with ``rank``) are left out of
recall and precision, because the labels do not cover them; ``ranks`` counts them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Score:
    name: str
    labels: int
    extracted: int
    found: int
    correct: int
    kind_right: int
    status_right: int
    missed: list[dict[str, Any]]
    extra: list[dict[str, Any]]
    ranks: int = 0
    periods: int = 0
    period_right: int = 0
    #: (label, extracted fact) pairs found with other months or another year
    wrong_periods: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.found if self.found else 1.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.found if self.found else 1.0

    @property
    def period_accuracy(self) -> float:
        return self.period_right / self.periods if self.periods else 1.0


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def score_facts(name: str, text: str, truth: dict[str, Any], facts: list[dict[str, Any]]) -> Score:
    """Match the labelled facts of ``truth`` against extracted ``facts`` of ``text``."""
    low, high = _scope(text, truth.get("scope"))
    facts = [fact for fact in facts if low <= fact["start"] < high]
    ranks = sum(1 for fact in facts if fact.get("rank"))
    facts = [fact for fact in facts if not fact.get("rank")]
    used: set[int] = set()
    found = kind_right = status_right = periods = period_right = 0
    missed = []
    wrong = []
    for label in truth["facts"]:
        index = _best_match(text, label, facts, used)
        if index is None:
            missed.append(label)
            continue
        used.add(index)
        found += 1
        kind_right += facts[index]["kind"] == label["kind"]
        status_right += facts[index]["status"] == label["status"]
        if "period" in label:
            periods += 1
            right = same_period(facts[index].get("period"), label["period"])
            period_right += right
            if not right:
                wrong.append((label, facts[index]))
    extra = [fact for index, fact in enumerate(facts) if index not in used]
    return Score(
        name,
        len(truth["facts"]),
        len(facts),
        found,
        len(used),
        kind_right,
        status_right,
        missed,
        extra,
        ranks,
        periods,
        period_right,
        wrong,
    )


def same_period(found: dict[str, Any] | None, label: dict[str, Any]) -> bool:
    """The months match, and the year too where the label states one."""
    if not found or (found["from"], found["to"]) != (label["from"], label["to"]):
        return False
    return label["year"] is None or found["year"] == label["year"]


def _scope(text: str, scope: dict[str, str] | None) -> tuple[int, int]:
    if not scope:
        return 0, len(text)
    low = text.find(scope["from"]) if scope.get("from") else 0
    high = text.find(scope["to"]) if scope.get("to") else len(text)
    return max(low, 0), high if high >= 0 else len(text)


def _best_match(
    text: str, label: dict[str, Any], facts: list[dict[str, Any]], used: set[int]
) -> int | None:
    start = text.find(label["quote"])
    if start < 0:
        return None
    end = start + len(label["quote"])
    best: tuple[tuple[int, int, int], int] | None = None
    for index, fact in enumerate(facts):
        if index in used or not _same_figure(fact, label):
            continue
        overlap = min(end, fact["end"]) - max(start, fact["start"])
        if overlap <= 0:
            continue
        rank = (fact["kind"] == label["kind"], fact["status"] == label["status"], overlap)
        if best is None or rank > best[0]:
            best = ((int(rank[0]), int(rank[1]), rank[2]), index)
    return best[1] if best else None


def _same_figure(fact: dict[str, Any], label: dict[str, Any]) -> bool:
    return (
        abs(float(fact["value"]) - float(label["value"])) < 1e-9 and fact["unit"] == label["unit"]
    )


def overall(scores: list[Score]) -> Score:
    return Score(
        "overall",
        sum(s.labels for s in scores),
        sum(s.extracted for s in scores),
        sum(s.found for s in scores),
        sum(s.correct for s in scores),
        sum(s.kind_right for s in scores),
        sum(s.status_right for s in scores),
        [m for s in scores for m in s.missed],
        [e for s in scores for e in s.extra],
        sum(s.ranks for s in scores),
        sum(s.periods for s in scores),
        sum(s.period_right for s in scores),
        [pair for s in scores for pair in s.wrong_periods],
    )
