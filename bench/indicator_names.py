"""How well ``jihua.extract`` names the indicators of a labelled set.

    .venv/bin/python bench/indicator_names.py [--set corpus|unseen|bulletins] [--files 99-116]
        [--verbose]

Two counts over the set's excerpts: the extracted facts whose name is a fragment of their
sentence rather than an indicator (it opens with what the figure is compared with, ``比`` /
``较`` / ``增速比…``, a preposition ``在``, ``其中``, ``按…计算``, a month or ``我县``, a closing
bracket, or ends with ``的`` or ``中`` (``占年度投资计划的``, ``大类行业中``), or it is a bare ``投资`` / ``产值`` / ``增加值`` / ``计划``); and, over the labels found
(as ``bench/extract_accuracy.py`` matches them), the share whose extracted name is the
label's ``indicator`` exactly (labels spell a name in full, ``采矿业增加值`` for ``采矿业增长…``,
so this share is a floor, not the accuracy). ``--verbose`` lists the fragments.
"""

from __future__ import annotations

import argparse
import re

from extract_accuracy import _in_range, _range, corpus_files  # type: ignore[import-not-found]

from jihua.document import read_document
from jihua.extract import extract
from jihua.extract.scoring import _best_match, load_truth

#: what a fragment of a sentence, not an indicator, looks like
FRAGMENT_RE = re.compile(
    r"^(?:在|比|较|其中|按|名义|[)）]|(?:增速|降幅|增幅)(?:比|较)|[0-9]+[~～至—-][0-9]+月|[0-9]+月份"
    r"|我[省市县区州])|(?:中有?|的)$|^(?:产值|投资|计划|比增|增加值)$"
)


def main(name: str, files: tuple[int, int] | None, verbose: bool) -> None:
    facts_seen = fragments = found = same = 0
    for report, truth_path in corpus_files(name):
        if files and not _in_range(truth_path.stem, files):
            continue
        document = read_document(report)
        facts = [f for f in extract(document)["facts"] if not f.get("rank")]
        facts_seen += len(facts)
        for fact in facts:
            if FRAGMENT_RE.search(fact["indicator"] or ""):
                fragments += 1
                if verbose:
                    print(
                        f"    {truth_path.stem[:24]:24} {fact['indicator']} | {fact['quote'][-30:]}"
                    )
        used: set[int] = set()
        for label in load_truth(truth_path)["facts"]:
            index = _best_match(document.text, label, facts, used)
            if index is not None:
                used.add(index)
                found += 1
                same += facts[index]["indicator"] == label["indicator"]
    share = same / found if found else 1.0
    print(
        f"facts {facts_seen}  fragment names {fragments}  labels found {found}  name = label {share:.3f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="bulletins", choices=["corpus", "unseen", "bulletins"])
    parser.add_argument("--files", type=_range, default=None)
    parser.add_argument("--verbose", action="store_true")
    arguments = parser.parse_args()
    main(arguments.set, arguments.files, arguments.verbose)
