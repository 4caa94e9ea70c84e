"""The tables of the store, as SQLAlchemy 2 typed models.

::

    regions ─┬─ plans (region + year) ─┬─ indicators ─┬─ targets   (one per period)
      parent ┘                         │  parent ┘    ├─ actuals   (one per period and vintage)
                                       │              ├─ target_vintages (草案, 批准, 调整: every one kept)
                                       │              ├─ periodic_values (cumulative by month: 2024-01..06)
                                       │              │    └─ periodic_revisions (each bulletin's statement)
                                       │              └─ grades    (latest vintage, computed)
                                       ├─ project_groups ─┬─ project_breakdowns (by stage, area, source)
                                       │                  └─ projects (named; or from a project list)
                                       ├─ tasks ─ task_progress (a department's note per period)
                                       └─ facts    (prose figures of the report that proposes the plan)
    documents  — every ingested file, by the sha256 of its bytes, with its decoded text;
                 figures point back to it
    change_log — append-only: who, when, table, row, field, old, new, why

Editable rows (indicators, targets, actuals, projects, tasks) carry a
``version`` that SQLAlchemy checks on every UPDATE: an edit made against a row
someone else changed in between is refused, never silently applied.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

#: 口径 of an actual, from first to last published; a later one supersedes an earlier one.
VINTAGES: tuple[str, ...] = ("预计", "快报", "年报")
#: Versions of a year's target: the draft the previous year's report proposes, the plan the
#: congress approved, a mid-year adjustment. The latest approved one (调整 over 批准) is used.
TARGET_VINTAGES: tuple[str, ...] = ("草案", "批准", "调整")
#: A task's progress as its lead department reports it for a period.
TASK_STATUSES: tuple[str, ...] = ("未启动", "推进中", "已完成", "滞后")

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Versioned:
    """A row users edit: its version goes up by one on every change."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Provenance:
    """Where a figure came from: a document, the quote, its character offsets."""

    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    quote: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class Region(Base):
    __tablename__ = "regions"
    __table_args__ = (UniqueConstraint("name", "parent_id", name="uq_regions_name_parent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    report_year: Mapped[int | None] = mapped_column(Integer)
    plan_year: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingested_by: Mapped[str] = mapped_column(String(100))
    #: the decoded text that provenance offsets point into; none for rows stored before 0005
    text: Mapped[str | None] = mapped_column(Text)


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("region_id", "year", name="uq_plans_region_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    approving_session: Mapped[str | None] = mapped_column(String(200))


class Indicator(Versioned, Base):
    __tablename__ = "indicators"
    __table_args__ = (Index("ix_indicators_plan_name", "plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id"))
    position: Mapped[int] = mapped_column(Integer)
    no: Mapped[str | None] = mapped_column(String(20))
    prefix: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), index=True)
    unit: Mapped[str | None] = mapped_column(String(50))
    category: Mapped[str | None] = mapped_column(String(100))
    binding: Mapped[bool] = mapped_column(Boolean, default=False)


class FigureColumns(Provenance):
    """A target or actual: the text as written and the parsed value."""

    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[float | None] = mapped_column(Float)
    parsed: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: ``year``, a month ``2024-03`` or a quarter ``2024Q1``
    period: Mapped[str] = mapped_column(String(10), default="year")


class Target(Versioned, FigureColumns, Base):
    __tablename__ = "targets"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period", name="uq_targets_indicator_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))


