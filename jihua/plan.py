"""A plan report as domain objects: region, years, and its indicator tables.

:func:`read_plan` takes a :class:`jihua.document.Document` and finds what a
report of a 国民经济和社会发展计划 always states in its title and opening
lines: the region (``重庆市涪陵区`` → region ``涪陵区`` under ``重庆市``), the
year reported on and the year planned, and the session of the people's
congress that approved last year's plan.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from functools import cache

from jihua.document import Document
from jihua.errors import UserError
from jihua.tables import IndicatorTable, read_indicator_tables
from jihua.traditional import simplified, simplify

#: part of a year a mid-year report covers: 上半年, 1至7月, 1-9月, 前三季度
_PART_OF_YEAR = r"(?:上半年|前三季度|一季度|[1１一](?:至|-|—|－|~)(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?)?"
_TITLE_RE = re.compile(
    r"(?P<region>[\u4e00-\u9fff]{2,30}?)(?P<year>(?:19|20)\d\d)年(?:度)?"
    rf"{_PART_OF_YEAR}"
    r"(?:全[区县市旗州])?国民经济(?:和社会发展)?计划"
)
#: a region's name in a title, ending with its level
_REGION_NAME = r"[\u4e00-\u9fff]{2,12}?(?:自治区|自治州|自治县|省|市|区|县|旗|州|盟)"
#: ``2023年国民经济和社会发展计划执行情况``, also ``2023年某某县国民经济…`` and ``2023年计划执行情况``
_REPORT_YEAR_RE = re.compile(
    rf"(?P<year>(?:19|20)\d\d)年(?:度)?{_PART_OF_YEAR}(?:全[区县市旗州]|{_REGION_NAME})?"
    r"(?:国民经济(?:和社会发展)?)?(?:计划)?(?:执行|基本|完成)情况"
)
_PLAN_YEAR_RE = re.compile(
    r"(?P<year>(?:19|20)\d\d)年(?:度)?(?:国民经济(?:和社会发展)?)?计划(?:执行)?(?:草案|（草案）|\(草案\))"
)
#: words before a title: a web page's path (首页 > 规划计划 >), buttons, its fields (``有效性: 有效``), 关于 …
_LEAD_NOISE = re.compile(
    r"^.*(关于|下达|印发|打印|关闭|正文|首页|当前位置|公开|规划|计划|报告|提交|动态|有效性|有效|失效|日期|委托)"
)
#: ``现将全县2022年…``: a speech's opening words before the year, not a region's name
_SPEECH_LEAD = re.compile(r"^.*?(?:现将|现就|兹将|特将|现把)")
#: ``全县``, ``我区``, ``本市``: the region spoken of, not named
_NOT_A_NAME = re.compile(
    r"国民经济|计划|情况|年|批准|审查|审议|会议|人大|委"
)  # 区委区政府: a committee
#: a title's period before the name: ``上半年青山区…``
_PERIOD_LEAD = re.compile(r"^.*(?:年|月份?|季度)")


#: words that do not stand in a region's name: a sentence before it
@cache
def _sentence_words_re() -> re.Pattern[str]:
    return re.compile(
        r"[、和的从将对在向把是由]|推进|推动|促进|统筹|贯彻|落实|了解|来源|[高低快慢]于|完成|实现|下达"
    )


_NO_NAME = re.compile(r"(?:全|我|本|今)?[区县市旗州盟省]?")
#: a kind of zone said without the place it is in: ``示范区``, ``高新区``, ``经开区``
_ZONE_KIND = re.compile(r"(?:示范|开发|高新|经开|新|园|保税|产业|工业|实验)区")
#: ``…全旗``, ``…全县`` ending a phrase: a sentence's words about the whole region (not 全州县)
_WHOLE_AT_END = re.compile(r"全[区县市旗州盟省]$")
#: where a name may begin in a bulletin's title or byline: a line's start, punctuation, a page
#: path's ``>``, or the year and period before it (``2020年1-11月份宣城市…``)
_NAME_START = r"(?:^|(?<=[\s，,。：:>》」】）)（(])|(?<=[0-9]年)|(?<=月份)|(?<=[0-9]月)(?!份)|(?<=半年)|(?<=季度))"
_LEVELS = ("自治区", "省", "自治州", "地区", "盟", "州", "市", "区", "县", "旗")
_MEETING_RE = re.compile(
    r"(?P<who>[区县市旗])(?P<session>[一二三四五六七八九十百\d]+届人大[一二三四五六七八九十\d]+次会议)"
    r"(?:审议)?(?:批准|通过)"
)
_CN_DIGITS = "零一二三四五六七八九十"

# Patterns that most reports never need (a region named only in a bulletin's title or byline,
# a session named in full) are compiled on first use, for the start-up of ``jihua extract``.


@functools.cache
def _year_first_title_re() -> re.Pattern[str]:
    """A title naming the year before the region: ``2023年某某县国民经济和社会发展计划``."""
    return re.compile(
        rf"(?P<year>(?:19|20)\d\d)年(?:度)?(?P<region>{_REGION_NAME})国民经济(?:和社会发展)?计划"
    )


@functools.cache
def _body_region_re() -> re.Pattern[str]:
    """A line opening with the region: ``涪陵区经济运行…``."""
    return re.compile(
        r"(?:^|\n)[—\-\s]*(?P<region>(?:[\u4e00-\u9fff]{2,5}?[省市州盟])?[\u4e00-\u9fff]{2,4}?[区县旗市])"
        r"(?:经济|国民|全年|地区)"
    )


@functools.cache
def _bulletin_region_res() -> tuple[re.Pattern[str], ...]:
    """Where a bulletin names its region, the likelier first.

    A statistics bulletin's, 督查通报's or news item's title (``宣城市《政府工作报告》…``,
    ``某某县经济运行情况``, ``西工区11月国民经济运行情况``, ``湖滨区各级各部门…``), a portal's tag
    before a news title (:func:`_tagged_title_re`), then the body that issued the page
    (``来源：宣城市人民政府``, ``某某区统计局``, ``> 某某市政府办公室 >``).
    """
    title = re.compile(
        rf"{_NAME_START}(?P<region>{_REGION_NAME})(?:(?:19|20)\d\d年)?{_PART_OF_YEAR}(?:[0-9]{{1,2}}月份?)?"
        r"(?:《政府工作报告》|(?:国民)?经济(?:运行|发展|社会)|主要经济指标|统计|各级各部门)",
        re.MULTILINE,
    )
    issuer = re.compile(
        rf"{_NAME_START}(?P<region>{_REGION_NAME})"
        r"(?:统计局|调查队|(?:人民)?政府(?:办公室|督查室)?(?!工作报告)|发展和改革(?:局|委员会)|发改[局委])",
        re.MULTILINE,
    )
    return title, _tagged_title_re(), issuer


@functools.cache
def _tagged_title_re() -> re.Pattern[str]:
    """A portal's news title tagged with the region it is of: ``【湘潭市】提前完成16项…`` on the
    province's site, whose byline names the province. Only the page's first line (after the
    line of its address, if any): a tag further down is a link to other news, and a section's
    tag (``【营商环境专区】``) names no region."""
    return re.compile(
        rf"\A\s*(?:[^\n]*https?://[^\n]*\n\s*)?【(?P<region>{_REGION_NAME})(?<![专园社景片展校]区)】"
    )


@functools.cache
def _congress_re() -> re.Pattern[str]:
    """A session named in full, for a report whose summary does not name its 人大 session."""
    return re.compile(
        r"第(?P<term>[一二三四五六七八九十百]+)届人民代表大会第(?P<n>[一二三四五六七八九十]+)次会议"
    )


@dataclass
class PlanReport:
    document: Document
    region: str | None
    parent_region: str | None
    report_year: int | None
    plan_year: int | None
    approving_session: str | None
    tables: list[IndicatorTable] = field(default_factory=list)

    @functools.cached_property
    def text(self) -> str:
        """The text to search: the document's, in simplified characters (same offsets)."""
        return simplify(self.document.text)

    @property
    def execution(self) -> IndicatorTable | None:
        return next((t for t in self.tables if t.kind == "execution"), None)

    @property
    def plan(self) -> IndicatorTable | None:
        return next((t for t in self.tables if t.kind == "plan"), None)


