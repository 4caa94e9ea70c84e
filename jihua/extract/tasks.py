"""The task list of the plan: areas （一）…（八） and numbered tasks ``1．``…``28．``.

Tasks live in the section whose heading names them (``三、2024年主要任务和重点
工作``, ``…重点工作``, ``…工作安排``). An area opens a line with ``（一）``; a task
opens a line with its number and ``．``/``.``/``、`` and must follow the one before
(1, 2, 3 …), so a numbered line inside a 专栏 box (``3．竣工项目15个…``, part of a
table of the document) is not taken for task 3. A task's title is its first
sentence; its commitments are the facts inside its span.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import Any

from jihua.extract.spans import Spans

_SECTION_HEADING = (
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)"
    r"[^\n]{0,40}?(?:主要任务|重点工作|工作安排|重点任务)[^\n]*"
)


@cache
def _section_re() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\n){_SECTION_HEADING}")


#: the heading on a later line, read from the line break before it
_SECTION_LINE_RE = re.compile(rf"\n{_SECTION_HEADING}")
#: the 、 after an ordinal or the 部分 after 第X, which every heading has: a pattern opening
#: with it lets the engine skip ahead, and few lines have one
_ORDINAL_COMMA_RE = re.compile(
    r"、(?<=[一二三四五六七八九十]、)|部分(?<=第[一二三四五六七八九十]部分)"
)
_NEXT_SECTION_RE = re.compile(
    r"\n[ \t\u3000]*(?:(?P<no>[一二三四五六七八九十]{1,3})、|第(?P<part>[一二三四五六七八九十]{1,3})部分"
    r"|各位代表)"
)
#: the ordinal of the task section's own heading (``三、``, ``第三部分``)
_HEADING_ORDINAL_RE = re.compile(
    r"[ \t\u3000]*(?:(?P<no>[一二三四五六七八九十]{1,3})、|第(?P<part>[一二三四五六七八九十]{1,3})部分)"
)
#: Areas and tasks open a line after the section heading (so after a line break: read from
#: there, a pattern opening with ``\n`` lets the engine skip ahead to the line starts).
_AREA_RE = re.compile(r"\n[ \u3000]*[（(](?P<no>[一二三四五六七八九十]{1,3})[）)](?P<body>[^\n]*)")
_TASK_RE = re.compile(r"\n[ \u3000]*(?P<no>\d{1,2})[．.、](?!\d)(?P<body>[^\n]*)")
_TITLE_END_RE = re.compile(r"[。；;]")
_CN = "一二三四五六七八九十"
_TRAILING_SPACE = " \t\u3000\n\r"


def read_tasks(
    text: str, facts: list[dict[str, Any]], skip_spans: list[tuple[int, int]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(areas, tasks) of the report's task section; empty when it has none."""
    section = _task_section(text)
    if not section:
        return [], []
    start = section.end()
    skip = Spans(skip_spans)
    heading = _HEADING_ORDINAL_RE.match(text, section.start() + (text[section.start()] == "\n"))
    following = (
        m
        for m in _NEXT_SECTION_RE.finditer(text, start)
        if m.end() not in skip and _ends_section(m, heading)
    )
    end = next((m.start() for m in following), len(text))
    areas = _areas(text, start, end, skip)
    tasks = _tasks(text, start, end, skip)
    _close(text, areas + tasks, end)
    _file_under_areas(tasks, areas)
    starts = [f["start"] for f in facts]
    fact_starts = starts if starts == sorted(starts) else None
    for item in (*tasks, *areas):
        item["commitments"] = _commitments(facts, fact_starts, item, skip)
    return areas, tasks


def _task_section(text: str) -> re.Match[str] | None:
    """The first heading of the task section: what ``_section_re().match(text) or
    _SECTION_LINE_RE.search(text, 1)`` finds, read only on the lines with an ordinal's 、."""
    for comma in _ORDINAL_COMMA_RE.finditer(text):
        line_break = text.rfind("\n", 0, comma.start())
        if line_break <= 0:
            heading = _section_re().match(text)
        else:
            heading = _SECTION_LINE_RE.match(text, line_break)
        if heading:
            return heading
    return None


