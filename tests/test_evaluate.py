"""Grading rules on single rows, and rules the user replaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from jihua.errors import UserError
from jihua.evaluate import evaluate, grade, load_rules
from jihua.plan import PlanReport
from jihua.tables import Indicator, IndicatorTable
from jihua.targets import parse_value


def _row(target: str, actual: str, name: str = "某指标增速", no: str = "1") -> Indicator:
    return Indicator(
        no, name, "%", False, None, parse_value(target), parse_value(actual), name, 0, 0
    )


def _table(*rows: Indicator) -> IndicatorTable:
    return IndicatorTable(
        "execution", "", "", 2023, [], ["no", "name", "target", "actual"], list(rows), 0, 0
    )


@pytest.mark.parametrize(
    ("target", "actual", "label"),
    [
        ("6.5", "7.5以上", "超额完成"),
        ("10", "10以上", "完成"),
        ("10", "10", "完成"),
        ("5", "4", "较好完成"),
        ("5", "3.9", "完成困难较大"),
        ("3", "-18左右", "完成困难较大"),
        ("5.5以内", "5.2", "完成"),
        ("5.5以内", "5.5", "完成"),
        ("5.5以内", "6", "较好完成"),
        ("≤3", "5", "完成困难较大"),
        ("5-6", "5.5", "完成"),
        ("5-6", "7", "超额完成"),
        ("完成市级下达目标", "预计能够完成", "完成"),
        ("完成市级下达目标", "未完成", "完成困难较大"),
        ("", "5", "无法评价"),
        ("5", "", "无法评价"),
        ("5", "稳中有进", "无法评价"),
        ("完成市级下达目标", "5", "无法评价"),
        ("提升0.5个百分点", "提升0.6个百分点", "超额完成"),
        ("提升0.5个百分点", "提升0.4个百分点", "较好完成"),
        ("下降3%", "下降3.5%", "超额完成"),
        ("下降3%", "下降3%", "完成"),
        ("下降3%", "下降2.5%", "较好完成"),
        ("下降3%", "下降1%", "完成困难较大"),
    ],
)
def test_grade_of_one_row(target: str, actual: str, label: str) -> None:
    row = _row(target, actual)
    assert grade(row, _table(row), load_rules()).label == label


@pytest.mark.parametrize(
    ("target", "actual", "label"),
    [
        ("〔13.5〕", "〔14.2〕", "超额完成"),
        ("〔13.5〕", "〔12〕", "较好完成"),
        ("〔15〕%", "[15]%", "完成"),
    ],
)
def test_a_five_year_sum_is_graded_against_a_sum(target: str, actual: str, label: str) -> None:
    row = _row(target, actual)
    assert grade(row, _table(row), load_rules()).label == label


def test_a_five_year_sum_and_one_years_figure_are_not_compared() -> None:
    for target, actual, said in (
        ("〔13.5〕", "3.1", "目标为五年累计数（〔13.5〕），完成值不是累计数（3.1）"),
        ("3", "〔14.2〕", "完成值为累计数（〔14.2〕），目标不是累计数（3）"),
    ):
        row = _row(target, actual)
        graded = grade(row, _table(row), load_rules())
        assert (graded.label, graded.reason) == ("无法评价", said)


def test_relation_target_is_judged_against_the_named_indicator() -> None:
    gdp = _row("6.5", "7.5以上", name="地区生产总值增速")
    faster = _row("快于经济增速", "8", name="居民收入增速", no="2")
    slower = _row("快于经济增速", "5", name="居民收入增速", no="3")
    table = _table(gdp, faster, slower)
    rules = load_rules()
    assert grade(faster, table, rules).label == "完成"
    assert grade(slower, table, rules).label == "完成困难较大"
    assert "地区生产总值增速" in grade(slower, table, rules).reason


def test_relation_without_the_named_indicator_cannot_be_graded() -> None:
    row = _row("快于经济增速", "8")
    assert grade(row, _table(row), load_rules()).label == "无法评价"


def test_a_replaced_threshold_changes_the_grades(tmp_path: Path, seed_report: PlanReport) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text("[thresholds]\ngood_ratio = 0.95\n", encoding="utf-8")
    graded = {
        g.indicator.name: g.grade.label for g in evaluate(seed_report, load_rules(strict)).graded
    }
    assert graded["农业增加值增速"] == "完成困难较大"  # 90% < 95%
    assert graded["民营经济占GDP比重"] == "较好完成"  # 97.7%


def test_sub_rows_can_be_told_only_to_cap(tmp_path: Path, seed_report: PlanReport) -> None:
    cap = tmp_path / "cap.toml"
    cap.write_text('[rules]\nsubrows = "cap"\n', encoding="utf-8")
    evaluation = evaluate(seed_report, load_rules(cap))
    graded = {g.indicator.name: g.grade.label for g in evaluation.graded}
    assert graded["一般公共预算收入增速"] == "完成"
    assert evaluation.tally["完成"] == 9


def test_labels_can_be_renamed(tmp_path: Path, seed_report: PlanReport) -> None:
    renamed = tmp_path / "labels.toml"
    renamed.write_text('[labels]\ndifficult = "未完成"\n', encoding="utf-8")
    assert evaluate(seed_report, load_rules(renamed)).tally["未完成"] == 8


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[thresholds\n", "格式有误"),
        ("[thresholds]\ngood_ratio = 2\n", "good_ratio"),
        ('[rules]\nsubrows = "best"\n', "subrows"),
        ('[rules]\nceiling_met = "great"\n', "未知的评价等级"),
    ],
)
def test_bad_rules_files_are_refused_clearly(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_rules(path)


def test_missing_rules_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到评价规则文件"):
        load_rules(tmp_path / "none.toml")
