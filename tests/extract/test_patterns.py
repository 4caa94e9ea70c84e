"""Patterns searched in every clause open with a look-ahead for their first characters.

A pattern that opens with a repeat or an optional group gives the regex engine nothing to
skip ahead with, so it tries the whole pattern at every position; the look-ahead makes each
hopeless position one character test. It must admit every character a match can open with,
or matches are lost: that is what these tests check, reading the patterns as the engine does.
"""

from __future__ import annotations

import re
from re import _compiler as compiler
from re import _constants as constants  # the engine's own parse of a pattern
from re import _parser as parser
from typing import Any

import pytest

from jihua.extract import facts, names, ranks, sections, status

LOOK_AHEAD_PATTERNS = [
    names.VERB_TAIL_RE,
    status.TARGET_TAIL_RE,
    facts._COUNT_CHANGE_RE,
    facts._RANK_SUBJECT_TAIL_RE,
]


def first_characters(items: list[tuple[object, object]]) -> tuple[set[str], bool]:
    """The characters a match of the parsed ``items`` can open with, and whether it can be empty."""
    found: set[str] = set()
    for op, av in items:
        if op is constants.LITERAL:
            found.add(chr(av))
            return found, False
        if op is constants.IN:  # a class, or an alternation of single characters
            found |= class_characters(av)
            return found, False
        if op is constants.SUBPATTERN:
            inner, empty = first_characters(list(av[3]))
        elif op is constants.BRANCH:
            inner, empty = set(), False
            for alternative in av[1]:
                chars, can_be_empty = first_characters(list(alternative))
                inner |= chars
                empty = empty or can_be_empty
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
            low, _, item = av
            inner, empty = first_characters(list(item))
            empty = empty or low == 0
        elif op is constants.AT:
            continue
        else:
            raise AssertionError(f"unexpected opening {op}")
        found |= inner
        if not empty:
            return found, False
    return found, True


def class_characters(items: list[tuple[Any, Any]]) -> set[str]:
    """The characters of a parsed character class (literals and ranges only)."""
    chars: set[str] = set()
    for op, av in items:
        if op is constants.LITERAL:
            chars.add(chr(av))
        elif op is constants.RANGE:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            raise AssertionError(f"unexpected class item {op}")
    return chars


@pytest.mark.parametrize("pattern", LOOK_AHEAD_PATTERNS, ids=lambda p: p.pattern[:20])
def test_look_ahead_admits_every_first_character(pattern: re.Pattern[str]) -> None:
    opening = re.match(r"\(\?=\[([^\]]+)\]\)", pattern.pattern)
    assert opening, "the pattern opens with a look-ahead for its first characters"
    rest = pattern.pattern[opening.end() :]
    chars, can_be_empty = first_characters(list(parser.parse(rest)))
    assert not can_be_empty
    assert chars <= set(opening.group(1)), chars - set(opening.group(1))


def test_a_missing_first_character_is_noticed() -> None:
    chars, _ = first_characters(list(parser.parse("(?:同比|[比较]年初)?(?:增加|减少)$")))
    assert chars == {"同", "比", "较", "增", "减"}


def engine_can_skip_ahead(pattern: re.Pattern[str]) -> bool:
    """Whether the engine compiled a literal prefix or a set of first characters for it."""
    code = compiler._code(parser.parse(pattern.pattern, pattern.flags), pattern.flags)
    if code[0] != constants.INFO:
        return False
    return bool(code[2] & (constants.SRE_INFO_PREFIX | constants.SRE_INFO_CHARSET))


@pytest.mark.parametrize(
    "pattern",
    [names.VERB_ENDING_RE, facts._GROWTH_UP_RE, facts._GROWTH_DOWN_RE, facts._COMPARISON_RE],
    ids=lambda p: p.pattern[:20],
)
def test_searched_patterns_open_with_their_words(pattern: re.Pattern[str]) -> None:
    assert engine_can_skip_ahead(pattern)


def test_a_pattern_opening_with_a_repeat_gives_nothing_to_skip_with() -> None:
    assert not engine_can_skip_ahead(re.compile(r"(?:同比)*(?:增长|下降)$"))


def engine_has_literal_prefix(pattern: re.Pattern[str]) -> bool:
    """Whether the engine compiled a literal prefix: found by a fast search, several times
    faster over a whole report than a set of first characters tried at each position."""
    code = compiler._code(parser.parse(pattern.pattern, pattern.flags), pattern.flags)
    return code[0] == constants.INFO and bool(code[2] & constants.SRE_INFO_PREFIX)


@pytest.mark.parametrize(
    "pattern",
    [
        status._YEAR_RE,
        *status._INTRO_RES,
        *sections._PLAN_HEADING_WORDS_RES,
        ranks._NUMBERED_RE,
    ],
    ids=lambda p: p.pattern[:12],
)
def test_patterns_searched_over_a_whole_report_open_with_a_literal(
    pattern: re.Pattern[str],
) -> None:
    assert engine_has_literal_prefix(pattern)
