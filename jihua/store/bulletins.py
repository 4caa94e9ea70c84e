"""Storing a bulletin: the periodic figures of a 统计局 release, 督查通报 or progress news.

A bulletin is not a plan report: it has no tables of targets, only figures of part
of the year (``1-6月，全区地区生产总值…同比增长5.2%``). :func:`read_bulletin` reads
its facts (``jihua.extract``, each with its ``period``) and the page's publishing date;
the figures kept are the growths (against the same period of last year) and levels
of a named period. :func:`ingest_bulletin_bytes` matches each to an indicator of the
region's plan for that year through the synonym table (``规上工业增加值`` =
``规模以上工业增加值``; a growth matches ``…增速``/``…增长``) and stores it as a
bulletin's statement of a periodic value (:mod:`jihua.store.revisions`) whose source
is the file and the sentence. A later bulletin stating another figure for the same
indicator, period and vintage is a revision: kept beside the first, and the value in
use when it is the later bulletin.

Figures whose indicator the plan does not have are listed, not stored — unless the
planner answered for them (the web app's review, :func:`bulletin_matching`): map to
an existing indicator, create it, or drop it (:class:`Answer`). The same bytes again
change nothing (their sha256 is kept with the document, which is stored without a
report or plan year, so it is never taken for a plan report).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.store.bulletin_region import bulletin_region, without_subject
from jihua.store.changes import current_user, now, record_new
from jihua.store.compare import Synonyms, load_synonyms, plain_name
from jihua.store.database import writer
from jihua.store.figures import plan_of, region_named, vintage_rank
from jihua.store.periodic import KINDS, Period
from jihua.store.revisions import REVISED, Statement, state_periodic
from jihua.store.schema import Document, Indicator, Plan, Region

_GROWTH_ENDINGS = ("增速", "增长率", "增长", "增幅")
#: where a page's furniture stands: its publishing date is near its start or its end
_PAGE_REACH = 2000
_PUBLISHED_RE = re.compile(
    r"(?:(?:发布|發布|公开|成文)?(?:日期|时间|時間))[:：]?[ \u3000]*"
    r"((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
#: the planner's answers for an indicator the plan does not have
ACTIONS = ("map", "new", "drop")


@dataclass
class BulletinResult:
    source: str
    status: str  # added | present
    region: str | None
    stored: int = 0
    #: of ``stored``, the statements that revised a figure stored before
    revised: int = 0
    unmatched: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    #: figures left out for want of a year
    undated: int = 0
    #: years of figures for which the region has no plan (none of them could be matched)
    unplanned: list[int] = field(default_factory=list)

    def describe(self) -> str:
        if self.status == "present":
            return f"{self.source}：已存在（未作改动）"
        line = f"{self.source}：已入库 {self.stored} 个月度/季度数据（{self.region}）"
        if self.revised:
            line += f"，其中 {self.revised} 个修订了先前的数字（先前的保留为历次版本）"
        if self.created:
            line += "；新建指标：" + "、".join(self.created)
        if self.dropped:
            line += "；审核时不入库：" + "、".join(self.dropped)
        if self.unmatched:
            line += "；计划中没有的指标未入库：" + "、".join(self.unmatched)
        if self.undated:
            line += f"；{self.undated} 个数字没有注明年份，未入库"
        if self.unplanned:
            years = "、".join(str(year) for year in self.unplanned)
            line += f"；{self.region}没有{years}年的计划（如属其他地区，请用 --region 指定）"
        return line


@dataclass(frozen=True)
class BulletinFigure:
    """A growth or level of months ``first``..``last``; ``year`` None when neither the text
    nor the page's date states it."""

    indicator: str
    year: int | None
    first: int
    last: int
    kind: str
    value: float
    quote: str
    unit: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def period(self) -> Period:
        if self.year is None:
            raise UserError(f"“{self.quote}”没有注明年份")
        return Period(self.year, self.first, self.last)

    @property
    def question(self) -> str:
        """What identifies the indicator asked about: year, kind and name."""
        return f"{self.year}|{self.kind}|{self.indicator}"


def dated(figures: list[BulletinFigure], year: int | None) -> list[BulletinFigure]:
    """The figures with a year: their own, else ``year`` (those without either left out)."""
    return [
        f if f.year is not None else replace(f, year=year)
        for f in figures
        if f.year is not None or year is not None
    ]


