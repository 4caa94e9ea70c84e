"""Indicator actuals from a spreadsheet (.xlsx, .xls or .csv), checked row by row.

The columns (the header row names them; order does not matter):

======  ============================================  ==================
列       内容                                          例
======  ============================================  ==================
地区     a stored region                               涪陵区
年份     the plan year                                 2023
指标     an indicator of that plan (or a synonym)      地区生产总值增速
完成值   the figure, in the target grammar             6.1 / 7.5以上
口径     预计, 快报 or 年报                             快报
来源     where the figure was published                2023年统计快报
======  ============================================  ==================

Every row is checked before anything is written; a bad row is reported with
its sheet, row, column and the reason, in Chinese, and then nothing of the
file is written. A good file is written in one transaction and the plans it
touches are regraded. ``jihua template actuals.xlsx`` writes an empty file
with these columns and a sheet that explains them.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.bulk import insert_logged, without_pauses
from jihua.store.changes import current_user, now
from jihua.store.compare import Synonyms, load_synonyms
from jihua.store.database import writer
from jihua.store.figures import (
    Source,
    actual_row,
    chunks,
    find_plan,
    store_actual,
)
from jihua.store.grading import regrade_plans
from jihua.store.schema import VINTAGES, Actual, Indicator, Plan, Region
from jihua.targets import Value, parse_value
from jihua.workbook import check_workbook, xls_value

COLUMNS = ("地区", "年份", "指标", "完成值", "口径", "来源")
EXPLANATIONS = (
    ("地区", "已入库的地区名称", "涪陵区"),
    ("年份", "计划年份（四位数字）", "2023"),
    ("指标", "该年计划中的指标名称（可用同义词）", "地区生产总值增速"),
    ("完成值", "数值，写法同计划表：6.1、7.5以上、预计能够完成", "6.1"),
    ("口径", "、".join(VINTAGES), "快报"),
    ("来源", "发布该数据的文件", "2023年统计快报"),
)
MAX_REPORTED = 50


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int
    cells: dict[str, str]
    letters: dict[str, str]


@dataclass(frozen=True)
class Checked:
    plan: Plan
    indicator: Named
    value: Value
    vintage: str
    source: str


class RowError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


@without_pauses()
def import_actuals(engine: Engine, path: Path, who: str | None = None) -> int:
    """Write every actual of the file, or none when any row is wrong; returns the count."""
    rows = read_rows(path)
    who = who or current_user()
    why = f"import {path.name}"
    with Session(writer(engine)) as session, session.begin():
        lookup = Lookup(session)
        lookup.read(rows)
        checked, errors = _check_all(lookup, rows)
        if errors:
            raise UserError(error_text(path, errors))
        _write_actuals(session, checked, Source(who, why))
        regrade_plans(session, {item.plan.id: item.plan for item in checked}.values(), who, why)
    return len(checked)


def _check_all(lookup: Lookup, rows: list[Row]) -> tuple[list[Checked], list[str]]:
    """Every row checked; a row pasted twice is told by its cells before it is looked up,
    one naming the same indicator (or a synonym) and vintage as an earlier row after."""
    checked: list[Checked] = []
    errors: list[str] = []
    as_written = Duplicates("各列")
    as_stored = Duplicates("地区、年份、指标和口径")
    for row in rows:
        try:
            as_written.check(row, tuple(row.cells.values()), "指标")
            item = _check(lookup, row)
            as_stored.check(row, (item.indicator.id, item.vintage), "指标")
            checked.append(item)
        except RowError as exc:
            errors.append(row_error_line(row, exc))
    return checked, errors


def _write_actuals(session: Session, checked: list[Checked], source: Source) -> None:
    """New actuals in one INSERT, stored ones updated (and logged) one by one."""
    stored = _stored_actuals(session, sorted({item.plan.id for item in checked}))
    at = now()
    new = []
    for item in checked:
        if (item.indicator.id, item.vintage) in stored:
            indicator = session.get_one(Indicator, item.indicator.id)
            store_actual(session, indicator, item.value, item.vintage, source, item.source)
        else:
            new.append(
                actual_row(item.indicator.id, item.value, item.vintage, source, item.source, at)
            )
    insert_logged(session, Actual, new, "text", source.who, source.why)


def _stored_actuals(session: Session, plan_ids: list[int]) -> set[tuple[int, str]]:
    """The (indicator id, vintage) of the year's actuals stored for these plans."""
    found: set[tuple[int, str]] = set()
    for chunk in chunks(plan_ids):
        query = (
            select(Actual.indicator_id, Actual.vintage)
            .join(Indicator, Actual.indicator_id == Indicator.id)
            .where(Indicator.plan_id.in_(chunk), Actual.period == "year")
        )
        found.update((i, v) for i, v in session.execute(query))
    return found


