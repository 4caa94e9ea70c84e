"""The report's top-level sections, and which of them speak of the plan year.

A report reviews last year (``一、2023年…计划执行情况``) and then sets out
the plan (``二、2024年…主要预期目标…``, ``三、2024年主要任务…``). Figures in a
plan-year section are targets for the plan year. A heading is a Chinese
ordinal with ``、`` at the start of a line (or after a run of spaces, where a
web page flattened the lines); one without a year or a telling word (``一、区级
重点项目`` inside a box) keeps the status of the section it sits in. Headings
numbered otherwise (``第二部分``, ``二．``, ``贰、``, ``（二）``, ``2、``) count only
when their title names the report or the plan year, since the same numbering
marks items inside a section.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from jihua.extract.numbers import positions_of

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
    r"|明年|工作打算|工作建议"
)
_PLANNING_RE = re.compile(r"计划|目标|任务|安排|打算")
#: the other ways a heading is numbered, at the start of a line
_OTHER_HEADING_RE = re.compile(
    r"[ \t\u3000\u00a0]*(?P<num>第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}[．.]"
    r"|[壹贰叁肆伍陆柒捌玖拾]{1,2}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[、．.])"
    r"[ \u3000]*(?P<title>[^\n。；]{2,60}?)(?=\n|$)"
)
#: how far into its line a heading's year can stand
_YEAR_REACH = 24
_REVIEW_WORDS = re.compile(r"执行情况|完成情况|回顾|成效|基本情况|运行情况")


@dataclass(frozen=True)
class Section:
    start: int
    title: str
    status: Status
    #: whether a heading says so (the stretch before the first heading does not)
    explicit: bool = True
    #: the year the heading names, if any
    year: int | None = None


def find_sections(text: str, report_year: int | None, plan_year: int | None) -> list[Section]:
    """Top-level sections in order; before the first heading, figures are actuals, or
    targets of the plan year in a plan-only document (:func:`is_plan_only`)."""
    headings = [
        (match.start("num"), title, _heading_status(title, report_year, plan_year))
        for match in _headings(text)
        if (title := match["title"].strip()) and not _lists_contents(text, match.start("title"))
    ]
    headings += _headings_naming_a_year(text, report_year, plan_year)
    if is_plan_only(text, plan_year):
        sections = [Section(0, "", "target", explicit=False, year=plan_year)]
    else:
        sections = [Section(0, "", "actual", explicit=False)]
    for start, title, status in sorted(headings):
        if status is None or (status == sections[-1].status and sections[-1].explicit):
            continue
        sections.append(Section(start, title, status, year=_year_named(title)))
    return sections


#: a title that is the plan itself: ``某某县2024年国民经济和社会发展计划``, ``…计划的通知``
_PLAN_TITLE_RE = re.compile(
    r"(?P<year>(?:19|20)[0-9]{2})年(?:度)?(?:全[区县市旗州]|[\u4e00-\u9fff]{1,12}?[区县市旗州盟省])?"
    r"国民经济(?:和社会发展)?计划"
)
_REVIEW_TITLE_RE = re.compile(r"执行|完成情况")
#: how far into a text its title is looked for
_TITLE_REACH = 600


def is_plan_only(text: str, plan_year: int | None) -> bool:
    """Whether the text is a plan itself (a 计划, or the 通知 that prints it), not a report
    on a year's execution: its title names the plan year's 国民经济和社会发展计划 and no
    execution. Its figures are targets unless a heading or a sentence says otherwise."""
    if plan_year is None:
        return False
    for title in _PLAN_TITLE_RE.finditer(text, 0, _TITLE_REACH):
        line_start = text.rfind("\n", 0, title.start()) + 1
        line_end = text.find("\n", title.end())
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if _REVIEW_TITLE_RE.search(line):
            return False
        if int(title["year"]) == plan_year:
            return True
    return False


_YEAR_IN_TITLE_RE = re.compile(r"(?:19|20)[0-9]{2}(?=年)")


def _year_named(title: str) -> int | None:
    match = _YEAR_IN_TITLE_RE.search(title)
    return int(match.group(0)) if match else None


def _headings_naming_a_year(
    text: str, report_year: int | None, plan_year: int | None
) -> list[tuple[int, str, Status | None]]:
    """Headings numbered otherwise (:data:`_OTHER_HEADING_RE`), or a short line of its own
    (:data:`_BARE_HEADING_RE`), whose title names a year or the plan's own words (主要预期
    目标, 工作安排): looked for only on the lines where those stand near the start."""
    found: dict[int, tuple[int, str, Status | None]] = {}
    years = [str(year) for year in (report_year, plan_year) if year is not None]
    plan_words = [
        match.start() - (2 if match.group(0) == "目标" else 0)
        for pattern in _PLAN_HEADING_WORDS_RES
        for match in pattern.finditer(text)
    ]
    for position in sorted(positions_of(text, years) + plan_words):
        line_start = text.rfind("\n", 0, position) + 1
        if position - line_start > _YEAR_REACH or line_start in found:
            continue
        match = _OTHER_HEADING_RE.match(text, line_start) or _bare_heading(text, line_start)
        if match is None or _lists_contents(text, match.start("title")):
            continue
        if match.start("title") <= position < match.end("title"):
            title = match["title"].strip()
            status = _year_heading_status(title, report_year, plan_year)
            found[line_start] = (match.start("num"), title, status)
    return list(found.values())


#: a line of a table of contents: its title, then spaces or leader dots and a page number
_CONTENTS_LINE_RE = re.compile(
    r"[^\n]*?(?:[ \u3000\u00a0]+|[.．…·]{2,})[0-9]{1,3}[ \u3000\u00a0]*(?=\n|$)"
)


def _lists_contents(text: str, title_start: int) -> bool:
    """Whether the heading found at ``title_start`` is an entry of a table of contents
    (``2.…2023年工作思路和目标 6``): the heading comes later in the text, this is not it."""
    return _CONTENTS_LINE_RE.match(text, title_start) is not None


def _bare_heading(text: str, line_start: int) -> re.Match[str] | None:
    """A short line of its own that is not a line of the report's title (``及2023年国民
    经济和社会发展计划草案的报告``)."""
    match = _BARE_HEADING_RE.match(text, line_start)
    if match is None or _TITLE_LINE_RE.search(match["title"]):
        return None
    return match


_TITLE_LINE_RE = re.compile(r"^[及和与暨]|报告|关于|国民经济|通知|会议")
#: the words that make a heading a plan heading without a year (``（二）主要预期目标``)
_PLAN_HEADING_WORDS = ("主要目标", "预期目标", "工作安排", "工作打算")
#: where they stand: searches that open with a literal word (the engine finds it fast)
_PLAN_HEADING_WORDS_RES = (
    re.compile("目标(?<=主要目标|预期目标)"),
    re.compile("工作(?=安排|打算)"),
)
#: a short line of its own, not a table's cell (those open with a tab)
_BARE_HEADING_RE = re.compile(
    r"(?P<num>)(?=[^\t\n])[ \u3000\u00a0]*(?P<title>[^\n\t。；;，,：:！？]{4,30}?)[ \u3000\u00a0]*(?=\n|$)"
)


def _year_heading_status(
    title: str, report_year: int | None, plan_year: int | None
) -> Status | None:
    """Stricter than :func:`_heading_status`, as the same numbering marks items: the plan
    year with a word of planning, or the report year with a word of review."""
    reviews = bool(_REVIEW_WORDS.search(title)) or "情况" in title
    if plan_year is not None and str(plan_year) in title and not reviews:
        return "target" if _PLANNING_RE.search(title) else None
    if reviews and report_year is not None and str(report_year) in title:
        return "actual"
    if not reviews and any(word in title for word in _PLAN_HEADING_WORDS):
        return "target"
    return None


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
