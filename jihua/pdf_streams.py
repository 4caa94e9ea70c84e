"""How far a PDF's streams inflate, measured before PDFium reads any of them.

PDFium decodes a page's content streams whole when it loads the page, and
aborts the process when memory runs out: a 1 MB file whose content stream
inflates to 1 GB would take the command (or the server) down with it. So every
stream of the file is inflated here first, piece by piece and counting only,
and the file is refused once the count passes a limit:

- all streams together (images aside) at most :data:`DECODED_LIMIT`;
- one page content stream (or form, or anything not declared a font program,
  image, metadata or cross-reference table) at most :data:`CONTENT_LIMIT`: PDFium
  keeps a few hundred bytes per character or line drawn, so a dense content
  stream costs two hundred times its size in memory;
- one image at most :data:`DECODED_LIMIT` (PDFium does not decode images to
  read text, but a stream called an image may be used as a page's content).

Streams are found by their ``stream`` keyword wherever it stands, not through
the cross-reference table, and each is inflated from its start until its
compressed data ends, so that no /Length can hide a part of it.

Not covered: the streams of an encrypted file (ciphered until PDFium opens it,
they inflate to nothing here; the time budget and the text limit still hold),
and a page drawn from many content streams each under the limit.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator

from jihua.errors import UserError
from jihua.limits import MB, UNPACKED_LIMIT, check

#: all streams of a PDF together, decoded (the same figure as for a ZIP)
DECODED_LIMIT = UNPACKED_LIMIT
#: one page content stream, decoded
CONTENT_LIMIT = 2 * MB
#: the most a FlateDecode or LZWDecode stream inflates per byte (deflate: 1032)
_MAX_RATIO = {b"FlateDecode": 1032, b"Fl": 1032, b"LZWDecode": 2730, b"LZW": 2730}
_MAX_RATIO |= {b"RunLengthDecode": 128, b"RL": 128, b"ASCII85Decode": 4, b"A85": 4}
#: filters PDFium leaves undecoded to read text (image codecs)
_IMAGE_CODECS = {b"DCTDecode", b"DCT", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode", b"CCF"}

_FLATE = {b"FlateDecode", b"Fl"}
_ASCII = {b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85"}
_STREAM = re.compile(rb"stream[ \t]*(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,10})(?!\d)(?!\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
#: streams PDFium does not draw as page content: font programs, object and xref streams,
#: metadata, embedded files, colour profiles
_NOT_CONTENT = re.compile(
    rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType|XML)\b"
    rb"|/Type\s*/(?:XRef|ObjStm|Metadata|EmbeddedFile)\b|/Alternate\s*/Device"
)
_CHUNK = 256 * 1024


def check_streams(data: bytes, source: str) -> None:
    """Refuse a PDF whose streams inflate past the limits, before it is parsed."""
    total = 0
    for match in _STREAM.finditer(data):
        if data[match.start() - 3 : match.start()] == b"end":
            continue
        check()
        head = _head(data, match)
        if not _filters(head):
            continue  # stored as is: no larger than the file
        image = bool(_IMAGE.search(head))
        limit = DECODED_LIMIT if image or _NOT_CONTENT.search(head) else CONTENT_LIMIT
        stop = limit if image else min(limit, DECODED_LIMIT - total)
        size = _decoded_size(data, match.end(), head, stop + 1)
        if size > limit:
            raise UserError(_past(source, limit, image))
        if not image:
            total += size
            if total > DECODED_LIMIT:
                raise UserError(f"{source} 解压后超过 {DECODED_LIMIT // MB} MB，已停止读取")


def _past(source: str, limit: int, image: bool) -> str:
    if limit == CONTENT_LIMIT:
        return f"{source} 的页面内容流解压后超过 {limit // MB} MB，已停止读取"
    if image:
        return f"{source} 中的图像解压后超过 {limit // MB} MB，已停止读取"
    return f"{source} 解压后超过 {limit // MB} MB，已停止读取"


def _head(data: bytes, match: re.Match[bytes]) -> bytes:
    """The stream's dictionary: from its ``obj`` keyword (within 4 KB) to ``stream``."""
    window = max(0, match.start() - 4096)
    begin = data.rfind(b"obj", window, match.start())
    return data[begin if begin != -1 else window : match.start()]


def _filters(head: bytes) -> list[bytes]:
    """The stream's filters up to the first image codec (PDFium stops there for text)."""
    found = _FILTER.search(head)
    names = _NAME.findall(found.group(1)) if found else []
    for index, name in enumerate(names):
        if name in _IMAGE_CODECS:
            return names[:index]
    return names


