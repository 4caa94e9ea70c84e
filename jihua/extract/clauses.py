"""Clause boundaries of a text, found by compiled regular expressions.

A clause runs from just after a delimiter (``，；。！？：`` or a line break, and
``、`` when list items count as clauses) or an unclosed opening bracket, to the
next delimiter. :class:`ClauseIndex` keeps the text reversed once, so that the
nearest delimiter or bracket *before* a figure is one regex search forward in
the reversed text instead of a walk back over the characters in Python.
"""

from __future__ import annotations

import re

_CLAUSE_DELIMS = "，,；;。！!？?\n：:"
_LIST_MARK = "、"
_OPEN = "（("
_CLOSE = "）)"
_DELIM_RE = re.compile("[" + re.escape(_CLAUSE_DELIMS) + "]")
_BACK_STOP_RE = re.compile("[" + re.escape(_CLAUSE_DELIMS + _OPEN + _CLOSE) + "]")
_BACK_STOP_LIST_RE = re.compile("[" + re.escape(_CLAUSE_DELIMS + _LIST_MARK + _OPEN + _CLOSE) + "]")
_SPACE = "[ \t\u3000\u00a0\n]"
#: one space, then any more: a pattern opening with a character class lets the regex engine
#: skip ahead to candidates (``[…]+`` would be tried at every position)
_SPACES_RE = re.compile(f"{_SPACE}{_SPACE}*")
#: how far back a clause start is looked for
_REACH = 120


class ClauseIndex:
    """Finds the clause around a position of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._reversed = text[::-1]
        self._size = len(text)

    def start(self, position: int, list_items: bool = True, reach: int = _REACH) -> int:
        """Where the clause holding ``position`` starts: after a delimiter or an unclosed bracket.

        Looks back at most ``reach`` characters.
        """
        limit = position - reach if position > reach else 0
        size = self._size
        stops = _BACK_STOP_LIST_RE if list_items else _BACK_STOP_RE
        stop = stops.search(self._reversed, size - position, size - limit)
        if stop is None:
            return limit
        index = size - 1 - stop.start()
        if self.text[index] in _CLOSE:
            return self._start_through_brackets(index, list_items, limit)
        return index + 1  # a delimiter, or an opening bracket left open

    def starts(self, position: int) -> tuple[int, int]:
        """``start(position)`` and ``start(position, list_items=False)``.

        They differ only when the first stops at a ``、`` or at the reach: otherwise the
        second search would stop where the first did, and is not made.
        """
        start = self.start(position)
        if start > position - _REACH and start > 0 and self.text[start - 1] != _LIST_MARK:
            return start, start
        return start, self.start(position, list_items=False)

    def _start_through_brackets(self, close: int, list_items: bool, limit: int) -> int:
        """The walk back from a closing bracket, over the brackets it closes."""
        text = self.text
        depth = 0
        for index in range(close, limit - 1, -1):
            ch = text[index]
            if ch in _CLOSE:
                depth += 1
            elif ch in _OPEN:
                if depth == 0:
                    return index + 1
                depth -= 1
            elif depth == 0 and (ch in _CLAUSE_DELIMS or (list_items and ch == _LIST_MARK)):
                return index + 1
        return limit

    def end(self, position: int, reach: int = 60) -> int:
        """Where the clause holding ``position`` ends (its delimiter), at most ``reach`` on."""
        limit = min(len(self.text), position + reach)
        delimiter = _DELIM_RE.search(self.text, position, limit)
        return delimiter.start() if delimiter else limit

    def squeezed(self, start: int, end: int) -> str:
        """``text[start:end]`` without its spaces and line breaks."""
        return squeeze(self.text[start:end])


def squeeze(text: str) -> str:
    """``text`` without its spaces and line breaks."""
    return _SPACES_RE.sub("", text)