def read_plan(document: Document) -> PlanReport:
    """Read the plan report in a document; its tables may be absent.

    A report in traditional characters is read through its simplified copy
    (:mod:`jihua.traditional`); the report keeps the document as it was.
    """
    reading = simplified(document)
    opening = _without_blanks(reading.text[:3000])
    region, parent, report_year = _region_and_year(opening)
    plan_year = _plan_year(opening.replace("\n", ""), report_year)
    if report_year is None and plan_year is None:
        report_year, plan_year = years_said(opening.replace("\n", ""))
    tables = [table for raw in reading.tables for table in read_indicator_tables(raw)]
    _categories_from_plan_table(tables)
    session = _approving_session(reading.text, region)
    return PlanReport(document, region, parent, report_year, plan_year, session, tables)


def _without_blanks(text: str) -> str:
    """The text without spaces, tabs and ideographic spaces (line breaks kept)."""
    return text.replace(" ", "").replace("\t", "").replace("\u3000", "")


#: how alike two names must be (difflib ratio) to share a category
CATEGORY_MATCH = 0.6
#: how many of the plan table's names, those sharing most characters, are compared in full
_FULLY_COMPARED = 5


def _categories_from_plan_table(tables: list[IndicatorTable]) -> None:
    """Give execution rows the 类别 of the plan table's row of (nearly) the same name.

    Execution tables often have no 类别 column; the plan table has, and names
    most indicators the same way or nearly (``进出口总值增速`` / ``进出口总额增速``).
    """
    plan = next((t for t in tables if t.kind == "plan"), None)
    if plan is None:
        return
    plan_names = _PlanNames(plan)
    for table in tables:
        if table.kind != "execution":
            continue
        for row in table.indicators:
            if row.category is None:
                row.category = _closest_category(row.name, plan_names)


