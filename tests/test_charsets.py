"""Character classes optimised once a process: the same compiled patterns, made sooner."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest

import jihua  # noqa: F401 (it shares the optimised classes)
from jihua.charsets import share_optimised_charsets

_compiler = importlib.import_module("re._compiler")
_parser = importlib.import_module("re._parser")

PATTERNS = [
    r"(?P<before>[\u4e00-\u9fff]{0,12}?)[0-9]+个(?P<after>[\u4e00-\u9fff]{1,8}?)中",
    r"[^\u4e00-\u9fff、，。；]{0,4}(?:左右|以上|以内)?$",
    r"[\u4e00-\u9fff（）()]{2,24}?项目",
    r"(?i)[a-zāáǎà]+\d",
    r"[\w.-]+@[^\s]+",
]


def _code(pattern: str, flags: int = 0) -> list[int]:
    parsed = _parser.parse(pattern, flags)
    return list(_compiler._code(parsed, parsed.state.flags))


def test_jihua_shares_the_optimised_classes_of_this_python() -> None:
    assert share_optimised_charsets()
    assert getattr(_compiler._optimize_charset, "shared", False)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_pattern_compiles_to_the_code_re_itself_makes(
    pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = [_code(pattern), _code(pattern)]  # the second from what the first kept
    monkeypatch.setattr(_compiler, "_optimize_charset", _compiler._optimize_charset.original)
    assert shared == [_code(pattern), _code(pattern)]


def test_every_jihua_pattern_compiles_as_without_sharing() -> None:
    """The readers' and the extractor's patterns, compiled in a Python that shares and in one
    that does not, give the same code."""
    script = (
        "import hashlib, importlib, re, sys\n"
        "if sys.argv[1] == 'share':\n"
        "    import jihua\n"
        "else:\n"
        "    sys.modules['jihua.charsets'] = type(sys)('jihua.charsets')\n"
        "    sys.modules['jihua.charsets'].share_optimised_charsets = lambda: False\n"
        "import jihua.extract, jihua.document, jihua.plan\n"
        "c = importlib.import_module('re._compiler')\n"
        "p = importlib.import_module('re._parser')\n"
        "out = []\n"
        "for (kind, pattern, flags), compiled in sorted(re._cache.items(), key=repr):\n"
        "    if isinstance(pattern, str):\n"
        "        parsed = p.parse(pattern, flags)\n"
        "        out.append((pattern, list(c._code(parsed, parsed.state.flags))))\n"
        "print(len(out), hashlib.sha256(repr(out).encode()).hexdigest())\n"
    )
    env_runs = [
        subprocess.run(
            [sys.executable, "-c", script, way], capture_output=True, text=True, check=True
        ).stdout
        for way in ("share", "plain")
    ]
    count = int(env_runs[0].split()[0])
    assert count > 50
    assert env_runs[0] == env_runs[1]


def test_a_class_is_optimised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = _compiler._optimize_charset.original

    def counting(
        charset: object, iscased: object = None, fixup: object = None, fixes: object = None
    ) -> object:
        calls.append(charset)
        return real(charset, iscased, fixup, fixes)

    monkeypatch.setattr(_compiler, "_optimize_charset", counting)
    assert share_optimised_charsets()
    re.purge()
    re.compile(r"甲[\u4e00-\u9fff]{2}乙")
    re.compile(r"丙[\u4e00-\u9fff]{3}丁")
    han = [c for c in calls if c == [(_parser.RANGE, (0x4E00, 0x9FFF))]]
    assert len(han) == 1
