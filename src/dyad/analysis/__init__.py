"""Analysis over stored records: event clusters across reports, dyad time series.

    from dyad.analysis import cluster_events, dyad_series
    rows = store.list_events(dyad=("IRN", "RUS"))
    events = cluster_events(rows)                       # one dict per real-world event
    series = dyad_series(events, a="IRN", b="RUS", freq="month")
"""
from __future__ import annotations

from dyad.analysis.clusters import cluster_events
from dyad.analysis.series import dyad_series

__all__ = ["cluster_events", "dyad_series"]
