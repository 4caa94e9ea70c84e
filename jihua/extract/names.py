"""The indicator a figure is about, from the words of its clause before it.

:func:`subject` takes the clause's words before the figure (spaces squeezed out) and
keeps the indicator:

=================================  ==================  ===================================
words                              name                rule
=================================  ==================  ===================================
全县地区生产总值增长                  地区生产总值          verb tail and lead words (全县, 全年,
                                                       预计, 2024年, 实现 …) dropped
城关地区生产总值 / 某某镇规上工业产值    地区生产总值 / 规上…    a place before a known indicator
1200个市重点项目完成投资               市重点项目完成投资     a count of things before it
发展高山茶叶                         高山茶叶              a leading verb of doing
…审议批准的2023年计划确定的X          X                    who set a target
1~7月全区 / 我县 / 某某日报讯…         (dropped)             a bulletin's months, place, byline
某某网银川7月26日电（记者…）         (dropped)             a news agency's dateline
南海区完成规模以上工业增加值             规模以上工业增加值       a verb inside, before a known one
增速比1-4月份 (回落…)                 (the one before)      only what it is compared with
=================================  ==================  ===================================

:func:`split_subject` names the members of a list: ``材料、电子信息产值`` (a shared
head), ``城镇和农村居民…`` (bare qualifiers), ``第一、二、三产业…``, ``城乡…`` /
``存贷款…`` (pairs), ``金融机构存、贷款余额`` (one-character members sharing the
rest: 金融机构存款余额, 金融机构贷款余额). :func:`named_in` reads the indicator a
clause names before its verb, for an aspect word (``规模``, ``总量``) or a bare verb
(``达到1002.1亿元``) in the clause after it.
"""

from __future__ import annotations

import re
from functools import cache