class _PlanNames:
    """The plan table's names that have a category, indexed by their characters once per report."""

    def __init__(self, plan: IndicatorTable) -> None:
        self.categories: dict[str, str | None] = {
            row.name: row.category for row in plan.indicators if row.category
        }
        self.names = list(self.categories)

    @functools.cached_property
    def holding(self) -> dict[str, list[int]]:
        """Character → the indices of the names holding it; built when a name is first inexact."""
        holding: dict[str, list[int]] = {}
        for index, name in enumerate(self.names):
            for char in set(name):
                holding.setdefault(char, []).append(index)
        return holding

    def nearest(self, name: str) -> list[str]:
        """The few names sharing most (distinct) characters with ``name``; ties in table order."""
        shared = [0] * len(self.names)
        for char in set(name):
            for index in self.holding.get(char, ()):
                shared[index] += 1
        order = sorted(range(len(shared)), key=shared.__getitem__, reverse=True)  # stable
        return [self.names[index] for index in order[:_FULLY_COMPARED]]


def _closest_category(name: str, plan_names: _PlanNames) -> str | None:
    """The category of the most alike plan-table name, if alike enough (difflib ratio).

    Only the few names sharing the most characters are compared in full, and
    only when difflib's cheap upper bounds (``real_quick_ratio``,
    ``quick_ratio``) leave them a chance to be the best: the full comparison is
    what costs.
    """
    categories = plan_names.categories
    if name in categories:
        return categories[name]
    matcher = difflib.SequenceMatcher(b=name)
    best: str | None = None
    best_ratio = CATEGORY_MATCH

    def beats_best(ratio: float) -> bool:
        # the first name may just reach CATEGORY_MATCH; a later one must do better
        return ratio >= best_ratio and (best is None or ratio > best_ratio)

    for other in plan_names.nearest(name):
        matcher.set_seq1(other)
        if (
            beats_best(matcher.real_quick_ratio())
            and beats_best(matcher.quick_ratio())
            and beats_best(ratio := matcher.ratio())
        ):
            best, best_ratio = other, ratio
    return categories[best] if best is not None else None


def require_plan_report(report: PlanReport) -> PlanReport:
    """The same report, or a clear error when the text is no plan report at all."""
    if report.report_year is None and not report.tables:
        raise UserError(f"{report.document.source} 看起来不是国民经济和社会发展计划报告")
    return report


