"""The actor network: who acts on whom, counted in events (clusters of reports).

    rows = store.list_events()
    net = actor_network(rows)                 # asserted events, country level
    net["nodes"], net["edges"]

Nodes are actors (country parts such as "IRN", or full codes such as "IRNGOV" with
``level="code"``); a directed edge ``source -> target`` carries the number of events, the
number of reports behind them, its net intensity (the sum of the events' mean intensities:
cooperation counts up, conflict down) and the events per quad class. An event with several
sources or targets adds one to every (source, target) pair; self-loops are left out. Counts
are of clustered events, never of reports, and only asserted events count by default.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dyad.analysis.clusters import cluster_events, side_codes

LEVELS = ("country", "code")


def as_clusters(rows: Iterable[dict[str, Any]], *, window_days: int = 3) -> list[dict[str, Any]]:
    """``rows`` as clusters: event rows (``Store.list_events``) are clustered, clusters
    (``cluster_events``) are kept as they are."""
    rows = list(rows)
    if rows and all("reports" in r for r in rows):
        return rows
    return cluster_events(rows, window_days=window_days)


def _sides(event: dict[str, Any], level: str) -> tuple[list[str], list[str]]:
    if level == "code":
        return side_codes(event, "sources"), side_codes(event, "targets")
    return list(event.get("sources", ())), list(event.get("targets", ()))


def actor_network(
    rows: Iterable[dict[str, Any]],
    *,
    modality: str | None = "asserted",
    level: str = "country",
    names: Mapping[str, str] | None = None,
    min_events: int = 1,
    window_days: int = 3,
) -> dict[str, Any]:
    """Nodes and directed edges over clustered events.

    Returns ``{"nodes": [...], "edges": [...], "n_events": int}``. A node: ``id``, ``name``
    (from ``names`` when given, else the id), ``n_events`` (events it takes part in),
    ``out_events``, ``in_events``, ``net_intensity_out``, ``net_intensity_in``. An edge:
    ``source``, ``target``, ``n_events``, ``n_reports``, ``net_intensity``,
    ``mean_intensity`` and ``n_quad1``..``n_quad4``, plus ``event_ids``. Edges with fewer
    than ``min_events`` events are dropped (with their nodes when nothing else holds them).
    Nodes are ordered by ``n_events`` (most first), edges by ``n_events`` then names.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    names = names or {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    counted = 0
    for event in as_clusters(rows, window_days=window_days):
        if modality is not None and event.get("modality") != modality:
            continue
        sources, targets = _sides(event, level)
        pairs = [(s, t) for s in sources for t in targets if s != t]
        if not pairs:
            continue
        counted += 1
        intensity = event.get("intensity")
        for pair in dict.fromkeys(pairs):
            edge = edges.setdefault(pair, {
                "source": pair[0], "target": pair[1], "n_events": 0, "n_reports": 0,
                "net_intensity": 0.0, "mean_intensity": None,
                **{f"n_quad{q}": 0 for q in (1, 2, 3, 4)}, "event_ids": [],
            })
            edge["n_events"] += 1
            edge["n_reports"] += int(event.get("n_reports", 1))
            if intensity is not None:
                edge["net_intensity"] += float(intensity)
            if event.get("quad_class") in (1, 2, 3, 4):
                edge[f"n_quad{event['quad_class']}"] += 1
            edge["event_ids"].append(event.get("id"))
    return _graph(list(edges.values()), None, names, min_events, counted)


def stored_network(store: Any, *, modality: str | None = "asserted", level: str = "country",
                   since: str | None = None, names: Mapping[str, str] | None = None,
                   min_events: int = 1) -> dict[str, Any]:
    """``actor_network`` of the clusters the store keeps, counted in SQL
    (``Store.cluster_aggregates("network")``). Edges carry no ``event_ids`` (at scale they
    are every event); the events of an edge are a ``Store.list_clusters`` query away."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    rows, node_events = store.cluster_aggregates("network", modality=modality, since=since, level=level)
    edges = [{"source": r["source"], "target": r["target"], "n_events": int(r["n_events"]),
              "n_reports": int(r["n_reports"]), "net_intensity": float(r["net_intensity"]),
              "mean_intensity": None, **{f"n_quad{q}": int(r[f"n_quad{q}"]) for q in (1, 2, 3, 4)}}
             for r in rows]
    counted = node_events.pop(None, 0)
    return _graph(edges, node_events, names or {}, min_events, counted)


def _graph(edges: list[dict[str, Any]], node_events: Mapping[Any, int] | None,
           names: Mapping[str, str], min_events: int, counted: int) -> dict[str, Any]:
    """Nodes and sorted edges from aggregated edges; a node's ``n_events`` from
    ``node_events`` when given, else from the edges' ``event_ids``."""
    kept = [e for e in edges if e["n_events"] >= min_events]
    nodes: dict[str, dict[str, Any]] = {}
    for edge in kept:
        edge["net_intensity"] = round(edge["net_intensity"], 3)
        edge["mean_intensity"] = round(edge["net_intensity"] / edge["n_events"], 3)
        for end, direction in ((edge["source"], "out"), (edge["target"], "in")):
            node = nodes.setdefault(end, {
                "id": end, "name": names.get(end, end), "n_events": 0, "out_events": 0,
                "in_events": 0, "net_intensity_out": 0.0, "net_intensity_in": 0.0,
                "_events": set(),
            })
            node[f"{direction}_events"] += edge["n_events"]
            node[f"net_intensity_{direction}"] = round(
                node[f"net_intensity_{direction}"] + edge["net_intensity"], 3
            )
            node["_events"].update(edge.get("event_ids", ()))
    for node in nodes.values():
        ids = node.pop("_events")
        node["n_events"] = node_events[node["id"]] if node_events is not None else len(ids)
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["n_events"], n["id"])),
        "edges": sorted(kept, key=lambda e: (-e["n_events"], e["source"], e["target"])),
        "n_events": counted,
    }


def top_dyads(
    rows: Iterable[dict[str, Any]], *, modality: str | None = "asserted", limit: int | None = 10,
    window_days: int = 3,
) -> list[dict[str, Any]]:
    """Undirected country pairs by number of events between them (either way round).

    Each: ``a``, ``b`` (alphabetical), ``n_events``, ``n_reports``, ``net_intensity``,
    ``a_to_b`` and ``b_to_a`` (events each way).
    """
    net = actor_network(rows, modality=modality, window_days=window_days)
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for edge in net["edges"]:
        a, b = sorted((edge["source"], edge["target"]))
        pair = pairs.setdefault((a, b), {
            "a": a, "b": b, "n_events": 0, "n_reports": 0, "net_intensity": 0.0,
            "a_to_b": 0, "b_to_a": 0, "_ids": set(),
        })
        pair["_ids"].update(edge["event_ids"])
        pair["n_reports"] += edge["n_reports"]
        pair["net_intensity"] = round(pair["net_intensity"] + edge["net_intensity"], 3)
        pair["a_to_b" if edge["source"] == a else "b_to_a"] += edge["n_events"]
    for pair in pairs.values():
        pair["n_events"] = len(pair.pop("_ids"))
    out = sorted(pairs.values(), key=lambda p: (-p["n_events"], p["a"], p["b"]))
    return out[:limit] if limit is not None else out


def stored_top_dyads(store: Any, *, modality: str | None = "asserted",
                     limit: int | None = 10) -> list[dict[str, Any]]:
    """``top_dyads`` of the clusters the store keeps, counted in SQL."""
    return store.cluster_aggregates("pairs", modality=modality, limit=limit)
