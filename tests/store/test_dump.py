from __future__ import annotations

import json
from pathlib import Path

import pytest

from jihua.errors import UserError
from jihua.store import Store
from jihua.store.dump import export_dict, export_json, import_dict, import_file

from .conftest import revised_seed_bytes


def test_export_import_export_gives_back_every_row(
    seeded: Store, second_db_url: str, tmp_path: Path
) -> None:
    seeded.ingest_bytes(revised_seed_bytes(), "revised.txt")
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "5.2", "年报", "2023年统计公报")
    dump = tmp_path / "dump.json"
    dump.write_text(export_json(seeded.engine), encoding="utf-8")
    with Store(second_db_url) as restored:
        counts = import_file(restored.engine, dump)
        assert counts["indicators"] > 0 and counts["change_log"] > 0
        assert export_dict(restored.engine) == json.loads(dump.read_text(encoding="utf-8"))


def test_a_restored_database_accepts_new_rows(
    seeded: Store, second_db_url: str, tmp_path: Path
) -> None:
    data = export_dict(seeded.engine)
    with Store(second_db_url) as restored:
        import_dict(restored.engine, json.loads(json.dumps(data)))
        restored.set_actual("涪陵区", 2023, "农业增加值增速", "5.2", "年报", "2023年统计公报")
        assert restored.history("涪陵区", 2023, "农业增加值增速").grade == "超额完成"


def test_import_refuses_a_database_that_is_not_empty(seeded: Store) -> None:
    with pytest.raises(UserError, match="空数据库"):
        import_dict(seeded.engine, export_dict(seeded.engine))


def test_import_refuses_what_is_not_an_export(store: Store) -> None:
    with pytest.raises(UserError, match="不是 jihua export"):
        import_dict(store.engine, {"tables": {}})
