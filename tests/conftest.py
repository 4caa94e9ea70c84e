from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jihua.document import Document
from jihua.evaluate import Evaluation, evaluate
from jihua.example import EXAMPLE, example_document
from jihua.plan import PlanReport, read_plan

DATA = Path(__file__).resolve().parent.parent / "jihua" / "data"
ROOT = DATA.parents[1]
# Processes the code under test starts (the upload workers' fork server, which takes this
# process's sys.path) load test helpers by name: `--import-mode=importlib` leaves the tree off
# sys.path, and `.venv/bin/pytest` puts its own folder first, not the working directory.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return DATA / EXAMPLE


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return example_document()


@pytest.fixture(scope="session")
def seed_report(seed_document: Document) -> PlanReport:
    return read_plan(seed_document)


@pytest.fixture(scope="session")
def seed_evaluation(seed_report: PlanReport) -> Evaluation:
    return evaluate(seed_report)
