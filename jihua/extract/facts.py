"""Facts from prose: every figure about an indicator, with the sentence it came from.

A figure (see :mod:`jihua.extract.numbers`) becomes a :class:`Fact` when it has
a unit. What it means is read from the words just before it, inside its clause
(the text since the last ``，；。`` or unclosed bracket):

======================================  =============  ====================
words before the figure                 kind           example
======================================  =============  ====================
增长 / 增幅 / 增速 (下降, 负增长 … −)     growth         增长7.5%以上
占比 / 比重 / 万分之                      share          占比78.9%
X个百分点 (高于全市…, 拉动… → other)      change         提升0.5个百分点左右
完成年计划710亿元的 / 完成率              completion     的89.4%
占年度投资计划的 / 任务数的                completion     的97.2%
时间进度 / 序时进度 / 均衡进度             time_progress  超时间进度18.5个百分点
高于全市 / 同比增加 / 两年平均             other          高于全市0.8个百分点
年均增长 / 平均每年增长                  other          年均增长10.5%
anything else                           level          突破1600亿元
======================================  =============  ====================

Status and year come from what the figure's sentence says (an introducing
phrase, 力争 / 确保 / 年度计划, a year, 实际 / 预计完成) before the section it
stands in (:mod:`jihua.extract.status`); the indicator's name from the clause's
words (:mod:`jihua.extract.names`). Declines are negative
values (``下降2.0%`` → −2.0). One qualifier per fact: 左右 / 以上 / 以内 /
``>=`` / ``<=`` win over 约, which wins over 预计 (a sentence opening with
预计, a paragraph opening with 初步预计, a ``预计数`` header).

Lists: ``A、B分别增长x%、y%`` (or ``A和B达到x元和y元``) give one fact per
member, named after it (``城乡居民…`` → 城镇…, 农村…); a list with no subject
of its own (``，分别增长13.4%、19.8%``) takes the indicators of the facts just
before it.

Ranks (:mod:`jihua.extract.ranks`: ``居全市区县第三``) are facts of kind ``other``
with the ordinal as value, no unit, ``rank`` and ``rank_scope``; they are read
after the figures, whose indicators they may borrow, and merged in text order.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from jihua.extract.clauses import ClauseIndex, squeeze
from jihua.extract.names import (
    ASPECTS,
    COMPARED_WITH,
    clean_name,
    compared_only,
    compared_places,
    named_in,
    split_subject,
)
from jihua.extract.names import subject as _subject
from jihua.extract.numbers import Mention, people_counted, positions_of, scan_numbers
from jihua.extract.periods import scan_periods
from jihua.extract.ranks import Rank, scan_ranks
from jihua.extract.sections import SectionIndex, Status, find_sections
from jihua.extract.spans import Spans
from jihua.extract.status import TARGET_TAIL_RE, StatusCues, names_plan
from jihua.limits import MAX_FIGURES, check_count

_LIST_JOIN_RE = re.compile(r"[ \u3000]*(?:、|和|及|与|以及)[ \u3000]*")
_LIST_JOIN_OPENERS = frozenset(" \u3000、和及与以")
#: the next member of a list of places compared with: ``0.7、全省2.3个百分点``
_PLACE_JOIN_RE = re.compile(
    r"[ \u3000]*[、和][ \u3000]*全[国省市区县州](?:平均(?:水平)?)?[ \u3000]*"
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")

#: ``增长7%``, ``增幅为3%``, ``增速分别达到8%``; ``增长目标为7.5%``, ``增速预期目标是6%``: a growth target
_GROWTH_UP_RE = re.compile(
    r"(?:增(?<!自然增)长率?|增长幅度|增幅|增速|涨幅|上升|上涨|提高|提升|增加|扩大|回升|增)"
    r"(?:(?:预期)?目标(?:定为|为|是)?|(?:分别)?(?:了|为|达到?|控制在|保持在|稳定在)?(?:分别)?)"
    r"(?:约|超过?|近)?$"
)
_GROWTH_DOWN_RE = re.compile(
    r"(?:下降|降低|回落|减少|压减|缩减|下滑|下跌|收窄|缩窄|缩小|负增长|放缓|放慢|减缓|减产|减|降)(?:了|为)?(?:分别)?(?:约|近)?$"
)
_DOWN_LEAD_RE = re.compile(r"^(?:平均)?(?:压减|缩减|减少|降低|减|降(?!幅))[\u4e00-\u9fff]{1,4}$")
#: 高于全市…, and 比全市平均水平高… (not 比上年提高: a change); it opens with its words, so
#: that the engine can skip ahead to them
_COMPARISON_RE = re.compile(
    r"(?:高于|低于|超出|超过|快于|慢于|领先|落后|高出|超|塌(?=目标|计划|预期|进度|序时|时序|时间)"
    r"|比(?=[^，。；,;]+(?<![提升降减])(?:高出|高|低|快|慢)$))[^，。；,;]{0,12}$"
)


#: places said short in a list: ``分别高于国、省2.6和3.1个百分点``
_SHORT_PLACES = r"[国省市县区][、和与及][国省市县区]"


@cache
def _compared_to_re() -> re.Pattern[str]:
    return re.compile(rf"全[国省市区县]|平均|计划|目标|预期|上年|同期|全市|全省|{_SHORT_PLACES}")


@cache
def _another_re() -> re.Pattern[str]:
    """Another place, an average or a target compared with: no change of the figure's own."""
    return re.compile(rf"全[国省市区县]|平均|计划|目标|预期|{_SHORT_PLACES}")


def _comparison(prefix: str, wide_prefix: str) -> re.Match[str] | None:
    """The comparison a change's clause (or its list's) ends with, the figures compared with
    in brackets left out: ``分别高于全国(5.4%)、全省(5.2%)0.1和0.3个百分点``."""
    for words in (prefix, wide_prefix):
        if "(" in words or "（" in words:
            words = _BRACKETED_RE.sub("", words)
        comparison = _COMPARISON_RE.search(words)
        if comparison is not None:
            return comparison
    return None


_SAME_PERIOD_BEFORE_RE = re.compile(r"(?:上年|去年)同(?:期|月)")


#: the verb of a comparison and its adverb, around what the figure is compared with
@cache
def _compared_verb_re() -> re.Pattern[str]:
    return re.compile(
        r"^(?:比|高于|低于|快于|慢于|高出|超出|超过)|(?:高出|高|低|快|慢)$|^(?:增速|增幅)"
    )


#: an earlier time a figure is compared with: a change of its own, not another measure's
@cache
def _earlier_time_re() -> re.Pattern[str]:
    return re.compile(
        r"上年|去年|前年|同期|上月|上期|上季|年初|年末|年底|全年|季度|半年|月份|月|末|[0-9]{4}年"
    )


def _names_another_measure(comparison: str) -> bool:
    """``比规上工业增速高``, ``快于全部工业``: compared with another indicator (kind other),
    not with an earlier time of the same one (``比一季度高``, ``高于上年``: a change)."""
    words = _compared_verb_re().sub("", comparison)
    words = _compared_verb_re().sub("", words)
    return len(words) >= 2 and not _earlier_time_re().search(words)


_BELOW = ("低于", "慢于", "落后", "塌")
_COMPLETION_RE = re.compile(
    r"(?:完成(?:年|年度|全年)?[\u4e00-\u9fff]{0,4}?(?:计划|目标)(?:任务)?(?:[^，。；,;]{0,20}的)?"
    # 投资完成率分别为43.2%、37.8%
    r"|(?:完成率|完成进度|完成比例)(?:分别)?(?:达到?|为|是)?"
    r"|(?:为|占|达到?)(?:年|年度|全年)?(?:计划|目标)(?:任务)?的"
    # 占年计划投资的, 占省下达年度投资计划的, 占年计划, 完成年度任务数的; 占上半年目标任务的94%:
    # progress against a target set for part of the year
    r"|(?:为|占|达到?|完成)[^，。；,;]{0,6}?(?:年|年度|全年|[上下]半年|前?[一二三四]季度)(?:投资)?"
    r"(?:计划|目标|任务)"
    r"(?:投资|任务|数)?的?"
    r"|任务数(?:[\d.]+[亿万]?元)?的"
    # 完成“十一五”规划目标的100.2%: a five-year plan's target, met at its end
    r"|完成[^，。；,;]{0,8}?规划(?:预期)?(?:目标|任务)的"
    # 普兰店区完成95%, 累计完成总工程量70.8%: the share of the work done (not 提前完成55%的年度
    # 目标, a target)
    r"|(?<!提前)(?<!超额)完成(?:总?工程量)?"
    # 完成年度目标（维修改造锅炉146台、供热管网改造40公里）的80.8%: the targets in brackets
    r"|完成(?:年|年度|全年)(?:计划|目标)(?:任务)?[（(][^（）()]{1,40}[)）]的"
    # 占年预算96540万元的22.04%, 完成年初预算的47.5%, 占预算的52.6%: progress against the
    # year's budget
    # 占预算调整数的100.11%, 为调整预算的98.4%
    r"|(?:占|完成|为)(?:(?:年|年度|全年|年初|调整)预算[^，。；,;]{0,12}?|预算(?:调整数)?)的"
    r"|完成(?:年|年度|全年)总?(?:投资|任务)(?:额|量|数)?的)$"
)


