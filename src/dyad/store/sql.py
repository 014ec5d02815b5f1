"""The store over SQLAlchemy Core: SQLite (WAL) by default, PostgreSQL by URL.

Every method that writes runs in one transaction of its own, so a long run commits per
article and a crash loses at most the article in flight. All SQL is built with SQLAlchemy
Core expressions, so every value travels as a bound parameter.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dyad.clean.dedup import band_keys
from dyad.records import Article, ArticleResult
from dyad.store import cluster_query, migrations
from dyad.store.cluster_sync import Changes
from dyad.store.cluster_sync import sync as sync_clusters
from dyad.store.event_query import count_events, query_events, sort_key
from dyad.store.fact_query import (
    count_quotes,
    query_quotes,
    query_speakers,
    query_stances,
)
from dyad.store.facts import FACT_TABLES, delete_facts, insert_facts, read_facts
from dyad.store.schema import (
    actors,
    article_actors,
    articles,
    duplicates,
    mentions,
    minhash_bands,
    quotes,
    seen_documents,
    seen_lines,
    sentences,
)
from dyad.store.schema import schema_version as schema_version_table
from dyad.store.search import search as search_text

MIN_PREFIX = 6  # shortest id prefix get_article accepts


class AmbiguousId(LookupError):
    """An id prefix matches more than one article."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def pack_minhash(signature: tuple[int, ...]) -> bytes | None:
    """Unsigned 64-bit little-endian values; ``None`` for an empty signature."""
    if not signature:
        return None
    return struct.pack(f"<{len(signature)}Q", *(int(v) for v in signature))


def unpack_minhash(blob: bytes | memoryview | None) -> tuple[int, ...]:
    if not blob:
        return ()
    data = bytes(blob)
    return struct.unpack(f"<{len(data) // 8}Q", data)


