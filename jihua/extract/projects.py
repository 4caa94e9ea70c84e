"""Project groups: the totals a report states, their breakdowns, and the named projects.

A group is stated as ``2024年拟实施政府投资项目384个，总投资833.6亿元，年度计划投资
156.5亿元``; parts follow as ``新开工项目228个，年度计划投资60.1亿元`` and are filed
by what their label says: a stage (新开工/续建/完工/竣工), a source (政府投资/社会投资),
otherwise an area (专栏1's numbered lines). The same group stated twice (in the
prose and again in a 专栏) is one group. ``前期`` projects are never a part of the
group before them (they are not among its count) but a group of their own.

Totals and parts are kept exactly as stated, never computed: whether the parts
add up is for the audit to say. Named lists (``开工：A、B等项目``, ``包括A、B等项目``)
are split on 、 outside brackets, the trailing 等项目 dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jihua.extract.numbers import to_float

_N = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: ``项目N个``, where the label of every group statement and every part ends; labels hold no
#: digits, so a label never runs past one
_COUNT_RE = re.compile(rf"项目{_N}个")
_GROUP_VERBS = ("拟实施", "计划实施", "计划推进", "拟安排", "安排实施")
_GROUP_VERB_RE = re.compile("|".join(_GROUP_VERBS))
_GROUP_LABEL_MAX = 24  # characters of a group's label before its 项目
#: how far before its ``项目N个`` a group statement may start
_GROUP_REACH = max(map(len, _GROUP_VERBS)) + _GROUP_LABEL_MAX
_GROUP_STATEMENT = (
    rf"(?:{'|'.join(_GROUP_VERBS)})"
    rf"(?P<label>[\u4e00-\u9fff（）()]{{2,{_GROUP_LABEL_MAX}}}?项目)(?P<count>{_N})个"
    rf"(?:[，,]?总投资(?:约)?(?P<total>{_N})亿元)?"
    rf"(?:[，,]?(?:年度)?计划投资(?:约)?(?P<annual>{_N})亿元)?"
)
_GROUP_RE = re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年)?{_GROUP_STATEMENT}")
_GROUP_STATEMENT_RE = re.compile(_GROUP_STATEMENT)
_YEAR_WIDTH = len("2024年")
_PART_LABEL_STOPS = r"，,。；;：:\d\s.．、"
_PART_LABEL_MAX = 30  # characters of a part's label before its 项目
_PART_RE = re.compile(
    rf"(?P<label>[^{_PART_LABEL_STOPS}]{{2,{_PART_LABEL_MAX}}}?项目)(?P<count>{_N})个"
    rf"(?:[，,]?总投资(?:约)?(?P<total>{_N})亿元)?"
    rf"[，,]?(?:年度)?计划投资(?:约)?(?P<annual>{_N})亿元"
)
#: the last character that cannot be in a part's label (matched up to the label's end)
_LAST_LABEL_STOP_RE = re.compile(rf"(?s:.*)[{_PART_LABEL_STOPS}]")
_PART_LEAD_RE = re.compile(r"^(?:其中|从投资来源看|从建设阶段看|等)+")
_STAGE_RE = re.compile(r"新开工|开工|续建|完工|竣工|前期")
_SOURCE_RE = re.compile(r"政府投资|社会投资|企业投资|民间投资")
#: a line of names by stage in a 专栏 (looked for after the box's title line, so each one
#: opens with a line break)
_NAMES_RE = re.compile(
    r"\n[ \t\u3000]*(?P<stage>新开工|开工|续建|竣工|完工|前期)[：:](?P<names>[^\n]+)"
)
_INCLUDES_RE = re.compile(r"包括(?P<names>[^。\n]+?)等(?:项目)?。")
_LIST_END_RE = re.compile(r"等(?:项目)?[。；;]?\s*$")
_BOX_RE = re.compile(r"专栏\s*(?P<no>\d+)[：:]\s*(?P<title>[^\n]+)")
_NUMBERED_PARAGRAPH_RE = re.compile(r"\n[ \t\u3000]*\d+[．.][^\d]")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d\d年")
_SECTION_END_RE = re.compile(
    r"\n[ \t\u3000]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|专栏)"
)


class _Counts:
    """Where ``项目N个`` stands in a text, found once per document.

    Group statements and parts are read only just before a count, where their label
    ends, instead of being tried at every position of the text: the count opens with a
    literal, which the regex engine skips ahead to.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans = [match.span() for match in _COUNT_RE.finditer(text)]
        self._starts = [start for start, _ in self._spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the counts inside ``[start, end)``, in order."""
        return self._spans[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def group_statement(self, start: int) -> re.Match[str] | None:
        """What ``_GROUP_STATEMENT_RE.search(text, start)`` finds: tried at each verb in
        the few characters before a count."""
        text = self.text
        for count_start, _ in self.within(start, len(text)):
            position = max(start, count_start - _GROUP_REACH)
            while verb := _GROUP_VERB_RE.search(text, position, count_start):
                if statement := _GROUP_STATEMENT_RE.match(text, verb.start()):
                    return statement
                position = verb.start() + 1
        return None

    def parts(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """What ``_PART_RE.finditer(text, start, end)`` finds.

        A part's label has no digit and ends at its count, so it can only start where the
        run of label characters before the count starts (or ``_PART_LABEL_MAX`` before
        its ``项目``); what follows the count is the same from any start, so if the part
        is not there, it is nowhere for that count.
        """
        text = self.text
        for count_start, count_end in self.within(start, end):
            if count_start < start or count_end > end:
                continue  # inside the part before, or past the end
            earliest = max(start, count_start - _PART_LABEL_MAX)
            stop = _LAST_LABEL_STOP_RE.match(text, earliest, count_start)
            if part := _PART_RE.match(text, stop.end() if stop else earliest, end):
                yield part
                start = part.end()


@dataclass
class _Group:
    label: str
    year: int | None
    count: int | None
    total: float | None
    annual: float | None
    quote: str
    start: int
    end: int
    breakdowns: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    names: list[dict[str, str]] = field(default_factory=list)

    def key(self) -> tuple[Any, ...]:
        return (self.label, self.count, self.total, self.annual)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "year": self.year,
            "count": self.count,
            "total_investment": self.total,
            "annual_investment": self.annual,
            "unit": "亿元",
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "breakdowns": self.breakdowns,
            "names": self.names,
        }


def read_projects(text: str, plan_year: int | None) -> list[dict[str, Any]]:
    """The project groups of a report, in order of first mention."""
    groups: list[_Group] = []
    counts = _Counts(text)
    matches = _group_statements(counts)
    for index, match in enumerate(matches):
        group = _group(match, plan_year)
        scope_end = _scope_end(text, match, matches[index + 1 : index + 2])
        same = next((g for g in groups if g.key() == group.key()), None)
        target = same or group
        if _STAGE_RE.search(group.label) and groups:
            target = groups[-1]  # 前期 projects are not among the group before; its parts go on
        _add_parts(counts, target, match.end(), scope_end)
        if same is None:
            groups.append(group)
    groups += _named_boxes(text, plan_year, groups)
    return [group.to_dict() for group in groups]


def _group_statements(counts: _Counts) -> list[re.Match[str]]:
    """Every ``(2024年)拟实施…项目N个…`` in order: found by its verb, then read with its year."""
    text = counts.text
    statements = []
    position = 0
    while verb := counts.group_statement(position):
        with_year = _GROUP_RE.match(text, max(0, verb.start() - _YEAR_WIDTH))
        found = (
            with_year if with_year and with_year["year"] else _GROUP_RE.match(text, verb.start())
        )
        assert found is not None  # the verb statement matches at its own start
        statements.append(found)
        position = found.end()
    return statements


def _group(match: re.Match[str], plan_year: int | None) -> _Group:
    label = match["label"].replace("重点建设项目", "重点项目")
    return _Group(
        label,
        int(match["year"]) if match["year"] else plan_year,
        int(to_float(match["count"])),
        _number(match["total"]),
        _number(match["annual"]),
        match.group(0),
        match.start(),
        match.end(),
    )


def _number(text: str | None) -> float | None:
    return to_float(text) if text else None


def _scope_end(text: str, match: re.Match[str], following: list[re.Match[str]]) -> int:
    """Parts of a group run to the next group or the next heading, whichever is first."""
    end = following[0].start() if following else len(text)
    heading = _SECTION_END_RE.search(text, match.end(), end)
    return heading.start() if heading else end


def _add_parts(counts: _Counts, group: _Group, start: int, end: int) -> None:
    text = counts.text
    for match in counts.parts(start, end):
        label = _PART_LEAD_RE.sub("", match["label"])
        part = {
            "label": label,
            "count": int(to_float(match["count"])),
            "total_investment": _number(match["total"]),
            "annual_investment": _number(match["annual"]),
            "quote": match.group(0),
            "start": match.start(),
            "end": match.end(),
        }
        kind = _part_kind(label)
        group.breakdowns.setdefault(kind, []).append(part)
        if kind == "stage":
            group.names += _included_names(text, match.end(), end, _STAGE_RE.search(label))


def _part_kind(label: str) -> str:
    if _SOURCE_RE.search(label):
        return "source"
    if _STAGE_RE.search(label):
        return "stage"
    return "area"


def _included_names(
    text: str, start: int, end: int, stage: re.Match[str] | None
) -> list[dict[str, str]]:
    line_end = text.find("\n", start)
    line_end = end if line_end == -1 else min(line_end, end)
    found = _INCLUDES_RE.search(text, start, line_end)
    if not found or stage is None:
        return []
    return [{"stage": stage.group(0), "name": name} for name in split_names(found["names"])]


def split_names(listing: str) -> list[str]:
    """``A、B（一期、二期）、C等项目`` → [A, B（一期、二期）, C]."""
    listing = _LIST_END_RE.sub("", listing.strip())
    names: list[str] = []
    depth = 0  # brackets opened and not closed before the piece
    for piece in listing.split("、"):
        if depth > 0:
            names[-1] += "、" + piece
        else:
            names.append(piece)
        depth += _brackets_opened(piece)
    return [name.strip() for name in names if name.strip()]


def _brackets_opened(piece: str) -> int:
    """Brackets opened less brackets closed."""
    return piece.count("（") + piece.count("(") - piece.count("）") - piece.count(")")


def _named_boxes(text: str, plan_year: int | None, groups: list[_Group]) -> list[_Group]:
    """A 专栏 of named projects by stage (开工：…／续建：…／竣工：…) without totals."""
    boxes: list[_Group] = []
    box_matches = list(_BOX_RE.finditer(text))
    for index, box in enumerate(box_matches):
        end = box_matches[index + 1].start() if index + 1 < len(box_matches) else len(text)
        end = _box_end(text, box.end(), end)
        if any(box.start() <= g.start < end for g in groups):
            continue
        names = [
            {"stage": m["stage"], "name": name}
            for m in _NAMES_RE.finditer(text, box.end(), end)
            for name in split_names(m["names"])
        ]
        if not names:
            continue
        title = box["title"].strip()
        label = _YEAR_PREFIX_RE.sub("", title)
        year_match = _YEAR_RE.match(title)
        year = int(year_match.group(0)) if year_match else plan_year
        quote = box.group(0).rstrip()
        boxes.append(
            _Group(label, year, None, None, None, quote, box.start(), box.start() + len(quote))
        )
        boxes[-1].names = names
    return boxes


def _box_end(text: str, start: int, limit: int) -> int:
    """A text box ends at the first numbered paragraph after it (``3．推进…``)."""
    after = _NUMBERED_PARAGRAPH_RE.search(text, start, limit)
    return after.start() if after else limit
