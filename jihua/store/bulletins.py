"""Storing a bulletin: the periodic figures of a 统计局 release, 督查通报 or progress news.

A bulletin is not a plan report: it has no tables of targets, only figures of part
of the year (``1-6月，全区地区生产总值…同比增长5.2%``). :func:`ingest_bulletin` reads
its facts (``jihua.extract``, each with its ``period``), keeps those of the region that
are a growth or a level of a named period, matches each to an indicator of the
region's plan for that year through the synonym table (``规上工业增加值`` =
``规模以上工业增加值``; a growth matches ``…增速``/``…增长``) and stores it as a periodic
value (:mod:`jihua.store.periodic`) whose source is the file and the sentence it came
from. Figures whose indicator the plan does not have are listed, not stored.

The same bytes again change nothing (their sha256 is kept with the document, which
is stored without a report or plan year, so it is never taken for a plan report). A
later bulletin stating another figure for the same indicator, period and vintage
changes the value; the change log keeps the earlier one with its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.store.changes import current_user, now
from jihua.store.compare import Synonyms, load_synonyms, plain_name
from jihua.store.database import writer
from jihua.store.figures import region_named, vintage_rank
from jihua.store.periodic import Period, store_periodic
from jihua.store.schema import Document, Indicator, Plan, Region

_GROWTH_ENDINGS = ("增速", "增长率", "增长", "增幅")


@dataclass
class BulletinResult:
    source: str
    status: str  # added | present
    region: str | None
    stored: int = 0
    unmatched: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.status == "present":
            return f"{self.source}：已存在（未作改动）"
        line = f"{self.source}：已入库 {self.stored} 个月度/季度数据（{self.region}）"
        if self.unmatched:
            line += "；计划中没有的指标未入库：" + "、".join(self.unmatched)
        return line


@dataclass(frozen=True)
class _Figure:
    indicator: str
    period: Period
    kind: str
    value: float
    quote: str


def ingest_bulletin(
    engine: Engine,
    path: Path,
    region: str | None = None,
    vintage: str = "快报",
    who: str | None = None,
) -> BulletinResult:
    """Store the periodic figures of the bulletin in ``path`` for ``region`` (else its own)."""
    if path.is_dir():
        raise UserError(f"这是一个目录，不是通报文件：{path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{exc.strerror}") from exc
    return ingest_bulletin_bytes(engine, data, path.name, region, vintage, who)


def ingest_bulletin_bytes(
    engine: Engine,
    data: bytes,
    source: str,
    region: str | None = None,
    vintage: str = "快报",
    who: str | None = None,
) -> BulletinResult:
    vintage_rank(vintage)  # a wrong vintage is the user's mistake, said before any work
    sha = hashlib.sha256(data).hexdigest()
    with Session(engine) as session:
        if session.scalar(select(Document.id).where(Document.sha256 == sha)) is not None:
            return BulletinResult(source, "present", region)
    from jihua.extract import extract

    document = read_bytes(data, source)
    result = extract(document)
    region = region or result.get("region")
    if not region:
        raise UserError(f"{source} 中没有找到地区名称：请用 --region 指定")
    figures = bulletin_figures(result.get("facts") or [])
    if not figures:
        raise UserError(f"{source} 中没有找到注明期间的数字（如“1-6月…增长5.2%”）")
    who = who or current_user()
    with Session(writer(engine)) as session, session.begin():
        if session.scalar(select(Document.id).where(Document.sha256 == sha)) is not None:
            return BulletinResult(source, "present", region)
        stored_region = region_named(session, region, None)
        row = (document.text, document.format, source, sha, len(data))
        _document_row(session, row, stored_region, who)
        return _store(session, stored_region, figures, source, vintage, who)


def bulletin_figures(facts: list[dict[str, Any]]) -> list[_Figure]:
    """The facts a bulletin states for a named period: growths and levels, actuals only."""
    figures = []
    for fact in facts:
        period = fact.get("period") or {}
        year = period.get("year")
        if year is None or fact.get("status") != "actual" or fact.get("value") is None:
            continue
        if fact.get("kind") not in ("growth", "level") or fact.get("rank"):
            continue
        if fact.get("kind") == "growth" and fact.get("basis") not in (None, "yoy"):
            continue  # against the period before: not the cumulative growth a plan follows
        first, last = int(period.get("from") or 1), int(period.get("to") or 12)
        figures.append(
            _Figure(
                fact["indicator"],
                Period(int(year), first, last),
                fact["kind"],
                float(fact["value"]),
                fact.get("quote") or "",
            )
        )
    return figures


def _store(
    session: Session,
    region: Region,
    figures: list[_Figure],
    source: str,
    vintage: str,
    who: str,
) -> BulletinResult:
    synonyms = load_synonyms()
    why = f"periodic set {vintage}：{source}"
    result = BulletinResult(source, "added", region.name)
    plans: dict[int, list[Indicator]] = {}
    for figure in figures:
        indicators = plans.setdefault(
            figure.period.year, _plan_indicators(session, region, figure.period.year)
        )
        indicator = match_indicator(indicators, figure.indicator, figure.kind, synonyms)
        if indicator is None:
            if figure.indicator not in result.unmatched:
                result.unmatched.append(figure.indicator)
            continue
        cited = f"{source}：{figure.quote}"
        store_periodic(
            session, indicator, figure.period, figure.kind, figure.value, vintage, cited, who, why
        )
        result.stored += 1
    return result


def _plan_indicators(session: Session, region: Region, year: int) -> list[Indicator]:
    plan = session.scalar(select(Plan).where(Plan.region_id == region.id, Plan.year == year))
    if plan is None:
        return []
    return list(session.scalars(select(Indicator).where(Indicator.plan_id == plan.id)))


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


def _document_row(
    session: Session, read: tuple[str, str, str, str, int], region: Region, who: str
) -> Document:
    text, format, source, sha, size = read
    row = Document(
        source=source,
        sha256=sha,
        format=format,
        size=size,
        region_id=region.id,
        report_year=None,
        plan_year=None,
        ingested_at=now(),
        ingested_by=who,
        text=text,
    )
    session.add(row)
    session.flush()
    return row
