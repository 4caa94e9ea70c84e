"""What the name cell of an indicator table's row says besides the name.

Regions write more than the name into it: the unit in its last brackets
(``地区生产总值（亿元）``), a ``*`` for a binding indicator, the 属性 in brackets
(``耕地保有量（约束性）``), a sub-row's mark (``其中：``, ``#``), a list number in a
table without a 序号 column (``1.``, ``（1）``, ``①``) and a footnote's mark
explained under the table (``森林覆盖率①``, ``高技术产业[1]增加值``).
:func:`read_name` parts them; :func:`split_name` gives the name, unit, binding
mark and sub-row mark alone (the statistics tables read names that way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BINDING_MARK = re.compile(r"[*＊★☆]")
_SUBROW_PREFIX = re.compile(r"^\s*(其中[:：]?|#|＃|[-—·•])\s*")
_UNIT_AT_END = re.compile(r"[（(]([^（）()]{1,8})[）)]\s*$")
_NOT_A_UNIT = re.compile(r"含|其中|不包括|预计")
#: a footnote's mark, explained under the table
_FOOTNOTE_MARK = re.compile(r"(?<=.)[①-⑳]|\[\d{1,2}\]|［\d{1,2}］|[（(]注\d{0,2}[)）]")
#: the 属性 written into the name: ``耕地保有量（约束性）``, ``地区生产总值增长[预期性]``
_ATTRIBUTE = re.compile(r"[（(\[［【](预期性|约束性|预期|约束)(指标)?[)）\]］】]")
#: a list number written before the name: ``1.``, ``（1）``, ``①``
_LIST_NUMBER = re.compile(r"^(?:(\d{1,2})[.、．](?!\d)|[（(](\d{1,2})[)）]|([①-⑳]))")


@dataclass(frozen=True)
class RowName:
    name: str
    unit: str | None
    binding: bool
    prefix: str  # a sub-row's mark: ``其中：``, ``#``
    number: str | None  # a list number written before the name


def read_name(raw: str) -> RowName:
    """``（1）耕地保有量（万亩）[约束性]`` → 耕地保有量, 万亩, binding, number 1."""
    text = "".join(raw.split())
    number = None
    if (m := _LIST_NUMBER.match(text)) and len(text) > m.end():
        circled = m.group(3)
        number = m.group(1) or m.group(2) or str(ord(circled) - ord("①") + 1)
        text = text[m.end() :]
    text = _FOOTNOTE_MARK.sub("", text)
    attribute = _ATTRIBUTE.search(text)
    if attribute is not None:
        text = text[: attribute.start()] + text[attribute.end() :]
    name, unit, binding, prefix = split_name(text)
    binding = binding or (attribute is not None and attribute.group(1).startswith("约束"))
    return RowName(name, unit, binding, prefix, number)


def split_name(raw: str) -> tuple[str, str | None, bool, str]:
    """``空气质量优良天数（天）*`` → (``空气质量优良天数``, ``天``, binding, prefix)."""
    text = "".join(raw.split())
    binding = BINDING_MARK.search(text) is not None
    if binding:
        text = BINDING_MARK.sub("", text)
    prefix_match = _SUBROW_PREFIX.match(text)
    prefix = ""
    if prefix_match:
        prefix = "其中：" if prefix_match.group(1).startswith("其中") else prefix_match.group(1)
        text = text[prefix_match.end() :]
    unit = None
    if (m := _unit_match(text)) is not None:
        unit, text = m.group(1), text[: m.start()]
    return text, unit, binding, prefix


def unit_in_brackets(text: str) -> str | None:
    """The unit in the last brackets of a name or header (``（亿元）``), if they hold one."""
    m = _unit_match(text)
    return m.group(1) if m else None


def _unit_match(text: str) -> re.Match[str] | None:
    m = _UNIT_AT_END.search(text)
    return m if m and not _NOT_A_UNIT.search(m.group(1)) else None