def result_hash(result: ArticleResult) -> str:
    """A fingerprint of everything ``save`` stores, so a re-run with changed extractors
    (or a changed cleaner) counts as an update even when the hashes of the text are equal."""
    blob = json.dumps(result, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _plain(obj):
    """What ``dataclasses.asdict`` would give, one level at a time (json walks the rest), without
    its deep copies: the same JSON, so the same hash. An article's removed lines are left out."""
    if dataclasses.is_dataclass(obj):
        out = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        if isinstance(obj, Article):
            out.pop("removed_lines", None)
        return out
    return list(obj)


def _keyset(fetch: Any, key: Any, batch: int) -> Iterator[dict[str, Any]]:
    """Rows of ``fetch(after)`` page after page, each page starting after ``key`` of the
    last row of the one before, until a page comes back short."""
    after = None
    while True:
        page = fetch(after)
        yield from page
        if len(page) < batch:
            return
        after = key(page[-1])


class Store:
    """Articles, sentences, actors, mentions and duplicates in one SQL database.

    Build one with ``dyad.store.open_store(url)``; close it (or use it as a context manager)
    so that its connections are released.
    """

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self._engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        self._closed = False

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._engine.dispose()
            self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({sa.make_url(self.url).render_as_string(hide_password=True)!r})"

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self._engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(dyad_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self._engine.connect() as conn, conn.begin():
            yield conn

    def migrate(self) -> list[int]:
        """Apply pending schema migrations; return the versions applied (empty if none)."""
        with self._write() as conn:
            return migrations.migrate(conn)

    def check_writable(self) -> None:
        """Raise the database's own error now if this store cannot be written (a read-only
        file or server, no write permission), before a caller does any work for it."""
        with self._write() as conn:
            conn.execute(schema_version_table.delete().where(sa.false()))

    def schema_version(self) -> int:
        with self._read() as conn:
            return migrations.current_version(conn)

    # -- writing -------------------------------------------------------------------------

    def save(self, result: ArticleResult, *, raw_hash: str) -> str:
        """Store one processed article; return "inserted", "updated" or "unchanged".

        Saving the same result twice changes nothing. A changed result for the same article
        id (text, raw input, extractor versions or any extracted record) replaces the
        article's sentences, actor links, mentions, events, quotes and stances; an article with the
        same ``source`` but another id (its text changed and it has no URL) is deleted. All
        of it happens in one transaction.
        """
        known = {actor.key for actor in result.actors}
        missing = sorted({m.actor_key for m in result.mentions} - known)
        if missing:
            raise ValueError(f"mentions refer to actors not in the result: {missing}")
        fingerprint = result_hash(result)
        try:
            return self._save(result, raw_hash, fingerprint)
        except sa.exc.IntegrityError:
            # Another process inserted the same article or actor between our read and our
            # write (PostgreSQL; SQLite writers are serialised). Its row is committed now.
            return self._save(result, raw_hash, fingerprint)

    def _save(self, result: ArticleResult, raw_hash: str, fingerprint: str) -> str:
        art = result.article
        known = {actor.key for actor in result.actors}
        with self._write() as conn:
            row = conn.execute(
                sa.select(articles.c.content_hash, articles.c.raw_hash, articles.c.result_hash)
                .where(articles.c.id == art.id)
            ).first()
            if row is not None and tuple(row) == (art.content_hash, raw_hash, fingerprint):
                return "unchanged"
            status = "updated" if row is not None else "inserted"

            stale = conn.execute(
                sa.select(articles.c.id).where(
                    articles.c.source == art.source, articles.c.id != art.id
                )
            ).scalars().all()
            replaced = list(stale) + ([art.id] if row is not None else [])
            old_actor_keys = self._actor_keys_of(conn, replaced)
            changes = Changes()
            changes.read(conn, replaced)
            for old_id in stale:
                self._delete_article(conn, old_id)
                status = "updated"
            conn.execute(duplicates.delete().where(duplicates.c.source == art.source))

            values = {
                "source": art.source,
                "url": art.url,
                "title": art.title,
                "date": art.date,
                "outlet": art.outlet,
                "authors": json.dumps(list(art.authors), ensure_ascii=False),
                "dateline": art.dateline,
                "text": art.text,
                "content_hash": art.content_hash,
                "raw_hash": raw_hash,
                "result_hash": fingerprint,
                "minhash": pack_minhash(art.minhash),
                "extractors": json.dumps(dict(result.extractors), sort_keys=True, ensure_ascii=False),
                "ingested_at": _now(),
            }
            if row is None:
                conn.execute(articles.insert().values(id=art.id, **values))
            else:
                self._delete_children(conn, art.id)
                conn.execute(articles.update().where(articles.c.id == art.id).values(**values))
            self._insert_children(conn, result)
            changes.read(conn, [art.id])
            sync_clusters(conn, changes)
            self._prune_actors(conn, old_actor_keys - known)
            return status

    def _insert_children(self, conn: sa.Connection, result: ArticleResult) -> None:
        art_id = result.article.id
        if result.sentences:
            conn.execute(
                sentences.insert(),
                [
                    {"article_id": art_id, "index": s.index, "start": s.start, "end": s.end, "text": s.text}
                    for s in result.sentences
                ],
            )
        links: dict[str, dict[str, Any]] = {}
        rows: dict[str, dict[str, Any]] = {}
        for a in result.actors:
            rows[a.key] = {
                "key": a.key, "type": a.type, "name": a.name, "code": a.code,
                "country": a.country, "sector": a.sector,
            }
            link = links.setdefault(
                a.key, {"article_id": art_id, "actor_key": a.key, "role": None, "affiliation": None}
            )
            link["role"] = link["role"] or a.role
            link["affiliation"] = link["affiliation"] or a.affiliation
        if rows:
            insert = (sqlite.insert if self.dialect == "sqlite" else postgresql.insert)(actors)
            upsert = insert.on_conflict_do_update(
                index_elements=[actors.c.key],
                set_={col: insert.excluded[col] for col in ("type", "name", "code", "country", "sector")},
            )
            conn.execute(upsert, sorted(rows.values(), key=lambda r: r["key"]))
            conn.execute(article_actors.insert(), list(links.values()))
        if result.mentions:
            conn.execute(
                mentions.insert(),
                [
                    {
                        "article_id": art_id, "actor_key": m.actor_key,
                        "sentence_index": m.sentence_index, "start": m.start, "end": m.end,
                        "text": m.text, "kind": m.kind, "extractor": m.extractor,
                    }
                    for m in result.mentions
                ],
            )
        insert_facts(conn, result)
        bands = band_keys(result.article.minhash)
        if bands:
            conn.execute(minhash_bands.insert(), [{"band": b, "key": k, "article_id": art_id} for b, k in bands])

    @staticmethod
    def _actor_keys_of(conn: sa.Connection, article_ids: list[str]) -> set[str]:
        if not article_ids:
            return set()
        return set(
            conn.execute(
                sa.select(article_actors.c.actor_key).where(article_actors.c.article_id.in_(article_ids))
            ).scalars()
        )

    @staticmethod
    def _delete_children(conn: sa.Connection, article_id: str) -> None:
        # Explicit deletes rather than ON DELETE CASCADE alone, so correctness never hangs
        # on a connection setting.
        delete_facts(conn, article_id)
        conn.execute(mentions.delete().where(mentions.c.article_id == article_id))
        conn.execute(article_actors.delete().where(article_actors.c.article_id == article_id))
        conn.execute(sentences.delete().where(sentences.c.article_id == article_id))
        conn.execute(minhash_bands.delete().where(minhash_bands.c.article_id == article_id))

    def _delete_article(self, conn: sa.Connection, article_id: str) -> None:
        self._delete_children(conn, article_id)
        conn.execute(duplicates.delete().where(duplicates.c.duplicate_of == article_id))
        conn.execute(articles.delete().where(articles.c.id == article_id))

    @staticmethod
    def _prune_actors(conn: sa.Connection, keys: set[str]) -> None:
        """Drop actors that no article refers to any more."""
        if not keys:
            return
        linked = sa.select(article_actors.c.actor_key).where(article_actors.c.actor_key.in_(keys))
        mentioned = sa.select(mentions.c.actor_key).where(mentions.c.actor_key.in_(keys))
        conn.execute(
            actors.delete().where(
                actors.c.key.in_(keys), actors.c.key.not_in(linked), actors.c.key.not_in(mentioned)
            )
        )

    def record_duplicate(
        self, source: str, duplicate_of: str, similarity: float, raw_hash: str
    ) -> None:
        """Note that the input ``source`` repeats the stored article ``duplicate_of``.

        One row per source: recording it again with the same values changes nothing, with
        new values replaces it. An article previously stored from ``source`` is deleted,
        since that input now stands for a duplicate.
        """
        with self._write() as conn:
            row = conn.execute(
                sa.select(duplicates.c.duplicate_of, duplicates.c.similarity, duplicates.c.raw_hash)
                .where(duplicates.c.source == source)
            ).first()
            if row is not None and tuple(row) == (duplicate_of, float(similarity), raw_hash):
                return
            stale = conn.execute(
                sa.select(articles.c.id).where(
                    articles.c.source == source, articles.c.id != duplicate_of
                )
            ).scalars().all()
            old_keys = self._actor_keys_of(conn, list(stale))
            changes = Changes()
            changes.read(conn, stale)
            for old_id in stale:
                self._delete_article(conn, old_id)
            sync_clusters(conn, changes)
            self._prune_actors(conn, old_keys)
            values = {
                "duplicate_of": duplicate_of,
                "similarity": float(similarity),
                "raw_hash": raw_hash,
                "recorded_at": _now(),
            }
            if row is None:
                conn.execute(duplicates.insert().values(source=source, **values))
            else:
                conn.execute(duplicates.update().where(duplicates.c.source == source).values(**values))

    def see_lines(self, source: str, group: str, lines: set[str]) -> dict[str, int]:
        """The repeated-line learner's step for one input (``clean.repeated``): record that
        ``source`` (of outlet or folder ``group``) holds ``lines`` (hashes), and return, for
        each of them, how many inputs of the same group first seen before it hold it too.

        An input keeps the place in the order where it was first seen: seeing it again (a
        resumed run, an updated file) replaces its lines and counts against the same earlier
        inputs, so the answer never depends on how a corpus was split into runs."""
        for attempt in range(5):  # two runs taking the same next place: the later one retries
            try:
                return self._see_lines(source, group, lines)
            except sa.exc.IntegrityError:
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _see_lines(self, source: str, group: str, lines: set[str]) -> dict[str, int]:
        with self._write() as conn:
            seq = conn.execute(
                sa.select(seen_documents.c.seq).where(seen_documents.c.source == source)
            ).scalar()
            if seq is None:
                seq = (conn.execute(sa.select(sa.func.max(seen_documents.c.seq))).scalar() or 0) + 1
                conn.execute(seen_documents.insert().values(source=source, grp=group, seq=seq))
            else:
                conn.execute(seen_lines.delete().where(seen_lines.c.seq == seq))
                conn.execute(seen_documents.update().where(seen_documents.c.seq == seq).values(grp=group))
            ordered = sorted(lines)
            if ordered:
                conn.execute(seen_lines.insert(), [{"grp": group, "line": h, "seq": seq} for h in ordered])
            counts: dict[str, int] = {}
            for k in range(0, len(ordered), 500):
                chunk = ordered[k:k + 500]
                rows = conn.execute(
                    sa.select(seen_lines.c.line, sa.func.count())
                    .where(seen_lines.c.grp == group, seen_lines.c.line.in_(chunk), seen_lines.c.seq < seq)
                    .group_by(seen_lines.c.line)
                )
                counts.update({line: n for line, n in rows})
            return counts

    # -- reading -------------------------------------------------------------------------

    def source_hashes(self) -> dict[str, str]:
        """source -> raw_hash for every stored article and recorded duplicate."""
        with self._read() as conn:
            out = {src: h for src, h in conn.execute(sa.select(articles.c.source, articles.c.raw_hash))}
            for src, h in conn.execute(sa.select(duplicates.c.source, duplicates.c.raw_hash)):
                out[src] = h
        return out

    def raw_hash_of(self, source: str) -> str | None:
        """The raw hash stored for the input ``source`` (an article or a recorded duplicate)."""
        with self._read() as conn:
            found = conn.execute(sa.select(articles.c.raw_hash).where(articles.c.source == source)).scalar()
            if found is None:
                found = conn.execute(sa.select(duplicates.c.raw_hash).where(duplicates.c.source == source)).scalar()
            return found

    def source_of(self, article_id: str) -> str | None:
        """The input the stored article ``article_id`` came from; None if there is none."""
        with self._read() as conn:
            return conn.execute(sa.select(articles.c.source).where(articles.c.id == article_id)).scalar()

    def near_duplicate_candidates(self, signature: tuple[int, ...]) -> list[tuple[str, str, tuple[int, ...]]]:
        """(article id, source, signature) of the stored articles that share an LSH band with
        ``signature`` (``clean.dedup.band_keys``), by id."""
        bands = band_keys(signature)
        if not bands:
            return []
        with self._read() as conn:
            ids = sa.select(minhash_bands.c.article_id).where(
                sa.or_(*(sa.and_(minhash_bands.c.band == b, minhash_bands.c.key == k) for b, k in bands))
            ).distinct()
            rows = conn.execute(
                sa.select(articles.c.id, articles.c.source, articles.c.minhash)
                .where(articles.c.id.in_(ids)).order_by(articles.c.id)
            )
            return [(art_id, source, unpack_minhash(blob)) for art_id, source, blob in rows]

    def find_by_content_hash(self, content_hash: str) -> str | None:
        if not content_hash:
            return None
        with self._read() as conn:
            return conn.execute(
                sa.select(articles.c.id)
                .where(articles.c.content_hash == content_hash)
                .order_by(articles.c.id)
                .limit(1)
            ).scalar()

    def list_duplicates(self, article_id: str) -> list[dict[str, Any]]:
        with self._read() as conn:
            return self._duplicates_of(conn, article_id)

    @staticmethod
    def _duplicates_of(conn: sa.Connection, article_id: str) -> list[dict[str, Any]]:
        rows = conn.execute(
            sa.select(duplicates)
            .where(duplicates.c.duplicate_of == article_id)
            .order_by(duplicates.c.source)
        ).mappings()
        return [dict(r) for r in rows]

    def minhashes(self) -> list[tuple[str, tuple[int, ...]]]:
        """(article id, MinHash signature) for every article that has one, by id."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(articles.c.id, articles.c.minhash)
                .where(articles.c.minhash.is_not(None))
                .order_by(articles.c.id)
            )
            return [(art_id, unpack_minhash(blob)) for art_id, blob in rows]

    def resolve_id(self, article_id: str) -> str | None:
        """The full id for ``article_id`` or a unique prefix of it (at least 6 characters).

        Raises ``AmbiguousId`` when the prefix matches several articles.
        """
        with self._read() as conn:
            return self._resolve_id(conn, article_id)

    @staticmethod
    def _resolve_id(conn: sa.Connection, article_id: str) -> str | None:
        if conn.execute(sa.select(articles.c.id).where(articles.c.id == article_id)).first():
            return article_id
        if len(article_id) < MIN_PREFIX:
            return None
        found = conn.execute(
            sa.select(articles.c.id)
            .where(articles.c.id.startswith(article_id, autoescape=True))
            .order_by(articles.c.id)
            .limit(5)
        ).scalars().all()
        if len(found) > 1:
            raise AmbiguousId(f"id prefix {article_id!r} matches several articles: {', '.join(found)}")
        return found[0] if found else None

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The article with its sentences, actors (with this article's role, affiliation and
        mention count), mentions, events, quotes, stances and duplicates, or ``None``.
        Sentences and mentions are dicts with the fields of their records; events, quotes
        and stances are ``dataclasses.asdict`` forms of theirs (tuples become lists).

        ``article_id`` may be a unique prefix of at least 6 characters.
        """
        with self._read() as conn:
            full_id = self._resolve_id(conn, article_id)
            if full_id is None:
                return None
            row = conn.execute(sa.select(articles).where(articles.c.id == full_id)).mappings().one()
            out: dict[str, Any] = dict(row)
            out.pop("result_hash")
            out["authors"] = json.loads(out["authors"])
            out["extractors"] = json.loads(out["extractors"])
            out["minhash"] = unpack_minhash(out["minhash"])
            out["sentences"] = [
                dict(r)
                for r in conn.execute(
                    sa.select(sentences.c["index", "start", "end", "text"])
                    .where(sentences.c.article_id == full_id)
                    .order_by(sentences.c.index)
                ).mappings()
            ]
            n_mentions = (
                sa.select(sa.func.count())
                .where(mentions.c.article_id == full_id, mentions.c.actor_key == actors.c.key)
                .scalar_subquery()
                .label("n_mentions")
            )
            out["actors"] = [
                dict(r)
                for r in conn.execute(
                    sa.select(
                        actors, article_actors.c.role, article_actors.c.affiliation, n_mentions
                    )
                    .join(article_actors, article_actors.c.actor_key == actors.c.key)
                    .where(article_actors.c.article_id == full_id)
                    .order_by(n_mentions.desc(), actors.c.key)
                ).mappings()
            ]
            out["mentions"] = [
                dict(r)
                for r in conn.execute(
                    sa.select(mentions.c[
                        "article_id", "actor_key", "sentence_index", "start", "end",
                        "text", "kind", "extractor",
                    ])
                    .where(mentions.c.article_id == full_id)
                    .order_by(mentions.c.start, mentions.c.end, mentions.c.id)
                ).mappings()
            ]
            out.update(read_facts(conn, full_id))
            out["duplicates"] = self._duplicates_of(conn, full_id)
            return out

    def cited_articles(self, article_ids: list[str] | set[str]) -> dict[str, dict[str, Any]]:
        """What a citation shows, for many articles in a few queries: id -> ``id``, ``title``,
        ``url``, ``outlet``, ``date``, ``sentences`` (``index``, ``start``, ``end``, ``text``,
        in order) and ``quotes`` (``seq``, ``sentence_index``, ``start``, ``end``, in order).
        Ids not stored are left out."""
        ids = sorted(set(article_ids))
        out: dict[str, dict[str, Any]] = {}
        with self._read() as conn:
            for k in range(0, len(ids), 500):
                chunk = ids[k:k + 500]
                for r in conn.execute(sa.select(articles.c["id", "title", "url", "outlet", "date"])
                                      .where(articles.c.id.in_(chunk))).mappings():
                    out[r["id"]] = {**r, "sentences": [], "quotes": []}
                for field, table, cols in (("sentences", sentences, ("index", "start", "end", "text")),
                                           ("quotes", quotes, ("seq", "sentence_index", "start", "end"))):
                    rows = conn.execute(
                        sa.select(table.c["article_id", *cols]).where(table.c.article_id.in_(chunk))
                        .order_by(table.c.article_id, table.c[cols[0]])
                    ).mappings()
                    for r in rows:
                        out[r["article_id"]][field].append({c: r[c] for c in cols})
        return out

    def list_articles(
        self, *, outlet: str | None = None, since: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Article summaries ordered by date (undated last), then id.

        ``since`` is an ISO date: articles dated on or after it (undated ones are left out).
        """
        n_sentences = (
            sa.select(sa.func.count()).where(sentences.c.article_id == articles.c.id).scalar_subquery()
        )
        n_mentions = (
            sa.select(sa.func.count()).where(mentions.c.article_id == articles.c.id).scalar_subquery()
        )
        query = sa.select(
            articles.c["id", "title", "date", "outlet", "source", "url"],
            n_sentences.label("n_sentences"),
            n_mentions.label("n_mentions"),
        ).order_by(articles.c.date.is_(None), articles.c.date, articles.c.id)
        if outlet is not None:
            query = query.where(articles.c.outlet == outlet)
        if since is not None:
            query = query.where(articles.c.date >= since)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def list_actors(
        self, *, country: str | None = None, type: str | None = None  # noqa: A002
    ) -> list[dict[str, Any]]:
        """Actors with the roles articles gave them and how often they are mentioned,
        most mentioned first."""
        n_mentions = (
            sa.select(sa.func.count()).where(mentions.c.actor_key == actors.c.key).scalar_subquery()
        )
        n_articles = (
            sa.select(sa.func.count())
            .where(article_actors.c.actor_key == actors.c.key)
            .scalar_subquery()
        )
        filters = []
        if country is not None:
            filters.append(actors.c.country == country)
        if type is not None:
            filters.append(actors.c.type == type)
        query = (
            sa.select(actors, n_mentions.label("n_mentions"), n_articles.label("n_articles"))
            .where(*filters)
            .order_by(n_mentions.desc(), actors.c.key)
        )
        roles_query = (
            sa.select(article_actors.c.actor_key, article_actors.c.role)
            .join(actors, actors.c.key == article_actors.c.actor_key)
            .where(article_actors.c.role.is_not(None), *filters)
            .distinct()
        )
        with self._read() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            roles: dict[str, set[str]] = {}
            for key, role in conn.execute(roles_query):
                roles.setdefault(key, set()).add(role)
        for row in rows:
            row["roles"] = sorted(roles.get(row["key"], ()))
        return rows

    def list_events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        type: str | None = None,  # noqa: A002
        modality: str | None = None,
        since: str | None = None,
        article_id: str | list[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: tuple[str, str, int] | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events (one row per report) with their article and evidence sentence,
        ordered by date (the event's, else the article's; undated last), article, order.

        ``dyad=("IRN", "RUS")`` keeps events whose source and target country parts (see
        ``event_query.country_of``) are those two, either way round; such rows say which in
        ``direction`` ("IRN->RUS") and ``forward``. ``type`` is a PLOVER type or a two-digit
        CAMEO root. ``since`` is an ISO date compared with the event's date (else the
        article's); a month or year date counts when it contains ``since``. ``limit`` and
        ``offset`` page in SQL; ``after`` (``event_query.sort_key`` of the last row of a page)
        starts the next page after it (keyset paging).
        """
        with self._read() as conn:
            return query_events(
                conn, dyad=dyad, type=type, modality=modality, since=since,
                article_id=article_id, limit=limit, offset=offset, after=after,
            )

    def count_events(self, *, dyad: tuple[str, str] | None = None, type: str | None = None,  # noqa: A002
                     modality: str | None = None, since: str | None = None,
                     article_id: str | list[str] | None = None) -> int:
        """How many rows ``list_events`` gives with these filters."""
        with self._read() as conn:
            return count_events(conn, dyad=dyad, type=type, modality=modality, since=since,
                                article_id=article_id)

    def iter_events(self, *, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """The rows of ``list_events`` (same filters, same order), read ``batch`` at a time
        (keyset paging, one short read transaction per batch), for streaming output."""
        return _keyset(lambda after: self.list_events(**filters, limit=batch, after=after),
                       sort_key, batch)

    def list_clusters(self, *, dyad: tuple[str, str] | None = None, type: str | None = None,  # noqa: A002
                      modality: str | None = None, since: str | None = None,
                      article_id: str | list[str] | None = None, limit: int | None = None,
                      offset: int = 0, after: tuple[str, str] | None = None,
                      reports: bool = True, mentioning: str | None = None) -> list[dict[str, Any]]:
        """Stored events (clusters of reports, kept at ingest: ``cluster_sync``), each as
        ``analysis.cluster_events`` gives it, ordered by date (undated last), then id. Filters
        as in ``list_events``, on the cluster (its date, else its first report's); with a
        ``dyad``, each says its ``direction``. ``after``: ``cluster_query.cluster_sort_key``
        of the last cluster of a page. ``reports=False`` leaves the reports out. ``mentioning``: an actor
        key; clusters reported in an article that mentions it."""
        with self._read() as conn:
            return cluster_query.query_clusters(
                conn, dyad=dyad, type=type, modality=modality, since=since, article_id=article_id,
                limit=limit, offset=offset, after=after, reports=reports, mentioning=mentioning)

    def count_clusters(self, *, dyad: tuple[str, str] | None = None, type: str | None = None,  # noqa: A002
                       modality: str | None = None, since: str | None = None,
                       article_id: str | list[str] | None = None) -> int:
        """How many clusters ``list_clusters`` gives with these filters."""
        return self.cluster_totals(dyad=dyad, type=type, modality=modality, since=since,
                                   article_id=article_id)["n_events"]

    def cluster_totals(self, *, dyad: tuple[str, str] | None = None, **filters: Any) -> dict[str, int]:
        """``n_events`` (clusters) and ``n_reports`` of ``list_clusters`` with these filters."""
        with self._read() as conn:
            return cluster_query.count_clusters(conn, dyad=dyad, **filters)

    def iter_clusters(self, *, batch: int = 200, **filters: Any) -> Iterator[dict[str, Any]]:
        """The clusters of ``list_clusters``, read ``batch`` at a time (keyset paging)."""
        return _keyset(lambda after: self.list_clusters(**filters, limit=batch, after=after),
                       cluster_query.cluster_sort_key, batch)

    def cluster_aggregates(self, what: str, **kwargs: Any) -> Any:
        """Counts over stored clusters, in SQL: ``"series"`` (``a``, ``b``, ``freq``,
        ``modality``), ``"network"`` (``modality``, ``since``, ``level``), ``"pairs"``
        (``modality``, ``limit``), ``"outlets"`` (``a``, ``b``, ``modality``); see
        ``store/cluster_query.py``. ``analysis`` shapes them."""
        funcs = {"series": cluster_query.series_cells, "network": cluster_query.network_edges,
                 "pairs": cluster_query.pair_counts, "outlets": cluster_query.outlet_counts}
        with self._read() as conn:
            return funcs[what](conn, **kwargs)

    def outlet_sizes(self) -> dict[str, int]:
        """Outlet ("" when unknown) -> number of stored articles."""
        query = sa.select(articles.c.outlet, sa.func.count()).group_by(articles.c.outlet)
        out: dict[str, int] = {}
        with self._read() as conn:
            for outlet, n in conn.execute(query):
                out[outlet or ""] = out.get(outlet or "", 0) + int(n)
        return out

    def list_quotes(self, *, speaker: str | None = None, about: str | None = None,
                    article_id: str | list[str] | None = None, limit: int | None = None,
                    offset: int = 0) -> list[dict[str, Any]]:
        """Quotes with their article (``fact_query``). ``speaker``: substring (any case) of the
        speaker's name, key or words; ``about``: a country/org code mentioned inside the quote.
        Filters, limit and offset run in SQL."""
        with self._read() as conn:
            return query_quotes(conn, speaker=speaker, about=about, article_id=article_id,
                                limit=limit, offset=offset)

    def count_quotes(self, *, speaker: str | None = None, about: str | None = None,
                     article_id: str | list[str] | None = None) -> int:
        """How many rows ``list_quotes`` gives with these filters."""
        with self._read() as conn:
            return count_quotes(conn, speaker=speaker, about=about, article_id=article_id)

    def list_speakers(self) -> list[dict[str, Any]]:
        """One row per speaker (resolved: by actor key; unresolved: by their words), with
        roles, code, ``n_statements``, ``n_articles`` and outlets; most quoted first."""
        with self._read() as conn:
            return query_speakers(conn)

    def list_stances(self, *, holder: str | None = None, target: str | None = None,
                     article_id: str | list[str] | None = None) -> list[dict[str, Any]]:
        """Stored stances with their article. ``holder``: substring of the holder's key or
        name; ``target``: an actor code, matched by country part."""
        with self._read() as conn:
            return query_stances(conn, holder=holder, target=target, article_id=article_id)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Full-text search over articles and quotes; see ``store/search.py``."""
        with self._read() as conn:
            return search_text(conn, query, limit=limit, offset=offset)

    def counts(self) -> dict[str, int]:
        names = {
            "articles": articles, "sentences": sentences, "actors": actors,
            "mentions": mentions, "duplicates": duplicates, **FACT_TABLES,
        }
        query = sa.select(
            *(sa.select(sa.func.count()).select_from(t).scalar_subquery().label(n) for n, t in names.items())
        )
        with self._read() as conn:
            return dict(conn.execute(query).mappings().one())
