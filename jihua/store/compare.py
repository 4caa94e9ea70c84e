"""One indicator across every stored region of a year, ranked.

Regions name the same indicator differently (``地区生产总值增速``, ``GDP增长``,
``地区生产总值增长``). Names are compared after dropping spaces, the unit in
parentheses and binding marks, and after mapping through the synonym table
``jihua/data/synonyms.toml`` (each key a standard name, its value the other
spellings), which a user extends with a file of the same form.

A region whose report states the indicator only in prose (no table row) is
read from its stored facts by the rule in :mod:`jihua.store.prose`; such a
standing says ``basis="文字"``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from jihua.config import parse_user_toml
from jihua.errors import UserError
from jihua.store.grading import latest_actuals
from jihua.store.prose import ProseFigure, prose_figures
from jihua.store.schema import Grade, Indicator, Plan, Region, Target

SYNONYMS_VARIABLE = "JIHUA_SYNONYMS"
_NOISE = re.compile(r"\s+|[*＊★]|[（(][^（）()]{0,8}[）)]$|^其中[:：]?")


def plain_name(name: str) -> str:
    return _NOISE.sub("", name.strip())


@dataclass(frozen=True)
class Synonyms:
    """Spelling → standard name."""

    standard: dict[str, str]

    def canonical(self, name: str) -> str:
        plain = plain_name(name)
        return self.standard.get(plain, plain)

    def spellings(self, name: str) -> set[str]:
        wanted = self.canonical(name)
        return {wanted} | {k for k, v in self.standard.items() if v == wanted}


def load_synonyms(path: Path | None = None) -> Synonyms:
    """The shipped table, extended by ``path`` (or the file ``JIHUA_SYNONYMS`` names)."""
    text = resources.files("jihua").joinpath("data/synonyms.toml").read_text(encoding="utf-8")
    groups = _names(tomllib.loads(text), "synonyms.toml")
    extra = path or (
        Path(os.environ[SYNONYMS_VARIABLE]) if os.environ.get(SYNONYMS_VARIABLE) else None
    )
    if extra is not None:
        for key, names in _names(_read(extra), str(extra)).items():
            groups.setdefault(key, []).extend(names)
    standard: dict[str, str] = {}
    for key, names in groups.items():
        for name in (key, *names):
            standard[plain_name(name)] = plain_name(key)
    return Synonyms(standard)


def _read(path: Path) -> dict[str, object]:
    return parse_user_toml(path, "同义词表")


def _names(config: dict[str, object], source: str) -> dict[str, list[str]]:
    names = config.get("names", {})
    if not isinstance(names, dict) or not all(
        isinstance(v, list) and all(isinstance(n, str) for n in v) for v in names.values()
    ):
        raise UserError(f'同义词表 {source} 应为 [names] 下 标准名 = ["写法", …] 的形式')
    return {str(k): list(v) for k, v in names.items()}


@dataclass(frozen=True)
class Standing:
    rank: int | None
    region: str
    parent_region: str | None
    indicator: str
    unit: str | None
    target: str | None
    actual: str | None
    vintage: str | None
    actual_number: float | None
    grade: str | None
    year: int | None = None
    #: ``表格`` when read from an indicator table, ``文字`` when from prose facts
    basis: str = "表格"


def compare(
    engine: Engine, indicator: str, year: int, synonyms: Synonyms | None = None
) -> list[Standing]:
    """The indicator's target, latest actual and grade in every region, best actual first."""
    table = synonyms or load_synonyms()
    with Session(engine) as session:
        found = _standings(session, table, indicator, year=year)
    if not found:
        raise UserError(f"库中没有 {year} 年的“{indicator}”（也没有它的同义写法）")
    ranked = sorted(
        found, key=lambda s: (s.actual_number is None, -(s.actual_number or 0.0), s.region)
    )
    return [
        replace(s, rank=i + 1 if s.actual_number is not None else None)
        for i, s in enumerate(ranked)
    ]


def target_history(
    engine: Engine, region: str, indicator: str, synonyms: Synonyms | None = None
) -> list[Standing]:
    """One indicator of one region in every stored year: target, latest actual, grade."""
    table = synonyms or load_synonyms()
    with Session(engine) as session:
        found = _standings(session, table, indicator, region=region)
    if not found:
        raise UserError(f"库中没有 {region} 的“{indicator}”（也没有它的同义写法）")
    return sorted(found, key=lambda s: (s.year or 0, s.indicator))


def _standings(
    session: Session,
    synonyms: Synonyms,
    indicator: str,
    year: int | None = None,
    region: str | None = None,
) -> list[Standing]:
    """Table rows first; prose facts for each region and year without one."""
    names = synonyms.spellings(indicator)
    found = _rows(session, names, year, region)
    covered = {(s.region, s.year) for s in found}
    canonical = synonyms.canonical(indicator)
    prose = prose_figures(session, canonical, names, year, region)
    return found + [_from_prose(f) for f in prose if (f.region, f.year) not in covered]


def _from_prose(figure: ProseFigure) -> Standing:
    return Standing(
        None,
        figure.region,
        figure.parent_region,
        figure.indicator,
        figure.unit,
        figure.target,
        figure.actual,
        figure.vintage,
        figure.actual_number,
        figure.grade,
        figure.year,
        "文字",
    )


def _rows(
    session: Session, names: set[str], year: int | None, region: str | None
) -> list[Standing]:
    parent = aliased(Region)
    query = (
        select(Indicator, Region.name, parent.name, Plan.year, Target.text, Grade.label)
        .join(Plan, Indicator.plan_id == Plan.id)
        .join(Region, Plan.region_id == Region.id)
        .outerjoin(parent, Region.parent_id == parent.id)
        .outerjoin(Target, (Target.indicator_id == Indicator.id) & (Target.period == "year"))
        .outerjoin(Grade, (Grade.indicator_id == Indicator.id) & (Grade.period == "year"))
        .where(Indicator.name.in_(names))
    )
    if year is not None:
        query = query.where(Plan.year == year)
    if region is not None:
        query = query.where(Region.name == region)
    rows = session.execute(query).all()
    latest = latest_actuals(session, [row[0].id for row in rows])
    standings = []
    for indicator, region_name, parent_name, plan_year, target, grade in rows:
        actual = latest.get(indicator.id)
        standings.append(
            Standing(
                None,
                region_name,
                parent_name,
                indicator.name,
                indicator.unit,
                target,
                actual.text if actual else None,
                actual.vintage if actual else None,
                actual.number if actual else None,
                grade,
                plan_year,
            )
        )
    return standings