def _ends_section(found: re.Match[str], heading: re.Match[str] | None) -> bool:
    """Whether a heading found after the task section's own one is the next section: a
    later ordinal of the same kind (``四、`` after ``三、``), or the closing ``各位代表``.
    A 专栏 box printed in the text flow (a PDF's) has headings of its own (``一、区级重点
    项目``, ``二、市级重点项目``) that do not end the section; nor does ``一、`` inside
    a ``第三部分``."""
    if heading is None or not (found["no"] or found["part"]):
        return True
    if heading["part"]:
        return bool(found["part"]) and _cn_ordinal(found["part"]) > _cn_ordinal(heading["part"])
    if found["part"]:
        return True
    return _cn_ordinal(found["no"]) > _cn_ordinal(heading["no"])


def _close(text: str, items: list[dict[str, Any]], end: int) -> None:
    """Each area or task runs to the next one (or the section's end), less trailing space."""
    boundaries = sorted({item["start"] for item in items} | {end})
    for item in items:
        next_boundary = boundaries[bisect_right(boundaries, item["start"])]
        quote = text[item["start"] : next_boundary].rstrip(_TRAILING_SPACE)
        item["end"] = item["start"] + len(quote)
        item["quote"] = quote


def _file_under_areas(tasks: list[dict[str, Any]], areas: list[dict[str, Any]]) -> None:
    """A task belongs to the last area before it; an area lists its tasks' numbers."""
    area_starts = [area["start"] for area in areas]
    numbers: dict[int, list[int]] = {area["number"]: [] for area in areas}
    for task in tasks:
        areas_before = bisect_left(area_starts, task["start"])
        area = areas[areas_before - 1] if areas_before else None
        task["area"] = area["title"] if area else None
        task["area_number"] = area["number"] if area else None
        if area:
            numbers[area["number"]].append(task["number"])
    for area in areas:
        area["tasks"] = numbers[area["number"]]


def _commitments(
    facts: list[dict[str, Any]], starts: list[int] | None, task: dict[str, Any], skip: Spans
) -> list[dict[str, Any]]:
    """The facts of a task's span, but those in a table (looked for only when a table
    overlaps the task)."""
    inside = _facts_between(facts, starts, task["start"], task["end"])
    if not skip.overlap(task["start"], task["end"]):
        return inside
    return [f for f in inside if f["start"] not in skip]


def _facts_between(
    facts: list[dict[str, Any]], starts: list[int] | None, start: int, end: int
) -> list[dict[str, Any]]:
    """The facts starting in ``[start, end)``, in their order; by bisection into ``starts``
    when the facts are in order of their starts (as the extractor gives them)."""
    if starts is not None:
        return facts[bisect_left(starts, start) : bisect_left(starts, end)]
    return [f for f in facts if start <= f["start"] < end]


def _areas(text: str, start: int, end: int, skip: Spans) -> list[dict[str, Any]]:
    areas: list[dict[str, Any]] = []
    for match in _AREA_RE.finditer(text, start, end):
        number = _cn_ordinal(match["no"])
        if number != len(areas) + 1 or match.start("no") in skip:
            continue
        areas.append(_item(text, match, number))
    return areas


def _tasks(text: str, start: int, end: int, skip: Spans) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    for match in _TASK_RE.finditer(text, start, end):
        number = int(match["no"])
        if number != len(tasks) + 1 or match.start("no") in skip:
            continue
        tasks.append(_item(text, match, number))
    return tasks


def _item(text: str, match: re.Match[str], number: int) -> dict[str, Any]:
    body = match["body"]
    title = _TITLE_END_RE.split(body, maxsplit=1)[0].strip()
    line_start = match.start("no") - (1 if text[match.start("no") - 1] in "（(" else 0)
    return {"number": number, "title": title, "start": line_start, "end": match.end()}


def _cn_ordinal(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN.index(text[1]) + 1
    if len(text) == 2 and text[1] == "十":
        return (_CN.index(text[0]) + 1) * 10
    return _CN.index(text[0]) + 1
