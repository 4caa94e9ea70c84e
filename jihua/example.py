"""The bundled example: the 涪陵区 report on 2023 and the plan for 2024.

Commands, the web app's first start, the tests and the benches all read it
from here (``jihua/data``), so that it is one file under one name.
"""

from __future__ import annotations

from importlib import resources

from jihua.document import Document, read_bytes

EXAMPLE = "fuling-2023-plan-report.txt"


def example_bytes() -> bytes:
    """The example's file as shipped."""
    return resources.files("jihua").joinpath(f"data/{EXAMPLE}").read_bytes()


def example_document() -> Document:
    """The example, read like any report file."""
    return read_bytes(example_bytes(), EXAMPLE)