def require_tables(report: PlanReport) -> PlanReport:
    """The same report, or a clear error when it has no indicator table at all."""
    if not require_plan_report(report).tables:
        raise UserError(f"{report.document.source} 中没有找到指标表（执行情况表或计划表）")
    return report


def _region_and_year(opening: str) -> tuple[str | None, str | None, int | None]:
    flat = opening.replace("\n", "")
    m = _REPORT_YEAR_RE.search(flat)
    report_year = int(m["year"]) if m else None
    name: str | None = None
    for title in _TITLE_RE.finditer(flat):
        # 某某州关于2022年…: the region stands before 关于
        candidate = _LEAD_NOISE.sub("", title["region"].removesuffix("关于"))
        candidate = _SPEECH_LEAD.sub("", candidate)
        if _NO_NAME.fullmatch(candidate) or _NOT_A_NAME.search(candidate):
            continue
        name = candidate
        if report_year is None:
            report_year = _year_reported(flat, title)
        break
    if not name and (year_first := _year_first_title_re().search(flat)):
        name = year_first["region"]
        if report_year is None:
            report_year = _year_reported(flat, year_first)
    if not name:
        body = _body_region_re().search(opening)
        name = body["region"] if body else None
    if not name:
        name = _congress_region(opening) or _bulletin_region(opening)
    if not name:
        return None, None, report_year
    name = re.sub(r"(人民政府|发展和改革委员会|发展和改革局|发改委|发改局)", "", name)
    name = re.sub(r"^全", "", name)
    parent, region = split_region(name)
    if region is None or _is_a_fragment(region) or (parent and _is_a_fragment(parent)):
        return None, None, report_year
    return region, parent, report_year


#: what no place's name holds: the speaker (我省), a newspaper's lead (日报讯), time words
#: (近日市政府…), an ordinal (第八次县政府常务会议)
_FRAGMENT_RE = re.compile(r"我|讯|日报|^(?:近日|日前|目前|近期|今天|昨日)|第\S{1,3}次")


def _is_a_fragment(name: str) -> bool:
    """A phrase of a sentence taken for a name (``推动我省``), or a level alone (``自治区``)."""
    return bool(_FRAGMENT_RE.search(name)) or name in _LEVELS or name in ("自治县", "全区")


@functools.cache
def _congress_region_re() -> re.Pattern[str]:
    """The region whose people's congress meets: ``上海市宝山区第八届人民代表大会第四次会议``,
    ``坪山区二届人大二次会议`` — where a news item on a government work report names it, or the
    dateline of the speech itself (``——2016年1月20日在某某市第十三届人民代表大会第五次会议上``, the
    session at times on a line of its own)."""
    return re.compile(
        rf"(?:{_NAME_START}|(?<=日在))(?P<region>{_REGION_NAME})\n?"
        r"(?:第?[一二三四五六七八九十百]+届人民代表大会第"
        r"|第?[一二三四五六七八九十百]+届人大[一二三四五六七八九十]+次会议)",
        re.MULTILINE,
    )


#: a sentence's words before a session (``认真执行省十三届人大…``, ``根据区…``), not a name
@cache
def _congress_name_noise_re() -> re.Pattern[str]:
    return re.compile(r"执行|审议|审查|批准|召开|通过|根据|按照|落实|贯彻|确定|代表|出席")


def _congress_region(opening: str) -> str | None:
    """The region of :func:`_congress_region_re` said most often in the opening (a page may
    name another region's session among its links: ``今日特推：某某区十三届人大四次会议开幕``)."""
    names = [
        name
        for found in _congress_region_re().finditer(opening)
        if _is_a_sentence_name(name := _PERIOD_LEAD.sub("", found["region"]))
        and not _congress_name_noise_re().search(name)
    ]
    if not names:
        return None
    return max(names, key=lambda name: opening.count(split_region(name)[1] or name))


def _bulletin_region(opening: str) -> str | None:
    """The region a bulletin, 督查通报 or news page names in its title, byline or page path,
    else inside a sentence (:func:`_region_in_sentences`)."""
    for pattern in _bulletin_region_res():
        for found in pattern.finditer(opening):
            name = _PERIOD_LEAD.sub("", _SPEECH_LEAD.sub("", found["region"]))
            name = _SOURCE_LEAD.sub("", name)  # 据银川市统计局数据: the source's region
            name = _without_province_short(name)  # 宁夏银川市上半年…: the city
            if _is_a_name(name):
                return name
    return _province_in_title(opening) or _region_in_sentences(opening)