#: what a change is measured against, said before its verb (同比增长, 比年初增长, 同口径增长)
COMPARED_WITH = r"同比|同口径|可比口径|(?:比|较)(?:上年末|上年同期|去年同期|上年|去年|年初)"
#: the verb a subject ends with, and what may follow it (至/到: 下降至, 增长到)
_VERB_ENDING = (
    r"(?:(?:增长|增速)(?:预期)?目标(?:为|是)|增长率?|增幅|增速|下降|降低|回落|减少|压减|提高|提升|上升|上涨|下滑|下跌|回升|收窄|缩小|"
    r"增加|扩大|净增|净减少|增至|增到|降至|降到|达到|达|为|实现|完成|比增|"
    r"突破|超过|超|保持在|稳定在|控制在|保持|稳定|定格在|定格|"
    r"约|近|共|有|新增|累计|总量|分别|同比|是|在|至|到|将|≥|≤|>|<|=)(?:至|到)?$"
)
#: the first characters of :data:`VERB_TAIL_RE`'s words: a look-ahead for them lets the
#: engine pass over the other positions quickly (the pattern itself opens with a repeat)
_VERB_TAIL_OPENERS = "两二三净预同可比较累总分年平增下降回减压提上收缩扩达为实完突超稳控保约近共有新是在至到将≥≤><=名定"
VERB_TAIL_RE = re.compile(
    rf"(?=[{_VERB_TAIL_OPENERS}])(?:{COMPARED_WITH}|累计|总量|分别|年均|[两二三]年平均|平均|预计|名义|实际)*"
    rf"{_VERB_ENDING}"
)
#: the verb alone: a cheap test that the tail pattern can match at all
VERB_ENDING_RE = re.compile(_VERB_ENDING)
#: words before an indicator that are not part of it: where (全县), when (全年, 2024年,
#: 今年), how sure (预计, 力争), and the verbs of a total (实现, 完成, 累计)
LEAD_RE = re.compile(
    r"^(?:——|—|-|·|•|[ \u3000]|[0-9０-９]{1,2}[.．、](?=[\u4e00-\u9fff])|[（(][0-9一二三四五六七八九十]{1,2}[）)]"
    r"|其中[:：]?|全年|全[省区县市旗州镇乡盟]|(?:扣除|剔除)[\u4e00-\u9fff]{1,12}?(?:因素)?(?:以后|后)"
    r"|(?:19|20)[0-9]{2}年(?:度|末|底)?|今年|明年|去年|上年(?=[\u4e00-\u9fff]{3})"
    r"|上半年|前三季度|[一二三四]季度|(?:1(?:至|-|—|~|～))?[0-9]{1,2}月(?:份)?(?:当月)?(?![末底初])|前[0-9]{1,2}个?月"
    r"|[我该][国省市县区州旗](?=[\u4e00-\u9fff]{2})|[\u4e00-\u9fff]{0,6}?(?:日报|晚报|本报)讯"
    r"|[\u4e00-\u9fff]{0,10}?[0-9]{1,2}月[0-9]{1,2}日电[ \u3000]*(?:[（(][^（）()]{0,20}[）)])?"
    r"|按(?:可比|不变|现行|当年)价格?(?:计算)?"
    r"|[（(](?:下同|预计数)[）)]|预期|共(?=计划|实施|完成|新增|建成|投入|引进|争取|有)"
    r"|初步预计|预计|同比|实现|完成|累计|力争|确保"
    r"|计划(?=完成|实现|新增|新建|达到|开工|竣工|建成|实施|安排)|实际(?=完成|增长|达到|实现|为|$))+"
)
#: a count of things before the indicator: ``1200个市重点项目``, ``两家企业``
_COUNT = (
    r"(?:[0-9０-９][0-9０-９.,，]*|[一二两三四五六七八九十百千]+)(?:余|多)?(?:万|亿)?"
    r"(?:个|项|家|户|所|座|条|批|名|处|宗|件|类|种)(?=[\u4e00-\u9fff]{2})"
)
#: a verb of doing before what was done: ``发展高山茶叶`` → 高山茶叶
_DOING_VERBS = (
    "发展|建成(?!区)|建设(?!用地)|投用|投产|新建|培育|引进|推广|种植|打造|实施|开展|举办|争取|落实|兑现|发放|"
    "投入|带动|吸引|招引|签约|改造|整治|治理|创建|创成|认定|组织|安排"
)
_DOING = rf"(?:拟|计划)?(?:{_DOING_VERBS})+(?=[\u4e00-\u9fff]{{3}})"
#: a place before a known indicator: a name ending with its level (某某镇, 高新区, 城关街道)
#: words ending like a place that are not one
_NOT_PLACES = frozenset(
    ["地区", "城镇", "乡镇", "城区", "市区", "社区", "景区", "园区", "城市", "城乡", "县市区"]
)
#: what an indicator that a place can stand before opens with
_KNOWN_OPENINGS = (
    "地区生产总值",
    "GDP",
    "一般公共预算",
    "地方一般公共预算",
    "固定资产投资",
    "社会消费品零售总额",
    "规模以上",
    "规上",
    "城镇",
    "农村",
    "居民",
    "工业",
    "农业",
    "服务业",
    "外贸",
    "进出口",
    "财政",
    "税收",
    "金融机构",
    "实际利用",
    "实际使用",
    "招商引资",
    "旅游",
    "粮食",
    "常住人口",
    "户籍人口",
)
#: what may stand before an indicator, one at a time: a count, a verb of doing, a place
_BEFORE_NAME_RE = re.compile(
    rf"(?:(?P<count>{_COUNT})|(?P<doing>{_DOING})"
    r"|(?P<place>[\u4e00-\u9fff]{1,10}?(?:街道|镇|乡|区|县|市|州|旗|盟|省|国))"
    rf"(?={'|'.join(_KNOWN_OPENINGS)})"
    r"|(?P<bare>[\u4e00-\u9fff]{2,4}?)(?=地区生产总值))"  # 城关: a GDP is of a place or 人均
)
#: ``…审议批准的2023年计划确定的地区生产总值``: who set a target is not part of its name
_DECIDED_BY_RE = re.compile(r"(?:确定|提出|批准|下达|制定|明确)的")
HEADS = (
    "人均可支配收入",
    "增加值",
    "产值",
    "收入",
    "余额",
    "贷款",
    "存款",
    "投资",
    "总额",
    "零售额",
    "销售额",
    "面积",
    "产量",
    "数量",
    "企业",
    "项目",
    "人数",
    "人次",
    "次数",
)
_PAIRS = {"城乡": ("城镇", "农村"), "存贷款": ("存款", "贷款"), "进出口": ("进口", "出口")}
#: a subject that names only an aspect of an indicator named before it
ASPECTS = frozenset(["规模", "总量", "体量", "规模总量", "总规模"])