@cache
def _time_progress_re() -> re.Pattern[str]:
    """The time line a year's progress is measured against (``超时间进度18.5个百分点``, ``序时进度50%``)."""
    return re.compile(r"(?:时间|序时|时序|均衡)进度(?:的|为|是|约|近)?$")


@cache
def _time_progress_behind_re() -> re.Pattern[str]:
    return re.compile(r"(?:落后|低于|慢于|滞后|差|塌)于?(?:时间|序时|时序|均衡)进度$")


_SHARE_RE = re.compile(
    r"占比(?!较[大高小低多少])|比重|占[^，。；,;]{1,15}的?比例|占[^，。；,;]{1,12}的$"
    r"|占[^，。；,;]{1,12}总(?:数|量|额)$"
    # ``总量占全区规上工业增加值65.7%``: a part of the whole named
    r"|占全[国省市县区州旗][^，。；,;]{1,12}$"
    # ``40个行业大类中，28个行业增加值实现增长，占70.0%``: the part's share of the count before
    r"|(?:^|[，,])占$"
)


#: the parts of a structure: ``三次产业结构为``, ``产业结构构成由上年的``
@cache
def _structure_re() -> re.Pattern[str]:
    return re.compile(r"结构(?:构成|比例|比)?[^，。；,;]{0,40}$")


_COUNT_CHANGE_RE = re.compile(
    rf"(?=[同可比较增减净多少])(?:(?:{COMPARED_WITH})?(?:增加|减少|净增|增长|增产|减产|多|少)"
    rf"|(?:{COMPARED_WITH})下降)(?:了)?$"
)
_COUNT_CHANGE_ENDINGS = ("增加", "减少", "净增", "增长", "增产", "减产", "下降", "多", "少", "了")
_AVERAGE_RE = re.compile(r"[两二三]年平均")
#: a growth's path: ``当月增速由4月的1%持续回升至8.8%``, ``增速从1~2月11.0%起步``
_GROWTH_FROM_TO_RE = re.compile(r"(?:增速|增幅|涨幅)(?:由|从)[^，。；,;]*$")
#: a growth averaged over the years of a plan or a span: ``年均增长10.5%``, ``平均每年的增长幅度为``,
#: ``每一年平均增长``, ``平均年增速达13.9%`` (not ``年均浓度下降5%``: a decline of a yearly mean)
_YEARLY_AVERAGE_RE = re.compile(
    r"(?:年均|平均每年的?|每一?年平均|平均年)(?:增长|增速|增幅|递增|下降|降低)"
)
#: a clause that only says how much was added, after the stock it adds to: ``，新增586.3万亩``
_ADDED_ONLY_RE = re.compile(r"(?:再|又|净)?新增(?:了)?")
#: what may follow such a figure: the end of its clause (``新增4个口袋公园`` counts new parks)
_CLAUSE_ENDS = frozenset("，,；;。、\n")
_TARGET_AFTER_RE = re.compile(
    r"(?:左右|以上|以内)?(?:的(?:(?:年度|全年|预期|计划|奋斗|发展|控制|节点)?目标|预期)|目标(?!任务))"
)
#: a target's figures in brackets after it, or the task amount: ``年度目标（50场）``,
#: ``年度目标（维修改造锅炉146台、供热管网改造40公里）``, ``占任务数16900万元``
_TARGET_OPENED_RE = re.compile(
    r"(?:目标|计划|任务)[（(](?P<inside>[^（）()，。；,;]{1,40})|任务数(?P<amount>[\d.]+)"
)
#: the rest of a clause of targets joined by 、 after the figure: ``60%、…120%以上的目标。``
_TARGETS_AHEAD_RE = re.compile(r"[、和][^，。；,;（）()]{0,30}[%％](?:左右|以上|以内)?的目标")
#: the words a figure's clause ends with just before it, and the qualifier each gives
_PRE_QUALIFIERS = (
    (("突破", "超过", "超", "逾", "高于"), "以上"),
    (("不少于", "不低于", "至少"), ">="),
    (("不超过", "不高于", "低于", "控制在"), "<="),
    (("约", "近", "大约"), "约"),
)
_PRE_QUALIFIER_LAST = frozenset(ending[-1] for endings, _ in _PRE_QUALIFIERS for ending in endings)
#: 约 after these is part of a word (签约, 节约, 制约 …), not "about"
_NOT_ABOUT_BEFORE = frozenset("签节制预协合公契条")
_SIGNS = {"≥": ">=", "≤": "<=", ">": ">=", "<": "<="}
_STRONG = {"左右", "以上", "以内", ">=", "<="}
#: what makes ``N条`` a count of policy clauses: the policy named, or the verb issuing it
#: (``出台帮助市场主体纾困解难16条``)
_POLICY_RE = re.compile(r"政策|措施|举措|意见|条例|办法|规定|出台|印发|推出")
#: the policies a count of 项 counts, their name quoted or not: ``25项“免申即享”政策``, ``12项惠企措施``
#: (not ``5个政策性粮库``)
_POLICIES_COUNTED_RE = re.compile(
    r"(?:[“\"「][^”\"」]{1,10}[”\"」])?[\u4e00-\u9fff]{0,4}?(?:政策|措施|举措)(?!性)"
)
_BARE_COMPARISONS = frozenset(["低于", "高于", "不高于", "不低于", "不超过", "超过"])
_BORROWED_NAMES = re.compile(
    r"^(?:完成|为|占|达到?)?(?:(?:年|年度|全年)?(?:计划|目标)(?:目标|任务)?(?:[^，,]*的)?|预期目标"
    r"|执行结果"
    # 占年度投资计划的, 为年投资计划的, 年初预算的, 年度总投资的, 占预算的: progress against the
    # year's plan
    r"|(?:省下达)?(?:年|年度|全年|年初)(?:总?投资)?(?:计划|预算)?的|(?:年|年度|全年)总?投资计划的|预算的)$"
)


@dataclass(slots=True)
class Fact:
    indicator: str
    year: int | None
    kind: str
    status: Status
    value: float
    unit: str | None
    qualifier: str | None
    quote: str
    start: int
    end: int
    upper: float | None = None
    rank_scope: str | None = None
    rank: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "indicator": self.indicator,
            "year": self.year,
            "kind": self.kind,
            "status": self.status,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }
        if self.upper is not None:
            data["upper"] = self.upper
        if self.rank:
            data["rank"] = True
            data["rank_scope"] = self.rank_scope
        return data


@dataclass(slots=True)
class _Reading:
    """How one figure (or a list of them) reads in its clause."""

    kind: str
    status: Status
    qualifier: str | None
    negative: bool
    year: int | None


@dataclass(slots=True)
class _Context:
    text: str
    clauses: ClauseIndex
    cues: StatusCues
    report_year: int | None
    plan_year: int | None
    facts: list[Fact] = field(default_factory=list)
    subjects: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: where 预计 stands in the text, in order
    estimates: list[int] = field(default_factory=list)

    def subject(self, prefix: str) -> tuple[str, bool]:
        """:func:`_subject` of ``prefix`` and whether it names the plan instead of an
        indicator (:func:`_is_borrowed_name`), read once per extraction."""
        known = self.subjects.get(prefix)
        if known is None:
            subject = _subject(prefix)
            known = self.subjects[prefix] = (subject, _is_borrowed_name(subject))
        return known


def read_facts(
    text: str,
    report_year: int | None,
    plan_year: int | None,
    skip_spans: list[tuple[int, int]] | None = None,
) -> list[Fact]:
    """Every fact in the prose of ``text``, in order; ``skip_spans`` (tables) are left out,
    and so are the lines of a web page's furniture (:func:`page_furniture`)."""
    clauses = ClauseIndex(text)
    sections = SectionIndex(find_sections(text, report_year, plan_year))
    cues = StatusCues(text, sections, report_year, plan_year)
    context = _Context(text, clauses, cues, report_year, plan_year)
    # not ``完成预计目标的87.69%``: the target expected, a noun
    context.estimates = [
        p for p in positions_of(text, ["预计"]) if not text.startswith("目标", p + 2)
    ]
    spans = Spans([*(skip_spans or []), *page_furniture(text)])
    mentions = [m for m in scan_numbers(text, spans.spans) if m.start not in spans]
    check_count(len(mentions), MAX_FIGURES, "数字")
    for group in _list_groups(text, mentions):
        members = _figures(clauses, group)
        if members:
            _read_group(context, members)
    ranks = [r for r in scan_ranks(text) if r.lead_start not in spans]
    if not ranks:
        return context.facts
    rank_facts = [fact for rank in ranks for fact in _rank_facts(context, rank)]
    return list(heapq.merge(context.facts, rank_facts, key=_position))


#: what a web page around a report says (visits, font size, copyright, ICP number …); a page
#: saved as text keeps it, and its numbers are not the report's
_PAGE_FURNITURE_RE = re.compile(
    r"浏览次数|浏览量|访问量|访问次数|点击量|点击数|阅读量|阅读次数|【字体|字号[:：]|【打印|【关闭"
    r"|版权所有|ICP备|网站标识码|技术支持[:：]|发布时间[:：]|发布日期[:：]|评论[0-9]+条|条评论"
)
#: how far from either end of a text the furniture is looked for
_FURNITURE_REACH = 2000


