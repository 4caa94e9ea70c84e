"""What waits for a user: a department's items to report on, a planner's comments to answer.

我的填报 lists every item a department writes (:mod:`jihua.web.permissions`):
the indicators, projects and tasks a planner assigned to it, and the projects
and tasks its unit leads as printed. Each says what is due:

==========  ===================================  ======================================
item        due (待填报)                           done (已填报)
==========  ===================================  ======================================
indicator   no actual of any vintage yet          the latest actual and its vintage
project     no completed investment entered       the latest month's cumulative amount
task        no progress reported yet              the latest month's status and note
==========  ===================================  ======================================

待回复意见 are the comments still open (``state == "open"``), newest first,
each with the item it is about; planners see their count in the navigation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jihua.store.grading import latest_actuals
from jihua.store.progress import latest_progress
from jihua.store.schema import Indicator, Plan, Project, Region, Task
from jihua.web.assignments import assigned_rows
from jihua.web.auth import CurrentUser
from jihua.web.models import Comment
from jihua.web.permissions import leads

KIND_WORDS = {"indicators": "指标", "projects": "项目", "tasks": "任务"}


@dataclass
class WorkItem:
    kind: str  # indicators, projects or tasks
    id: int
    name: str
    region: str
    year: int
    why: str  # 指派 or 牵头
    due: bool
    status: str
    version: int | None = None
    vintage: str | None = None
    month: str | None = None  # a task's latest month reported
    report_status: str | None = None  # and that month's status and note, for its form
    report_note: str | None = None

    @property
    def path(self) -> str:
        return f"/{self.kind}/{self.id}"

    @property
    def kind_word(self) -> str:
        return KIND_WORDS[self.kind]


@dataclass
class OpenComment:
    comment: Comment
    kind_word: str
    item: str
    path: str


def my_items(engine: Engine, user: CurrentUser) -> list[WorkItem]:
    """A department's items, those due first, then by plan, kind and name."""
    department = user.department
    if user.role != "department" or not department:
        return []
    with Session(engine) as session:
        plans = _plan_names(session)
        items = [
            *_indicator_items(session, department, plans),
            *_project_items(session, department, plans),
            *_task_items(session, department, plans),
        ]
    kinds = list(KIND_WORDS)
    return sorted(items, key=lambda i: (not i.due, -i.year, kinds.index(i.kind), i.name))


def _plan_names(session: Session) -> dict[int, tuple[str, int]]:
    rows = session.execute(
        select(Plan.id, Region.name, Plan.year).join(Region, Plan.region_id == Region.id)
    )
    return {plan_id: (region, year) for plan_id, region, year in rows}


def _indicator_items(
    session: Session, department: str, plans: dict[int, tuple[str, int]]
) -> list[WorkItem]:
    ids = assigned_rows(session, "indicators", department)
    indicators = session.scalars(select(Indicator).where(Indicator.id.in_(ids))).all()
    actuals = latest_actuals(session, [i.id for i in indicators])
    items = []
    for row in indicators:
        actual = actuals.get(row.id)
        unit = f"（{row.unit}）" if row.unit else ""
        status = f"完成 {actual.text}（{actual.vintage}）" if actual else "尚无完成值"
        items.append(
            WorkItem(
                "indicators",
                row.id,
                f"{row.prefix or ''}{row.name}{unit}",
                *plans[row.plan_id],
                "指派",
                actual is None,
                status,
                actual.version if actual else None,
                actual.vintage if actual else None,
            )
        )
    return items


def _project_items(
    session: Session, department: str, plans: dict[int, tuple[str, int]]
) -> list[WorkItem]:
    assigned = assigned_rows(session, "projects", department)
    items = []
    for row in session.scalars(select(Project).order_by(Project.id)):
        why = _why(row.id in assigned, leads(department, row.lead_unit))
        if why is None:
            continue
        months = row.completed_investment or {}
        latest = max(months) if months else None
        status = f"{latest} 累计完成 {months[latest]} 亿元" if latest else "尚无完成投资"
        region, year = plans[row.plan_id]
        items.append(
            WorkItem(
                "projects", row.id, row.name, region, year, why, latest is None, status, row.version
            )
        )
    return items


def _task_items(
    session: Session, department: str, plans: dict[int, tuple[str, int]]
) -> list[WorkItem]:
    assigned = assigned_rows(session, "tasks", department)
    rows = [
        (row, why)
        for row in session.scalars(select(Task).order_by(Task.id))
        if (why := _why(row.id in assigned, leads(department, row.lead_department)))
    ]
    reports = latest_progress(session, [row.id for row, _ in rows])
    items = []
    for row, why in rows:
        report = reports.get(row.id)
        earlier = (row.extra or {}).get("progress")  # a note from before monthly reports
        if report is not None:
            status = f"{report.period} {report.status}" + (
                f"：{report.note}" if report.note else ""
            )
        else:
            status = f"进展：{earlier}" if earlier else "尚无进展"
        name = f"{row.number or ''} {row.title}".strip()
        region, year = plans[row.plan_id]
        due = report is None and not earlier
        version = report.version if report is not None else 0
        month = report.period if report is not None else None
        items.append(
            WorkItem(
                "tasks",
                row.id,
                name,
                region,
                year,
                why,
                due,
                status,
                version,
                month=month,
                report_status=report.status if report is not None else None,
                report_note=report.note if report is not None else None,
            )
        )
    return items


def _why(assigned: bool, led: bool) -> str | None:
    if assigned:
        return "指派"
    return "牵头" if led else None


def open_comment_count(engine: Engine) -> int:
    with Session(engine) as session:
        count = session.scalar(select(func.count()).where(Comment.state == "open"))
    return int(count or 0)


def open_comments(engine: Engine) -> list[OpenComment]:
    """Comments awaiting an answer, newest first, each named by the item it is about."""
    with Session(engine) as session:
        comments = session.scalars(
            select(Comment).where(Comment.state == "open").order_by(Comment.id.desc())
        ).all()
        names = _item_names(session, comments)
        return [
            OpenComment(
                c,
                KIND_WORDS.get(c.table_name, c.table_name),
                names.get((c.table_name, c.row_id), f"编号 {c.row_id}"),
                f"/{c.table_name}/{c.row_id}",
            )
            for c in comments
        ]


def _item_names(session: Session, comments: Sequence[Comment]) -> dict[tuple[str, int], str]:
    def ids(kind: str) -> list[int]:
        return [c.row_id for c in comments if c.table_name == kind]

    queries = {
        "indicators": select(Indicator.id, Indicator.name).where(
            Indicator.id.in_(ids("indicators"))
        ),
        "projects": select(Project.id, Project.name).where(Project.id.in_(ids("projects"))),
        "tasks": select(Task.id, Task.title).where(Task.id.in_(ids("tasks"))),
    }
    return {
        (kind, row_id): name
        for kind, query in queries.items()
        for row_id, name in session.execute(query)
    }
