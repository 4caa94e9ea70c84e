"""Indicator tables: the execution table and the plan table of a report.

:func:`read_indicator_table` gives a :class:`jihua.document.RawTable` its
meaning. The header row says what each column holds (``序号``, ``类别``,
``指标名称``, ``单位``, ``…预期目标``/``…计划目标``, ``…完成情况``, and whatever
else a region prints, kept by its header text). Other regions print other
headers, read the same way: ``2022年实际``/``2023年预计完成`` (actual),
``2023年目标``/``2022年计划`` (target; the first such column is the one graded,
later ones are kept by header text), ``增长%``/``增速（%）`` (growth),
``完成年计划%`` (completion), ``属性`` (约束性/预期性 → binding). Conventions of the tables:

* a row with an empty 序号 (``其中：…``, ``#…``) is a sub-row of the
  numbered indicator above it;
* the 类别 cell is printed only on a category's first row (and again after a
  page break): it carries down;
* ``*`` after a name marks a binding (约束性) indicator, as the 注 line says;
* the unit is the name's last parentheses: ``地区生产总值增速（%）`` → ``%``,
  ``万人发明专利拥有量（件）增长（%）`` → ``%``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from jihua.document import Cell, RawTable
from jihua.targets import Value, parse_value

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
    ("growth", re.compile(r"^(比上年|同比)?(增长|增速|增幅|增减)(率|幅度)?([(（]?[%％][)）]?)?$")),
    ("target", re.compile(r"(预期|计划|目标|预计目标)")),
    ("actual", re.compile(r"(完成|实际|执行|实绩|预计)")),
]
_SUBROW_PREFIX = re.compile(r"^\s*(其中[:：]?|#|＃|[-—·•])\s*")
_BINDING_MARK = re.compile(r"[*＊★☆]")
_UNIT_AT_END = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")
_YEAR = re.compile(r"(20\d\d|19\d\d)")
_NOT_A_UNIT = re.compile(r"含|其中|不包括|预计")


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
        return bool(_BINDING_MARK.search(self.note)) and "约束性" in self.note

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
    """What each column of a header row holds."""
    roles: list[Role] = []
    for text in header:
        cell = plain(text)
        role: Role = "other"
        for candidate, pattern in _ROLE_PATTERNS:
            if pattern.search(cell) and candidate not in roles:
                role = candidate
                break
        roles.append(role)
    return roles


def read_indicator_table(raw: RawTable) -> IndicatorTable | None:
    """Give a raw table its meaning, or ``None`` if it is not an indicator table."""
    header_at = _header_row(raw.rows)
    if header_at is None:
        return None
    header = [plain(cell.text) for cell in raw.rows[header_at]]
    roles = column_roles(header)
    if "name" not in roles or not ({"target", "actual"} & set(roles)):
        return None
    kind: TableKind = "execution" if "actual" in roles else "plan"
    indicators = _indicators(raw.rows[header_at + 1 :], header, roles)
    if not indicators:
        return None
    return IndicatorTable(
        kind,
        raw.title,
        raw.note,
        _table_year(header, roles, raw.title),
        header,
        roles,
        indicators,
        raw.start,
        raw.end,
    )


def _header_row(rows: list[list[Cell]]) -> int | None:
    for index, row in enumerate(rows[:3]):
        texts = [plain(cell.text) for cell in row]
        if any("指标" in text for text in texts) and len(texts) >= 2:
            return index
    return None


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
    others = [key for key in dict.fromkeys(keys) if key.startswith(_OTHER)]
    # a table repeats its values (``5``, ``6.5左右``, empty cells): each is read once
    parse = functools.cache(parse_value)
    for row in rows:
        if not any([cell.text for cell in row]):
            continue
        cells = dict(zip(keys, row, strict=False))
        if cells.get("category") and cells["category"].text:
            category = plain(cells["category"].text)
        name_cell = cells.get("name")
        if name_cell is None or not name_cell.text.strip():
            continue
        indicator = _indicator(cells, row, others, category, parse)
        if _is_subrow(indicator, roles) and indicators:
            indicators[-1].subrows.append(indicator)
        else:
            indicators.append(indicator)
    return indicators


def _is_subrow(indicator: Indicator, roles: list[Role]) -> bool:
    """A row without a 序号 under a numbered one; without a 序号 column, only a marked row."""
    return bool(indicator.prefix) or ("no" in roles and indicator.no is None)


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
    name, unit, binding, prefix = split_name(raw_name)
    if cells.get("unit") and cells["unit"].text.strip():
        unit = cells["unit"].text.strip()
    no_text = plain(cells["no"].text) if "no" in cells else ""
    no = no_text or None
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


def split_name(raw: str) -> tuple[str, str | None, bool, str]:
    """``空气质量优良天数（天）*`` → (``空气质量优良天数``, ``天``, binding, prefix)."""
    text = plain(raw)
    binding = _BINDING_MARK.search(text) is not None
    if binding:
        text = _BINDING_MARK.sub("", text)
    prefix_match = _SUBROW_PREFIX.match(text)
    prefix = ""
    if prefix_match:
        prefix = "其中：" if prefix_match.group(1).startswith("其中") else prefix_match.group(1)
        text = text[prefix_match.end() :]
    unit = None
    unit_match = _UNIT_AT_END.search(text)
    if unit_match and not _NOT_A_UNIT.search(unit_match.group(1)):
        unit = unit_match.group(1)
        text = text[: unit_match.start()]
    return text, unit, binding, prefix
