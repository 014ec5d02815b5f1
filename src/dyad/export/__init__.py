"""Exports of stored events for other tools: GDELT-style CSV, PLOVER JSONL, Parquet.

    from dyad.export import export_events
    with open_store() as store:
        n = export_events(store, "events.csv", "gdelt-csv", modality="asserted")

Every format writes events, not reports: the stored rows go through
``dyad.analysis.cluster_events`` first, so one meeting reported by five articles is one
event with ``NumArticles`` 5 (GDELT) / ``n_articles`` 5 (PLOVER, Parquet), and its first
report (earliest article) gives the URL and evidence offsets; the others are listed in the
PLOVER and Parquet ``reports``. ``modality=None`` exports every modality (the ``Modality``
column says which); pass ``modality="asserted"`` for events that happened only, which is
what GDELT and ICEWS consumers assume every row is.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMATS = ("gdelt-csv", "plover-jsonl", "parquet")

__all__ = ["FORMATS", "event_clusters", "export_events"]


def event_clusters(
    store: Any,
    *,
    modality: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The clustered events an export writes, in date order, read a page at a time from the
    clusters the store keeps (``Store.iter_clusters``)."""
    return store.iter_clusters(modality=modality, dyad=dyad, since=since)


def export_events(
    store: Any,
    path: str | Path,
    format: str,  # noqa: A002
    *,
    modality: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: str | None = None,
) -> int:
    """Write the store's events to ``path`` in ``format`` ("gdelt-csv", "plover-jsonl" or
    "parquet"); return the number of rows (CSV rows, JSON lines, Parquet rows) written.

    ``modality``, ``dyad`` and ``since`` filter as in ``Store.list_events``.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    clusters = event_clusters(store, modality=modality, dyad=dyad, since=since)
    path = Path(path)
    if format == "gdelt-csv":
        from dyad.export.gdelt import write_gdelt_csv

        return write_gdelt_csv(clusters, path)
    if format == "plover-jsonl":
        from dyad.export.plover import write_plover_jsonl

        return write_plover_jsonl(clusters, path)
    from dyad.export.parquet import write_parquet

    return write_parquet(clusters, path)
