"""A bulletin uploaded for review: its periodic figures, and questions for unmatched indicators.

:func:`bulletin_preview` reads the bytes (``jihua.store.bulletins.read_bulletin``,
nothing stored) into what the review page shows: each figure with its period and the
sentence it stands in. The upload then waits in ``pending_uploads`` as a report
does, marked ``"kind": "bulletin"``. The page asks, for each indicator of the
bulletin that matches none of the region's plan through the synonym table
(:func:`jihua.store.bulletins.bulletin_matching`), what to do with it:

=========================  ==============================================
field                      meaning
=========================  ==============================================
``region``                 the region the figures belong to
``year``                   the year of the figures that state none (asked only then)
``vintage``                口径 of the figures (快报 by default)
``answer-<id>``            ``map:<indicator id>``, ``new`` or ``drop``
=========================  ==============================================

``<id>`` names the question by its year, kind and indicator (:func:`field_id`), so an
answer cannot land on another question when the plan changed between page and save.
确认入库 stores the bulletin with the answers in one transaction
(:func:`jihua.store.bulletins.ingest_bulletin_bytes`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.bulletin_region import bulletin_region
from jihua.store.bulletins import Answer, BulletinFigure, Question, dated, read_bulletin
from jihua.store.changes import now
from jihua.store.periodic import Period
from jihua.web.models import PendingUpload
from jihua.web.pending import GONE
from jihua.web.uploads import MAX_BYTES, Segment, marked_fact, too_large

KIND = "bulletin"


@dataclass
class PreviewFigure:
    indicator: str
    #: None: neither the text nor the page's date states it (the planner gives it)
    year: int | None
    first: int
    last: int
    kind: str
    value: float
    unit: str | None
    quote: str
    marked: list[Segment] = field(default_factory=list)

    @property
    def months(self) -> str:
        """``1-6月``, ``6月``."""
        return Period(self.year or 0, self.first, self.last).words

    def figure(self) -> BulletinFigure:
        return BulletinFigure(
            self.indicator,
            self.year,
            self.first,
            self.last,
            self.kind,
            self.value,
            self.quote,
            self.unit,
        )


@dataclass
class BulletinPreview:
    source: str
    region: str | None
    #: the page's publishing date, ``2024-07-19``
    published: str | None
    figures: list[PreviewFigure]

    @property
    def undated(self) -> int:
        return sum(1 for f in self.figures if f.year is None)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": KIND, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BulletinPreview:
        figures = [
            PreviewFigure(**{**f, "marked": [tuple(s) for s in f["marked"]]})
            for f in data["figures"]
        ]
        return cls(data["source"], data["region"], data["published"], figures)

    def bulletin_figures(self, year: int | None) -> list[BulletinFigure]:
        """Every figure, in the order shown; those of no stated year in ``year`` when given."""
        return [
            f.figure() if f.year is not None or year is None else dated([f.figure()], year)[0]
            for f in self.figures
        ]


def bulletin_preview(data: bytes, source: str, engine: Engine) -> BulletinPreview:
    """Read the bulletin from memory; one without a figure of a named period is a UserError.
    Its region is the one storing it would take (:func:`bulletin_region`: the stored region
    its lead names when the extractor finds none or a fragment such as ``据银川市``)."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    bulletin = read_bulletin(data, source)
    with Session(engine) as session:
        years = {f.year for f in bulletin.figures if f.year is not None}
        region = bulletin_region(session, bulletin.region, bulletin.text, years)
    figures = [
        PreviewFigure(
            f.indicator,
            f.year,
            f.first,
            f.last,
            f.kind,
            f.value,
            f.unit,
            f.quote,
            marked_fact(bulletin.text, f.start, f.end, f.quote, f.value),
        )
        for f in bulletin.figures
    ]
    published = bulletin.published.isoformat() if bulletin.published else None
    return BulletinPreview(source, region, published, figures)


def given_year(text: str | None) -> int | None:
    """The year the planner gave for figures of no stated year (empty: none)."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1949 <= int(text) <= 2100:
        raise UserError(f"年份应为 1949 到 2100 之间的四位数字，不是“{text[:20]}”")
    return int(text)


def field_id(question: str) -> str:
    """A question's form field suffix: its key, hashed (names may hold any character)."""
    return hashlib.sha256(question.encode()).hexdigest()[:16]


def answers_from(form: Mapping[str, str], questions: list[Question]) -> dict[str, Answer]:
    """The planner's answers to the questions asked; an unanswered one is left out."""
    found = {}
    for question in questions:
        given = (form.get(f"answer-{field_id(question.key)}") or "").strip()
        if not given:
            continue
        if given in ("new", "drop"):
            found[question.key] = Answer(given)
            continue
        chosen = given.removeprefix("map:")
        if not given.startswith("map:") or not chosen.isdigit() or len(chosen) > 12:
            raise UserError(f"“{question.indicator}”的处理方式无法识别：{given[:40]}")
        found[question.key] = Answer("map", int(chosen))
    return found


@dataclass(frozen=True)
class PendingBulletin:
    data: bytes
    source: str
    shown: BulletinPreview


def pending_bulletin(engine: Engine, token: str, owner: str) -> PendingBulletin:
    """The owner's bulletin under ``token``, unless it expired or is a report (a UserError)."""
    with Session(engine) as session:
        row = session.scalar(
            select(PendingUpload).where(
                PendingUpload.token == token,
                PendingUpload.owner == owner,
                PendingUpload.expires_at > now(),
            )
        )
        if row is None or row.shown.get("kind") != KIND:
            raise UserError(GONE)
        return PendingBulletin(row.data, row.source, BulletinPreview.from_dict(row.shown))