#: the province-level units, as titles name them without their level
_PROVINCES = {
    **dict.fromkeys(["北京", "天津", "上海", "重庆"], "市"),
    **{
        name: "省"
        for name in [
            "河北",
            "山西",
            "辽宁",
            "吉林",
            "江苏",
            "浙江",
            "安徽",
            "福建",
            "江西",
            "山东",
            "河南",
            "湖北",
            "湖南",
            "广东",
            "海南",
            "四川",
            "贵州",
            "云南",
            "陕西",
            "甘肃",
            "青海",
            "台湾",
        ]
    },
    "黑龙江": "省",
    "内蒙古": "自治区",
    "广西": "壮族自治区",
    "西藏": "自治区",
    "宁夏": "回族自治区",
    "新疆": "维吾尔自治区",
}


@functools.cache
def _province_title_re() -> re.Pattern[str]:
    """A province named without its level in a news title, before its figures' period or
    subject: ``四川一季度84个省重点项目开工``, ``原标题:9月四川规上工业增加值同比增长5.6%``."""
    names = "|".join(sorted(_PROVINCES, key=len, reverse=True))
    return re.compile(
        rf"^(?:原标题[:：])?(?:(?:19|20)\d\d年)?(?:[0-9]{{1,2}}月份?)?(?P<province>{names})"
        r"(?=(?:19|20)\d\d年|[上下]半年|前?[一二三四]季度|[0-9]{1,2}[-—~至月]|前[0-9一二三四五六七八九十]"
        r"|规上|规模以上|经济|重点|省重点|GDP|地区生产总值)"
    )


#: words that say where figures come from, before the region of the body that gave them
_SOURCE_LEAD = re.compile(r"^(?:根据|据|经(?![开济]))(?=[\u4e00-\u9fff]{2})")
#: a period a news title opens its figures with
_TITLE_PERIOD = r"(?:(?:19|20)\d\d年|[上下]半年|前?[一二三四]季度|[0-9]{1,2}[-—~至月]|前[0-9一二三四五六七八九十])"


@functools.cache
def _city_title_re() -> re.Pattern[str]:
    """A city named after its province's short name in a news title, with or without its
    level, before the figures' period: ``宁夏银川一季度…``, ``宁夏银川市上半年…``."""
    names = "|".join(sorted(_PROVINCES, key=len, reverse=True))
    return re.compile(
        rf"^(?:原标题[:：])?(?:{names})(?P<city>[\u4e00-\u9fff]{{2,3}}?)市?(?={_TITLE_PERIOD})"
    )


def _without_province_short(name: str) -> str:
    """A city's name without its province's short name before it: 宁夏银川市 → 银川市; a
    province's own name (宁夏回族自治区) stays."""
    for province, level in _PROVINCES.items():
        rest = name.removeprefix(province)
        if rest != name and not name.startswith(province + level) and _is_a_name(rest):
            return rest if len(rest) > 2 else name
    return name


def _province_in_title(opening: str) -> str | None:
    """The province a page's title (its first line after the page's address) names without
    its level, with the level: 四川 → 四川省; or the city named after it: 宁夏银川 → 银川市."""
    lines = [line.strip() for line in opening.splitlines() if line.strip()]
    title = next((line for line in lines[:2] if not line.startswith("source:")), "")
    city = _city_title_re().match(title)
    if city is not None and _is_a_sentence_name(city["city"] + "市"):
        return city["city"] + "市"
    found = _province_title_re().match(title)
    return found["province"] + _PROVINCES[found["province"]] if found else None


