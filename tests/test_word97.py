"""Word 97–2003 documents (``.doc``): Word files laid out as published (the seed, the tables
of ``tests/layouts`` in every variant), saved as ``.doc`` by LibreOffice, read as their ``.docx``.

LibreOffice (``scripts/system-deps``) writes the files; without it these tests fail.
"""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from jihua.cli.extract import report_files
from jihua.document import Document, read_bytes, read_document
from jihua.errors import UserError
from jihua.extract import extract
from jihua.plan import PlanReport
from tests.layout_documents import VARIANTS, converted, layout_docx, layouts
from tests.report_files import docx_from

FIELD_TEXT = ("本报告共", "页，见第", "页附表。")


def _field_docx(path: Path) -> Path:
    """A paragraph with two page-number fields (code ``PAGE``, result ``1``) between words."""
    word = docx.Document()
    paragraph = word.add_paragraph()
    for index, words in enumerate(FIELD_TEXT):
        paragraph.add_run(words)
        if index < len(FIELD_TEXT) - 1:
            for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
                run = paragraph.add_run()
                element = OxmlElement("w:fldChar" if kind else "w:instrText")
                if kind:
                    element.set(qn("w:fldCharType"), kind)
                else:
                    element.text = text
                run._r.append(element)
            paragraph.add_run("1")
            end = OxmlElement("w:fldChar")
            end.set(qn("w:fldCharType"), "end")
            paragraph.add_run()._r.append(end)
    word.add_paragraph("2024年地区生产总值增长6%左右。")
    word.save(str(path))
    return path


@pytest.fixture(scope="module")
def saved_as_doc(
    tmp_path_factory: pytest.TempPathFactory, seed_report: PlanReport
) -> dict[str, tuple[Path, Path]]:
    """Each Word file and its ``.doc``, by name: the seed, a paragraph with fields, and every
    layout in every variant."""
    folder = tmp_path_factory.mktemp("word97")
    files = [
        docx_from(seed_report, folder / "seed.docx", page_numbers=True),
        _field_docx(folder / "fields.docx"),
    ]
    for layout in layouts():
        for variant in VARIANTS:
            files.append(layout_docx(layout, variant, folder / f"{layout.key}-{variant}.docx"))
    return {
        path.stem: (path, doc) for path, doc in zip(files, converted(files, "doc"), strict=True)
    }


def _tables(document: Document) -> list[list[list[tuple[str, bool]]]]:
    return [
        [[(cell.text, cell.merged_above) for cell in row] for row in table.rows]
        for table in document.tables
    ]


def test_every_layout_saved_as_doc_reads_as_its_docx(
    saved_as_doc: dict[str, tuple[Path, Path]],
) -> None:
    different = []
    for name, (word, doc) in saved_as_doc.items():
        expected, found = read_document(word), read_document(doc)
        if (found.text, _tables(found)) != (expected.text, _tables(expected)):
            different.append(name)
        assert found.format == "doc"
    assert len(saved_as_doc) > 60
    assert different == []


def test_merged_cells_come_back_merged(saved_as_doc: dict[str, tuple[Path, Path]]) -> None:
    merged = [
        name
        for name, (_, doc) in saved_as_doc.items()
        if any(
            cell.merged_above
            for table in read_document(doc).tables
            for row in table.rows
            for cell in row
        )
    ]
    assert merged  # the variants with units merged down


def test_the_seed_saved_as_doc_gives_the_facts_tables_and_tasks_of_its_docx(
    saved_as_doc: dict[str, tuple[Path, Path]],
) -> None:
    word, doc = saved_as_doc["seed"]
    from_docx, from_doc = extract(read_document(word)), extract(read_document(doc))
    assert from_doc["region"] == "涪陵区"
    assert len(from_doc["facts"]) > 400
    assert from_doc == from_docx


def test_a_field_shows_its_result_not_its_code(saved_as_doc: dict[str, tuple[Path, Path]]) -> None:
    text = read_document(saved_as_doc["fields"][1]).text
    assert "本报告共1页，见第1页附表。" in text
    assert "PAGE" not in text


def test_a_batch_takes_doc_files(
    tmp_path: Path, saved_as_doc: dict[str, tuple[Path, Path]]
) -> None:
    (tmp_path / "报告.doc").write_bytes(saved_as_doc["seed"][1].read_bytes())
    assert [path.name for path in report_files((tmp_path,))] == ["报告.doc"]


def _encrypted(doc: bytes) -> bytes:
    """The file with the FIB's encryption flag set, as Word sets it for a password."""
    data = bytearray(doc)
    starts = [at for at in range(512, len(data), 512) if data[at : at + 2] == b"\xec\xa5"]
    assert starts, "no FIB at a sector start"
    data[starts[0] + 0x0B] |= 0x01
    return bytes(data)


def test_a_doc_with_a_password_says_so(saved_as_doc: dict[str, tuple[Path, Path]]) -> None:
    doc = saved_as_doc["seed"][1].read_bytes()
    with pytest.raises(UserError, match="设有打开密码"):
        read_bytes(_encrypted(doc), "加密.doc")


