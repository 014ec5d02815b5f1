"""Rows of a store, for comparing two runs over the same inputs."""
from __future__ import annotations

import sqlite3
from pathlib import Path

#: every stored table, less the columns that record when a row was written
TABLES = {
    "articles": "id, source, url, title, date, outlet, authors, dateline, text, content_hash, raw_hash, "
                "result_hash, minhash, extractors",
    "sentences": "*", "actors": "*", "article_actors": "*",
    "mentions": "article_id, actor_key, sentence_index, start, \"end\", text, kind, extractor",
    "duplicates": "source, duplicate_of, similarity, raw_hash",
    "events": "*", "quotes": "*", "stances": "*", "seen_documents": "*", "seen_lines": "*",
    "event_countries": "*", "minhash_bands": "*",
    "clusters": "*", "cluster_countries": "*", "cluster_outlets": "*",
}


def dump(db_file: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db_file) as con:
        return {t: sorted(con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr) for t, cols in TABLES.items()}