@cache
def _clause_verb_re() -> re.Pattern[str]:
    """Where the indicator a clause names ends: its first verb."""
    return re.compile(
        r"首次|突破|增长|增速|增幅|达到|达|实现|完成|保持|稳定|迈上|跨越|跃升|站上|再上|继续|持续|稳步|"
        r"加快|加速|有序|支撑|"
        r"快速|大幅|较快|同比|比上年|创(?!新(?!高)|业|建|造)|稳居|位居|跃居|居|排名|位列|为|是|有|超|逆势|企稳|回升|下降"
    )


def subject(prefix: str) -> str:
    """The indicator named by the clause's words before a figure (the module's table)."""
    words = prefix.split("分别", 1)[0].rstrip('“"「『')  # 定格“6%左右”: a figure quoted
    for _ in range(4):
        if not VERB_ENDING_RE.search(words):
            break  # then the tail pattern cannot match either
        stripped = VERB_TAIL_RE.sub("", words)
        if stripped == words:
            break
        words = stripped
    if "的" in words:
        words = _after_who_decided(words)
    if words.endswith(_ASPECT_ENDINGS):
        words = _aspect_tail_re().sub("", words)  # 6月份的增速还(保持在16.0%): the growth of …
    if words.endswith(_BOUND_WORDS) and len(words) > 3:
        words = words[:-3]  # 不少于600场次: the bound is the qualifier, not the name
    return clean_name(words)


_BOUND_WORDS = ("不少于", "不低于", "不超过", "不高于")
#: the growth rate of an indicator, and the adverbs after it (增速还, 的增速仍): no name
_ADVERBS = "(?:还|仍然|仍|继续|依然|最快|一直|也|均|都)"


@cache
def _aspect_tail_re() -> re.Pattern[str]:
    return re.compile(
        rf"^的?(?:增速|增幅|增长速度|增长幅度){_ADVERBS}*$"
        rf"|的(?:增速|增幅|增长速度|增长幅度){_ADVERBS}*$|(?:增速|增幅){_ADVERBS}+$"
    )


_ASPECT_ENDINGS = (
    "增速",
    "增幅",
    "增长速度",
    "增长幅度",
    "还",
    "仍",
    "继续",
    "依然",
    "最快",
    "一直",
    "也",
    "均",
    "都",
)


def clean_name(words: str) -> str:
    """``words`` without the lead words, a place, a count or a verb of doing before the
    indicator (each may follow another: ``全县1200个…``), a verb inside it (``南海区完成规模以上
    工业增加值``, ``规上工业企业实现利润总额``) and the ``中`` of a whole counted
    (``38个行业大类中有``)."""
    words = _without_lead(words)
    if "实现" in words or "完成" in words or "累计" in words:
        words = _without_lead(_VERB_INSIDE_RE.sub("", words))
    if words.endswith(("中", "中有")):
        words = _WHOLE_COUNTED_RE.sub("", words)
    if "已" in words:
        words = _part_done(words)
    return words.strip("，,、；;：: ")


#: ``39个计划开工项目已开工22个``: the part of a programme that is done, named by its verb
@cache
def _part_done_re() -> re.Pattern[str]:
    return re.compile(
        r"^(?P<whole>[\u4e00-\u9fff]{2,}?)(?:均|都)?已(?P<verb>开复工|开工|复工|竣工|完工|投产|建成|办结|开业)?$"
    )


_WHOLE_HEADS = ("项目", "企业", "工程", "事项", "任务")


def _part_done(words: str) -> str:
    """``计划开工项目已开工`` → 已开工项目: what is done of the programme named before."""
    done = _part_done_re().match(words)
    if done is None:
        return words
    whole = done["whole"]
    if not done["verb"]:
        return whole
    head = next((h for h in _WHOLE_HEADS if whole.endswith(h)), "")
    return f"已{done['verb']}{head}"


#: what a change is compared with, when that is all its subject says: ``增速比1-4月份``,
#: ``较上半年``, ``降幅较1-6月``, ``较一季度(-10.8%)`` (the aspect may open it)
_COMPARED_ONLY_RE = re.compile(
    r"^(?:增速|增幅|涨幅|降幅|增长|增长速度)?(?:累计|分别|均|也|仍)?(?:比(?![重较])|较)[^，,；;。]{1,14}?"
    r"(?:加快|放缓|回落|提高|提升|回升|下降|收窄|扩大|高出|高|低|快|慢|持平)?$"
)


