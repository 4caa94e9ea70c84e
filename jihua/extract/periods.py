"""The months a figure covers: ``上半年`` → January–June, ``6月当月`` → June alone.

Every fact gets ``period``: ``{"year": 2024 | None, "from": 1, "to": 6}``.

=========================================  ==========  ==========================
words stated in the text                   months      note
=========================================  ==========  ==========================
1-6月, 1—6月, 1~6月份, 1至6月, 元至九月       1..6        cumulative from January
前三季度, 前两季度                           1..9, 1..6
前7个月, 前两个月, 前十一个月                  1..7, 1..2, 1..11
上半年 / 下半年                             1..6, 7..12
一季度 / 1季度 / 第二季度 … 四季度 alone      1..3 … 10..12
6月份, 6月当月, 6月单月                      6..6
今年6月, 2022年9月, ，6月 (a bulletin's)      6..6        a clause's opening; not 6月3日
6月末, 6月底, 截至6月底, 二季度末              6..6        a balance, to its paragraph's end
全年, 年度, 本年度 (in the figure's clause)    1..12       not carried on
=========================================  ==========  ==========================

A period said after 比/较/与/同 (``增速比一季度加快``, ``降幅比1—5月收窄``) is what the
figure is compared with, not its period (:func:`basis` reads it).

Which period holds: the nearest one stated before the figure, carrying on to the
following sentences until another is stated, within its section (``五、…``,
``（二）…``); a section that states none goes on with the period of the opening,
before the first heading. A month's end (``3月末``, a balance) holds to its
sentence's end only, or to its paragraph's end when said as progress to date (``截至7月底，…。
其中…``); a month alone (``从月度增速看，7月份增长5.9%``) said within a cumulative
period (``前7个月``) holds to its paragraph's end, and the cumulative period then resumes. A year said alone in the figure's sentence (``2025年，省政府民生实事
共有12类…``) gives the whole of that year. In a plan report a period holds only to the end of its
paragraph (a report's review of ``前三季度`` does not govern the plan). A figure with
none stated covers its whole year (the fact's ``year`` in a plan report).

The year: the one stated with the period (``2016年1-6月``), else the last one stated
with a period or in the period's sentence before it, else the page's publishing
date (``发布日期：2020-12-24``; the year before when the period ends after the month
of publishing, as a December bulletin published in January), else the fact's year.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_CN_MONTHS = {
    "元": 1,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[元一二三四五六七八九])"
_DASH = r"[ \u3000]*(?:-|—|－|–|~|～|〜|至|到)+[ \u3000]*"
_QUARTER = r"(?:[一二三四1-4])"
#: opens with a lookahead on the first character, so that the engine skips ahead
_PERIOD_RE = re.compile(
    r"(?=[0-9元一二三四五六七八九十前上下第])(?:"
    rf"(?P<first>{_MONTH})月?{_DASH}(?P<last>{_MONTH})[ \u3000]*月(?:份)?"
    rf"|前(?P<quarters>[一二三两])季度?"
    rf"|前(?P<months>{_MONTH}|两)个?月(?:份)?"
    rf"|(?P<pair>{_MONTH})、(?P<pair_last>{_MONTH})[ \u3000]*月(?:份)?"
    r"|(?P<half>[上下])半年"
    rf"|第?(?P<quarter>{_QUARTER})季度(?:(?P<quarter_end>末|底)(?!前))?"
    rf"|(?P<month>{_MONTH})[ \u3000]*月(?:(?P<month_kind>份|当月|单月)|(?P<month_end>末|底)(?!前))"
    r")"
)


@cache
def _bare_month_re() -> re.Pattern[str]:
    """A bare month opening a clause, after a year or 今年: ``今年6月全县``, ``2022年9月，``."""
    return re.compile(
        r"(?:(?P<year>(?:19|20)\d\d)年|今年|本年|(?<=[，。；,;：:\n])|^)"
        r"(?<![\d\-—－~～至到])(?P<month>1[0-2]|[1-9])月(?![\d份底末初中旬前后以起至到\-—－~～]|[上下]旬)",
        re.M,
    )


@cache
def _year_end_re() -> re.Pattern[str]:
    """The year's end a 统计公报 counts a stock at: ``年末常住人口``, ``2022年末``; not the end of
    the year before (``比上年末``), a deadline (``年底前``) or this year's end to come (``今年年底``)."""
    return re.compile(
        r"(?:(?P<year>(?:19|20)\d\d)(?=年[末底])|(?<![上去今明前本到至比较同当年\d]))年[末底](?!前)"
    )


#: the year stated just before a period: ``2016年1-6月``
_YEAR_BEFORE_RE = re.compile(r"(?P<year>(?:19|20)\d\d)年$")


#: the year's own figure; not 去年全年 (a comparison), not 完成年度目标任务 (progress against it)
@cache
def _whole_year_re() -> re.Pattern[str]:
    return re.compile(
        r"(?<!去年)(?<!上年)(?<!完成)(?:全年|本年度|年度|年初?预算|(?<=计划)年内)|今年(?!以来)"
    )


@cache
def _compared_before_re() -> re.Pattern[str]:
    """Words before a period that make it the figure's comparison, not its period."""
    return re.compile(r"(?:比|较|與|与|同|和|[高低快慢]于)(?:上年|去年|当年|今年|本年)?$")


@cache
def _compared_in_re() -> re.Pattern[str]:
    """A comparison said in a clause: a 全年 after it is the year compared with."""
    return re.compile(r"[比较]|[高低快慢]于")


#: what joins the members of a list of periods: ``上半年、前三季度和1-10月``
@cache
def _list_join_re() -> re.Pattern[str]:
    return re.compile(r"[ \u3000]*(?:、|和|及|与|以及|，)[ \u3000]*")


_PREVIOUS_RE = re.compile(
    r"环比|(?:比|较)(?:上月|上季度|上期|上一季度|(?:上年|去年)全年|(?:1[0-2]|[1-9])月(?![\d日号]|份?同期))"
)
#: a change against the year's start, or against another place or indicator
_OTHER_BASIS_RE = re.compile(
    r"(?:比|较)(?:年初|上年末|去年末)|快于|慢于|高于|低于|高出|超出|领先|落后"
)
_SAME_PERIOD_BEFORE_RE = re.compile(r"(?:上年|去年)同(?:期|月)")
#: a growth against a year the text names: ``比2019年同期增长13.5%``, ``比2019年1-11月增长3.2%``
_NAMED_YEAR_RE = re.compile(r"(?:比|较)(?:19|20)\d\d年")


