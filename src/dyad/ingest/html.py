"""HTML pages (``.html``, ``.htm``, and their ``.gz``): one page, one document.

The page is decoded by its byte-order mark, the charset its ``<meta>`` (or XML
declaration) states when that charset fits the bytes, then UTF-8, then detection.
Boilerplate removal is the cleaner's job; here a page only has to show some text, and
not too much of it: a page whose visible text (the article and its menus, lists and other
boilerplate together) passes :data:`VISIBLE_SLACK` times ``max_chars`` is refused before
any parsing ("too long"), since its article cannot be within the limit.
"""
from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.files import Unreadable, decode, read_bytes, too_long
from dyad.records import RawDocument

SUFFIXES = (".html", ".htm", ".xhtml")

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_INVISIBLE = re.compile(
    r"<(script|style|noscript|template|svg|head)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w", re.UNICODE)

#: how much longer than ``max_chars`` a page's visible text may be (menus, lists, comments)
VISIBLE_SLACK = 2


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


def require_visible_text(markup: str, max_chars: int | None = None) -> str:
    """``markup``, when it shows some text and, with ``max_chars``, not far more than that."""
    shown = visible_text(markup)
    if not _WORD.search(shown):
        raise Unreadable("no text: the HTML has no visible text (only markup, scripts or styles)")
    if max_chars:
        too_long(len(shown), max_chars * VISIBLE_SLACK, "visible text in the page")
    return markup


def read(
    path: Path, *, max_bytes: int, outlet: str | None = None, max_chars: int | None = None
) -> Iterator[RawDocument]:
    """Yield the page as one HTML document."""
    markup = require_visible_text(decode_html(read_bytes(path, max_bytes)), max_chars)
    yield RawDocument(source=str(path), kind="html", html=markup, outlet=outlet)
