"""How well ``jihua.extract`` finds the hand-labelled facts of a labelled set.

    .venv/bin/python bench/extract_accuracy.py [--set corpus|unseen|bulletins] [--verbose]
        [--files 60-83]

``--set corpus`` (the default) reads ``tests/corpus/*.txt`` with their labels in
``tests/corpus/truth/`` (the seed report's section 一 is labelled in
``truth/fuling-2023.json``): the excerpts the extraction rules were written
against. ``--set unseen`` reads ``tests/unseen/``: excerpts of other regions'
reports labelled before any rule was written for them, the measure of how the
extractor does on reports nobody has seen. ``--set bulletins`` reads
``tests/bulletins/``: statistics bulletins, 督查通报 and progress news, labelled
with the period of each figure. All print recall, precision and kind/status
(and period) accuracy per file and overall. Ranks (``居全市区县第三``: facts with
``rank``) are extracted but not labelled, so they are left out of the scores and
counted in a column of their own. ``--files 60-83`` scores only the excerpts
whose names begin with a number in that range (a batch of the set).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from jihua.document import read_document
from jihua.extract import extract
from jihua.extract.scoring import Score, load_truth, overall, score_facts

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "corpus": ROOT / "tests" / "corpus",
    "unseen": ROOT / "tests" / "unseen",
    "bulletins": ROOT / "tests" / "bulletins",
}
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"


def corpus_files(name: str = "corpus") -> list[tuple[Path, Path]]:
    """(report, labels) pairs of a set: every labelled excerpt (and, in the corpus, the seed)."""
    folder = SETS[name]
    pairs = []
    for truth in sorted((folder / "truth").glob("*.json")):
        report = folder / f"{truth.stem}.txt"
        if truth.stem == "fuling-2023":
            report = SEED
        pairs.append((report, truth))
    return pairs


def score_corpus(name: str = "corpus", files: tuple[int, int] | None = None) -> list[Score]:
    scores = []
    for report, truth in corpus_files(name):
        if files and not _in_range(truth.stem, files):
            continue
        document = read_document(report)
        result = extract(document)
        scores.append(score_facts(truth.stem, document.text, load_truth(truth), result["facts"]))
    return scores


def _in_range(stem: str, files: tuple[int, int]) -> bool:
    number = stem.split("_", 1)[0]
    return number.isdigit() and files[0] <= int(number) <= files[1]


def main(name: str = "corpus", verbose: bool = False, files: tuple[int, int] | None = None) -> None:
    scores = score_corpus(name, files)
    print(
        f"{'file':24} {'labels':>6} {'found':>6} {'extr.':>6} {'recall':>7} {'prec.':>7} {'kind':>6} {'status':>6} {'period':>6} {'ranks':>6}"
    )
    for score in [*scores, overall(scores)]:
        print(
            f"{score.name:24} {score.labels:6d} {score.found:6d} {score.extracted:6d} "
            f"{score.recall:7.3f} {score.precision:7.3f} {score.kind_accuracy:6.3f} "
            f"{score.status_accuracy:6.3f} {score.period_accuracy:6.3f} {score.ranks:6d}"
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
            for label, fact in score.wrong_periods:
                print(
                    f"    period  {label['value']} {_months(fact.get('period'))} "
                    f"for {_months(label['period'])} | {label['quote']}"
                )
    print("ranks: extracted as facts with rank, not labelled, left out of recall and precision")


def _months(period: dict[str, Any] | None) -> str:
    if not period:
        return "none"
    return f"{period['year'] or '?'}:{period['from']}-{period['to']}"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--set", choices=sorted(SETS), default="corpus", dest="name")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--files", type=_range, help="only the excerpts numbered FIRST-LAST")
    return parser.parse_args()


def _range(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


if __name__ == "__main__":
    arguments = _arguments()
    main(arguments.name, arguments.verbose, arguments.files)
