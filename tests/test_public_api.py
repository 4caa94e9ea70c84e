from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import jihua
from jihua.document import find_text_tables


def test_public_names_are_pinned() -> None:
    assert sorted(jihua.__all__) == [
        "Document",
        "Evaluation",
        "PlanReport",
        "Rules",
        "UserError",
        "Value",
        "evaluate",
        "load_rules",
        "parse_value",
        "read_document",
        "read_plan",
    ]
    for name in jihua.__all__:
        assert getattr(jihua, name) is not None


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(["\t", "\t1", "\t指标名称", "", "注：", "正文", "\tx\n"]), max_size=40)
)
def test_table_finder_never_raises_and_cells_point_into_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    for table in find_text_tables(text):
        for row in table.rows:
            for cell in row:
                if "\n" not in cell.text:
                    assert text[cell.start : cell.end] == cell.text


def test_every_command_is_shown_in_the_readme() -> None:
    from pathlib import Path

    import click

    from jihua.cli import cli

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    names = cli.list_commands(click.Context(cli))
    missing = [name for name in names if f"jihua {name}" not in readme]
    assert missing == []
