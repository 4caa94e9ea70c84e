"""Alembic environment: the connection is handed in by :func:`jihua.store.database.upgrade`.

Batch mode lets the same migrations alter tables on SQLite (which cannot
``ALTER`` most things in place) by copying them.
"""

from alembic import context

from jihua.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the command-line alembic is not used
    raise RuntimeError("run migrations through `jihua db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
