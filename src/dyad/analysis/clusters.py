"""Same event, several reports: group event rows into real-world events.

The rules are the store's (``dyad.store.clustering``): the store keeps every report's cluster
up to date at ingest (``Store.list_clusters``), and ``cluster_events`` applies the same rules
to any rows in memory, for instance rows of another window or a set read from elsewhere.
Clustering all of a store's rows gives exactly the stored clusters.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dyad.store.clustering import WINDOW_DAYS, cluster_rows, event_key, side_codes

__all__ = ["cluster_events", "event_key", "side_codes"]


def cluster_events(rows: Iterable[dict[str, Any]], *, window_days: int = WINDOW_DAYS) -> list[dict[str, Any]]:
    """Group event rows (``Store.list_events``) into events, each listing its reports.

    Returns one dict per event, ordered by date (undated last) then id, with: ``id`` (stable
    hash of its key and anchor), ``type`` (PLOVER), ``root``/``cameo``/``quad_class`` (most
    frequent), ``intensity`` (mean), ``modality``, ``sources``/``targets`` (country parts),
    ``source_codes``/``target_codes`` (full codes, most frequent first), ``mode``,
    ``context``, ``date`` (earliest among the reports with the best precision),
    ``date_precision``, ``first_reported`` (earliest article date), ``n_reports``,
    ``n_articles``, ``n_outlets``, ``article_ids`` and ``reports`` (``article_id``,
    ``sentence_index``, ``start``, ``end``, ``url``, ``title``, ``outlet`` and more, in
    reading order: earliest article first).
    """
    return cluster_rows(rows, window_days=window_days)
