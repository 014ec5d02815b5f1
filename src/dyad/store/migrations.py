"""Schema migrations: an ordered list of steps, each applied once and recorded in
``schema_version``.

A step is a function taking an open SQLAlchemy ``Connection`` inside the migration
transaction. Steps carry their own DDL (never ``schema.metadata``), so that step 1 keeps
creating the version-1 tables after later steps change them. To change the schema, append a
step here and update ``schema.py`` to match; never edit a step that has shipped.

Both backends run all pending steps in one transaction (SQLite and PostgreSQL both have
transactional DDL); on PostgreSQL an advisory lock keeps two processes from migrating at once,
on SQLite the caller's ``BEGIN IMMEDIATE`` does.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa

from dyad.store.schema import schema_version

Step = Callable[[sa.Connection], None]

_PG_LOCK_ID = 0x64796164  # "dyad"


def _v1_initial(conn: sa.Connection) -> None:
    md = sa.MetaData()
    text, integer = sa.Text, sa.Integer
    fk_article = lambda: sa.ForeignKey("articles.id", ondelete="CASCADE")  # noqa: E731
    sa.Table(
        "articles", md,
        sa.Column("id", text, primary_key=True),
        sa.Column("source", text, nullable=False, unique=True),
        sa.Column("url", text),
        sa.Column("title", text),
        sa.Column("date", text),
        sa.Column("outlet", text),
        sa.Column("authors", text, nullable=False),
        sa.Column("dateline", text),
        sa.Column("text", text, nullable=False),
        sa.Column("content_hash", text, nullable=False),
        sa.Column("raw_hash", text, nullable=False),
        sa.Column("result_hash", text, nullable=False),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("extractors", text, nullable=False),
        sa.Column("ingested_at", text, nullable=False),
        sa.Index("ix_articles_content_hash", "content_hash"),
        sa.Index("ix_articles_date", "date", "id"),
        sa.Index("ix_articles_outlet", "outlet"),
    )
    sa.Table(
        "sentences", md,
        sa.Column("article_id", text, fk_article(), primary_key=True),
        sa.Column("index", integer, primary_key=True, autoincrement=False),
        sa.Column("start", integer, nullable=False),
        sa.Column("end", integer, nullable=False),
        sa.Column("text", text, nullable=False),
    )
    sa.Table(
        "actors", md,
        sa.Column("key", text, primary_key=True),
        sa.Column("type", text, nullable=False),
        sa.Column("name", text, nullable=False),
        sa.Column("code", text, nullable=False),
        sa.Column("country", text),
        sa.Column("sector", text),
        sa.Index("ix_actors_country", "country"),
    )
    sa.Table(
        "article_actors", md,
        sa.Column("article_id", text, fk_article(), primary_key=True),
        sa.Column("actor_key", text, sa.ForeignKey("actors.key"), primary_key=True),
        sa.Column("role", text),
        sa.Column("affiliation", text),
        sa.Index("ix_article_actors_actor", "actor_key"),
    )
    sa.Table(
        "mentions", md,
        sa.Column("id", integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", text, fk_article(), nullable=False),
        sa.Column("actor_key", text, sa.ForeignKey("actors.key"), nullable=False),
        sa.Column("sentence_index", integer, nullable=False),
        sa.Column("start", integer, nullable=False),
        sa.Column("end", integer, nullable=False),
        sa.Column("text", text, nullable=False),
        sa.Column("kind", text, nullable=False),
        sa.Column("extractor", text, nullable=False),
        sa.Index("ix_mentions_article", "article_id"),
        sa.Index("ix_mentions_actor", "actor_key"),
    )
    sa.Table(
        "duplicates", md,
        sa.Column("source", text, primary_key=True),
        sa.Column("duplicate_of", text, fk_article(), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("raw_hash", text, nullable=False),
        sa.Column("recorded_at", text, nullable=False),
        sa.Index("ix_duplicates_of", "duplicate_of"),
    )
    md.create_all(conn)


def _v2_events_quotes_stances(conn: sa.Connection) -> None:
    md = sa.MetaData()
    sa.Table("articles", md, sa.Column("id", sa.Text, primary_key=True))  # FK target only
    text, integer = sa.Text, sa.Integer

    def common(name: str, *cols: sa.Column, indexes: tuple[str, ...] = ()) -> None:
        sa.Table(
            name, md,
            sa.Column("article_id", text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("seq", integer, primary_key=True, autoincrement=False),
            *cols,
            sa.Column("extractor", text, nullable=False),
            sa.Column("data", text, nullable=False),  # the whole record as JSON
            *(sa.Index(f"ix_{name}_{col}", col) for col in indexes),
        )

    common(
        "events",
        sa.Column("sentence_index", integer, nullable=False),
        sa.Column("start", integer, nullable=False),
        sa.Column("end", integer, nullable=False),
        sa.Column("trigger", text, nullable=False),
        sa.Column("plover", text, nullable=False),
        sa.Column("cameo", text, nullable=False),
        sa.Column("quad_class", integer, nullable=False),
        sa.Column("intensity", sa.Float, nullable=False),
        sa.Column("modality", text, nullable=False),
        sa.Column("date", text),
        sa.Column("date_precision", text, nullable=False),
        sa.Column("sources", text, nullable=False),  # JSON list of actor codes
        sa.Column("targets", text, nullable=False),
        indexes=("plover", "date"),
    )
    common(
        "quotes",
        sa.Column("sentence_index", integer, nullable=False),
        sa.Column("start", integer, nullable=False),
        sa.Column("end", integer, nullable=False),
        sa.Column("text", text, nullable=False),
        sa.Column("kind", text, nullable=False),
        sa.Column("speaker_key", text),
        indexes=("speaker_key",),
    )
    common(
        "stances",
        sa.Column("holder_key", text, nullable=False),
        sa.Column("target", text, nullable=False),
        sa.Column("polarity", text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        indexes=("holder_key", "target"),
    )
    md.create_all(conn, tables=[md.tables[n] for n in ("events", "quotes", "stances")])


def _v3_full_text_search(conn: sa.Connection) -> None:
    """SQLite: FTS5 tables over article titles/texts and quote texts, kept in step by
    triggers, filled from what is stored. PostgreSQL: GIN expression indexes (no new
    tables or columns). ``store/search.py`` queries them."""
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql(
            "CREATE INDEX ix_articles_search ON articles USING gin "
            "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text))"
        )
        conn.exec_driver_sql(
            "CREATE INDEX ix_quotes_search ON quotes USING gin (to_tsvector('english'::regconfig, text))"
        )
        return
    # article_id is indexed (not UNINDEXED) so that the triggers find a document's rows
    # through the index (MATCH on the id as a phrase) instead of scanning the table; user
    # queries are restricted to the text columns.
    for sql in (
        "CREATE VIRTUAL TABLE search_articles USING fts5("
        "article_id, title, text, tokenize='porter unicode61')",
        "CREATE VIRTUAL TABLE search_quotes USING fts5("
        "article_id, seq UNINDEXED, text, tokenize='porter unicode61')",
        """CREATE TRIGGER search_articles_ai AFTER INSERT ON articles BEGIN
             INSERT INTO search_articles(article_id, title, text)
             VALUES (new.id, coalesce(new.title, ''), new.text);
           END""",
        """CREATE TRIGGER search_articles_ad AFTER DELETE ON articles BEGIN
             DELETE FROM search_articles WHERE rowid IN (
               SELECT rowid FROM search_articles
               WHERE search_articles MATCH 'article_id : "' || replace(old.id, '"', '""') || '"'
             ) AND article_id = old.id;
           END""",
        """CREATE TRIGGER search_articles_au AFTER UPDATE OF id, title, text ON articles BEGIN
             DELETE FROM search_articles WHERE rowid IN (
               SELECT rowid FROM search_articles
               WHERE search_articles MATCH 'article_id : "' || replace(old.id, '"', '""') || '"'
             ) AND article_id = old.id;
             INSERT INTO search_articles(article_id, title, text)
             VALUES (new.id, coalesce(new.title, ''), new.text);
           END""",
        """CREATE TRIGGER search_quotes_ai AFTER INSERT ON quotes BEGIN
             INSERT INTO search_quotes(article_id, seq, text) VALUES (new.article_id, new.seq, new.text);
           END""",
        """CREATE TRIGGER search_quotes_ad AFTER DELETE ON quotes BEGIN
             DELETE FROM search_quotes WHERE rowid IN (
               SELECT rowid FROM search_quotes
               WHERE search_quotes MATCH 'article_id : "' || replace(old.article_id, '"', '""') || '"'
             ) AND article_id = old.article_id AND seq = old.seq;
           END""",
        """CREATE TRIGGER search_quotes_au AFTER UPDATE OF article_id, seq, text ON quotes BEGIN
             DELETE FROM search_quotes WHERE rowid IN (
               SELECT rowid FROM search_quotes
               WHERE search_quotes MATCH 'article_id : "' || replace(old.article_id, '"', '""') || '"'
             ) AND article_id = old.article_id AND seq = old.seq;
             INSERT INTO search_quotes(article_id, seq, text) VALUES (new.article_id, new.seq, new.text);
           END""",
        "INSERT INTO search_articles(article_id, title, text) "
        "SELECT id, coalesce(title, ''), text FROM articles",
        "INSERT INTO search_quotes(article_id, seq, text) SELECT article_id, seq, text FROM quotes",
    ):
        conn.exec_driver_sql(sql)


def _v4_seen_lines(conn: sa.Connection) -> None:
    """The repeated-line learner's memory (``clean.repeated``): each input seen, in the order
    it was first seen, and the short lines it held (hashed), so that any sequence of runs and
    resumes shows each document the same earlier lines as one uninterrupted run would."""
    md = sa.MetaData()
    sa.Table(
        "seen_documents", md,
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("grp", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
    )
    sa.Table(
        "seen_lines", md,
        sa.Column("grp", sa.Text, primary_key=True),
        sa.Column("line", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    )
    md.create_all(conn)


def _v5_minhash_bands(conn: sa.Connection) -> None:
    """The near-duplicate index kept in the store (``clean.dedup.band_keys``): one row per LSH
    band of each article's signature, so a new article's candidates are found by an indexed
    lookup instead of loading every signature. Filled from the signatures already stored."""
    import struct

    from dyad.clean.dedup import band_keys

    md = sa.MetaData()
    sa.Table("articles", md, sa.Column("id", sa.Text, primary_key=True))  # FK target only
    bands = sa.Table(
        "minhash_bands", md,
        sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Index("ix_minhash_bands_article", "article_id"),
    )
    md.create_all(conn, tables=[bands])
    rows = conn.execute(sa.text("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL"))
    batch = []
    for article_id, blob in rows:
        data = bytes(blob)
        signature = struct.unpack(f"<{len(data) // 8}Q", data)
        batch += [{"band": b, "key": k, "article_id": article_id} for b, k in band_keys(signature)]
        if len(batch) >= 5000:
            conn.execute(bands.insert(), batch)
            batch = []
    if batch:
        conn.execute(bands.insert(), batch)


_SORT_DATE_OF = {
    "events": "coalesce(date, (SELECT a.date FROM articles a WHERE a.id = events.article_id), '~')",
    "quotes": "coalesce((SELECT a.date FROM articles a WHERE a.id = quotes.article_id), '~')",
    "stances": "coalesce((SELECT a.date FROM articles a WHERE a.id = stances.article_id), '~')",
}


def _v6_read_indexes(conn: sa.Connection) -> None:
    """What reads at scale need. ``sort_date`` on events, quotes and stances (the event's date,
    else its article's; ``'~'`` when undated, after every ISO date), indexed with the row's
    key, so that an ordered page is an index range. ``event_countries``: the country part of
    every source and target code of every event (``codes.country_of``), so that a dyad is an
    indexed lookup. ``speaker_text`` on quotes (from the record) for the speaker filter.
    ``mentions(article_id, actor_key)`` for an article's actors. On PostgreSQL, stored
    tsvectors (``search_articles``, ``search_quotes``, GIN-indexed, kept by triggers) in place
    of migration 3's expression indexes, so ranking reads a stored vector."""
    import json

    from dyad.codes import country_of

    for table, expr in _SORT_DATE_OF.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN sort_date TEXT NOT NULL DEFAULT '~'")
        conn.exec_driver_sql(f"UPDATE {table} SET sort_date = {expr}")
        conn.exec_driver_sql(f"CREATE INDEX ix_{table}_sort ON {table} (sort_date, article_id, seq)")
    conn.exec_driver_sql("ALTER TABLE quotes ADD COLUMN speaker_text TEXT")
    md = sa.MetaData()
    sa.Table("articles", md, sa.Column("id", sa.Text, primary_key=True))  # FK target only
    side = sa.Table(
        "event_countries", md,
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("side", sa.Text, primary_key=True),  # "s" (sources) or "t" (targets)
        sa.Column("country", sa.Text, primary_key=True),
        sa.Index("ix_event_countries_country", "country", "side", "article_id", "seq"),
    )
    md.create_all(conn, tables=[side])
    batch: list[dict] = []
    rows = conn.execute(sa.text("SELECT article_id, seq, sources, targets FROM events"))
    for article_id, seq, sources, targets in rows:
        for name, codes in (("s", sources), ("t", targets)):
            for country in sorted({country_of(c) for c in json.loads(codes) if c}):
                batch.append({"article_id": article_id, "seq": seq, "side": name, "country": country})
        if len(batch) >= 20000:
            conn.execute(side.insert(), batch)
            batch = []
    if batch:
        conn.execute(side.insert(), batch)
    speaker = sa.table("quotes", sa.column("article_id"), sa.column("seq"), sa.column("speaker_text"))
    updates = []
    for article_id, seq, data in conn.execute(sa.text("SELECT article_id, seq, data FROM quotes")):
        text = json.loads(data).get("speaker_text")
        if text is not None:
            updates.append({"a": article_id, "s": seq, "t": text})
    for k in range(0, len(updates), 20000):
        conn.execute(
            speaker.update().where(speaker.c.article_id == sa.bindparam("a"), speaker.c.seq == sa.bindparam("s"))
            .values(speaker_text=sa.bindparam("t")), updates[k:k + 20000])
    conn.exec_driver_sql("CREATE INDEX ix_mentions_article_actor ON mentions (article_id, actor_key)")
    if conn.dialect.name == "postgresql":
        _v6_pg_vectors(conn)


def _v6_pg_vectors(conn: sa.Connection) -> None:
    vector_a = "to_tsvector('english'::regconfig, coalesce(NEW.title, '') || ' ' || NEW.text)"
    vector_q = "to_tsvector('english'::regconfig, NEW.text)"
    for sql in (
        "DROP INDEX IF EXISTS ix_articles_search",
        "DROP INDEX IF EXISTS ix_quotes_search",
        "CREATE TABLE search_articles (article_id TEXT PRIMARY KEY REFERENCES articles(id) "
        "ON DELETE CASCADE, vector TSVECTOR NOT NULL)",
        "CREATE TABLE search_quotes (article_id TEXT NOT NULL, seq INTEGER NOT NULL, "
        "vector TSVECTOR NOT NULL, PRIMARY KEY (article_id, seq), "
        "FOREIGN KEY (article_id, seq) REFERENCES quotes(article_id, seq) ON DELETE CASCADE)",
        f"""CREATE FUNCTION dyad_search_articles() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO search_articles(article_id, vector) VALUES (NEW.id, {vector_a})
              ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector;
              RETURN NULL;
            END $$""",
        f"""CREATE FUNCTION dyad_search_quotes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO search_quotes(article_id, seq, vector) VALUES (NEW.article_id, NEW.seq, {vector_q})
              ON CONFLICT (article_id, seq) DO UPDATE SET vector = EXCLUDED.vector;
              RETURN NULL;
            END $$""",
        "CREATE TRIGGER search_articles_aiu AFTER INSERT OR UPDATE OF title, text ON articles "
        "FOR EACH ROW EXECUTE FUNCTION dyad_search_articles()",
        "CREATE TRIGGER search_quotes_aiu AFTER INSERT OR UPDATE OF text ON quotes "
        "FOR EACH ROW EXECUTE FUNCTION dyad_search_quotes()",
        "INSERT INTO search_articles(article_id, vector) SELECT id, "
        "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text) FROM articles",
        "INSERT INTO search_quotes(article_id, seq, vector) SELECT article_id, seq, "
        "to_tsvector('english'::regconfig, text) FROM quotes",
        "CREATE INDEX ix_articles_search ON search_articles USING gin (vector)",
        "CREATE INDEX ix_quotes_search ON search_quotes USING gin (vector)",
    ):
        conn.exec_driver_sql(sql)


def _v7_stored_clusters(conn: sa.Connection) -> None:
    """Clusters kept at ingest (``cluster_sync``): every event's key hash, date rank and
    placed date (``clustering``), its cluster, and a ``clusters`` table with each cluster's
    summary, its countries (``cluster_countries``) and outlets (``cluster_outlets``), the
    network's and top dyads' counts over all of them (``cluster_counts``), indexed for the reads that count
    events (series, network, pages of clusters). Existing events are clustered here."""
    from dyad.store.cluster_sync import rebuild, refresh_keys

    for column in ("ckey TEXT NOT NULL DEFAULT ''", "crank INTEGER NOT NULL DEFAULT 3",
                   "cdate TEXT", "cluster_id TEXT"):
        conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {column}")
    md = sa.MetaData()
    text, integer = sa.Text, sa.Integer
    sa.Table(
        "clusters", md,
        sa.Column("id", text, primary_key=True),
        sa.Column("ckey", text, nullable=False),
        sa.Column("rank", integer, nullable=False),
        sa.Column("anchor", text),
        sa.Column("modality", text, nullable=False),
        sa.Column("kind", text, nullable=False),
        sa.Column("root", text),
        sa.Column("quad_class", integer),
        sa.Column("intensity", sa.Float),
        sa.Column("n_reports", integer, nullable=False),
        sa.Column("n_articles", integer, nullable=False),
        sa.Column("date", text),
        sa.Column("first_reported", text),
        sa.Column("eff_date", text),
        sa.Column("sort_date", text, nullable=False),
        sa.Column("place_day", text),
        sa.Column("place_month", text),
        sa.Column("data", text, nullable=False),
        sa.Index("ix_clusters_key", "ckey", "rank", "anchor"),
        sa.Index("ix_clusters_sort", "sort_date", "id"),
        sa.Index("ix_clusters_modality", "modality", "sort_date", "id"),
        sa.Index("ix_clusters_eff_date", "eff_date"),
    )
    sa.Table(
        "cluster_countries", md,
        sa.Column("cluster_id", text, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("side", text, primary_key=True),
        sa.Column("country", text, primary_key=True),
        sa.Column("code", text, nullable=False),
        sa.Index("ix_cluster_countries_country", "country", "side", "cluster_id"),
    )
    sa.Table(
        "cluster_outlets", md,
        sa.Column("cluster_id", text, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("outlet", text, primary_key=True),
        sa.Column("n_reports", integer, nullable=False),
    )
    sa.Table(
        "cluster_counts", md,
        sa.Column("level", text, primary_key=True),
        sa.Column("modality", text, primary_key=True),
        sa.Column("a", text, primary_key=True),
        sa.Column("b", text, primary_key=True),
        *(sa.Column(name, integer, nullable=False) for name in ("n_events", "n_reports")),
        sa.Column("net_intensity", sa.Float, nullable=False),
        *(sa.Column(name, integer, nullable=False)
          for name in ("n_quad1", "n_quad2", "n_quad3", "n_quad4", "a_to_b", "b_to_a")),
    )
    md.create_all(conn)
    conn.exec_driver_sql("CREATE INDEX ix_events_cluster_key ON events (ckey, crank, cdate)")
    conn.exec_driver_sql("CREATE INDEX ix_events_cluster ON events (cluster_id)")
    refresh_keys(conn)
    rebuild(conn)


# (version, name, step), in order. Versions are 1, 2, 3, ... without gaps.
MIGRATIONS: tuple[tuple[int, str, Step], ...] = (
    (1, "initial schema", _v1_initial),
    (2, "events, quotes and stances", _v2_events_quotes_stances),
    (3, "full-text search", _v3_full_text_search),
    (4, "lines seen per outlet", _v4_seen_lines),
    (5, "near-duplicate bands", _v5_minhash_bands),
    (6, "indexes for reads at scale", _v6_read_indexes),
    (7, "stored clusters", _v7_stored_clusters),
)

LATEST_VERSION = MIGRATIONS[-1][0]


class StoreError(RuntimeError):
    """The database cannot be used: one line naming it and the reason."""


class SchemaTooNew(StoreError):
    """The database was migrated by a newer Dyad than this one."""


def current_version(conn: sa.Connection) -> int:
    """The highest applied version, 0 for a database without Dyad's tables."""
    if not sa.inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(conn: sa.Connection) -> list[int]:
    """Apply the pending steps on ``conn`` (inside its open transaction); return their versions."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_ID)))
    schema_version.create(conn, checkfirst=True)
    have = current_version(conn)
    if have > LATEST_VERSION:
        raise SchemaTooNew(
            f"database schema is version {have}, this Dyad knows up to {LATEST_VERSION}"
        )
    applied = []
    for version, name, step in MIGRATIONS:
        if version <= have:
            continue
        step(conn)
        conn.execute(
            schema_version.insert().values(
                version=version,
                name=name,
                applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            )
        )
        applied.append(version)
    return applied
