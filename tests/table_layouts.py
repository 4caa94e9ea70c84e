"""One indicator table written in each layout real pages use, for the tests to read back.

A :class:`Row` is what a table says of one indicator; :func:`render` writes
rows under a header in a layout and gives the file's bytes and name:

* ``pipe``: ``| 类别 | 序号 | 指标名称 | … |`` with a ``|---|`` line;
* ``pipe_rows``: ``类别 | 序号 | 指标名称 | … |`` as web pages saved as text write
  rows, a cell a merged cell covers (the category of a block's later rows) left out;
* ``lines`` / ``lines_pipe``: one cell a line, without or with a trailing `` |``;
  empty cells and the category of a block's later rows left out (``lines``) or
  written as a bare ``|`` (``lines_pipe``), as pages copied to text show them;
* ``tabs``: one row a line, cells separated by tabs;
* ``html``: a government article page, the category a ``rowspan`` cell, and so the
  unit over a run of lines in the same unit;
* ``docx``: a Word table, the category merged down its block, the unit down each run
  of lines in the same unit.

The header names the target and actual columns with words of a :class:`Words`
(``2023年目标``, ``2023年预期目标``, ``2023年实际``…), on one line or two levels
(``2023年`` over ``目标 | 完成``; not in the one-cell-a-line layouts, where no
page can show which cells the upper one spans).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape

import docx

from jihua.document import find_text_tables
from jihua.tables import IndicatorTable, read_indicator_table, split_name
from tests.report_files import html_page

LAYOUTS = ("pipe", "pipe_rows", "lines", "lines_pipe", "tabs", "html", "docx")


@dataclass(frozen=True)
class Row:
    name: str  # as the table writes it, unit in parentheses and ``*`` included
    target: str
    actual: str
    category: str = ""
    subrows: tuple[Row, ...] = field(default=())


@dataclass(frozen=True)
class Words:
    """How the header names the target and the actual, and whether a year spans them."""

    target: str = "目标"
    actual: str = "完成"
    two_level: bool = False


TWO_LEVEL_LAYOUTS = ("pipe", "pipe_rows", "tabs", "html", "docx")
_FIXED = {"category": "类别", "no": "序号", "name": "指标名称", "unit": "单位"}


def header(roles: list[str], words: Words = Words()) -> list[str]:
    """The header on one line: ``2023年目标``, ``2023年完成``."""
    return [_FIXED.get(role) or f"2023年{getattr(words, role)}" for role in roles]


def header_rows(roles: list[str], words: Words, layout: str) -> list[list[str]]:
    """The header's lines: one, or ``2023年`` (spanning) over the value words."""
    if not (words.two_level and layout in TWO_LEVEL_LAYOUTS):
        return [header(roles, words)]
    upper = [_FIXED.get(role, "") for role in roles]
    upper[_first_value(roles)] = "2023年"
    lower = ["" if role in _FIXED else getattr(words, role) for role in roles]
    return [upper, lower]


def _first_value(roles: list[str]) -> int:
    return next(at for at, role in enumerate(roles) if role not in _FIXED)


def grid(rows: list[Row], roles: list[str]) -> list[tuple[list[str], int]]:
    """Each table line's cells by column, with how many lines its category cell spans
    (0 on the lines of a block after its first)."""
    lines: list[tuple[list[str], int]] = []
    for index, row in enumerate(rows):
        number = index + 1
        first_of_block = index == 0 or rows[index - 1].category != row.category
        span = _block_lines(rows, index) if first_of_block else 0
        values = {"category": row.category if first_of_block else "", "no": str(number)}
        units = "unit" in roles
        lines.append(([_cell(row, role, values, units) for role in roles], span))
        for sub in row.subrows:
            blank = {"category": "", "no": ""}
            lines.append(([_cell(sub, role, blank, units) for role in roles], 0))
    return lines


def unit_spans(lines: list[list[str]], at: int) -> list[int]:
    """How many lines each line's unit cell spans when a run of lines in the same unit
    has it printed once (0 on the lines a cell above covers)."""
    spans = [0] * len(lines)
    first = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines) and lines[index][at] and lines[index][at] == lines[first][at]:
            continue
        spans[first] = index - first
        first = index
    return spans


def _block_lines(rows: list[Row], index: int) -> int:
    count = 0
    for row in rows[index:]:
        if row.category != rows[index].category:
            break
        count += 1 + len(row.subrows)
    return count


def _cell(row: Row, role: str, values: dict[str, str], unit_column: bool) -> str:
    if role in values:
        return values[role]
    if unit_column and role in ("name", "unit"):
        name, unit, binding, prefix = split_name(row.name)
        return f"{prefix}{name}{'*' if binding else ''}" if role == "name" else unit or ""
    return {"name": row.name, "target": row.target, "actual": row.actual}[role]


TITLE = "2023年主要指标完成情况"
BEFORE = "某某区2023年国民经济和社会发展计划执行情况\n\n全区经济运行总体平稳。\n\n"
AFTER = "注：带*的为约束性指标。\n\n下一步，我们将继续努力。\n"


def render(
    rows: list[Row], roles: list[str], layout: str, words: Words = Words()
) -> tuple[bytes, str]:
    """The table in ``layout``: the file's bytes and a name whose suffix says its format."""
    heads = header_rows(roles, words, layout)
    if layout == "docx":
        return _docx(rows, roles, heads), "table.docx"
    if layout == "html":
        page = html_page("某某区2023年计划执行情况", _html(rows, roles, heads))
        return page.encode("utf-8"), "table.html"
    table = {
        "pipe": _pipe,
        "pipe_rows": _pipe_rows,
        "lines": _lines,
        "lines_pipe": _lines_pipe,
        "tabs": _tabs,
    }[layout]
    text = f"{BEFORE}{TITLE}\n{table(rows, roles, heads)}\n{AFTER}"
    return text.encode("utf-8"), "table.txt"


