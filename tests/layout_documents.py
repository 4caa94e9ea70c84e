"""The tables of ``tests/layouts`` built as published files, read back and scored.

Each layout (a ``.toml`` file, see ``tests/layouts/README.md``) is drawn as a
Word table the way a 发改委 office draws it: its header rows repeated on every
page, its merged cells merged (``"<"`` spans the cell to the left, ``"^"`` the
one above), SimSun (宋体) in the ``w:eastAsia`` slot, the columns at their
widths, a title paragraph above and the 注 line below. Four variants of each:

* ``as_published``: the table after a short paragraph;
* ``over_a_page``: the table starting near the foot of a page, so that
  LibreOffice breaks it and repeats the header on the next page;
* ``units_merged``: the unit cell merged down every run of rows in the same unit;
* ``title_in_grid``: the title a first row of the table merged across it, the 注 (or
  the date the figures stand at) its last row, as forms drawn in Word have them.

The PDFs come from LibreOffice, all files of a folder in one run; each table is
also put on a government web page, its merged cells ``rowspan`` and ``colspan``.
``python -m tests.layout_documents`` prints the score of every file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from jihua.document import read_bytes, read_document
from jihua.errors import UserError
from jihua.plan import PlanReport, read_plan
from jihua.tables import Indicator, plain
from tests.published_layout import repeat_as_header

FOLDER = Path(__file__).parent / "layouts"
VARIANTS = ("as_published", "over_a_page", "units_merged", "title_in_grid")
LEFT, ABOVE = "<", "^"

#: report prose of our own, to push a table towards the foot of a page
PROSE = (
    "全年围绕稳增长、调结构、惠民生、防风险，统筹推进各项工作，主要指标运行在合理区间。"
    "工业经济保持平稳，重点项目加快建设，消费市场持续恢复，民生保障有力有效。"
)


@dataclass(frozen=True)
class Layout:
    key: str
    source: str
    kind: str
    title: str
    header: list[list[str]]
    rows: list[list[str]]
    widths: list[float]
    note: str = ""
    expected: list[dict[str, Any]] = field(default_factory=list)
    excerpt: str = ""

    def excerpt_expected(self) -> list[dict[str, Any]]:
        """The labelled rows the excerpt holds."""
        return [row for row in self.expected if plain(row["name"]) in plain(self.excerpt)]


def layouts() -> list[Layout]:
    """Every layout that draws a table, in file order."""
    found = []
    for path in sorted(FOLDER.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "header" not in data:
            continue
        found.append(
            Layout(
                path.stem,
                data["source"],
                data["kind"],
                data["title"],
                data["header"],
                data["rows"],
                data["widths"],
                data.get("note", ""),
                data.get("expected", []),
                data.get("excerpt", ""),
            )
        )
    return found


def layout_docx(layout: Layout, variant: str, path: Path) -> Path:
    """The layout's table in a Word file, as ``variant`` lays it out."""
    word = docx.Document()
    _simsun(word)
    word.add_paragraph("一、执行情况").alignment = WD_ALIGN_PARAGRAPH.LEFT
    for _ in range(14 if variant == "over_a_page" else 1):
        word.add_paragraph(PROSE)
    in_grid = variant == "title_in_grid"
    if not in_grid:
        word.add_paragraph(f"附表：{layout.title}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = units_merged(layout) if variant == "units_merged" else layout.rows
    if in_grid:
        layout = _with_title_and_note(layout)
        rows = [*rows, _across(layout, layout.note)]
    draw_table(word, layout, rows)
    if layout.note and not in_grid:
        word.add_paragraph(layout.note)
    word.add_paragraph("二、下一步工作安排")
    word.add_paragraph(PROSE)
    word.save(str(path))
    return path


def _across(layout: Layout, text: str) -> list[str]:
    return [text] + [LEFT] * (len(layout.widths) - 1)


def _with_title_and_note(layout: Layout) -> Layout:
    """The layout with its title as a row over the header and a note to go under its rows."""
    note = layout.note or "注：数据截至2023年底。"
    return replace(layout, header=[_across(layout, layout.title), *layout.header], note=note)


def units_merged(layout: Layout) -> list[list[str]]:
    """The rows with the unit cell merged down each run of the same unit."""
    header = layout.header[-1]
    at = next((i for i, t in enumerate(layout.header[0]) if plain(t) in ("单位", "计量单位")), None)
    if at is None or at >= len(header):
        return layout.rows
    rows = [list(row) for row in layout.rows]
    last = None
    for row in rows:
        if row[at] in (LEFT, ABOVE):
            last = None
        elif row[at] and row[at] == last:
            row[at] = ABOVE
        else:
            last = row[at]
    return rows


def draw_table(word: Any, layout: Layout, rows: list[list[str]]) -> None:
    """The layout's grid as a Word table at the end of ``word``, ``rows`` under its header."""
    grid_rows = [*layout.header, *rows]
    columns = len(layout.widths)
    table = word.add_table(rows=len(grid_rows), cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, layout.widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice lays out by
    for r, texts in enumerate(grid_rows):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            cell.width = Cm(layout.widths[c])
            if text not in (LEFT, ABOVE):
                cell.text = text
    for r in range(len(layout.header)):
        repeat_as_header(table.rows[r])
    _merge(table, grid_rows)


def _merge(table: Any, grid: list[list[str]]) -> None:
    """Merge each run of ``<`` into the cell on its left, each run of ``^`` into the one above."""
    for r, texts in enumerate(grid):
        c = 0
        while c < len(texts):
            end = c
            while end + 1 < len(texts) and texts[end + 1] == LEFT:
                end += 1
            if end > c:
                _keep_text(table.cell(r, c), table.cell(r, end))
            c = end + 1
    for c in range(len(grid[0])):
        r = 0
        while r < len(grid):
            end = r
            while end + 1 < len(grid) and c < len(grid[end + 1]) and grid[end + 1][c] == ABOVE:
                end += 1
            if end > r:
                _keep_text(table.cell(r, c), table.cell(end, c))
            r = end + 1


def _keep_text(first: Any, last: Any) -> None:
    text = first.text
    merged = first.merge(last)
    merged.text = text


def _simsun(word: Any) -> None:
    """宋体 through the ``w:eastAsia`` slot (Word ignores a Chinese font set elsewhere)."""
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(10.5)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "宋体")


def pdfs_from_docx(paths: list[Path]) -> list[Path]:
    """The files converted by LibreOffice in one run; fails (never skips) without it."""
    return converted(paths, "pdf")


def converted(paths: list[Path], suffix: str) -> list[Path]:
    """The files saved by LibreOffice as ``suffix`` (``pdf``, ``doc`` …) in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed to build the test PDFs (scripts/system-deps)"
    folder = paths[0].parent
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            suffix,
            "--outdir",
            str(folder),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    copies = [path.with_suffix(f".{suffix}") for path in paths]
    assert all(copy.exists() for copy in copies), "LibreOffice did not convert every file"
    return copies


def build_all(folder: Path) -> dict[tuple[str, str, str], Path]:
    """Every layout in every variant as DOCX and PDF, and as published on a web page:
    (key, variant, format) → file."""
    files: dict[tuple[str, str, str], Path] = {}
    for layout in layouts():
        for variant in VARIANTS:
            path = layout_docx(layout, variant, folder / f"{layout.key}-{variant}.docx")
            files[(layout.key, variant, "docx")] = path
    docx_paths = list(files.values())
    for path, pdf in zip(docx_paths, pdfs_from_docx(docx_paths), strict=True):
        key, variant = path.stem.rsplit("-", 1)
        files[(key, variant, "pdf")] = pdf
    for layout in layouts():
        path = folder / f"{layout.key}.html"
        path.write_text(layout_html(layout), encoding="utf-8")
        files[(layout.key, "as_published", "html")] = path
        files[(layout.key, "as_published", "xlsx")] = layout_xlsx(
            layout, folder / f"{layout.key}.xlsx"
        )
    return files


def layout_xlsx(layout: Layout, path: Path) -> Path:
    """The table as a published workbook: the title in a first row merged across, the
    grid with its merges, the 注 in a last row merged across, 宋体 throughout."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "附表1"
    grid = [[layout.title] + [LEFT] * (len(layout.widths) - 1), *layout.header, *layout.rows]
    if layout.note:
        grid.append([layout.note] + [LEFT] * (len(layout.widths) - 1))
    for r, texts in enumerate(grid, start=1):
        for c, text in enumerate(texts, start=1):
            if text not in (LEFT, ABOVE):
                cell = sheet.cell(row=r, column=c, value=_figure(text))
                cell.font = Font(name="宋体", size=10)
    for c, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width * 5
    for r, texts in enumerate(grid, start=1):
        for c, text in enumerate(texts, start=1):
            if text in (LEFT, ABOVE):
                continue
            right = c + _run(texts[c:], LEFT)
            below = r + _run([row[c - 1] if c - 1 < len(row) else "" for row in grid[r:]], ABOVE)
            if right > c or below > r:
                sheet.merge_cells(start_row=r, start_column=c, end_row=below, end_column=right)
    book.save(path)
    return path


def _figure(text: str) -> str | float:
    """A figure typed into a cell is a number there; anything else stays text."""
    try:
        return float(text) if text.strip() and text.strip()[0] in "-0123456789" else text
    except ValueError:
        return text


def layout_html(layout: Layout) -> str:
    """The table on a government web page: merged cells as ``rowspan``/``colspan``."""
    from tests.report_files import html_page

    grid = [*layout.header, *layout.rows]
    rows_html = []
    for r, texts in enumerate(grid):
        cells = []
        for c, text in enumerate(texts):
            if text in (LEFT, ABOVE):
                continue
            colspan = _run(texts[c + 1 :], LEFT)
            rowspan = _run([row[c] if c < len(row) else "" for row in grid[r + 1 :]], ABOVE)
            spans = (f" colspan={colspan + 1}" if colspan else "") + (
                f" rowspan={rowspan + 1}" if rowspan else ""
            )
            cells.append(f"<td{spans}>{text}</td>")
        rows_html.append(f"<tr>{''.join(cells)}</tr>")
    article = (
        f"<p>{PROSE}</p><p style='text-align:center'>附表：{layout.title}</p>"
        f"<table border=1>{''.join(rows_html)}</table><p>{layout.note}</p><p>{PROSE}</p>"
    )
    return html_page(f"{layout.title}", article)


def _run(texts: list[str], mark: str) -> int:
    count = 0
    while count < len(texts) and texts[count] == mark:
        count += 1
    return count


FIELDS = ("expected", "found", "target", "unit", "previous", "actual", "binding", "category")


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    target: int = 0
    unit: int = 0
    previous: int = 0
    actual: int = 0
    binding: int = 0
    category: int = 0
    checked: dict[str, int] = field(default_factory=dict)
    spurious: int = 0
    graded: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, count in other.checked.items():
            self.checked[key] = self.checked.get(key, 0) + count
        self.spurious += other.spurious
        self.graded += other.graded


def score(layout: Layout, report: PlanReport) -> Score:
    """The rows read back against the labels: found by name, then each field."""
    from jihua.evaluate import evaluate

    rows = [row for table in report.tables for row in table.all_rows()]
    result = Score(expected=len(layout.expected))
    matched: set[int] = set()
    for wanted in layout.expected:
        row = _row_named(rows, wanted["name"])
        if row is None:
            result.misses.append(f"{layout.key}: 未读出 {wanted['name']}")
            continue
        matched.add(id(row))
        result.found += 1
        _check_fields(result, layout.key, wanted, row)
    result.spurious = len([row for row in rows if id(row) not in matched])
    result.graded = len(evaluate(report).graded) if report.execution is not None else 0
    return result


def _row_named(rows: list[Indicator], name: str) -> Indicator | None:
    wanted = plain(name)
    return next((row for row in rows if plain(row.name) == wanted), None)


def _check_fields(result: Score, key: str, wanted: dict[str, Any], row: Indicator) -> None:
    got = {
        "target": plain(row.target.text),
        "actual": plain(row.actual.text) if row.actual is not None else "",
        "unit": row.unit or "",
        "binding": row.binding,
        "category": row.category or "",
    }
    for field_name in ("target", "actual", "unit", "binding", "category"):
        if field_name not in wanted:
            continue
        result.checked[field_name] = result.checked.get(field_name, 0) + 1
        expected = wanted[field_name]
        expected = plain(expected) if isinstance(expected, str) else expected
        if got[field_name] == expected:
            setattr(result, field_name, getattr(result, field_name) + 1)
        else:
            result.misses.append(f"{key}: {wanted['name']} {field_name} {got[field_name]!r}")
    if "previous" in wanted:
        result.checked["previous"] = result.checked.get("previous", 0) + 1
        figures = [plain(text) for text in row.extra.values()]
        if row.actual is not None:
            figures.append(plain(row.actual.text))
        if plain(wanted["previous"]) in figures:
            result.previous += 1
        else:
            result.misses.append(f"{key}: {wanted['name']} previous not in {figures}")


def report_of(path: Path) -> PlanReport:
    return read_plan(read_document(path))


def excerpt_report(layout: Layout) -> PlanReport:
    """The excerpt as the page copied to text shows it, under its title, in a report."""
    text = f"{layout.title}\n{layout.excerpt.strip()}\n\n全年工作扎实推进。\n"
    return read_plan(read_bytes(text.encode("utf-8"), f"{layout.key}.txt"))


def excerpt_score(layout: Layout) -> Score:
    """The excerpt's labelled rows read back from its text."""
    return score(replace(layout, expected=layout.excerpt_expected()), excerpt_report(layout))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = build_all(Path(folder))
        total = Score()
        kinds = {layout.key: layout for layout in layouts()}
        for (key, variant, fmt), path in sorted(files.items()):
            layout = kinds[key]
            try:
                result = score(layout, report_of(path))
            except UserError as error:  # a format the reader refuses: nothing read
                result = Score(expected=len(layout.expected), misses=[str(error)])
            total.add(result)
            print(
                f"{key:28} {variant:13} {fmt:4} rows {result.found}/{result.expected}"
                f" spurious {result.spurious} graded {result.graded}"
            )
            for miss in result.misses:
                print("    ", miss)
        for layout in layouts():
            if layout.excerpt_expected():
                result = excerpt_score(layout)
                total.add(result)
                print(f"{layout.key:28} {'excerpt':13} txt  rows {result.found}/{result.expected}")
                for miss in result.misses:
                    print("    ", miss)
        checked = total.checked
        print(
            f"TOTAL rows {total.found}/{total.expected}"
            + "".join(
                f" {name} {getattr(total, name)}/{checked.get(name, 0)}"
                for name in ("target", "unit", "previous", "actual", "binding", "category")
            )
            + f" spurious {total.spurious} graded {total.graded}"
        )


if __name__ == "__main__":
    sys.exit(main())
