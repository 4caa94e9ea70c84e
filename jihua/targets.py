"""The grammar of targets and actuals, as plan tables write them.

One parser, :func:`parse_value`, reads every form a plan table uses for a
target (预期目标) or an actual (完成情况) into a :class:`Value`:

=============================  ============  ==========================================
text                           kind          meaning
=============================  ============  ==========================================
``6.5``  ``-18左右``  ``≥330``  number        a number with comparator and qualifier
``5.5以内``  ``≤3``  ``10%``                  (``以上``/``≥`` floor, ``以内``/``≤`` ceiling)
``5-6``  ``5～6``               range         between two numbers
``提升0.5个百分点左右``         change        change against last year, in 个百分点
``快于经济增速``                relation      compared with the actual of another indicator
``与经济增速同步``
``完成市级下达目标``            superior      a target set by the level above
``控制在市上下达指标内``
``预计能够完成``                met           a qualitative statement that it is (to be) met
``〔13.5〕``  ``[15]%``          number …      cumulative: a five-year plan's sum of its years
(empty)                        empty         nothing written
anything else                  unreadable    kept with its text, never an exception
=============================  ============  ==========================================

Full-width digits and signs (``１０．５``, ``－18``, ``％``) are read as their
ASCII forms. ``预计`` / ``（预计）`` marks an estimate. A value is never a
silent zero: what cannot be read is ``unreadable`` and carries its text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from functools import cache, lru_cache
from typing import Any, Literal

Kind = Literal["number", "range", "change", "relation", "superior", "met", "empty", "unreadable"]
Comparator = Literal["=", "≥", "≤", ">", "<", "≈"]

#: qualifier → the comparator it implies
QUALIFIER_COMPARATORS: dict[str, Comparator] = {
    "以上": "≥",
    "及以上": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "至少": "≥",
    "突破": ">",
    "超过": ">",
    "超": ">",
    "以内": "≤",
    "以下": "≤",
    "及以下": "≤",
    "不超过": "≤",
    "不高于": "≤",
    "低于": "<",
    "控制在": "≤",
    "左右": "≈",
    "约": "≈",
}

_SIGNS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<", "=": "="}
_UNIT = r"(?P<unit>%|‰|个百分点|百分点|[万亿千百]?[元户人家个件座项吨亩天台辆套所条公里米]+|[万亿]?[美]?元|万吨|万人|万户|万亩|公顷|标箱|微克/立方米)?"
_NUM = r"[-+]?\d+(?:\.\d+)?"

_NUMBER_RE = re.compile(
    rf"^(?P<pre>不低于|不少于|不超过|不高于|至少|突破|超过|超|控制在|低于|约)?"
    rf"(?P<sign>≥|>=|≤|<=|>|<|=)?(?P<num>{_NUM}){_UNIT}"
    rf"(?P<post>及以上|及以下|以上|以内|以下|左右)?$"
)
_RANGE_RE = re.compile(
    rf"^(?P<low>{_NUM})%?(?:-|~|～|至|到|—)(?P<high>{_NUM}){_UNIT}(?P<post>左右)?$"
)
_CHANGE_RE = re.compile(
    r"^(?P<verb>提升|提高|增加|上升|下降|降低|减少|回落)(?P<num>\d+(?:\.\d+)?)"
    r"(?P<unit>个百分点|百分点|%)(?P<post>以上|以内|左右)?$"
)
_RELATION_RE = re.compile(
    r"^(?:与|和|同)?(?P<ref>.{1,20}?)(?P<how>同步|保持同步|基本同步|相适应|相匹配)$"
    r"|^(?P<how2>快于|高于|不低于|略高于|慢于|低于|不高于)(?P<ref2>.{1,20})$"
)
_SUPERIOR_RE = re.compile(
    r"(上级|上面|国家|中央|自治区|省|市|州|盟|区|县|旗)(级|上|里|委|政府)?"
    r"(下达|核定|要求|分解|下发)|^完成下达的?(目标)?任务"
)
_MET_RE = re.compile(
    r"^(预计)?(能够|可以|可|能|已|已经|全面|基本|顺利)?(完成|实现|达到|达标|达成)(目标|任务|目标任务)?$"
)
_NOT_MET_RE = re.compile(r"(未|没有|难以|无法|不能)(能)?(完成|实现|达到|达标)")

_MINUS = str.maketrans({"−": "-", "－": "-", "–": "-", "﹣": "-", "＋": "+", "〜": "~"})
_ESTIMATE_RE = re.compile(r"[（(]?预计(数|值)?[)）]?")
_RELATION_LEAD = re.compile(r"^(与|和|同)")
_RELATION_TAIL = re.compile(r"(保持|基本)$")
_GROWTH_AT_END = re.compile(r"增长$")
_DIGIT = re.compile(r"\d")


@cache
def _thousands_re() -> re.Pattern[str]:
    """A comma between groups of three digits: ``1,234.5`` (``１，２３４`` after NFKC)."""
    return re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalize(text: str) -> str:
    """Full-width to ASCII, unify minus signs, drop whitespace and thousands separators.

    ASCII text is its own NFKC form and has no sign to unify; ``str.split``
    splits on exactly the characters ``\\s`` matches.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_MINUS)
    text = "".join(text.split())
    if "," in text:
        text = _thousands_re().sub("", text)
    return text


