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
from bisect import bisect_left
from typing import Any

_SECTION_HEADING = r"[ \t\u3000]*[一二三四五六七八九十]{1,3}、[^\n]{0,40}?(?:主要任务|重点工作|工作安排|重点任务)[^\n]*"
_SECTION_RE = re.compile(rf"(?:^|\n){_SECTION_HEADING}")
#: the heading on a later line: opening with the line break lets the engine skip ahead
_SECTION_LINE_RE = re.compile(rf"\n{_SECTION_HEADING}")
_NEXT_SECTION_RE = re.compile(r"\n[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|各位代表)")
#: Areas and tasks open a line after the section heading (so after a line break: read from
#: there, a pattern opening with ``\n`` lets the engine skip ahead to the line starts).
_AREA_RE = re.compile(r"\n[ \u3000]*[（(](?P<no>[一二三四五六七八九十]{1,3})[）)](?P<body>[^\n]*)")
_TASK_RE = re.compile(r"\n[ \u3000]*(?P<no>\d{1,2})[．.、](?!\d)(?P<body>[^\n]*)")
_CN = "一二三四五六七八九十"


def read_tasks(
    text: str, facts: list[dict[str, Any]], skip_spans: list[tuple[int, int]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(areas, tasks) of the report's task section; empty when it has none."""
    section = _SECTION_RE.match(text) or _SECTION_LINE_RE.search(text, 1)
    if not section:
        return [], []
    start = section.end()
    following = (
        m for m in _NEXT_SECTION_RE.finditer(text, start) if not _inside(m.end(), skip_spans)
    )
    end = next((m.start() for m in following), len(text))
    areas = _areas(text, start, end, skip_spans)
    tasks = _tasks(text, start, end, skip_spans)
    boundaries = sorted({item["start"] for item in areas + tasks} | {end})
    for item in areas + tasks:
        item["end"] = _trim(text, item["start"], next(b for b in boundaries if b > item["start"]))
        item["quote"] = text[item["start"] : item["end"]]
    starts = [f["start"] for f in facts]
    fact_starts = starts if starts == sorted(starts) else None
    for task in tasks:
        area = next((a for a in reversed(areas) if a["start"] < task["start"]), None)
        task["area"] = area["title"] if area else None
        task["area_number"] = area["number"] if area else None
        task["commitments"] = [
            f
            for f in _facts_between(facts, fact_starts, task["start"], task["end"])
            if not _inside(f["start"], skip_spans)
        ]
    for area in areas:
        area["tasks"] = [t["number"] for t in tasks if t["area_number"] == area["number"]]
    return areas, tasks


def _facts_between(
    facts: list[dict[str, Any]], starts: list[int] | None, start: int, end: int
) -> list[dict[str, Any]]:
    """The facts starting in ``[start, end)``, in their order; by bisection into ``starts``
    when the facts are in order of their starts (as the extractor gives them)."""
    if starts is not None:
        return facts[bisect_left(starts, start) : bisect_left(starts, end)]
    return [f for f in facts if start <= f["start"] < end]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(low <= position < high for low, high in spans)


def _areas(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[dict[str, Any]]:
    areas: list[dict[str, Any]] = []
    for match in _AREA_RE.finditer(text, start, end):
        number = _cn_ordinal(match["no"])
        if _inside(match.start("no"), skip) or number != len(areas) + 1:
            continue
        areas.append(_item(text, match, number))
    return areas


def _tasks(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    for match in _TASK_RE.finditer(text, start, end):
        number = int(match["no"])
        if _inside(match.start("no"), skip) or number != len(tasks) + 1:
            continue
        tasks.append(_item(text, match, number))
    return tasks


def _item(text: str, match: re.Match[str], number: int) -> dict[str, Any]:
    body = match["body"]
    title = re.split(r"[。；;]", body, maxsplit=1)[0].strip()
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


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\u3000\n\r":
        end -= 1
    return end
