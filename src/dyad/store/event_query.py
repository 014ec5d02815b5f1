"""Reading events back across articles: ``Store.list_events`` is built here.

A row is one stored event (one report of it, in one sentence of one article), flattened for
tables, clustering and exports: the ``dataclasses.asdict`` fields of the ``Event`` record
with its ``date`` flattened, plus the article's metadata and the evidence sentence.

Country parts come from ``dyad.codes.country_of``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from dyad.codes import countries, country_of, dyad_direction
from dyad.store.facts import UNDATED
from dyad.store.schema import articles, event_countries, events, sentences


def effective_date(row: dict[str, Any]) -> str | None:
    return row.get("date") or row.get("article_date")


def _between(a: str, b: str) -> sa.ColumnElement[bool]:
    """Events with ``a`` among the source countries and ``b`` among the target countries,
    or the reverse: an indexed lookup in ``event_countries``."""
    src, tgt = event_countries.alias("src"), event_countries.alias("tgt")
    pairs = (
        sa.select(src.c.article_id, src.c.seq)
        .join(tgt, sa.and_(tgt.c.article_id == src.c.article_id, tgt.c.seq == src.c.seq,
                           tgt.c.side == "t"))
        .where(src.c.side == "s", sa.or_(sa.and_(src.c.country == a, tgt.c.country == b),
                                         sa.and_(src.c.country == b, tgt.c.country == a)))
    )
    return sa.tuple_(events.c.article_id, events.c.seq).in_(pairs)


def _filters(
    *, dyad: tuple[str, str] | None, type: str | None, modality: str | None,  # noqa: A002
    since: str | None, article_id: str | Iterable[str] | None,
) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if type is not None:
        out.append(sa.or_(events.c.plover == type.upper(), sa.func.substr(events.c.cameo, 1, 2) == type))
    if modality is not None:
        out.append(events.c.modality == modality)
    if since is not None:
        # Coarse dates count when their month or year contains ``since``.
        eff = events.c.sort_date
        out.append(sa.and_(eff != UNDATED, sa.or_(eff >= since, eff == since[:7], eff == since[:4])))
    if article_id is not None:
        ids = [article_id] if isinstance(article_id, str) else list(article_id)
        out.append(events.c.article_id.in_(ids))
    if dyad is not None:
        a, b = (country_of(x) for x in dyad)
        out.append(_between(a, b))
    return out


def count_events(conn: sa.Connection, **filters: Any) -> int:
    """How many rows ``query_events`` gives with the same filters (no limit)."""
    query = sa.select(sa.func.count()).select_from(events).where(*_filters(**filters))
    return int(conn.execute(query).scalar() or 0)


def query_events(
    conn: sa.Connection,
    *,
    dyad: tuple[str, str] | None = None,
    type: str | None = None,  # noqa: A002
    modality: str | None = None,
    since: str | None = None,
    article_id: str | Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    after: tuple[str, str, int] | None = None,
) -> list[dict[str, Any]]:
    """See ``Store.list_events``. Filters, order, limit and offset all run in SQL: the order
    is ``events.sort_date`` (indexed with the row's key). ``after``: a ``sort_key`` the rows
    must come after (keyset paging)."""
    page = (
        sa.select(events.c.article_id, events.c.seq)
        .where(*_filters(dyad=dyad, type=type, modality=modality, since=since, article_id=article_id))
        .order_by(events.c.sort_date, events.c.article_id, events.c.seq)
    )
    if after is not None:
        page = page.where(sa.tuple_(events.c.sort_date, events.c.article_id, events.c.seq)
                          > tuple(after))
    if limit is not None:
        page = page.limit(limit)
    if offset:
        page = page.offset(offset)
    page = page.subquery("page")
    query = rows_select(
        page.join(events, sa.and_(events.c.article_id == page.c.article_id, events.c.seq == page.c.seq))
    ).order_by(events.c.sort_date, events.c.article_id, events.c.seq)
    a = b = None
    if dyad is not None:
        a, b = (country_of(x) for x in dyad)
    out: list[dict[str, Any]] = []
    for r in conn.execute(query).mappings():
        row = flatten(r)
        if a is not None and b is not None:
            row["direction"] = dyad_direction(row["source_countries"], row["target_countries"], a, b)
            if row["direction"] is None:
                continue
            row["forward"] = row["direction"] == f"{a}->{b}"
        out.append(row)
    return out


def rows_select(base: Any) -> sa.Select:
    """The columns of a flattened row, from ``base`` (a FROM clause holding ``events``)."""
    return sa.select(
        events.c.seq, events.c.data, events.c.cluster_id, articles.c.url, articles.c.title,
        articles.c.date.label("article_date"), articles.c.outlet, articles.c.ingested_at,
        sentences.c.text.label("sentence"), sentences.c.start.label("sentence_start"),
    ).select_from(
        base.join(articles, articles.c.id == events.c.article_id).outerjoin(
            sentences, sa.and_(sentences.c.article_id == events.c.article_id,
                               sentences.c.index == events.c.sentence_index))
    )


def rows_of_clusters(conn: sa.Connection, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Cluster id -> its reports as flattened rows (in no particular order)."""
    out: dict[str, list[dict[str, Any]]] = {}
    ids = list(ids)
    for k in range(0, len(ids), 500):
        query = rows_select(events).where(events.c.cluster_id.in_(ids[k:k + 500]))
        for r in conn.execute(query).mappings():
            out.setdefault(r["cluster_id"], []).append(flatten(r))
    return out


def sort_key(row: dict[str, Any]) -> tuple[str, str, int]:
    """A row's place in the order of ``query_events``: the ``after`` of the next page."""
    return (row.get("date") or row.get("article_date") or UNDATED, row["article_id"], row["seq"])


def flatten(r: Any) -> dict[str, Any]:
    data = json.loads(r["data"])
    date = data.pop("date") or {}
    row: dict[str, Any] = {"seq": r["seq"], **data}
    row["date"] = date.get("value")
    row["date_precision"] = date.get("precision", "unknown")
    row["date_rule"] = date.get("rule", "none")
    row["date_text"] = date.get("text")
    row["date_weekday"] = date.get("weekday")
    row["source_countries"] = countries(row.get("sources", ()))
    row["target_countries"] = countries(row.get("targets", ()))
    row["direction"] = None
    row["forward"] = None
    for key in ("url", "title", "article_date", "outlet", "ingested_at", "sentence", "sentence_start",
                "cluster_id"):
        row[key] = r[key]
    return row
