"""The tables as the code reads and writes them: always the latest schema version.

The DDL that creates or changes them lives in ``migrations.py``; a test checks that a
freshly migrated database has exactly these tables and columns.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("source", sa.Text, nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.Text),  # ISO YYYY-MM-DD
    sa.Column("outlet", sa.Text),
    sa.Column("authors", sa.Text, nullable=False),  # JSON list
    sa.Column("dateline", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("raw_hash", sa.Text, nullable=False),
    sa.Column("result_hash", sa.Text, nullable=False),  # fingerprint of the whole stored result
    sa.Column("minhash", sa.LargeBinary),  # unsigned 64-bit little-endian values
    sa.Column("extractors", sa.Text, nullable=False),  # JSON object stage -> "name.version"
    sa.Column("ingested_at", sa.Text, nullable=False),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("index", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("sector", sa.Text),
)

article_actors = sa.Table(
    "article_actors",
    metadata,
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_key", sa.Text, sa.ForeignKey("actors.key"), primary_key=True),
    sa.Column("role", sa.Text),
    sa.Column("affiliation", sa.Text),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("actor_key", sa.Text, sa.ForeignKey("actors.key"), nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("extractor", sa.Text, nullable=False),
)

duplicates = sa.Table(
    "duplicates",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("duplicate_of", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("raw_hash", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.Text, nullable=False),
)

minhash_bands = sa.Table(
    "minhash_bands",
    metadata,
    sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),  # clean.dedup.band_keys
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

seen_documents = sa.Table(
    "seen_documents",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("grp", sa.Text, nullable=False),  # outlet, else the input's folder
    sa.Column("seq", sa.Integer, nullable=False, unique=True),  # order first seen, from 1
)

seen_lines = sa.Table(
    "seen_lines",
    metadata,
    sa.Column("grp", sa.Text, primary_key=True),
    sa.Column("line", sa.Text, primary_key=True),  # hash of the normalised line
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),  # seen_documents.seq
)


def _fact_table(name: str, *columns: sa.Column) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),  # order in the result
        *columns,
        sa.Column("extractor", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),  # the whole record as JSON
    )


events = _fact_table(
    "events",
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("plover", sa.Text, nullable=False),
    sa.Column("cameo", sa.Text, nullable=False),
    sa.Column("quad_class", sa.Integer, nullable=False),
    sa.Column("intensity", sa.Float, nullable=False),
    sa.Column("modality", sa.Text, nullable=False),
    sa.Column("date", sa.Text),  # EventDate.value
    sa.Column("date_precision", sa.Text, nullable=False),
    sa.Column("sources", sa.Text, nullable=False),  # JSON list of actor codes
    sa.Column("targets", sa.Text, nullable=False),
    sa.Column("sort_date", sa.Text, nullable=False),  # date, else the article's; "~" undated
    sa.Column("ckey", sa.Text, nullable=False),  # clustering.key_hash of the event's key
    sa.Column("crank", sa.Integer, nullable=False),  # clustering.rank_of: 0 day .. 3 undated
    sa.Column("cdate", sa.Text),  # clustering.placed_date
    sa.Column("cluster_id", sa.Text),  # clusters.id; set in the transaction that stores the event
)

event_countries = sa.Table(
    "event_countries",
    metadata,
    sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("side", sa.Text, primary_key=True),  # "s": a source's country part, "t": a target's
    sa.Column("country", sa.Text, primary_key=True),  # codes.country_of
)

quotes = _fact_table(
    "quotes",
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("speaker_key", sa.Text),
    sa.Column("speaker_text", sa.Text),
    sa.Column("sort_date", sa.Text, nullable=False),  # the article's date; "~" undated
)

stances = _fact_table(
    "stances",
    sa.Column("holder_key", sa.Text, nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("polarity", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("sort_date", sa.Text, nullable=False),  # the article's date; "~" undated
)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),  # clustering.cluster_id
    sa.Column("ckey", sa.Text, nullable=False),
    sa.Column("rank", sa.Integer, nullable=False),
    sa.Column("anchor", sa.Text),  # day, month or year it is anchored on; NULL undated
    sa.Column("modality", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),  # PLOVER type, else "root:NN"
    sa.Column("root", sa.Text),  # most frequent CAMEO root
    sa.Column("quad_class", sa.Integer),
    sa.Column("intensity", sa.Float),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("date", sa.Text),  # the cluster's date (summarise)
    sa.Column("first_reported", sa.Text),  # earliest article date
    sa.Column("eff_date", sa.Text),  # date, else first reported: what ``since`` compares
    sa.Column("sort_date", sa.Text, nullable=False),  # "<date or ~> <first reported or ~>"
    sa.Column("place_day", sa.Text),  # the day a series places it on (freq day/week)
    sa.Column("place_month", sa.Text),  # the month a series places it in
    sa.Column("data", sa.Text, nullable=False),  # clustering.summarise as JSON
)

cluster_countries = sa.Table(
    "cluster_countries",
    metadata,
    sa.Column("cluster_id", sa.Text, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("side", sa.Text, primary_key=True),  # "s" or "t"
    sa.Column("country", sa.Text, primary_key=True),
    sa.Column("code", sa.Text, nullable=False),  # clustering.side_codes: its most used code
)

cluster_outlets = sa.Table(
    "cluster_outlets",
    metadata,
    sa.Column("cluster_id", sa.Text, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("outlet", sa.Text, primary_key=True),  # "" when unknown
    sa.Column("n_reports", sa.Integer, nullable=False),
)

cluster_counts = sa.Table(
    "cluster_counts",
    metadata,
    sa.Column("level", sa.Text, primary_key=True),  # see cluster_counts.py
    sa.Column("modality", sa.Text, primary_key=True),
    sa.Column("a", sa.Text, primary_key=True),
    sa.Column("b", sa.Text, primary_key=True),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("net_intensity", sa.Float, nullable=False),
    sa.Column("n_quad1", sa.Integer, nullable=False),
    sa.Column("n_quad2", sa.Integer, nullable=False),
    sa.Column("n_quad3", sa.Integer, nullable=False),
    sa.Column("n_quad4", sa.Integer, nullable=False),
    sa.Column("a_to_b", sa.Integer, nullable=False),
    sa.Column("b_to_a", sa.Integer, nullable=False),
)
