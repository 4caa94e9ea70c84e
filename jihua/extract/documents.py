"""What kind of document a text is: a plan report, a statistics bulletin, a 督查通报, news.

=============  ==============================================================
kind           told by (in the opening 1,500 characters, simplified)
=============  ==============================================================
bulletin       ``统计公报`` (the year's statistics, though they name the plan)
notice         ``通报如下`` (a notice on the year's targets, though it names 主要预期目标)
plan_report    ``国民经济和社会发展计划`` (``…计划执行情况``, ``…计划草案``), ``主要预期目标``
news           ``来源：某某日报``, ``某某网消息``, ``某某网讯``, ``记者10月27日从…`` (a news item,
               though it says ``通报全市…`` or ``督查``)
notice         ``督查``, ``通报``, ``督办``, ``公示``, ``《政府工作报告》…落实/完成情况``,
               ``民生实事/民生工程…进展情况``
news           ``本报讯``, ``记者``, ``通讯员``, ``新华社``, ``讯（``
bulletin       ``统计局``, ``经济运行``, ``统计公报``, ``核算``, ``主要经济指标``, ``我局统计``,
               ``初步测算``, ``按可比价格计算``, or the
               statistics of a period (``地区生产总值``, ``规模以上工业增加值`` … with
               ``增长`` and a stated period)
news           any other text that states a period (``1-10月项目累计完成投资…``), and a
               page titled on projects whose only statistic is 固定资产投资
               (``全县1-5月项目投资进展良好``), though the row above would read it
other          the rest
=============  ==============================================================

The order decides: a plan report quoting its 前三季度 is a plan report, a newspaper
item quoting the 统计局 is news.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from jihua.extract.periods import scan_periods

DocumentKind = Literal["plan_report", "bulletin", "notice", "news", "other"]

_OPENING = 1500
_PLAN_REPORT_RE = re.compile(
    r"国民经济(?:和社会发展)?(?:\d{4}年)?计划|计划执行情况|计划草案"
    r"|国民经济和社会发展(?:基本|执行)情况|经济社会发展(?:的)?主要预期目标"
)
_ANNUAL_BULLETIN_RE = re.compile(r"统计公报")


@cache
def _notice_re() -> re.Pattern[str]:
    return re.compile(
        r"督查|督办|通报|公示|《政府工作报告》[^。\n]{0,30}(?:落实|完成|进展)情况"
        r"|民生(?:实事|工程)[^。\n]{0,12}(?:落实|完成|进展)情况"
    )


#: a page that names a newspaper as its source
@cache
def _newspaper_re() -> re.Pattern[str]:
    return re.compile(
        r"来源[:：]?[\u4e00-\u9fff]{0,8}(?:日报|晚报|商报|时报)"
        # a news site's dateline (``天健网消息（记者…）``, ``中国江苏网讯``), a reporter's source
        # (``记者10月27日从省政府督查室获悉``): news of a notice, not the notice
        r"|^[^\n。]{0,16}[网报](?:消息|讯)|记者[^\n。，,]{0,8}?\d{1,2}月\d{1,2}日从",
        re.MULTILINE,
    )


#: a notice that says it is one: ``现将有关情况通报如下``, though it names the targets it follows
_NOTICE_ITSELF_RE = re.compile(r"通报如下")


@cache
def _news_re() -> re.Pattern[str]:
    return re.compile(r"本报讯|记者|通讯员|新华社|[^\n]{0,20}讯[（(]|^[^\n]{0,10}讯[ \u3000]")


@cache
def _bulletin_re() -> re.Pattern[str]:
    return re.compile(
        r"统计局|调查队|经济运行|统计公报|统计月报|核算|主要经济指标|数据发布|统计数据|统计信息|我局统计"
        # the words of a 统计公报's body: ``初步测算，2015年全县地区生产总值…``
        r"|初步测算|按可比价格?计算|按不变价格?计算"
    )


@cache
def _statistics_re() -> re.Pattern[str]:
    return re.compile(
        r"地区生产总值|规(?:模以)?上工业(?:企业)?增加值|规模工业|社会消费品零售总额|固定资产投资"
        r"|一般公共预算收入"
    )


#: a title on projects' progress: ``全县1-5月项目投资进展良好``, ``重点项目建设…``
@cache
def _projects_title_re() -> re.Pattern[str]:
    return re.compile(r"^[^\n。，,]{0,30}项目[^\n。，,]{0,20}$", re.MULTILINE)


def _projects_page(flat: str) -> bool:
    """A page whose title (its first line of text) speaks of projects, and whose statistics are
    investment alone: progress news, though it opens with 固定资产投资."""
    lines = [line for line in flat.splitlines() if line and not line.startswith("source:")]
    if not lines or not _projects_title_re().fullmatch(lines[0]):
        return False
    return {m.group(0) for m in _statistics_re().finditer(flat)} <= {"固定资产投资"}


def document_kind(text: str) -> DocumentKind:
    """The kind of ``text`` (simplified characters), from its opening words."""
    opening = text[:_OPENING]
    flat = re.sub(r"[ \t\u3000\u00a0]", "", opening)
    if _ANNUAL_BULLETIN_RE.search(flat):
        return "bulletin"
    if _NOTICE_ITSELF_RE.search(flat) and not _newspaper_re().search(flat):
        return "notice"
    if _PLAN_REPORT_RE.search(flat):
        return "plan_report"
    if _newspaper_re().search(flat):
        return "news"  # ``来源:郑州日报``: a newspaper's item, though it says 通报全市…
    if _notice_re().search(flat):
        return "notice"
    if _news_re().search(flat):
        return "news"
    if _bulletin_re().search(flat):
        return "bulletin"
    states_period = any(not p.compared for p in scan_periods(opening))
    if states_period and "增长" in flat and _statistics_re().search(flat):
        if _projects_page(flat):
            return "news"  # ``全县1-5月项目投资进展良好``: progress news on projects
        return "bulletin"
    return "news" if states_period else "other"


#: the kinds a periodic page is said to be, for a message that sends it where it belongs
PERIODIC_KIND_WORDS = {"bulletin": "统计通报", "notice": "督查或进展通报", "news": "新闻稿"}


def periodic_kind_words(text: str) -> str | None:
    """``统计通报`` and the like when ``text`` (simplified) is a periodic page, not a plan report."""
    return PERIODIC_KIND_WORDS.get(document_kind(text))