@dataclass(frozen=True)
class Value:
    """A target or actual as parsed, always with the text it came from."""

    text: str
    kind: Kind
    number: float | None = None
    upper: float | None = None
    comparator: Comparator | None = None
    qualifier: str | None = None
    unit: str | None = None
    relation: str | None = None
    reference: str | None = None
    estimate: bool = False
    #: written in 〔 〕: the sum of a five-year plan's years (``〔13.5〕``: 13.5 over the five)
    cumulative: bool = False

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "range")

    def to_dict(self) -> dict[str, Any]:
        """The fields that say something (no ``None``, no ``False``)."""
        return {
            name: value
            for name in _FIELD_NAMES
            if (value := getattr(self, name)) is not None and value is not False
        }

    def __str__(self) -> str:
        return self.text


_FIELD_NAMES = tuple(f.name for f in fields(Value))


def parse_value(text: str | None) -> Value:
    """Read a target or actual cell; never raises."""
    raw = "" if text is None else str(text)
    return _parse_cell(raw) if len(raw) <= _REMEMBERED_LENGTH else _parse_safely(raw)


#: cells up to this long are parsed once a process (a view or a regrade re-reads the same
#: few hundred texts after every write); a long text is parsed each time, not kept
_REMEMBERED_LENGTH = 200


@lru_cache(maxsize=8192)
def _parse_cell(raw: str) -> Value:
    return _parse_safely(raw)


def _parse_safely(raw: str) -> Value:
    try:
        return _parse(raw)
    except (ValueError, OverflowError):  # e.g. a number too long to be a float
        return Value(raw, "unreadable")


def _parse(raw: str) -> Value:
    norm = normalize(raw)
    estimate = "预计" in norm and not _MET_RE.match(norm)  # "预计" is what _ESTIMATE_RE finds
    if estimate:
        norm = _ESTIMATE_RE.sub("", norm)
    norm = norm.strip("。；;，,")
    if not norm or norm in {"-", "—", "/", "无", "——"}:
        return Value(raw, "empty", estimate=estimate)
    summed = _CUMULATIVE_RE.fullmatch(norm)
    if summed:
        norm = summed["inner"] + summed["rest"]
    for reader in (_read_number, _read_range, _read_change):
        value = reader(raw, norm)
        if value is not None:
            return replace(_with_estimate(value, estimate), cumulative=summed is not None)
    if summed:
        return Value(raw, "unreadable", estimate=estimate)
    for reader in (_read_qualitative, _read_relation):
        value = reader(raw, norm)
        if value is not None:
            return _with_estimate(value, estimate)
    return Value(raw, "unreadable", estimate=estimate)


#: a figure in 〔 〕 (or [ ], 【 】), a five-year plan's sum of its years, then its unit or qualifier
_CUMULATIVE_RE = re.compile(r"[〔\[【](?P<inner>[^〔〕\[\]【】]{1,20})[〕\]】](?P<rest>.{0,10})")


def _with_estimate(value: Value, estimate: bool) -> Value:
    if not estimate:
        return value
    return Value(**{**asdict(value), "estimate": True})


def _read_number(raw: str, norm: str) -> Value | None:
    m = _NUMBER_RE.match(norm)
    if not m:
        return None
    number = float(m["num"])
    qualifier = m["post"] or m["pre"]
    comparator: Comparator = "="
    if m["sign"]:
        comparator = _SIGNS[m["sign"]]  # type: ignore[assignment]
    elif qualifier:
        comparator = QUALIFIER_COMPARATORS[qualifier]
    return Value(raw, "number", number, comparator=comparator, qualifier=qualifier, unit=m["unit"])


def _read_range(raw: str, norm: str) -> Value | None:
    m = _RANGE_RE.match(norm)
    if not m:
        return None
    low, high = float(m["low"]), float(m["high"])
    if low > high:
        return None
    return Value(raw, "range", low, upper=high, comparator="≥", qualifier=m["post"], unit=m["unit"])


def _read_change(raw: str, norm: str) -> Value | None:
    m = _CHANGE_RE.match(norm)
    if not m:
        return None
    sign = -1.0 if m["verb"] in ("下降", "降低", "减少", "回落") else 1.0
    qualifier = m["post"]
    comparator = QUALIFIER_COMPARATORS[qualifier] if qualifier else "="
    unit = "个百分点" if "百分点" in m["unit"] else m["unit"]
    return Value(
        raw, "change", sign * float(m["num"]), comparator=comparator, qualifier=qualifier, unit=unit
    )


def _read_relation(raw: str, norm: str) -> Value | None:
    m = _RELATION_RE.match(norm)
    if not m:
        return None
    if m["how"]:
        relation, ref = "same", m["ref"]
    else:
        how = m["how2"]
        relation = "faster" if how in ("快于", "高于", "略高于") else "not_slower"
        relation = "slower" if how in ("慢于", "低于") else relation
        relation = "not_faster" if how == "不高于" else relation
        ref = m["ref2"]
    ref = _RELATION_LEAD.sub("", ref)
    ref = _RELATION_TAIL.sub("", ref)
    if not ref or _DIGIT.search(ref):
        return None
    return Value(raw, "relation", relation=relation, reference=_reference_name(ref))


def _reference_name(ref: str) -> str:
    """``经济增长`` and ``经济增速`` name the same thing: the growth of the economy."""
    return _GROWTH_AT_END.sub("增速", ref)


def _read_qualitative(raw: str, norm: str) -> Value | None:
    if _NOT_MET_RE.search(norm):
        return Value(raw, "met", relation="not_met")
    if _SUPERIOR_RE.search(norm) or norm in {"以上级下达为准"}:
        return Value(raw, "superior")
    if _MET_RE.match(norm):
        return Value(raw, "met", relation="met", estimate=norm.startswith("预计"))
    return None