def page_furniture(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` near its start or end that hold a web page's furniture."""
    size = len(text)
    head_end = min(size, _FURNITURE_REACH)
    stretches = [(0, head_end), (max(head_end, size - _FURNITURE_REACH), size)]
    lines = []
    for low, high in stretches:
        for marker in _PAGE_FURNITURE_RE.finditer(text, low, high):
            line_end = text.find("\n", marker.end())
            lines.append(
                (text.rfind("\n", 0, marker.start()) + 1, size if line_end == -1 else line_end)
            )
    return lines


def _position(fact: Fact) -> tuple[int, int]:
    return fact.start, fact.end


# --- grouping --------------------------------------------------------------


def _list_groups(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Consecutive figures joined only by 、/和/及 form one list."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and _joins(text, groups[-1][-1], mention):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _joins(text: str, left: Mention, right: Mention) -> bool:
    if left.skip or right.skip or right.start <= left.end:
        return False
    between = text[left.end : right.start]
    if between in ("，", ",") and _said_each(text, left):
        return True  # 分别增长10.3%，10.4%，10.9%: one figure for each member said before
    if text[left.end] not in _LIST_JOIN_OPENERS:
        return False  # one character says no, without the regex
    if left.unit is None and _PLACE_JOIN_RE.fullmatch(between):
        return True  # 高于全国0.7、全省2.3个百分点: the next place's figure gives the unit
    return bool(_LIST_JOIN_RE.fullmatch(between))


#: the words of a clause that give its list of figures one to each member: ``分别增长``
_EACH_BEFORE_RE = re.compile(r"分别[^，。；,;：:0-9]{0,8}$")


def _said_each(text: str, left: Mention) -> bool:
    """The figures before ``left`` in its list, and it, follow ``分别`` in one clause."""
    before = text[max(0, left.start - 40) : left.start]
    figures = re.sub(r"[-\d.]+(?:%|％|个百分点)?[，,、]", "", before)
    return _EACH_BEFORE_RE.search(figures) is not None


def _figures(clauses: ClauseIndex, group: list[Mention]) -> list[Mention]:
    """The members that are figures: a unit of their own or the list's last one."""
    last = group[-1]
    if last.unit is None or last.skip:
        return []
    shared_qualifier = last.qualifier
    if len(group) > 1 and any(m.qualifier is not None for m in group[:-1]):
        shared_qualifier = None
    members = []
    for mention in group:
        if mention.unit is None or (mention.unit == "个" and last.unit == "个百分点"):
            mention.unit = last.unit  # 分别高于全省、全国0.2个、3.1个百分点
        if mention.qualifier is None and shared_qualifier:
            mention.qualifier = shared_qualifier
        if not _is_modifier(clauses, mention):
            members.append(mention)
    return members


def _is_modifier(clauses: ClauseIndex, mention: Mention) -> bool:
    """``500万元以上固定资产投资``, ``之一``, ``36条政策``: a number that is not a figure."""
    text = clauses.text
    after = text[mention.end : mention.end + 1]
    if after and after in _OPENING_QUOTES:
        after = text[mention.end + 1 : mention.end + 2]  # 10亿元以上“土特产”全产业链: a name quoted
    if mention.qualifier in ("以上", "以内") and _CJK_RE.match(after) and after != "的":
        return bool(_BOUND_TAIL_RE.search(text, mention.start, mention.end))
    if text.startswith("方面", mention.end):
        return True
    if mention.unit in _DEADLINE_UNITS and text.startswith("内", mention.end):
        return True  # 16小时内锁定, 3天内办结: a time limit set on a task
    if text.startswith("部分", mention.end) and text.endswith(
        ("分为", "分成", "分"), 0, mention.start
    ):
        return True  # 报告共分为四个部分: the parts of the speech
    if mention.unit in ("名", "人") and _attends_a_session(clauses, mention):
        return True  # 283名代表应出席会议: the session's roll call, not the region's figures
    if text.endswith(_THRESHOLD_WORDS, 0, mention.start) and _COUNTED_AFTER_RE.match(
        text, mention.end
    ):
        return (
            True  # 落地过10亿元项目6个, 年收入超50万元的经济强村5个: a threshold of what is counted
        )
    if mention.unit in _COUNT_UNITS and (
        _RANK_FRAME_RE.match(text, mention.end) or text[mention.start - 1 : mention.start] == "占"
    ):
        return True  # 在全省18个省辖市中排名第1位; 占248个项目完成投资比重超60%
    # the clause ends at most 60 characters on: its end is searched only for a 之一 in reach
    one_of = text.find("之一", mention.end, mention.end + 60)
    if one_of != -1 and one_of + len("之一") <= clauses.end(mention.end):
        return True
    if mention.unit == "条":
        clause = text[clauses.start(mention.start) : clauses.end(mention.end)]
        return bool(_POLICY_RE.search(clause))
    # 推出25项“免申即享”政策: policies counted, as 22条措施
    return (
        mention.unit in ("项", "个") and _POLICIES_COUNTED_RE.match(text, mention.end) is not None
    )


#: the units of a time limit when ``内`` follows (``16小时内``)
_DEADLINE_UNITS = frozenset(["小时", "天"])


#: a session's roll call: ``283名代表应出席会议``, ``523名市人大代表出席会议``, ``应到代表354名，实到325名``,
#: ``代表名额为338名``, ``因故缺席会议的代表16名``
@cache
def _roll_call_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:[市区县省州旗]?(?:人大|政协))?(?:代表|委员)[^，。；,;]{0,6}"
        r"(?:应出席|实际出席|出席|应到|实到|到会|列席|请假)"
    )


@cache
def _roll_call_before_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:应到|实到|出席|列席|请假|缺席|实有)(?:[^，。；,;0-9]{0,3}会议?的)?(?:代表|委员)?$"
        r"|(?:代表|委员)名额(?:为|是)?$"
    )


def _attends_a_session(clauses: ClauseIndex, mention: Mention) -> bool:
    text = clauses.text
    near = text[max(0, mention.start - 12) : mention.end + 8]  # 523名市人大代表出席
    if "代表" not in near and "委员" not in near:
        return False
    clause_start = clauses.start(mention.start, list_items=False)
    before = text[clause_start : mention.start].replace(" ", "")
    if _roll_call_before_re().search(before):
        return True
    return _roll_call_re().match(text, mention.end) is not None


# --- reading ---------------------------------------------------------------


def _read_group(context: _Context, members: list[Mention]) -> None:
    text = context.text
    first = members[0]
    clauses = context.clauses
    start, wide_start = clauses.starts(first.start)
    prefix = clauses.squeezed(start, first.start)
    wide_prefix = prefix if wide_start == start else clauses.squeezed(wide_start, first.start)
    target_after = (
        _names_target_after(text, members[-1].end)
        or _planned_count(text, members[-1])
        or _programme_total(prefix)
        or _said_as_target(text, first.start, members[-1].end)
    )
    reading = _reading(context, first, prefix, wide_prefix, target_after)
    single = len(members) == 1
    subject, borrowed = context.subject(prefix if single else wide_prefix)
    if single:
        names = [_single_name(context, first, subject, borrowed, reading.kind)]
        if names[0] in ASPECTS or not names[0]:
            names = [_named_before(context, start) or names[0]]
        elif names[0] in _BARE_HEADS:
            names = [_with_topic(_topic_before(context, first, start), names[0])]
        elif names[0] in _COVERAGE:
            names = [_whole_counted(context, start) + names[0]]
        elif first.unit in _COUNT_UNITS and _COUNTING_PHRASE_RE.match(
            phrase := _state(wide_prefix)
        ):
            names = [_counted_as(context, first, phrase, wide_start) or names[0]]
    elif reading.kind == "other" and (comparison := _comparison(wide_prefix, wide_prefix)):
        # 分别比全国、全省平均水平高3.4和3.9个百分点: each member is the growth compared
        previous = _compared(context, first)
        betweens = [text[left.end : right.start] for left, right in pairwise(members)]
        places = compared_places(_BRACKETED_RE.sub("", comparison.group(0)), betweens)
        base = f"{base_name(previous.indicator)}增速" if previous else ""
        names = [f"{base}（{words}）" if base else subject for words in places]
        growths = _listed_growths(context, members, wide_start)
        if growths:  # 地区生产总值(7.5%)、规上工业增加值(12.7%)分别高于…1.0和4.2个百分点
            names = [
                f"{base_name(fact.indicator)}增速（{words}）"
                for fact, words in zip(growths, places, strict=True)
            ]
    else:
        names = _member_names(context, members, subject, wide_start)
    referent = _referent(context, first, prefix) if single and borrowed else None
    if referent is not None:
        names = [referent.indicator]
        if reading.kind == "level" and referent.kind in ("growth", "share"):
            reading.kind = referent.kind
    elif single and not subject and reading.kind == "level":
        previous = _previous_near(context, first)
        same_unit = previous is not None and previous.unit == first.unit
        scope = _bracketed_scope(text, start)
        rate = _compared_rate(context, first) if scope else None
        listed = _listed_growth_name(text, first, start) if not scope else ""
        if rate is not None and rate.kind == "growth":
            # 高于全国(3%)11.8个百分点，高于全区(9.8%)5个百分点: each wider region's growth
            reading.kind = "growth"
            names = [scope + without_place(rate.indicator)]
        elif listed:  # 地区生产总值(7.5%)、规上工业增加值(12.7%)分别高于预期目标…
            reading.kind = "growth"
            names = [listed]
        elif previous is not None and same_unit and previous.kind == "growth":
            reading.kind = "growth"  # 增长7%左右，力争达到8%
            compared = _compared(context, first) if scope else None
            if compared is not None:  # 增速比全国(5.5%)高…: the wider region's figure
                names = [scope + compared.indicator]
        elif same_unit and previous is not None and _adds_to(previous, prefix, text, first):
            reading.kind = "other"  # 播种面积4237.2万亩，新增586.3万亩: the stock's change
    elif reading.kind == "other" and single and _COMPARISON_RE.search(prefix):
        previous = _compared(context, first)
        if previous is not None:
            names = [f"{base_name(previous.indicator)}增速（{_comparison_words(subject)}）"]
    if single and reading.kind == "level" and _held_rate(text, first, prefix):
        previous = _previous_near(context, first)
        if previous is not None and previous.kind == "growth" and previous.unit == first.unit:
            reading.kind = "growth"  # 增长9.5%，基本保持9%左右的幅度: the same growth, held
            names = [previous.indicator]
    if single and first.unit == "万" and (people := people_counted(text, first.end)):
        names = [people]  # 6.48万户23.24万农村常住人口: the people counted, after the figure
    if single and not names[0]:
        names = [_named_earlier(context, first)]
    if single and _growth_of_planned(context, first, reading, prefix, names[0]):
        reading.status = "target"  # 计划完成固定资产投资85.9亿元，增速12%: the planned growth
    quote_start = start if single else wide_start
    shared = _sharing_members(context, wide_prefix) if single else None
    if shared:  # 第一、二产业占比均下降1.5个百分点: one figure for each member
        members, names, quote_start = [first] * len(shared), shared, wide_start
    quote_start = _skip_space(text, quote_start)
    for mention, name in zip(members, names, strict=True):
        context.facts.append(
            _fact(context, mention, name, _of_member(reading, mention, name), quote_start)
        )


#: a price index, whose figure in percent is its rise: ``居民消费价格指数控制在3%左右``
_PRICE_INDEX_RE = re.compile(r"价格[\u4e00-\u9fff]{0,4}指数|CPI|PPI")


def _of_member(reading: _Reading, mention: Mention, name: str) -> _Reading:
    """A member's own reading: a price index's percentage is its rise, though its list shares
    a rate's verb (``城镇登记失业率、居民消费价格指数分别控制在4.5%、3%以内``)."""
    if reading.kind == "level" and mention.unit == "%" and _PRICE_INDEX_RE.search(name):
        return replace(reading, kind="growth")
    return reading


#: a list said to share one figure: ``第一、二产业占比均下降``, ``城镇和农村居民收入都增长``
_SHARED_BY_RE = re.compile(r"(?:均|都)$")


@cache
def _member_split_re() -> re.Pattern[str]:
    return re.compile(r"、|和|及|与")


#: one word for two members (``城乡`` is 城镇 and 农村), said to share one figure
_PAIRED_WORDS = ("城乡",)


def _sharing_members(context: _Context, wide_prefix: str) -> list[str] | None:
    """The names of a list's members that its clause says share the one figure (``均``,
    ``都`` after the list); not a list of periods (``一季度和上半年均增长5%``)."""
    if "均" not in wide_prefix and "都" not in wide_prefix:
        return None
    subject, _ = context.subject(wide_prefix)
    if not _SHARED_BY_RE.search(subject):
        return None
    words = subject[:-1]
    count = len(_member_split_re().split(words))
    if count == 1 and words.startswith(_PAIRED_WORDS):
        count = 2  # 城乡居民人均可支配收入均增长7%: 城镇… and 农村…
    if count < 2 or scan_periods(words):
        return None
    return split_subject(words, count)


def _fact(
    context: _Context, mention: Mention, name: str, reading: _Reading, quote_start: int
) -> Fact:
    value = mention.value
    if reading.negative and value > 0:
        value = -value
    qualifier = mention.qualifier if mention.qualifier in _STRONG else reading.qualifier
    if qualifier is None:
        qualifier = mention.qualifier
    quote = context.text[quote_start : mention.end]
    return Fact(
        name,
        reading.year,
        reading.kind,
        reading.status,
        value,
        mention.unit or "",
        qualifier,
        quote,
        quote_start,
        mention.end,
        mention.upper,
    )


def _reading(
    context: _Context, mention: Mention, prefix: str, wide_prefix: str, target_after: bool
) -> _Reading:
    kind, negative = _kind(mention, prefix, wide_prefix)
    if kind == "level" and mention.unit == "%" and _lists_completions(context.text, mention.start):
        kind = "completion"
    if kind == "growth" and _against_a_named_year(context.text, prefix, mention.start):
        kind = "other"
    status, year = context.cues.decide(mention.start, kind, prefix, wide_prefix, target_after)
    qualifier = _qualifier(context, mention, prefix, status)
    return _Reading(kind, status, qualifier, negative, year)


def _kind(mention: Mention, prefix: str, wide_prefix: str) -> tuple[str, bool]:
    unit = mention.unit or ""
    prefix = prefix.rstrip(_OPENING_QUOTES)  # 增速预期定格“6%左右”: a figure quoted
    prefix = _NOTE_BEFORE_RE.sub("", prefix)  # 同比增长(下同)7.6%: a note on the figures after
    if unit in ("万分之", "千分之"):
        return "share", False
    if "年平均" in wide_prefix and _AVERAGE_RE.search(wide_prefix):
        return "other", _is_down(prefix)  # 两年平均下降15.7%
    if unit in ("%", "‰") and "年" in prefix and _YEARLY_AVERAGE_RE.search(prefix):
        return "other", _is_down(prefix)  # 年均增长13.2%: an average over years, as 两年平均
    if _is_time_progress(unit, prefix):
        return "time_progress", bool(_time_progress_behind_re().search(prefix))
    if unit in _POINTS:
        pull = _PULL_RE.search(prefix)
        if pull:  # ``下拉规上工业产值增速1.1个百分点``: pulled down
            return "other", pull.group(0).startswith("下拉")
        comparison = _comparison(prefix, wide_prefix)
        if comparison and _compared_to_re().search(comparison.group(0)):
            compared = comparison.group(0)
            if _another_re().search(compared) or not _SAME_PERIOD_BEFORE_RE.search(compared):
                return "other", False
            # 高于去年同期0.6个百分点, 比上年同月加快0.5个百分点: a change on a year before
            return "change", _is_down(prefix) or compared.startswith(_BELOW)
        if comparison and _names_another_measure(comparison.group(0)):
            return "other", False  # 比规上工业增速高29.7个百分点: another indicator's growth
        if comparison and comparison.group(0).endswith(("低", "慢")):
            return "change", True  # 增速比1-6月低1个百分点
        return "change", _is_down(prefix)
    if unit == "倍" and _multiple_of_re().search(prefix):
        return "other", False  # 分别是“十二五”末的1.7倍: a multiple of an earlier year's
    if unit == "倍" and (_GROWTH_UP_RE.search(prefix) or _GROWTH_HELD_RE.search(prefix)):
        return "growth", False  # 增长1.2倍, 增长速度达25.4倍
    if unit in ("%", "‰"):
        if _may_be_completion(prefix) and _COMPLETION_RE.search(prefix):
            return "completion", False
        if ("占" in wide_prefix or "比重" in wide_prefix) and _SHARE_RE.search(wide_prefix):
            return "share", False
        if _is_down(prefix):
            return "growth", True
        if _GROWTH_UP_RE.search(_drop_nouns(prefix)) or _GROWTH_HELD_RE.search(prefix):
            return "growth", False
        if "结构" in wide_prefix and _structure_re().search(wide_prefix):
            return "share", False  # 产业结构构成由上年的22.26%、28.63%和49.11%调整为…
        if _GROWTH_FROM_TO_RE.search(prefix):
            return "growth", False  # 当月增速由4月的1%回升至8.8%: the growth at each end
        return "level", False
    if (
        prefix.endswith(_COUNT_CHANGE_ENDINGS)
        and not prefix.endswith("新增")
        and _COUNT_CHANGE_RE.search(prefix)
    ):
        return "other", _is_down(prefix)
    return "level", False


#: progress against the year's plan said before a list of places' or sectors' figures:
#: ``各县在建项目完成投资均超过序时进度，分别为：蕉城83.8%、东侨81.6%``,
#: ``7个行业完成年度投资计划比例均超过序时进度，分别是79%、78.2%``
_LISTED_COMPLETIONS_RE = re.compile(
    r"完成(?:[^，。；,;]{0,8}(?:计划|目标|任务)[^，。；,;]{0,4}(?:比例|比重)"
    r"|投资[^，。；,;]{0,4}(?:超过|高于|达到)(?:序时|时间)进度)[^。；;]{0,12}分别(?:为|是)[：:]?"
)


#: what stands between ``分别为：`` and a member's figure: its name, or the members before it
@cache
def _listed_member_re() -> re.Pattern[str]:
    return re.compile(r"[^，。；,;：:0-9]{0,8}(?:[0-9.]+%[、和及][^，。；,;：:0-9]{0,8})*$")


#: a growth against a year the text names: ``比2019年同期增长13.5%``, ``比2019年1-11月增长3.2%``
_NAMED_YEAR_GROWTH_RE = re.compile(r"(?:比|较)(?:19|20)\d\d年[^，。；,;]{0,8}(?:增长|下降)$")
#: a growth said earlier in the sentence: ``同比下降8.2%，``
_GROWTH_SAID_RE = re.compile(r"(?:增长|下降|增長)[\d.]+[%％]")


def _against_a_named_year(text: str, prefix: str, start: int) -> bool:
    """``同比下降8.2%，比2019年1-11月增长3.2%，两年平均增长1.6%``: after the year's own growth,
    one against an earlier year named is a comparison (as a two-year average is), not a growth
    on the year before."""
    if _NAMED_YEAR_GROWTH_RE.search(prefix) is None:
        return False
    sentence = max(text.rfind(end, 0, start) for end in "。\n") + 1
    return _GROWTH_SAID_RE.search(text, sentence, start - len(prefix)) is not None


def _lists_completions(text: str, start: int) -> bool:
    """The figure is a member of a list of completions (:data:`_LISTED_COMPLETIONS_RE`)."""
    said = text.rfind("分别", max(0, start - 160), start)
    if said < 0:
        return False
    opened = _LISTED_COMPLETIONS_RE.search(text, max(0, said - 40), start)
    if opened is None or opened.end() > start:
        return False
    return _listed_member_re().fullmatch(text, opened.end(), start) is not None


#: a bracketed note between the verb and its figure: ``增长(下同)``, ``增长（同比，下同）``
_NOTE_BEFORE_RE = re.compile(r"[（(][^（）()0-9]{1,8}[)）]$")


#: ``是2015年的1.7倍``: a multiple of a year before, not a growth
@cache
def _multiple_of_re() -> re.Pattern[str]:
    return re.compile(r"是[^，。；,;]{1,16}的$")


def _is_time_progress(unit: str, prefix: str) -> bool:
    """``序时进度50%``, ``超时间进度18.5个百分点``: the time line, or a distance from it."""
    endings_match = unit in ("%", "个百分点") and prefix.endswith(_TIME_PROGRESS_ENDINGS)
    return endings_match and bool(_time_progress_re().search(prefix))


def _may_be_completion(prefix: str) -> bool:
    """Whether :data:`_COMPLETION_RE` can match: it needs 完成, or 计划的/目标的 at the end."""
    if "完成" in prefix or prefix.endswith(
        ("划的", "标的", "务的", "资的", "数的", "计划", "划投资", "元的", "）的", ")的", "标任务")
    ):
        return True
    return "预算" in prefix and prefix.endswith("的")


def _is_down(prefix: str) -> bool:
    """``下降``, ``压减…``: the figure is a decline."""
    return bool(_GROWTH_DOWN_RE.search(prefix) or _DOWN_LEAD_RE.match(prefix))


def _drop_nouns(prefix: str) -> str:
    """``增加值``, ``增长点`` are nouns, not verbs."""
    return _GROWTH_WORD_TAIL_RE.sub("", prefix)


def _names_target_after(text: str, end: int) -> bool:
    """``增长6.5%左右的预期目标``, ``好于下降7%的预期``, ``实现增长6.5%左右目标``: the words
    after the figure say it is a target."""
    return text.startswith(("的", "目标", "左右", "以上", "以内"), end) and bool(
        _TARGET_AFTER_RE.match(text, end)
    )


def _said_as_target(text: str, start: int, end: int) -> bool:
    """A figure in brackets after the target it states (``年度目标（50场）``), the task amount
    (``占任务数16900万元``), or the first of a list of rates named targets after the last
    (``按照上半年计划投资完成率60%、年度投资计划完成率120%以上的目标``)."""
    spans = _target_spans(text)
    index = bisect_right(spans, (start, len(text))) - 1
    if index >= 0 and spans[index][0] <= start < spans[index][1]:
        return True
    return text[end : end + 1] in ("、", "和") and _TARGETS_AHEAD_RE.match(text, end) is not None


@lru_cache(maxsize=4)
def _target_spans(text: str) -> list[tuple[int, int]]:
    """Where a target's figures stand in ``text``: in brackets after its name, or just after
    ``任务数`` (:data:`_TARGET_OPENED_RE`)."""
    spans = []
    for match in _TARGET_OPENED_RE.finditer(text):
        group = "inside" if match["inside"] else "amount"
        spans.append((match.start(group), match.end(group)))
    return spans


#: a count that the words after it say is planned: ``39个计划开工项目已开工22个``
_PLANNED_COUNT_RE = re.compile(r"计划(?:年内)?(?:新开工|开工|投产|竣工|建成|实施|新建|完工)")


#: the planned total of a programme (``25件重点民生实事计划总投资277亿元``); not the statistic of
#: the projects being built or begun (``施工项目计划总投资``, ``新开工项目计划总投资``)
_PROGRAMME_TOTAL_RE = re.compile(r"(?<!施工项目)(?<!开工项目)计划总投资(?:为|达到?|约)?$")


def _programme_total(prefix: str) -> bool:
    """``…民生实事计划总投资277亿元`` in a progress report: what the programme plans, a target."""
    return prefix.endswith(("总投资", "为", "达", "到", "约")) and bool(
        _PROGRAMME_TOTAL_RE.search(prefix)
    )


def _planned_count(text: str, mention: Mention) -> bool:
    """``39个计划开工项目…``: the count of the year's programme, a target."""
    return mention.unit in _COUNT_UNITS and _PLANNED_COUNT_RE.match(text, mention.end) is not None


def _qualifier(context: _Context, mention: Mention, prefix: str, status: Status) -> str | None:
    tail = prefix.rstrip("达到为是")
    if tail and tail[-1] in _SIGNS:
        return _SIGNS[tail[-1]]
    qualifier = _pre_qualifier(tail, prefix)
    if qualifier is not None:
        return qualifier
    if status == "actual" and _is_estimate(context, mention.start):
        return "预计"
    return None


def _pre_qualifier(tail: str, prefix: str) -> str | None:
    """The first of :data:`_PRE_QUALIFIERS` that ``tail`` or ``prefix`` ends with."""
    if tail[-1:] not in _PRE_QUALIFIER_LAST and prefix[-1:] not in _PRE_QUALIFIER_LAST:
        return None  # the common case: the last characters say no
    for endings, qualifier in _PRE_QUALIFIERS:
        if _ends_with(tail, endings) or _ends_with(prefix, endings):
            return qualifier
    return None


def _ends_with(words: str, endings: tuple[str, ...]) -> bool:
    if not words.endswith(endings):
        return False
    return not (words.endswith("约") and words[-2:-1] in _NOT_ABOUT_BEFORE)


def _is_estimate(context: _Context, position: int) -> bool:
    """A paragraph opening with 初步预计 or holding 预计数, or a sentence holding 预计."""
    text = context.text
    # each of the three needs a 预计 ending before the figure, in its paragraph
    last = bisect_right(context.estimates, position - len("预计")) - 1
    if last < 0 or text.find("\n", context.estimates[last], position) != -1:
        return False
    paragraph_start = text.rfind("\n", 0, position) + 1
    if _ESTIMATE_OPENING_RE.match(text, paragraph_start, position):
        return True
    if text.find("预计数", paragraph_start, position) != -1:
        return True
    sentence_start = max(text.rfind("。", 0, position), paragraph_start - 1) + 1
    return context.estimates[last] >= sentence_start


# --- names -----------------------------------------------------------------


def _member_names(
    context: _Context, members: list[Mention], subject: str, clause_start: int
) -> list[str]:
    """The indicator of each member of a list, from the ``subject`` of the words before it."""
    count = len(members)
    parts = _comma_members(context, clause_start, count) or split_subject(subject, count)
    if parts:
        return parts
    previous = context.facts[-count:] if len(context.facts) >= count else []
    if not subject and previous and _near(context.text, previous[0].end, members[0].start):
        return [fact.indicator for fact in previous]
    return [subject or _following_noun(context.clauses, m) for m in members]


#: what the members of a list split by commas share, said once after the last: ``农副食品加工业，
#: 金属制品业，…，专用设备制造业增加值分别增长…``
@cache
def _shared_measure_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:增加值|总产值|产值|产量|营业收入|主营业务收入|利润总额|利润|投资|零售额|销售额)$"
    )


_MEMBER_MAX = 24


def _comma_members(context: _Context, clause_start: int, count: int) -> list[str] | None:
    """The members of a list said in clauses of their own, split by commas, before the clause
    whose ``分别`` gives each its figure (``酒、饮料和精制茶制造业，汽车制造业，计算机、通信和其他
    电子设备制造业分别增长10.3%，10.4%，10.9%``): exactly ``count`` − 1 clauses without a figure
    before it, after a clause with a figure or one that opens a list (``重点行业中``, ``其中``)."""
    text = context.text
    said = text.find("分别", clause_start)
    if clause_start < 1 or text[clause_start - 1] not in "，," or said == -1:
        return None
    last = clean_name(text[clause_start:said])
    sentence_start = max(text.rfind(end, 0, clause_start) for end in "。；;：:\n") + 1
    pieces = _COMMA_RE.split(text[sentence_start : clause_start - 1])
    if len(pieces) < count - 1:
        return None
    members = pieces[len(pieces) - count + 1 :]
    opening = pieces[: len(pieces) - count + 1][-1:]
    if not opening or not (
        _OPENING_FIGURE_RE.search(opening[0]) or opening[0].endswith(_LIST_OPENINGS)
    ):
        return None
    if not last or any(not _is_member(piece) for piece in members):
        return None
    shared = _shared_measure_re().search(last)
    tail = shared.group(0) if shared else ""
    names = [clean_name(piece) for piece in members]
    return [name if name.endswith(tail) else name + tail for name in names] + [last]


_COMMA_RE = re.compile(r"[，,]")
_DIGIT_RE = re.compile(r"\d")
#: a clause with a figure of its own before the members: ``石油和天然气开采业增加值增长20.6%``
_OPENING_FIGURE_RE = re.compile(r"\d[\d.]*[ \u3000]*(?:%|％|个百分点|[亿万]?元|亿|万|倍)")
#: what opens a list of members: ``其中``, ``重点行业中``, ``分行业看``
_LIST_OPENINGS = ("中", "看", "来看", "其中", "分别是", "为")


#: words of a clause that says something, not a member's name: ``保持两位数增长``, ``排名全市第二``
@cache
def _not_member_re() -> re.Pattern[str]:
    return re.compile(
        r"增长|增速|增幅|下降|提高|回落|加快|放缓|排名|居|保持|实现|完成|达到|占|比|分别|第[一二三四五六七八九十]"
    )


def _is_member(piece: str) -> bool:
    return (
        1 < len(piece) <= _MEMBER_MAX
        and not _DIGIT_RE.search(piece)
        and not _not_member_re().search(piece)
    )


def _referent(context: _Context, mention: Mention, prefix: str) -> Fact | None:
    """The fact a bare target (its subject names the plan) refers to:
    ``增长5.9%…（预期目标为8.5%以上）``."""
    if not TARGET_TAIL_RE.search(prefix):
        return None
    for fact in reversed(context.facts[-6:]):
        if not _near(context.text, fact.end, mention.start):
            return None
        if fact.unit == mention.unit and fact.kind not in ("other", "completion"):
            return fact
    return None


def _named_before(context: _Context, clause_start: int) -> str:
    """The indicator the clause before names, in the same sentence: ``地区生产总值首次突破
    千亿元大关，达到1002.1亿元``, ``固定资产投资较快增长，规模达到980.5亿元``."""
    text = context.text
    if clause_start < 2 or text[clause_start - 1] not in "，,；;":
        return ""
    previous_start = context.clauses.start(clause_start - 1, list_items=False)
    return named_in(context.clauses.squeezed(previous_start, clause_start - 1))


@cache
def _scope_before_re() -> re.Pattern[str]:
    """The wider region a bracketed figure belongs to: ``比全国(5.5%)``; or the places a rank
    is said after: ``居全省第3位，次于泉州(9.1%)、漳州(8.1%)``."""
    return re.compile(r"(全国|全省|全市|全区|(?<=次于|低于|落后)[^，。；,;、()（）\d]{2,4})[(（]$")


_BRACKETED_RE = re.compile(r"[(（][^()（）]*[)）]")


#: the narrower place an indicator's name opens with, before a common indicator's head:
#: ``银川规模以上工业增加值``, ``全市地区生产总值``
_PLACE_OPENING_RE = re.compile(
    r"^(?:(?:全|[\u4e00-\u9fff]{2,4}?)[市县区旗州](?=规模以上|规上|地区生产总值|GDP|固定资产投资"
    r"|社会消费品零售总额|一般公共预算)|(?!地区|全社会)[\u4e00-\u9fff]{2,3}?(?=规模以上|规上|地区生产总值))"
)


def without_place(name: str) -> str:
    """``name`` without the place it opens with: a wider region's figure said in brackets
    after a city's (``银川规模以上工业增加值…高于全国(3%)``) is the same indicator of that region."""
    return _PLACE_OPENING_RE.sub("", name, count=1)


def _bracketed_scope(text: str, clause_start: int) -> str:
    """``全国`` when the figure's clause opens a bracket just after 全国 (比全国(5.5%)高)."""
    if clause_start < 3 or text[clause_start - 1] not in "(（":
        return ""
    scope = _scope_before_re().search(text, max(0, clause_start - 6), clause_start)
    return scope[1] if scope else ""


#: growths listed each in brackets after its indicator, the list closed by a comparison
#: of each: ``地区生产总值(7.5%)、规模以上工业增加值(12.7%)分别高于预期目标1.0和4.2个百分点``
_LISTED_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,24})[(（]$")
_LISTED_AFTER_RE = re.compile(
    r"[)）](?:[、和及与][\u4e00-\u9fff]{2,24}[(（][\d.]+[%％][)）])*"
    r"分别(?:高于|低于|快于|慢于|超过|超出|比)"
)


def _listed_growth_name(text: str, mention: Mention, clause_start: int) -> str:
    """The indicator named just before a bracketed percentage in such a list, or ``""``."""
    if mention.unit not in ("%",) or clause_start != mention.start:
        return ""
    before = _LISTED_NAME_RE.search(text, max(0, mention.start - 26), mention.start)
    if before is None or not _LISTED_AFTER_RE.match(text, mention.end):
        return ""
    return _LIST_JOIN_RE.split(before[1])[-1]


def _listed_growths(context: _Context, members: list[Mention], clause_start: int) -> list[Fact]:
    """The growths a list of differences compares, when each was said in brackets after its
    indicator just before (:func:`_listed_growth_name`), or ``[]``."""
    growths = context.facts[-len(members) :]
    if len(growths) != len(members) or not all(
        fact.kind == "growth"
        and fact.indicator
        and fact.start >= clause_start
        and not _bracketed_scope(context.text, fact.start)
        and context.text[fact.end : fact.end + 1] in (")", "）")
        for fact in growths
    ):
        return []
    return growths


#: a clause saying only a growth: ``增速12%``, ``增长8%左右``
_BARE_GROWTH_RE = re.compile(r"(?:同比)?(?:增速|增幅|增长|增长速度)(?:为|达到?)?")


def _growth_of_planned(
    context: _Context, mention: Mention, reading: _Reading, prefix: str, name: str
) -> bool:
    """Whether a bare growth is that of a planned amount said in the clause just before."""
    if reading.kind != "growth" or reading.status != "actual" or not context.facts:
        return False
    previous = context.facts[-1]
    between = context.text[previous.end : mention.start]
    return (
        previous.status == "target"
        and previous.kind == "level"
        and previous.indicator == name
        and between[:1] in ("，", ",")
        and _BARE_GROWTH_RE.fullmatch(between[1:].strip()) is not None
        and _BARE_GROWTH_RE.fullmatch(prefix) is not None
    )


#: a rate said as held: ``基本保持9%左右的幅度``, ``稳定在8%以上的增速``
_HELD_BEFORE_RE = re.compile(r"(?:保持在?|稳定在|维持在?)$")
_HELD_AFTER_RE = re.compile(r"(?:左右|以上)?的(?:幅度|增幅|增速|速度|增长)")


def _held_rate(text: str, mention: Mention, prefix: str) -> bool:
    """Whether a percentage is a rate said as held, the rate after it (``…的幅度``)."""
    return (
        mention.unit == "%"
        and _HELD_BEFORE_RE.search(prefix) is not None
        and _HELD_AFTER_RE.match(text, mention.end) is not None
    )


def _adds_to(stock: Fact, prefix: str, text: str, mention: Mention) -> bool:
    """Whether the figure only says how much was added to the stock just before it: its
    clause is ``新增`` and the figure (``新增4个口袋公园`` counts new parks)."""
    ends_clause = text[mention.end : mention.end + 1] in _CLAUSE_ENDS
    return stock.kind == "level" and ends_clause and _ADDED_ONLY_RE.fullmatch(prefix) is not None


def _compared_rate(context: _Context, mention: Mention) -> Fact | None:
    """The rate a wider region's bracketed figure is compared with: the last fact before of
    the figure's unit, passing over the other regions' figures and the differences between."""
    text = context.text
    for fact in reversed(context.facts[-4:]):
        if not _near(text, fact.end, mention.start):
            return None
        if fact.unit == mention.unit and not _bracketed_scope(text, fact.start):
            return fact
    return None


def _compared(context: _Context, mention: Mention) -> Fact | None:
    """The fact just before, passing over a wider region's figure in brackets."""
    text = context.text
    for fact in reversed(context.facts[-3:]):
        if not _near(text, fact.end, mention.start):
            return None
        if not _bracketed_scope(text, fact.start):
            return fact
    return None


def _comparison_words(subject: str) -> str:
    """``增速比全国(5.5%)高`` → 比全国高: the comparison, without the figure compared with."""
    words = _BRACKETED_RE.sub("", subject)
    for aspect in ("增速", "增幅"):
        if words.startswith(aspect) and len(words) > len(aspect):
            return words[len(aspect) :]
    return words


def _previous_near(context: _Context, mention: Mention) -> Fact | None:
    previous = context.facts[-1] if context.facts else None
    if previous and _near(context.text, previous.end, mention.start):
        return previous
    return None


#: a preposition left where the subject stands (``对185项政府重点工作…``)
_NOT_SUBJECTS = frozenset("对把向将为从与")
_SHARE_WORDS = frozenset(["占比", "比重"])


def _single_name(
    context: _Context, mention: Mention, subject: str, borrowed: bool, kind: str
) -> str:
    """A change (增长7%) without a subject, or with one that only says what it is compared
    with (``增速比1-4月份回落``), belongs to the fact before it (a growth after a share,
    ``占比达96.05%，同比下降15.6%``, to what the share is of); a count without one
    (``38个重大工业项目``) is named by the words after it. ``borrowed``: the subject names
    the plan (年计划), not an indicator. A bare 占比 is the share of the indicator just
    named (``民营经济增加值增长7%，占比达51.5%``). A count in a whole said with 在
    (``在工业19个大类中``) is of the whole's kind (工业大类)."""
    if subject in _NOT_SUBJECTS or compared_only(subject):
        subject = ""
    if subject.startswith("在") and mention.unit in _COUNT_UNITS:
        return _counted_in(context.clauses, mention, subject)
    previous = _previous_near(context, mention)
    if subject and not borrowed and subject not in _SHARE_WORDS:
        if kind == "share" and subject.startswith("占") and previous is not None:
            # 工业投资11591万元，占固定资产投资总额的5.8% → 工业投资占固定资产投资总额的比重
            return (
                base_name(previous.indicator) + subject + ("比重" if subject.endswith("的") else "")
            )
        return subject
    if subject in _SHARE_WORDS:
        return previous.indicator + subject if previous is not None else subject
    if previous is not None and kind == "growth" and previous.kind == "share":
        return _share_of(context, mention, previous)
    if kind == "share" and subject.startswith("占") and previous is not None:
        # 工业投资11591万元，占固定资产投资总额的5.8% → 工业投资占固定资产投资总额的比重
        return base_name(previous.indicator) + subject + ("比重" if subject.endswith("的") else "")
    if previous is not None and (kind not in ("level", "share") or borrowed):
        return base_name(previous.indicator)
    return (
        _following_noun(context.clauses, mention)
        or subject
        or (previous.indicator if previous else "")
    )


_COUNT_UNITS = frozenset("个项家户类种")


#: words that name only what a share is (``电力生产占比重``, ``采矿业增加值占比``, ``占…的``)
@cache
def _share_tail_re() -> re.Pattern[str]:
    return re.compile(r"(?:占比重?|比重|占[^，,]{0,12}的?(?:比重|比例)?|的比重|的)$")


#: a head word said alone (``完成投资673亿元``, ``实现产值315693万元``): the topic said before
#: names what it is of
#: the share of the counted sectors that grew: named after the sectors counted
_COVERAGE = frozenset(["增长面", "下降面"])


#: the whole counted before in the sentence: ``全市规模以上工业37个大类行业中有21个``
@cache
def _whole_counted_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<before>[\u4e00-\u9fff]{0,12}?)[0-9]+个(?P<after>[\u4e00-\u9fff]{1,8}?)中"
    )


#: a count's subject that says only what state the things counted are in: ``欠进度的有17个``,
#: ``达到和基本达到18个``, ``已完成和提前完成24个``
_COUNTING_PHRASE_RE = re.compile(
    r"^(?![^的]*(?:项目|工程|事项|任务|企业|单位))"  # 完成投资项目12个 names its things
    r"(?:[\u4e00-\u9fff]{1,6}的$|(?:已|和|基本|正常|提前|超额)*"
    r"(?:完成|达到|推进|开工|完工|办结|滞后|欠进度|超进度|达进度)[\u4e00-\u9fff]{0,10}$)"
)


@cache
def _counted_noun_re() -> re.Pattern[str]:
    return re.compile(r"[\u4e00-\u9fff]{2,10}(?=[，。；,;：:（(\n]|$)")


_COUNT_REACH = 240


def _state(prefix: str) -> str:
    """``欠进度的有`` → 欠进度的: what a count's clause says of the things counted."""
    return prefix.removeprefix("其中").removesuffix("有").strip("，,、；; ")


def _counted_as(context: _Context, mention: Mention, phrase: str, clause_start: int) -> str:
    """``细化为222个具体工作内容。…欠进度的有17个`` → 欠进度的具体工作内容: the state said
    of the things a total counted (the count with its noun after it, within the paragraph);
    ``建设工程23个，达到和基本达到18个`` → 达到和基本达到的建设工程: of the count just before."""
    text = context.text
    paragraph = text.rfind("\n", 0, mention.start)
    before = [
        fact
        for fact in context.facts[-12:]
        if fact.unit == mention.unit
        and fact.end > paragraph
        and mention.start - fact.end <= _COUNT_REACH
    ]
    for fact in reversed(before):
        noun = _counted_noun_re().match(text, fact.end)
        if noun is not None and not _COUNTING_PHRASE_RE.match(noun.group(0)):
            return _joined(phrase, noun.group(0))
    if before and text[before[-1].end : clause_start].strip() in ("，", ","):
        return _joined(phrase, before[-1].indicator)  # 建设工程23个，达到和基本达到18个
    return ""


def _joined(phrase: str, counted: str) -> str:
    return f"{phrase}{counted}" if phrase.endswith("的") else f"{phrase}的{counted}"


def _whole_counted(context: _Context, clause_start: int) -> str:
    """``38个工业行业大类中27个行业增加值实现同比增长，增长面71%`` → 工业行业大类: what the
    growth coverage (增长面) counts, said before it in its sentence."""
    text = context.text
    sentence_start = max(text.rfind(end, 0, clause_start) for end in "。！？!?\n") + 1
    found = [*_whole_counted_re().finditer(text, sentence_start, clause_start)][-1:]
    if not found:
        return ""
    before = found[0]["before"].rpartition("的")[2]  # 在产的34个工业行业中 → 工业行业
    return clean_name(before + found[0]["after"]).removeprefix("在")


_BARE_HEADS = frozenset(["投资", "产值", "增加值", "完成投资", "营业收入", "利润总额"])


def _counted_in(clauses: ClauseIndex, mention: Mention, subject: str) -> str:
    """``在工业19个大类中`` → 工业大类; ``在产的34个工业行业中`` → 工业行业."""
    whole = clean_name(subject[1:])
    if whole.endswith("的") or len(whole) < 2:
        whole = ""
    counted = _WHOLE_END_RE.sub("", _following_noun(clauses, mention))
    return whole + counted if counted else whole or subject


_WHOLE_END_RE = re.compile(r"(?<=[业类目品户])中有?$")


def _share_of(context: _Context, mention: Mention, share: Fact) -> str:
    """A growth said after a share: of the amount before the share in the sentence
    (``规上工业总产值1564.97亿元，占全市…的比重为69.3%，同比增长5.4%``), or else of what the
    share's name says it is of (``采矿业增加值占比``)."""
    index = len(context.facts) - 2
    while index >= 0 and index >= len(context.facts) - 4:
        fact = context.facts[index]
        if not _near(context.text, fact.end, mention.start):
            break
        if fact.kind == "level" and fact.unit != "%":
            return fact.indicator
        index -= 1
    return _share_tail_re().sub("", share.indicator) or share.indicator


def _with_topic(topic: str, head: str) -> str:
    return topic if topic.endswith(head) else topic + head


#: what a topic said before a bare head word ends with: a kind of unit that has an output
_TOPIC_END_RE = re.compile(r"(?:项目|企业|行业|产业|工业|服务业|园区|工程)$")
_TOPIC_COUNT_RE = re.compile(r"[0-9０-９]+(?:个|家|项|户)$")


def _topic_before(context: _Context, mention: Mention, clause_start: int) -> str:
    """What a bare head word (``完成投资``, ``产值``) is of: the units the clause before
    names (``现代产业项目加快建设，完成投资673亿元``, ``全县规模以上工业企业270家，累计实现利润
    总额…``), or what the share just before is of (``电力生产占比重34.04%，实现产值…``)."""
    named = _TOPIC_COUNT_RE.sub("", _named_before(context, clause_start))
    if _TOPIC_END_RE.search(named):
        return named
    previous = _previous_near(context, mention)
    if previous is not None and previous.kind == "share":
        return _share_tail_re().sub("", previous.indicator)
    # ``2020年我州重点项目250个，年度计划投资307.05亿元，1-8月累计完成投资…``: the projects counted
    for fact in reversed(context.facts[-4:]):
        if not _near(context.text, fact.end, mention.start):
            break
        if fact.unit in _COUNT_UNITS and _TOPIC_END_RE.search(fact.indicator):
            return fact.indicator
    return ""


#: the comparison a name was given (``…增速（高于全市）``): not part of what it is of
_COMPARISON_NAME_RE = re.compile(r"增速（[^（）]*）$")


def base_name(indicator: str) -> str:
    """The indicator a comparison or change is of: ``固定资产投资增速（低于全市）`` → 固定资产投资."""
    if indicator.endswith("）"):
        return _COMPARISON_NAME_RE.sub("", indicator) or indicator
    return indicator


def _named_earlier(context: _Context, mention: Mention) -> str:
    """A figure whose clause names nothing (``6月份的增速还保持在16.0%``, ``7月份增长5.9%``):
    of the indicator of the fact before it in the paragraph, or else of the one the
    sentence before names (``…规模以上工业企业增加值增速持续回落。``)."""
    text = context.text
    if mention.unit in _COUNT_UNITS:
        return ""  # a count is not of an amount said before it
    paragraph_start = text.rfind("\n", 0, mention.start) + 1
    if context.facts and context.facts[-1].start >= paragraph_start:
        return base_name(context.facts[-1].indicator)
    sentence_end = text.rfind("。", paragraph_start, mention.start)
    if sentence_end < 0:
        return ""
    sentence_start = max(text.rfind("。", paragraph_start, sentence_end) + 1, paragraph_start)
    clause = context.clauses.squeezed(sentence_start, sentence_end)
    last_clause = re.split(r"[，,；;]", clause)[-1]
    return named_in(last_clause).removesuffix("增速")


def _is_borrowed_name(subject: str) -> bool:
    """``年计划``, ``预期目标``, ``执行结果``, a bare ``低于``: words that name the plan or a
    comparison, not an indicator."""
    if subject in _BARE_COMPARISONS:
        return True
    if not (names_plan(subject) or "执行" in subject or subject.endswith(("预算的", "投资的"))):
        return False
    return bool(_BORROWED_NAMES.match(subject))


def _near(text: str, earlier_end: int, later_start: int) -> bool:
    between = text[earlier_end:later_start]
    return "。" not in between and "\n" not in between and len(between) < 80


def _following_noun(clauses: ClauseIndex, mention: Mention) -> str:
    """``34户企业入选…`` → 企业: the words after a count, up to the verb."""
    end = clauses.end(mention.end)
    words = re.split(r"[0-9０-９]", clauses.text[mention.end : end])[0]
    words = _AFTER_COUNT_VERB_RE.split(words)[0]
    if words.startswith((")", "）")):
        return ""  # 较一季度(-10.8%)回升: the words after a bracketed figure
    return _WHOLE_END_RE.sub("", squeeze(words)[:20])


#: where the noun after a count ends: its verb (计划开工项目, 新开工项目 are nouns)
_AFTER_COUNT_VERB_RE = re.compile(
    r"入选|纳入|列入|(?<!划)建成|完成|加快|(?<!划)投产|获|(?<![划新])开工|(?<!划)竣工|实现|改造|落户"
    r"|上线|集聚|进行|总体|已|同比"
)


# --- ranks -----------------------------------------------------------------

#: a subject that names what of the indicator is ranked, not the indicator itself
_RANK_ASPECTS = {
    "总量": "",
    "规模": "",
    "数量": "",
    "增量": "增量",
    "增速": "增速",
    "增幅": "增幅",
}
_RANK_POSITIONS = frozenset(["排名", "排位", "位次", "名次"])
_RANK_SUBJECT_TAIL_RE = re.compile(r"(?=[分均都仍继也])(?:分别|均|都|仍|继续|也)+$")


def _rank_facts(context: _Context, rank: Rank) -> list[Fact]:
    """``总量分别居全市区县第三、第二`` → one fact per ordinal, named after the figures before
    it; ``总量、增速均居全市第1`` → one fact per subject, the same ordinal for each."""
    clauses = context.clauses
    start = clauses.start(rank.lead_start)
    prefix = clauses.squeezed(start, rank.lead_start)
    if len(rank.ordinals) > 1 or _RANK_SUBJECT_TAIL_RE.search(prefix):
        start = clauses.start(rank.lead_start, list_items=False)
        prefix = clauses.squeezed(start, rank.lead_start)
    subjects = _rank_subjects(prefix, len(rank.ordinals))
    ordinals = list(rank.ordinals)
    if len(ordinals) == 1:
        ordinals *= len(subjects)
    names = _rank_names(context, rank.lead_start, start, subjects, one_each=len(rank.ordinals) > 1)
    status, year = context.cues.decide(rank.lead_start, "other", prefix, prefix, False)
    qualifier = "预计" if status == "actual" and _is_estimate(context, start) else None
    quote_start = _skip_space(context.text, start)
    return [
        Fact(
            name,
            year,
            "other",
            status,
            float(ordinal.value),
            None,
            qualifier,
            context.text[quote_start : ordinal.end],
            quote_start,
            ordinal.end,
            rank_scope=rank.scope,
            rank=True,
        )
        for name, ordinal in zip(names, ordinals, strict=True)
    ]


def _rank_subjects(prefix: str, ordinals: int) -> list[str]:
    """The ranked subjects: as many as ordinals (分别), or the 、-list before 均."""
    subject = clean_name(_RANK_SUBJECT_TAIL_RE.sub("", prefix))
    if ordinals > 1:
        parts = split_subject(subject, ordinals)
        return parts if parts else [subject] * ordinals
    return [part for part in subject.split("、") if part] or [""]


def _rank_names(
    context: _Context, position: int, clause_start: int, subjects: list[str], one_each: bool
) -> list[str]:
    """A subject of its own names its rank; an aspect (总量, 增速) or none borrows the
    indicator of the figure just before, or with ``one_each`` (分别) of as many figures
    before as there are ordinals, else the indicator the clause before names."""
    borrowed = _figures_before(context, position)
    names = []
    for index, subject in enumerate(subjects):
        if subject in _RANK_POSITIONS:
            subject = ""  # 排名上升至…: what is ranked is the figure before
        if subject and subject not in _RANK_ASPECTS:
            names.append(_without_total(subject))
            continue
        lender = _lender(borrowed, index - len(subjects) if one_each else -1)
        if lender is None:
            named = _named_before(context, clause_start)
            names.append(named + _RANK_ASPECTS.get(subject, "") if named else subject)
        elif subject:
            names.append(lender.indicator + _RANK_ASPECTS[subject])
        else:
            names.append(lender.indicator + ("增速" if lender.kind == "growth" else ""))
    return names


def _end_of(fact: Fact) -> int:
    return fact.end


def _lender(borrowed: list[Fact], index: int) -> Fact | None:
    """``borrowed[index]`` (a negative index), else the last figure, else none."""
    if -index <= len(borrowed):
        return borrowed[index]
    return borrowed[-1] if borrowed else None


def _figures_before(context: _Context, position: int) -> list[Fact]:
    """The figures of the same sentence just before ``position`` (comparisons left out)."""
    facts = context.facts
    last = bisect_right(facts, position, key=_end_of)
    near = []
    for fact in reversed(facts[max(0, last - 6) : last]):
        if not _near(context.text, fact.end, position):
            break
        if fact.kind != "other":
            near.append(fact)
    return near[::-1]


def _without_total(subject: str) -> str:
    """``GDP总量`` → GDP: the rank of a total is the rank of the indicator."""
    if subject.endswith("总量") and len(subject) > 2 and subject != "经济总量":
        return subject[:-2]
    return subject


# --- clauses ---------------------------------------------------------------

_BOUND_TAIL_RE = re.compile(r"(以上|以下|以内)$")
#: a size a thing counted after it must exceed: ``过10亿元项目6个``, ``超50万元的经济强村5个``
_THRESHOLD_WORDS = ("过", "超", "逾")
_COUNTED_AFTER_RE = re.compile(r"的?[\u4e00-\u9fff]{1,8}?[0-9０-９]+(?:个|家|项|户|宗|所|座)")
_OPENING_QUOTES = '“"「『'
#: a contribution to another figure's growth: ``拉动全县规上工业增加值增速2.4个百分点``
_PULL_RE = re.compile(r"(?:拉动|上拉|下拉|带动|贡献)[^，。；,;]*$")
#: the units of a change of a rate: points of a percentage or of a per mille rate
_POINTS = frozenset(["个百分点", "个千分点"])
#: a growth rate said to stay at or reach a figure: ``6月份的增速还保持在16.0%``,
#: ``增速最快达34.2%``
_GROWTH_HELD_RE = re.compile(
    r"(?:增速|增幅|增长速度|增长幅度)(?:还|仍然|仍|继续|依然|最快|一直|也|均|都|稳|预期|首次)*"
    r"(?:保持在|稳定在|维持在|定格(?:在|为)?|达到?|为|是|在)$"
)
#: a count of the places or units a rank is among: ``在全省18个省辖市中排名第1位``
_RANK_FRAME_RE = re.compile(
    r"[^，。；,;]{0,16}?中(?:继续|仍然|仍|始终|稳)?(?:排名|排位|排|居|位居|位列|列)"
)
_TIME_PROGRESS_ENDINGS = ("进度", "进度的", "进度为", "进度是", "进度约", "进度近")
_GROWTH_WORD_TAIL_RE = re.compile(r"增加值$|增长点$")
_ESTIMATE_OPENING_RE = re.compile(r"[ \t\u3000]*初步预计")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\u3000\u00a0\n":
        position += 1
    return position
