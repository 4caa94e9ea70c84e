"""Audit of the prose's arithmetic: totals, rates, differences, and prose targets against the table."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from jihua.audit import ERROR, SUSPECT, Audit, audit, audit_report, check_prose_rates
from jihua.cli import cli
from jihua.extract import extract
from jihua.extract.relations import Figure, Rate
from jihua.plan import read_plan
from tests.prose_reports import COUNTY, PLANTED, document, execution_prose, planted


def _audit(text: str) -> Audit:
    doc = document(text)
    return audit_report(read_plan(doc), extract(doc))


def test_a_report_whose_relations_hold_gives_no_finding_and_says_what_it_checked() -> None:
    result = _audit(COUNTY)
    assert result.findings == []
    assert result.checked["totals"] == 3  # 三次产业, 税收 of 一般公共预算收入, 出口 + 进口
    assert result.checked["rates"] == 2  # 512 of 560, 18.2 of 26.6
    assert result.checked["differences"] == 3  # GDP, 规上工业, 固定资产投资 against stated targets


@pytest.mark.parametrize(
    ("mistake", "check", "words"),
    [
        ("industries", "正文总数", "21+240+261合计522亿元，与地区生产总值512亿元相差10亿元"),
        ("completion", "正文比率", "完成年计划560亿元的88.4%，按512÷560计为91.4%"),
        (
            "share",
            "正文比率",
            "税收收入18.2亿元占一般公共预算收入26.6亿元的64.8%，按18.2÷26.6计为68.4%",
        ),
        ("difference", "正文差值", "高于预期目标0.8个百分点，按目标增长6.5%计相差0.3个百分点"),
        ("trade", "正文总数", "出口、进口13.3+6.2合计19.5亿元，与外贸进出口总额18.5亿元相差1亿元"),
    ],
)
def test_a_planted_mistake_in_each_relation_is_an_error(
    mistake: str, check: str, words: str
) -> None:
    findings = _audit(planted(mistake)).findings
    assert [(f.check, f.severity) for f in findings] == [(check, ERROR)]
    assert words in findings[0].message


@pytest.mark.parametrize("mistake", sorted(PLANTED))
def test_every_finding_quotes_the_figures_it_came_from(mistake: str) -> None:
    text = planted(mistake)
    (finding,) = _audit(text).findings
    assert len(finding.quotes) >= 2
    for quote in finding.quotes:
        assert text[quote["start"] : quote["end"]] == quote["quote"]
    assert any(PLANTED[mistake][1].split("的")[-1] in q["quote"] for q in finding.quotes)


def test_parts_off_by_rounding_alone_are_a_suspect_not_an_error() -> None:
    text = COUNTY.replace("分别为21、230、261亿元", "分别为21、230、262亿元")
    (finding,) = _audit(text).findings
    assert (finding.check, finding.severity) == ("正文总数", SUSPECT)  # 1 within 3 × 0.5


def test_parts_of_a_qizhong_may_fall_short_of_the_total() -> None:
    text = execution_prose("一般公共预算收入26.6亿元，其中税收收入18.2亿元、非税收入5.1亿元。")
    result = _audit(text)
    assert result.checked["totals"] == 1
    assert result.findings == []


def test_parts_of_a_qizhong_above_the_total_are_an_error() -> None:
    text = execution_prose("一般公共预算收入26.6亿元，其中税收收入28.2亿元。")
    (finding,) = _audit(text).findings
    assert (finding.check, finding.severity) == ("正文总数", ERROR)
    assert "超出1.6亿元" in finding.message


def test_a_part_of_a_part_is_not_added_to_the_total() -> None:
    text = execution_prose("进出口总额21亿元，其中出口15.5亿元（区本级13.3亿元），进口5.5亿元。")
    result = _audit(text)
    assert result.findings == []
    assert result.checked["totals"] == 1


@pytest.mark.parametrize("stated", ["91.4", "91.5", "91.3"])
def test_a_rate_the_rounding_of_its_figures_allows_is_silent(stated: str) -> None:
    text = COUNTY.replace("560亿元的91.4%", f"560亿元的{stated}%")
    assert _audit(text).findings == []  # 511.5 ÷ 560 to 512.5 ÷ 560 is 91.34% to 91.52%


def _figure(value: str, target: bool) -> Figure:
    return Figure("x", "x", "level", target, 2023, float(value), "亿元", None, value, 0, 1)


@given(
    actual=st.decimals(min_value=1, max_value=5000, places=1),
    plan=st.decimals(min_value=1, max_value=5000, places=0),
)
def test_a_rate_printed_from_its_two_figures_is_never_a_finding(
    actual: Decimal, plan: Decimal
) -> None:
    stated = round(100 * actual / plan, 1)
    rate = Rate(
        "completion",
        Figure("x", "x", "completion", False, 2023, float(stated), "%", None, "", 0, 1),
        _figure(str(actual), target=False),
        _figure(str(plan), target=True),
    )
    assert check_prose_rates([rate]) == []


def test_nothing_checked_is_told_from_nothing_found(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text(execution_prose("全县经济平稳运行。"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("已核对0处关系，未发现问题。")


def test_audit_json_counts_what_it_checked(tmp_path: Path) -> None:
    path = tmp_path / "county.txt"
    path.write_text(planted("completion"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(path), "--json"])
    data = json.loads(result.output)
    assert list(data) == ["checked", "findings"]
    assert {"totals", "rates", "differences", "prose_vs_table"} <= set(data["checked"])
    assert data["checked"]["rates"] == 2
    assert [f["check"] for f in data["findings"]] == ["正文比率"]


def test_audit_text_lists_findings_then_the_count(tmp_path: Path) -> None:
    path = tmp_path / "county.txt"
    path.write_text(planted("industries"), encoding="utf-8")
    lines = CliRunner().invoke(cli, ["audit", str(path)]).output.strip().splitlines()
    assert lines[0].startswith("[错误] 正文总数：")
    assert lines[-1] == "已核对8处关系，发现1处问题。"


# --- prose targets against the table -------------------------------------------------

_HEAD = "一、2023年国民经济和社会发展计划执行情况\n"


def _seed_with(seed_text: str, sentence: str) -> str:
    return seed_text.replace(_HEAD, _HEAD + sentence + "\n", 1)


def test_prose_targets_that_differ_from_the_table_are_findings(seed_path: Path) -> None:
    text = _seed_with(
        seed_path.read_text(encoding="utf-8"),
        "区六届人大三次会议确定了地区生产总值增长6%左右、固定资产投资增长8%等主要预期目标。",
    )
    doc = document(text)
    result = audit_report(read_plan(doc), extract(doc))
    prose = [f for f in result.findings if f.message.startswith("正文中")]
    assert [f.message for f in prose] == [
        "正文中地区生产总值增速的目标为6左右，执行情况表为6.5",
        "正文中固定资产投资增速的目标为8，执行情况表为10",
    ]
    assert all(f.check == "文表一致" and f.severity == SUSPECT for f in prose)
    for finding in prose:
        assert all(text[q["start"] : q["end"]] == q["quote"] for q in finding.quotes)
    assert len(result.findings) == 5  # the seed's three, and these two


def test_prose_targets_that_agree_with_the_table_are_silent(seed_path: Path) -> None:
    text = _seed_with(
        seed_path.read_text(encoding="utf-8"),
        "区六届人大三次会议确定了地区生产总值增长6.5%左右、固定资产投资增长10%等主要预期目标。",
    )
    doc = document(text)
    result = audit_report(read_plan(doc), extract(doc))
    assert len(result.findings) == 3
    assert result.checked["prose_vs_table"] >= 2


def test_the_seed_keeps_its_three_findings_and_counts_its_checks(seed_path: Path) -> None:
    doc = document(seed_path.read_text(encoding="utf-8"))
    report = read_plan(doc)
    result = audit_report(report, extract(doc))
    assert [(f.check, f.severity) for f in result.findings] == [
        ("总数与分项", SUSPECT),
        ("总数与分项", SUSPECT),
        ("文表一致", SUSPECT),
    ]
    assert result.findings == audit(report, extract(doc))
    assert result.checked["tally"] == 5  # the stated 31, and four grades
    assert result.checked["projects"] > 0


def test_a_sibling_of_the_total_after_qizhong_is_no_part_of_it() -> None:
    text = execution_prose("一般公共预算收入31亿元，其中税收收入22亿元，一般公共预算支出56亿元。")
    result = _audit(text)
    assert result.findings == []
    assert result.checked["totals"] == 1  # 22 of 31, the 支出 left out


def test_figures_of_a_period_name_the_same_indicator() -> None:
    text = execution_prose(
        "初步测算，2023年全县地区生产总值244394万元，比上年增长13.1%。其中：第一产业增加值62857万元，"
        "增长6.3%；第二产业增加值65585万元，增长9.5%；第三产业增加值115952万元，增长18.0%。"
    )
    result = _audit(text)
    assert result.checked["totals"] == 1
    assert result.findings == []
    assert _audit(text.replace("115952", "115962")).findings[0].check == "正文总数"


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        ("全区地区生产总值512亿元，完成年计划560亿元的91.4%。", "91.4%"),
        ("全年完成固定资产投资236.5亿元，完成年度计划250亿元的94.6%。", "94.6%"),
        ("一般公共预算收入实现31.2亿元，完成年度目标30亿元的104%。", "104%"),
        ("地区生产总值512亿元。民营经济增加值300亿元，占GDP比重达58.6%。", "58.6%"),
        ("全区生产总值512亿元，第三产业增加值261亿元，占地区生产总值的比重为51%。", "51%"),
        (
            "一般公共预算收入26.6亿元，其中税收收入18.2亿元，占一般公共预算收入的比例为68.4%。",
            "68.4%",
        ),
    ],
)
def test_rates_in_each_phrasing_are_checked(body: str, wrong: str) -> None:
    right = _audit(execution_prose(body))
    assert right.checked["rates"] == 1
    assert right.findings == []
    altered = _audit(execution_prose(body.replace(wrong, "80.2%")))
    assert [(f.check, f.severity) for f in altered.findings] == [("正文比率", ERROR)]


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        (
            "年初确定了地区生产总值增长6.5%左右等预期目标。全年地区生产总值增长7%，高于预期目标0.5个百分点。",
            "0.5",
        ),
        ("确定了固定资产投资增长8%的目标。固定资产投资增长6.1%，低于年度目标1.9个百分点。", "1.9"),
        ("社会消费品零售总额预期目标为增长8%，实际增长8.6%，高出0.6个百分点。", "0.6"),
        (
            "确定了规模以上工业增加值增长8%的目标。规模以上工业增加值增长7.2%，比目标低0.8个百分点。",
            "0.8",
        ),
    ],
)
def test_differences_in_each_phrasing_are_checked(body: str, wrong: str) -> None:
    right = _audit(execution_prose(body))
    assert right.checked["differences"] == 1
    assert right.findings == []
    altered = _audit(execution_prose(body.replace(f"{wrong}个百分点", "2.5个百分点")))
    assert [(f.check, f.severity) for f in altered.findings] == [("正文差值", ERROR)]


@pytest.mark.parametrize(("points", "findings"), [("4.2", 0), ("3.2", 1)])
def test_a_target_implied_by_a_difference_is_checked_against_the_table(
    seed_path: Path, points: str, findings: int
) -> None:
    text = _seed_with(
        seed_path.read_text(encoding="utf-8"),
        f"全区固定资产投资增长5.8%，低于年度目标{points}个百分点。",
    )
    doc = document(text)
    prose = [f for f in audit(read_plan(doc), extract(doc)) if f.message.startswith("正文中")]
    assert len(prose) == findings
    if findings:
        assert prose[0].message == (
            "正文中固定资产投资增速的目标为9（由完成值与差值推得），执行情况表为10"
        )


def test_a_report_in_traditional_characters_is_audited_like_its_simplified_text() -> None:
    from tests.test_traditional import traditional

    for text in (COUNTY, planted("completion"), planted("industries")):
        original = traditional(text)
        assert original != text
        simplified, converted = _audit(text), _audit(original)
        assert converted.checked == simplified.checked
        assert [f.message for f in converted.findings] == [f.message for f in simplified.findings]
        for finding in converted.findings:
            assert all(original[q["start"] : q["end"]] == q["quote"] for q in finding.quotes)
