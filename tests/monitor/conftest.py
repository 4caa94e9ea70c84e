"""The monitoring tests read a stored plan: the store's fixtures (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

import pytest

from jihua.store import Store
from jihua.store.example_year import load_example_year
from tests.store.conftest import db_url, seeded, store  # noqa: F401  (fixtures)


@pytest.fixture
def example_year(seeded: Store) -> Store:  # noqa: F811
    """The seed with the illustrative 2024 year (示例数据) stored."""
    assert load_example_year(seeded.engine) == 99
    return seeded
