"""RSS and Atom feeds (``.rss``, ``.atom``, and ``.xml`` files whose root is a feed).

An item becomes a document when its content (or, failing that, its summary) has at
least :data:`MIN_WORDS` words: shorter items are teasers that link to the article rather
than carry it. Documents have ``kind="feed"``, the item's HTML as ``html``, its link,
title, date (the day as the feed states it) and authors, source ``path#N`` where N is
the item's position in the feed from 1. The channel title, when there is one, is the
outlet; ``outlet`` fills in for feeds without a title.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.fields import clean_str, iso_day, split_authors
from dyad.ingest.files import Unreadable, one_line, read_bytes, require_text
from dyad.ingest.html import visible_text
from dyad.records import RawDocument

SUFFIXES = (".rss", ".atom", ".xml")

#: fewer words than this and an item is a teaser, not an article
MIN_WORDS = 50

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF)\b")


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


def read(path: Path, *, max_bytes: int, outlet: str | None = None) -> Iterator[RawDocument]:
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
            words = len((visible_text(value) if "html" in mime else value).split())
            if words < MIN_WORDS:
                continue
            found += 1
            is_html = "html" in mime
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
