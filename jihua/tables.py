"""Indicator tables: the execution table and the plan table of a report.

:func:`read_indicator_table` gives a :class:`jihua.document.RawTable` its
meaning. The header row says what each column holds (``序号``, ``类别``,
``指标名称``, ``单位``, ``…预期目标``/``…计划目标``, ``…完成情况``, and whatever
else a region prints, kept by its header text). Other regions print other
headers, read the same way, in any column order (:func:`column_roles`);
a two-level header (``2023年`` over ``目标 | 完成``) is read as one. Conventions
of the tables (docs/extract.md, "Tables"):

* a row with an empty 序号 is a sub-row of the indicator above only when its
  name says so (``其中：…``, ``#…``, an indent, ``增长（%）``); without figures it
  is the rest of the name above, broken by the line or the page; otherwise a
  row of its own;
* the 类别 cell is printed only on a category's first row (and again after a
  page break), or a row of its own names it (``一、经济发展``): it carries down;
* ``*`` after a name marks a binding (约束性) indicator, as the 注 line says;
* the unit is the name's last parentheses: ``地区生产总值增速（%）`` → ``%``,
  ``万人发明专利拥有量（件）增长（%）`` → ``%``;
* a cell may hold the growth word: ``增长5%左右`` → 5, ``下降2%`` → −2;
* a list number before the name (``1.``, ``（1）``) is the row's number, and a
  footnote's mark (``①``, ``[1]``) or the 属性 in brackets (``（约束性）``) is no
  part of the name (:mod:`jihua.row_names`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from jihua.document import Cell, RawTable
from jihua.row_names import BINDING_MARK, read_name, unit_in_brackets
from jihua.row_names import split_name as split_name  # where the statistics tables read names
from jihua.targets import Comparator, Value, parse_value
from jihua.text_tables import aim_or_result_re

Role = Literal[
    "no", "category", "name", "unit", "binding", "target", "actual", "completion", "growth", "other"
]
TableKind = Literal["execution", "plan"]

_ROLE_PATTERNS: list[tuple[Role, re.Pattern[str]]] = [
    ("no", re.compile(r"^(序号|编号|序)$")),
    ("category", re.compile(r"(类别|分类|领域|类型)$")),
    ("name", re.compile(r"指标")),
    ("unit", re.compile(r"^(计量)?单位$")),
    ("binding", re.compile(r"^(指标)?(属性|性质)$")),
    ("completion", re.compile(r"完成.*(计划|目标).*[%％]|完成率|完成比例|完成进度")),
    (
        "growth",
        re.compile(r"^(比上年|同比)?(增长|增速|增幅|增减|±)(率|幅度)?([(（]?±?[%％][)）]?)?$"),
    ),
    ("target", re.compile(r"(预期|计划|目标|预计目标)")),
    ("actual", re.compile(r"(完成|实际|执行|实绩|预计)")),
]
#: a growth column's header saying nothing else: ``增长%``, ``比上年增减（±%）``
_GROWTH_ALONE = next(pattern for role, pattern in _ROLE_PATTERNS if role == "growth")
_GROWTH_WORD = re.compile(r"^(?P<lead>预计)?(比上年|同比)?(增长|增速|增幅|上升|提高)(?=[-+]?\d)")
_DECLINE_WORD = re.compile(r"^(?P<lead>预计)?(比上年|同比)?(下降|降低|减少|回落)(?=\d)")


@functools.cache
def _number_re() -> re.Pattern[str]:
    return re.compile(r"^\d{1,3}[.、．]?$")


_FLIPPED: dict[str, Comparator] = {"≥": "≤", ">": "<", "≤": "≥", "<": ">"}
_CATEGORY_HEADING = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])"
)
_INDENT = re.compile(r"^(\u3000|\s{2,})")


@functools.cache
def _aspect_re() -> re.Pattern[str]:
    """A name that only says which figure of the row above it gives: ``增长（%）``, ``占比``."""
    return re.compile(
        r"^(比上年|同比)?(增长|增速|增幅|增减|占比|比重|总量|绝对值)?(率)?([(（][^（）()]{1,6}[)）])?$"
    )


_YEAR = re.compile(r"(20\d\d|19\d\d)")


@functools.cache
def _category_name_re() -> re.Pattern[str]:
    """The last word of a category's name, as tables print them in a row of their own."""
    return re.compile(
        r"^[^\d（）()]{2,8}(类|发展|驱动|保障|调整|环境|民生|质效|效益|结构|创新|开放|协调|绿色|共享|"
        r"安全|稳定|活力|质量|生态|改革|福祉|动能|基础|保护|建设|指标)$"
    )


