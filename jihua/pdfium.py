"""The few PDFium functions the PDF reader calls, bound directly with ctypes.

PDFium (BSD-3-Clause) comes compiled with pypdfium2 (Apache-2.0/BSD), in its
``pypdfium2_raw`` package. Importing pypdfium2 binds every one of PDFium's
~1,000 functions and loads its helper classes, which costs 50–90 ms on each
start; the reader needs twenty of them, bound here in about a millisecond.
Where the library is not a file inside that package (a build against a
system PDFium), pypdfium2's own binding is used.

PDFium is not thread-safe: one document is read at a time in a process.
"""

from __future__ import annotations

import ctypes
import importlib.util
from ctypes import POINTER, c_char_p, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from pathlib import Path
from typing import Any

#: FPDF_GetLastError codes
ERROR_PASSWORD = 4
ERROR_SECURITY = 5
#: FPDFPageObj_GetType
OBJECT_PATH = 2
OBJECT_FORM = 5
#: FPDFPathSegment_GetType
SEGMENT_LINETO = 0
SEGMENT_BEZIERTO = 1
SEGMENT_MOVETO = 2


class Handle(c_void_p):
    """A PDFium pointer kept as a ctypes object (a c_void_p result would become an int, which
    an unchecked call would pass as a 32-bit int)."""


class RectF(ctypes.Structure):
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class Matrix(ctypes.Structure):
    _fields_ = [(name, c_float) for name in "abcdef"]


_SIGNATURES: dict[str, tuple[Any, tuple[Any, ...] | None]] = {
    "FPDF_InitLibrary": (None, ()),
    "FPDF_LoadMemDocument64": (c_void_p, (c_void_p, c_size_t, c_char_p)),
    "FPDF_GetLastError": (c_ulong, ()),
    "FPDF_CloseDocument": (None, (c_void_p,)),
    "FPDF_GetPageCount": (c_int, (c_void_p,)),
    "FPDF_LoadPage": (c_void_p, (c_void_p, c_int)),
    "FPDF_ClosePage": (None, (c_void_p,)),
    "FPDF_GetPageHeightF": (c_float, (c_void_p,)),
    "FPDFText_LoadPage": (c_void_p, (c_void_p,)),
    "FPDFText_ClosePage": (None, (c_void_p,)),
    "FPDFText_CountChars": (c_int, (c_void_p,)),
    "FPDFText_GetText": (c_int, (c_void_p, c_int, c_int, c_void_p)),
    "FPDFText_GetUnicode": (c_uint, (c_void_p, c_int)),
    # called for every character: unchecked (no argtypes) halves the cost of a call, so the
    # text page goes in as a c_void_p and the box as ctypes.byref(RectF())
    "FPDFText_IsGenerated": (c_int, None),
    "FPDFText_GetLooseCharBox": (c_int, None),
    "FPDFText_GetFontSize": (c_double, None),
    "FPDFPage_CountObjects": (c_int, (c_void_p,)),
    # called for every object on a page: unchecked, the page in as a Handle
    "FPDFPage_GetObject": (Handle, None),
    "FPDFPageObj_GetType": (c_int, None),
    "FPDFPageObj_GetMatrix": (c_int, (c_void_p, POINTER(Matrix))),
    "FPDFFormObj_CountObjects": (c_int, (c_void_p,)),
    "FPDFFormObj_GetObject": (Handle, (c_void_p, c_ulong)),
    "FPDFPath_CountSegments": (c_int, (c_void_p,)),
    "FPDFPath_GetPathSegment": (c_void_p, (c_void_p, c_int)),
    "FPDFPathSegment_GetPoint": (c_int, (c_void_p, POINTER(c_float), POINTER(c_float))),
    "FPDFPathSegment_GetType": (c_int, (c_void_p,)),
    "FPDFPathSegment_GetClose": (c_int, (c_void_p,)),
}


class _Library:
    """PDFium's functions as attributes, bound on first use of the reader."""

    def __init__(self, library: ctypes.CDLL) -> None:
        for name, (restype, argtypes) in _SIGNATURES.items():
            function = getattr(library, name)
            function.restype = restype
            function.argtypes = argtypes
            setattr(self, name, function)
        self.FPDF_InitLibrary()  # a second call (pypdfium2 in the same process) does nothing

    def __getattr__(self, name: str) -> Any:  # for mypy: the functions are set in __init__
        raise AttributeError(name)


_library: _Library | None = None


def pdfium() -> _Library:
    global _library
    if _library is None:
        _library = _Library(_load())
    return _library


def _load() -> ctypes.CDLL:
    spec = importlib.util.find_spec("pypdfium2_raw")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for pattern in ("*pdfium*.so", "*pdfium*.dylib", "*pdfium*.dll"):
            for candidate in sorted(Path(folder).glob(pattern)):
                return ctypes.CDLL(str(candidate))
    import pypdfium2_raw  # type: ignore[import-untyped]  # a system PDFium: its own loader

    return pypdfium2_raw._libs["pdfium"]  # type: ignore[no-any-return]
