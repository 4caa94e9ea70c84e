"""How well ``jihua.extract`` finds the hand-labelled facts of the corpus.

    .venv/bin/python bench/extract_accuracy.py [--verbose]

Reads ``tests/corpus/*.txt`` with their labels in ``tests/corpus/truth/``
(the seed report's section 一 is labelled in ``truth/fuling-2023.json``) and
prints recall, precision and kind/status accuracy per file and overall. Ranks
(``居全市区县第三``: facts with ``rank``) are extracted but not labelled, so they are
left out of the scores and counted in a column of their own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jihua.document import read_document
from jihua.extract import extract
from jihua.extract.scoring import Score, load_truth, overall, score_facts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"


def corpus_files() -> list[tuple[Path, Path]]:
    """(report, labels) pairs: every labelled corpus excerpt, and the seed."""
    pairs = []
    for truth in sorted((CORPUS / "truth").glob("*.json")):
        report = CORPUS / f"{truth.stem}.txt"
        if truth.stem == "fuling-2023":
            report = SEED
        pairs.append((report, truth))
    return pairs


def score_corpus() -> list[Score]:
    scores = []
    for report, truth in corpus_files():
        document = read_document(report)
        result = extract(document)
        scores.append(score_facts(truth.stem, document.text, load_truth(truth), result["facts"]))
    return scores


def main(verbose: bool = False) -> None:
    scores = score_corpus()
    print(
        f"{'file':24} {'labels':>6} {'found':>6} {'extr.':>6} {'recall':>7} {'prec.':>7} {'kind':>6} {'status':>6} {'ranks':>6}"
    )
    for score in [*scores, overall(scores)]:
        print(
            f"{score.name:24} {score.labels:6d} {score.found:6d} {score.extracted:6d} "
            f"{score.recall:7.3f} {score.precision:7.3f} {score.kind_accuracy:6.3f} "
            f"{score.status_accuracy:6.3f} {score.ranks:6d}"
        )
        if verbose:
            for label in score.missed:
                print(
                    f"    missed  {label['value']} {label['unit']} {label['kind']} | {label['quote']}"
                )
            for fact in score.extra:
                print(
                    f"    extra   {fact['value']} {fact['unit']} {fact['kind']} | {fact['quote']}"
                )
    print("ranks: extracted as facts with rank, not labelled, left out of recall and precision")


if __name__ == "__main__":
    main(verbose="--verbose" in sys.argv or "-v" in sys.argv)
