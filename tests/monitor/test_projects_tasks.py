"""Projects' pace at a period, unstarted and lagging projects, totals; task reporting."""

from __future__ import annotations

from jihua.monitor.projects import ProjectInput, StatedTotal, completed_by, projects_at
from jihua.monitor.rules import load_monitor_rules
from jihua.monitor.tasks import TaskInput, tasks_at

RULES = load_monitor_rules()


def project(pid: int, annual: float, completed: dict[str, float], **extra: object) -> ProjectInput:
    return ProjectInput(pid, f"项目{pid}", annual, completed, **extra)  # type: ignore[arg-type]


def test_completed_investment_is_the_latest_cumulative_month_up_to_the_period() -> None:
    item = project(1, 10, {"2023-12": 9.0, "2024-03": 2.0, "2024-05": 4.0, "2024-08": 7.0})
    assert completed_by(item, 2024, 6) == 4.0
    assert completed_by(item, 2024, 2) == 0.0  # last year's figure does not count


def test_a_new_project_whose_planned_start_passed_unstarted_is_listed() -> None:
    late = project(1, 5, {}, stage="新开工", planned_start="2024-03", lead_unit="区交通局")
    not_yet = project(2, 5, {}, stage="新开工", planned_start="2024-09")
    started = project(3, 5, {}, stage="新开工", planned_start="2024-03", started="2024-04")
    spending = project(4, 5, {"2024-05": 0.5}, stage="新开工", planned_start="2024-03")
    result = projects_at([late, not_yet, started, spending], [], 2024, 6, RULES)
    assert [p.project.id for p in result.unstarted] == [1]
    assert result.unstarted[0].reason == "计划2024年3月开工，截至6月未开工"


def test_a_project_more_than_the_threshold_behind_time_is_lagging() -> None:
    edge = project(1, 10, {"2024-06": 4.0})  # 40% at 50% elapsed: exactly 10 points behind
    behind = project(2, 10, {"2024-06": 3.9})
    result = projects_at([edge, behind], [], 2024, 6, RULES)
    assert [p.project.id for p in result.lagging] == [2]
    assert result.lagging[0].reason == (
        "完成投资3.9亿元，为年度计划的39.0%，落后序时进度（50.0%）11.0个百分点"
    )


def test_totals_add_up_by_area_and_against_the_plans_stated_total() -> None:
    items = [
        project(1, 60.1, {"2024-06": 30.0}, area="交通", lead_unit="区交通局"),
        project(2, 69.9, {"2024-06": 40.0}, area="市政", lead_unit="区住房城乡建委"),
        project(3, 26.4, {"2024-06": 10.0}, area="交通", lead_unit="区交通局"),
    ]
    stated = [StatedTotal("政府投资项目", 156.5, 3), StatedTotal("区级重点项目", 236.1, 93)]
    result = projects_at(items, stated, 2024, 6, RULES)
    assert (result.planned, result.completed) == (156.4, 80.0)
    assert [(s.label, s.planned, s.completed) for s in result.groups["area"]] == [
        ("交通", 86.5, 40.0),
        ("市政", 69.9, 40.0),
    ]
    # the list is set against the stated group of its own count, not one it only partly makes up
    assert result.totals == [
        "政府投资项目3个项目年度计划投资合计156.4亿元，与计划所列156.5亿元相差0.1亿元"
    ]


def test_a_project_not_yet_due_to_start_is_neither_lagging_nor_unstarted() -> None:
    later = project(1, 10, {}, stage="新开工", planned_start="2024-09")
    result = projects_at([later], [], 2024, 6, RULES)
    assert (result.lagging, result.unstarted) == ([], [])


def test_departments_that_have_not_reported_are_named_once() -> None:
    tasks = [
        TaskInput(1, "1", "强化制造业引擎作用", "区经济信息委", "推进中"),
        TaskInput(2, "2", "加快发展数字经济", "区经济信息委", None),
        TaskInput(3, "3", "扩大有效投资", "区发展改革委", None),
        TaskInput(4, "4", "提升城市品质", "区住房城乡建委", "滞后"),
    ]
    result = tasks_at(tasks, RULES)
    assert result.reported == 2
    assert result.not_reported == ["区发展改革委", "区经济信息委"]
    assert result.by_status == {"推进中": 1, "未报送": 2, "滞后": 1}
