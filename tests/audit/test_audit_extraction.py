"""The audit on the real extraction of the seed (``jihua.extract``)."""

from __future__ import annotations

from jihua.audit import audit
from jihua.cli_report import extraction_of
from jihua.document import Document
from jihua.evaluate import Evaluation
from jihua.plan import PlanReport


def test_prose_against_table_on_the_seed_raises_only_the_income_scope(
    seed_document: Document, seed_report: PlanReport, seed_evaluation: Evaluation
) -> None:
    extraction = extraction_of(seed_document)
    assert extraction is not None, "jihua.extract.extract is missing"
    prose = [f for f in audit(seed_report, extraction, seed_evaluation) if f.check == "文表一致"]
    assert [f.numbers["prose_indicator"] for f in prose] == ["城镇居民人均可支配收入"]
