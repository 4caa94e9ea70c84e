"""Whose figures a bulletin states, when it does not say so the way a report's title does.

A statistics bureau's release names its place in passing: `宁夏银川市一季度经济数据`,
`人民网银川7月26日电`, `据银川市统计局数据`, or a district's figures quoted at a city's press
conference (`2024年，涪陵区材料产业产值…`). The extractor then finds no region, a fragment
(`据银川市`) or the wrong one (`重庆市`) — and a bulletin stored for a region with no plan
matches none of its figures. So, unless the user names the region:

| the extractor's region | the bulletin is stored for |
|---|---|
| a stored region with a plan of the bulletin's years | that region |
| none, or a fragment of such a region's name (`据银川市`) | the one stored region with a plan of those years that the bulletin's lead names (`银川市` or `银川`) |
| another place (`重庆市`), or no such region, or several | the extractor's region (none: the user is asked; `--region` stores the same bytes again for the region named) |

The lead is the first two lines (:data:`LEAD_LINES`, title and first paragraph): a city's
release that ranks its districts further down is not taken for a district's, nor is a
release that names a place of its own (a city's figures quoted with a district's).

Figures are named after their place too (`银川市生产总值`, `银川规模以上工业增加值`,
`涪陵区材料产业产值`): :func:`without_subject` takes the region's name off before the name
is matched.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.schema import Plan, Region
from jihua.traditional import simplify

#: lines of a bulletin's start in which its subject is named (title and first paragraph)
LEAD_LINES = 2
#: at most this many characters of them
LEAD = 400
#: suffixes of an administrative name that a text leaves out (`银川市` → `银川`)
_SUFFIXES = ("自治县", "自治州", "新区", "市", "区", "县", "州", "旗", "盟")


def short_names(name: str) -> tuple[str, ...]:
    """``name`` and the name without its administrative suffix, when two characters remain."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return (name, name[: -len(suffix)])
    return (name,)


def without_subject(indicator: str, region: str | None) -> str:
    """The indicator's name without the region's name before it (`银川市生产总值` → `生产总值`)."""
    if not region:
        return indicator
    for name in short_names(region):
        if indicator.startswith(name) and len(indicator) > len(name) + 1:
            return indicator[len(name) :]
    return indicator


def bulletin_region(
    session: Session, found: str | None, text: str, years: Iterable[int]
) -> str | None:
    """The region a bulletin is stored for, when the user named none (see the module's table)."""
    planned = _regions_with_plans(session, set(years))
    if found is not None and found in planned:
        return found
    lead = simplify(_lead(text))
    named = [name for name in planned if any(short in lead for short in short_names(name))]
    if len(named) != 1 or not (found is None or named[0] in found or found in named[0]):
        return found
    return named[0]


def _lead(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:LEAD_LINES]
    return "\n".join(lines)[:LEAD]


def _regions_with_plans(session: Session, years: set[int]) -> list[str]:
    if not years:
        return []
    query = (
        select(Region.name)
        .join(Plan, Plan.region_id == Region.id)
        .where(Plan.year.in_(years))
        .distinct()
        .order_by(Region.name)
    )
    return list(session.scalars(query))
