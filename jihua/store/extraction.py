"""Projects, tasks and prose facts from the extractor's output (``jihua.extract.extract``).

The extractor gives plain dicts; this module turns them into rows.

- ``projects`` are *groups* as the report states them (``拟实施政府投资项目384个，
  总投资833.6亿元…``) with ``breakdowns`` by stage, area and source and the
  ``names`` of the projects it lists. A group becomes a ``project_groups`` row,
  each breakdown line a ``project_breakdowns`` row (totals as stated, never
  summed), each name a ``projects`` row (stage, group, name; lead unit empty
  until assigned).
- ``tasks`` become ``tasks`` rows (area, number, title, commitments, span).
- ``facts`` become ``facts`` rows (see :func:`store_facts`).

A revised report updates rows in place. Rows are matched by what identifies
them in the text: a group by its label, a breakdown line by its dimension and
label, a named project by its group and name, a task by its number and title,
a fact by indicator, year, kind and status (and the order among equals). A
changed value is logged; a breakdown line or fact the revision no longer
states is deleted and the deletion logged. Projects and tasks are never
deleted by a revision: users attach lead units and progress to them.

:func:`store_projects` keeps taking flat project dicts (``name``, ``stage``,
…), as a project list or a test fixture gives them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jihua.store.changes import Pending, as_text, log, record_new, set_field
from jihua.store.figures import Source
from jihua.store.schema import Base, Fact, Plan, Project, ProjectBreakdown, ProjectGroup, Task

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
GROUP_FIELDS = ("year", "count", "total_investment", "annual_investment", "unit")
LINE_FIELDS = ("count", "total_investment", "annual_investment")
FACT_FIELDS = ("value", "upper", "unit", "qualifier")
_PROVENANCE = ("quote", "start", "end")

Row = TypeVar("Row", bound=Base)


def store_projects(
    session: Session, plan: Plan, projects: Iterable[Mapping[str, Any]], source: Source
) -> None:
    """Flat projects (one dict each, with ``name``), matched by name within the plan."""
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


def store_project_groups(
    session: Session, plan: Plan, groups: Sequence[Mapping[str, Any]], source: Source
) -> None:
    """The extractor's project groups, their breakdown lines and named projects."""
    known = {
        (row.label, n): row
        for row, n in _numbered(
            session.scalars(
                select(ProjectGroup)
                .where(ProjectGroup.plan_id == plan.id)
                .order_by(ProjectGroup.position)
            ).all(),
            lambda row: row.label,
        )
    }
    pending = Pending()
    named = _named_projects(session, plan)
    position = len(named)
    for index, (item, n) in enumerate(_numbered(groups, lambda item: str(item.get("label")))):
        group = known.get((str(item.get("label")), n))
        if group is None:
            group = _new_group(session, plan, index, item, source)
        else:
            group.position = index
            _update_cited(session, group, item, GROUP_FIELDS, source)
        _store_breakdowns(session, group, item.get("breakdowns") or {}, source, pending)
        position = _store_names(session, plan, group, item, source, named, position, pending)
    pending.log_all(session, source.who, source.why)


def _new_group(
    session: Session, plan: Plan, position: int, item: Mapping[str, Any], source: Source
) -> ProjectGroup:
    group = ProjectGroup(
        plan_id=plan.id,
        position=position,
        label=str(item.get("label")),
        **{key: item.get(key) for key in GROUP_FIELDS},
        **_cited(item, source),
    )
    group.extra = _extra(item, ("label", "breakdowns", "names", *GROUP_FIELDS))
    session.add(group)
    record_new(session, group, "label", source.who, source.why)
    return group


def _store_breakdowns(
    session: Session,
    group: ProjectGroup,
    breakdowns: Mapping[str, Sequence[Mapping[str, Any]]],
    source: Source,
    pending: Pending,
) -> None:
    stored = session.scalars(
        select(ProjectBreakdown)
        .where(ProjectBreakdown.group_id == group.id)
        .order_by(ProjectBreakdown.position)
    ).all()
    known = dict(_keyed(stored, lambda row: (row.dimension, row.label)))
    seen: set[Hashable] = set()
    incoming = [(dim, line) for dim, lines in breakdowns.items() for line in lines]
    for position, (key, (dimension, line)) in enumerate(
        _keyed(incoming, lambda pair: (pair[0], str(pair[1].get("label"))))
    ):
        seen.add(key)
        row = known.get(key)
        if row is None:
            row = ProjectBreakdown(
                group_id=group.id,
                dimension=dimension,
                position=position,
                label=str(line.get("label")),
                **{name: line.get(name) for name in LINE_FIELDS},
                **_cited(line, source),
            )
            session.add(row)
            pending.add(row, "label")
            continue
        row.position = position
        _update_cited(session, row, line, LINE_FIELDS, source)
    _delete_unseen(session, known, seen, "label", source)


