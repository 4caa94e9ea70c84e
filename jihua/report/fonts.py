"""Fonts of the official layout (GB/T 9704) and the free fonts that stand in for them.

=========  ==============  =====================  ==========================
role       official font   stand-in (Debian)      package
=========  ==============  =====================  ==========================
title      方正小标宋简体   Noto Serif CJK SC Bold  fonts-noto-cjk
body       仿宋_GB2312      Noto Serif CJK SC      fonts-noto-cjk
heading1   黑体             Noto Sans CJK SC       fonts-noto-cjk
heading2   楷体_GB2312      AR PL KaitiM GB        fonts-arphic-gkai00mp
=========  ==============  =====================  ==========================

A document names the official font when it is installed on this machine and
the stand-in otherwise, so that what LibreOffice renders here is what a
reader sees; Word on a machine with the official fonts substitutes nothing
either way, since the stand-ins are named only where the official font is absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jihua.errors import UserError


@dataclass(frozen=True)
class FontRole:
    official: tuple[str, ...]
    stand_in: str
    package: str
    bold: bool = False


FONT_ROLES: dict[str, FontRole] = {
    "title": FontRole(
        ("方正小标宋简体", "方正小标宋_GBK"), "Noto Serif CJK SC", "fonts-noto-cjk", True
    ),
    "body": FontRole(("仿宋_GB2312", "仿宋"), "Noto Serif CJK SC", "fonts-noto-cjk"),
    "heading1": FontRole(("黑体", "SimHei"), "Noto Sans CJK SC", "fonts-noto-cjk"),
    "heading2": FontRole(("楷体_GB2312", "楷体"), "AR PL KaitiM GB", "fonts-arphic-gkai00mp"),
}

#: Fonts for chart labels, best first: any of them renders Chinese.
CHART_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei", "黑体")


@cache
def installed_families() -> frozenset[str]:
    from matplotlib import font_manager

    return frozenset(font.name for font in font_manager.fontManager.ttflist)


def font_for(role: str) -> str:
    """The family a document names for ``role``: the official font if installed."""
    entry = FONT_ROLES[role]
    families = installed_families()
    for name in entry.official:
        if name in families:
            return name
    return entry.stand_in


def chart_font() -> str:
    """A family that renders Chinese in charts, or a clear error naming the package."""
    families = installed_families()
    for name in CHART_FONTS:
        if name in families:
            return name
    raise UserError(
        "找不到可显示中文的字体，图表中的汉字会显示为方框；"
        "请安装 fonts-noto-cjk（Debian：apt-get install fonts-noto-cjk）"
    )