def _pipe(rows: list[Row], roles: list[str], heads: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |" for head in heads]
    lines.append("|" + "---|" * len(roles))
    lines += ["| " + " | ".join(cells) + " |" for cells, _ in grid(rows, roles)]
    return "\n".join(lines)


def _pipe_rows(rows: list[Row], roles: list[str], heads: list[list[str]]) -> str:
    category_at = roles.index("category") if "category" in roles else -1
    lines = [" | ".join(head) + " |" for head in heads]
    for cells, span in grid(rows, roles):
        if category_at >= 0 and not span:
            cells = [cell for at, cell in enumerate(cells) if at != category_at]
        lines.append(" | ".join(cells) + " |")
    return "\n".join(lines)


def _tabs(rows: list[Row], roles: list[str], heads: list[list[str]]) -> str:
    return "\n".join("\t".join(cells) for cells in [*heads, *_cells(rows, roles)])


def _cells(rows: list[Row], roles: list[str]) -> list[list[str]]:
    return [cells for cells, _ in grid(rows, roles)]


def _lines(rows: list[Row], roles: list[str], heads: list[list[str]]) -> str:
    lines = list(heads[0])
    for cells in _cells(rows, roles):
        lines += [cell for cell in cells if cell]
    return "\n".join(lines)


def _lines_pipe(rows: list[Row], roles: list[str], heads: list[list[str]]) -> str:
    lines = [f"{title} |" for title in heads[0]]
    category_at = roles.index("category") if "category" in roles else -1
    for cells in _cells(rows, roles):
        for at, cell in enumerate(cells):
            if at == category_at and not cell:
                continue  # the category cell of a block's later rows is not on the page
            lines.append(f"{cell} |" if cell else "|")
    return "\n".join(lines)


def _html(rows: list[Row], roles: list[str], heads: list[list[str]]) -> str:
    lines = [_html_header(roles, heads)]
    drawn = grid(rows, roles)
    units = (
        unit_spans([cells for cells, _ in drawn], roles.index("unit")) if "unit" in roles else []
    )
    for line, (cells, span) in enumerate(drawn):
        tds = []
        for role, cell in zip(roles, cells, strict=True):
            if role == "category" or (role == "unit" and units[line] != 1):
                spanned = span if role == "category" else units[line]
                if spanned:
                    tds.append(f'<td rowspan="{spanned}">{escape(cell)}</td>')
                continue
            tds.append(f"<td>{escape(cell)}</td>")
        lines.append(f"<tr>{''.join(tds)}</tr>")
    return f"<p>{TITLE}</p><table border=1>{''.join(lines)}</table><p>{AFTER.splitlines()[0]}</p>"


def _html_header(roles: list[str], heads: list[list[str]]) -> str:
    if len(heads) == 1:
        return "<tr>" + "".join(f"<th>{escape(title)}</th>" for title in heads[0]) + "</tr>"
    upper, lower = heads
    values = len(roles) - _first_value(roles)
    cells = [
        f"<th rowspan=2>{escape(title)}</th>"
        if role in _FIXED
        else f"<th colspan={values}>{title}</th>"
        for role, title in zip(roles, upper, strict=True)
        if title
    ]
    below = "".join(f"<th>{escape(title)}</th>" for title in lower if title)
    return f"<tr>{''.join(cells)}</tr><tr>{below}</tr>"


def _docx(rows: list[Row], roles: list[str], heads: list[list[str]]) -> bytes:
    word = docx.Document()
    for paragraph in BEFORE.split("\n\n"):
        if paragraph.strip():
            word.add_paragraph(paragraph.strip())
    word.add_paragraph(TITLE)
    table = word.add_table(rows=len(heads), cols=len(roles))
    for line, head in zip(table.rows, heads, strict=True):
        for cell, title in zip(line.cells, head, strict=True):
            cell.text = title
    if len(heads) == 2:
        for at, role in enumerate(roles):
            if role in _FIXED:
                table.cell(0, at).merge(table.cell(1, at)).text = heads[0][at]
        first = _first_value(roles)
        table.cell(0, first).merge(table.cell(0, len(roles) - 1)).text = "2023年"
    blocks: list[tuple[int, int]] = []  # (first line, lines) of each category cell
    for cells, span in grid(rows, roles):
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
        if span > 1:
            blocks.append((len(table.rows) - 1, span))
    if "category" in roles:
        at = roles.index("category")
        for first, span in blocks:
            text = table.cell(first, at).text
            table.cell(first, at).merge(table.cell(first + span - 1, at)).text = text
    if "unit" in roles:
        at, top = roles.index("unit"), len(heads)
        for line, span in enumerate(unit_spans([cells for cells, _ in grid(rows, roles)], at)):
            if span > 1:
                text = table.cell(top + line, at).text
                table.cell(top + line, at).merge(table.cell(top + line + span - 1, at)).text = text
    word.add_paragraph(AFTER.splitlines()[0])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def read_one_cell_a_line(
    header: list[str], *rows: list[str], title: str = "主要指标完成情况"
) -> IndicatorTable:
    """The rows written one cell a line (tab-led, as readers write tables into the text) under
    ``title``, read back as an indicator table."""
    lines = [title, ""]
    for row in (header, *rows):
        lines += [f"\t{cell}" for cell in row] + [""]
    (raw,) = find_text_tables("\n".join(lines) + "\n\n\n正文。\n")
    table = read_indicator_table(raw)
    assert table is not None
    return table
