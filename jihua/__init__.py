"""jihua — the annual 国民经济和社会发展计划 as data: read, grade, audit, report."""

from jihua.document import Document, read_document
from jihua.errors import UserError
from jihua.evaluate import Evaluation, Rules, evaluate, load_rules
from jihua.plan import PlanReport, read_plan
from jihua.targets import Value, parse_value

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
