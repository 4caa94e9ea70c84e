"""The commands a planner types most load only what they use, and ``--help`` loads no command.

Structure, not timing: the figures are in ``bench/startup.py``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jihua.cli import COMMANDS, cli, load_command

JIHUA = Path(__file__).resolve().parent.parent / "jihua"
#: what only the store, the web app, the office formats and the PDF reader need
HEAVY = tuple(
    ["sqlalchemy", "alembic", "fastapi", "uvicorn", "docx", "openpyxl", "pdfplumber", "pypdfium2"]
)
REPORT = """\
关于青溪县2024年国民经济和社会发展计划执行情况与2025年计划草案的报告

一、2024年计划执行情况

全县实现地区生产总值412.6亿元，增长5.8%；规模以上工业增加值增长7.2%，
固定资产投资增长4.1%，社会消费品零售总额186.3亿元，增长6.5%。

二、2025年经济社会发展的主要目标

地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。
"""


def _modules_loaded_by(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``jihua ARGS`` in a fresh interpreter; its result and which of HEAVY it imported."""
    code = (
        "import atexit, sys\n"
        f"heavy = {HEAVY!r}\n"
        "atexit.register(lambda: print('LOADED=' + ','.join("
        "m for m in heavy if m in sys.modules), file=sys.stderr))\n"
        "sys.argv = ['jihua', *sys.argv[1:]]\n"
        "from jihua.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED="))
    return done, set(filter(None, line.removeprefix("LOADED=").split(",")))


@pytest.mark.parametrize(
    "args",
    [["--help"], ["analyze"], ["analyze", "--json"], ["rules"], ["extract", "REPORT", "--json"]],
)
def test_quick_commands_load_no_store_web_office_or_pdf_library(
    args: list[str], tmp_path: Path
) -> None:
    report = tmp_path / "青溪县计划报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    done, loaded = _modules_loaded_by(*(str(report) if a == "REPORT" else a for a in args))
    assert done.returncode == 0, done.stderr
    assert loaded == set()


def test_extract_of_a_text_still_reads_its_figures(tmp_path: Path) -> None:
    report = tmp_path / "青溪县计划报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    done, _ = _modules_loaded_by("extract", str(report), "--json")
    assert '"region": "青溪县"' in done.stdout
    assert "412.6" in done.stdout


def test_a_store_command_loads_its_module_when_it_runs(tmp_path: Path) -> None:
    done, loaded = _modules_loaded_by("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'j.db'}")
    assert done.returncode == 0, done.stderr
    assert "sqlalchemy" in loaded


def test_help_lists_every_command_as_it_would_with_all_of_them_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv[0] = 'jihua'; from jihua.cli import main; main()",
            "--help",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in COMMANDS:
        cli.get_command(click.Context(cli), name)
    loaded = CliRunner().invoke(cli, ["--help"], prog_name="jihua", terminal_width=80).output
    assert fresh == loaded
    assert all(f"\n  {name} " in fresh for name in COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_summary_is_the_first_paragraph_of_its_help(name: str) -> None:
    command = load_command(name)
    listed = click.Command(name, help=COMMANDS[name][1])
    assert command.get_short_help_str(1000) == listed.get_short_help_str(1000)


def test_a_mistyped_command_is_answered_with_the_nearest_one() -> None:
    done, _ = _modules_loaded_by("analyse")
    assert done.returncode == 2
    assert "Did you mean 'analyze'?" in done.stderr


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_nothing_below_the_command_line_imports_it() -> None:
    offenders = [
        str(path.relative_to(JIHUA))
        for path in JIHUA.rglob("*.py")
        if "cli" not in path.relative_to(JIHUA).parts
        and any(m == "jihua.cli" or m.startswith("jihua.cli.") for m in _imported_modules(path))
    ]
    assert offenders == []


def test_importing_jihua_reads_no_module_but_the_charset_sharing_until_a_name_is_used() -> None:
    code = (
        "import sys, jihua\n"
        "before = sorted(m for m in sys.modules if m.startswith('jihua.'))\n"
        "jihua.read_plan\n"
        "print(before, 'jihua.plan' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['jihua.charsets'] True"  # it must come before any pattern