@dataclass(frozen=True)
class Bulletin:
    """A bulletin as read, before anything is stored."""

    source: str
    sha256: str
    text: str
    format: str
    size: int
    region: str | None
    published: date | None
    #: every growth and level of a named period, with a year or not
    figures: list[BulletinFigure]

    @property
    def undated(self) -> int:
        """Figures whose year neither the text nor its date states."""
        return sum(1 for f in self.figures if f.year is None)


@dataclass(frozen=True)
class Answer:
    """For an indicator the plan does not have: ``map`` to the indicator ``indicator_id``,
    ``new`` (create it in the plan) or ``drop`` (store none of its figures)."""

    action: str
    indicator_id: int | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS or (self.action == "map") != (self.indicator_id is not None):
            raise UserError(f"无法识别的处理方式：{self.action} {self.indicator_id or ''}".strip())


def publishing_date(text: str) -> date | None:
    """The page's publishing date (``发布时间：2024-07-19``), near its start or end."""
    match = _PUBLISHED_RE.search(text, 0, _PAGE_REACH) or _PUBLISHED_RE.search(
        text, max(0, len(text) - _PAGE_REACH)
    )
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_bulletin(data: bytes, source: str) -> Bulletin:
    """Read a bulletin's figures from its bytes (nothing stored); none found is a UserError."""
    from jihua.extract import extract

    document = read_bytes(data, source)
    result = extract(document)
    figures = bulletin_figures(result.get("facts") or [])
    if not figures:
        raise UserError(f"{source} 中没有找到注明期间的数字（如“1-6月…增长5.2%”）")
    return Bulletin(
        source,
        hashlib.sha256(data).hexdigest(),
        document.text,
        document.format,
        len(data),
        result.get("region"),
        publishing_date(document.text),
        figures,
    )


def bulletin_figures(facts: list[dict[str, Any]]) -> list[BulletinFigure]:
    """The facts a bulletin states for a named period: growths and levels, actuals only
    (a growth against the period before is not the cumulative growth a plan follows)."""
    figures = []
    for fact in facts:
        if fact.get("status") != "actual" or fact.get("value") is None or fact.get("rank"):
            continue
        if fact.get("kind") not in ("growth", "level"):
            continue
        if fact.get("kind") == "growth" and fact.get("basis") not in (None, "yoy"):
            continue
        period = fact.get("period") or {}
        year = period.get("year")
        figures.append(
            BulletinFigure(
                fact["indicator"],
                int(year) if year is not None else None,
                int(period.get("from") or 1),
                int(period.get("to") or 12),
                fact["kind"],
                float(fact["value"]),
                fact.get("quote") or "",
                fact.get("unit"),
                fact.get("start"),
                fact.get("end"),
            )
        )
    return figures


def ingest_bulletin(
    engine: Engine,
    path: Path,
    region: str | None = None,
    vintage: str = "快报",
    who: str | None = None,
    year: int | None = None,
) -> BulletinResult:
    """Store the periodic figures of the bulletin in ``path`` for ``region`` (else its own);
    ``year`` for the figures whose year neither the text nor its date states."""
    if path.is_dir():
        raise UserError(f"这是一个目录，不是通报文件：{path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{exc.strerror}") from exc
    return ingest_bulletin_bytes(engine, data, path.name, region, vintage, who, year=year)


def ingest_bulletin_bytes(
    engine: Engine,
    data: bytes,
    source: str,
    region: str | None = None,
    vintage: str = "快报",
    who: str | None = None,
    answers: Mapping[str, Answer] | None = None,
    year: int | None = None,
) -> BulletinResult:
    """Store a bulletin; ``year`` for its figures of no stated year; with ``answers`` (by
    :attr:`BulletinFigure.question`) every indicator the plan does not have must be
    answered for, else nothing is stored."""
    vintage_rank(vintage)  # a wrong vintage is the user's mistake, said before any work
    sha = hashlib.sha256(data).hexdigest()
    stored_for = _stored_for(engine, sha)
    if stored_for is not None and region in (None, stored_for):
        return BulletinResult(source, "present", stored_for or region)
    bulletin = read_bulletin(data, source)
    figures = dated(bulletin.figures, year)
    if not figures:
        raise UserError(
            f"{source} 中的数字没有注明年份，发布日期也没有：请指定年份（命令行用 --year）"
        )
    who = who or current_user()
    with Session(writer(engine)) as session, session.begin():
        named = region or bulletin_region(
            session, bulletin.region, bulletin.text, {f.period.year for f in figures}
        )
        if not named:
            raise UserError(f"{source} 中没有找到地区名称：请用 --region 指定")
        document = session.scalar(select(Document).where(Document.sha256 == sha))
        if document is not None and document.region_id == _region_id(session, named):
            return BulletinResult(source, "present", named)
        stored_region = region_named(session, named, None)
        again = document is not None  # stored for another region: its figures for this one
        document = document or _document_row(session, bulletin, stored_region, who)
        storing = _Storing(session, stored_region, document.id, vintage, who, answers)
        result = storing.store(bulletin, figures)
        result.undated = len(bulletin.figures) - len(figures)
        if again and not result.stored:
            return BulletinResult(source, "present", named)
        return result