_ABSOLUTE_WORD = re.compile(r"(绝对值|数值|总量|数量|规模)$")


@functools.cache
def _growth_header_re() -> re.Pattern[str]:
    return re.compile(r"增长|增速|增幅")


_LAST_YEAR = re.compile(r"(?<!比)(上年|去年|上一年)|基期|基数")
_YEAR_LEAD = re.compile(r"^(20\d\d|19\d\d)年?(度)?")
#: a header that is a year and at most a word for the figure: ``2023年``, ``2023年绝对值``
_YEAR_VALUE = re.compile(r"^(19|20)\d\d年?(度)?(绝对值|数值|总量|数量|规模|指标值)?$")
#: the name column's header; not 项目 or 内容, which head project and budget tables
_NAME_HEADER = re.compile(r"指标|^名称$")
#: the 注 of a table written in a row of its own
_NOTE_ROW = re.compile(r"^(注|备注|说明|资料来源|数据来源)\d?[:：]")


#: a title that says its table plans: the year columns of such a table hold targets
@cache
def _plan_title_re() -> re.Pattern[str]:
    return re.compile(r"计划|目标|预期|规划")


#: a project table (总投资, 建设内容) is no indicator table, whatever its 计划 column says
_PROJECT_COLUMN = re.compile(r"总投资|建设内容|建设规模|建设性质|项目名称|建设地点")


@cache
def _lower_header_re() -> re.Pattern[str]:
    return re.compile(
        r"目标|计划|预期|完成|实际|执行|预计|绝对值|数值|总量|增长|增速|增幅|[%％]|单位|同比|比上年"
    )


@functools.cache
def _data_cell_re() -> re.Pattern[str]:
    return re.compile(r"^[-+≥≤]?\d+(\.\d+)?[%％]?$")


#: a column of dates or deadlines (完成时限, 计划完成时间): when, not how much
_WHEN = re.compile(r"(时限|时间|期限|日期|时点)$")
#: a column of weights, scores or scoring bounds in an assessment (``目标任务考核指标权重``,
#: ``分值``, ``评分目标值``): how much the indicator counts, not what it aims at
_WEIGHT = re.compile(r"(权重|权数|分值|分数|得分|满分)$|^评分")
#: 项目 heads an indicator table's names when a column says what is aimed at
_ITEM_HEADER = re.compile(r"^项目$")
_AIM_HEADER = re.compile(r"目标|预期")
#: a column of a later year's aims beside an execution table's, and words of results
_LATER_AIM = re.compile(r"目标|预期|计划")
_RESULT_WORD = re.compile(r"完成|实际|执行|实绩|预计(?!目标)")