class Duplicates:
    """The first row of each key; a later row with the same key is a ``RowError``."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.first: dict[object, int] = {}

    def check(self, row: Row, key: object, column: str) -> None:
        number = self.first.setdefault(key, row.number)
        if number != row.number:
            raise RowError(column, f"与第{number}行重复（{self.what}相同）")


def row_error_line(row: Row, exc: RowError) -> str:
    """Where a row went wrong (sheet, row, column) and why, in one line."""
    letter = row.letters.get(exc.column, "")
    return f"工作表“{row.sheet}”第{row.number}行 {letter}列（{exc.column}）：{exc.reason}"


def error_text(path: Path, errors: list[str]) -> str:
    """The file's row errors for a ``UserError``: one line for one error, else a line
    saying how many and then the first ``MAX_REPORTED`` of them, one a line."""
    if len(errors) == 1:
        return f"{path.name} {errors[0]}，未导入任何数据"
    shown = errors[:MAX_REPORTED]
    more = f"\n……另有 {len(errors) - MAX_REPORTED} 处错误" if len(errors) > MAX_REPORTED else ""
    return f"{path.name} 有 {len(errors)} 处错误，未导入任何数据：\n" + "\n".join(shown) + more


def _check(lookup: Lookup, row: Row) -> Checked:
    cells = row.cells
    for column in COLUMNS:
        if not cells.get(column):
            raise RowError(column, "不能为空")
    plan = lookup.plan(cells["地区"], check_year(cells["年份"]))
    indicator = lookup.indicator(plan, cells["指标"])
    value = lookup.value(cells["完成值"])
    if value.kind in ("unreadable", "empty"):
        raise RowError("完成值", f"无法识别“{cells['完成值']}”（可写 6.1、7.5以上、预计能够完成）")
    if cells["口径"] not in VINTAGES:
        raise RowError("口径", f"应为 {'、'.join(VINTAGES)} 之一，不是“{cells['口径']}”")
    return Checked(plan, indicator, value, cells["口径"], cells["来源"])


def check_year(text: str, column: str = "年份") -> int:
    """A four-digit year of a cell, or a row error."""
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise RowError(column, f"应为四位数字年份，不是“{text}”")
    return int(text)


@dataclass(frozen=True)
class Named:
    """A stored indicator as a file's row finds it: its id and name."""

    id: int
    name: str