class Actual(Versioned, FigureColumns, Base):
    __tablename__ = "actuals"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id", "period", "vintage", name="uq_actuals_indicator_period_vintage"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    vintage: Mapped[str] = mapped_column(String(10))
    #: position of the vintage in :data:`VINTAGES`: the highest is the latest word
    vintage_rank: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Grade(Base):
    """Computed from the latest vintage; recomputed, never edited."""

    __tablename__ = "grades"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period", name="uq_grades_indicator_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period: Mapped[str] = mapped_column(String(10), default="year")
    actual_id: Mapped[int | None] = mapped_column(ForeignKey("actuals.id"))
    key: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    ratio: Mapped[float | None] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TargetVintage(Provenance, Base):
    """One version of a year's target, kept beside the others with its source.

    ``targets`` holds the one in use: the highest vintage stored (调整 over 批准 over 草案),
    so that storing a draft after the approved plan never replaces the approved figure.
    """

    __tablename__ = "target_vintages"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id", "period", "vintage", name="uq_target_vintages_indicator_period_vintage"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    period: Mapped[str] = mapped_column(String(10), default="year")
    vintage: Mapped[str] = mapped_column(String(10))
    #: position of the vintage in :data:`TARGET_VINTAGES`
    vintage_rank: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[float | None] = mapped_column(Float)
    parsed: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PeriodicValue(Versioned, Base):
    """A figure of part of the year as statistics bureaus publish it.

    ``period`` is ``2024-01..06`` (cumulative January to June) or ``2024-06``
    (June alone); ``first_month``/``last_month`` are its months. ``kind`` is
    ``growth`` (per cent on the same period of last year) or ``level``.
    """

    __tablename__ = "periodic_values"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id",
            "period",
            "kind",
            "vintage",
            name="uq_periodic_values_indicator_period_kind_vintage",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    period: Mapped[str] = mapped_column(String(16))
    first_month: Mapped[int] = mapped_column(Integer)
    last_month: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    vintage: Mapped[str] = mapped_column(String(10))
    vintage_rank: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PeriodicRevision(Provenance, Base):
    """One bulletin's statement of a periodic value, kept beside the later ones.

    The statements of a value, in the order of their bulletins (publishing date where
    known, else the order they were stored), are its first figure (初值) and its
    revisions (修订1, 修订2…); ``periodic_values.value`` is the last one
    (:mod:`jihua.store.revisions`).
    """

    __tablename__ = "periodic_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    periodic_value_id: Mapped[int] = mapped_column(ForeignKey("periodic_values.id"), index=True)
    value: Mapped[float] = mapped_column(Float)
    #: the bulletin's publishing date (``发布日期：2024-07-19``), when the page states one
    published: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProjectGroup(Provenance, Base):
    """A group of projects as the report states it: 拟实施政府投资项目384个，总投资833.6亿元…

    Totals are kept as stated, never summed from the parts (the report's own
    arithmetic does not always hold, and a reviewer wants to see that).
    """

    __tablename__ = "project_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    count: Mapped[int | None] = mapped_column(Integer)
    total_investment: Mapped[float | None] = mapped_column(Float)
    annual_investment: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(20))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ProjectBreakdown(Provenance, Base):
    """One line of a group's breakdown: 新开工项目228个，年度计划投资60.1亿元."""

    __tablename__ = "project_breakdowns"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("project_groups.id"), index=True)
    #: ``stage``, ``area`` or ``source``
    dimension: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    count: Mapped[int | None] = mapped_column(Integer)
    total_investment: Mapped[float | None] = mapped_column(Float)
    annual_investment: Mapped[float | None] = mapped_column(Float)


class Project(Versioned, Provenance, Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("project_groups.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(100))
    area: Mapped[str | None] = mapped_column(String(100))
    total_investment: Mapped[float | None] = mapped_column(Float)
    annual_investment: Mapped[float | None] = mapped_column(Float)
    completed_investment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lead_unit: Mapped[str | None] = mapped_column(String(200))
    #: 计划开工年月 and 实际开工年月 (``2024-03``), for 新开工 projects
    planned_start: Mapped[str | None] = mapped_column(String(7))
    started: Mapped[str | None] = mapped_column(String(7))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Task(Versioned, Provenance, Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    area: Mapped[str | None] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    lead_department: Mapped[str | None] = mapped_column(String(200))
    commitments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TaskProgress(Versioned, Base):
    """A lead department's progress note on a task for one month (``2024-06``)."""

    __tablename__ = "task_progress"
    __table_args__ = (UniqueConstraint("task_id", "period", name="uq_task_progress_task_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(100))


class Fact(Provenance, Base):
    """A figure of the report's prose (``jihua.extract`` facts), as stated.

    ``plan_id`` is the plan the report proposes (its identity across
    revisions, like projects and tasks); ``region_id`` and ``year`` say what
    the figure is about. ``upper`` is the top of a range (``5-6%``).
    """

    __tablename__ = "facts"
    __table_args__ = (Index("ix_facts_region_year", "region_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    position: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    upper: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))
    qualifier: Mapped[str | None] = mapped_column(String(10))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Change(Base):
    """One field of one row changed: append-only, the store never updates or deletes it."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(100))
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(50))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)


#: Tables in an order that satisfies every foreign key (for export and import).
TABLES = (
    Region,
    Document,
    Plan,
    Indicator,
    Target,
    Actual,
    Grade,
    ProjectGroup,
    ProjectBreakdown,
    Project,
    Task,
    Fact,
    Change,
    TargetVintage,
    PeriodicValue,
    PeriodicRevision,
    TaskProgress,
)