def compared_only(subject: str) -> bool:
    """Whether ``subject`` only says what the figure is compared with, not what it is of."""
    if "比" not in subject and "较" not in subject:
        return False
    return bool(_COMPARED_ONLY_RE.match(_BRACKETS_RE.sub("", subject)))


_BRACKETS_RE = re.compile(r"[(（][^()（）]*[)）]")


#: a verb inside a name, before a known indicator (or 实现 anywhere inside): not part of it
_VERB_INSIDE_RE = re.compile(
    rf"(?<=[\u4e00-\u9fff]{{2}})(?<![动进争保])(?:(?:累计)?(?:完成|实现)|累计)(?={'|'.join(_KNOWN_OPENINGS)})"
    r"|(?<=[\u4e00-\u9fff]{2})实现(?=[\u4e00-\u9fff]{2})"
)
#: ``行业大类中有``, ``重点项目中``: the whole a part is counted of
_WHOLE_COUNTED_RE = re.compile(r"(?<=[业类目品户])中有?$")


def _without_lead(words: str) -> str:
    for _ in range(4):
        lead = LEAD_RE.match(words)
        if lead:
            words = words[lead.end() :]
        before = _BEFORE_NAME_RE.match(words)
        if before is None or not _stands_before(before):
            break
        words = words[before.end() :]
    return words


def _stands_before(match: re.Match[str]) -> bool:
    """Whether what :data:`_BEFORE_NAME_RE` matched is no part of the name: a count or a
    verb, a place's name (``城关``, ``某某镇``; not 人均, 城镇, 园区 …)."""
    bare = match["bare"]
    if bare is not None:
        return _is_name(bare)
    place = match["place"]
    return place is None or place not in _NOT_PLACES


@cache
def _not_name_re() -> re.Pattern[str]:
    """Words before a GDP that are not a place's name."""
    return re.compile(r"[全年占的比与和及、每0-9]|实现|完成|预计|人均|累计|单位|万元")


def _is_name(words: str) -> bool:
    return _not_name_re().search(words) is None


#: what a report calls the size of its economy
_TOTALS = {"经济总量": "地区生产总值", "GDP总量": "GDP", "经济规模": "地区生产总值"}


def named_in(clause: str) -> str:
    """The indicator a clause names before its first verb (``地区生产总值首次突破千亿元大关``
    → 地区生产总值), or ``""`` when what stands there does not end like an indicator."""
    verb = _clause_verb_re().search(clause)
    words = clean_name(clause[: verb.start()] if verb else clause)
    words = _TOTALS.get(words, words)
    if 2 <= len(words) <= 20 and (
        words.endswith(HEADS) or words.startswith(_KNOWN_OPENINGS) or words in _TOTALS.values()
    ):
        return words
    return ""


def _after_who_decided(words: str) -> str:
    """The words after the last ``…确定的``, if any follow it."""
    decided_end = 0
    for decided in _DECIDED_BY_RE.finditer(words):
        decided_end = decided.end()
    return words[decided_end:] if 0 < decided_end < len(words) else words


def split_subject(words: str, count: int) -> list[str] | None:
    """The names of a list's ``count`` members from its shared subject, if it can be split."""
    ordinals = _ORDINAL_LIST_RE.match(words)
    if ordinals and len(ordinals["numerals"][::2]) == count:
        # 第一、二、三产业增加值 → 第一产业增加值, 第二产业增加值, 第三产业增加值
        return [f"第{numeral}{ordinals['rest']}" for numeral in ordinals["numerals"][::2]]
    for pattern in ("、", r"和|及|与", r"、|和|及|与"):
        parts = [part for part in re.split(pattern, words) if part]
        if len(parts) == count:
            single = _single_character_members(parts)
            if single is not None:
                return single
            return _share_head(parts, qualifiers_only=pattern != "、")
    for pair, members in _PAIRS.items():
        if count == 2 and pair in words:
            return [words.replace(pair, member, 1) for member in members]
    return None


#: one-character members that share what follows them: 存、贷款 · 进、出口 · 水、电、气
_CHARACTER_PAIRS = frozenset(
    ["存贷", "进出", "城乡", "中小", "大中", "水电", "电气", "水气", "产销"]
)