def _bound(filters: list[bytes], packed: int) -> int:
    size = max(packed, 0)
    for name in filters:
        size *= _MAX_RATIO.get(name, 1)
    return size


def _decoded_size(data: bytes, start: int, head: bytes, stop: int) -> int:
    """The stream's decoded size, counted up to ``stop`` bytes."""
    filters = _filters(head)
    length = _LENGTH.search(head)
    pieces: Iterator[bytes | memoryview] = _pieces(data, start, int(length[1]) if length else 0)
    if filters[0] not in _FLATE:
        end = data.find(b"endstream", start)
        packed = data[start : end if end != -1 else len(data)]
        if filters[0] in _ASCII:
            packed = _ascii(filters[0], packed)
        elif filters[0] in (b"LZWDecode", b"LZW"):
            return min(_bound(filters[1:], _lzw_size(packed, stop)), stop)
        elif filters[0] in (b"RunLengthDecode", b"RL"):
            return min(_bound(filters[1:], _run_length_size(packed)), stop)
        else:
            return min(_bound(filters[1:], len(packed)), stop)  # a filter PDFium does not know
        pieces, filters = iter([packed]), filters[1:]
        if not filters or filters[0] not in _FLATE:
            return min(_bound(filters, len(packed)), stop)
    chunks: Iterator[bytes] = _inflate(pieces, stop)
    size = 0
    rest = filters[1:]
    if rest and rest[0] in _FLATE:  # a bomb packed twice
        chunks, rest = _inflate(chunks, stop), rest[1:]
    for chunk in chunks:
        size += len(chunk)
        if _bound(rest, size) >= stop:
            return stop
    return _bound(rest, size)


def _lzw_size(data: bytes, stop: int) -> int:
    """What LZWDecode (9 to 12-bit codes, early change) makes of ``data``, counted up to
    ``stop``; entries are kept by their length alone."""
    lengths = [1] * 256 + [0, 0]
    width, previous, buffer, bits, size = 9, 0, 0, 0, 0
    for byte in data:
        buffer, bits = ((buffer << 8) | byte) & 0xFFFFFF, bits + 8
        while bits >= width:
            bits -= width
            code = (buffer >> bits) & ((1 << width) - 1)
            if code == 256:
                del lengths[258:]
                width, previous = 9, 0
                continue
            if code == 257 or code > len(lengths) or (code == len(lengths) and not previous):
                return size
            entry = lengths[code] if code < len(lengths) else previous + 1
            if previous and len(lengths) < 4096:
                lengths.append(previous + 1)
            size += entry
            if size >= stop:
                return stop
            previous = entry
            if len(lengths) >= (1 << width) - 1 and width < 12:
                width += 1
    return size


def _run_length_size(data: bytes) -> int:
    size, at = 0, 0
    while at < len(data):
        count = data[at]
        if count == 128:
            break
        if count < 128:
            size, at = size + count + 1, at + count + 2
        else:
            size, at = size + 257 - count, at + 2
    return size


def _ascii(name: bytes, text: bytes) -> bytes:
    """ASCIIHexDecode or ASCII85Decode (at most four times the text); b"" when broken."""
    try:
        if name in (b"ASCIIHexDecode", b"AHx"):
            digits = bytes(byte for byte in text.split(b">")[0] if byte not in b" \t\r\n\f")
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
        return base64.a85decode(text.strip().removesuffix(b"~>"), adobe=False)
    except ValueError:
        return b""


def _pieces(data: bytes, start: int, length: int) -> Iterator[memoryview]:
    """The data from ``start`` to the end of the file: first the stream's /Length, then more."""
    while start < len(data) and data[start] in b" \t\r\n":
        start += 1
    view = memoryview(data)
    first = start + (length + 16 if length > 0 else _CHUNK)
    yield view[start:first]
    for offset in range(first, len(data), _CHUNK):
        yield view[offset : offset + _CHUNK]


def _inflate(pieces: Iterator[bytes | memoryview], stop: int) -> Iterator[bytes]:
    """Inflated pieces until the data ends, breaks, or ``stop`` bytes came out."""
    inflater = zlib.decompressobj()
    produced = 0
    try:
        for piece in pieces:
            while piece and not inflater.eof and produced < stop:
                out = inflater.decompress(piece, _CHUNK)
                produced += len(out)
                yield out
                piece = inflater.unconsumed_tail
            if inflater.eof or produced >= stop:
                return
    except zlib.error:
        return  # PDFium stops at broken data too
