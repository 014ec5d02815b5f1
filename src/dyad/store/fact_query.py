"""Reading quotes, speakers and stances back across articles: ``Store.list_quotes``,
``Store.list_speakers`` and ``Store.list_stances`` are built here.

A quote row is the ``dataclasses.asdict`` form of the stored ``Quote`` plus ``seq`` (its
place in the article's result), ``speaker_name`` (the resolved actor's name, else the words
as written), ``mentioned`` (the codes of the actors mentioned inside the quote's span) and
the article's ``title``, ``url``, ``date`` and ``outlet``. Stance rows are built the same way.

Quote filters, order, limit and offset run in SQL (``sqlfuncs`` gives the case folding and
country parts the same rules on SQLite and PostgreSQL); stance filters on the holder's name
and the target's country part run in Python after the SQL query.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from dyad.codes import country_of
from dyad.store import sqlfuncs
from dyad.store.schema import (
    actors,
    article_actors,
    articles,
    mentions,
    quotes,
    stances,
)

ARTICLE_FIELDS = ("title", "url", "date", "outlet")


def _ids(article_id: str | Iterable[str] | None) -> list[str] | None:
    if article_id is None:
        return None
    return [article_id] if isinstance(article_id, str) else list(article_id)


def _fact_rows(conn: sa.Connection, table: sa.Table, ids: list[str] | None, *,
               where: list[sa.ColumnElement[bool]] | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
    """The table's records with their article's metadata, in article date order (undated
    last: ``sort_date``), then article, then order in the article."""
    page = sa.select(table.c.article_id, table.c.seq).where(*(where or ()))
    if ids is not None:
        page = page.where(table.c.article_id.in_(ids))
    page = page.order_by(table.c.sort_date, table.c.article_id, table.c.seq)
    if limit is not None:
        page = page.limit(limit)
    if offset:
        page = page.offset(offset)
    page = page.subquery("page")
    query = (
        sa.select(table.c.seq, table.c.data, *(articles.c[f] for f in ARTICLE_FIELDS))
        .select_from(page.join(table, sa.and_(table.c.article_id == page.c.article_id,
                                              table.c.seq == page.c.seq)))
        .join(articles, articles.c.id == table.c.article_id)
        .order_by(table.c.sort_date, table.c.article_id, table.c.seq)
    )
    out = []
    for r in conn.execute(query).mappings():
        row: dict[str, Any] = {"seq": r["seq"], **json.loads(r["data"])}
        for f in ARTICLE_FIELDS:
            row[f] = r[f]
        out.append(row)
    return out


def _actor_names(conn: sa.Connection, keys: set[str]) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    rows = conn.execute(
        sa.select(actors.c.key, actors.c.name, actors.c.code, actors.c.country)
        .where(actors.c.key.in_(sorted(keys)))
    ).mappings()
    return {r["key"]: dict(r) for r in rows}


def _mentions_by_article(conn: sa.Connection, ids: set[str]) -> dict[str, list[tuple[int, int, str, str]]]:
    """article id -> [(start, end, actor code or key, country part)] of its mentions."""
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    if not ids:
        return out
    query = (
        sa.select(mentions.c.article_id, mentions.c.start, mentions.c.end, actors.c.key,
                  actors.c.code, actors.c.country)
        .join(actors, actors.c.key == mentions.c.actor_key)
        .where(mentions.c.article_id.in_(sorted(ids)))
        .order_by(mentions.c.article_id, mentions.c.start)
    )
    for art, start, end, key, code, country in conn.execute(query):
        label = code or key
        out.setdefault(art, []).append((start, end, label, country or country_of(label)))
    return out


def _contains(needle: str, *haystacks: str | None) -> bool:
    needle = needle.casefold()
    return any(h and needle in h.casefold() for h in haystacks)


def _quote_filters(conn: sa.Connection, speaker: str | None, about: str | None) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if speaker:
        needle = speaker.casefold()
        name = sa.select(actors.c.name).where(actors.c.key == quotes.c.speaker_key).scalar_subquery()
        out.append(sa.or_(*(
            sa.func.coalesce(sqlfuncs.fold(conn, col), "").contains(needle, autoescape=True)
            for col in (name, quotes.c.speaker_key, quotes.c.speaker_text)
        )))
    if about:
        want = country_of(about)
        label = sa.func.coalesce(sa.func.nullif(actors.c.code, ""), actors.c.key)
        part = sqlfuncs.country_of(conn, label)
        out.append(
            sa.select(1).select_from(mentions.join(actors, actors.c.key == mentions.c.actor_key))
            .where(mentions.c.article_id == quotes.c.article_id, mentions.c.start >= quotes.c.start,
                   mentions.c.end <= quotes.c.end,
                   sa.or_(sa.func.coalesce(sa.func.nullif(actors.c.country, ""), part) == want, part == want))
            .exists()
        )
    return out


def count_quotes(conn: sa.Connection, *, speaker: str | None = None, about: str | None = None,
                 article_id: str | Iterable[str] | None = None) -> int:
    """How many rows ``query_quotes`` gives with the same filters (no limit)."""
    query = sa.select(sa.func.count()).select_from(quotes).where(*_quote_filters(conn, speaker, about))
    ids = _ids(article_id)
    if ids is not None:
        query = query.where(quotes.c.article_id.in_(ids))
    return int(conn.execute(query).scalar() or 0)


def query_quotes(
    conn: sa.Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    article_id: str | Iterable[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """See ``Store.list_quotes``."""
    rows = _fact_rows(conn, quotes, _ids(article_id), where=_quote_filters(conn, speaker, about),
                      limit=limit, offset=offset)
    names = _actor_names(conn, {r["speaker_key"] for r in rows if r.get("speaker_key")})
    inside = _mentions_by_article(conn, {r["article_id"] for r in rows})
    for row in rows:
        actor = names.get(row.get("speaker_key") or "")
        row["speaker_name"] = actor["name"] if actor else row.get("speaker_text")
        found = [
            label for start, end, label, _country in inside.get(row["article_id"], ())
            if row["start"] <= start and end <= row["end"]
        ]
        row["mentioned"] = list(dict.fromkeys(found))
    return rows


def _group_key(row: dict[str, Any]) -> tuple[bool, str]:
    if row.get("speaker_key"):
        return True, row["speaker_key"]
    return False, " ".join((row.get("speaker_text") or "").split()).casefold()


def query_speakers(conn: sa.Connection) -> list[dict[str, Any]]:
    """See ``Store.list_speakers``."""
    rows = query_quotes(conn)
    groups: dict[tuple[bool, str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(_group_key(row), []).append(row)
    names = _actor_names(conn, {k for (resolved, k) in groups if resolved})
    article_roles: dict[str, set[str]] = {}
    if names:
        query = sa.select(article_actors.c.actor_key, article_actors.c.role).where(
            article_actors.c.actor_key.in_(sorted(names)), article_actors.c.role.is_not(None)
        )
        for key, role in conn.execute(query):
            article_roles.setdefault(key, set()).add(role)
    out = []
    for (resolved, key), members in groups.items():
        actor = names.get(key) if resolved else None
        texts = Counter(m.get("speaker_text") for m in members if m.get("speaker_text"))
        codes = Counter(m.get("speaker_code") for m in members if m.get("speaker_code"))
        roles = {m["speaker_role"] for m in members if m.get("speaker_role")}
        roles |= article_roles.get(key, set()) if resolved else set()
        out.append({
            "key": key if resolved else None,
            "name": actor["name"] if actor else (texts.most_common(1)[0][0] if texts else None),
            "resolved": resolved,
            "roles": sorted(roles),
            "code": (actor["code"] if actor and actor["code"] else None)
            or (codes.most_common(1)[0][0] if codes else None),
            "n_statements": len(members),
            "n_articles": len({m["article_id"] for m in members}),
            "outlets": sorted({m["outlet"] for m in members if m.get("outlet")}),
            "kinds": dict(sorted(Counter(m["kind"] for m in members).items())),
            "texts": [t for t, _ in texts.most_common()],
        })
    out.sort(key=lambda r: (-r["n_statements"], not r["resolved"], (r["name"] or "~").casefold(),
                            r["key"] or ""))
    return out


def query_stances(
    conn: sa.Connection,
    *,
    holder: str | None = None,
    target: str | None = None,
    article_id: str | Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """See ``Store.list_stances``."""
    want = country_of(target) if target else None
    out = []
    for row in _fact_rows(conn, stances, _ids(article_id)):
        if holder and not _contains(holder, row.get("holder_key"), row.get("holder_name")):
            continue
        if want and country_of(row["target"]) != want:
            continue
        out.append(row)
    return out