@cache
def _own_figure_re() -> re.Pattern[str]:
    """A compared period's own growth said right after it: ``比1-4月增速12.3%``."""
    return re.compile(r"(?:(?:增速|增幅|增长率?)(?:为|是)?[ \u3000]*|[(（])[-+]?\d[\d.]*[%％]")


_OWN_FIGURE_END_RE = re.compile(
    r"月份?(?:增速|增幅|增长率?)(?:为|是)?[ \u3000]*[-+]?\d[\d.]*[%％]$"
)
_YOY_RE = re.compile(r"同比|同期|比上年|较上年|两年平均|三年平均")
_AVERAGE_RE = re.compile(r"(?P<years>[两二三四五])年平均")
_AVERAGE_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d\d)年")


@cache
def _published_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:发布|發布|公开|成文)(?:日期|时间|時間)[:：]?[ \u3000]*"
        r"(?P<year>(?:19|20)\d\d)[-/.年](?P<month>\d{1,2})"
        # a bare 时间 only with a whole date: ``时间:2025-02-25 14:56``
        r"|(?:时间|時間|日期)[:：][ \u3000]*(?P<bare_year>(?:19|20)\d\d)-(?P<bare_month>\d{1,2})-\d{1,2}"
        # a news page's dateline: ``2018-11-07 09:29:12 来源:郑州日报``
        r"|^(?P<line_year>(?:19|20)\d\d)-(?P<line_month>\d{1,2})-\d{1,2}[ \u3000]+\d{1,2}:\d\d"
        # a release signed with its date on a line of its own: ``开平市统计局\n2018年10月24日``
        r"|^[ \u3000]*(?P<signed_year>(?:19|20)\d\d)年(?P<signed_month>1[0-2]|0?[1-9])月"
        r"(?:[12]\d|3[01]|0?[1-9])日[ \u3000]*$",
        re.MULTILINE,
    )


@cache
def _progress_re() -> re.Pattern[str]:
    """Progress to date in a figure's clause: it keeps the period stated before."""
    return re.compile(r"累计|开累|完成率")


@cache
def _progress_verb_re() -> re.Pattern[str]:
    """Words before a count or a total that make it progress, not the year's programme."""
    return re.compile(
        r"完成|开工|竣工|建成|实现|到位|已|累计|开累|新增|新开|签约|投产|办结|落地|入库|在建|续建|完工"
        r"|达产|正在|投用|进度|落后|滞后"
    )


@cache
def _this_year_re() -> re.Pattern[str]:
    """今年 said for the year, not as a start (``今年以来``) or before a period (``今年前三季度``)."""
    return re.compile(r"今年(?!以来|来|前|[上下]半年|[一二三四1-4]季|第|\d|元|同期|底|末|年初)")


_COUNT_UNITS = frozenset(["个", "项", "件", "宗", "类", "批", "家", "条", "场", "所", "座"])
_PROGRAMME_NOUN_RE = re.compile(r"项目|实事")


@cache
def _pledge_re() -> re.Pattern[str]:
    """The year's 民生实事 a government pledges, counted: ``65件民生实事``."""
    return re.compile(r"^[^，。；,;：:]{0,2}(?:民生实事|民生工程|民生大事|目标任务|重点任务)")


@cache
def _part_done_re() -> re.Pattern[str]:
    """A part of the counted things done said next in the count's clause: ``2个养老机构建设已完成1个``,
    ``120项新建项目实现开工48个``, ``257个计划新开工项目中221个``: the count is the year's programme.
    """
    return re.compile(
        # ``省实事11件15项中有9项``, ``10件17项中，有7项``: a count of which some are done
        r"(?:\d+[个项件])?中[，,]?有\d+[个项件]|"
        r"[^，。；,;：:（）()\d]{0,20}?(?:(?:项目|实事|任务|工程)[中共]有?"
        # ``66个新开工项目已有28个开工建设``, ``303个区重点项目中开工在建项目数为278个``
        r"|(?:项目|实事|任务|工程)(?:已有|中[^，。；,;：:（）()\d]{1,12}?[为有达])"
        # ``39项细化工作任务中，已有3项提前完成``, ``20件民生大事中，4件已完成``,
        # ``6个新开工项目中，3个项目已开工建设``
        r"|(?:项目|实事|大事|任务|工程|事项|小项)中[，,](?:已有|已"
        r"|(?=\d+(?:个|项|件|宗)(?:项目)?(?:已|提前)?(?:完成|办结|建成|竣工|完工|开工)))"
        # ``建设工程23个，达到和基本达到18个``: the part said in the next clause
        r"|[，,]?(?:已|实现)?(?:(?:基本)?达到|完成|开复工|复工|开工|建成|竣工|完工|投产|办结|送)了?"
        r"(?:和(?:基本)?(?:达到|完成))?(?:计划进度|序时进度|时序进度|进度)?)"
        r"(?:\d+)(?:个|项|件|宗|家|条|场|所|座)"
    )


#: the parts of a pledge counted right after it: ``15项重点民生工程25个``
@cache
def _pledge_parts_re() -> re.Pattern[str]:
    return re.compile(r"\d[项件](?:重点)?民生(?:实事|工程|大事)[ \u3000]*\d+[ \u3000]*[个项件]$")


#: a count after the examples it sums up: ``四川省公共卫生综合临床中心…等73个民生工程…``
@cache
def _examples_counted_re() -> re.Pattern[str]:
    return re.compile(r"等[ \u3000]*\d+[ \u3000]*[个项件]$")


#: the year's planned investment said right after a count, and the amount itself
_PLAN_NEXT_RE = re.compile(r"[，,]+(?:年度?|全年|年内)?计划(?:总)?投资")


@cache
def _plan_amount_re() -> re.Pattern[str]:
    return re.compile(r"(?:^|[，,])(?:年度?|全年|年内)?计划投资[约为达]?[\d.]+[亿万]?元$")


#: a count's total investment said right after it
_TOTAL_NEXT_RE = re.compile(r"[，,]总投资")
#: the year's plan stated after a programme's figures: ``年度计划完成投资49.19亿元``
_YEAR_PLAN_RE = re.compile(r"年度(?:投资)?计划|年计划|全年计划|年内计划")