def _stored_for(engine: Engine, sha: str) -> str | None:
    """The region the same bytes were stored for ("" when none), None when never stored."""
    with Session(engine) as session:
        row = session.execute(
            select(Document.id, Region.name)
            .outerjoin(Region, Region.id == Document.region_id)
            .where(Document.sha256 == sha)
        ).first()
        return None if row is None else row[1] or ""


def _region_id(session: Session, name: str) -> int | None:
    return session.scalar(select(Region.id).where(Region.name == name))


class _Storing:
    """One bulletin's figures into one region's plans, in the ingest's transaction."""

    def __init__(
        self,
        session: Session,
        region: Region,
        document_id: int,
        vintage: str,
        who: str,
        answers: Mapping[str, Answer] | None,
    ) -> None:
        self.session, self.region, self.document_id = session, region, document_id
        self.vintage, self.who, self.answers = vintage, who, answers
        self.synonyms = load_synonyms()
        self.plans: dict[int, list[Indicator]] = {}
        self.answered: dict[str, Indicator | None] = {}

    def store(self, bulletin: Bulletin, figures: list[BulletinFigure]) -> BulletinResult:
        why = f"periodic set {self.vintage}：{bulletin.source}"
        result = BulletinResult(bulletin.source, "added", self.region.name)
        missing: list[str] = []
        seen: set[tuple[int, str, str]] = set()
        for figure in figures:
            indicator = self.indicator(figure, result, missing)
            if indicator is None or (indicator.id, figure.period.key, figure.kind) in seen:
                continue  # a figure a bulletin states twice (prose and table): the first
            seen.add((indicator.id, figure.period.key, figure.kind))
            statement = Statement(
                figure.value,
                bulletin.published,
                f"{bulletin.source}：{figure.quote}",
                self.document_id,
                figure.quote,
                figure.start,
                figure.end,
            )
            label = state_periodic(
                self.session,
                indicator,
                figure.period,
                figure.kind,
                self.vintage,
                statement,
                self.who,
                why,
            )
            if label is not None:  # None: this very statement is stored already
                result.stored += 1
                result.revised += label.startswith(REVISED)
        if missing:
            raise UserError("请先为这些计划中没有的指标选择处理方式：" + "、".join(missing))
        return result

    def indicators(self, year: int) -> list[Indicator]:
        if year not in self.plans:
            self.plans[year] = plan_indicators(self.session, self.region, year)
        return self.plans[year]

    def indicator(
        self, figure: BulletinFigure, result: BulletinResult, missing: list[str]
    ) -> Indicator | None:
        year = figure.period.year
        name = without_subject(figure.indicator, self.region.name)
        found = match_indicator(self.indicators(year), name, figure.kind, self.synonyms)
        if found is not None:
            return found
        if self.answers is None:
            _note(result.unmatched, figure.indicator)
            if not self.indicators(year) and year not in result.unplanned:
                result.unplanned.append(year)
            return None
        answer = self.answers.get(figure.question)
        if answer is None:
            _note(missing, f"{year}年{figure.indicator}（{KINDS[figure.kind]}）")
            return None
        if figure.question not in self.answered:
            self.answered[figure.question] = self.answer(figure, answer, result)
        return self.answered[figure.question]

    def answer(
        self, figure: BulletinFigure, answer: Answer, result: BulletinResult
    ) -> Indicator | None:
        year = figure.period.year
        if answer.action == "drop":
            _note(result.dropped, figure.indicator)
            return None
        if answer.action == "map":
            chosen = [i for i in self.indicators(year) if i.id == answer.indicator_id]
            if not chosen:
                raise UserError(
                    f"所选指标（编号 {answer.indicator_id}）不在{self.region.name}{year}年的计划中"
                )
            return chosen[0]
        created = self.create(figure)
        _note(result.created, created.name)
        return created

    def create(self, figure: BulletinFigure) -> Indicator:
        """The figure's indicator added to the region's plan of its year (made when none)."""
        plan = plan_of(self.session, self.region, figure.period.year)
        growth = figure.kind == "growth"
        name = f"{figure.indicator}增速" if growth else figure.indicator
        position = self.session.scalar(
            select(func.max(Indicator.position)).where(Indicator.plan_id == plan.id)
        )
        row = Indicator(
            plan_id=plan.id,
            position=(position or 0) + 1,
            name=name,
            unit="%" if growth else figure.unit,
            binding=False,
        )
        self.session.add(row)
        record_new(self.session, row, "name", self.who, f"periodic set 审核时新建：{name}")
        self.indicators(figure.period.year).append(row)
        return row


