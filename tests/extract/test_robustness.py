from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jihua.document import Document, find_text_tables, read_bytes
from jihua.example import example_document
from jihua.extract import extract

SEED_LINES = example_document().text.split("\n")
PIECES = st.sampled_from(
    [
        "增长",
        "下降",
        "分别",
        "、",
        "，",
        "。",
        "%",
        "亿元",
        "个",
        "（",
        "）",
        "“",
        "”",
        "预计",
        "力争",
        "完成年计划",
        "的",
        "第",
        "三",
        "1．",
        "（一）",
        "专栏1：",
        "\t",
        "\n",
        "二、2024年主要目标",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_raises_on_arbitrary_text(text: str) -> None:
    document = Document(text, "any.txt", "txt", find_text_tables(text))
    result = extract(document)
    for fact in result["facts"]:
        assert document.text[fact["start"] : fact["end"]] == fact["quote"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PIECES, st.integers(-100, 10_000).map(str), st.just("5.5")), max_size=80))
def test_extract_never_raises_on_report_like_fragments(pieces: list[str]) -> None:
    text = "报告" + "".join(pieces)
    result = extract(read_bytes(text.encode(), "fragments.txt"))
    assert all(text[f["start"] : f["end"]] == f["quote"] for f in result["facts"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_seed_with_lines_dropped_duplicated_or_truncated_still_extracts(
    data: st.DataObject,
) -> None:
    lines = []
    for line in SEED_LINES:
        action = data.draw(st.sampled_from(["keep"] * 6 + ["drop", "twice", "cut"]))
        if action == "twice":
            lines += [line, line]
        elif action == "cut":
            lines.append(line[: data.draw(st.integers(0, max(0, len(line))))])
        elif action == "keep":
            lines.append(line)
    text = "\n".join(lines) or "空"
    result = extract(read_bytes(text.encode(), "mangled.txt"))
    assert all(text[f["start"] : f["end"]] == f["quote"] for f in result["facts"])