@cache
def _total_investment_re() -> re.Pattern[str]:
    return re.compile(r"总投资[约达为]?[\d.]+[亿万]?元$")


#: a month alone or the months to date said in a figure's sentence after its period
@cache
def _said_months_re() -> re.Pattern[str]:
    return re.compile(r"(?P<alone>当月|单月|本月(?![末底])|[从分]月度)|(?P<cumulative>累计)")


_PAGE_REACH = 2000
#: how far after a period a year said later may still be its year
_YEAR_AFTER_REACH = 200
#: how far after a count its clause may state the period: ``17宗省重点项目1-11月``
_AFTER_REACH = 12
_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
#: what a clause opening with a month stands after: ``数据显示，9月，全省…``
_CLAUSE_OPENERS = frozenset("，,。；;：:\n")
#: a sentence that goes on with a month aside's: ``其中，制造业增长…``
_AFTER_ASIDE = re.compile(r"^[ \u3000]*其中")


#: a sentence that goes on with a month's end: ``其中…``, or another balance (``各项贷款余额…``);
#: not one of the year's flows (``全年出生人口…``)
@cache
def _after_point_re() -> re.Pattern[str]:
    return re.compile(
        r"^(?![ \u3000]*全年)(?:[ \u3000]*其中|.*?(?:余额|人口(?![出死自])|城镇化率))"
    )


_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@cache
def _clause_end_re() -> re.Pattern[str]:
    return re.compile(r"[，。；,;：:、（）()\n]")


@cache
def _heading_re() -> re.Pattern[str]:
    """A numbered heading opening a line: ``六、居民收入平稳增长``, ``（二）消费品市场``."""
    return re.compile(
        r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])",
        re.M,
    )


#: words that make a month's end the date progress is counted to: ``截至7月底``
_TO_DATE = ("截至", "截止", "截到")


@cache
def _to_day_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:截至|截止|截到)(?P<when>(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>1[0-2]|0?[1-9])月"
        r"(?:[12]\d|3[01]|0?[1-9])[日号])"
    )


@cache
def _to_month_re() -> re.Pattern[str]:
    """``截至8月，…``: a month said bare as the end of progress to date."""
    return re.compile(
        r"(?:截至|截止|截到)(?P<when>(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>1[0-2]|0?[1-9])月)"
        r"(?![\d份底末初中旬上下日号])"
    )


def _said_to_date(text: str, start: int) -> bool:
    """The period at ``start`` is said as progress to date: ``截至7月底``, or ``至9月底`` opening a
    clause (not the end of a range, ``1月至9月底``)."""
    if text[max(0, start - 2) : start] in _TO_DATE:
        return True
    return text[start - 1 : start] == "至" and (start < 2 or text[start - 2] in _CLAUSE_OPENERS)


#: what stands before a year that ends a range (``2001年至2019年``)
_RANGE_END_BEFORE = frozenset("至到—-－~～")
#: words after a year that make it a starting point or a comparison, not when
_NOT_WHEN_AFTER = ("以来", "同期", "相比", "基础", "水平", "起", "—", "-", "至", "到")


@dataclass(frozen=True, slots=True)
class Period:
    year: int | None
    first: int
    last: int

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "from": self.first, "to": self.last}


@dataclass(frozen=True, slots=True)
class StatedPeriod:
    """A period as the text states it, and where."""

    start: int
    end: int
    first: int
    last: int
    year: int | None
    #: said after 比/较 …: what a figure is compared with
    compared: bool
    #: a balance at a month's end (``6月末``): it holds to its paragraph's end only
    point: bool = False
    #: a month said aside as such (``8月当月``, ``10月单月``) within a cumulative report
    aside: bool = False
    #: alone in brackets (``113.26亿元(1-11月)``, ``投资（1-11月）增长10%``): of its figure,
    #: within its paragraph
    bracketed: bool = False


def scan_periods(text: str) -> list[StatedPeriod]:
    """Every period stated in ``text``, in order."""
    periods: list[StatedPeriod] = []
    for match in _PERIOD_RE.finditer(text):
        months = _months(match)
        if months is None or months[0] > months[1]:
            continue
        start = match.start()
        stated_year = _YEAR_BEFORE_RE.search(text, max(0, start - 5), start)
        year = None
        if stated_year is not None:
            start, year = stated_year.start(), int(stated_year["year"])
        compared = (
            _is_compared(text, start)
            or _continues_list(text, periods, start)
            or _names_a_target(text, start, match.end())
        )
        point = bool(match["month_end"] or match["quarter_end"])
        if match["month_kind"] == "份" and text[max(0, start - 2) : start] in _TO_DATE:
            months = (1, months[1])  # 截止5月份: the months to date, not May alone
        aside = match["month_kind"] in ("当月", "单月")
        bracketed = text[start - 1 : start] in _BRACKET_OPEN and _BRACKET_CLOSE_RE.match(
            text, match.end()
        )
        periods.append(
            StatedPeriod(start, match.end(), *months, year, compared, point, aside, bool(bracketed))
        )
    if "截" in text:
        periods = sorted([*periods, *_dates_to(text)], key=lambda p: p.start)
    return periods


def _names_a_target(text: str, start: int, end: int) -> bool:
    """``10个项目超额完成前三季度节点目标``, ``完成投资244.2亿元，占上半年目标任务的94%``: the
    months a target was set for, not the figures'."""
    return (
        text.endswith(("完成", "占"), 0, start) and _period_target_re().match(text, end) is not None
    )


def _dates_to(text: str) -> list[StatedPeriod]:
    """``截至9月14日``: progress counted to a day is that month's, like ``截至9月底``; ``截至8月``,
    said bare, is the months to date, like ``截至8月份``."""
    periods = []
    for match in _to_day_re().finditer(text):
        month = int(match["month"])
        year = int(match["year"]) if match["year"] else None
        start = match.start("when")
        periods.append(StatedPeriod(start, match.end(), month, month, year, False, point=True))
    for match in _to_month_re().finditer(text):
        year = int(match["year"]) if match["year"] else None
        months = (1, int(match["month"]))
        periods.append(StatedPeriod(match.start("when"), match.end(), *months, year, False))
    return periods


def _continues_list(text: str, periods: list[StatedPeriod], start: int) -> bool:
    """``比上半年、前三季度、1-10月分别加快…``: a list's later members are compared with too."""
    if not periods or not periods[-1].compared:
        return False
    return _list_join_re().fullmatch(text[periods[-1].end : start]) is not None