@functools.cache
def _sentence_region_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A region named only inside a sentence: the body a reporter heard the figures from
    (``记者从重庆市统计局获悉``, ``从四川省发展改革委获悉``), the region that held the meeting
    they were given at (``郑州市召开1~10月份工业经济运行分析会``), and the region a page's
    figures are of, said as their subject (``1-7月，南海区完成规模以上工业增加值…``)."""
    heard = re.compile(
        rf"(?:从|据|来自)(?P<region>{_REGION_NAME})"
        r"(?:统计局|调查队|(?:人民)?政府|发展(?:和)?改革(?:局|委员会|委)|发改[局委])"
    )
    meeting = re.compile(
        rf"{_NAME_START}(?P<region>{_REGION_NAME})(?:召开|举行|举办)[^。\n]{{0,30}}"
        r"(?:经济运行|新闻发布会|统计数据)",
        re.MULTILINE,
    )
    subject = re.compile(
        rf"(?:^|(?<=[，,。；;\n])|(?<=[0-9]月))(?P<region>{_REGION_NAME})(?:完成|实现)?"
        r"(?=规模以上|规上|固定资产投资|社会消费品零售总额|一般公共预算|地区生产总值|限额以上)",
        re.MULTILINE,
    )
    return heard, meeting, subject


@functools.cache
def _year_subject_re() -> re.Pattern[str]:
    """A 统计公报's first figure, of the region it names between the year and the figure:
    ``2024年平昌县地区生产总值(GDP)201.20亿元``."""
    return re.compile(
        rf"(?:19|20)\d\d年(?:全年)?(?P<region>{_REGION_NAME})(?:全年)?"
        r"(?:实现)?(?=地区生产总值|生产总值|GDP)"
    )


def _region_in_sentences(opening: str) -> str | None:
    """The region :func:`_sentence_region_res` finds: the body heard from or the meeting's at
    once, the subject of the figures only when said so twice (not a park or town said once)."""
    heard, meeting, subject = _sentence_region_res()
    for pattern in (heard, meeting):
        for found in pattern.finditer(opening):
            if _is_a_sentence_name(found["region"]):
                return found["region"]
    said: dict[str, int] = {}
    for found in subject.finditer(opening):
        name = found["region"]
        if _is_a_sentence_name(name):
            said[name] = said.get(name, 0) + 1
            if said[name] == 2:
                return name
    for found in _year_subject_re().finditer(opening):  # said once, so only when nothing else is
        if _is_a_sentence_name(found["region"]):
            return found["region"]
    return None


#: words of a sentence that a name found inside one may take in before it (前三季度全区, 拉动全市)
_SENTENCE_NAME_NOISE = re.compile(r"全|季度|[0-9]|月|年|拉动|带动|完成|实现|其中")


def _is_a_sentence_name(name: str) -> bool:
    return _is_a_name(name) and not _SENTENCE_NAME_NOISE.search(name)


def _is_a_name(name: str) -> bool:
    """Not ``全县``, ``我区``, ``该区``, nor words of a sentence (``统筹推进全区``, ``扎实推动全旗``:
    the whole region spoken of at the end, not named)."""
    if _NO_NAME.fullmatch(name) or _NOT_A_NAME.search(name) or _WHOLE_AT_END.search(name):
        return False
    if _ZONE_KIND.fullmatch(name):
        return False
    return not name.startswith(
        ("全", "我", "本", "该", "今", "各")
    ) and not _sentence_words_re().search(name)


def _year_reported(flat: str, title: re.Match[str]) -> int:
    """The title's year when it reports on it (``…2023年…计划执行情况``); the year before
    when the title is the plan itself (``…2024年国民经济和社会发展计划``)."""
    year = int(title["year"])
    return year if flat.startswith("执行", title.end()) else year - 1


def split_region(name: str) -> tuple[str | None, str | None]:
    """``重庆市涪陵区`` → (``重庆市``, ``涪陵区``); ``科右中旗`` → (None, ``科右中旗``)."""
    parts: list[str] = []
    rest = name
    while rest:
        cut = _first_level_end(rest)
        if cut is None or cut == len(rest):
            parts.append(rest)
            break
        parts.append(rest[:cut])
        rest = rest[cut:]
    if not parts:
        return None, None
    region = parts[-1] or None
    parent = parts[-2] if len(parts) > 1 else None
    return parent, region


def _first_level_end(name: str) -> int | None:
    best: int | None = None
    for level in _LEVELS:
        index = name.find(level, 2)
        if index != -1:
            end = index + len(level)
            if best is None or end < best:
                best = end
    return best


def _plan_year(opening: str, report_year: int | None) -> int | None:
    for m in _PLAN_YEAR_RE.finditer(opening):
        year = int(m["year"])
        if report_year is None or year > report_year:
            return year
    return report_year + 1 if report_year is not None else None


#: the plan year said where no title names it: ``2025年经济社会发展的主要预期目标``, ``2017年目标为``,
#: ``2021年全区生产总值增长目标为``, ``2020年上海经济增速预期``, ``2016年，预期…``, ``提出了2025年目标
#: 任务`` (not ``2021年经济社会发展主要目标任务完成情况``, a review)
@cache
def _plan_year_said_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<year>(?:19|20)\d\d)年(?:"
        r"[^。；;，,]{0,20}?发展的?主要(?:预期)?目标|[^。；;，,]{0,12}?(?:目标为|增速预期)|[，,]预期(?!目标)"
        r"|目标任务)"
        r"(?![^。；;，,]{0,8}(?:完成|执行|进展|落实)情况)"
    )


#: ``今年（2024年）…今年经济社会发展的主要预期目标是``: 今年 named, in a text setting its targets
@cache
def _this_year_named_re() -> re.Pattern[str]:
    return re.compile(r"今年[（(](?P<year>(?:19|20)\d\d)年?[)）]")


@cache
def _this_years_targets_re() -> re.Pattern[str]:
    return re.compile(r"今年[^。；;，,]{0,12}?发展的?主要(?:预期)?目标")


#: a news page's date near its start (``发布日期:2022-01-21``): the year its 今年 is
@cache
def _dateline_re() -> re.Pattern[str]:
    return re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?:0?[1-9]|1[0-2])[-/.](?:[0-2]?\d|3[01])")


_DATELINE_REACH = 300


#: the year reviewed: ``2018年工作回顾``, ``2015年和“十二五”工作回顾``, ``回顾了2024年的工作``,
#: ``对2021年…工作作了全面回顾``, or the five-year plan reviewed at its end (``“十二五”时期工作回顾``)
@cache
def _year_reviewed_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<year>(?:19|20)\d\d)年(?:的)?(?:和[^。；;，,]{1,8}?)?工作回顾"
        r"|回顾了(?P<of>(?:19|20)\d\d)年的?工作"
        r"|对(?P<to>(?:19|20)\d\d)年[^。；;]{0,16}?(?:作了|进行了)(?:全面|系统)?回顾"
        r"|(?P<plan>十[一二三四五]五)”?时期(?:的)?工作回顾"
    )


#: the year each five-year plan ends in
_FIVE_YEAR_PLAN_ENDS = {
    "十一五": 2010,
    "十二五": 2015,
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
}


def years_said(flat: str) -> tuple[int | None, int | None]:
    """(report year, plan year) of a text whose title names neither — a news item or digest of a
    government work report: the year its targets are set for (``2025年经济社会发展的主要预期目标``;
    in a text setting 今年's targets, ``今年（2024年）`` or the page's date near its start) follows
    the year reviewed; else the year it reviews (``2018年工作回顾``) precedes the plan year."""
    if said := _plan_year_said_re().search(flat):
        year = int(said["year"])
        return year - 1, year
    if _this_years_targets_re().search(flat) and (
        named := _this_year_named_re().search(flat)
        or _dateline_re().search(flat, 0, _DATELINE_REACH)
    ):
        year = int(named["year"])
        return year - 1, year
    if reviewed := _year_reviewed_re().search(flat):
        if reviewed["plan"]:
            year = _FIVE_YEAR_PLAN_ENDS[reviewed["plan"]]
        else:
            year = int(reviewed["year"] or reviewed["of"] or reviewed["to"])
        return year, year + 1
    return None, None


def _approving_session(text: str, region: str | None) -> str | None:
    """The session that approved last year's plan, as the report's summary names it."""
    m = _MEETING_RE.search(text)
    if m:
        return f"{m['who']}{m['session']}"
    m = _congress_re().search(re.sub(r"\s+", "", text[:3000]))
    if not m:
        return None
    previous = _cn_number(m["n"]) - 1
    if previous < 1:
        return None
    who = region[-1] if region else ""
    return f"{who}{m['term']}届人大{_CN_DIGITS[previous]}次会议"


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.index(text[1])
    return _CN_DIGITS.index(text[0])
