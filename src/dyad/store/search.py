"""Full-text search over article titles and texts and over quotes: ``Store.search``.

SQLite: two FTS5 tables (``search_articles``, ``search_quotes``, Porter stemming), filled and
kept in step with ``articles`` and ``quotes`` by triggers (migration 3), so no writer has to
remember them. PostgreSQL: two tables of the same names holding each row's stored
``to_tsvector('english', …)`` with a GIN index, kept by triggers too (migration 6), so that
matching and ranking read the stored vector instead of parsing the text again.

The query language is the same on both: words and "quoted phrases", all of which must occur
(stemmed: "talks" finds "talk"). Operators are not interpreted; every value is a bound
parameter. SQLite keeps stop words and PostgreSQL drops them, so a query made only of stop
words ("the") finds everything on one and nothing on the other.

Any string is a valid query: control characters (NUL among them, which neither FTS5 nor
PostgreSQL accepts in a query) and unpaired surrogates count as spaces, and an offset past
any table's size finds nothing instead of overflowing the database's integers.
"""
from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from dyad.store.schema import articles, quotes

MAX_TERMS = 8
SNIPPET = 90
SQLITE_TABLES = ("search_articles", "search_quotes")
#: larger limits and offsets mean "everything" / "past the end" (SQLite's INTEGER is 64-bit)
MAX_ROWS = 2**62
_UNSEARCHABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# PostgreSQL's stored vectors (migration 6), GIN-indexed.
PG_ARTICLE_VECTOR = "search_articles.vector"
PG_QUOTE_VECTOR = "search_quotes.vector"
_PG_ARTICLES = sa.table("search_articles", sa.column("article_id"))
_PG_QUOTES = sa.table("search_quotes", sa.column("article_id"), sa.column("seq"))


def terms_of(query: str) -> list[str]:
    """The words of a query (quoted phrases kept together), at most ``MAX_TERMS``."""
    found = re.findall(r'"([^"]+)"|(\S+)', _UNSEARCHABLE.sub(" ", query))
    words = [" ".join((phrase or word).split()) for phrase, word in found]
    return [w for w in words if w.strip('"')][:MAX_TERMS]


def snippet(text: str, terms: list[str], width: int = SNIPPET) -> str:
    """About ``2 * width`` characters of ``text`` around the first term found."""
    low = text.lower()
    hits = [i for i in (low.find(t.lower()) for t in terms) if i >= 0]
    at = min(hits) if hits else 0
    start, end = max(0, at - width), min(len(text), at + width)
    out = " ".join(text[start:end].split())
    return ("…" if start else "") + out + ("…" if end < len(text) else "")


def _fts5_match(terms: list[str], columns: str) -> str:
    """An FTS5 query: every term as a quoted phrase, all required, in ``columns`` only."""
    phrases = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return f"{columns} : ({phrases})"


def _pg_query(terms: list[str]) -> tuple[str, dict[str, str]]:
    parts = [f"phraseto_tsquery('english'::regconfig, :t{i})" for i in range(len(terms))]
    return " && ".join(parts), {f"t{i}": t for i, t in enumerate(terms)}


def _article_hits(conn: sa.Connection, terms: list[str]) -> sa.Select:
    cols = articles.c["id", "title", "date", "outlet", "text"]
    if conn.dialect.name == "sqlite":
        fts = sa.table("search_articles", sa.column("article_id"))
        match = sa.text("search_articles MATCH :match").bindparams(
            match=_fts5_match(terms, "{title text}"))
        return (sa.select(*cols).select_from(fts.join(articles, articles.c.id == fts.c.article_id))
                .where(match).order_by(sa.text("bm25(search_articles)"), articles.c.id))
    tsq, params = _pg_query(terms)
    cond = sa.text(f"{PG_ARTICLE_VECTOR} @@ ({tsq})").bindparams(**params)
    rank = sa.text(f"ts_rank({PG_ARTICLE_VECTOR}, ({tsq})) DESC").bindparams(**params)
    return (sa.select(*cols).select_from(_PG_ARTICLES.join(articles, articles.c.id == _PG_ARTICLES.c.article_id))
            .where(cond).order_by(rank, articles.c.id))


def _quote_hits(conn: sa.Connection, terms: list[str]) -> sa.Select:
    cols = (*quotes.c["article_id", "seq", "text", "kind", "speaker_key", "sentence_index"],
            *articles.c["title", "date", "outlet"])
    base = quotes.join(articles, articles.c.id == quotes.c.article_id)
    if conn.dialect.name == "sqlite":
        fts = sa.table("search_quotes", sa.column("article_id"), sa.column("seq"))
        match = sa.text("search_quotes MATCH :match").bindparams(match=_fts5_match(terms, "text"))
        joined = fts.join(base, sa.and_(quotes.c.article_id == fts.c.article_id,
                                        quotes.c.seq == sa.cast(fts.c.seq, sa.Integer)))
        return (sa.select(*cols).select_from(joined).where(match)
                .order_by(sa.text("bm25(search_quotes)"), quotes.c.article_id, quotes.c.seq))
    tsq, params = _pg_query(terms)
    cond = sa.text(f"{PG_QUOTE_VECTOR} @@ ({tsq})").bindparams(**params)
    rank = sa.text(f"ts_rank({PG_QUOTE_VECTOR}, ({tsq})) DESC").bindparams(**params)
    joined = _PG_QUOTES.join(base, sa.and_(quotes.c.article_id == _PG_QUOTES.c.article_id,
                                           quotes.c.seq == _PG_QUOTES.c.seq))
    return sa.select(*cols).select_from(joined).where(cond).order_by(rank, quotes.c.article_id, quotes.c.seq)


def search(conn: sa.Connection, query: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """See ``Store.search``."""
    if limit < 0 or offset < 0:
        raise ValueError(f"limit and offset must not be negative, not {limit} and {offset}")
    limit, offset = min(int(limit), MAX_ROWS), min(int(offset), MAX_ROWS)
    terms = terms_of(query)
    out: dict[str, Any] = {"query": query, "terms": terms, "articles": [], "quotes": [],
                           "n_articles": 0, "n_quotes": 0}
    if not terms:
        return out
    for key, select in (("articles", _article_hits(conn, terms)), ("quotes", _quote_hits(conn, terms))):
        counted = sa.select(sa.func.count()).select_from(select.order_by(None).subquery())
        out[f"n_{key}"] = conn.execute(counted).scalar() or 0
        for row in conn.execute(select.limit(limit).offset(offset)).mappings():
            hit = dict(row)
            text = hit.pop("text") if key == "articles" else hit["text"]
            hit["snippet"] = snippet(text, terms)
            out[key].append(hit)
    return out
