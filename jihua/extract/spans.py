"""Stretches of a text that a reader leaves out (tables, a web page's furniture)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Spans:
    """``(start, end)`` stretches, merged once where they touch or overlap, so that whether a
    position falls inside one is a bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for low, high in sorted(span for span in spans if span[0] < span[1]):
            if merged and low <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], high))
            else:
                merged.append((low, high))
        self.spans = merged
        self._lows = [low for low, _ in merged]
        self._highs = [high for _, high in merged]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self._lows, position) - 1
        return index >= 0 and position < self._highs[index]

    def overlap(self, start: int, end: int) -> bool:
        """Whether any span has a position in ``[start, end)``."""
        index = bisect_left(self._lows, end) - 1
        return index >= 0 and self._highs[index] > start