class Lookup:
    """Plans and their indicators by name, each plan read once for a whole file."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.spellings = Spellings(load_synonyms())
        self.plans: dict[tuple[str, int], Plan | UserError] = {}
        self.names: dict[int, dict[str, list[Named]]] = {}
        self.values: dict[str, Value] = {}

    def value(self, text: str) -> Value:
        """A figure's text parsed, once per file however many rows repeat it."""
        found = self.values.get(text)
        if found is None:
            found = self.values[text] = parse_value(text)
        return found

    def read(self, rows: list[Row]) -> None:
        """The plans the rows name, and their indicators, in a few queries for the whole
        file (read one plan at a time, 1,000 plans took a second)."""
        wanted = {
            (row.cells.get("地区", ""), int(year))
            for row in rows
            if (year := row.cells.get("年份", "")).isascii() and year.isdigit() and len(year) == 4
        }
        for key, plan in plans_named(self.session, wanted).items():
            self.plans.setdefault(key, plan)
        plan_ids = sorted({p.id for p in self.plans.values() if isinstance(p, Plan)})
        for plan_id in plan_ids:
            self.names.setdefault(plan_id, {})
        for chunk in chunks(plan_ids):
            query = (
                select(Indicator.plan_id, Indicator.id, Indicator.name)
                .where(Indicator.plan_id.in_(chunk))
                .order_by(Indicator.id)
            )
            for plan_id, indicator_id, name in self.session.execute(query):
                self.names[plan_id].setdefault(name, []).append(Named(indicator_id, name))

    def plan(self, region: str, year: int) -> Plan:
        """The stored plan, or a row error on 地区."""
        key = (region, year)
        if key not in self.plans:
            try:
                self.plans[key] = find_plan(self.session, region, year)
            except UserError as exc:
                self.plans[key] = exc
        found = self.plans[key]
        if isinstance(found, UserError):
            raise RowError("地区", found.message)
        return found

    def indicator(self, plan: Plan, name: str) -> Named:
        """The plan's indicator of that name or one of its synonyms; else a row error on 指标."""
        names = self.names.get(plan.id)
        if names is None:
            names = self.names[plan.id] = {}
            query = select(Indicator.id, Indicator.name).where(Indicator.plan_id == plan.id)
            for indicator_id, stored in self.session.execute(query.order_by(Indicator.id)):
                names.setdefault(stored, []).append(Named(indicator_id, stored))
        for spelling in self.spellings(name):
            found = names.get(_plain(spelling), [])
            if len(found) == 1:
                return found[0]
        count = len(names.get(_plain(name), []))
        if count > 1:
            raise RowError("指标", f"计划中有 {count} 个名为“{name}”的指标，请写明所属的上级指标")
        raise RowError("指标", f"计划中没有指标“{name}”")


def plans_named(session: Session, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], Plan]:
    """The stored plans of these (region name, year) pairs, the first stored of a name
    two regions share, as :func:`jihua.store.figures.find_plan` finds one."""
    found: dict[tuple[str, int], Plan] = {}
    names = sorted({name for name, _ in wanted})
    for start in range(0, len(names), 5000):
        query = (
            select(Region.name, Plan)
            .join(Region, Plan.region_id == Region.id)
            .where(Region.name.in_(names[start : start + 5000]))
            .order_by(Plan.id)
        )
        for name, plan in session.execute(query):
            if (name, plan.year) in wanted:
                found.setdefault((name, plan.year), plan)
    return found


class Spellings:
    """A name and then its synonyms, in the order a lookup tries them; each name worked
    out once per file (the synonym table is searched whole for every name)."""

    def __init__(self, synonyms: Synonyms) -> None:
        self.synonyms = synonyms
        self.known: dict[str, tuple[str, ...]] = {}

    def __call__(self, name: str) -> tuple[str, ...]:
        found = self.known.get(name)
        if found is None:
            others = sorted(self.synonyms.spellings(name) - {name})
            found = self.known[name] = (name, *others)
        return found


def _plain(name: str) -> str:
    """A name as :func:`jihua.store.figures.find_indicator` looks it up."""
    return name.replace("其中：", "").replace("其中:", "").strip()


def find_synonym(session: Session, plan: Plan, name: str) -> Named:
    """The plan's indicator of that name or one of its synonyms; else a row error."""
    return Lookup(session).indicator(plan, name)


IMPORT_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".json")


def check_import_file(path: Path) -> None:
    """A file ``jihua import`` can read: it exists, is a file, and is CSV, XLSX, XLS or JSON."""
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    if path.is_dir():
        raise UserError(f"这是一个目录，不是要导入的文件：{path}")
    if path.suffix.lower() not in IMPORT_SUFFIXES:
        raise UserError(
            f"只能导入 .xlsx、.xls、.csv 或 jihua export 导出的 .json，不是 {path.name}"
        )


