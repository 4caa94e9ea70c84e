"""Every bad input a planner can give a command gets one Chinese line, saying what and where.

The inputs are generated: for each import kind (完成值, 年度目标, 月度数据, 项目清单)
and each format (CSV, XLSX), a good row spoiled one field at a time — a bad
date, a wrong type, nan and inf, a negative or huge number, an empty cell, a
missing column, a row given twice — and the files that are wrong as a whole:
an unterminated quote, a cell over 131,072 characters, JSON nested 100,000
deep, a directory named like a file, a missing path, a wrong extension, a
lying byte-order mark; the exports ``jihua import`` restores, spoiled the same
ways; and the readers' and the rule files' bad inputs. Each must end with exit
2 and one line on stderr, in Chinese (no ``Traceback``, no exception name, no
English sentence), naming the file and, when there is one, the row and field.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from jihua.cli import main
from tests.hostile.bombs import seed_text
from tests.hostile.sandbox import chinese_line_fault

DB = "sqlite:///jihua.sqlite"


@dataclass(frozen=True)
class Sheet:
    """An import kind: its header, a good row, and the options ``jihua import`` needs."""

    header: tuple[str, ...]
    row: tuple[str, ...]
    options: tuple[str, ...] = ()


KINDS = {
    "actuals": Sheet(
        ("地区", "年份", "指标", "完成值", "口径", "来源"),
        ("涪陵区", "2023", "地区生产总值增速", "7.6", "快报", "2023年统计快报"),
    ),
    "targets": Sheet(
        ("地区", "年份", "指标", "单位", "目标", "约束性", "版本"),
        ("涪陵区", "2025", "地区生产总值增速", "%", "6左右", "", "批准"),
    ),
    "monthly": Sheet(
        ("地区", "指标", "年份", "期间", "数值", "类型", "口径"),
        ("涪陵区", "规上工业增加值增速", "2024", "1-6月", "6.2", "growth", "快报"),
    ),
    "projects": Sheet(
        (
            "项目名称",
            "建设阶段",
            "总投资（亿元）",
            "年度计划投资（亿元）",
            "已完成投资（亿元）",
            "截至年月",
        ),
        ("聚源大道西延伸段", "新开工", "12.5", "3.2", "1.1", "2024-06"),
        ("--region", "涪陵区", "--year", "2024"),
    ),
}
#: (kind, column) → the bad values it is given, each with the words its message must hold
BAD_CELLS: dict[tuple[str, str], list[str]] = {
    ("actuals", "年份"): ["二〇二三", "20231", "2023.0", ""],
    ("actuals", "完成值"): ["abc", "nan", "inf", "1e400", ""],
    ("actuals", "口径"): ["初步", ""],
    ("actuals", "地区"): ["不存在区", ""],
    ("actuals", "指标"): ["没有这个指标", ""],
    ("targets", "年份"): ["去年", "99"],
    ("targets", "目标"): ["很多", "nan", ""],
    ("targets", "约束性"): ["也许"],
    ("targets", "版本"): ["终稿"],
    ("monthly", "期间"): ["13月", "2024-13", "上半年末", ""],
    ("monthly", "数值"): ["abc", "nan", "-inf", "1e999", ""],
    ("monthly", "类型"): ["speed"],
    ("monthly", "年份"): ["2024年"],
    ("projects", "总投资（亿元）"): ["十二亿", "-5", "inf", "nan"],
    ("projects", "年度计划投资（亿元）"): ["99"],
    ("projects", "截至年月"): ["2024/06", "2024-13", ""],
    ("projects", "建设阶段"): ["快完了"],
    ("projects", "项目名称"): [""],
}


def _cases() -> list[tuple[str, str, str, str]]:
    return [
        (kind, fmt, column, value)
        for (kind, column), values in BAD_CELLS.items()
        for value in values
        for fmt in ("csv", "xlsx")
    ]


def write_sheet(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Path:
    if path.suffix == ".csv":
        lines = [",".join(header), *(",".join(row) for row in rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
        return path
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@dataclass(frozen=True)
class Answer:
    code: int
    stderr: str


def jihua(*args: str, capsys: pytest.CaptureFixture[str]) -> Answer:
    """``jihua ARGS`` in this process, as its console script runs it."""
    capsys.readouterr()
    saved = sys.argv
    sys.argv = ["jihua", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = saved
    return Answer(code, capsys.readouterr().err)


def assert_one_chinese_line(answer: Answer, *words: str) -> None:
    lines = answer.stderr.strip().splitlines()
    assert answer.code == 2, answer
    assert len(lines) == 1, lines
    fault = chinese_line_fault(lines[0])
    assert fault is None, f"{fault}: {lines[0]}"
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"


@pytest.fixture
def store(stored_seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's directory, holding a copy of the stored seed; the working directory."""
    (tmp_path / "jihua.sqlite").write_bytes(stored_seed.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("kind", "fmt", "column", "value"), _cases())
