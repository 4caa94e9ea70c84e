"""Target or actual, and of which year: what a figure's sentence says, before where it stands.

A figure's status and year are decided by the first of these cues that applies
(:meth:`StatusCues.decide`); the section (:mod:`jihua.extract.sections`) only
decides when the sentence says nothing:

===  =====================================================  ============================
#    cue                                                    gives
===  =====================================================  ============================
1    a completion rate (``完成年计划…的89.4%``)                actual, report year
2    actual words: 实际完成/增长, 预计完成/实现/达到          actual, the sentence's year
     (not before words calling the figure the target:       or the report year
     ``预计实现增长6.5%左右目标``)
3    a list after an introducing phrase (``主要预期目标是：``,  target, the phrase's year
     ``目标任务：``, ``主要目标是地区生产总值…`` — not          (its sentence's, else the
     ``预期目标为增长5%``; ``具体为：``/``如下：`` after a      plan year; the report year
     later year), to its paragraph's end (the lines below    when it recalls a target:
     a colon ending its line, down to a sentence end),       ``年初确定的…``)
     unless the figure's sentence names another year; a
     recalled list (the year reviewed) to its sentence end
4    target words in the figure's clause: 力争, 确保,          target, the sentence's year
     目标为/是, ``年计划X``, ``X的预期目标``, ``X的预期``,    (else the plan year in a
     ``控制在预期X``, 计划 + verb
     (not 按计划; not a comparison: ``高于…目标``)             plan section, the report year)
5    a year later than the report year in the sentence      target of that year
     (``2024年全县…增长7%``, ``明年``, ``预计2024年…将``)
6    the report year or one before it in the sentence       actual of that year
     (``2023年全县…``, ``去年``)
6b   a paragraph opening with the report year or one        actual of that year
     before it (``2022年，全省…``: the review opening a
     plan-only document), or with part of the year after
     it (``2022年一季度，…``), to the paragraph's end
7    ``控制在…`` where no heading has named the section      target, plan year
8    the section: a plan-year section or a plan-only        target, the section's year
     document (``某某县2024年国民经济和社会发展计划``)         (else the plan year)
     gives targets, anything else actuals                   actual, report year
===  =====================================================  ============================

A year in the sentence is the nearest ``YYYY年``, 今年, 明年 or 去年 before the figure
in its sentence that names when, not what is compared with: not after 比/较/与/同/和
(``比2022年增长``), nor before 以来, 同期, 相比, 基础, 水平, 起 or a range
(``2021—2023年``; ``到2025年`` is a deadline); 上年 (``保持上年水平``) is always a
comparison. 今年 is the plan year unless the text also says 明年 or 今年以来 (then it was
written in the report year).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from jihua.extract.sections import SectionIndex, Status

#: a year that names when: not a comparison base (比2022年), a period since (以来), a range.
#: It opens with the literal 年 (the engine skips ahead to it) and looks behind for the rest.
_YEAR_RE = re.compile(
    r"年(?:(?<=(?:19|20)[0-9]{2}年)(?:度)?"
    r"(?!以来|来|同期|相比|比|[的]?基础|起|开始|[—\-~～至到－]|[0-9]{1,2}[—\-~～至到－])"
    r"|(?<=[今明去]年)(?!以来|同期|末|底|相比|水平|水准|的水平)"
    r"|(?<=过去一年|去的一年)(?!以来|里|中))"
)
#: ``过去一年，全区…``: a speech's words for the year it reviews (the report year)
_PAST_YEAR_WORDS = ("过去一", "过去的一")
_YEAR_WORDS = "今明去"
#: what stands before a year that is a comparison base or the end of a range
_NOT_WHEN_BEFORE = frozenset("比较与同和及于—-~～至到－")
#: an introducing phrase: a list of targets follows it
#: Three searches, each opening with its literal word (a pattern opening with a class or an
#: alternation is tried at every position; a literal one is found by a fast search).
_INTRO_RES = (
    re.compile(
        r"目标(?:任务)?(?:建议)?(?:(?:是|为|如下)?[：:]|(?P<is>是|为)(?=[\u4e00-\u9fff])(?!增长|增速|下降|达到|控制|保持|实现|完成|突破|超过|不低于|不超过|低于|高于))"
    ),
    re.compile(r"计划(?:建议)?(?:是|为|如下)?[：:]"),
    re.compile(r"如下[：:]"),
    re.compile(r"具体(?:为|是|如下)[：:]"),
)
#: what stands before 目标 when ``目标是…`` opens a list without a colon
_LIST_TARGETS = ("预期", "主要", "发展")
#: how far a list after an introducing phrase can run
_INTRO_REACH = 1500
_SENTENCE_ENDS = "。！？!?"


@cache
def _recalled_re() -> re.Pattern[str]:
    """Words that recall a target set before: 年初确定的, 批准的, 下达的."""
    return re.compile(r"年初|确定|批准|下达|通过")


_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
_DIGIT_RE = re.compile(r"[0-9０-９]")


@cache
def _counted_before_re() -> re.Pattern[str]:
    """A count the plan word describes: ``257个计划新开工项目``."""
    return re.compile(r"[0-9０-９][个项件宗]$")


#: 低于预期1.5个百分点: a figure measured against the expectation, not the expectation
_AGAINST_EXPECTED = ("于预期", "比预期", "超预期", "过预期")
_TARGET_WORDS_RE = re.compile(r"力争|确保|预期目标为|目标为|目标是")
#: 计划 as a verb: ``全年计划完成投资``, ``共计划实施`` (not 按计划, 超计划, 年度计划)
_PLAN_VERB_RE = re.compile(
    r"计划(?<![按超原]计划)(?<![^本年]度计划)(?<![^0-9０-９全今明度]年计划)"
    r"(?=(?:年内|全年)?(?:实现|完成|新增|新建|新开工|增长|达到|投资|实施|开工|竣工|建成|安排)"
    r"|年内(?:完工|投产))"
)
#: a paragraph that opens with a year: ``2022年，全省…``, ``2022年全县…`` (not ``以来``: a span)
_PARAGRAPH_YEAR_RE = re.compile(
    r"\n[ \t\u3000]*((?:19|20)[0-9]{2})年(?:度)?(?P<part>一季度|上半年|前三季度|1[-—至~][0-9]{1,2}月份?)?"
    r"(?=[，,、]|是|全[省市区县旗州盟]|我[省市区县旗州盟])"
)
#: the words opening a comparison of what happened with a target: ``高于全年增速目标0.7个百分点``,
#: ``超额完成省考核目标2.7个百分点``
_COMPARISONS = (
    "高于",
    "低于",
    "超过",
    "超出",
    "超额完成",
    "快于",
    "慢于",
    "好于",
    "高出",
    "塌",
    "比",
)
_ACTUAL_WORDS_RE = re.compile(
    r"实际(?=完成|增长|增速|为|达到?|实现|下降|上涨)|预计(?:全年)?(?:完成|实现|达到|可达)"
)


def _by_then(text: str, start: int) -> bool:
    """``到2025年``: a time a target is set for, not the end of a range (``2021年至2023年``)."""
    return text[start - 1] in "至到" and (start < 2 or text[start - 2] not in _RANGE_BEFORE)


_RANGE_BEFORE = frozenset("0123456789０１２３４５６７８９年")


class StatusCues:
    """The cues of one text, found once: the years its sentences name, the stretches an
    introducing phrase governs, where its sentences end."""

    def __init__(
        self,
        text: str,
        sections: SectionIndex,
        report_year: int | None,
        plan_year: int | None,
    ) -> None:
        self.text = text
        self.sections = sections
        self.report_year = report_year
        self.plan_year = plan_year
        self._this_year = self._year_of_jinnian(text)
        self._years = self._find_years(text)
        self._year_positions = [position for position, _, _ in self._years]
        self._intros = self._find_intros(text)
        self._intro_starts = [start for start, _, _ in self._intros]
        self._paragraphs = self._find_year_paragraphs(text)
        self._paragraph_starts = [start for start, _, _ in self._paragraphs]

    # --- what the text holds ------------------------------------------------

    def _year_of_jinnian(self, text: str) -> int | None:
        """今年: the plan year, unless the text was written in the year it reports on."""
        if "明年" in text or "今年以来" in text:
            return self.report_year
        return self.plan_year

    def _find_years(self, text: str) -> list[tuple[int, int, int]]:
        """(end of the year word, year, end of its sentence) of every year naming when."""
        words = {
            "今": self._this_year,
            "明": self.plan_year,
            "去": self.report_year,
        }
        found = []
        for match in _YEAR_RE.finditer(text):
            at = match.start()
            word = text[at - 1]
            if word == "一" and text.endswith(_PAST_YEAR_WORDS, 0, at):
                year = self.report_year
            else:
                start = at - 1 if word in _YEAR_WORDS else at - 4
                if start > 0 and text[start - 1] in _NOT_WHEN_BEFORE and not _by_then(text, start):
                    continue
                year = words[word] if word in _YEAR_WORDS else int(text[start:at])
            if year is not None:
                stop = _SENTENCE_END_RE.search(text, match.end())
                found.append((match.end(), year, stop.start() if stop else len(text)))
        return found

    def _find_year_paragraphs(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, year) of each paragraph opening with the report year or one before, or
        with part of the year after it (``2022年一季度，…``: progress in the plan year); with no
        report year known, each opening with part of a year (``2023年上半年，…``: what happened)."""
        if "年" not in text:
            return []
        found = []
        for match in _PARAGRAPH_YEAR_RE.finditer(text):
            year = int(match.group(1))
            if self.report_year is None:
                opens = match["part"] is not None
            else:
                opens = year <= self.report_year or (
                    match["part"] is not None and year == self.report_year + 1
                )
            if opens:
                end = text.find("\n", match.end())
                found.append((match.start(), end if end != -1 else len(text), year))
        return found

    def paragraph_year(self, position: int) -> int | None:
        """The year a paragraph opens with (see :meth:`_find_year_paragraphs`), if any."""
        index = bisect_right(self._paragraph_starts, position) - 1
        if index < 0:
            return None
        _, end, year = self._paragraphs[index]
        return year if position < end else None

    def _find_intros(self, text: str) -> list[tuple[int, int, int | None]]:
        """(start, end, year) of the stretch each introducing phrase governs: from the
        phrase to its paragraph's end (a list after a colon ending its line: the lines down
        to the first sentence end), or to the closing bracket of a bracket it stands in. A
        neutral list phrase (``具体为：``, ``如下：``) introduces targets only when its
        sentence names a year after the one reported on."""
        intros: list[tuple[int, int, int | None]] = []
        report_year = self.report_year
        found = [match for pattern in _INTRO_RES for match in pattern.finditer(text)]
        for match in sorted(found, key=_start_of):
            if intros and match.start() < intros[-1][1]:
                continue
            year = self.sentence_year(match.start())
            if _is_neutral(match):
                if year is None or report_year is None or year <= report_year:
                    continue
            elif match["is"] and not _opens_a_list(text, match):
                continue
            end = self._governed_end(text, match.end())
            governed_year = year or self._intro_default(match.start())
            if (
                report_year is not None
                and governed_year is not None
                and governed_year <= report_year
            ):
                end = self._recalled_end(text, match.end(), end)
            intros.append((match.end(), end, governed_year))
        return intros

    @staticmethod
    def _recalled_end(text: str, start: int, end: int) -> int:
        """A recalled list (the targets of the year reviewed: ``年初…主要预期目标是…``) ends
        with its sentence: what follows in the paragraph is what happened against it."""
        for mark in _SENTENCE_ENDS:
            found = text.find(mark, start, end)
            if found != -1:
                end = found
        return end

    def _governed_end(self, text: str, start: int) -> int:
        limit = min(len(text), start + _INTRO_REACH)
        line_end = text.find("\n", start, limit)
        if line_end == -1:
            end = limit
        elif text[start:line_end].strip():
            end = line_end  # the list is in the phrase's paragraph: it ends with it
        else:  # the list is on the lines below: down to the first sentence end
            end = limit
            for mark in _SENTENCE_ENDS:
                found = text.find(mark, start, end)
                if found != -1:
                    end = found
            blank = text.find("\n\n", line_end + 1, end)
            end = blank if blank != -1 else end
        sentence_start = self._sentence_start(start)
        bracket = text.rfind("（", sentence_start, start)
        if bracket != -1 and text.find("）", bracket, start) == -1:
            close = text.find("）", start, end)
            end = close if close != -1 else end
        return end

    def _sentence_start(self, position: int) -> int:
        """Just after the last sentence end or line break before ``position``."""
        text = self.text
        start = text.rfind("\n", 0, position)
        for mark in _SENTENCE_ENDS:
            start = max(start, text.rfind(mark, start + 1, position))
        return start + 1

    def sentence_year(self, position: int) -> int | None:
        """The year the sentence names before ``position``, if any."""
        index = bisect_right(self._year_positions, position) - 1
        if index < 0:
            return None
        _, year, stop = self._years[index]
        return year if position <= stop else None

    # --- one figure -----------------------------------------------------------

    def decide(
        self, position: int, kind: str, prefix: str, wide_prefix: str, target_after: bool
    ) -> tuple[Status, int | None]:
        """Status and year of the figure at ``position`` (cues in the module's table)."""
        report_year = self.report_year
        if kind == "completion":  # a rate to reach (``…完成率120%以上的目标``) is a target
            return ("target" if target_after else "actual"), report_year
        index = bisect_right(self._year_positions, position) - 1
        year = None
        if index >= 0:
            _, named, stop = self._years[index]
            year = named if position <= stop else None
        if target_after and "实际" not in wide_prefix:  # 预计实现增长6.5%左右目标: the target
            return "target", year or self._target_year(self.sections.at(position).status)
        if ("实际" in wide_prefix or "预计" in wide_prefix) and _ACTUAL_WORDS_RE.search(
            wide_prefix
        ):
            return "actual", year or report_year
        index = bisect_right(self._intro_starts, position) - 1
        if index >= 0 and position < self._intros[index][1]:
            intro_year = self._intros[index][2]
            if year is None or year == intro_year:
                return "target", intro_year
        section = self.sections.at(position)
        if target_after or _target_words(prefix, wide_prefix):
            return "target", year or self._target_year(section.status)
        if year is not None and report_year is not None and year > report_year:
            return "target", year
        if year is not None:
            return "actual", year
        if (opened := self.paragraph_year(position)) is not None:
            return "actual", opened
        if not section.explicit and prefix.endswith("控制在"):
            return "target", self.plan_year or report_year
        if section.status == "target":
            return "target", section.year or self.plan_year or report_year
        return "actual", report_year

    def _target_year(self, section_status: Status) -> int | None:
        """A target without a year: the plan year in a plan section, else the report year
        (a target quoted in the review of the year: ``（预期目标为8.5%以上）``)."""
        if section_status == "target":
            return self.plan_year or self.report_year
        return self.report_year

    def _intro_default(self, intro_start: int) -> int | None:
        """A list of targets naming no year: the plan year, unless its sentence recalls the
        targets set for the year reviewed (``年初确定的主要预期目标是…``)."""
        before = self.text[self._sentence_start(intro_start) : intro_start]
        if _recalled_re().search(before):
            return self.report_year
        return self.plan_year or self.report_year


