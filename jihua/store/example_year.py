"""An illustrative year for the bundled 涪陵区 2024 plan: 示例数据, not official statistics.

``jihua serve --demo`` stores it once the bundled report is in, so that the
调度 page has something to show in every colour. Three files in
``jihua/data/``, each of them written with the source ``示例数据（非官方统计）``:

* ``example-2024-monthly.csv`` — cumulative values by period, in the format of
  ``jihua import`` (and last year's grain harvest by month, a seasonal profile);
* ``example-2024-projects.csv`` — annual plan, lead unit, start months and
  cumulative completed investment (March to June) of the report's named projects;
* ``example-2024-tasks.csv`` — a lead department for each task and its June
  progress; three departments have not reported.

Real figures replace it through the same imports (``jihua template monthly.xlsx``).
"""

from __future__ import annotations

import csv
import io
import tempfile
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import now, record_new, set_field
from jihua.store.database import writer
from jihua.store.figures import find_plan
from jihua.store.monthly import import_monthly
from jihua.store.schema import PeriodicValue, Project, Task, TaskProgress

LABEL = "示例数据（非官方统计）"
REGION, YEAR = "涪陵区", 2024
WHO = "jihua serve --demo"
WHY = f"example year：{LABEL}"


def _data(name: str) -> str:
    return resources.files("jihua").joinpath(f"data/{name}").read_text(encoding="utf-8")


def has_periodic_values(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.scalar(select(PeriodicValue.id).limit(1)) is not None


def load_example_year(engine: Engine) -> int | None:
    """Store the example year when the 涪陵区 2024 plan is stored and has no periodic value yet.

    Returns the number of periodic values stored, or ``None`` when nothing was done.
    """
    if has_periodic_values(engine):
        return None
    with Session(engine) as session:
        try:
            find_plan(session, REGION, YEAR)
        except UserError:  # the example plan is not there: nothing to illustrate
            return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "example-2024-monthly.csv"
        path.write_text(_data("example-2024-monthly.csv"), encoding="utf-8")
        count = import_monthly(engine, path, who=WHO)
    with Session(writer(engine)) as session, session.begin():
        plan = find_plan(session, REGION, YEAR)
        _projects(session, plan.id)
        _tasks(session, plan.id)
    return count


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_data(name))))


def _projects(session: Session, plan_id: int) -> None:
    stored = {p.name: p for p in session.scalars(select(Project).where(Project.plan_id == plan_id))}
    for row in _rows("example-2024-projects.csv"):
        project = stored.get(row["项目名称"])
        if project is None:
            continue
        months = {k: float(v) for k, v in row.items() if k.startswith(f"{YEAR}-") and float(v or 0)}
        fields = {
            "annual_investment": float(row["年度计划投资（亿元）"]),
            "total_investment": float(row["总投资（亿元）"]),
            "lead_unit": row["牵头单位"],
            "planned_start": row["计划开工年月"] or None,
            "started": row["实际开工年月"] or None,
            "completed_investment": {**(project.completed_investment or {}), **months},
        }
        for field, value in fields.items():
            set_field(session, project, field, value, WHO, WHY)


def _tasks(session: Session, plan_id: int) -> None:
    stored = {t.number: t for t in session.scalars(select(Task).where(Task.plan_id == plan_id))}
    for row in _rows("example-2024-tasks.csv"):
        task = stored.get(row["序号"])
        if task is None:
            continue
        set_field(session, task, "lead_department", row["牵头单位"], WHO, WHY)
        if not row["进展状态"]:
            continue
        progress = TaskProgress(
            task_id=task.id,
            period=row["月份"],
            status=row["进展状态"],
            note=row["进展情况"],
            department=row["牵头单位"],
            recorded_at=now(),
            recorded_by=WHO,
        )
        session.add(progress)
        record_new(session, progress, "status", WHO, WHY)