def _single_character_members(parts: list[str]) -> list[str] | None:
    """``金融机构存、贷款余额`` → 金融机构存款余额, 金融机构贷款余额: each member but the
    last is one character (after the words all share), and the last's rest is shared."""
    last = parts[-1]
    first = parts[0]
    middle = parts[1:-1]
    if len(last) < 3 or any(len(part) != 1 for part in middle):
        return None
    if len(first) > 1 and first[-1] + last[0] not in _CHARACTER_PAIRS:
        return None
    shared_before, rest = first[:-1], last[1:]
    return [shared_before + part[-1] + rest for part in parts[:-1]] + [shared_before + last]


#: ``第一、二、三产业…`` or ``一、二、三产业…``: one ordinal per member, the rest shared
_ORDINAL_LIST_RE = re.compile(
    r"第?(?P<numerals>[一二三四五六七八九](?:[、和及][一二三四五六七八九])+)(?P<rest>产业.*)"
)


def _share_head(parts: list[str], qualifiers_only: bool) -> list[str]:
    """``材料、…、电子信息产值`` → 材料产值 …; ``城镇和农村常住居民…`` → 城镇常住居民…

    With 和/及 the first members may be bare qualifiers (城镇, 农村) of the last.
    """
    last = parts[-1]
    head = next((h for h in HEADS if last.endswith(h) and len(last) > len(h)), None)
    named = []
    for part in parts[:-1]:
        if head and not any(part.endswith(h) for h in HEADS):
            if qualifiers_only and len(part) <= 3 and len(last) > len(part) + len(head):
                part = part + last[len(part) :]
            else:
                part = part + head
        named.append(part)
    return [*named, last]


#: a comparison with places: its verb, then the places (``高于全国、全省``), or 比, the places
#: and the word of comparison (``比全国、全省平均水平高``)
@cache
def _places_after_verb_re() -> re.Pattern[str]:
    return re.compile(
        r"^(?P<verb>高于|低于|快于|慢于|超过|超出|高出|领先|落后)(?P<places>[^，。；,;]+)$"
    )


@cache
def _places_in_bi_re() -> re.Pattern[str]:
    return re.compile(r"^(?P<verb>比)(?P<places>[^，。；,;]+?)(?P<word>高出|高|低|快|慢)$")


@cache
def _place_re() -> re.Pattern[str]:
    return re.compile(r"全[国省市区县州]|^[国省市区县州](?![\u4e00-\u9fff])")


@cache
def _place_split_re() -> re.Pattern[str]:
    return re.compile(r"[ \u3000]*[、和与及][ \u3000]*")


def compared_places(words: str, betweens: list[str]) -> list[str]:
    """The comparison each member of a list of figures says, when the list compares with
    several places: ``高于全国0.4、全省0.1个百分点`` (``betweens``, the text between the figures,
    names the next place) → 高于全国, 高于全省; ``分别高于国、省2.6和3.1个百分点`` and
    ``比全国、全省平均水平高3.4和3.9个百分点`` (the places listed before the figures) → 高于全国,
    高于全省; 比全国平均水平高, 比全省平均水平高."""
    count = len(betweens) + 1
    said_between = [_place_re().search(_place_split_re().sub("", between)) for between in betweens]
    first = _place_re().search(words)
    if first is not None and all(said_between):
        places = [first.group(0), *(match.group(0) for match in said_between if match)]
        return [words.replace(first.group(0), _whole_place(place), 1) for place in places]
    match = _places_after_verb_re().match(words) or _places_in_bi_re().match(words)
    if match is None:
        return [words] * count
    parts = _place_split_re().split(match["places"])
    if len(parts) != count or not all(_place_re().search(part) for part in parts):
        return [words] * count
    tail = _place_re().sub("", parts[-1], count=1)  # 平均水平 of 全省平均水平, said once for all
    names = []
    for part in parts:
        place = _whole_place(part) if len(part) == 1 else part
        if tail and not place.endswith(tail):
            place += tail
        word = match.groupdict().get("word") or ""
        names.append(f"{match['verb']}{place}{word}")
    return names


def _whole_place(place: str) -> str:
    """``国`` said short in a list (``高于国、省``) → 全国."""
    return f"全{place}" if len(place) == 1 else place
