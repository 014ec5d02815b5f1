"""Rows for the extracted facts that hang off an article: events, quotes and stances.

Each row keeps the columns that queries filter on plus the whole record as JSON in
``data``, so ``get_article`` gives back exactly what the extractor produced.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

import sqlalchemy as sa

from dyad.codes import country_of
from dyad.records import ArticleResult
from dyad.store.clustering import event_key, key_hash, placed_date, rank_of
from dyad.store.schema import event_countries, events, quotes, stances

FACT_TABLES = {"events": events, "quotes": quotes, "stances": stances}
UNDATED = "~"  # sort_date of an undated row: after every ISO date


def _data(record: Any) -> str:
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False, sort_keys=True)


def fact_rows(result: ArticleResult) -> dict[str, list[dict[str, Any]]]:
    """Table name -> rows for ``result``'s events, quotes and stances."""
    art_id = result.article.id
    art_date = result.article.date or UNDATED
    rows: dict[str, list[dict[str, Any]]] = {"events": [], "quotes": [], "stances": [],
                                             "event_countries": []}
    for seq, e in enumerate(result.events):
        rows["events"].append({
            "article_id": art_id, "seq": seq, "sentence_index": e.sentence_index,
            "start": e.start, "end": e.end, "trigger": e.trigger, "plover": e.plover,
            "cameo": e.cameo, "quad_class": e.quad_class, "intensity": e.intensity,
            "modality": e.modality, "date": e.date.value, "date_precision": e.date.precision,
            "sources": json.dumps(list(e.sources)), "targets": json.dumps(list(e.targets)),
            "extractor": e.extractor, "data": _data(e), "sort_date": e.date.value or art_date,
            **cluster_columns(e.sources, e.targets, e.plover, e.root, e.cameo, e.modality,
                              e.date.value, e.date.precision),
        })
        for side, codes in (("s", e.sources), ("t", e.targets)):
            for country in sorted({country_of(c) for c in codes if c}):
                rows["event_countries"].append({"article_id": art_id, "seq": seq, "side": side,
                                                "country": country})
    for seq, q in enumerate(result.quotes):
        rows["quotes"].append({
            "article_id": art_id, "seq": seq, "sentence_index": q.sentence_index,
            "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
            "speaker_key": q.speaker_key, "speaker_text": q.speaker_text, "extractor": q.extractor,
            "data": _data(q), "sort_date": art_date,
        })
    for seq, s in enumerate(result.stances):
        rows["stances"].append({
            "article_id": art_id, "seq": seq, "holder_key": s.holder_key, "target": s.target,
            "polarity": s.polarity, "score": s.score, "extractor": s.extractor, "data": _data(s),
            "sort_date": art_date,
        })
    return rows


def cluster_columns(sources: Any, targets: Any, plover: str, root: str, cameo: str,
                    modality: str, date: str | None, precision: str | None) -> dict[str, Any]:
    """An event's clustering columns: ``ckey`` (its key's hash), ``crank`` and ``cdate``
    (``clustering.rank_of`` and ``placed_date``); ``cluster_id`` is set by ``cluster_sync``."""
    key = event_key({"sources": list(sources), "targets": list(targets), "plover": plover,
                     "root": root, "cameo": cameo, "modality": modality})
    rank = rank_of(date, precision)
    return {"ckey": key_hash(key), "crank": rank, "cdate": placed_date(date, rank), "cluster_id": None}


def insert_facts(conn: sa.Connection, result: ArticleResult) -> None:
    tables = {**FACT_TABLES, "event_countries": event_countries}
    for name, rows in fact_rows(result).items():
        if rows:
            conn.execute(tables[name].insert(), rows)


def delete_facts(conn: sa.Connection, article_id: str) -> None:
    conn.execute(event_countries.delete().where(event_countries.c.article_id == article_id))
    for table in FACT_TABLES.values():
        conn.execute(table.delete().where(table.c.article_id == article_id))


def read_facts(conn: sa.Connection, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Table name -> the article's records as dicts (``dataclasses.asdict`` form), in order."""
    out = {}
    for name, table in FACT_TABLES.items():
        blobs = conn.execute(
            sa.select(table.c.data).where(table.c.article_id == article_id).order_by(table.c.seq)
        ).scalars()
        out[name] = [json.loads(b) for b in blobs]
    return out
