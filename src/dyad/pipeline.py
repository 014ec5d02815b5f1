"""The per-article work as one pure function: ``process(raw) -> ArticleResult``.

clean -> nlp -> extract (actors, events, quotes, stances). No database, no global state
beyond the cached spaCy pipeline, so a batch runner can map it over a process pool (or
Dask workers) without change.

``process_many(raws)`` does the same work for a stream of documents, parsing their
cleaned texts together (spaCy parses a batch faster than the same texts one at a
time, with the same output): it yields, in input order, what ``process`` returns or raises for each.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator

from dyad import nlp
from dyad.clean import clean
from dyad.clean.dedup import minhash_signature
from dyad.extract import actors as actor_rules
from dyad.extract import events as event_rules
from dyad.extract import quotes as quote_rules
from dyad.extract import stance as stance_rules
from dyad.limits import Limits, check_chars
from dyad.records import Analysis, Article, ArticleResult, RawDocument

#: the smallest cleaned body worth analysing, in characters
MIN_BODY_CHARS = 40

#: a batch in ``process_many`` holds at most this many documents ...
BATCH_DOCS = nlp.PIPE_BATCH
#: ... and, unless one document alone is longer, this many characters of cleaned text
BATCH_CHARS = nlp.PIPE_CHARS


DEFAULT_LIMITS = Limits()


class ProcessingError(ValueError):
    """A document that reached the pipeline but holds no article we can use."""


def process(raw: RawDocument, *, known_boilerplate: frozenset[str] = frozenset(),
            max_text_chars: int = DEFAULT_LIMITS.max_chars) -> ArticleResult:
    """Clean, analyse and extract one document.

    ``known_boilerplate``: lines that recur across other documents of the same outlet.
    ``max_text_chars``: a longer text (raw, or extracted from HTML) raises ``LimitError``.
    """
    article = _prepare(raw, known_boilerplate, max_text_chars)
    return _extract(article, nlp.analyze(article.text))


def process_many(
    raws: Iterable[RawDocument],
    *,
    known_boilerplate: Callable[[RawDocument], frozenset[str]] | None = None,
    max_docs: int = BATCH_DOCS,
    max_chars: int = BATCH_CHARS,
    max_text_chars: int = DEFAULT_LIMITS.max_chars,
) -> Iterator[ArticleResult | Exception]:
    """``process`` over a stream of documents, parsing each batch's texts together.

    Yields one item per document, in input order: its ``ArticleResult``, or the exception
    ``process`` would have raised for it (one bad document never stops the others).
    ``known_boilerplate`` is called once per document, in input order, as it is read
    (``RepeatedLines.observe`` fits). Memory stays bounded: a batch holds at most
    ``max_docs`` documents and ``max_chars`` characters of cleaned text (a longer
    document makes a batch of its own), and the input is read one batch ahead. A document
    whose text passes ``max_text_chars`` (0: no limit) is refused before any analysis.
    """
    batch: list[Article | Exception] = []
    chars = 0
    for raw in raws:
        known = known_boilerplate(raw) if known_boilerplate is not None else frozenset()
        try:
            item: Article | Exception = _prepare(raw, known, max_text_chars)
        except Exception as exc:  # noqa: BLE001 - reported in this document's place
            item = exc.with_traceback(None)
        size = len(item.text) if isinstance(item, Article) else 0
        if batch and (len(batch) >= max_docs or chars + size > max_chars):
            yield from _finish(batch, max_chars)
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield from _finish(batch, max_chars)


def _finish(batch: list[Article | Exception], max_chars: int) -> Iterator[ArticleResult | Exception]:
    """Parse a batch's articles together, then extract each in input order."""
    articles = [a for a in batch if isinstance(a, Article)]
    try:
        parsed: list[Analysis | Exception] = list(
            nlp.analyze_many(
                [a.text for a in articles], batch_size=max(1, len(articles)), max_chars=max_chars
            )
        )
    except Exception:  # noqa: BLE001 - find the one text that fails: parse each alone
        parsed = []
        for article in articles:
            try:
                parsed.append(nlp.analyze(article.text))
            except Exception as exc:  # noqa: BLE001
                parsed.append(exc.with_traceback(None))
    analyses = iter(parsed)
    for item in batch:
        if isinstance(item, Exception):
            yield item
            continue
        analysis = next(analyses)
        if isinstance(analysis, Exception):
            yield analysis
            continue
        try:
            yield _extract(item, analysis)
        except Exception as exc:  # noqa: BLE001
            yield exc.with_traceback(None)


def _prepare(raw: RawDocument, known_boilerplate: frozenset[str], max_text_chars: int) -> Article:
    """Clean one document; the article to analyse, with its MinHash signature."""
    if raw.text is not None:  # (the readers refuse it already; this guards direct callers)
        check_chars(len(raw.text), max_text_chars)
    article = clean(raw, known_boilerplate=known_boilerplate)
    check_chars(len(article.text), max_text_chars, "text after cleaning")
    if len(article.text.strip()) < MIN_BODY_CHARS:
        raise ProcessingError("no article text left after cleaning")
    return replace(article, minhash=minhash_signature(article.text))


def _extract(article: Article, analysis: Analysis) -> ArticleResult:
    """Actors, events, quotes and stances of an analysed article."""
    actors, mentions = actor_rules.extract_actors(article, analysis)
    events = event_rules.extract_events(article, analysis, actors, mentions)
    quotes = quote_rules.extract_quotes(article, analysis, actors, mentions)
    stances = stance_rules.extract_stances(article, analysis, actors, mentions, quotes)
    extractors = {
        "nlp": nlp.NAME,
        "actors": actor_rules.EXTRACTOR,
        "events": event_rules.EXTRACTOR,
        "quotes": quote_rules.EXTRACTOR,
        "stances": stance_rules.EXTRACTOR,
    }
    return ArticleResult(
        article=article,
        sentences=analysis.sentences,
        actors=actors,
        mentions=mentions,
        events=events,
        quotes=quotes,
        stances=stances,
        extractors=extractors,
    )
