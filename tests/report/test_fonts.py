from __future__ import annotations

import pytest

from jihua.errors import UserError
from jihua.report import fonts


def test_stand_ins_are_named_when_official_fonts_are_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"Noto Sans CJK SC"}))
    assert fonts.font_for("body") == "Noto Serif CJK SC"
    assert fonts.font_for("heading2") == "AR PL KaitiM GB"


def test_official_font_is_preferred_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"仿宋_GB2312"}))
    assert fonts.font_for("body") == "仿宋_GB2312"


def test_charts_without_a_cjk_font_fail_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"DejaVu Sans"}))
    with pytest.raises(UserError, match="fonts-noto-cjk"):
        fonts.chart_font()


def test_this_machine_has_a_cjk_font_for_charts() -> None:
    assert fonts.chart_font() in fonts.CHART_FONTS
