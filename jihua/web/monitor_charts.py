"""The 调度 page's small charts: an indicator's cumulative value against its time line, as SVG.

For a level that accumulates the time line runs from nothing in January to
the target in December (target × months ÷ 12); for a growth, a rate or a
ceiling it is the target itself, level all year. Drawn on the server, no script.
"""

from __future__ import annotations

from html import escape

from jihua.monitor.indicators import IndicatorStatus

COLOURS = {"green": "#1a7f37", "yellow": "#d4a017", "red": "#c62828", None: "#57606a"}


def progress_chart(item: IndicatorStatus, width: int = 180, height: int = 48) -> str:
    """A sparkline of the indicator's cumulative values by month, with its time line dashed."""
    kind = "growth" if item.measure == "growth" else "level"
    points = sorted(
        (r.last, r.value)
        for r in item.indicator.readings
        if r.kind == kind and (r.first == 1 or item.measure == "stock")
    )
    target = (
        item.indicator.target.number if item.indicator.target.kind in ("number", "range") else None
    )
    if not points:
        return ""
    line = _time_line(item.measure, target)
    values = [v for _, v in points] + [v for _, v in line] + [0.0]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    pad = 4

    def xy(month: float, value: float) -> str:
        x = pad + (width - 2 * pad) * month / 12
        y = height - pad - (height - 2 * pad) * (value - low) / span
        return f"{x:.1f},{y:.1f}"

    colour = COLOURS.get(item.status, COLOURS[None])
    label = escape(f"{item.indicator.name}：{item.reason}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" role="img" aria-label="{label}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    if line:
        path = " ".join(xy(m, v) for m, v in line)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#8c959f" stroke-dasharray="3 2"/>'
        )
    path = " ".join(xy(m, v) for m, v in points)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for month, value in points:
        x, y = xy(month, value).split(",")
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="2.5" fill="{colour}"><title>{month}月 {value:g}</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _time_line(measure: str, target: float | None) -> list[tuple[float, float]]:
    if target is None:
        return []
    if measure == "cumulative":
        return [(0, 0.0), (12, target)]
    return [(0, target), (12, target)]
