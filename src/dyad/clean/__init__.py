"""The cleaning stage: a RawDocument becomes an Article (body without boilerplate, metadata).

HTML goes through trafilatura (``clean.html``); text that arrives already flattened goes
through the line classifier (``clean.text``) and the metadata finders (``clean.metadata``).
Metadata given on the RawDocument wins over what is found in the page.
"""
from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

from dyad.clean.html import extract_html
from dyad.clean.text import CleanedText, clean_text
from dyad.records import Article, RawDocument
from dyad.text import normalise

__all__ = ["CleanedText", "article_id", "canonical_url", "clean", "clean_text", "content_hash"]


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no trailing slash on the path."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def content_hash(text: str) -> str:
    """SHA-1 of the normalised text."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()


def article_id(url: str | None, text: str) -> str:
    """Stable id: from the canonical URL when there is one, else from the normalised text."""
    key = canonical_url(url) if url else normalise(text)
    return "a_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def clean(raw: RawDocument, *, known_boilerplate: frozenset[str] = frozenset()) -> Article:
    """Remove boilerplate from one document and gather its metadata.

    ``known_boilerplate``: lines seen repeated across other documents of the same outlet
    (the batch runner collects them), dropped from flattened text.
    """
    if raw.html is not None:
        found = extract_html(raw.html, url=raw.url)
        body, removed, dateline = found.body, (), None
        if found.body:
            # trafilatura keeps a dateline inside the first paragraph; read it from there.
            from dyad.clean.metadata import find_dateline

            dateline = find_dateline(found.body.split("\n", 1)[0])[0]
    else:
        found = clean_text(raw.text or "", known_boilerplate=known_boilerplate)
        body, removed, dateline = found.body, found.removed_lines, found.dateline
    return Article(
        id=article_id(raw.url, body),
        source=raw.source,
        text=body,
        url=raw.url,
        title=raw.title or found.title,
        date=raw.date or found.date,
        outlet=raw.outlet or found.outlet,
        authors=raw.authors or found.authors,
        dateline=dateline,
        content_hash=content_hash(body),
        removed_lines=removed,
    )
