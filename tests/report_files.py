"""Report files the tests build themselves: the seed as DOCX with Word tables, as PDF, as HTML."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from jihua.plan import PlanReport


def docx_from(report: PlanReport, path: Path, *, page_numbers: bool = False) -> Path:
    """A Word version of the report: its paragraphs, and its two tables as ruled Word tables."""
    word = docx.Document()
    if page_numbers:
        _add_page_number_footer(word)
    text = report.document.text
    position = 0
    for table in sorted(report.tables, key=lambda t: t.start):
        before = text[position : text.rfind("\n", 0, table.start)]
        for line in before.splitlines():
            word.add_paragraph(line)
        grid = word.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, title in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = title
        for row, values in table_rows(report, table.start):
            cells = grid.add_row().cells
            for cell, role in zip(cells, table.roles, strict=True):
                cell.text = values.get(role) or ""
            del row
        word.add_paragraph(table.note)
        position = table.end
        position = text.find("\n", text.find("注", position)) + 1
    for line in text[position:].splitlines():
        word.add_paragraph(line)
    word.save(str(path))
    return path


def table_rows(report: PlanReport, start: int) -> list[tuple[object, dict[str, str]]]:
    """Each row of the table at ``start`` with its cell text by column role."""
    table = next(t for t in report.tables if t.start == start)
    rows: list[tuple[object, dict[str, str]]] = []
    for row in table.all_rows():
        values = {
            "no": row.no or "",
            "category": (row.category or "") if row in table.indicators else "",
            "name": row.raw_name,
            "target": row.target.text,
            "actual": row.actual.text if row.actual else "",
        }
        rows.append((row, values))
    return rows


def _add_page_number_footer(word: docx.document.Document) -> None:
    """A footer ``— N —`` on every page, the way government documents number their pages."""
    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def pdf_from_docx(path: Path) -> Path:
    """The DOCX converted by LibreOffice; fails (never skips) when LibreOffice is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, (
        "LibreOffice (soffice) is needed to build the test PDFs: "
        "install libreoffice-writer-nogui (scripts/system-deps)"
    )
    profile = path.parent / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice did not convert {path.name} to PDF"
    return pdf
