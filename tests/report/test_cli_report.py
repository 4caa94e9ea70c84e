from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from jihua.cli import cli, main


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_report_writes_the_example_in_each_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    result = CliRunner().invoke(cli, ["report", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "html":
        assert "涪陵区2023年国民经济和社会发展计划执行情况评价报告" in data.decode("utf-8")
    else:
        assert zipfile.is_zipfile(out)


def test_template_with_xlsx_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["jihua", "report", "--format", "xlsx", "--template", "x.docx"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
    assert "--template 只用于 docx 或 pdf 格式" in capsys.readouterr().err
