"""The cleaning stage: a RawDocument becomes an Article (body without boilerplate, metadata).

HTML goes through trafilatura (``clean.html``); text that arrives already flattened goes
through the line classifier (``clean.text``) and the metadata finders (``clean.metadata``).
Metadata given on the RawDocument wins over what is found in the page, except a date
outside the plausible years (``ingest.fields.YEARS``), which is left unknown.

Two things no reader sees are taken out before the cleaned text is fixed (every offset
points into it): invisible characters inside words (zero-width spaces, soft hyphens,
BOMs, zero-width joiners between Latin letters) and "words" longer than
:data:`MAX_WORD_CHARS` characters (a run of punctuation, an inlined data blob, a wall of
``&amp;``), which are not prose and which the tokenizer splits in quadratic time.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from dyad.clean.html import extract_html
from dyad.clean.text import CleanedText, clean_text
from dyad.ingest.fields import iso_day
from dyad.records import Article, RawDocument
from dyad.text import normalise, strip_invisible

__all__ = ["CleanedText", "article_id", "canonical_url", "clean", "clean_text", "content_hash"]

#: a run of this many characters without a space is not a word (unless in a script
#: written without spaces)
MAX_WORD_CHARS = 200
_LONG_RUN = re.compile(rf"[^\S\n]*\S{{{MAX_WORD_CHARS + 1},}}")
# scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK, kana, Hangul
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _not_a_word(m: re.Match[str]) -> str:
    run = m.group()
    return run if len(_UNSPACED.findall(run)) * 5 >= len(run.strip()) * 4 else ""


def readable(text: str) -> str:
    """``text`` without invisible characters inside words and without runs of more than
    :data:`MAX_WORD_CHARS` characters that are no words; lines left empty are dropped,
    paragraph breaks kept."""
    text = strip_invisible(text)
    if len(text) > MAX_WORD_CHARS and _LONG_RUN.search(text):
        text = _LONG_RUN.sub(_not_a_word, text)
        text = re.sub(r"\n[^\S\n]*(?=\n)", "\n", text)  # lines left empty by a removed run
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text


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
        body, removed, dateline = readable(found.body), (), None
        if body:
            # trafilatura keeps a dateline inside the first paragraph; read it from there.
            from dyad.clean.metadata import find_dateline

            dateline = find_dateline(body.split("\n", 1)[0])[0]
    else:
        found = clean_text(readable(raw.text or ""), known_boilerplate=known_boilerplate)
        body, removed, dateline = found.body, found.removed_lines, found.dateline
    title = raw.title or found.title
    return Article(
        id=article_id(raw.url, body),
        source=raw.source,
        text=body,
        url=raw.url,
        title=strip_invisible(title) if title else title,
        date=iso_day(raw.date) or iso_day(found.date),
        outlet=raw.outlet or found.outlet,
        authors=raw.authors or found.authors,
        dateline=dateline,
        content_hash=content_hash(body),
        removed_lines=removed,
    )
