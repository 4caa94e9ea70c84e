"""The store from Python: ``with jihua.store.open(url) as store: store.indicators(...)``."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from jihua.document import Document as ReadDocument
from jihua.store.compare import Standing, Synonyms, compare
from jihua.store.corrections import Correction
from jihua.store.database import backup, create_store_engine, database_url, ensure_schema
from jihua.store.dump import export_dict, import_dict
from jihua.store.grading import latest_actuals
from jihua.store.ingest import (
    IngestResult,
    ingest_bytes,
    ingest_document,
    ingest_file,
    ingest_reviewed,
)
from jihua.store.schema import Grade, Indicator, Plan, Region, Target
from jihua.store.vintages import History, Regraded, indicator_history, set_actual

if TYPE_CHECKING:
    import pandas as pd

INDICATOR_COLUMNS = [
    "region",
    "parent_region",
    "year",
    "no",
    "indicator",
    "parent_indicator",
    "unit",
    "category",
    "binding",
    "target",
    "target_number",
    "actual",
    "actual_number",
    "vintage",
    "grade",
]


class Store:
    """An open store; close it (or use ``with``) to release its connections."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.engine: Engine = create_store_engine(self.url)
        try:
            ensure_schema(self.engine)
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def ingest(self, path: Path, who: str | None = None, replace: bool = False) -> IngestResult:
        return ingest_file(self.engine, path, who, replace)

    def ingest_bytes(
        self, data: bytes, source: str, who: str | None = None, replace: bool = False
    ) -> IngestResult:
        return ingest_bytes(self.engine, data, source, who, replace)

    def ingest_reviewed(
        self, data: bytes, source: str, who: str, corrections: list[Correction]
    ) -> IngestResult:
        return ingest_reviewed(self.engine, data, source, who, corrections)

    def ingest_document(
        self, document: ReadDocument, who: str | None = None, replace: bool = False
    ) -> IngestResult:
        return ingest_document(self.engine, document, who, replace)

    def set_actual(
        self, region: str, year: int, indicator: str, text: str, vintage: str, source: str
    ) -> Regraded:
        return set_actual(self.engine, region, year, indicator, text, vintage, source)

    def history(self, region: str, year: int, indicator: str) -> History:
        return indicator_history(self.engine, region, year, indicator)

    def compare(
        self, indicator: str, year: int, synonyms: Synonyms | None = None
    ) -> list[Standing]:
        return compare(self.engine, indicator, year, synonyms)

    def export(self) -> dict[str, object]:
        return export_dict(self.engine)

    def restore(self, data: object) -> dict[str, int]:
        return import_dict(self.engine, data)

    def backup(self, path: Path) -> Path:
        return backup(self.engine, path)

    def indicators(self, region: str | None = None, year: int | None = None) -> pd.DataFrame:
        """Every stored indicator (sub-rows too), with target, latest actual and grade."""
        import pandas as pd

        with Session(self.engine) as session:
            records = _indicator_records(session, region, year)
        return pd.DataFrame.from_records(records, columns=INDICATOR_COLUMNS)


def _indicator_records(
    session: Session, region: str | None, year: int | None
) -> list[dict[str, object]]:
    parent_region, parent = aliased(Region), aliased(Indicator)
    query = (
        select(
            Indicator, Region.name, parent_region.name, Plan.year, parent.name, Target, Grade.label
        )
        .join(Plan, Indicator.plan_id == Plan.id)
        .join(Region, Plan.region_id == Region.id)
        .outerjoin(parent_region, Region.parent_id == parent_region.id)
        .outerjoin(parent, Indicator.parent_id == parent.id)
        .outerjoin(Target, (Target.indicator_id == Indicator.id) & (Target.period == "year"))
        .outerjoin(Grade, (Grade.indicator_id == Indicator.id) & (Grade.period == "year"))
        .order_by(Region.name, Plan.year, Indicator.position)
    )
    if region is not None:
        query = query.where(Region.name == region)
    if year is not None:
        query = query.where(Plan.year == year)
    rows = session.execute(query).all()
    latest = latest_actuals(session, [row[0].id for row in rows])
    records = []
    for indicator, region_name, parent_name, plan_year, parent_indicator, target, grade in rows:
        actual = latest.get(indicator.id)
        records.append(
            {
                "region": region_name,
                "parent_region": parent_name,
                "year": plan_year,
                "no": indicator.no,
                "indicator": indicator.name,
                "parent_indicator": parent_indicator,
                "unit": indicator.unit,
                "category": indicator.category,
                "binding": indicator.binding,
                "target": target.text if target else None,
                "target_number": target.number if target else None,
                "actual": actual.text if actual else None,
                "actual_number": actual.number if actual else None,
                "vintage": actual.vintage if actual else None,
                "grade": grade,
            }
        )
    return records


def open(url: str | None = None) -> Store:
    """Open the store at ``url`` (default: ``JIHUA_DATABASE_URL`` or ``jihua.sqlite``)."""
    return Store(url)
