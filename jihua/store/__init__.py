"""The store: plans of many regions and years, with history (SQLite or PostgreSQL).

::

    import jihua.store

    with jihua.store.open("sqlite:///jihua.sqlite") as store:
        store.ingest(Path("report.docx"))
        frame = store.indicators(region="涪陵区", year=2023)   # a pandas DataFrame
"""

from jihua.store.api import Store, open
from jihua.store.changes import EditConflict
from jihua.store.compare import Standing, Synonyms, load_synonyms
from jihua.store.corrections import Correction
from jihua.store.ingest import IngestResult

__all__ = [
    "Correction",
    "EditConflict",
    "IngestResult",
    "Standing",
    "Store",
    "Synonyms",
    "load_synonyms",
    "open",
]
