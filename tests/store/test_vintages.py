from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jihua.errors import UserError
from jihua.store import EditConflict, Store
from jihua.store.schema import Target
from jihua.store.vintages import edit_figure, set_actual


def test_a_later_vintage_regrades_on_the_latest_figure(seeded: Store) -> None:
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "3.5", "快报", "2023年统计快报")
    assert seeded.history("涪陵区", 2023, "农业增加值增速").grade == "完成困难较大"
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "5.2", "年报", "2023年统计公报")
    history = seeded.history("涪陵区", 2023, "农业增加值增速")
    assert history.grade == "超额完成"
    assert [f.what for f in history.figures] == ["目标", "预计", "快报", "年报"]


def test_history_shows_how_the_grade_moved(seeded: Store) -> None:
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "3.5", "快报", "2023年统计快报")
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "5.2", "年报", "2023年统计公报")
    history = seeded.history("涪陵区", 2023, "农业增加值增速")
    grades = [(c.old, c.new) for c in history.changes if c.table_name == "grades"]
    assert grades == [
        (None, "较好完成"),
        ("较好完成", "完成困难较大"),
        ("完成困难较大", "超额完成"),
    ]


def test_an_earlier_vintage_does_not_override_a_later_one(seeded: Store) -> None:
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "5.2", "年报", "2023年统计公报")
    seeded.set_actual("涪陵区", 2023, "农业增加值增速", "3.5", "快报", "2023年统计快报")
    assert seeded.history("涪陵区", 2023, "农业增加值增速").grade == "超额完成"


def test_a_relation_target_is_regraded_when_the_economy_figure_changes(seeded: Store) -> None:
    before = seeded.history("涪陵区", 2023, "全体居民人均可支配收入增速")
    seeded.set_actual("涪陵区", 2023, "地区生产总值增速", "1.0", "年报", "2023年统计公报")
    after = seeded.history("涪陵区", 2023, "全体居民人均可支配收入增速")
    assert (before.grade, after.grade) == ("完成困难较大", "完成")


def test_an_unreadable_value_or_unknown_vintage_is_refused(seeded: Store) -> None:
    with pytest.raises(UserError, match="无法识别"):
        seeded.set_actual("涪陵区", 2023, "农业增加值增速", "很好", "快报", "x")
    with pytest.raises(UserError, match="口径"):
        seeded.set_actual("涪陵区", 2023, "农业增加值增速", "5", "月报", "x")
    with pytest.raises(UserError, match="没有指标"):
        seeded.set_actual("涪陵区", 2023, "不存在的指标", "5", "快报", "x")


def _target_row(store: Store, name: str) -> tuple[int, str, int]:
    history = store.history("涪陵区", 2023, name)
    target = history.figures[0]
    return target.row_id, target.text, target.version


def test_the_second_of_two_edits_from_the_same_reading_is_refused(seeded: Store) -> None:
    row_id, text, version = _target_row(seeded, "农业增加值增速")
    edit_figure(seeded.engine, "targets", row_id, "4.5", version, text, who="甲")
    with pytest.raises(EditConflict) as raised:
        edit_figure(seeded.engine, "targets", row_id, "5.5", version, text, who="乙")
    message = str(raised.value)
    assert "5" in message and "4.5" in message
    assert isinstance(raised.value, UserError)
    assert _target_row(seeded, "农业增加值增速")[1] == "4.5"


def test_a_stale_vintage_edit_names_both_values(seeded: Store) -> None:
    set_actual(seeded.engine, "涪陵区", 2023, "农业增加值增速", "4.6", "快报", "快报一")
    with pytest.raises(EditConflict, match=r"4\.6"):
        set_actual(
            seeded.engine,
            "涪陵区",
            2023,
            "农业增加值增速",
            "4.7",
            "快报",
            "快报二",
            read_version=0,
            read_text="（空）",
        )


def test_concurrent_writers_cannot_both_win(seeded: Store) -> None:
    """Two editors load the same row; the version check in the UPDATE stops the second."""
    row_id, _, _ = _target_row(seeded, "农业增加值增速")
    with (
        Session(seeded.engine, expire_on_commit=False) as first,
        Session(seeded.engine, expire_on_commit=False) as second,
    ):
        one, two = first.get_one(Target, row_id), second.get_one(Target, row_id)
        first.commit()
        second.commit()  # both have read version 1 and ended their read
        one.text = "4.1"
        first.commit()
        two.text = "4.2"
        with pytest.raises(StaleDataError):
            second.commit()
    assert _target_row(seeded, "农业增加值增速")[1:] == ("4.1", 2)
