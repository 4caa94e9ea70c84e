"""The monitoring rules: thresholds of the colours, which levels accumulate (``jihua/data/monitor.toml``).

=====================  =======  ================================================
key                    default  meaning
=====================  =======  ================================================
``yellow_ratio``       0.8      behind, but at least this share of what was
                                expected: yellow; below it red
``project_lag_points``  10      a project this many points behind time: lagging
``total_tolerance``    0.05     project totals differing more than this (亿元)
                                from the plan's own are named
``non_cumulative_*``   …        units and words of rates and stocks, compared
                                as they stand rather than against time elapsed
``seasonal_min_months``  2      last year's cumulative months needed for a
                                seasonal profile
=====================  =======  ================================================
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jihua.config import parse_user_toml
from jihua.errors import UserError

COLOURS = ("green", "yellow", "red")


@dataclass(frozen=True)
class MonitorRules:
    yellow_ratio: float
    project_lag_points: float
    total_tolerance: float
    non_cumulative_units: tuple[str, ...]
    non_cumulative_words: tuple[str, ...]
    seasonal_min_months: int
    labels: dict[str, str]
    not_reported: str


def default_monitor_rules_text() -> str:
    return resources.files("jihua").joinpath("data/monitor.toml").read_text(encoding="utf-8")


def load_monitor_rules(path: str | Path | None = None) -> MonitorRules:
    """The default monitoring rules, with the keys of the file at ``path`` replacing them."""
    config = tomllib.loads(default_monitor_rules_text())
    if path is not None:
        override = parse_user_toml(Path(path), "调度规则文件")
        for section, values in override.items():
            if isinstance(values, dict):
                config.setdefault(section, {}).update(values)
    return _rules_from(config)


def _rules_from(config: dict[str, Any]) -> MonitorRules:
    try:
        thresholds, levels = config["thresholds"], config["levels"]
        rules = MonitorRules(
            yellow_ratio=float(thresholds["yellow_ratio"]),
            project_lag_points=float(thresholds["project_lag_points"]),
            total_tolerance=float(thresholds["total_tolerance"]),
            non_cumulative_units=tuple(str(u) for u in levels["non_cumulative_units"]),
            non_cumulative_words=tuple(str(w) for w in levels["non_cumulative_words"]),
            seasonal_min_months=int(levels["seasonal_min_months"]),
            labels={colour: str(config["labels"][colour]) for colour in COLOURS},
            not_reported=str(config["tasks"]["not_reported"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"调度规则有误：{exc}") from exc
    if not 0 < rules.yellow_ratio <= 1:
        raise UserError(f"调度规则有误：yellow_ratio 应在 0 到 1 之间，现为 {rules.yellow_ratio}")
    return rules