def test_a_doc_cut_short_or_damaged_is_refused_as_broken(
    saved_as_doc: dict[str, tuple[Path, Path]],
) -> None:
    doc = saved_as_doc["seed"][1].read_bytes()
    with pytest.raises(UserError, match="不是有效的 Word 97–2003 文档"):
        read_bytes(doc[: len(doc) // 2], "截断.doc")
    rng = random.Random(97)
    for _ in range(40):  # bytes changed at random: a clear error or a reading, never a crash
        damaged = bytearray(doc)
        for _ in range(20):
            damaged[rng.randrange(512, len(doc))] = rng.randrange(256)
        try:
            read_bytes(bytes(damaged), "损坏.doc")
        except UserError as refused:
            assert "损坏.doc" in refused.message


def _renamed_stream(ole: bytes, name: str, new: str) -> bytes:
    """The compound file with its stream ``name`` called ``new`` (its directory entry's
    UTF-16 name and length), as another Office program names its main stream."""
    old_bytes, new_bytes = (f"{n}\0".encode("utf-16-le") for n in (name, new))
    at = ole.index(old_bytes)
    entry = bytearray(ole[at : at + 66])
    entry[:64] = new_bytes.ljust(64, b"\0")
    entry[64:66] = len(new_bytes).to_bytes(2, "little")
    return ole[:at] + bytes(entry) + ole[at + 66 :]


def test_an_office_file_that_is_not_word_is_named_and_not_read_as_text(
    saved_as_doc: dict[str, tuple[Path, Path]],
) -> None:
    doc = saved_as_doc["seed"][1].read_bytes()
    with pytest.raises(UserError, match="不是有效的 Excel 97–2003 工作簿"):
        read_bytes(_renamed_stream(doc, "WordDocument", "Workbook"), "指标.xls")
    with pytest.raises(UserError, match="是 Office 复合文档，但不是 Word 或 Excel 文件"):
        read_bytes(_renamed_stream(doc, "WordDocument", "Contents"), "演示.ppt")


def _endless(ole: bytes, name: str) -> bytes:
    """The compound file with stream ``name`` declaring nearly 4 GB and its first sector
    chained to itself, so that following the chain never ends."""
    import io

    import olefile

    data = bytearray(ole)
    with olefile.OleFileIO(io.BytesIO(ole)) as parsed:
        entry = parsed.direntries[parsed._find(name)]
        size, first = parsed.sectorsize, entry.isectStart
        directory = [parsed.first_dir_sector]
        while parsed.fat[directory[-1]] != olefile.ENDOFCHAIN:
            directory.append(parsed.fat[directory[-1]])
    at = 512 + directory[entry.sid // (size // 128)] * size + entry.sid % (size // 128) * 128
    data[at + 120 : at + 124] = (0xFFFFFF00).to_bytes(4, "little")
    fat_sector = int.from_bytes(data[0x4C + 4 * (first // (size // 4)) :][:4], "little")
    at = 512 + fat_sector * size + first % (size // 4) * 4
    data[at : at + 4] = first.to_bytes(4, "little")
    return bytes(data)


def test_a_doc_declaring_a_stream_larger_than_itself_is_refused_without_reading_it(
    tmp_path: Path, saved_as_doc: dict[str, tuple[Path, Path]]
) -> None:
    import resource
    import subprocess
    import sys

    path = tmp_path / "巨大.doc"
    path.write_bytes(_endless(saved_as_doc["fields"][1].read_bytes(), "WordDocument"))
    # the peak is read from /proc after resetting it: a child forked from the test run starts
    # with the run's resident size in its ``ru_maxrss``
    child = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from jihua.document import read_document\n"
        "from jihua.errors import UserError\n"
        "Path('/proc/self/clear_refs').write_text('5')\n"
        "try:\n"
        "    read_document(sys.argv[1])\n"
        "except UserError as refused:\n"
        "    print(refused.message)\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())\n"
        "print(int(peak.group(1)) // 1024)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", child, str(path)],
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    message, megabytes = result.stdout.splitlines()
    assert "巨大.doc" in message and "不是有效的 Word 97–2003 文档" in message
    assert int(megabytes) < 300


def test_fields_nested_without_end_are_read_in_time_linear_in_the_text() -> None:
    """A broken file's text opening 300,000 fields that are never closed, then as many
    characters of their results: each character is not checked against every open field."""
    import subprocess
    import sys

    child = (
        "from jihua.word97 import _Fields, _visible\n"
        "opened = _Fields()\n"
        "print(len(_visible('\\x13\\x14' * 300_000, opened)), len(_visible('增' * 300_000, opened)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["0", "300000"]


def test_a_field_s_code_is_hidden_through_nested_fields_and_paragraphs() -> None:
    from jihua.word97 import _Fields, _visible

    opened = _Fields()
    assert _visible("见\x13 REF \x13 PAGE \x143\x15 \x14第3页", opened) == "见第3页"
    assert _visible("续\x15。", opened) == "续。"
    assert _visible("\x13 TOC \\o \x14一、执行情况", opened) == "一、执行情况"
    assert _visible("\x15\x15结束", opened) == "结束"


@given(
    st.lists(st.integers(-32768, 32767), min_size=1, max_size=40, unique=True),
    st.integers(-32768, 32767),
)
def test_a_cell_edge_goes_to_its_nearest_grid_line(lines: list[int], edge: int) -> None:
    from jihua.word97 import _grid_index

    grid = sorted(lines)
    nearest = min(range(len(grid)), key=lambda index: abs(grid[index] - edge))
    assert _grid_index(edge, grid) == nearest