def _opens_a_list(text: str, match: re.Match[str]) -> bool:
    """``主要预期目标是地区生产总值增长…``: 目标任务是, or 目标是 after 预期/主要/发展."""
    if match.group(0).startswith("目标任务"):
        return True
    return text.startswith(_LIST_TARGETS, match.start() - 2)


def _is_neutral(match: re.Match[str]) -> bool:
    """``具体为：``, ``如下：``: a list, not yet of targets."""
    return match.group(0).startswith(("如下", "具体"))


def _start_of(match: re.Match[str]) -> int:
    return match.start()


def _target_words(prefix: str, wide_prefix: str) -> bool:
    if prefix.startswith(_COMPARISONS):
        return False  # 高于全年增速目标0.7个百分点: what happened, against the target
    if prefix.endswith("预期") and not prefix.endswith(_AGAINST_EXPECTED):
        return True  # 控制在预期4.2%以内: the target, quoted beside what happened
    if (
        names_plan(prefix)
        and TARGET_TAIL_RE.search(prefix)
        and not _NAMED_PLAN_TAIL_RE.search(prefix)
    ):
        return True
    if _TARGET_WORDS_RE.search(wide_prefix):
        return True
    if "计划" not in wide_prefix:
        return False
    verbs = [*_PLAN_VERB_RE.finditer(wide_prefix)]
    # ``257个计划新开工项目中221个项目开工``: the plan names the count before, not this figure
    if not verbs or _DIGIT_RE.search(wide_prefix, verbs[-1].end()):
        return False
    return not _counted_before_re().search(wide_prefix, 0, verbs[-1].start())


def names_plan(words: str) -> bool:
    """Whether the words hold 计划, 目标 or 年预算: a string test that spares most figures the
    regexes."""
    return "计划" in words or "目标" in words or "年预算" in words


TARGET_TAIL_RE = re.compile(
    r"(?=[年全计预目])(?:(?:年|年度|全年)(?:投资)?计划(?:投资|目标|任务)?|年预算|预期目标|计划目标|目标任务|目标)"
    r"(?:为|是|达到?)?$"
)
_NAMED_PLAN_TAIL_RE = re.compile(r"[”》]计划$")
