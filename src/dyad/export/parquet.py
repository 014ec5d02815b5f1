"""Parquet: one row per event (a cluster of reports) with a typed schema.

Strings for codes and dates (``cameo`` "042" keeps its zero; ``date`` is "2024-04-16",
"2024-04" or "2024" by ``date_precision``), 32-bit ints for counts and offsets, float64 for
intensity, lists of strings for actors and context, and ``reports`` as a list of structs
(one per report: article, sentence, offsets, URL, title, outlet). The first report's
article, offsets and URL are also flat columns, for tools that do not read nested types.
Needs ``pyarrow`` (imported on first use).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dyad.analysis.clusters import side_codes


def schema() -> Any:
    import pyarrow as pa

    strings = pa.list_(pa.string())
    report = pa.struct([
        ("article_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("article_date", pa.string()),
        ("sentence", pa.string()),
    ])
    return pa.schema([
        ("id", pa.string()),
        ("date", pa.string()),
        ("date_precision", pa.string()),
        ("first_reported", pa.string()),
        ("plover", pa.string()),
        ("cameo", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int32()),
        ("intensity", pa.float64()),
        ("modality", pa.string()),
        ("mode", pa.string()),
        ("context", strings),
        ("sources", strings),  # country parts
        ("targets", strings),
        ("source_codes", strings),  # one code per country
        ("target_codes", strings),
        ("source_actors", strings),  # actor keys
        ("target_actors", strings),
        ("n_reports", pa.int32()),
        ("n_articles", pa.int32()),
        ("n_outlets", pa.int32()),
        ("article_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("url", pa.string()),
        ("extractor", pa.string()),
        ("reports", pa.list_(report)),
    ])


def _row(event: dict[str, Any]) -> dict[str, Any]:
    first = event["reports"][0]
    return {
        "id": event["id"],
        "date": event.get("date"),
        "date_precision": event.get("date_precision"),
        "first_reported": event.get("first_reported"),
        "plover": event.get("type"),
        "cameo": event.get("cameo"),
        "root": event.get("root"),
        "quad_class": event.get("quad_class"),
        "intensity": event.get("intensity"),
        "modality": event.get("modality"),
        "mode": event.get("mode"),
        "context": list(event.get("context", [])),
        "sources": list(event.get("sources", [])),
        "targets": list(event.get("targets", [])),
        "source_codes": side_codes(event, "sources"),
        "target_codes": side_codes(event, "targets"),
        "source_actors": list(event.get("source_keys", [])),
        "target_actors": list(event.get("target_keys", [])),
        "n_reports": event.get("n_reports"),
        "n_articles": event.get("n_articles"),
        "n_outlets": event.get("n_outlets"),
        "article_id": first.get("article_id"),
        "sentence_index": first.get("sentence_index"),
        "start": first.get("start"),
        "end": first.get("end"),
        "url": first.get("url"),
        "extractor": first.get("extractor"),
        "reports": [
            {k: r.get(k) for k in (
                "article_id", "sentence_index", "start", "end", "url", "title", "outlet",
                "article_date", "sentence",
            )}
            for r in event["reports"]
        ],
    }


def write_parquet(events: Iterable[dict[str, Any]], path: Path, *, batch: int = 1000) -> int:
    """Write ``events`` (clusters) to ``path`` as Parquet, ``batch`` rows to a row group
    (so memory stays at a batch); return the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, schema()) as writer:
        rows: list[dict[str, Any]] = []
        for event in events:
            rows.append(_row(event))
            if len(rows) == batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema()))
                n, rows = n + len(rows), []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema()))
            n += len(rows)
    return n
