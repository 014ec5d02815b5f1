"""Main text and metadata from an HTML page, by trafilatura.

trafilatura is the only HTML extractor Dyad uses; this module is its one seam, so that the
rest of the cleaning stage sees plain paragraphs and metadata fields, never an lxml tree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dyad.clean.metadata import strip_site_name

_AUTHOR_SPLIT = re.compile(r"\s*;\s*")


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What trafilatura found: body paragraphs joined by blank lines, plus metadata."""

    body: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    authors: tuple[str, ...] = ()
    outlet: str | None = None


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # No SIGALRM-based timeout: it only works in the main thread and the batch runner may not be.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _paragraphs(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def extract_html(html: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and its metadata from ``html``; empty body when nothing is found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params={"extensive_search": True, "original_date": True},
            config=_config(),
        )
    except (ValueError, TypeError, AttributeError):  # malformed markup trafilatura cannot parse
        doc = None
    if doc is None:
        return HtmlExtraction(body="")
    text = doc.text or ""
    authors = tuple(a for a in _AUTHOR_SPLIT.split(doc.author or "") if a)
    date = (doc.date or "")[:10] or None
    return HtmlExtraction(
        body=_paragraphs(text),
        title=strip_site_name((doc.title or "").strip(), doc.sitename, url) or None,
        date=date,
        authors=authors,
        outlet=(doc.sitename or "").strip() or None,
    )
