"""The DOCX through LibreOffice: it must open, paginate, and carry the table text.

LibreOffice and poppler are installed by ``scripts/system-deps``; without
them these tests fail (they do not skip), saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from jihua.report import ReportContent
from jihua.report.docx import docx_bytes
from jihua.report.pdf import docx_to_pdf


def _require(program: str, package: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.fail(
            f"{program} is missing: install the Debian package {package} (scripts/system-deps)"
        )
    return found


@pytest.fixture(scope="module")
def pdf(seed_content: ReportContent) -> bytes:
    _require("soffice", "libreoffice-writer-nogui")
    return docx_to_pdf(docx_bytes(seed_content))


def _pdftotext(pdf: bytes) -> str:
    program = _require("pdftotext", "poppler-utils")
    done = subprocess.run([program, "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _pages(pdf: bytes) -> int:
    program = _require("pdfinfo", "poppler-utils")
    done = subprocess.run([program, "-"], input=pdf, capture_output=True, check=True)
    line = next(x for x in done.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_docx_converts_to_a_pdf_of_a_few_a4_pages(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF")
    assert 3 <= _pages(pdf) <= 10


def test_table_text_is_in_the_pdf(pdf: bytes, seed_content: ReportContent) -> None:
    text = "".join(_pdftotext(pdf).split())
    for row in seed_content.execution_rows:
        assert row.actual.replace(" ", "") in text
        if row.grade:
            assert row.grade in text
    for name in ("地区生产总值增速", "空气质量优良天数", "亿元地区生产总值安全事故死亡率"):
        assert name in text
    for group in seed_content.plan_groups:
        assert group.category in text
    assert seed_content.title in text
