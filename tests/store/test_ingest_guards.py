"""Ingest that says what is wrong: repeated rows, a copy that would delete most of a report,
and a parse that never holds the write lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import jihua.store.ingest as ingest_module
from jihua.errors import UserError
from jihua.plan import read_plan
from jihua.store import Store
from jihua.store.schema import Document, Fact
from tests.store.conftest import GDP_ROW, seed_bytes, seed_text

EXAMPLE = "fuling-2023-plan-report.txt"


def counts(store: Store) -> tuple[int, int]:
    with Session(store.engine) as session:
        documents = session.scalar(select(func.count(Document.id))) or 0
        facts = session.scalar(select(func.count(Fact.id))) or 0
    return documents, facts


def test_a_report_whose_table_repeats_a_row_is_refused_naming_the_indicator(store: Store) -> None:
    text = seed_text()
    row = "\t1\n" + GDP_ROW + "\n"
    assert text.count(row) == 1
    repeated = text.replace(row, row + row)
    with pytest.raises(UserError, match="指标“地区生产总值增速”出现了不止一次"):
        store.ingest_bytes(repeated.encode("utf-8"), "重复.txt")
    assert counts(store) == (0, 0)


def _truncated() -> bytes:
    """The seed cut after its first fifth: its title and years, few of its figures."""
    text = seed_text()
    return text[: len(text) // 5].encode("utf-8")


def test_a_truncated_copy_of_a_stored_report_is_refused_with_the_counts(store: Store) -> None:
    store.ingest_bytes(seed_bytes(), EXAMPLE)
    before = counts(store)
    with pytest.raises(UserError, match=r"只有 \d+ 处数字.*已入库的 \d+ 处.*--replace"):
        store.ingest_bytes(_truncated(), "节选.txt")
    assert counts(store) == before


def test_with_replace_the_truncated_copy_is_stored_as_a_revision(store: Store) -> None:
    store.ingest_bytes(seed_bytes(), EXAMPLE)
    _, facts = counts(store)
    result = store.ingest_bytes(_truncated(), "节选.txt", replace=True)
    assert result.status == "revised"
    assert counts(store)[1] < facts / 2


def test_a_full_revision_needs_no_replace(store: Store) -> None:
    store.ingest_bytes(seed_bytes(), EXAMPLE)
    revised = seed_text().replace("7.5以上", "7.6以上", 1).encode("utf-8")
    assert store.ingest_bytes(revised, "修订稿.txt").status == "revised"


def test_the_report_is_read_before_the_write_lock_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lock.sqlite"
    writes: list[str] = []
    real_read_plan = read_plan

    def read_while_another_writes(document):  # type: ignore[no-untyped-def]
        other = sqlite3.connect(path, timeout=0)  # fails at once if the lock is held
        other.execute("BEGIN IMMEDIATE")
        other.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        other.commit()
        other.close()
        writes.append("another writer got the lock")
        return real_read_plan(document)

    with Store(f"sqlite:///{path}") as store:
        monkeypatch.setattr(ingest_module, "read_plan", read_while_another_writes)
        store.ingest_bytes(seed_bytes(), EXAMPLE)
    assert writes == ["another writer got the lock"]


def test_cli_ingest_refuses_a_truncated_copy_then_takes_it_with_replace(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    copy = tmp_path / "节选.txt"
    copy.write_bytes(_truncated())

    def jihua(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", "from jihua.cli import main; main()", *args, "--db", db]
        return subprocess.run(command, capture_output=True, text=True)

    assert jihua("ingest").returncode == 0
    refused = jihua("ingest", str(copy))
    assert refused.returncode == 2
    assert refused.stderr.startswith("错误：") and "--replace" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert jihua("ingest", str(copy), "--replace").returncode == 0
    directory = jihua("ingest", str(tmp_path))
    assert directory.returncode == 2 and "这是一个目录" in directory.stderr
