"""The upload review form read as corrections, for the store to apply when it saves the report.

The review form sends, for each figure shown (keys as in :mod:`jihua.web.uploads`):

=====================  ==================================================
field                  meaning
=====================  ==================================================
``target-t0-3``        the target text of table row ``t0-3`` as corrected
``actual-t0-3``        its actual text (empty: no actual)
``drop-t0-3``          present: the row (with its sub-rows) is not stored
``value-f5``           the value of prose fact ``f5`` as corrected
``drop-f5``            present: the fact is not stored
=====================  ==================================================

Saving is the store's: :func:`jihua.store.ingest.ingest_reviewed` checks for
the same file, stores the report and applies the corrections in one
transaction, each logged under the planner's name
(:mod:`jihua.store.corrections`).
"""

from __future__ import annotations

from collections.abc import Mapping

from jihua.errors import UserError
from jihua.store.corrections import Correction
from jihua.web.uploads import Preview

__all__ = ["Correction", "corrections"]


def corrections(shown: Preview, form: Mapping[str, str]) -> list[Correction]:
    """What the planner changed in the review form, against what was shown."""
    found: list[Correction] = []
    for key, row in shown.rows.items():
        if f"drop-{key}" in form:
            found.append(Correction(key, "drop", f"{row.name}：目标 {row.target}", None))
            continue
        for name, old in (("target", row.target), ("actual", row.actual)):
            new = form.get(f"{name}-{key}")
            if new is not None and new.strip() != (old or ""):
                found.append(Correction(key, name, old, new.strip() or None))
    for fact in shown.facts:
        if f"drop-{fact.key}" in form:
            found.append(Correction(fact.key, "drop", fact.quote, None))
            continue
        new = form.get(f"value-{fact.key}")
        if new is not None and new.strip() != _shown_number(fact.value):
            found.append(Correction(fact.key, "value", _shown_number(fact.value), new.strip()))
    return [_checked(c) for c in found]


def _shown_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _checked(correction: Correction) -> Correction:
    if correction.field == "target" and not correction.new:
        raise UserError(f"目标不能为空（{correction.key}）：不需要这一行请勾选“删除”")
    if correction.field == "value" and correction.new:
        try:
            float(correction.new)
        except ValueError as exc:
            raise UserError(f"数值应为数字，不是“{correction.new}”") from exc
    if correction.new and len(correction.new) > 200:
        raise UserError("修改后的文字不超过 200 字")
    return correction
