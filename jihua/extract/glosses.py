"""What a web page leaves inside the words of a report: pinyin glosses and spaced decimals.

Some mirrors of government pages print the reading after a character, ``增(zeng)(zeng)长
(zhang)`` or ``經(jīng)濟``, and some PDF copies split a figure as ``6 . 5%``. The extractor
reads the text with these left out, then points every span back into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from jihua.document import Document

#: a parenthesised pinyin syllable right after a Chinese character (tone marks or plain letters)
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff)])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
#: the spaces around the point of a decimal figure: ``6 . 5`` is 6.5
_SPACED_POINT = re.compile(r"(?<=\d)( )\.( )(?=\d)")


def _removals(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _GLOSS.finditer(text)]
    for m in _SPACED_POINT.finditer(text):
        spans += [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    return sorted(spans)


def unglossed(document: Document) -> tuple[Document, list[int] | None]:
    """The document without glosses, and where each of its characters stands in the original.

    ``None`` when nothing is left out (or the document has tables, whose cells keep their
    own offsets), and then the document is returned as it is.
    """
    spans = _removals(document.text)
    if not spans or document.tables:
        return document, None
    kept: list[str] = []
    positions: list[int] = []
    at = 0
    for start, end in spans:
        kept.append(document.text[at:start])
        positions.extend(range(at, start))
        at = end
    kept.append(document.text[at:])
    positions.extend(range(at, len(document.text)))
    positions.append(len(document.text))
    return replace(document, text="".join(kept)), positions


def point_back(item: Any, positions: list[int]) -> None:
    """Move every ``start``/``end`` in ``item`` from the reading back to the original text."""
    if isinstance(item, dict):
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool):
            item["start"] = positions[start]
            item["end"] = positions[end - 1] + 1 if end > start else positions[start]
        for value in item.values():
            point_back(value, positions)
    elif isinstance(item, list):
        for value in item:
            point_back(value, positions)