def test_a_bad_cell_is_named_with_its_file_row_and_column(
    kind: str, fmt: str, column: str, value: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = KINDS[kind]
    row = tuple(
        value if name == column else cell
        for name, cell in zip(sheet.header, sheet.row, strict=True)
    )
    path = write_sheet(store / f"{kind}.{fmt}", sheet.header, [row])
    answer = jihua("import", str(path), *sheet.options, "--db", DB, capsys=capsys)
    assert_one_chinese_line(answer, path.name, "第2行", column)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_row_given_twice_names_both_rows(
    kind: str, fmt: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = KINDS[kind]
    path = write_sheet(store / f"{kind}.{fmt}", sheet.header, [sheet.row, sheet.row])
    answer = jihua("import", str(path), *sheet.options, "--db", DB, capsys=capsys)
    assert_one_chinese_line(answer, path.name, "第3行", "与第2行重复")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_missing_column_is_named_with_its_sheet(
    kind: str, fmt: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = KINDS[kind]
    keep = [i for i, name in enumerate(sheet.header) if i != 1 or kind == "projects"]
    header = tuple(sheet.header[i] for i in keep)
    row = tuple(sheet.row[i] for i in keep)
    if kind == "projects":  # only 项目名称 is required; an unknown column is the mistake
        header, row = (*header, "备注栏"), (*row, "x")
    path = write_sheet(store / f"{kind}.{fmt}", header, [row])
    answer = jihua("import", str(path), *sheet.options, "--db", DB, capsys=capsys)
    assert_one_chinese_line(answer, path.name, "第1行")


def _whole_files() -> dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]]:
    header = ",".join(KINDS["actuals"].header)

    def text(name: str, body: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            (folder / name).write_bytes(body.encode(encoding))
            return folder / name

        return make

    def directory(name: str) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            (folder / name).mkdir()
            return folder / name

        return make

    return {
        "open-quote": (
            text("引号.csv", f'{header}\n"涪陵区,2023,x,7.6,快报,来源\n'),
            ("引号.csv", "第2行"),
        ),
        "long-cell": (
            text("长.csv", f"{header}\n涪陵区,2023,地区生产总值增速,{'9' * 140_000},快报,来源\n"),
            ("长.csv", "第2行"),
        ),
        "deep-json": (text("深.json", "[" * 100_000 + "]" * 100_000), ("深.json",)),
        "not-json": (text("坏.json", '{"format": "jihua-store", '), ("坏.json",)),
        "dir-csv": (directory("目录.csv"), ("目录.csv",)),
        "dir-xlsx": (directory("目录.xlsx"), ("目录.xlsx",)),
        "dir-json": (directory("目录.json"), ("目录.json",)),
        "txt": (text("备忘.txt", "备忘"), ("备忘.txt",)),
        "docx": (text("报告.docx", "PK"), ("报告.docx",)),
        "empty-csv": (text("空.csv", ""), ("空.csv",)),
        "header-only": (text("表头.csv", header + "\n"), ("表头.csv",)),
        "broken-xlsx": (text("坏.xlsx", "PK\x03\x04 not a workbook"), ("坏.xlsx",)),
    }


WHOLE_FILES = _whole_files()


@pytest.mark.parametrize("name", sorted(WHOLE_FILES))
def test_a_file_wrong_as_a_whole_is_named(
    name: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, words = WHOLE_FILES[name]
    path = make(store)
    answer = jihua("import", str(path), "--db", DB, capsys=capsys)
    assert_one_chinese_line(answer, *words)


def test_a_gbk_sheet_behind_a_lying_utf8_mark_is_read_by_its_bytes(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = KINDS["actuals"]
    path = store / "完成值.csv"
    text = ",".join(sheet.header) + "\n" + ",".join(sheet.row) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("gbk"))
    answer = jihua("import", str(path), "--db", DB, capsys=capsys)
    assert (answer.code, answer.stderr) == (0, "")
    history = jihua("history", "涪陵区", "2023", "地区生产总值增速", "--db", DB, capsys=capsys)
    assert history.code == 0


def test_a_missing_import_path_is_named(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = jihua("import", "没有这个文件.xlsx", "--db", DB, capsys=capsys)
    assert_one_chinese_line(answer, "没有这个文件.xlsx")


def _export(store: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    answer = jihua("export", "--format", "json", "-o", "全部.json", "--db", DB, capsys=capsys)
    assert answer.code == 0, answer
    data: dict[str, object] = json.loads((store / "全部.json").read_text(encoding="utf-8"))
    return data


#: how an export is spoiled: (table, the change to its first row) → words of the message
SPOILED_EXPORTS: dict[str, tuple[str, Callable[[dict[str, object]], None], tuple[str, ...]]] = {
    "bad-date": (
        "documents",
        lambda row: row.update(ingested_at="2024-13-45"),
        ("documents", "ingested_at"),
    ),
    "wrong-type": ("documents", lambda row: row.update(text=12345), ("documents", "text")),
    "wrong-number": ("plans", lambda row: row.update(year="二〇二三"), ("plans", "year")),
    "missing-field": ("plans", lambda row: row.pop("region_id"), ("plans", "region_id")),
    "nan": ("targets", lambda row: row.update(number=float("nan")), ("targets", "number")),
    "null-field": (
        "documents",
        lambda row: row.update(ingested_at=None),
        ("documents", "ingested_at"),
    ),
    "not-a-row": ("regions", lambda row: row.clear(), ("regions",)),
}


@pytest.mark.parametrize("name", sorted(SPOILED_EXPORTS))
def test_a_spoiled_export_is_refused_naming_table_and_field(
    name: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _export(store, capsys)
    table, spoil, words = SPOILED_EXPORTS[name]
    tables = data["tables"]
    assert isinstance(tables, dict)
    spoil(tables[table][0])
    path = store / "坏导出.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    answer = jihua("import", str(path), "--db", "sqlite:///空库.sqlite", capsys=capsys)
    assert_one_chinese_line(answer, "坏导出.json", *words)


def test_an_export_with_a_row_given_twice_is_refused_naming_the_table(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _export(store, capsys)
    tables = data["tables"]
    assert isinstance(tables, dict)
    tables["plans"].append(dict(tables["plans"][0]))
    path = store / "重复.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    answer = jihua("import", str(path), "--db", "sqlite:///空库.sqlite", capsys=capsys)
    assert_one_chinese_line(answer, "重复.json", "plans")


# --- readers and rule files -----------------------------------------------------------------

READER_COMMANDS = {
    "analyze": ("analyze",),
    "extract": ("extract", "--json"),
    "audit": ("audit",),
    "ingest": ("ingest", "--db", DB),
    "report": ("report", "--format", "html", "-o", "评价.html"),
}


def _bad_documents() -> dict[str, Callable[[Path], Path]]:
    def write(name: str, data: bytes) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            (folder / name).write_bytes(data)
            return folder / name

        return make

    def directory(folder: Path) -> Path:
        (folder / "报告.txt").mkdir()
        return folder / "报告.txt"

    cut = seed_text()[:120].encode("utf-8")
    return {
        "missing": lambda folder: folder / "没有这个报告.txt",
        "directory": directory,
        "empty": write("空.txt", b""),
        "binary": write("图片.txt", bytes(range(256)) * 8),
        "spreadsheet": write("表格.xlsx", b"PK\x03\x04" + b"\x00" * 64),
        "broken-docx": write("坏.docx", b"PK\x03\x04" + b"\x00" * 64),
        "broken-pdf": write("坏.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
        "xml-named-html": write("页面.html", b"<?xml<html><body><p>x</p></body></html>"),
        "no-report": write("通知.txt", "关于做好防汛工作的通知\n各单位：请做好准备。\n".encode()),
        "cut-short": write("截断.txt", cut),
    }


BAD_DOCUMENTS = _bad_documents()


#: ``extract`` reads any text, report or not: on these its empty result is the right answer
EXTRACTS_NOTHING = {"no-report", "xml-named-html", "cut-short"}
#: ``audit`` of a report's heading alone: no relation to check is the right answer
AUDITS_NOTHING = {"cut-short"}


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
@pytest.mark.parametrize("command", sorted(READER_COMMANDS))
def test_a_bad_document_gets_one_chinese_line_naming_it(
    command: str, name: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BAD_DOCUMENTS[name](store)
    args = READER_COMMANDS[command]
    answer = jihua(args[0], str(path), *args[1:], capsys=capsys)
    if (command == "extract" and name in EXTRACTS_NOTHING) or (
        command == "audit" and name in AUDITS_NOTHING
    ):
        assert (answer.code, answer.stderr) == (0, ""), answer
    elif command == "extract" and name == "directory":  # a directory is a batch, for --jsonl
        assert_one_chinese_line(answer, "--jsonl")
    else:
        assert_one_chinese_line(answer, path.name)


def _bad_rule_files() -> dict[str, Callable[[Path], Path]]:
    def write(data: bytes) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            (folder / "规则.toml").write_bytes(data)
            return folder / "规则.toml"

        return make

    def directory(folder: Path) -> Path:
        (folder / "规则.toml").mkdir()
        return folder / "规则.toml"

    return {
        "missing": lambda folder: folder / "规则.toml",
        "directory": directory,
        "deep": write(b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        "binary": write(bytes(range(256)) * 4),
        "gbk": write("[grades]\n名称 = “完成”\n".encode("gbk")),
        "broken": write(b"[thresholds\nyellow_ratio = \n"),
    }


RULE_FILES = _bad_rule_files()
RULE_COMMANDS = {
    "analyze": ("analyze", "--rules"),
    "audit": ("audit", "--rules"),
    "targets": ("targets", "涪陵区", "地区生产总值增速", "--db", DB, "--synonyms"),
    "compare": ("compare", "地区生产总值增速", "--year", "2023", "--db", DB, "--synonyms"),
    "monitor": (
        "monitor",
        "--region",
        "涪陵区",
        "--year",
        "2024",
        "--period",
        "2024-06",
        "--db",
        DB,
        "--rules",
    ),
}


@pytest.mark.parametrize("name", sorted(RULE_FILES))
@pytest.mark.parametrize("command", sorted(RULE_COMMANDS))
def test_a_bad_rule_file_gets_one_chinese_line_naming_it(
    command: str, name: str, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = RULE_FILES[name](store)
    answer = jihua(*RULE_COMMANDS[command], str(path), capsys=capsys)
    assert_one_chinese_line(answer, path.name)


def test_a_backup_into_a_file_named_like_a_directory_is_refused(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (store / "占位").write_text("x")
    answer = jihua("db", "backup", str(store / "占位" / "b.sqlite"), "--db", DB, capsys=capsys)
    assert_one_chinese_line(answer, "占位")
