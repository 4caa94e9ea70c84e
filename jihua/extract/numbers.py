"""Numbers with their units, as Chinese government prose writes them.

:func:`scan_numbers` finds every figure in a text and reads it into a
:class:`Mention` whose ``start``/``end`` point into the text unchanged:

==========================  ==========================================
text                        reading
==========================  ==========================================
``增长 8.3%``  ``１２．５％``   8.3 / 12.5, unit ``%`` (spaces, full width)
``1.5万户``  ``4000万羽``     unit keeps its multiplier: ``万户``, ``万羽``
``1,234.5亿元``                1234.5: commas between groups of three digits
``1.2GW`` ``18.5元/公斤``       units in Latin letters, prices per unit
``1780余万条`` ``2万余件``    qualifier ``以上``
``7.5%以上`` ``10%左右``      qualifier from what follows
``万分之14.37``              unit ``万分之`` (a ratio written before the number)
``206 万头(只、口)``          the parenthesised unit list is part of the unit
``新增三家`` ``两个``          Chinese numerals, only before a measure word
``百分之十二`` ``百分之百``      12 / 100, unit ``%``
``5-6%`` ``3至5个``           a range: ``value`` 5, ``upper`` 6
==========================  ==========================================

What is *not* a figure is marked ``skip`` with a reason instead of being
dropped, so that the fact reader can still see list neighbours: ordinals
(``第3``), dates (``2023年``), numbers inside quotation marks (slogans like
``“2349”``) or glued to Latin letters (``5G``, ``PM2.5``), ratios
(``2.8:50.9:46.3``), classes (``100亿级``, ``千亿元大关``), durations (``12个月``).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

_D = "0-9０-９"
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

#: units written in Latin letters: a number before them is a figure, not a code like ``5G``
_LATIN_UNITS = ("GWh", "Gwh", "MWh", "kWh", "KWh", "kwh", "GW", "MW", "kW", "KW", "kw", "TEU")
_BASE_UNITS = sorted(
    [
        "元/月",
        "元/人",
        "元/吨",
        "元/平方米",
        "元/立方米",
        "元/千瓦时",
        "元/公斤",
        "元/千克",
        "元/斤",
        "元/亩",
        "元/年",
        "吨/年",
        "吨/日",
        "立方米/日",
        "标箱/年",
        "千瓦时/年",
        "辆/年",
        "套/年",
        "件/年",
        "微克/立方米",
        "毫克/升",
        "美元",
        "欧元",
        "元",
        "人次",
        "户次",
        "车次",
        "架次",
        "标准箱",
        "标箱",
        "平方公里",
        "平方千米",
        "平方米",
        "㎡",
        "立方米",
        "公里",
        "千米",
        "延米",
        "米",
        "千公顷",
        "公顷",
        "亩",
        "吨",
        "公斤",
        "千克",
        "斤",
        "千瓦时",
        "千瓦小时",
        "千瓦",
        "兆瓦时",
        "兆瓦",
        "度",
        "户",
        "人",
        "名",
        "位",
        "家",
        "个",
        "项",
        "座",
        "所",
        "条",
        "件",
        "台",
        "辆",
        "套",
        "艘",
        "部",
        "张",
        "间",
        "栋",
        "幢",
        "处",
        "种",
        "场次",
        "场",
        "次",
        "批次",
        "类",
        "宗",
        "笔",
        "份",
        "株",
        "棵",
        "头只",
        "头",
        "只",
        "羽",
        "尾",
        "匹",
        "床",
        "天",
        "小时",
        "周岁",
        "岁",
        "倍",
        "根",
        "块",
        "片",
        "支",
        "对",
        "册",
        "席",
        "段",
        "吨标准煤",
        "万千瓦",
        *_LATIN_UNITS,
    ],
    key=len,
    reverse=True,
)
_MINUS = "-－−"
_BASE = "|".join(re.escape(unit) for unit in _BASE_UNITS)
#: sessions held (``培训23期``), not a project's phase (``2期工程``, ``3期项目建设``)
_BASE += r"|期(?![工项建续])"
_PERCENT = r"个百分点|百分点|个千分点|千分点|%|％|‰"
_UNIT_CHARS = set("".join(_BASE_UNITS)) | set("、口")

#: A sign or digit not glued to a digit, letter, point, slash or underscore before it. The
#: pattern opens with a character class (the look-behind comes after the first character,
#: two wide) so that the regex engine skips ahead to candidates without trying every position.
_NUMBER = (
    rf"(?P<lead>[-－−{_D}])(?<![{_D}A-Za-zＡ-Ｚａ-ｚ.．/_].)(?:(?<=[-－−])(?=[{_D}])|(?<=[{_D}]))"
    rf"(?P<digits>[{_D}]*(?:,[{_D}]{{3}}(?![{_D}]))*)(?:[.．](?P<frac>[{_D}]+))?(?![.．][{_D}])"
)
_AFTER = (
    rf"(?P<space>[ \u3000\u00a0]*)(?:(?P<pct>{_PERCENT})|(?P<approx1>余|多)?"
    rf"(?P<mult>万亿|千万|百万|十万|万|亿)?(?P<approx2>余|多)?(?P<base>{_BASE})?)"
    r"(?:[ \u3000\u00a0]*(?P<post>及以上|及以下|以上|以内|以下|左右|上下))?"
)
#: a number and what follows it (unit, multiplier, qualifier) in one match
_FIGURE_RE = re.compile(_NUMBER + _AFTER)
_SPACE_GROUP = _FIGURE_RE.groupindex["space"]


def _percent_unit(written: str) -> str:
    """``个百分点``, ``%``, ``‰``; ``个千分点``: a change of a rate per mille
    (``人口出生率比上年下降0.75个千分点``)."""
    if "百分点" in written:
        return "个百分点"
    if "千分点" in written:
        return "个千分点"
    return "‰" if written == "‰" else "%"


@cache
def _unit_paren_re() -> re.Pattern[str]:
    return re.compile(r"[（(]([\u4e00-\u9fff、]{1,6})[)）]")


_OPEN_PARENS = ("（", "(")
#: an amount of money named just before a bare 亿/万 (``生产总值56.7亿``): it is in yuan
_MONEY_BEFORE_RE = re.compile(
    r"(?:生产总值|增加值|收入|投资|总额|零售额|产值|支出|利润|税收)"
    r"(?:完成|实现|达到?|为|约|共计|累计)?[ \u3000]*$"
)
#: a size threshold defined in parentheses: ``(年主营业务收入2000万元及以上的企业)``
_THRESHOLD_BEFORE_RE = re.compile(r"[（(][ \u3000]*年主营业务收入[ \u3000]*$")


@cache
def _prefix_unit_re() -> re.Pattern[str]:
    return re.compile(r"(万分之|千分之|百分之)[ \u3000]*$")


_CN_NUMBER_RE = re.compile(
    r"(?P<cn>[一二两三四五六七八九十](?<![第前后之初].)[一二两三四五六七八九十百千万亿零]*)"
    r"(?P<base>个|家|项|座|所|户|名|条|件|台|辆|套|处|种)(?!大|级|方面|期|是|类|批|次|月)"
)
_CN_PERCENT_RE = re.compile(r"百分之(?P<cn>[零一二两三四五六七八九十百点]+)")
#: an amount in Chinese numerals after a verb of reaching: ``总量突破六千五百亿元``, ``达到三千万元``
_CN_AMOUNT_RE = re.compile(
    r"(?:(?<=突破|超过|达到|跨过)|(?<=突破了|超过了|达到了))"
    r"(?P<cn>[一二两三四五六七八九][一二两三四五六七八九十百千零]*(?:点[零一二三四五六七八九]+)?)"
    r"(?P<base>万亿元|亿元|万元)"
)
#: what a count of tasks or indicators in Chinese numerals counts, with no counting verb before
#: it: ``年度目标和十项重点任务`` (not ``十件民生实事``, the name of a programme set every year)
_CN_COUNTED_TASKS_RE = re.compile(r"重点任务|重点工作|主要指标|约束性指标|预期性指标")
#: the verbs a Chinese-numeral count follows (``新增三家``, ``共五项``); 共 in 公共 is
#: a word of its own (``一般公共预算收入三项指标``)
_CN_COUNT_VERB_RE = re.compile(
    r"新增|新建|新创|新认证|新培育|建成|达到|达|累计|(?<!公)共|创成|获批|引进|培育|增至|有"
)


@cache
def _range_sep_re() -> re.Pattern[str]:
    return re.compile(r"[ \u3000]*(?:-|－|~|～|〜|至|到|—)[ \u3000]*")


#: the characters a range separator (with its spaces) can open with
_RANGE_OPENERS = frozenset(" \u3000-－~～〜至到—")
_QUOTE_PAIRS = {"“": "”", "《": "》", "「": "」", '"': '"', "『": "』"}
_QUOTE_MARKS = "".join(_QUOTE_PAIRS)  # the opening marks
_CLASS_AFTER_RE = re.compile(r"^(级|大关|强|量级|多个)")

_QUALIFIER_AFTER = {
    "及以上": "以上",
    "以上": "以上",
    "以内": "以内",
    "以下": "以内",
    "及以下": "以内",
    "左右": "左右",
    "上下": "左右",
}


@dataclass(slots=True)
class Mention:
    """A number found in a text. ``skip`` says why it is not a figure, if it is not."""

    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None = None
    upper: float | None = None
    skip: str | None = None
    number_end: int = 0

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


def to_float(digits: str) -> float:
    """``１２．５`` → 12.5; full-width digits and points read as ASCII."""
    if digits.isascii():
        return float(digits)  # NFKC leaves ASCII as it is
    return float(unicodedata.normalize("NFKC", digits).replace("−", "-"))


def chinese_number(text: str) -> float | None:
    """``三`` → 3, ``十二`` → 12, ``两万三千`` → 23000, ``三点二亿`` → 320000000.

    ``None`` for anything that is not a Chinese numeral.
    """
    if not text:
        return None
    if "点" in text:
        head, _, tail = text.partition("点")
        big = 1
        while tail and tail[-1] in _CN_BIG_UNITS:
            big *= _CN_BIG_UNITS[tail[-1]]
            tail = tail[:-1]
        whole = chinese_number(head)
        if whole is None or not tail or any(ch not in _CN_DIGITS for ch in tail):
            return None
        decimals = "".join(str(_CN_DIGITS[ch]) for ch in tail)
        return float(f"{int(whole)}.{decimals}") * big
    return _chinese_integer(text)


def _chinese_integer(text: str) -> float | None:
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[ch]
            digit = None
        elif ch in _CN_BIG_UNITS:
            section += digit or 0
            total = (
                (total + section) * _CN_BIG_UNITS[ch] if ch == "亿" else total + section * 10_000
            )
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


_LATIN_AFTER_RE = re.compile(r"[ \u3000]*[A-Za-zＡ-Ｚａ-ｚ]")
_RATIO_AFTER_RE = re.compile(rf"[:：][{_D}]")
#: the characters a code or a ratio can follow the number with: one set test before a regex
_CODE_OPENERS = frozenset(
    " \u3000abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(map(chr, range(0xFF21, 0xFF3B)))
    + "".join(map(chr, range(0xFF41, 0xFF5B)))
)
_COLONS = frozenset(":：")
#: verbs that move a rank by places (前移5位), not count people (位 is also a measure word)
_RANK_MOVES = ("前移", "后移", "上升", "下降", "提升", "提高", "前进", "后退", "进位")
#: what a duration counts after 个: ``连续12个月``, ``连续6个季度``
_DURATION_AFTER = ("月", "季度", "年度", "星期", "工作日")
_DIGIT_RE = re.compile(rf"[{_D}]")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_SPLIT_RE = re.compile(r"[，,；;。、：:\n]")
_POST_QUALIFIER_RE = re.compile(r"以上|左右")
_START_OF = operator.attrgetter("start")


def scan_numbers(text: str, skip_spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every number of the text in order, figures and non-figures alike.

    ``skip_spans`` (the indicator tables) are not scanned at all: the regexes run over the
    stretches of text between them only, so their figures cost nothing.
    """
    quotes = QuoteIndex(text)
    mentions: list[Mention] = []
    for low, high in _stretches_between(len(text), skip_spans or []):
        mentions += [_arabic(text, m, quotes) for m in _FIGURE_RE.finditer(text, low, high)]
        chinese = [_chinese(text, c, quotes) for c in _CN_NUMBER_RE.finditer(text, low, high)]
        mentions += [m for m in chinese if m]
        percents = [
            _chinese_percent(text, c, quotes) for c in _CN_PERCENT_RE.finditer(text, low, high)
        ]
        mentions += [m for m in percents if m]
        amounts = [
            _chinese_amount(text, c, quotes) for c in _CN_AMOUNT_RE.finditer(text, low, high)
        ]
        mentions += [m for m in amounts if m]
    mentions.sort(key=_START_OF)
    return _merge_ranges(text, mentions)