def _bare_months(text: str) -> list[StatedPeriod]:
    """A month said bare at a clause's start, after a year or 今年 (``今年6月全县实现…``,
    ``2022年9月，…``): that month alone; not a date (``6月3日``, ``9月下旬``), a deadline
    (``6月底前``) or a start (``6月以来``)."""
    periods = []
    for match in _bare_month_re().finditer(text):
        month = int(match["month"])
        start = match.start()
        year = int(match["year"]) if match["year"] else None
        compared = _is_compared(text, start)
        periods.append(StatedPeriod(start, match.end(), month, month, year, compared))
    return periods


def _year_ends(text: str) -> list[StatedPeriod]:
    """``年末常住人口94.9万人``: a stock at the year's end is December's, as ``6月末`` is June's."""
    if "年末" not in text and "年底" not in text:
        return []
    periods = []
    for match in _year_end_re().finditer(text):
        if _is_compared(text, match.start()):
            continue  # ``较2023年末净增11152户``: the year's end compared with
        year = int(match["year"]) if match["year"] else None
        periods.append(StatedPeriod(match.start(), match.end(), 12, 12, year, False, point=True))
    return periods


def _overlaps(period: StatedPeriod, spans: list[tuple[int, int]]) -> bool:
    return any(start < period.end and period.start < end for start, end in spans)


def _months(match: re.Match[str]) -> tuple[int, int] | None:
    if match["first"]:
        return _month(match["first"]), _month(match["last"])
    if match["pair"]:  # 7、8月: two months running, together
        first, last = _month(match["pair"]), _month(match["pair_last"])
        return (first, last) if last == first + 1 else None
    if match["quarters"]:
        return 1, 3 * (2 if match["quarters"] == "两" else _month(match["quarters"]))
    if match["months"]:
        return 1, 2 if match["months"] == "两" else _month(match["months"])
    if match["half"]:
        return (1, 6) if match["half"] == "上" else (7, 12)
    if match["quarter"]:
        quarter = _month(match["quarter"])
        if match["quarter_end"]:
            return 3 * quarter, 3 * quarter
        return 3 * quarter - 2, 3 * quarter
    month = _month(match["month"])
    if match["month_kind"] == "份" and _is_date(match.string, match.end()):
        return None
    return month, month


def _month(words: str) -> int:
    return int(words) if words.isdigit() else _CN_MONTHS[words]


def _is_date(text: str, end: int) -> bool:
    """``6月份3日``: not a month's figures."""
    return bool(re.match(r"\d{1,2}[日号]", text[end : end + 3]))


def _month_alone(stated: StatedPeriod) -> bool:
    """``7月份``, ``当月``: one month other than January (January alone is cumulative too)."""
    return stated.first == stated.last and stated.first != 1 and not stated.point


def _is_compared(text: str, start: int) -> bool:
    """``比一季度``, ``较1-5月``, ``较上年四季度``: a period compared with."""
    return bool(_compared_before_re().search(text, max(0, start - 3), start))


def published_on(text: str) -> tuple[int, int] | None:
    """The year and month of the page's publishing date (``发布日期：2020-12-24``), looked for
    where a page's furniture stands: near the start or the end."""
    match = _published_re().search(text, 0, _PAGE_REACH) or _published_re().search(
        text, max(0, len(text) - _PAGE_REACH)
    )
    if match is None:
        return None
    if match["year"]:
        return int(match["year"]), int(match["month"])
    if match["line_year"]:
        return int(match["line_year"]), int(match["line_month"])
    if match["signed_year"]:
        return int(match["signed_year"]), int(match["signed_month"])
    return int(match["bare_year"]), int(match["bare_month"])


#: the year before's figures, said as such (not compared with: ``比上年的``, ``为上年的95%``):
#: ``由上年的22.26%、28.63%和49.11%``, ``去年全年的8118.5亿元``
@cache
def _year_before_figure_re() -> re.Pattern[str]:
    return re.compile(
        r"(?<![比较与同为是占于达及])(?:上年|去年)(?:(?P<whole>全年)|同期)?的"
        r"(?:[-\d.]+(?:%|％|[亿万]?元|亿|万)?[、和及与])*[-\d.]+(?:%|％|[亿万]?元|亿|万)?$"
        # ``完成投资75.33亿元，比去年同期73.79亿元增加了1.54亿元``: the amount compared with
        r"|[比较](?:上年|去年)同期[\d.]+(?:[亿万]?元|亿|万)$"
    )


_YEAR_BEFORE_REACH = 60


#: a target named after the period it is set for: ``完成前三季度节点目标``,
#: ``超额完成9月份设置的累计完成总工程量30%的节点目标``
@cache
def _period_target_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:设置|设定|确定|下达)?的?(?:[^，。；,;]{0,24}?的)?(?:节点|既定|序时)?目标"
    )


#: a sentence naming what it states as targets: ``…年度投资计划完成率120%以上的目标。``
@cache
def _targets_said_re() -> re.Pattern[str]:
    return re.compile(r"(?:[%％]|^)[^，,；;]*的目标[。；;]?$")


#: the year's target said before a figure: in brackets after its name, or the task amount
@cache
def _year_target_opened_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:(?:年度|全年)(?:目标|计划|任务)[（(][^（）()，。；,;]{0,30}|任务数)[\d.]*[亿万]?元?$"
    )


#: the year's target said after a figure: ``提前完成55%的年度目标``
_YEAR_TARGET_AFTER_RE = re.compile(r"的(?:年度|全年)(?:目标|任务)")

#: how far into a page the first period stated may govern the figures before it
_FIRST_SAID_REACH = 800
#: how far into a plan report its title may state the months it reports on
_TITLE_REACH = 300
#: what a report on part of the year calls itself in its title
_EXECUTION_TITLE = "计划执行情况"
#: how far after an opening bracket a period it opens with is looked for (``（1-7月份，``)
_ASIDE_REACH = 4
_BRACKET_CLOSE_RE = re.compile(r"[）)]")
_BRACKET_OPEN = ("（", "(")
_DIGIT_RE = re.compile(r"[0-9０-９]")


