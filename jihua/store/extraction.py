"""Projects and tasks from the extractor's output (``jihua.extract.extract``).

The extractor gives plain dicts. Known keys fill columns; anything else is
kept in ``extra``. A project is matched across revisions by its name, a task
by its number and title, so that a revised report updates them in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.changes import record_new, set_field
from jihua.store.figures import Source
from jihua.store.schema import Plan, Project, Task

PROJECT_FIELDS = (
    "stage",
    "source",
    "area",
    "total_investment",
    "annual_investment",
    "completed_investment",
    "lead_unit",
)
TASK_FIELDS = ("area", "lead_department", "commitments")
_PROVENANCE = ("quote", "start", "end")


def store_projects(
    session: Session, plan: Plan, projects: Iterable[Mapping[str, Any]], source: Source
) -> None:
    for position, item in enumerate(projects):
        name = str(item.get("name") or "").strip()
        if not name:
            continue
        row = session.scalar(
            select(Project).where(Project.plan_id == plan.id, Project.name == name)
        )
        values = {key: item.get(key) for key in PROJECT_FIELDS}
        values["completed_investment"] = values["completed_investment"] or {}
        if row is None:
            row = Project(
                plan_id=plan.id, position=position, name=name, **values, **_cited(item, source)
            )
            row.extra = _extra(item, ("name", *PROJECT_FIELDS))
            session.add(row)
            record_new(session, row, "name", source.who, source.why)
            continue
        _update(session, row, values, source)


def store_tasks(
    session: Session, plan: Plan, tasks: Iterable[Mapping[str, Any]], source: Source
) -> None:
    for position, item in enumerate(tasks):
        title = str(item.get("title") or "").strip()
        if not title:
            continue
        number = item.get("number")
        number = None if number is None else str(number)
        row = session.scalar(
            select(Task).where(Task.plan_id == plan.id, Task.title == title, Task.number == number)
        )
        values = {key: item.get(key) for key in TASK_FIELDS}
        values["commitments"] = values["commitments"] or []
        if row is None:
            row = Task(
                plan_id=plan.id,
                position=position,
                number=number,
                title=title,
                **values,
                **_cited(item, source),
            )
            row.extra = _extra(item, ("title", "number", *TASK_FIELDS))
            session.add(row)
            record_new(session, row, "title", source.who, source.why)
            continue
        _update(session, row, values, source)


def _update(session: Session, row: Project | Task, values: dict[str, Any], source: Source) -> None:
    for key, value in values.items():
        set_field(session, row, key, value, source.who, source.why)


def _cited(item: Mapping[str, Any], source: Source) -> dict[str, Any]:
    return {"document_id": source.document_id, **{key: item.get(key) for key in _PROVENANCE}}


def _extra(item: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in (*known, *_PROVENANCE)}