def _named_projects(session: Session, plan: Plan) -> dict[tuple[int | None, str], Project]:
    rows = session.scalars(select(Project).where(Project.plan_id == plan.id)).all()
    return {(row.group_id, row.name): row for row in rows}


def _store_names(
    session: Session,
    plan: Plan,
    group: ProjectGroup,
    item: Mapping[str, Any],
    source: Source,
    named: dict[tuple[int | None, str], Project],
    position: int,
    pending: Pending,
) -> int:
    for entry in item.get("names") or []:
        name = str(entry.get("name") or "").strip()
        if not name:
            continue
        row = named.get((group.id, name))
        if row is not None:
            set_field(session, row, "stage", entry.get("stage"), source.who, source.why)
            continue
        row = Project(
            plan_id=plan.id,
            group_id=group.id,
            position=position,
            name=name,
            stage=entry.get("stage"),
            completed_investment={},
            extra={},
            document_id=source.document_id,
        )
        session.add(row)
        pending.add(row, "name")
        named[(group.id, name)] = row
        position += 1
    return position


def store_tasks(
    session: Session, plan: Plan, tasks: Iterable[Mapping[str, Any]], source: Source
) -> None:
    """Numbered tasks, matched by number and title within the plan."""
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
        row.position = position
        _update(session, row, values, source)
        _set_provenance(row, item, source)


def store_facts(
    session: Session,
    plan: Plan,
    region_id: int,
    facts: Sequence[Mapping[str, Any]],
    source: Source,
) -> None:
    """The prose facts of the report that proposes ``plan``, as stated, with provenance."""
    stored = session.scalars(
        select(Fact).where(Fact.plan_id == plan.id).order_by(Fact.position)
    ).all()
    known = dict(_keyed(stored, _fact_key))
    seen: set[Hashable] = set()
    pending = Pending()
    new_rows = []
    for position, (key, item) in enumerate(_keyed(facts, _fact_key)):
        seen.add(key)
        row = known.get(key)
        if row is None:
            row = _new_fact(plan, region_id, position, item, source)
            new_rows.append(row)
            pending.add(row, "indicator")
            continue
        row.position = position
        _update_cited(session, row, item, FACT_FIELDS, source)
    session.add_all(new_rows)
    _delete_unseen(session, known, seen, "indicator", source)
    pending.log_all(session, source.who, source.why)


def _fact_key(item: Any) -> Hashable:
    get = item.get if isinstance(item, Mapping) else lambda name: getattr(item, name)
    return (str(get("indicator")), get("year"), str(get("kind")), str(get("status")))


def _new_fact(
    plan: Plan, region_id: int, position: int, item: Mapping[str, Any], source: Source
) -> Fact:
    known = ("indicator", "year", "kind", "status", *FACT_FIELDS)
    return Fact(
        plan_id=plan.id,
        region_id=region_id,
        position=position,
        indicator=str(item.get("indicator")),
        year=item.get("year"),
        kind=str(item.get("kind")),
        status=str(item.get("status")),
        **{name: item.get(name) for name in FACT_FIELDS},
        extra=_extra(item, known),
        **_cited(item, source),
    )


def _numbered(items: Iterable[Row] | Iterable[Any], key: Callable[[Any], Hashable]) -> list[Any]:
    """Each item with its occurrence number among items of the same key (0, 1, …)."""
    seen: Counter[Hashable] = Counter()
    numbered = []
    for item in items:
        numbered.append((item, seen[key(item)]))
        seen[key(item)] += 1
    return numbered


def _keyed(items: Iterable[Any], key: Callable[[Any], Hashable]) -> list[tuple[Hashable, Any]]:
    """Each item under a key that tells equal-looking items apart by their order."""
    return [((key(item), n), item) for item, n in _numbered(items, key)]


def _delete_unseen(
    session: Session,
    known: Mapping[Hashable, Base],
    seen: set[Hashable],
    field: str,
    source: Source,
) -> None:
    for key, row in known.items():
        if key not in seen:
            log(session, row, field, as_text(getattr(row, field)), None, source.who, source.why)
            session.delete(row)


def _update(session: Session, row: Base, values: dict[str, Any], source: Source) -> None:
    for key, value in values.items():
        set_field(session, row, key, value, source.who, source.why)


def _update_cited(
    session: Session, row: Base, item: Mapping[str, Any], fields: Sequence[str], source: Source
) -> None:
    _update(session, row, {name: item.get(name) for name in fields}, source)
    _set_provenance(row, item, source)


def _set_provenance(row: Base, item: Mapping[str, Any], source: Source) -> None:
    for name, value in _cited(item, source).items():
        setattr(row, name, value)


def _cited(item: Mapping[str, Any], source: Source) -> dict[str, Any]:
    return {"document_id": source.document_id, **{key: item.get(key) for key in _PROVENANCE}}


def _extra(item: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in (*known, *_PROVENANCE)}