class PeriodIndex:
    """The period stated before each position of a text."""

    def __init__(self, text: str, carry_over: bool = True) -> None:
        self.text = text
        self.carry_over = carry_over
        stated = scan_periods(text)
        if carry_over:  # a bulletin's ``今年6月全县…``: no plan report's date
            spans = [(p.start, p.end) for p in stated]
            bare = [p for p in _bare_months(text) if not _overlaps(p, spans)]
            stated = sorted([*stated, *bare, *_year_ends(text)], key=lambda p: p.start)
        self.stated = [p for p in stated if not p.compared]
        self.ends = [p.end for p in self.stated]
        self.compared = [p for p in stated if p.compared]
        self.compared_ends = [p.end for p in self.compared]
        # a plan report needs neither: its periods take the fact's year, to their paragraph's end
        self.published = published_on(text) if carry_over else None
        self.years = (
            [(m.start(), int(m["year"])) for m in _YEAR_RE.finditer(text)] if carry_over else []
        )
        self.year_starts = [start for start, _ in self.years]
        self.headings = [m.start() for m in _heading_re().finditer(text)] if carry_over else []
        #: the period the opening states before the first heading: it governs every
        #: section that states none (``一季度，全县…`` over ``六、居民收入…``)
        first_heading = self.headings[0] if self.headings else 0
        lead = [p for p in self.stated if p.end <= first_heading and not (p.point or p.bracketed)]
        self.lead = lead[-1] if lead else None
        #: a plan report on part of the year (``关于2019年上半年…计划执行情况的报告``): the months
        #: its title names govern every paragraph that states none
        self.titled = None if carry_over else _titled_period(text, self.stated)

    def at(
        self,
        position: int,
        fact_year: int | None,
        clause: str = "",
        kind: str = "",
        unit: str | None = None,
    ) -> Period:
        """The period of a figure of ``kind`` and ``unit`` ending at ``position`` whose clause
        reads ``clause``."""
        own = self._compared_figure(position)
        if own is not None:  # 增幅比1-4月增速12.3%涨幅0.3个百分点: 12.3% is January–April's
            return Period(
                own.year or self._year(own.start, own.last, fact_year), own.first, own.last
            )
        stated = self._stated_just_after(position) or self._stated_before(position)
        if stated is None and self.carry_over:
            stated = self._first_said(position) or self._to_date_before(position)
        period = self._period(position, stated, fact_year, clause, kind, unit)
        if self.carry_over and ("上年" in clause or "去年" in clause):
            return self._year_before(position, period) or period
        return period

    def _year_before(self, position: int, period: Period) -> Period | None:
        """``产业结构由上年的22.26%、28.63%和49.11%调整为…``, ``已超过去年全年的8118.5亿元``:
        figures of the year before said as such; its whole year when said so."""
        said = _year_before_figure_re().search(
            self.text, max(0, position - _YEAR_BEFORE_REACH), position
        )
        if said is None:
            return None
        year = period.year - 1 if period.year is not None else None
        if said["whole"]:
            return Period(year, 1, 12)
        return Period(year, period.first, period.last)

    def _period(
        self,
        position: int,
        stated: StatedPeriod | None,
        fact_year: int | None,
        clause: str,
        kind: str,
        unit: str | None,
    ) -> Period:
        sentence_year = self._sentence_year(position, stated)
        # ``截至8月底…。2021年计划完成投资85.5亿元，年度累计完成投资54.21亿元``: progress to date
        to_date = stated is not None and _progress_re().search(clause) is not None
        if sentence_year is not None and not to_date:
            return Period(sentence_year, 1, 12)
        # the year of a figure of the whole year said under a report's months is the report's
        last = stated.last if stated is not None else 12
        if (
            self.carry_over
            and not to_date
            and self._this_year_counts(position, stated, clause, unit)
        ):
            return Period(self._year(position, last, fact_year), 1, 12)
        if (
            stated is None
            or _is_whole_year(clause, kind)
            or (self.carry_over and _YEAR_TARGET_AFTER_RE.match(self.text, position))
            or (self.carry_over and self._year_target_opened(position))
            or (
                self.carry_over and kind == "level" and _plan_amount_re().search(clause) is not None
            )
            or (self._states_targets(position) and _whole_year_re().search(clause) is not None)
        ):
            return Period(self._year(position, last, fact_year), 1, 12)
        year = stated.year or self._year(stated.start, stated.last, fact_year)
        if self.carry_over and self._is_programme(position, clause, kind, unit):
            return Period(year, 1, 12)
        return Period(year, *self._months_said(stated, position))

    def _first_said(self, position: int) -> StatedPeriod | None:
        """A bulletin's figures before it states any period (a headline, a list of the main
        indicators under ``一、主要经济指标完成情况``) are of the first period it states, when
        that is the months to date (``前三季度``, ``上半年``) stated near the page's start."""
        if not self.stated or self.stated[0].start < position:
            return None
        first = self.stated[0]
        if first.start > _FIRST_SAID_REACH or first.point or first.first != 1 or first.last == 1:
            return None
        return first

    def _to_date_before(self, position: int) -> StatedPeriod | None:
        """A progress report whose only periods are a month's end said as progress to date
        (``至9月底，…``): its later sections, stating none, report to that month's end too."""
        index = bisect.bisect_right(self.ends, position) - 1
        for stated in reversed(self.stated[: index + 1]):
            said = self.text[stated.start : stated.end]
            if stated.point and "季" not in said and _said_to_date(self.text, stated.start):
                return stated
        return None

    def _compared_figure(self, position: int) -> StatedPeriod | None:
        """The period compared with, when the figure is that period's own, said right after it
        (``比1-4月增速12.3%``)."""
        if not self.carry_over:
            return None
        index = bisect.bisect_right(self.compared_ends, position) - 1
        if index < 0:
            return None
        compared = self.compared[index]
        return compared if _own_figure_re().fullmatch(self.text, compared.end, position) else None

    def _this_year_counts(
        self, position: int, stated: StatedPeriod | None, clause: str, unit: str | None
    ) -> bool:
        """``据了解，今年我市共有280个重点建设项目，总投资1059亿元，其中亿元以上项目216个``:
        the counts and totals of a sentence that says 今年 (not ``今年以来``, ``今年前三季度``)
        are the year's programme."""
        if unit not in _COUNT_UNITS and _total_investment_re().search(clause) is None:
            return False
        sentence = max(self.text.rfind(end, 0, position) for end in "。！？!?\n") + 1
        said = [*_this_year_re().finditer(self.text, sentence, position)][-1:]
        if not said:
            return False
        said_at = said[0]
        if _progress_verb_re().search(self.text, said_at.end(), position):
            return False
        return stated is None or stated.start < said_at.start() or stated.start > position

    def _is_programme(self, position: int, clause: str, kind: str, unit: str | None) -> bool:
        """The year's programme counted under a month's or half-year's report: the 民生实事 it
        pledges (``办好65件民生实事``), and projects and their total investment stated with the
        year's plan (``其中亿元以上项目46个，总投资326.37亿元，年度计划完成投资49.19亿元``), not
        progress on them (``300个市级重点项目完成投资294.9亿元``)."""
        if kind != "level":
            return False
        count = unit in _COUNT_UNITS
        if count and _part_done_re().match(self.text, position):
            return True
        end = _SENTENCE_END_RE.search(self.text, position)
        after = self.text[position : end.start() if end else len(self.text)]
        # ``其中：在建项目185项，总投资1330.5亿元，年度计划投资327.53亿元``: a stage names the part
        if count and _PLAN_NEXT_RE.match(after):
            return True  # ``重点项目104个，计划投资93.68亿元，完成投资…``: the year's plan
        staged = count and _TOTAL_NEXT_RE.match(after) is not None
        if _progress_verb_re().search(clause) and not staged:
            return False
        if not count and _total_investment_re().search(clause) is None:
            return False
        if count and _pledge_re().match(after) and not _examples_counted_re().search(clause):
            return True
        if count and _pledge_parts_re().search(clause):
            return True  # 我市15项重点民生工程25个具体项目: the pledge's parts
        if count and not (_PROGRAMME_NOUN_RE.search(clause) or _PROGRAMME_NOUN_RE.search(after)):
            return False
        plan = _YEAR_PLAN_RE.search(after)
        if plan is None:
            return False
        before_plan = after[: plan.start()]
        return not _progress_verb_re().search(before_plan) and not scan_periods(before_plan)

    def _months_said(self, stated: StatedPeriod, position: int) -> tuple[int, int]:
        """The months of the stated period, or of its month alone or its cumulation when the
        figure's sentence (to a ；) says so after it: ``1-5月，…其中当月实现产值1001.1亿元`` → May,
        and so ``从月度增速看，有4个行业增幅进一步扩大`` under ``前7个月``;
        ``11月份…当月完成产值33.8亿元…；累计完成产值273.1亿元`` → January–November."""
        sentence = max(self.text.rfind(end, 0, position) for end in "。；;") + 1
        words = self.text[max(stated.end, sentence) : position]
        said = [m for m in _said_months_re().finditer(words)]
        if not said or stated.point:
            return stated.first, stated.last
        if said[-1]["alone"] and stated.first == 1 and stated.last > 1:
            return stated.last, stated.last
        if said[-1]["cumulative"] and stated.first == stated.last:
            return 1, stated.last
        return stated.first, stated.last

    def _sentence_year(self, position: int, stated: StatedPeriod | None) -> int | None:
        """``2025年，省政府民生实事共有12类…``: a year said alone in the figure's sentence (or
        opening its paragraph), after any period, speaks of the whole of it (a bulletin's account
        of the year's programme)."""
        if not self.carry_over:
            return None
        index = bisect.bisect_right(self.year_starts, position) - 1
        if index < 0:
            return None
        start, year = self.years[index]
        if stated is not None and start <= stated.start < position:
            return None  # ``2016年1-6月``: the year of a period, or a period said after it
        if not self._says_when(start):
            return None
        if _SENTENCE_END_RE.search(self.text, start, position) and not self._opens_paragraph(
            start, position
        ):
            return None
        return year

    def _opens_paragraph(self, year_start: int, position: int) -> bool:
        """``2021年，上海全市共安排市重大工程正式项目166项…。其中，计划年内新开工项目18项``: a year
        opening a paragraph alone speaks of the whole year to the paragraph's end."""
        opening = year_start == 0 or self.text[year_start - 1] == "\n"
        after = self.text[year_start + len("2020年") : year_start + len("2020年") + 1]
        if not opening or after not in "，," or "\n" in self.text[year_start:position]:
            return False
        # no period said since (``截至三季度末，…已完成投资11.54亿元``)
        return bisect.bisect_left(self.ends, position) == bisect.bisect_left(self.ends, year_start)

    def _stated_just_after(self, position: int) -> StatedPeriod | None:
        """A period the figure's own words go on to state: ``17宗省重点项目1-11月完成投资…``."""
        index = bisect.bisect_right(self.ends, position)
        if index >= len(self.stated):
            return None
        stated = self.stated[index]
        between = self.text[position : stated.start]
        if len(between) > _AFTER_REACH or _clause_end_re().search(between):
            return None
        # words between: ``17宗省重点项目1-11月``; not ``增长5.8%1-6月份`` (a lost comma)
        return stated if _CJK_RE.search(between) else None

    def _stated_before(self, position: int) -> StatedPeriod | None:
        index = bisect.bisect_right(self.ends, position) - 1
        while index >= 0 and self._aside_closed(self.stated[index], position):
            index -= 1
        if not self.carry_over:
            # a plan report: a period holds to its paragraph's end
            stated = self.stated[index] if index >= 0 else None
            if stated is None or self.text.find("\n", stated.end, position) != -1:
                return self.titled if self.titled and self.titled.end <= position else None
            return stated
        section = self._section_start(position)
        found = self._carried(index, position, section)
        if found is None and section > 0:
            return self.lead or self._carried(index, position, 0)
        return found

    def _aside_closed(self, stated: StatedPeriod, position: int) -> bool:
        """``（1-7月份，…完成11.9亿元）；一般公共预算收入…``: a period opening an aside in
        brackets, with figures of its own, holds to the closing bracket; the figures after it are
        of the period said before. (A period in brackets alone, ``投资（1-11月）增长10%``, is the
        figure's after it.)"""
        text = self.text
        opened = max(text.rfind("（", 0, stated.start), text.rfind("(", 0, stated.start))
        if opened == -1 or stated.start - opened > _ASIDE_REACH:
            return False
        if _BRACKET_CLOSE_RE.search(text, opened, stated.start):
            return False
        closed = _BRACKET_CLOSE_RE.search(text, stated.end, position)
        return closed is not None and _DIGIT_RE.search(text, stated.end, closed.start()) is not None

    def _carried(self, index: int, position: int, since: int) -> StatedPeriod | None:
        """The nearest period stated from ``since`` on, skipping a month's end (``3月末``, a
        balance) in an earlier sentence."""
        while index >= 0 and self.stated[index].start >= since:
            stated = self.stated[index]
            if (stated.point and not self._point_holds(stated, position)) or (
                stated.bracketed and "\n" in self.text[stated.end : position]
            ):
                index -= 1
                continue
            if _month_alone(stated) and (
                "\n" in self.text[stated.end : position] or self._aside_ended(stated, position)
            ):
                cumulative = self._cumulative_before(index, since)
                return cumulative or stated
            if self._states_targets(stated.end) and _SENTENCE_END_RE.search(
                self.text, stated.end, position
            ):
                index -= 1  # ``按照上半年计划投资完成率60%…的目标。``: a target's months
                continue
            if index > 0 and self._month_resumes(self.stated[index - 1], stated, position):
                return self.stated[index - 1]
            return stated
        return None

    def _year_target_opened(self, position: int) -> bool:
        """``已超额完成年度目标（50场）的180%``, ``占任务数16900万元``: the year's target stated in
        brackets after it is named, or the task amount."""
        end = self.text.rfind("\n", 0, position)
        return (
            _year_target_opened_re().search(self.text, max(end + 1, position - 40), position)
            is not None
        )

    def _states_targets(self, position: int) -> bool:
        """The sentence goes on to say its figures are targets: ``…按照上半年计划投资完成率60%、
        年度投资计划完成率120%以上的目标。``"""
        if not self.carry_over:
            return False
        end = _SENTENCE_END_RE.search(self.text, position)
        rest = self.text[position : end.start() if end else len(self.text)]
        return _targets_said_re().search(rest) is not None

    def _month_resumes(self, month: StatedPeriod, stated: StatedPeriod, position: int) -> bool:
        """``9月，全省规上工业增加值同比增长5.6%，1—9月同比增长2.4%。分三大门类看，…``: a release
        of a month that adds the months to date in the same sentence goes on with the month."""
        if not _month_alone(month) or stated.first != 1 or stated.last != month.last:
            return False
        if month.start > 0 and self.text[month.start - 1] not in _CLAUSE_OPENERS:
            return False
        if _SENTENCE_END_RE.search(self.text, month.end, stated.start):
            return False
        return _SENTENCE_END_RE.search(self.text, stated.end, position) is not None

    def _aside_ended(self, stated: StatedPeriod, position: int) -> bool:
        """``1-8月份…。8月当月全区规上工业增速9.7%。全区三大门类中…``: a month said aside as such
        holds to its sentence's end (and its ``其中`` sentences); the cumulative period resumes."""
        return stated.aside and not self._sentences_go_on(stated.end, position, _AFTER_ASIDE)

    def _sentences_go_on(self, end: int, position: int, goes_on: re.Pattern[str]) -> bool:
        """Every sentence opened between ``end`` and ``position`` goes on with the one before:
        its words up to the figure match ``goes_on``."""
        for match in _SENTENCE_END_RE.finditer(self.text, end, position):
            following = self.text[match.end() : position]
            stop = _SENTENCE_END_RE.search(following)
            if not goes_on.search(following[: stop.start()] if stop else following):
                return False
        return True

    def _point_holds(self, stated: StatedPeriod, position: int) -> bool:
        """A month's end holds to its sentence's end (``3月末，各项存款余额…``); said as progress
        to date (``截至7月底，全市…``), to its paragraph's end. (A quarter's end, ``截至三季度末``,
        stays in its sentence: the paragraph goes on with the quarters reported.)"""
        said = self.text[stated.start : stated.end]
        if said.endswith(("日", "号")):
            return True  # ``截至10月20日，…``: the day a notice counts to, until another is said
        if _said_to_date(self.text, stated.start) and "季" not in said:
            return "\n" not in self.text[stated.end : position]
        # ``8月末，…存款余额…。其中，储蓄存款余额…。各项贷款余额…``: the balances go on
        if "\n" in self.text[stated.end : position]:
            return False
        return self._sentences_go_on(stated.end, position, _after_point_re())

    def _cumulative_before(self, index: int, since: int) -> StatedPeriod | None:
        """The cumulative period (``前7个月``) a month aside (``7月份增长5.9%``) was said within."""
        for stated in reversed(self.stated[:index]):
            if stated.start < since:
                return None
            if stated.first == 1 and stated.last > 1 and not stated.point:
                return stated
        return None

    def _section_start(self, position: int) -> int:
        index = bisect.bisect_right(self.headings, position) - 1
        return self.headings[index] if index >= 0 else 0

    def _year(self, position: int, last: int, fact_year: int | None) -> int | None:
        """The last year stated before ``position`` that says when (not ``比2019年``,
        ``2020年以来``, ``2019年同期``); in a plan report, the fact's year."""
        if not self.carry_over:
            return fact_year
        index = bisect.bisect_right(self.year_starts, position) - 1
        while index >= 0:
            start, year = self.years[index]
            if self._says_when(start) and not self._look_back_ended(index, position):
                return year
            index -= 1
        if self.published is not None:
            year, month = self.published
            return year - 1 if last > month else year
        return self._year_after(position) or fact_year

    def _look_back_ended(self, index: int, position: int) -> bool:
        """``2023年全国第五次经济普查结果：生产总值296.80亿元…`` in a 2024 统计公报: a paragraph
        opening with a year before the one the page has said looks back, to its own end."""
        start, year = self.years[index]
        if not (start == 0 or self.text[start - 1] == "\n"):
            return False
        if "\n" not in self.text[start:position]:
            return False
        return any(earlier > year and self._says_when(said) for said, earlier in self.years[:index])

    def _year_after(self, position: int) -> int | None:
        """The first year said soon after: ``前三季度我市民生实事加快推进\n2025年，…``."""
        index = bisect.bisect_left(self.year_starts, position)
        for start, year in self.years[index:]:
            if start - position > _YEAR_AFTER_REACH:
                return None
            if self._says_when(start):
                return year
        return None

    def _says_when(self, year_start: int) -> bool:
        """Not a comparison (``比2019年``), a start (``2020年以来``) or a range's end (``至2019年``)."""
        after = self.text[year_start + len("2020年") : year_start + len("2020年") + 2]
        before = self.text[year_start - 1] if year_start > 0 else ""
        if before in _RANGE_END_BEFORE:
            return False
        return not _is_compared(self.text, year_start) and not after.startswith(_NOT_WHEN_AFTER)


