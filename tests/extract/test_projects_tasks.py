from __future__ import annotations

from typing import Any

import pytest

from jihua.document import Document, read_bytes
from jihua.extract import extract
from jihua.extract.projects import split_names


@pytest.fixture(scope="module")
def seed_extraction(seed_document: Document) -> dict[str, Any]:
    return extract(seed_document)


def _group(extraction: dict[str, Any], label: str) -> dict[str, Any]:
    return next(g for g in extraction["projects"] if g["label"] == label)


def test_government_projects_keep_stated_totals_and_parts(
    seed_extraction: dict[str, Any], seed_document: Document
) -> None:
    group = _group(seed_extraction, "政府投资项目")
    assert (group["count"], group["total_investment"], group["annual_investment"]) == (
        384,
        833.6,
        156.5,
    )
    stages = [
        (p["label"], p["count"], p["annual_investment"]) for p in group["breakdowns"]["stage"]
    ]
    assert stages == [("新开工项目", 228, 60.1), ("续建项目", 28, 69.9), ("完工项目", 128, 26.4)]
    areas = group["breakdowns"]["area"]
    assert len(areas) == 11 and areas[-1]["label"] == "其他类项目"
    for part in [*group["breakdowns"]["stage"], *areas, group]:
        assert seed_document.text[part["start"] : part["end"]] == part["quote"]


def test_district_key_projects_by_source_and_stage_without_the_preparatory_ones(
    seed_extraction: dict[str, Any],
) -> None:
    group = _group(seed_extraction, "区级重点项目")
    assert (group["count"], group["total_investment"], group["annual_investment"]) == (
        93,
        1820.7,
        236.1,
    )
    source = [(p["count"], p["annual_investment"]) for p in group["breakdowns"]["source"]]
    assert source == [(55, 97.6), (38, 138.5)]
    stage = [(p["count"], p["annual_investment"]) for p in group["breakdowns"]["stage"]]
    assert stage == [(35, 33.3), (43, 188.8), (15, 14.0)]
    preparatory = _group(seed_extraction, "前期论证项目")
    assert (preparatory["count"], preparatory["total_investment"]) == (39, 468.5)
    municipal = _group(seed_extraction, "市级重点项目")
    assert (municipal["count"], municipal["annual_investment"]) == (48, 154.3)


def test_manufacturing_box_names_split_with_capacity_kept(seed_extraction: dict[str, Any]) -> None:
    box = next(g for g in seed_extraction["projects"] if g["label"].startswith("制造业"))
    names = {(n["stage"], n["name"]) for n in box["names"]}
    assert ("开工", "华峰年产138万吨功能性新材料一体化产业链") in names
    assert ("续建", "瑞浦兰钧年产30GWh电芯及PACK生产基地") in names
    assert not any(n["name"].endswith("等项目") for n in box["names"])
    assert {n["stage"] for n in box["names"]} == {"开工", "续建", "竣工"}


def test_names_split_on_dunhao_outside_brackets() -> None:
    assert split_names("A（一期、二期）、B、C等项目。") == ["A（一期、二期）", "B", "C"]


def test_eight_areas_and_twenty_eight_tasks(seed_extraction: dict[str, Any]) -> None:
    assert len(seed_extraction["task_areas"]) == 8
    tasks = seed_extraction["tasks"]
    assert [t["number"] for t in tasks] == list(range(1, 29))
    assert tasks[2]["title"] == "推进制造业“亩均论英雄”"
    assert tasks[8]["area_number"] == 3


def test_numbered_line_inside_a_box_is_not_a_task(seed_extraction: dict[str, Any]) -> None:
    assert not any(t["title"].startswith("竣工项目") for t in seed_extraction["tasks"])


def test_task_commitments_are_the_facts_inside_it(seed_extraction: dict[str, Any]) -> None:
    tasks = seed_extraction["tasks"]
    science = tasks[6]["commitments"]
    assert any(c["value"] == 5 and c["unit"] == "家" for c in science)
    digital = tasks[3]["commitments"]
    assert any(c["value"] == 200 and c["unit"] == "座" for c in digital)
    assert all(
        c["status"] == "target" and c["year"] == 2024 for t in tasks for c in t["commitments"]
    )


AREAS_ONLY = (
    "某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
    "一、2023年计划执行情况\n　　全县地区生产总值增长6.8%。\n"
    "{heading}\n"
    "　　（一）扩大有效投资。实施重点项目150个，年度计划投资180亿元。\n"
    "　　（二）做强实体经济。新培育规上工业企业30家。\n"
)


@pytest.mark.parametrize("heading", ["三、2024年重点工作", "第三部分 2024年重点工作"])
def test_areas_without_numbered_tasks_carry_their_commitments(heading: str) -> None:
    result = extract(read_bytes(AREAS_ONLY.format(heading=heading).encode(), "areas.txt"))
    assert result["tasks"] == []
    areas = result["task_areas"]
    assert [area["title"] for area in areas] == ["扩大有效投资", "做强实体经济"]
    assert [[c["value"] for c in area["commitments"]] for area in areas] == [[150.0, 180.0], [30.0]]


def test_areas_with_numbered_tasks_leave_the_commitments_to_the_tasks(
    seed_extraction: dict[str, Any],
) -> None:
    assert all(area["commitments"] == [] for area in seed_extraction["task_areas"])
    assert sum(len(task["commitments"]) for task in seed_extraction["tasks"]) > 100


BOX_IN_THE_FLOW = (
    "某某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
    "一、2023年计划执行情况\n　　全区地区生产总值增长6.1%。\n"
    "{heading}\n"
    "（一）着力扩大有效需求。\n"
    "1．积极扩大有效投资。开工项目35个，力争区级重点项目完成投资230亿元以上。\n"
    "2．促进消费恢复提振。社会消费品零售总额增长7%。\n"
    "专栏3： 2024年区级重点项目计划\n"
    "一、区级重点项目\n"
    "2024年拟实施区级重点项目93个，年度计划投资236.1亿元。\n"
    "1．新开工项目35个，年度计划投资33.3亿元。\n"
    "2．续建项目43个，年度计划投资188.8亿元。\n"
    "二、市级重点项目\n"
    "2024年拟实施市级重点建设项目48个，年度计划投资154.3亿元。\n"
    "（二）着力推进乡村振兴。\n"
    "3．大力发展现代农业。新建高标准农田3万亩。\n"
    "{closing}\n"
    "1．这一行不是任务。\n"
)


@pytest.mark.parametrize(
    ("heading", "closing"),
    [("三、2024年主要任务", "四、保障措施"), ("第三部分 2024年重点工作", "第四部分 工作要求")],
)
def test_a_box_printed_in_the_flow_does_not_end_the_task_section(
    heading: str, closing: str
) -> None:
    """A PDF prints a 专栏 box in the text flow, with headings (一、二、) and numbered
    lines of its own: the tasks after it are still the section's, up to the next section."""
    text = BOX_IN_THE_FLOW.format(heading=heading, closing=closing)
    result = extract(read_bytes(text.encode(), "report.txt"))
    tasks = result["tasks"]
    assert [task["title"] for task in tasks] == [
        "积极扩大有效投资",
        "促进消费恢复提振",
        "大力发展现代农业",
    ]
    assert [task["area_number"] for task in tasks] == [1, 1, 2]
    assert "这一行不是任务" not in tasks[-1]["quote"]
