"""jihua — the annual 国民经济和社会发展计划 as data: read, grade, audit, report.

The public names are imported when first used, so that ``import jihua`` (and
so every ``jihua`` command, whose modules live in this package) costs nothing
until a reader, the grading or the plan is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from jihua.charsets import share_optimised_charsets

share_optimised_charsets()  # before any module of the package compiles its patterns

if TYPE_CHECKING:
    from jihua.document import Document, read_document
    from jihua.errors import UserError
    from jihua.evaluate import Evaluation, Rules, evaluate, load_rules
    from jihua.plan import PlanReport, read_plan
    from jihua.targets import Value, parse_value

#: public name → the module that defines it
_HOMES = {
    "Document": "jihua.document",
    "read_document": "jihua.document",
    "UserError": "jihua.errors",
    "Evaluation": "jihua.evaluate",
    "Rules": "jihua.evaluate",
    "evaluate": "jihua.evaluate",
    "load_rules": "jihua.evaluate",
    "PlanReport": "jihua.plan",
    "read_plan": "jihua.plan",
    "Value": "jihua.targets",
    "parse_value": "jihua.targets",
}

__all__ = [
    "Document",
    "Evaluation",
    "PlanReport",
    "Rules",
    "UserError",
    "Value",
    "evaluate",
    "load_rules",
    "parse_value",
    "read_document",
    "read_plan",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'jihua' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
