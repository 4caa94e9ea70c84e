"""PDF from the DOCX, by LibreOffice headless (``soffice --headless --convert-to pdf``).

The PDF is then exactly what Word-compatible software lays out from the DOCX.
Each conversion uses its own LibreOffice profile directory, so that two
conversions at once (tests, a server) do not lock each other out.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from jihua.errors import UserError

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 120


def find_soffice() -> str:
    """The LibreOffice program, or a clear error naming the Debian package."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise UserError(
        "生成 PDF 需要 LibreOffice，但没有找到 soffice；"
        "请安装 libreoffice-writer-nogui（或运行 scripts/system-deps）"
    )


def docx_to_pdf(docx: bytes) -> bytes:
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="jihua-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
        except subprocess.CalledProcessError as exc:
            message = exc.stderr.decode("utf-8", "replace").strip()
            raise UserError(f"LibreOffice 转换 PDF 失败：{message}") from exc
        except subprocess.TimeoutExpired as exc:
            raise UserError(f"LibreOffice 转换 PDF 超时（{TIMEOUT_SECONDS} 秒）") from exc
        result = folder / "report.pdf"
        if not result.exists():
            raise UserError("LibreOffice 没有生成 PDF 文件")
        return result.read_bytes()