def _note(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def plan_indicators(session: Session, region: Region, year: int) -> list[Indicator]:
    plan = session.scalar(select(Plan).where(Plan.region_id == region.id, Plan.year == year))
    if plan is None:
        return []
    return list(
        session.scalars(
            select(Indicator).where(Indicator.plan_id == plan.id).order_by(Indicator.position)
        )
    )


def match_indicator(
    indicators: list[Indicator], name: str, kind: str, synonyms: Synonyms
) -> Indicator | None:
    """The plan's indicator a bulletin's figure is about: by standard name, a growth to
    the indicator of its growth (``…增速``), a level to the indicator of the amount."""
    wanted = synonyms.canonical(_without_growth(name))
    for indicator in indicators:
        plain = plain_name(indicator.name)
        is_growth = plain.endswith(_GROWTH_ENDINGS)
        if (kind == "growth") != is_growth:
            continue
        if synonyms.canonical(_without_growth(plain)) == wanted:
            return indicator
    return None


def _without_growth(name: str) -> str:
    for ending in _GROWTH_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name


@dataclass(frozen=True)
class Question:
    """An indicator of the bulletin that matches none of the plan's: what to do with it."""

    key: str
    indicator: str
    kind: str
    year: int
    unit: str | None
    count: int
    #: the plan's indicators to map it to: (id, name)
    choices: list[tuple[int, str]]


@dataclass(frozen=True)
class Matching:
    """Each figure's indicator in the region's plans (None: asked about), and the questions."""

    matched: list[str | None]
    questions: list[Question]
    #: the region is not stored yet (storing creates it)
    new_region: bool


def bulletin_matching(engine: Engine, figures: list[BulletinFigure], region: str) -> Matching:
    """How the figures match the stored plans of ``region``, read before anything is stored."""
    synonyms = load_synonyms()
    matched: list[str | None] = []
    questions: dict[str, Question] = {}
    with Session(engine) as session:
        stored = session.scalars(select(Region).where(Region.name == region)).first()
        plans: dict[int, list[Indicator]] = {}
        for figure in figures:
            year = figure.year
            if year is None:  # no year yet: nothing to match against
                matched.append(None)
                continue
            if year not in plans:
                plans[year] = plan_indicators(session, stored, year) if stored else []
            name = without_subject(figure.indicator, region)
            found = match_indicator(plans[year], name, figure.kind, synonyms)
            matched.append(found.name if found else None)
            if found is not None:
                continue
            asked = questions.get(figure.question)
            count = asked.count + 1 if asked else 1
            choices = [(i.id, i.name) for i in plans[year]]
            questions[figure.question] = Question(
                figure.question, figure.indicator, figure.kind, year, figure.unit, count, choices
            )
    return Matching(matched, list(questions.values()), stored is None)


def _document_row(session: Session, bulletin: Bulletin, region: Region, who: str) -> Document:
    row = Document(
        source=bulletin.source,
        sha256=bulletin.sha256,
        format=bulletin.format,
        size=bulletin.size,
        region_id=region.id,
        report_year=None,
        plan_year=None,
        ingested_at=now(),
        ingested_by=who,
        text=bulletin.text,
    )
    session.add(row)
    session.flush()
    return row