def _titled_period(text: str, stated: list[StatedPeriod]) -> StatedPeriod | None:
    """The months to date (``上半年``, ``1-7月``) a plan report's title near its start names: a
    line, not a sentence, that calls it an execution report (spaces in it are the page's)."""
    for period in stated:
        if period.start > _TITLE_REACH:
            return None
        if period.point or period.first != 1 or period.last in (1, 12):
            continue
        line_start = text.rfind("\n", 0, period.start) + 1
        line_end = text.find("\n", period.end)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        sentence = any(mark in line for mark in _CLAUSE_OPENERS - {"\n"})
        if not sentence and _EXECUTION_TITLE in re.sub(r"\s", "", line):
            return period
    return None


def _is_whole_year(clause: str, kind: str) -> bool:
    """``年度投资计划647.4亿元``, ``全年完成投资100亿元``: the year's figure, though a bulletin
    speaks of part of it (not ``完成年度计划的48.6%``, progress of the part against it)."""
    if kind in ("completion", "time_progress", "share"):
        return False
    whole = _whole_year_re().search(clause)
    # ``较去年同期和全年分别回落4.5、4.2个百分点``: the year compared with, not the figure's
    if whole is None or _compared_in_re().search(clause, 0, whole.start()):
        return False
    if _progress_re().search(clause) or _bare_month_re().search(clause):
        return False  # ``年度累计完成投资54.21亿元``: the year's progress to date; ``今年6月``
    return not any(not p.compared for p in scan_periods(clause))


