"""What a long-running process of jihua sets for itself: the web workers, the write process.

Python's cyclic garbage collector runs every 700 allocations and now and then
walks every object alive; a server holds a few hundred thousand of them from its
start (SQLAlchemy's mappers, the templates, FastAPI's routes), and a page render
allocates thousands. Under 20 clients those walks stalled the requests in flight:
the dashboard's p95 was 49–59 ms against a p50 of 18–22 ms (``bench/web_wrk.py``).
What start-up made is moved out of the collector's sight (:func:`gc.freeze`) and a
collection runs every 50,000 allocations: p95 29–32 ms. Reference counting still
frees nearly everything at once; only cycles wait for a collection.
"""

from __future__ import annotations

import gc

#: allocations between collections of the youngest generation, and the two older ones
THRESHOLDS = (50_000, 50, 100)


def settle_for_serving() -> None:
    """Call once start-up is done, before the process begins to serve."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
