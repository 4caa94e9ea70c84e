"""The report's top-level sections, and which of them speak of the plan year.

A report reviews last year (``一、2023年…计划执行情况``) and then sets out
the plan (``二、2024年…主要预期目标…``, ``三、2024年主要任务…``). Figures in a
plan-year section are targets for the plan year. A heading is a Chinese
ordinal with ``、`` at the start of a line (or after a run of spaces, where a
web page flattened the lines); one without a year or a telling word (``一、区级
重点项目`` inside a box) keeps the status of the section it sits in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

Status = Literal["actual", "target"]

#: An ordinal and its title, matched where :func:`_headings` finds an ordinal opening a line.
_HEADING_RE = re.compile(
    r"(?P<num>[一二三四五六七八九十]{1,3})、(?P<title>[^\n。；]{2,60}?)(?=\n|[ \u3000\u00a0]{2,}|$)"
)
_ORDINAL_CHARS = "一二三四五六七八九十"
#: the ``、`` after an ordinal, where a heading is looked for: ordinals are common words
#: (一是, 进一步), an ordinal's ``、`` is rare, and a pattern opening with it lets the engine
#: skip ahead
_ORDINAL_COMMA_RE = re.compile(rf"、(?<=[{_ORDINAL_CHARS}]、)")
_INDENT = " \t\u3000\u00a0"
_WIDE_SPACE_RE = re.compile(r"[ \u3000\u00a0]{2}")
_PLAN_WORDS = re.compile(
    r"主要目标|预期目标|主要任务|重点工作|工作安排|总体要求|计划草案|工作重点|目标任务|项目安排|工作思路"
)
_REVIEW_WORDS = re.compile(r"执行情况|完成情况|回顾|成效|基本情况|运行情况")


@dataclass(frozen=True)
class Section:
    start: int
    title: str
    status: Status


def find_sections(text: str, report_year: int | None, plan_year: int | None) -> list[Section]:
    """Top-level sections in order; before the first heading, figures are actuals."""
    sections = [Section(0, "", "actual")]
    for match in _headings(text):
        title = match["title"].strip()
        status = _heading_status(title, report_year, plan_year)
        if status is not None and status != sections[-1].status:
            sections.append(Section(match.start("num"), title, status))
    return sections


def _headings(text: str) -> list[re.Match[str]]:
    """Headings: an ordinal at the start of a line, or after a run of spaces.

    Each ordinal's ``、`` is a candidate; the heading starts where the run of ordinal
    characters before it starts (a position inside the run does not open a line), and
    one inside the previous heading's title is not a heading.
    """
    headings = []
    position = 0
    for comma in _ORDINAL_COMMA_RE.finditer(text):
        start = _ordinals_start(text, comma.start())
        if start < position or not _opens_line(text, start):
            continue
        if match := _HEADING_RE.match(text, start):
            headings.append(match)
            position = match.end()
    return headings


def _ordinals_start(text: str, end: int) -> int:
    """Where the run of ordinal characters ending at ``end`` starts."""
    start = end
    while start > 0 and text[start - 1] in _ORDINAL_CHARS:
        start -= 1
    return start


def _opens_line(text: str, position: int) -> bool:
    """Only indentation before ``position`` on its line, or two spaces just before (a web
    page's flattened lines)."""
    indent_start = position
    while indent_start > 0 and text[indent_start - 1] in _INDENT:
        indent_start -= 1
    if indent_start == 0 or text[indent_start - 1] == "\n":
        return True
    return bool(_WIDE_SPACE_RE.search(text, indent_start, position))


def _heading_status(title: str, report_year: int | None, plan_year: int | None) -> Status | None:
    reviews = bool(_REVIEW_WORDS.search(title))
    if plan_year is not None and str(plan_year) in title and not reviews:
        return "target"
    if _PLAN_WORDS.search(title) and not reviews:
        return "target"
    if reviews or (report_year is not None and str(report_year) in title):
        return "actual"
    return None


class SectionIndex:
    """Which section a position of the text falls in."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self._starts = [section.start for section in sections]

    def at(self, position: int) -> Section:
        return self.sections[bisect.bisect_right(self._starts, position) - 1]