def basis(kind: str, clause: str) -> str | None:
    """What a change is measured against: ``yoy`` (the same period a year before, said or
    not), ``previous_period`` (环比, ``比1-5月回落``, ``较一季度提高``), or None (a level,
    a share, a comparison with another place, ``比年初增长``)."""
    if kind not in ("growth", "change", "other"):
        return None
    if kind == "growth" and _OWN_FIGURE_END_RE.search(clause):
        return "yoy"  # 比1-4月增速12.3%: the growth of the period compared with
    if kind == "other" and _NAMED_YEAR_RE.search(clause):
        return None  # 比2019年同期增长13.5%: against an earlier year named, not a year before
    if _PREVIOUS_RE.search(clause) or (_may_compare(clause) and _compares_a_period(clause)):
        return "previous_period"
    if kind == "change" and _SAME_PERIOD_BEFORE_RE.search(clause):
        return "yoy"  # 高于去年同期0.6个百分点
    if _OTHER_BASIS_RE.search(clause):
        return None
    if kind == "other" and not _YOY_RE.search(clause):
        return None
    return "yoy"


def continues_comparison(text: str, previous: dict[str, Any], fact: dict[str, Any]) -> bool:
    """A bare change (``回落0.6个百分点``) in the sentence of one measured against an earlier
    period (``增速较5月份回落0.3个百分点``) is measured against it too."""
    if fact["kind"] != "change" or previous["kind"] != "change":
        return False
    if previous["basis"] != "previous_period" or fact["basis"] != "yoy":
        return False
    quote = fact["quote"]
    if _YOY_RE.search(quote) or "比" in quote or "较" in quote:
        return False
    # ``增速比1-4月份回落2.3个百分点。其中，水利管理业投资…增速提高1个百分点``: 其中 goes on
    for end in _SENTENCE_END_RE.finditer(text, previous["end"], fact["start"]):
        if end.group(0) != "。" or not text.startswith("其中", end.end()):
            return False
    return True


