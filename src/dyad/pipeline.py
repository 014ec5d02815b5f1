"""The per-article work as one pure function: ``process(raw) -> ArticleResult``.

clean -> nlp -> extract (actors, events, quotes, stances). No database, no global state
beyond the cached spaCy pipeline, so a batch runner can map it over a process pool (or
Dask workers) without change.
"""
from __future__ import annotations

from dataclasses import replace

from dyad import nlp
from dyad.clean import clean
from dyad.clean.dedup import minhash_signature
from dyad.extract import actors as actor_rules
from dyad.extract import events as event_rules
from dyad.extract import quotes as quote_rules
from dyad.extract import stance as stance_rules
from dyad.records import ArticleResult, RawDocument

#: the smallest cleaned body worth analysing, in characters
MIN_BODY_CHARS = 40


class ProcessingError(ValueError):
    """A document that reached the pipeline but holds no article we can use."""


def process(raw: RawDocument, *, known_boilerplate: frozenset[str] = frozenset()) -> ArticleResult:
    """Clean, analyse and extract one document.

    ``known_boilerplate``: lines that recur across other documents of the same outlet.
    """
    article = clean(raw, known_boilerplate=known_boilerplate)
    if len(article.text.strip()) < MIN_BODY_CHARS:
        raise ProcessingError("no article text left after cleaning")
    article = replace(article, minhash=minhash_signature(article.text))
    analysis = nlp.analyze(article.text)
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
