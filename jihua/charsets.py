"""Each distinct character class of a regular expression optimised once a process.

The readers and the extractor compile a few hundred patterns when they are
imported, and many hold the same class of Han characters ``[\\u4e00-\\u9fff]``.
Python's ``re`` optimises every class it compiles by marking each of its code
points in a table, in Python: 20,992 of them for that class, about a
millisecond each time, a quarter of what importing the extractor costs
(every ``jihua`` command that reads a report pays it). The optimisation is a
function of the class alone, so its result is kept and given again for the same
class: the compiled patterns are the same (``tests/test_charsets.py`` compares
their code), only made sooner.

``re._compiler._optimize_charset`` is a private function of CPython 3.11–3.13;
where it is missing or has another signature, nothing is changed. The wrapper
serves every pattern compiled in the process, also a host application's that
imports jihua as a library: they compile to the same code, sooner.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

#: classes kept (a few hundred are distinct; this bounds a process that compiles many more)
KEPT_MOST = 4096
_EXPECTED_PARAMETERS = ("charset", "iscased", "fixup", "fixes")


def share_optimised_charsets() -> bool:
    """Wrap ``re``'s charset optimiser so that each distinct class is optimised once;
    ``False`` when this Python's ``re`` does not have the function as expected."""
    try:
        _compiler = importlib.import_module("re._compiler")  # private: typeshed does not list it
    except ImportError:
        return False
    optimise = getattr(_compiler, "_optimize_charset", None)
    if optimise is None or getattr(optimise, "shared", False):
        return optimise is not None
    code = getattr(optimise, "__code__", None)
    if code is None or code.co_varnames[: code.co_argcount] != _EXPECTED_PARAMETERS:
        return False
    vars(_compiler)["_optimize_charset"] = _kept(optimise)
    return True


def _kept(optimise: Callable[..., Any]) -> Callable[..., Any]:
    kept: dict[Any, Any] = {}

    def optimised(
        charset: list[tuple[Any, Any]],
        iscased: Any = None,
        fixup: Any = None,
        fixes: Any = None,
    ) -> Any:
        if fixes is not None:  # case-insensitive Unicode: a dict, and rare in these patterns
            return optimise(charset, iscased, fixup, fixes)
        try:
            key = (tuple(charset), iscased, fixup)
            found = kept.get(key)
        except TypeError:  # a member that cannot be a key: optimise it as re does
            return optimise(charset, iscased, fixup, fixes)
        if found is None:
            found = optimise(charset, iscased, fixup, fixes)
            if len(kept) < KEPT_MOST:  # a copy: re may hand back the caller's own list
                kept[key] = (list(found[0]), found[1])
        return found

    optimised.shared = True  # type: ignore[attr-defined]
    optimised.original = optimise  # type: ignore[attr-defined]
    return optimised
