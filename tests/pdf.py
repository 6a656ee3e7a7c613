"""Reading back the PDFs that Comuna prints, to check what they say.

ReportLab compresses every page (ASCII85 over Flate) and writes text in the built-in fonts'
Windows-1252 encoding; :func:`pdf_text` undoes both and returns the strings drawn, one a line.
"""

from __future__ import annotations

import base64
import re
import zlib

_STREAM = re.compile(
    rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream", re.S
)
_SHOWN = re.compile(rb"\(((?:[^()\\]|\\.)*)\) Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(match: re.Match[bytes]) -> bytes:
    code = match.group(1)
    if code.isdigit():
        return bytes([int(code, 8)])
    return _SIMPLE.get(code, code)


def pdf_page_texts(pdf: bytes) -> list[str]:
    """The strings each page draws (ReportLab writes one content stream a page), one a line."""
    pages = []
    for stream in _STREAM.finditer(pdf):
        data = stream.group(1).strip().removesuffix(b"~>")
        content = zlib.decompress(base64.a85decode(data))
        shown = [_ESCAPE.sub(_unescape, text).decode("cp1252") for text in _SHOWN.findall(content)]
        pages.append("\n".join(shown))
    return pages


def pdf_text(pdf: bytes) -> str:
    """Every string the PDF's pages draw, in order, one a line."""
    return "\n".join(pdf_page_texts(pdf))


def pdf_links(pdf: bytes) -> list[str]:
    """The addresses of the PDF's links (they are not compressed)."""
    return [uri.decode() for uri in re.findall(rb"/URI \(([^)]*)\)", pdf)]


def pdf_page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))