#: a sentence that opens by saying its growths are on the month before: ``从环比速度看，``
_RING_OPENING_RE = re.compile(r"从环比(?:速度|增速|看)?看?[，,]")


def ring_said_before(text: str, start: int) -> bool:
    """A growth in a sentence that opens ``从环比看``: on the period before, not a year before."""
    sentence = max(text.rfind(end, 0, start) for end in "。！？!?\n") + 1
    return _RING_OPENING_RE.match(text, sentence) is not None


def _may_compare(clause: str) -> bool:
    return "比" in clause or "较" in clause or "与" in clause or "同" in clause


def _compares_a_period(clause: str) -> bool:
    return any(p.compared for p in scan_periods(clause))


def average_years(clause: str) -> int | None:
    """``两年平均增长6.1%`` → 2."""
    match = _AVERAGE_RE.search(clause)
    return _AVERAGE_YEARS[match["years"]] if match else None


#: what stands between two members of a ``分别`` list: ``3%、3.4%``, ``6.1%和6.5%``
_NEXT_MEMBER_RE = re.compile(
    r"[、和及与]-?[0-9][0-9.]*[^\u4e00-\u9fff、，。；]{0,4}(?:左右|以上|以内)?$"
)
_RESPECTIVE_REACH = 40


def respective_periods(text: str, facts: list[dict[str, Any]]) -> None:
    """``一季度、上半年、前三季度、全年分别增长3%、3.4%、4%、4.5%``: each member of a
    ``分别`` list takes the period named at its place in the list before 分别."""
    index = 0
    while index < len(facts):
        group = [facts[index]]
        while index + len(group) < len(facts) and _NEXT_MEMBER_RE.match(
            text[group[-1]["end"] : facts[index + len(group)]["end"]]
        ):
            group.append(facts[index + len(group)])
        if len(group) > 1:
            _pair_with_periods(text, group)
        index += len(group)


def _pair_with_periods(text: str, group: list[dict[str, Any]]) -> None:
    first_end = group[0]["end"]
    respective = text.rfind("分别", max(0, first_end - _RESPECTIVE_REACH), first_end)
    if respective == -1:
        return
    clause_start = max(text.rfind(mark, 0, respective) for mark in "，。；,;\n") + 1
    names = re.split(r"[、和及与]", text[clause_start:respective])[-len(group) :]
    if len(names) != len(group):
        return
    periods: list[tuple[int, int] | None] = []
    for name in names:
        stated = scan_periods(name)
        if len(stated) == 1:
            periods.append((stated[0].first, stated[0].last))
        elif not stated and name.endswith("全年"):
            periods.append((1, 12))
        else:
            periods.append(None)
    if sum(period is not None for period in periods) < 2:
        return  # not a list of periods: 城镇、农村居民…分别
    for fact, months in zip(group, periods, strict=True):
        if months is not None and fact.get("period"):
            fact["period"] = {**fact["period"], "from": months[0], "to": months[1]}