@dataclass
class Indicator:
    """One row of an indicator table, with its sub-rows."""

    no: str | None
    name: str
    unit: str | None
    binding: bool
    category: str | None
    target: Value
    actual: Value | None
    raw_name: str
    start: int
    end: int
    prefix: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    subrows: list[Indicator] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The name as the report writes it in prose: ``其中：税收增速``."""
        return f"{self.prefix}{self.name}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "no": self.no,
            "category": self.category,
            "name": self.name,
            "raw_name": self.raw_name,
            "prefix": self.prefix or None,
            "unit": self.unit,
            "binding": self.binding,
            "target": self.target.to_dict(),
        }
        if self.actual is not None:
            data["actual"] = self.actual.to_dict()
        if self.extra:
            data["extra"] = dict(self.extra)
        data["start"], data["end"] = self.start, self.end
        data["subrows"] = [sub.to_dict() for sub in self.subrows]
        return data


@dataclass
class IndicatorTable:
    kind: TableKind
    title: str
    note: str
    year: int | None
    columns: list[str]
    roles: list[Role]
    indicators: list[Indicator]
    start: int
    end: int

    @property
    def binding_note(self) -> bool:
        return bool(BINDING_MARK.search(self.note)) and "约束性" in self.note

    def find(self, name: str) -> Indicator | None:
        """The indicator (or sub-row) of that name, ignoring unit and marks."""
        wanted = plain(name)
        for indicator in self.all_rows():
            if plain(indicator.name) == wanted:
                return indicator
        return None

    def all_rows(self) -> list[Indicator]:
        return [row for top in self.indicators for row in (top, *top.subrows)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "note": self.note,
            "year": self.year,
            "columns": self.columns,
            "roles": self.roles,
            "start": self.start,
            "end": self.end,
            "rows": [indicator.to_dict() for indicator in self.indicators],
        }


def plain(name: str) -> str:
    """The name without whitespace (``str.split`` splits on exactly what ``\\s`` matches)."""
    return "".join(name.split())


def column_roles(header: list[str]) -> list[Role]:
    """What each column of a header row holds, from what its header says.

    Each role goes to the first column whose header names it (later ones keep
    their header text as ``other``); a header that is only a year (``2023年``,
    ``2023年绝对值``) is read against the other columns (:func:`_year_roles`),
    and an actual of an earlier year than the target is the plan table's base
    year, not an actual (:func:`_base_year`).
    """
    roles: list[Role] = []
    for text in header:
        cell = plain(text)
        role: Role = "other"
        for candidate, pattern in _ROLE_PATTERNS:
            if _WHEN.search(cell) or _WEIGHT.search(cell):
                break
            if candidate not in roles and pattern.search(_without_year(cell, candidate)):
                role = candidate
                break
        roles.append(role)
    _item_names(header, roles)
    _year_roles(header, roles)
    _base_year(header, roles)
    return roles


def _item_names(header: list[str], roles: list[Role]) -> None:
    """``项目`` heads the names of a table of aims (``项目 | 分值 | 目标任务``) without a
    ``…指标…`` column; in a table without such a column, or one with what was done
    (``项目 | 年度目标 | 完成情况``: a table of projects' progress), it heads projects or
    budget lines."""
    if "name" in roles or "actual" in roles or not _names_items(header):
        return
    roles[next(at for at, text in enumerate(header) if _ITEM_HEADER.match(plain(text)))] = "name"


def _names_items(texts: list[str]) -> bool:
    cells = [plain(text) for text in texts]
    return any(_ITEM_HEADER.match(cell) for cell in cells) and any(
        _AIM_HEADER.search(cell) and not (_WHEN.search(cell) or _WEIGHT.search(cell))
        for cell in cells
    )


def _without_year(cell: str, role: Role) -> str:
    """``2023年增长%`` is a growth column: the year is left out where a pattern is anchored."""
    return _YEAR_LEAD.sub("", cell) if role == "growth" else cell


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _year_roles(header: list[str], roles: list[Role]) -> None:
    """Columns headed by a year alone: the target's year is the actual, an earlier year a
    base; without a target, the latest year is the target."""
    years = {
        index: year
        for index, (text, role) in enumerate(zip(header, roles, strict=True))
        if role == "other" and _YEAR_VALUE.match(plain(text)) and (year := _year_of(text))
    }
    if not years:
        return
    if "target" not in roles:
        actual_year = _year_of(header[roles.index("actual")]) if "actual" in roles else None
        later = [index for index in years if actual_year is None or years[index] > actual_year]
        if not later:
            return
        latest = max(later, key=lambda index: (years[index], -index))
        roles[latest] = "target"
        del years[latest]
    target_year = _year_of(header[roles.index("target")])
    for index, year in sorted(years.items()):
        if "actual" not in roles and year == target_year:
            roles[index] = "actual"


def _base_year(header: list[str], roles: list[Role]) -> None:
    if "target" not in roles or "actual" not in roles:
        return
    target_year = _year_of(header[roles.index("target")])
    actual = header[roles.index("actual")]
    actual_year = _year_of(actual)
    if (target_year and actual_year and actual_year < target_year) or _LAST_YEAR.search(actual):
        roles[roles.index("actual")] = "other"


def _result_of_the_year_before(header: list[str], roles: list[Role], title: str) -> None:
    """Estimated results left of the targets, neither headed by a year, under a title naming
    two years (``2024年主要指标预计完成情况和2025年预期目标`` over ``预计完成 | 预期目标``): the
    earlier year's results beside the later year's targets, a plan's base, not what its
    targets gave. A table rating its results (``完成率``) grades them whatever their place."""
    if "target" not in roles or "actual" not in roles or "completion" in roles:
        return
    target, actual = roles.index("target"), roles.index("actual")
    if actual > target or "预计" not in header[actual]:
        return
    if _YEAR.search(header[target]) or _YEAR.search(header[actual]):
        return
    if len(set(_YEAR.findall(title))) >= 2:
        roles[actual] = "other"


def read_indicator_table(raw: RawTable) -> IndicatorTable | None:
    """Give a raw table its meaning, or ``None`` if it is not an indicator table."""
    tables = read_indicator_tables(raw)
    return tables[0] if tables else None


def read_indicator_tables(raw: RawTable) -> list[IndicatorTable]:
    """The indicator tables of a raw table: none, one, or two when an execution table carries
    the next year's targets beside its own (``2023年目标 | 2023年预计完成 | 2024年预期目标``, a
    report's 附表 of both years): the execution table, then the plan table of the later year
    (:func:`_later_targets`), each row's name, unit and 属性 in both."""
    found = _header(raw.rows)
    if found is None:
        return []
    header, rows = found
    body = [row for row in rows if not _is_note_row(row)]
    roles = column_roles(header)
    _result_of_the_year_before(header, roles, raw.title)
    if "name" not in roles or "target" not in roles:
        return []  # results without targets (``完成值``) are a form or a bulletin's: nothing to grade
    if any(_PROJECT_COLUMN.search(text) for text in header):
        return []
    if _years_without_aims(header, roles, raw.title) or _tasks_under_item(header, roles, body):
        return []
    _category_under_name_header(header, roles, body)
    first = _table_of(raw, header, rows, body, roles)
    later = _later_targets(header, roles) if first is not None else None
    if first is None or later is None:
        return [first] if first is not None else []
    second = _table_of(raw, header, rows, body, later)
    return [first, second] if second is not None else [first]


def _table_of(
    raw: RawTable,
    header: list[str],
    rows: list[list[Cell]],
    body: list[list[Cell]],
    roles: list[Role],
) -> IndicatorTable | None:
    indicators = _indicators(body, header, roles)
    if not indicators:
        return None
    return IndicatorTable(
        "execution" if "actual" in roles else "plan",
        raw.title,
        raw.note or _note_in_rows(rows),
        _table_year(header, roles, raw.title),
        header,
        roles,
        indicators,
        raw.start,
        raw.end,
    )


def _later_targets(header: list[str], roles: list[Role]) -> list[Role] | None:
    """The roles of the plan table an execution table's header also holds: a column of aims
    (``2024年预期目标``, ``2024年计划``) of a later year than its targets, left over as
    ``other``, becomes the target; the execution's targets, results, completion and their
    growths are other columns there. ``None`` when there is no such column."""
    if "actual" not in roles:
        return None
    year = _table_year(header, roles, "")
    later = [
        at
        for at, (text, role) in enumerate(zip(header, roles, strict=True))
        if role == "other"
        and _LATER_AIM.search(plain(text))
        and not _RESULT_WORD.search(plain(text))
        and year is not None
        and (own := _year_of(text)) is not None
        and own > year
    ]
    if len(later) != 1:
        return None
    done = ("target", "actual", "completion", "growth")
    return [
        "target" if at == later[0] else ("other" if role in done else role)
        for at, role in enumerate(roles)
    ]


def _header(rows: list[list[Cell]]) -> tuple[list[str], list[list[Cell]]] | None:
    """The header's column titles and the rows below it.

    A two-level header (``2023年`` over ``目标 | 完成``, ``绝对值 | 增长%``) is
    read as one: the upper cell, carried over the empty cells its span left,
    before each lower one.
    """
    at = _header_row(rows)
    if at is None:
        return None
    texts = [plain(cell.text) for cell in rows[at]]
    if at > 0 and _is_upper_header(rows[at - 1], texts):
        return _two_level([plain(c.text) for c in rows[at - 1]], texts), rows[at + 1 :]
    if at + 1 < len(rows) and _is_lower_header(texts, rows[at + 1]):
        return _two_level(texts, [plain(c.text) for c in rows[at + 1]]), rows[at + 2 :]
    return texts, rows[at + 1 :]


def _header_row(rows: list[list[Cell]]) -> int | None:
    for index, row in enumerate(rows[:4]):
        texts = [plain(cell.text) for cell in row]
        filled = [text for text in texts if text]
        # a title or 单位 line spanning the table above its header is one cell
        if len(filled) >= 2 and (
            any(_NAME_HEADER.search(text) for text in texts) or _names_items(texts)
        ):
            return index
    return None


def _is_upper_header(row: list[Cell], lower: list[str]) -> bool:
    """A row above the header with a year or 目标/完成 spanning empty cells."""
    texts = [plain(cell.text) for cell in row]
    return (
        len(texts) == len(lower)
        and len([text for text in texts if text]) >= 2  # one cell is a title over the table
        and "" in texts[1:]
        and any(_YEAR.search(text) or aim_or_result_re().search(text) for text in texts)
        and not any(_data_cell_re().match(text) for text in texts)
    )


def _is_lower_header(upper: list[str], row: list[Cell]) -> bool:
    """The row below a header with empty cells: header words under the spans, no figures."""
    texts = [plain(cell.text) for cell in row]
    if len(texts) != len(upper) or "" not in upper[1:] or not any(texts):
        return False
    under_spans = [text for top, text in zip(upper, texts, strict=True) if not top and text]
    return bool(under_spans) and all(_lower_header_re().search(text) for text in texts if text)


def _two_level(upper: list[str], lower: list[str]) -> list[str]:
    titles: list[str] = []
    carried = ""
    for top, bottom in zip(upper, lower, strict=True):
        carried = top or (carried if bottom else "")
        titles.append(carried + bottom if carried != bottom else bottom)
    return titles


def _table_year(header: list[str], roles: list[Role], title: str) -> int | None:
    for text, role in zip(header, roles, strict=True):
        if role in ("target", "actual") and (m := _YEAR.search(text)):
            return int(m.group(1))
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


def _indicators(rows: list[list[Cell]], header: list[str], roles: list[Role]) -> list[Indicator]:
    indicators: list[Indicator] = []
    category: str | None = None
    keys = _column_keys(header, roles)
    # a column without a header says nothing by itself (the name's header may span it)
    others = [key for key in dict.fromkeys(keys) if key.startswith(_OTHER) and key != _OTHER]
    # a table repeats its values (``5``, ``6.5左右``, empty cells): each is read once
    parse = functools.cache(read_value)
    growth_keys = [
        keys[at] if at is not None else None
        for at in (
            _growth_sibling(header, roles, "target"),
            _growth_sibling(header, roles, "actual"),
        )
    ]
    name_tail = _name_tail(header, roles)
    header_unit = _header_unit(header, roles)
    spelled = _attributes_spelled(rows, roles)
    above: dict[str, Cell] = {}
    name_above: Cell | None = None
    for row in rows:
        if not any([cell.text for cell in row]) or [plain(c.text) for c in row] == header:
            continue  # an empty row, or the header repeated after a page break
        row = _aligned(row, roles)
        heading = _category_heading(row, roles)
        if heading is not None:
            category = heading
            above, name_above = {}, None
            continue
        written = dict(zip(keys, row, strict=False))
        cells = _with_name_tail(written, row, name_tail, name_above)
        if "name" in written and written["name"].text.strip():
            name_above = written["name"]
        cells = _carried_down(cells, above, spelled)
        if cells.get("category") and cells["category"].text.strip():
            category = plain(cells["category"].text)
        name_cell = cells.get("name")
        if name_cell is None or not name_cell.text.strip():
            if indicators and (row_in_unit := _unit_row(cells, row, others, indicators, parse)):
                indicators[-1].subrows.append(row_in_unit)
            continue
        indicator = _indicator(cells, row, others, category, parse)
        indicator.unit = indicator.unit or header_unit
        _growth_when_no_level(indicator, cells, growth_keys, parse)
        if _names_a_category(indicator, indicators, roles):
            category = indicator.name
            continue
        place = _placement(indicator, indicators, roles)
        if place == "sub":
            indicators[-1].subrows.append(indicator)
        elif place == "rest":
            _join_rest(_last_row(indicators[-1]), indicator)
        else:
            indicators.append(indicator)
    return indicators


def _attributes_spelled(rows: list[list[Cell]], roles: list[Role]) -> bool:
    """The 属性 column writes both 预期性 and 约束性 (not only marking the binding rows)."""
    if "binding" not in roles:
        return False
    at = roles.index("binding")
    words = {plain(row[at].text)[:2] for row in rows if len(row) > at}
    return {"预期", "约束"} <= words


def _header_unit(header: list[str], roles: list[Role]) -> str | None:
    """The unit a table without a 单位 column writes over its targets (``2024年目标（%）``)."""
    if "unit" in roles or "target" not in roles:
        return None
    unit = unit_in_brackets(header[roles.index("target")])
    return None if unit is None or re.search(r"[、，,/]", unit) else unit  # ``（亿元、%）``


def _is_note_row(row: list[Cell]) -> bool:
    """A row of the table holding its 注 (``注：带*为约束性指标``), merged across it or not."""
    filled = [cell.text for cell in row if cell.text.strip()]
    return bool(filled) and _NOTE_ROW.match(plain(filled[0])) is not None


def _note_in_rows(rows: list[list[Cell]]) -> str:
    notes = [row for row in rows if _is_note_row(row)]
    return next((cell.text.strip() for cell in notes[0] if cell.text.strip()), "") if notes else ""


def _tasks_under_item(header: list[str], roles: list[Role], body: list[list[Cell]]) -> bool:
    """Rows headed ``项目`` whose aims are mostly words (``完成主体工程``): a table of tasks
    or projects, not of indicators; a table of indicators sets figures for most rows."""
    if {"name", "target"} - set(roles) or not _ITEM_HEADER.match(header[roles.index("name")]):
        return False
    at = roles.index("target")
    aims = [plain(row[at].text) for row in body if len(row) > at and row[at].text.strip()]
    figures = [aim for aim in aims if re.search(r"\d", aim)]
    return len(figures) * 2 < len(aims)


def _years_without_aims(header: list[str], roles: list[Role], title: str) -> bool:
    """A table of years' figures (``指标名称 | 2008年 | 比上年增长``, a yearbook's
    ``2000 | 2006 | 2007``): its latest year is a target only when something says the
    table plans (an actual beside it, a 属性 column, or ``计划``/``目标`` in its title)."""
    if "target" not in roles or "actual" in roles or "binding" in roles:
        return False  # a 属性 column (预期性/约束性) is a plan's
    return bool(_YEAR_VALUE.match(header[roles.index("target")])) and not _plan_title_re().search(
        plain(title)
    )


def _category_under_name_header(
    header: list[str], roles: list[Role], body: list[list[Cell]]
) -> None:
    """The name's header spanning a category column and the names' (``项 目`` over
    ``宏观调控 | 地区生产总值增长率``): its left column, printed once a block (merged down),
    is the category; the next, written on every row, holds the names."""
    tail = _name_tail(header, roles)
    if not tail or "category" in roles:
        return
    at = roles.index("name")
    rows = [row for row in body if len(row) > tail[0] and any(cell.text.strip() for cell in row)]
    left = sum(1 for row in rows if row[at].text.strip())
    right = sum(1 for row in rows if row[tail[0]].text.strip())
    # ``一般公共预算收入`` merged over ``总量（亿元）`` and ``增速（%）``: names over their figures
    aspects = sum(1 for row in rows if _aspect_re().match(plain(row[tail[0]].text)))
    if len(rows) >= 3 and right == len(rows) and left * 2 <= len(rows) and aspects * 2 < right:
        roles[at], roles[tail[0]] = "category", "name"


#: the columns whose cell a table merges down a block of rows in the same unit or 属性
_CARRIED: tuple[Role, ...] = ("unit", "binding")


def _carried_down(
    cells: dict[str, Cell], above: dict[str, Cell], spelled: bool = False
) -> dict[str, Cell]:
    """A unit or 属性 cell merged down from a row above holds for this row too
    (``%`` merged over the growths of a block, ``约束性`` over its binding rows). Where a
    copy lost the merge (a page copied to text), an empty 属性 cell in a column that
    ``spelled`` out both 预期性 and 约束性 is one too: such a column leaves no row without.

    ``above`` keeps the last written cell of each such column, for the rows below.
    """
    carried = dict(cells)
    for role in _CARRIED:
        cell = cells.get(role)
        if cell is None:
            continue
        merged = cell.merged_above or (spelled and role == "binding")
        if merged and not cell.text.strip() and role in above:
            carried[role] = above[role]
        elif cell.text.strip():
            above[role] = cell
        else:
            above.pop(role, None)
    return carried


def _name_tail(header: list[str], roles: list[Role]) -> list[int]:
    """The columns without a header right after the name's: the name's header spans them
    (``指标名称`` over ``一般公共预算收入 | 增速（%）``)."""
    if "name" not in roles:
        return []
    tail: list[int] = []
    for index in range(roles.index("name") + 1, len(header)):
        if header[index]:
            break
        tail.append(index)
    return tail


def _with_name_tail(
    cells: dict[str, Cell], row: list[Cell], tail: list[int], above: Cell | None
) -> dict[str, Cell]:
    """The name with the cells its header spans after it. Where they say which figure of
    the indicator the row gives (``总量（亿元）``, ``增速（%）``) and the name cell is merged
    down over those rows, the name is the one above: ``一般公共预算收入（亿元）``,
    ``一般公共预算收入增速（%）``."""
    parts = [row[index] for index in tail if index < len(row) and row[index].text.strip()]
    name = cells.get("name")
    if not parts or name is None:
        return cells
    tail_text = "".join(part.text.strip() for part in parts)
    if _aspect_re().match(plain(tail_text)):
        if not name.text.strip() and name.merged_above and above is not None:
            name = above
        tail_text = _LEVEL_WORD.sub("", tail_text)
    text = name.text.rstrip() + tail_text
    return {**cells, "name": Cell(text, name.start, parts[-1].end)}


#: the word for an indicator's level, said before its unit (``总量（亿元）``): the name's unit is enough
_LEVEL_WORD = re.compile(r"^(绝对值|数值|总量)")


def _growth_sibling(header: list[str], roles: list[Role], role: Role) -> int | None:
    """The growth column beside a target or actual column headed as an absolute figure
    (``2024年增长%`` beside ``2024年绝对值``), under the same year (``2024年计划目标``) or
    headed as a growth alone right after it (``2024年目标 | 比上年增减%``)."""
    if role not in roles:
        return None
    at = roles.index(role)
    base = _ABSOLUTE_WORD.sub("", header[at])
    if base == header[at]:  # ``2024年计划目标`` beside ``2024年增长%``: one year over both
        after = header[at + 1] if at + 1 < len(header) else ""
        if _GROWTH_ALONE.match(after):
            return at + 1  # ``2024年目标 | 比上年增减（±%）``
        year = _YEAR_LEAD.match(header[at])
        if year is None or not after.startswith(year.group(0)):
            return None
        rest = after[year.end() :]
        return (
            at + 1
            if _growth_header_re().search(rest) and not aim_or_result_re().search(rest)
            else None
        )
    for index, text in enumerate(header):
        if index != at and text.startswith(base) and _growth_header_re().search(text[len(base) :]):
            return index
    return None


def _growth_when_no_level(
    indicator: Indicator,
    cells: dict[str, Cell],
    growth_keys: list[str | None],
    parse: Callable[[str], Value],
) -> None:
    """A row whose target is given only as a growth (``绝对值`` empty, ``增长%`` 6左右) is
    graded on the growths: its target and actual are the growth columns'."""
    target_key, actual_key = growth_keys
    if indicator.target.kind != "empty" or target_key is None:
        return
    target = cells.get(target_key)
    if target is None or not target.text.strip():
        return
    indicator.target = parse(target.text)
    indicator.unit = "%"
    actual = cells.get(actual_key) if actual_key else None
    if actual is not None and actual.text.strip():
        indicator.actual = parse(actual.text)


def _aligned(row: list[Cell], roles: list[Role]) -> list[Cell]:
    """A row narrower than the header that opens with its 序号 left its category out."""
    if "no" not in roles or len(row) >= len(roles) or not _number_re().match(plain(row[0].text)):
        return row
    missing = min(roles.index("no"), len(roles) - len(row))
    return [Cell("", row[0].start, row[0].start)] * missing + row


def _category_heading(row: list[Cell], roles: list[Role]) -> str | None:
    """A row that only names a category: ``一、经济发展`` anywhere, or any words in the
    序号 column (a row merged across the table); the category of the rows below."""
    filled = [(index, plain(cell.text)) for index, cell in enumerate(row) if cell.text.strip()]
    if len({text for _, text in filled}) != 1:
        return None
    index, text = filled[0]
    m = _CATEGORY_HEADING.match(text)
    if m:
        return text[m.end() :] or None
    in_number_column = index < len(roles) and roles[index] == "no"
    return text if in_number_column and not _number_re().match(text) else None


def _names_a_category(indicator: Indicator, indicators: list[Indicator], roles: list[Role]) -> bool:
    """An unnumbered row without figures in the name column of a table without a 类别
    column, whose name is a category's (``经济发展``, ``民生保障类``), or opens the table."""
    if "category" in roles or indicator.no is not None or indicator.prefix:
        return False
    if _has_figures(indicator) or indicator.unit or indicator.binding:
        return False
    return not indicators or _category_name_re().search(indicator.name) is not None


def _placement(indicator: Indicator, indicators: list[Indicator], roles: list[Role]) -> str:
    """Where a row goes: ``own`` (an indicator), ``sub`` (a sub-row of the one above) or
    ``rest`` (the rest of the name above, broken by the page or a line).

    A row is a sub-row only when its name says so: a mark (``其中：``, ``#``), an
    indent, or a name that is only an aspect of the row above (``增长（%）``).
    A row without 序号 and without figures is the rest of the name above; so
    is a row that gives the figures the row above left out.
    """
    if not indicators:
        return "own"
    if indicator.prefix or _INDENT.match(indicator.raw_name):
        return "sub"
    if "no" not in roles or indicator.no is not None:
        return "own"
    above = _last_row(indicators[-1])
    if not _has_figures(indicator) or (not _has_figures(above) and not above.subrows):
        return "rest"
    return "sub" if _aspect_re().match(plain(indicator.raw_name)) else "own"


def _last_row(indicator: Indicator) -> Indicator:
    return indicator.subrows[-1] if indicator.subrows else indicator


def _has_figures(indicator: Indicator) -> bool:
    actual = indicator.actual
    return (
        indicator.target.kind != "empty"
        or (actual is not None and actual.kind != "empty")
        or any(text.strip() for text in indicator.extra.values())
    )


def _join_rest(row: Indicator, rest: Indicator) -> None:
    """The row's name goes on with the rest's; figures the row lacks come from the rest."""
    row.raw_name = f"{row.raw_name}{rest.raw_name.strip()}"
    said = read_name(row.raw_name)
    row.name, row.binding = said.name, row.binding or said.binding or rest.binding
    row.unit = said.unit or row.unit or rest.unit
    if row.target.kind == "empty":
        row.target = rest.target
    if row.actual is None or row.actual.kind == "empty":
        row.actual = rest.actual
    for key, text in rest.extra.items():
        if text.strip() and not row.extra.get(key, "").strip():
            row.extra[key] = text
    row.end = max(row.end, rest.end)


def _unit_row(
    cells: dict[str, Cell],
    row: list[Cell],
    others: list[str],
    indicators: list[Indicator],
    parse: Callable[[str], Value],
) -> Indicator | None:
    """A row with only a unit and figures under an indicator: the indicator in that unit
    (``地区生产总值 | 亿元 | 1700`` over ``| % | 6.5``)."""
    unit = cells.get("unit")
    if unit is None or not unit.text.strip():
        return None
    above = indicators[-1]
    named = dict(cells)
    named["name"] = Cell(f"{above.name}（{unit.text.strip()}）", unit.start, unit.end)
    sub = _indicator(named, row, others, above.category, parse)
    sub.no = None
    return sub if _has_figures(sub) else None


def read_value(text: str) -> Value:
    """A target or actual cell, also with the growth word in it: ``增长5%左右`` is 5 %
    (about), ``下降2%`` is −2 %; the value keeps the cell's text."""
    norm = plain(text)
    if "百分点" not in norm:
        if m := _GROWTH_WORD.match(norm):
            return replace(parse_value(f"{m['lead'] or ''}{norm[m.end() :]}"), text=text)
        if m := _DECLINE_WORD.match(norm):
            value = parse_value(f"{m['lead'] or ''}-{norm[m.end() :]}")
            # 下降2%以上 is a fall of 2 % or more: a change of −2 % or less
            flipped = _FLIPPED.get(value.comparator or "", value.comparator)
            return replace(value, text=text, comparator=flipped)
    return parse_value(text)


_OTHER = "other:"


def _column_keys(header: list[str], roles: list[Role]) -> list[str]:
    """Each column's key in a row's cells: its role, or ``other:`` and its header text."""
    return [
        role if role != "other" else f"{_OTHER}{title}"
        for role, title in zip(roles, header, strict=True)
    ]


def _indicator(
    cells: dict[str, Cell],
    row: list[Cell],
    others: list[str],
    category: str | None,
    parse: Callable[[str], Value],
) -> Indicator:
    """One row read; ``others`` are the keys of the table's other columns, in column order.

    ``parse`` reads a target or actual (:func:`jihua.targets.parse_value`).
    """
    raw_name = cells["name"].text
    said = read_name(raw_name)
    name, unit, binding, prefix = said.name, said.unit, said.binding, said.prefix
    if cells.get("unit") and cells["unit"].text.strip():
        unit = cells["unit"].text.strip()
    no_text = plain(cells["no"].text) if "no" in cells else ""
    no = no_text or said.number
    if prefix:
        no = None
    actual = parse(cells["actual"].text) if "actual" in cells else None
    target = parse(cells["target"].text if "target" in cells else "")
    extra = {key.removeprefix(_OTHER): cells[key].text for key in others if key in cells}
    if "completion" in cells:
        extra["completion"] = cells["completion"].text
    if "growth" in cells:
        extra["growth"] = cells["growth"].text
    if "binding" in cells:
        binding = binding or "约束" in cells["binding"].text
    start = min([cell.start for cell in row])
    end = max([cell.end for cell in row])
    return Indicator(
        no, name, unit, binding, category, target, actual, raw_name, start, end, prefix, extra
    )
