"""What ``jihua serve`` sets up on a fresh database: the bundled example, and demo users.

Demo users exist only when asked (``--demo``): one per role, sharing
:data:`DEMO_PASSWORD`, so that a fresh clone can log in and look around. The
department user belongs to the unit that leads the most stored projects
(``区经济信息委`` when no project is stored yet).
"""

from __future__ import annotations

from importlib import resources

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.example import EXAMPLE
from jihua.store.ingest import IngestResult, ingest_bytes
from jihua.store.schema import Plan
from jihua.web.auth import CurrentUser, add_user
from jihua.web.models import User
from jihua.web.plans import lead_units

DEMO_PASSWORD = "jihua-demo-2024"
FALLBACK_DEPARTMENT = "区经济信息委"


def has_plan(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.scalar(select(Plan.id).limit(1)) is not None


def ingest_example(engine: Engine) -> IngestResult | None:
    """Store the bundled 涪陵区 report when the database holds no plan yet."""
    if has_plan(engine):
        return None
    data = resources.files("jihua").joinpath(f"data/{EXAMPLE}").read_bytes()
    return ingest_bytes(engine, data, EXAMPLE, "jihua serve")


def demo_users(engine: Engine) -> list[CurrentUser]:
    """planner / reviewer / department / admin, created when missing."""
    with Session(engine) as session:
        units = lead_units(session)
        present = set(session.scalars(select(User.name)))
    department = units[0] if units else FALLBACK_DEPARTMENT
    wanted = [
        ("planner", "planner", None),
        ("reviewer", "reviewer", None),
        ("dept", "department", department),
        ("admin", "admin", None),
    ]
    return [
        add_user(engine, name, role, DEMO_PASSWORD, dept)
        for name, role, dept in wanted
        if name not in present
    ]
