from __future__ import annotations

from pathlib import Path

import pytest

from jihua.document import Document
from jihua.evaluate import Evaluation, evaluate
from jihua.example import EXAMPLE, example_document
from jihua.plan import PlanReport, read_plan

DATA = Path(__file__).resolve().parent.parent / "jihua" / "data"


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
