"""RSS and Atom feeds (``.rss``, ``.atom``, and ``.xml`` files whose root is a feed).

An item becomes a document when its content (or, failing that, its summary) has at
least :data:`MIN_WORDS` words: shorter items are teasers that link to the article rather
than carry it. Documents have ``kind="feed"``, the item's HTML as ``html`` (or, for content
that is plain text, whatever type the feed gives it, the text as ``text``), its link,
title, date (the day as the feed states it) and authors, source ``path#N`` where N is
the item's position in the feed from 1. The channel title, when there is one, is the
outlet; ``outlet`` fills in for feeds without a title. An item whose text is longer than
``max_chars`` is refused for its position (``path#N``: "too long"); the others are read.
"""
from __future__ import annotations

import html as htmllib
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.fields import clean_str, iso_day, split_authors
from dyad.ingest.files import Unreadable, one_line, read_bytes, require_text, too_long
from dyad.ingest.html import visible_text
from dyad.records import IngestProblem, RawDocument

SUFFIXES = (".rss", ".atom", ".xml")

#: fewer words than this and an item is a teaser, not an article
MIN_WORDS = 50

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF)\b")
# an HTML tag or a comment: content without one is plain text, whatever its stated type
_MARKUP = re.compile(r"<(?:[A-Za-z][\w:-]*[\s/>]|!--)")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first kilobytes of an XML file open an RSS, RDF or Atom root element."""
    return bool(_FEED_ROOT.search(head.replace(b"\x00", b"")))


def _body(entry) -> tuple[str, str] | None:
    """(value, MIME type) of the item's fullest content, else its summary."""
    best = None
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if best is None or len(value) > len(best[0]):
            best = (value, content.get("type") or "text/html")
    if best is None or not best[0].strip():
        summary = entry.get("summary") or ""
        detail = entry.get("summary_detail") or {}
        best = (summary, detail.get("type") or "text/html")
    return best if best[0].strip() else None


def _date(entry) -> str | None:
    for key in ("published", "updated", "created"):
        day = iso_day(entry.get(key))
        if day:
            return day
    for key in ("published_parsed", "updated_parsed"):
        day = iso_day(entry.get(key))
        if day:
            return day
    return None


def read(
    path: Path, *, max_bytes: int, outlet: str | None = None, max_chars: int | None = None
) -> Iterator[RawDocument | IngestProblem]:
    import feedparser

    data = read_bytes(path, max_bytes)
    if not data:
        raise Unreadable("empty file: 0 bytes")
    if not data.strip():
        require_text("")
    if path.name.lower().removesuffix(".gz").endswith(".xml") and not looks_like_feed(data[:4096]):
        raise Unreadable("not a feed: the XML file has no RSS or Atom root element", status="skipped")
    with warnings.catch_warnings():
        # feedparser warns (DeprecationWarning) about its own key aliases; nothing for the caller
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
        entries = list(parsed.entries)
        channel = clean_str(parsed.feed.get("title"))
    if not entries:
        if parsed.bozo:
            raise Unreadable(f"malformed feed: {_bozo_detail(parsed)}")
        if not parsed.version:
            raise Unreadable("not a feed: no RSS or Atom root element")
        raise Unreadable("no articles: the feed has no items", status="skipped")
    found = 0
    for n, entry in enumerate(entries, start=1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            body = _body(entry)
            if body is None:
                continue
            value, mime = body
            is_html = "html" in mime and bool(_MARKUP.search(value))
            if "html" in mime and not is_html:
                value = htmllib.unescape(value)  # plain text sent as HTML: its entities are text
            shown = visible_text(value) if is_html else value
            if len(shown.split()) < MIN_WORDS:
                continue
            found += 1
            try:
                too_long(len(shown), max_chars, "text in the feed item")
            except Unreadable as exc:
                yield IngestProblem(source=f"{path}#{n}", status=exc.status, reason=exc.reason)
                continue
            yield RawDocument(
                source=f"{path}#{n}",
                kind="feed",
                html=value if is_html else None,
                text=None if is_html else value,
                url=clean_str(entry.get("link")),
                title=clean_str(visible_text(entry.get("title") or "")),
                date=_date(entry),
                outlet=channel or outlet,
                authors=split_authors(entry.get("authors") or entry.get("author")),
            )
    if not found and parsed.bozo:
        raise Unreadable(
            f"malformed feed: {_bozo_detail(parsed)} ({len(entries)} items recovered, "
            f"none with {MIN_WORDS} words of content)"
        )
    if not found:
        raise Unreadable(
            f"no articles: none of the feed's {len(entries)} items has {MIN_WORDS} words "
            f"of content (teasers only)",
            status="skipped",
        )


def _bozo_detail(parsed) -> str:
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "unknown error"
    getter = getattr(exc, "getMessage", None)
    return one_line(getter() if callable(getter) else str(exc) or type(exc).__name__)
