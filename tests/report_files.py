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


def html_page(title: str, article: str, charset: str = "utf-8") -> str:
    """A government website's article page around ``article``: menus, breadcrumbs, footer, script."""
    menu = "".join(f'<li><a href="/{n}">{name}</a></li>' for n, name in enumerate(MENU))
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_区人民政府门户网站</title>
<style>.nav li {{ float: left }}</style>
<script>var counter = "发布时间：2024-01-20 访问量 12345 增长100%";</script></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/en">English</a> | 无障碍浏览</div>
<div class="nav"><ul>{menu}</ul></div>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 规划计划</div>
<div class="main">
  <h1>{title}</h1>
  <div class="info">来源：区发展和改革委员会　发布时间：2024-01-20 09:30　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
  <div class="share">分享到：<a>微信</a> <a>微博</a></div>
  <div id="zoom" class="TRS_Editor">{article}</div>
  <div class="tools"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办：区人民政府办公室　网站标识码 5001020001　渝ICP备05003300号　联系电话：023-72222222</p>
<p>版权所有 2015-2024 技术支持：某某信息技术有限公司，为您服务第 3000000 位</p></div>
<script>document.write("<p>统计 99 次</p>");</script>
</body></html>"""


MENU = ("首页", "政务公开", "政务服务", "互动交流", "走进涪陵", "专题专栏", "数据发布")


def html_article_from(report: PlanReport) -> str:
    """The report's paragraphs as ``<p>`` and its two tables as ``<table>``s."""
    from html import escape

    text = report.document.text
    parts: list[str] = []
    position = 0
    for table in sorted(report.tables, key=lambda t: t.start):
        before = text[position : text.rfind("\n", 0, table.start)]
        parts += [f"<p>　　{escape(line)}</p>" for line in before.splitlines() if line.strip()]
        header = "".join(f"<th>{escape(title)}</th>" for title in table.columns)
        rows = [f"<tr>{header}</tr>"]
        for _, values in table_rows(report, table.start):
            cells = "".join(f"<td>{escape(values.get(role) or '')}</td>" for role in table.roles)
            rows.append(f"<tr>{cells}</tr>")
        parts.append(f'<table border="1">{"".join(rows)}</table>')
        parts.append(f"<p>{escape(table.note)}</p>")
        position = text.find("\n", text.find("注", table.end)) + 1
    parts += [f"<p>　　{escape(line)}</p>" for line in text[position:].splitlines() if line.strip()]
    return "\n".join(parts)
