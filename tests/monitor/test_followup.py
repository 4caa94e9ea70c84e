"""Real years followed end to end (tests/followup): a planner's year, scored against what
the texts say (``expected.toml``, written by reading them before jihua ran on them).

Each year is followed as a user follows it: a fresh SQLite store; the targets (``jihua
import`` of the sheet, or ``jihua ingest`` of the plan report); every release with
``--kind bulletin`` and the year (the excerpts state none of their own), the region named
only when jihua asks for it; then ``jihua monitor`` at each period. The releases are stored
in the order they came out and in the reverse order: what the planner sees is the same.

``python tests/monitor/test_followup.py`` prints the score of the jihua on the path.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import jihua
from jihua.errors import UserError
from jihua.monitor import monitor, monitor_dict
from jihua.store import Store
from jihua.store.bulletins import BulletinResult, ingest_bulletin_bytes
from jihua.store.ingest import ingest_file
from jihua.store.target_list import import_targets

FOLLOWUP = Path(__file__).parents[1] / "followup"
YEARS = sorted(p.name for p in FOLLOWUP.iterdir() if (p / "expected.toml").is_file())


def expected(name: str) -> dict[str, Any]:
    return tomllib.loads((FOLLOWUP / name / "expected.toml").read_text(encoding="utf-8"))


def follow(engine: Engine, name: str, releases: list[str]) -> None:
    """Store the year's targets, then ``releases`` in the given order."""
    year = expected(name)
    folder = FOLLOWUP / name
    if year["plan"].endswith(".csv"):
        import_targets(engine, folder / year["plan"], who="测试")
    else:
        ingest_file(engine, Path(jihua.__file__).parent / "data" / Path(year["plan"]).name, "测试")
    for release in releases:
        page = (folder / release).read_text(encoding="utf-8").split("\n", 2)[2]  # after source:
        stored = store_release(engine, page, release, None, year["year"])
        if stored.region != year["region"]:  # the planner names it when jihua asks or errs
            store_release(engine, page, release, year["region"], year["year"])


def store_release(
    engine: Engine, page: str, source: str, region: str | None, year: int
) -> BulletinResult:
    try:
        return ingest_bulletin_bytes(engine, page.encode(), source, region, who="测试", year=year)
    except UserError as error:
        if region is not None or "地区" not in str(error):
            raise
        return BulletinResult(source, "asked", None)


def seen(engine: Engine, name: str, months: tuple[int, int]) -> dict[str, dict[str, Any]]:
    """Each indicator's row of ``jihua monitor --json`` at the end of ``months``."""
    year = expected(name)
    result = monitor(engine, year["region"], year["year"], f"{year['year']}-{months[1]:02d}")
    return {row["indicator"]: row for row in monitor_dict(result)["indicators"]}


def matches(row: dict[str, Any] | None, want: dict[str, Any], year: int) -> bool:
    """Whether the monitor's row shows the figure and colour ``want`` says."""
    if row is None or row["latest"] is None:
        return False
    first, last = want["months"]
    period = f"{year}-{first:02d}..{last:02d}" if first != last else f"{year}-{last:02d}"
    latest = row["latest"]
    return (
        latest["period"] == period
        and abs(latest["value"] - want["value"]) < 1e-9
        and (row["status"] or "") == want["status"]
    )


def misses(engine: Engine, name: str) -> list[tuple[str, str, tuple[int, int]]]:
    """The expected values (``value``) and last-period rows (``last``) the monitor shows
    otherwise, as (which, indicator, months)."""
    year = expected(name)
    wrong = []
    for want in year["value"]:
        months = (want["months"][0], want["months"][1])
        if not matches(seen(engine, name, months).get(want["indicator"]), want, year["year"]):
            wrong.append(("value", want["indicator"], months))
    rows = seen(engine, name, (1, int(year["last_period"][-2:])))
    for want in year["last"]:
        if not matches(rows.get(want["indicator"]), want, year["year"]):
            wrong.append(("last", want["indicator"], (want["months"][0], want["months"][1])))
    return wrong


#: what the monitor misses because of the extractor (jihua/extract), not of storing or
#: monitoring, by year: (indicator, months) → what is read. When the extractor reads it,
#: the test says so: take the line out.
EXTRACTION_GAPS: dict[str, dict[tuple[str, tuple[int, int]], str]] = {}


@pytest.mark.parametrize("name", YEARS)
def test_a_real_year_reaches_the_monitor_as_its_texts_say(tmp_path: Path, name: str) -> None:
    with Store(f"sqlite:///{tmp_path / 'jihua.sqlite'}") as store:
        follow(store.engine, name, expected(name)["releases"])
        missed = {(indicator, months) for _, indicator, months in misses(store.engine, name)}
    assert missed == set(EXTRACTION_GAPS.get(name, {}))


@pytest.mark.parametrize("name", YEARS)
def test_releases_stored_out_of_order_show_the_same_year(tmp_path: Path, name: str) -> None:
    releases = expected(name)["releases"]
    shown = []
    for order, names in (("in", releases), ("out", releases[::-1])):
        with Store(f"sqlite:///{tmp_path / f'{order}.sqlite'}") as store:
            follow(store.engine, name, names)
            last = int(expected(name)["last_period"][-2:])
            rows = seen(store.engine, name, (1, last))
            shown.append({k: (v["latest"], v["status"]) for k, v in rows.items()})
    assert shown[0] == shown[1]


def score(name: str, directory: Path) -> tuple[int, int]:
    """(right, expected) for the year ``name``, followed in a store under ``directory``."""
    year = expected(name)
    with Store(f"sqlite:///{directory / f'{name}.sqlite'}") as store:
        follow(store.engine, name, year["releases"])
        wrong = misses(store.engine, name)
    return len(year["value"]) + len(year["last"]) - len(wrong), len(year["value"]) + len(
        year["last"]
    )


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        total = [0, 0]
        for name in YEARS:
            right, of = score(name, Path(tmp))
            total[0] += right
            total[1] += of
            print(f"{name}: {right}/{of}")
        print(f"total: {total[0]}/{total[1]}", file=sys.stdout)