def _stretches_between(size: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[0, size)`` without ``spans``: the ``(start, end)`` stretches left between them."""
    stretches = []
    position = 0
    for start, end in sorted(spans):
        if start > position:
            stretches.append((position, start))
        position = max(position, end)
    if position < size:
        stretches.append((position, size))
    return stretches


def _arabic(text: str, match: re.Match[str], quotes: QuoteIndex) -> Mention:
    lead, digits, frac, _, pct, approx1, mult, approx2, base, post = match.groups()
    negative = lead in _MINUS
    integer = digits if negative else lead + digits
    if "," in integer:
        integer = integer.replace(",", "")  # thousands: 1,234.5
    # float() reads full-width digits as ASCII ones, and the point here is ASCII
    value = float(f"{integer}.{frac}" if frac else integer)
    if negative:
        value = -value
    start, end = match.span()
    unit: str | None
    if pct:
        unit = _percent_unit(pct)
    else:
        unit = (mult or "") + (base or "") or None
        if (
            mult
            and not base
            and not post
            and _MONEY_BEFORE_RE.search(text, max(0, start - 12), start)
        ):
            unit = f"{mult}元"  # 全县完成生产总值56.7亿: yuan, the indicator says
    # 余/多 (``1780余万条``) say "more than"; a word after the figure says more
    approximate = "以上" if approx1 or approx2 else None
    qualifier = _QUALIFIER_AFTER[post] if post else approximate
    mention = Mention(start, end, value, unit, qualifier, None, None, match.start(_SPACE_GROUP))
    if base and not post and text.startswith(_OPEN_PARENS, end):
        _read_unit_list(text, mention)
    elif unit is None and text.find("分之", start - 6 if start > 6 else 0, start) != -1:
        _read_prefix_unit(text, mention)
    mention.skip = _skip_reason(text, mention, end, quotes, bare_multiplier=bool(mult and not base))
    return mention


def _read_unit_list(text: str, mention: Mention) -> None:
    """``206 万头(只、口)``: a parenthesised list of units is part of the unit."""
    paren = _unit_paren_re().match(text, mention.end)
    if paren and set(paren[1]) <= _UNIT_CHARS:
        mention.unit = f"{mention.unit}{paren.group(0)}"
        mention.end = paren.end()


def _read_prefix_unit(text: str, mention: Mention) -> None:
    before = _prefix_unit_re().search(text, max(0, mention.start - 6), mention.start)
    if before:
        mention.unit = "%" if before[1] == "百分之" else before[1]
        mention.start = before.start()


def _skip_reason(
    text: str, mention: Mention, after_end: int, quotes: QuoteIndex, bare_multiplier: bool
) -> str | None:
    start, number_end = mention.start, mention.number_end
    before = text[start - 1] if start else ""
    if before and before in "第前":
        return "ordinal"
    if before == "%":
        return "code"  # a URL's percent-escape: %E6%B9%96
    if mention.unit == "位" and text[max(0, start - 3) : start].removesuffix("了").endswith(
        _RANK_MOVES
    ):
        return "rank move"  # 位次前移5位, 比一季度提高了4位
    after = text[number_end : number_end + 1]
    if (
        after in _CODE_OPENERS
        and _LATIN_AFTER_RE.match(text, number_end, number_end + 2)
        and not (mention.unit and mention.unit.endswith(_LATIN_UNITS))
    ):
        return "code"
    if (after in _COLONS and _RATIO_AFTER_RE.match(text, number_end, number_end + 2)) or (
        before and before in _COLONS and start >= 2 and _DIGIT_RE.match(text, start - 2, start - 1)
    ):
        return "ratio"
    if quotes.inside(start) and not _quotes_a_figure(text, mention):
        return "quoted"
    if mention.unit == "个" and text.startswith(_DURATION_AFTER, mention.end):
        return "duration"  # 连续12个月, 连续6个季度
    if _THRESHOLD_BEFORE_RE.search(text, max(0, start - 12), start):
        return "threshold"  # 规模以上工业企业(年主营业务收入500万元以上的企业): a definition
    if mention.unit == "人" and text.startswith("均", mention.end):
        return "per head"  # 2 人均生产总值(元): a row's number before 人均, no count of people
    if mention.unit == "个" and text.startswith(("位次", "名次", "位"), mention.end):
        return "rank move"  # 较6月份提高4个位次
    if bare_multiplier:
        following = text[after_end : after_end + 4]
        if _CLASS_AFTER_RE.match(following):
            return "class"
        if _HAN_RE.match(following) and not _PEOPLE_AFTER_RE.match(text, after_end):
            return "no unit"  # not ``23.24万农村常住人口``: the people counted are the unit
    return None


#: the people a bare 万 counts, said after it: ``23.24万农村常住人口``, ``5万贫困群众``
_PEOPLE_AFTER_RE = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:人口|居民|群众|农民|职工|劳动力|游客)(?![\u4e00-\u9fff]{0,2}[0-9０-９])"
)


def people_counted(text: str, end: int) -> str:
    """The people a bare 万 ending at ``end`` counts (``23.24万农村常住人口`` → 农村常住人口), or ``""``."""
    found = _PEOPLE_AFTER_RE.match(text, end)
    return found.group(0) if found else ""


#: a figure's end inside quotation marks that hold it alone: ``“6%左右”``, ``“8%以上”``
@cache
def _quoted_figure_end_re() -> re.Pattern[str]:
    return re.compile(r"[ \u3000]*(?:左右|以上|以内|以下)?[”\"」』]")


def _quotes_a_figure(text: str, mention: Mention) -> bool:
    """``增速预期首次定格“6%左右”``: quotation marks around a figure with its unit alone quote a
    figure (a target in a headline), not a slogan (``“2349”``, ``“1+5”``)."""
    if not mention.unit or mention.start == 0 or text[mention.start - 1] not in '“"「『':
        return False
    return _quoted_figure_end_re().match(text, mention.end) is not None


class QuoteIndex:
    """Where the quotation marks of a text are, to tell quickly whether a position is quoted.

    Only a position at most ``reach`` characters after an opening mark can be quoted
    (:func:`inside_quotes` looks no further back): those positions are marked once, so that
    every other position is answered by one lookup.
    """

    def __init__(self, text: str, reach: int = 40) -> None:
        self.text = text
        self.reach = reach
        self._near_mark = bytearray(len(text) + reach + 1)
        in_reach = b"\x01" * reach
        for mark in positions_of(text, _QUOTE_MARKS):
            self._near_mark[mark + 1 : mark + 1 + reach] = in_reach

    def inside(self, position: int) -> bool:
        """Whether ``position`` is between an opening quotation mark and its closing one."""
        if not self._near_mark[position]:
            return False  # no quotation mark in reach: the common case
        return inside_quotes(self.text, position, self.reach)


def positions_of(text: str, words: Iterable[str]) -> list[int]:
    """Where each of ``words`` starts in ``text``, word after word (each in order): one
    ``str.find`` walk per word, faster than a regex over the text when the words are rare."""
    positions = []
    for word in words:
        position = text.find(word)
        while position != -1:
            positions.append(position)
            position = text.find(word, position + 1)
    return positions


def inside_quotes(text: str, position: int, reach: int = 40) -> bool:
    """Whether ``position`` is between an opening quotation mark and its closing one."""
    window_start = max(0, position - reach)
    start = max(window_start, text.rfind("\n", window_start, position) + 1)  # this line only
    for opening, closing in _QUOTE_PAIRS.items():
        last_open = text.rfind(opening, start, position)
        if last_open == -1:
            continue
        if opening == closing:
            if text.count(opening, start, position) % 2 == 1:
                return True
        elif text.find(closing, last_open, position) == -1:
            return True
    return False


def _chinese(text: str, match: re.Match[str], quotes: QuoteIndex) -> Mention | None:
    value = chinese_number(match["cn"])
    if value is None or value < 2:
        return None
    before = _CLAUSE_SPLIT_RE.split(text[max(0, match.start() - 20) : match.start()])[-1]
    counts_tasks = _CN_COUNTED_TASKS_RE.match(text, match.end()) is not None
    if not (counts_tasks or _CN_COUNT_VERB_RE.search(before)) or quotes.inside(match.start()):
        return None
    qualifier, end = _qualifier_after(text, match.end())
    return Mention(match.start(), end, value, match["base"], qualifier, number_end=match.end("cn"))


def _chinese_amount(text: str, match: re.Match[str], quotes: QuoteIndex) -> Mention | None:
    """``突破六千五百亿元`` → 6500 亿元: an amount a verb of reaching says in Chinese numerals."""
    value = chinese_number(match["cn"])
    if value is None or quotes.inside(match.start()):
        return None
    qualifier, end = _qualifier_after(text, match.end())
    return Mention(match.start(), end, value, match["base"], qualifier, number_end=match.end("cn"))


def _qualifier_after(text: str, end: int) -> tuple[str | None, int]:
    """以上/左右 just after a Chinese numeral, and where the figure then ends."""
    post = _POST_QUALIFIER_RE.match(text, end)  # no slice: the rest of the text is long
    if post is None:
        return None, end
    return _QUALIFIER_AFTER[post.group(0)], post.end()


def _chinese_percent(text: str, match: re.Match[str], quotes: QuoteIndex) -> Mention | None:
    """``增长百分之十二`` → 12 %, ``百分之百`` → 100 %."""
    value = chinese_number(match["cn"])
    if value is None or quotes.inside(match.start()):
        return None
    qualifier, end = _qualifier_after(text, match.end())
    return Mention(match.start(), end, value, "%", qualifier, number_end=match.end())


def _merge_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """``5-6%`` and ``3至5个``: one mention with ``value`` and ``upper``."""
    merged: list[Mention] = []
    for mention in mentions:
        if merged and _is_range(text, merged[-1], mention):
            low = merged[-1]
            merged[-1] = Mention(
                low.start,
                mention.end,
                low.value,
                mention.unit,
                mention.qualifier,
                upper=mention.value,
                skip=mention.skip,
                number_end=mention.number_end,
            )
            continue
        merged.append(mention)
    return merged


def _is_range(text: str, low: Mention, high: Mention) -> bool:
    if text[low.end : low.end + 1] not in _RANGE_OPENERS:
        return False  # one character says no, without the regex
    if low.skip or low.upper is not None or high.unit is None or high.value <= low.value:
        return False
    if low.unit not in (None, high.unit):
        return False
    between = text[low.end : high.start]
    return bool(_range_sep_re().fullmatch(between)) and low.qualifier is None
