"""The monitoring rules are data: a user's file moves the thresholds; a broken one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import jihua.monitor
from jihua.errors import UserError
from jihua.evaluate import load_rules
from jihua.monitor.indicators import IndicatorInput, Reading, follow_all
from jihua.monitor.rules import default_monitor_rules_text, load_monitor_rules
from jihua.targets import parse_value


def test_public_names_are_pinned() -> None:
    assert sorted(jihua.monitor.__all__) == [
        "MonitorRules",
        "Monitoring",
        "default_monitor_rules_text",
        "load_monitor_rules",
        "monitor",
        "monitor_dict",
        "monitor_plan",
        "report_period",
    ]


def test_a_rules_file_moves_the_yellow_line(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text("[thresholds]\nyellow_ratio = 0.9\n", encoding="utf-8")
    strict = load_monitor_rules(path)
    assert (strict.yellow_ratio, strict.project_lag_points) == (0.9, 10.0)
    item = IndicatorInput(
        1, "地区生产总值增速", "%", parse_value("6.5"), [Reading(1, 6, "growth", 5.5)]
    )
    assert follow_all([item], 6, load_monitor_rules(), load_rules())[0].status == "yellow"
    assert follow_all([item], 6, strict, load_rules())[0].status == "red"


@pytest.mark.parametrize(
    ("text", "words"),
    [("[thresholds]\nyellow_ratio = 1.5\n", "yellow_ratio"), ("[thresholds\n", "格式有误")],
)
def test_a_broken_rules_file_is_refused_with_its_reason(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=words):
        load_monitor_rules(path)


def test_the_default_rules_are_printed_as_shipped() -> None:
    assert "yellow_ratio = 0.8" in default_monitor_rules_text()
    with pytest.raises(UserError, match="找不到调度规则文件"):
        load_monitor_rules("no-such-file.toml")
