"""Ordinal ranks: ``居全市区县第三``, ``排名全市第1位``, ``全省排名升至第18名``.

:func:`scan_ranks` finds each rank statement of a text: the ordinals (``第三`` → 3,
``第1`` → 1; ``分别居…第三、第二`` gives two), the scope they rank in
(``全市区县``) and where the phrase before them (verb and scope) starts, so that
the fact reader can name the indicator from the words before it. A rank needs a
scope (``全X…``) or a ranking verb (居, 位居, 排名…) before its ordinal, and a
clause boundary after it: ``西南第二动力电池生产基地``, ``第三产业``, ``第五届`` and
``前列`` are not ranks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from jihua.extract.numbers import chinese_number, inside_quotes, positions_of, to_float

_NUMBERED = r"(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})[名位]?"
_ORDINAL = rf"(?:第{_NUMBERED}|首位|榜首)"
_ORDINALS = rf"(?:、{_ORDINAL})*(?=[，。；,;、)）（(\n]|$)"
#: one ordinal or a list of them, ending a clause: searched from its literal 第 (the engine
#: skips ahead to it); 首位 and 榜首, rare, are found by ``str.find`` and matched there
_NUMBERED_RE = re.compile(rf"第{_NUMBERED}{_ORDINALS}")


@cache
def _ordinals_re() -> re.Pattern[str]:
    return re.compile(rf"{_ORDINAL}{_ORDINALS}")


_FIRST_WORDS = ("首位", "榜首")
_RANK_VERBS = (
    r"分别位居|分别居|分居|分列|稳居|位居|跃居|位列|名列|居于|居|排名|排位|排在|保持|升至|上升至"
    r"|提升至|跃升至"
)
#: ordinals said in words: 首位 and 榜首 are the first
_FIRST = frozenset(["首位", "榜首"])
#: the characters a lead can start with: a verb's first, or the scope's 全
_LEAD_FIRST = "".join(sorted({verb[0] for verb in _RANK_VERBS.split("|")} | {"全"}))
#: what stands just before the ordinals: a verb and a scope, or a ranking verb alone (the
#: lookahead rules out at once each position a lead cannot start at)
_RANK_LEAD_RE = re.compile(
    rf"(?=[{_LEAD_FIRST}])"
    rf"(?:(?:{_RANK_VERBS})?(?P<scope>全[国省市区县州][\u4e00-\u9fff]{{0,5}}?)"
    rf"(?:排名|排位|位次)?(?:升至|上升至|提升至|跃升至|跃居|居|为|保持|列)?"
    rf"|(?:分别位居|分别居|分居|分列|稳居|位居|跃居|位列|名列|居于|居|排名|排位|排在)(?:升至|上升至|提升至)?"
    rf"|(?:升至|上升至|提升至|跃升至))$"
)
_LEAD_REACH = 16


@dataclass(frozen=True, slots=True)
class Ordinal:
    """One ordinal of a rank statement: its value and where it ends."""

    value: int
    end: int


@dataclass(frozen=True, slots=True)
class Rank:
    """A rank statement: the ordinals, their scope, and where the phrase before them starts."""

    lead_start: int
    scope: str | None
    ordinals: tuple[Ordinal, ...]


def scan_ranks(text: str) -> list[Rank]:
    """Every rank statement of the text, in order."""
    ranks = []
    matches = list(_NUMBERED_RE.finditer(text))
    if "首位" in text or "榜首" in text:
        firsts = [_ordinals_re().match(text, at) for at in positions_of(text, _FIRST_WORDS)]
        matches = sorted([*matches, *filter(None, firsts)], key=_start_of)
    for match in matches:
        start = match.start()
        lead = _RANK_LEAD_RE.search(text, max(0, start - _LEAD_REACH), start)
        if lead is None or inside_quotes(text, start):
            continue
        ordinals = _ordinals(match)
        if ordinals:
            ranks.append(Rank(lead.start(), lead["scope"], ordinals))
    return ranks


def _ordinals(match: re.Match[str]) -> tuple[Ordinal, ...]:
    """The ordinals of ``第三、第二名``: each piece between the 、 is 第, a numeral and
    maybe 名 or 位, and ends where the ordinal does."""
    ordinals = []
    start = match.start()
    for piece in match.group(0).split("、"):
        end = start + len(piece)
        value = 1 if piece in _FIRST else _ordinal_value(piece[1:].rstrip("名位"))
        if value is None:
            return ()
        ordinals.append(Ordinal(value, end))
        start = end + len("、")
    return tuple(ordinals)


def _start_of(match: re.Match[str]) -> int:
    return match.start()


@cache  # a report repeats the same few numerals
def _ordinal_value(numeral: str) -> int | None:
    """``三`` → 3, ``十二`` → 12, ``１８`` → 18."""
    if numeral[0] in "0123456789０１２３４５６７８９":
        return int(to_float(numeral))
    value = chinese_number(numeral)
    return int(value) if value else None
