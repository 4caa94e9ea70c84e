"""Shared by the hostile-input tests: the bombs, built once, and a store holding the seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile import bombs
from tests.hostile.sandbox import run_jihua


@pytest.fixture(scope="session")
def bomb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bomb, built once for the session."""
    directory = tmp_path_factory.mktemp("bombs")
    for build in [*bombs.DOCUMENT_BOMBS.values(), *bombs.IMPORT_BOMBS.values()]:
        build(directory)
    return directory


@pytest.fixture(scope="session")
def stored_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the seed report, to be copied by each test that writes."""
    directory = tmp_path_factory.mktemp("stored")
    outcome = run_jihua("ingest", "--db", "sqlite:///jihua.sqlite", cwd=directory, wall_clock=60)
    assert outcome.returncode == 0, outcome.describe()
    return directory / "jihua.sqlite"


@pytest.fixture
def store_copy(stored_seed: Path, tmp_path: Path) -> str:
    """A fresh copy of the stored seed in the test's directory; its URL relative to it."""
    shutil.copy(stored_seed, tmp_path / "jihua.sqlite")
    return "sqlite:///jihua.sqlite"
