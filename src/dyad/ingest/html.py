"""HTML pages (``.html``, ``.htm``, and their ``.gz``): one page, one document.

The page is decoded by its byte-order mark, the charset its ``<meta>`` (or XML
declaration) states when that charset fits the bytes, then UTF-8, then detection.
Boilerplate removal is the cleaner's job; here a page only has to show some text.
"""
from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.files import Unreadable, decode, read_bytes
from dyad.records import RawDocument

SUFFIXES = (".html", ".htm", ".xhtml")

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INVISIBLE = re.compile(
    r"<(script|style|noscript|template|svg|head)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I
)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w", re.U)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, if any."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode a page; ``charset`` (from an HTTP header) wins over the page's own claim."""
    return decode(data, declared=charset or declared_charset(data))


def visible_text(markup: str) -> str:
    """The words a reader would see: no head, scripts, styles, comments or tags."""
    text = _COMMENT.sub(" ", markup)
    text = _INVISIBLE.sub(" ", text)
    text = _TAG.sub(" ", text)
    return " ".join(htmllib.unescape(text).split())


def require_visible_text(markup: str) -> str:
    if not _WORD.search(visible_text(markup)):
        raise Unreadable("no text: the HTML has no visible text (only markup, scripts or styles)")
    return markup


def read(path: Path, *, max_bytes: int, outlet: str | None = None) -> Iterator[RawDocument]:
    """Yield the page as one HTML document."""
    markup = require_visible_text(decode_html(read_bytes(path, max_bytes)))
    yield RawDocument(source=str(path), kind="html", html=markup, outlet=outlet)
