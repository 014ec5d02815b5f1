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
from dyad.store.schema import articles, events, sentences


def _side_like(column: sa.ColumnElement, member: str) -> sa.ColumnElement[bool]:
    """A cheap SQL pre-filter on the JSON list of codes: some code starts with ``member``
    (exactly equal for organisation codes). Python checks the country part afterwards."""
    pattern = member.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if country_of(member) == member and len(member) == 3:
        return column.like(f'%"{pattern}%', escape="\\")
    return column.like(f'%"{pattern}"%', escape="\\")


def effective_date(row: dict[str, Any]) -> str | None:
    return row.get("date") or row.get("article_date")


def query_events(
    conn: sa.Connection,
    *,
    dyad: tuple[str, str] | None = None,
    type: str | None = None,  # noqa: A002
    modality: str | None = None,
    since: str | None = None,
    article_id: str | Iterable[str] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """See ``Store.list_events``."""
    eff = sa.func.coalesce(events.c.date, articles.c.date)
    query = (
        sa.select(
            events.c.seq,
            events.c.data,
            articles.c.url,
            articles.c.title,
            articles.c.date.label("article_date"),
            articles.c.outlet,
            articles.c.ingested_at,
            sentences.c.text.label("sentence"),
            sentences.c.start.label("sentence_start"),
        )
        .select_from(
            events.join(articles, articles.c.id == events.c.article_id).outerjoin(
                sentences,
                sa.and_(
                    sentences.c.article_id == events.c.article_id,
                    sentences.c.index == events.c.sentence_index,
                ),
            )
        )
        .order_by(eff.is_(None), eff, events.c.article_id, events.c.seq)
    )
    if type is not None:
        query = query.where(
            sa.or_(events.c.plover == type.upper(), sa.func.substr(events.c.cameo, 1, 2) == type)
        )
    if modality is not None:
        query = query.where(events.c.modality == modality)
    if since is not None:
        # Coarse dates count when their month or year contains ``since``.
        query = query.where(sa.or_(eff >= since, eff == since[:7], eff == since[:4]))
    if article_id is not None:
        ids = [article_id] if isinstance(article_id, str) else list(article_id)
        query = query.where(events.c.article_id.in_(ids))
    a = b = None
    if dyad is not None:
        a, b = (country_of(x) for x in dyad)
        query = query.where(
            sa.or_(
                sa.and_(_side_like(events.c.sources, a), _side_like(events.c.targets, b)),
                sa.and_(_side_like(events.c.sources, b), _side_like(events.c.targets, a)),
            )
        )
    elif limit is not None:
        query = query.limit(limit)

    out: list[dict[str, Any]] = []
    for r in conn.execute(query).mappings():
        row = _flatten(r)
        if a is not None and b is not None:
            row["direction"] = dyad_direction(row["source_countries"], row["target_countries"], a, b)
            if row["direction"] is None:
                continue
            row["forward"] = row["direction"] == f"{a}->{b}"
        out.append(row)
        if limit is not None and len(out) >= limit:
            break
    return out


def _flatten(r: Any) -> dict[str, Any]:
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
    for key in ("url", "title", "article_date", "outlet", "ingested_at", "sentence", "sentence_start"):
        row[key] = r[key]
    return row
