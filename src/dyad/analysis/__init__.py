"""Analysis over stored records: event clusters across reports, dyad time series, the
actor network, voices and stances, and how outlets differ.

    from dyad.analysis import cluster_events, dyad_series
    rows = store.list_events(dyad=("IRN", "RUS"))
    events = cluster_events(rows)                       # one dict per real-world event
    series = dyad_series(events, a="IRN", b="RUS", freq="month")
"""
from __future__ import annotations

from dyad.analysis.clusters import cluster_events
from dyad.analysis.network import actor_network, top_dyads
from dyad.analysis.series import dyad_series
from dyad.analysis.voices import dyad_stances, dyad_voices, outlet_breakdown, speakers

__all__ = [
    "actor_network", "cluster_events", "dyad_series", "dyad_stances", "dyad_voices",
    "outlet_breakdown", "speakers", "top_dyads",
]
