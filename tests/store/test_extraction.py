"""What the extractor finds in a report is stored: project groups, named projects, tasks, facts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jihua.example import example_document
from jihua.extract import extract
from jihua.store import Store
from jihua.store.dump import export_dict
from jihua.store.schema import Change, Fact, Project, ProjectBreakdown, ProjectGroup, Task

from .conftest import seed_bytes, seed_text


def _group(session: Session, label: str) -> ProjectGroup:
    return session.scalars(select(ProjectGroup).where(ProjectGroup.label == label)).one()


def _lines(session: Session, group: ProjectGroup, dimension: str) -> list[ProjectBreakdown]:
    return list(
        session.scalars(
            select(ProjectBreakdown)
            .where(ProjectBreakdown.group_id == group.id, ProjectBreakdown.dimension == dimension)
            .order_by(ProjectBreakdown.position)
        )
    )


def test_the_384_government_projects_are_stored_as_stated(seeded: Store) -> None:
    with Session(seeded.engine) as session:
        group = _group(session, "政府投资项目")
        stages = _lines(session, group, "stage")
        areas = _lines(session, group, "area")
    assert (group.count, group.total_investment, group.annual_investment) == (384, 833.6, 156.5)
    assert (group.year, group.unit) == (2024, "亿元")
    assert [line.label for line in stages][:2] == ["新开工项目", "续建项目"]
    assert len(stages) == 3 and len(areas) == 11
    # as stated, not summed: the three stages add up to 156.4, the eleven areas to 156.6
    assert round(sum(line.annual_investment or 0 for line in stages), 1) == 156.4
    assert round(sum(line.annual_investment or 0 for line in areas), 1) == 156.6


def test_groups_and_breakdown_lines_keep_their_quotes(seeded: Store) -> None:
    text = seed_text()
    with Session(seeded.engine) as session:
        rows = [*session.scalars(select(ProjectGroup)), *session.scalars(select(ProjectBreakdown))]
    assert rows
    for row in rows:
        assert row.start is not None and row.end is not None
        assert text[row.start : row.end] == row.quote


def test_the_other_groups_of_the_report_are_stored(seeded: Store) -> None:
    with Session(seeded.engine) as session:
        district = _group(session, "区级重点项目")
        city = _group(session, "市级重点项目")
        sources = _lines(session, district, "source")
    assert (district.count, district.total_investment, district.annual_investment) == (
        93,
        1820.7,
        236.1,
    )
    assert (city.count, city.annual_investment) == (48, 154.3)
    assert [(s.label, s.count) for s in sources] == [("政府投资项目", 55), ("社会投资项目", 38)]


def test_named_projects_of_box_2_are_project_rows_without_a_lead_unit(seeded: Store) -> None:
    with Session(seeded.engine) as session:
        box = _group(session, "制造业实施重点项目")
        projects = list(
            session.scalars(
                select(Project).where(Project.group_id == box.id).order_by(Project.position)
            )
        )
    assert box.count is None
    expected = [n for g in extract(example_document())["projects"] for n in g["names"]]
    assert len(projects) == 31 < len(expected)
    first = projects[0]
    assert (first.stage, first.name) == ("开工", "卡涞高性能复合材料轻量化零部件研发及制造（二期）")
    assert all(p.lead_unit is None for p in projects)


def test_the_28_tasks_are_stored_with_area_commitments_and_span(seeded: Store) -> None:
    text = seed_text()
    with Session(seeded.engine) as session:
        tasks = list(session.scalars(select(Task).order_by(Task.position)))
    assert len(tasks) == 28
    first = tasks[0]
    assert (first.number, first.title) == ("1", "强化制造业引擎作用")
    assert first.area and first.area.startswith("着力推动制造业能级提升")
    assert first.start is not None and text[first.start : first.end] == first.quote
    assert {"indicator": "规上工业产值", "value": 2700.0}.items() <= first.commitments[0].items()


def test_every_prose_fact_is_stored_with_its_quote(seeded: Store) -> None:
    facts = extract(example_document())["facts"]
    text = seed_text()
    with Session(seeded.engine) as session:
        rows = list(session.scalars(select(Fact).order_by(Fact.position)))
    assert len(rows) == len(facts)
    first = rows[0]
    assert (first.indicator, first.year, first.kind, first.status) == (
        "地区生产总值",
        2023,
        "level",
        "actual",
    )
    assert (first.value, first.unit, first.qualifier) == (1600.0, "亿元", "以上")
    assert all(text[row.start : row.end] == row.quote for row in rows)


def test_a_second_ingest_of_the_same_report_adds_no_rows(seeded: Store) -> None:
    before = export_dict(seeded.engine)
    seeded.ingest_bytes(seed_bytes(), "again.txt")
    assert export_dict(seeded.engine) == before


def test_a_revised_report_updates_groups_and_facts_and_logs_the_old_values(seeded: Store) -> None:
    text = seed_text()
    old = "2024年拟实施政府投资项目384个，总投资833.6亿元"
    new = "2024年拟实施政府投资项目390个，总投资840.2亿元"
    growth = "增长7.5%以上"
    assert old in text and text.count(growth) == 1
    revised = text.replace(old, new).replace(growth, "增长7.6%以上")
    with Session(seeded.engine) as session:
        counts = {m: session.scalar(select(func.count()).select_from(m)) for m in (Fact, Task)}
    result = seeded.ingest_bytes(revised.encode("utf-8"), "revised.txt", who="测试")
    assert result.status == "revised"
    with Session(seeded.engine) as session:
        group = _group(session, "政府投资项目")
        assert (group.count, group.total_investment) == (390, 840.2)
        assert revised[group.start : group.end] == group.quote
        moves = {
            (c.table_name, c.field, c.old, c.new)
            for c in session.scalars(select(Change).where(Change.why == "ingest revised.txt"))
        }
        for model, count in counts.items():
            assert session.scalar(select(func.count()).select_from(model)) == count
    assert ("project_groups", "count", "384", "390") in moves
    assert ("project_groups", "total_investment", "833.6", "840.2") in moves
    assert ("facts", "value", "7.5", "7.6") in moves
