"""Charts as PNG bytes, drawn by matplotlib with a CJK font.

Without a font that has Chinese glyphs matplotlib draws boxes and only warns;
:func:`jihua.report.fonts.chart_font` turns that into a clear error instead.
"""

from __future__ import annotations

import io
from typing import Any

from matplotlib.ticker import MaxNLocator

from jihua.report.fonts import chart_font

#: Grade colours, shared by charts, the XLSX and the HTML page.
GRADE_COLOURS = {
    "超额完成": "#1a7f37",
    "完成": "#4fa86b",
    "较好完成": "#d4a72c",
    "完成困难较大": "#cf222e",
    "无法评价": "#8c959f",
}
_DPI = 150


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.family"] = "sans-serif"
    pyplot.rcParams["font.sans-serif"] = [chart_font()]
    pyplot.rcParams["axes.unicode_minus"] = False
    return pyplot


def tally_chart(tally: dict[str, int], title: str) -> bytes:
    """Bars: how many indicators got each grade."""
    plt = _pyplot()
    labels, counts = list(tally), list(tally.values())
    figure, axes = plt.subplots(figsize=(6, 3))
    bars = axes.bar(labels, counts, color=[GRADE_COLOURS.get(k, "#57606a") for k in labels])
    axes.bar_label(bars, labels=[f"{n}项" for n in counts], padding=2)
    axes.set_ylabel("指标数（项）")
    axes.set_title(title)
    axes.set_ylim(0, max(counts, default=1) * 1.2 + 1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    return _png(plt, figure)


def category_chart(by_category: dict[str, dict[str, int]], title: str) -> bytes:
    """Stacked horizontal bars: grades within each category of indicators."""
    plt = _pyplot()
    categories = list(by_category)[::-1]
    grades = list(next(iter(by_category.values()), {}))
    figure, axes = plt.subplots(figsize=(6, 0.45 * len(categories) + 1.4))
    left = [0] * len(categories)
    for grade in grades:
        widths = [by_category[c].get(grade, 0) for c in categories]
        axes.barh(categories, widths, left=left, label=grade, color=GRADE_COLOURS.get(grade))
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_xlabel("指标数（项）")
    axes.set_title(title)
    axes.set_xlim(0, max(left, default=1) * 1.5 + 1)  # room for the legend at the right
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="lower right", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(plt, figure)


def _png(plt: Any, figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()
