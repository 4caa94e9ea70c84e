"""Charts drawn as inline SVG on the server: no script library, nothing to fetch."""

from __future__ import annotations

from html import escape

#: fill colour per grade label, matching the grade classes of the stylesheet
GRADE_COLOURS = {
    "超额完成": "#1a7f37",
    "完成": "#4caf50",
    "较好完成": "#d4a017",
    "完成困难较大": "#c62828",
    "无法评价": "#9e9e9e",
}


def tally_bars(tally: dict[str, int], width: int = 420, bar: int = 28) -> str:
    """A horizontal bar per grade, labelled with its count."""
    if not tally:
        return ""
    label_width, gap = 110, 10
    largest = max(tally.values()) or 1
    room = width - label_width - 40
    height = len(tally) * (bar + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-label="评价结果统计" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    for index, (label, count) in enumerate(tally.items()):
        y = gap + index * (bar + gap)
        length = round(room * count / largest)
        colour = GRADE_COLOURS.get(label, "#607d8b")
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar * 0.68:.0f}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}" fill="{colour}"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar * 0.68:.0f}" '
            f'class="count" data-grade="{escape(label)}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