def finite_number(text: str, column: str, what: str = "数字") -> float:
    """A cell's number (thousands separators allowed); ``nan`` and ``inf`` are not numbers."""
    try:
        value = float(text.replace(",", "").replace("，", ""))
    except ValueError:
        raise RowError(column, f"应为{what}，不是“{text}”") from None
    if not math.isfinite(value):
        raise RowError(column, f"应为{what}，不是“{text}”")
    return value


#: the most data rows one file may hold, and the columns read of each row
MAX_ROWS = 200_000
MAX_COLUMNS = 64


def read_rows(
    path: Path, required: tuple[str, ...] = COLUMNS, aliases: dict[str, str] | None = None
) -> list[Row]:
    """The data rows of the file's first sheet, whose header must name ``required`` (a
    column named by one of ``aliases``, case aside, is read under the name it stands for).

    A file with a header and no data rows is a mistake (an empty template sent back).
    """
    sheet, table = read_table(path)
    rows = _rows_of(table, sheet, _where(path, sheet), required, aliases or {})
    if not rows:
        raise UserError(f"{_where(path, sheet)}没有数据：第1行是表头，数据从第2行起每行一条")
    return rows


def header_of(path: Path) -> list[str]:
    """The names in the first row of the file's first sheet (to tell what kind of list it is)."""
    table = read_table(path)[1]
    return [v.strip() for v in table[0]] if table else []


def read_table(path: Path) -> tuple[str, list[list[str]]]:
    """The first sheet's title and cells (a CSV's sheet is its file name).

    The last file read is kept: ``jihua import`` asks for the header to tell the
    kind of list, then for the rows, and a file of 100,000 rows is read once.
    """
    check_import_file(path)
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if _LAST_READ.get("key") != key:
        _LAST_READ.clear()
        _LAST_READ.update(key=key, value=_read(path))
    value: tuple[str, list[list[str]]] = _LAST_READ["value"]
    return value


_LAST_READ: dict[str, Any] = {}


def _read(path: Path) -> tuple[str, list[list[str]]]:
    if path.suffix.lower() == ".csv":
        return path.name, _csv_table(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_table(path)
    if path.suffix.lower() == ".xls":
        return _xls_table(path)
    raise UserError(f"只能导入 .xlsx、.xls、.csv 或 jihua export 导出的 .json，不是 {path.name}")


def _where(path: Path, sheet: str) -> str:
    """The file and sheet a message is about (a CSV file is its own sheet)."""
    return f"{path.name} 工作表“{sheet}”"


def _header(
    values: list[str], where: str, required: tuple[str, ...], aliases: dict[str, str]
) -> list[str]:
    header = [aliases.get(v.strip().lower(), v.strip()) for v in values]
    missing = [c for c in required if c not in header]
    if missing:
        raise UserError(f"{where}第1行缺少列：{'、'.join(missing)}")
    return header


def _letter(index: int) -> str:
    """The spreadsheet letters of the column at ``index`` (0 → A, 26 → AA)."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _rows_of(
    table: list[list[str]],
    sheet: str,
    where: str,
    required: tuple[str, ...],
    aliases: dict[str, str],
) -> list[Row]:
    if not table:
        raise UserError(f"{where}是空的")
    header = _header(table[0], where, required, aliases)
    letters = {name: _letter(i) for i, name in enumerate(header)}
    rows = []
    width = len(header)
    for number, values in enumerate(table[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        padded = values[:width] + [""] * (width - len(values))
        rows.append(
            Row(sheet, number, dict(zip(header, map(str.strip, padded), strict=True)), letters)
        )
    return rows


def _csv_table(path: Path) -> list[list[str]]:
    text = _csv_text(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table: list[list[str]] = []
    try:
        for row in reader:
            table.append(row[:MAX_COLUMNS])
            _check_length(table, path.name)
    except csv.Error as exc:
        why = (
            "单元格过长（超过 131072 个字符）"
            if "field larger" in str(exc)
            else "格式有误（引号未闭合？）"
        )
        raise UserError(f"{path.name} 第{reader.line_num}行：CSV {why}") from exc
    return table


def _csv_text(data: bytes) -> str:
    """A CSV's text: UTF-8 (with or without its mark), else GBK as Excel and WPS save it —
    also behind a UTF-8 mark that lies."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        return body.decode("gb18030", errors="replace")


def _check_length(table: list[list[str]], source: str) -> None:
    if len(table) > MAX_ROWS + 1:
        raise UserError(
            f"{source} 超过 {MAX_ROWS} 行数据（第{len(table)}行）：一次最多导入 {MAX_ROWS} 行，请分成几个文件"
        )


def _xlsx_table(path: Path) -> tuple[str, list[list[str]]]:
    from openpyxl import load_workbook

    data = path.read_bytes()
    check_workbook(data, path.name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UserError(f"无法打开 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式") from exc
    try:
        sheet = book.worksheets[0]
        title = str(sheet.title)
        return title, _sheet_cells(sheet, f"{path.name} 工作表“{title}”")
    except UserError:
        raise
    except Exception as exc:  # a sheet's XML broken past the workbook's
        raise UserError(f"无法读取 Excel 文件 {path.name}：工作表已损坏") from exc
    finally:
        book.close()


def _xls_table(path: Path) -> tuple[str, list[list[str]]]:
    """The first sheet of an Excel 97–2003 workbook, its values as a ``.xlsx`` gives them."""
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=path.read_bytes(), on_demand=True, logfile=io.StringIO()
        )
        sheet = book.sheet_by_index(0)
    except Exception as exc:  # xlrd raises many kinds for a broken file
        raise UserError(f"无法打开 Excel 文件 {path.name}：文件已损坏或不是 .xls 格式") from exc
    try:
        title = str(sheet.name)
        where = f"{path.name} 工作表“{title}”"
        table: list[list[str]] = []
        for row in range(sheet.nrows):
            values = [
                xls_value(book, sheet.cell(row, column))
                for column in range(min(sheet.ncols, MAX_COLUMNS))
            ]
            table.append(
                [_cell_text(value) for value in values]
                if any(v is not None for v in values)
                else []
            )
            _check_length(table, where)
        return title, table
    except UserError:
        raise
    except Exception as exc:  # a sheet broken past the workbook's header
        raise UserError(f"无法读取 Excel 文件 {path.name}：工作表已损坏") from exc
    finally:
        book.release_resources()


def _sheet_cells(sheet: Any, where: str) -> list[list[str]]:
    """Cells of a read-only sheet, its first ``MAX_COLUMNS`` columns, without trusting
    the size the file declares (``A1:XFD1048576`` would pad every row to 16,384 cells)."""
    sheet.reset_dimensions()
    table: list[list[str]] = []
    empty: list[str] = []
    blank = (None,) * MAX_COLUMNS  # a row the reader makes up between two stored rows
    for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        if values == blank or not any(v is not None for v in values):
            table.append(empty)
            continue
        table.append([_cell_text(v) for v in values])
        _check_length(table, where)
    return table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_template(path: Path) -> Path:
    """An empty actuals file with the columns, and (in .xlsx) a sheet explaining them."""
    return write_sheet_template(path, "完成值", COLUMNS, EXPLANATIONS)


def write_sheet_template(
    path: Path, title: str, columns: tuple[str, ...], explanations: tuple[tuple[str, ...], ...]
) -> Path:
    """An empty sheet named ``title`` with ``columns``, and (in .xlsx) a sheet explaining them."""
    if path.suffix.lower() == ".csv":
        path.write_text(",".join(columns) + "\n", encoding="utf-8-sig")
        return path
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"模板只能是 .xlsx 或 .csv，不是 {path.name}")
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = title
    data.append(list(columns))
    notes = book.create_sheet("说明")
    notes.append(["列", "内容", "例"])
    for line in explanations:
        notes.append(list(line))
    book.save(path)
    return path


def require_columns(path: Path, columns: tuple[str, ...], aliases: dict[str, str]) -> list[Row]:
    """The file's rows under canonical names (``region`` → 地区); a missing column is an
    error naming the file and sheet."""
    return read_rows(path, columns, aliases)
