"""Reading stored clusters: pages of events, and the counts that series, networks and
outlet tables are made of, all aggregated in SQL over ``clusters`` and its side tables.

Every filter is an indexed lookup: the dyad through ``cluster_countries``, modality and
order through ``clusters(modality, sort_date, id)``, ``since`` through ``eff_date``. A page
of clusters reads its reports in one query (``event_query.rows_of_clusters``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from dyad.codes import country_of
from dyad.store.cluster_counts import edge_pairs, quads, undirected
from dyad.store.clustering import report, report_order
from dyad.store.event_query import rows_of_clusters
from dyad.store.schema import (
    cluster_countries,
    cluster_counts,
    cluster_outlets,
    clusters,
    events,
    mentions,
)

C = clusters.c


def _pairs(a: str, b: str) -> sa.Select:
    """(cluster_id, forward) of the clusters between ``a`` and ``b``; ``forward`` is 1 when
    ``a`` is among the sources and ``b`` among the targets (a->b wins when both)."""
    src, tgt = cluster_countries.alias("src"), cluster_countries.alias("tgt")
    fwd = sa.func.max(sa.case((sa.and_(src.c.country == a, tgt.c.country == b), 1), else_=0))
    return (
        sa.select(src.c.cluster_id, fwd.label("forward"))
        .join(tgt, sa.and_(tgt.c.cluster_id == src.c.cluster_id, tgt.c.side == "t"))
        .where(src.c.side == "s", sa.or_(sa.and_(src.c.country == a, tgt.c.country == b),
                                         sa.and_(src.c.country == b, tgt.c.country == a)))
        .group_by(src.c.cluster_id)
    )


def _filters(*, type: str | None = None, modality: str | None = None,  # noqa: A002
             since: str | None = None, article_id: str | Iterable[str] | None = None,
             mentioning: str | None = None) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if type is not None:
        out.append(sa.or_(C.kind == type.upper(), C.root == type))
    if modality is not None:
        out.append(C.modality == modality)
    if since is not None:
        eff = C.eff_date
        out.append(sa.and_(eff.is_not(None), sa.or_(eff >= since, eff == since[:7], eff == since[:4])))
    if article_id is not None:
        ids = [article_id] if isinstance(article_id, str) else list(article_id)
        out.append(C.id.in_(sa.select(events.c.cluster_id).where(events.c.article_id.in_(ids))))
    if mentioning is not None:  # reported in an article that mentions this actor key
        arts = sa.select(mentions.c.article_id).where(mentions.c.actor_key == mentioning)
        out.append(C.id.in_(sa.select(events.c.cluster_id).where(events.c.article_id.in_(arts))))
    return out


def _scope(dyad: tuple[str, str] | None, **filters: Any) -> sa.Select:
    """``clusters`` (with ``forward`` when a dyad is given) under ``filters``."""
    if dyad is None:
        return sa.select(clusters, sa.null().label("forward")).where(*_filters(**filters))
    pairs = _pairs(*(country_of(x) for x in dyad)).subquery("pairs")
    return (sa.select(clusters, pairs.c.forward)
            .join(pairs, pairs.c.cluster_id == C.id).where(*_filters(**filters)))


def count_clusters(conn: sa.Connection, *, dyad: tuple[str, str] | None = None,
                   **filters: Any) -> dict[str, int]:
    """``n_events`` (clusters) and ``n_reports`` under the filters of ``query_clusters``."""
    scope = _scope(dyad, **filters).subquery()
    n, reports = conn.execute(sa.select(sa.func.count(), sa.func.sum(scope.c.n_reports))).one()
    return {"n_events": int(n or 0), "n_reports": int(reports or 0)}


def query_clusters(
    conn: sa.Connection, *, dyad: tuple[str, str] | None = None, limit: int | None = None,
    offset: int = 0, after: tuple[str, str] | None = None, reports: bool = True, **filters: Any,
) -> list[dict[str, Any]]:
    """A page of clusters (``clustering.summarise`` plus ``reports`` in reading order),
    ordered by date (undated last, by first report), then id. ``after``: the
    ``cluster_sort_key`` of the last cluster of the previous page."""
    query = _scope(dyad, **filters).order_by(C.sort_date, C.id)
    if after is not None:
        query = query.where(sa.tuple_(C.sort_date, C.id) > tuple(after))
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    out = []
    a = b = None
    if dyad is not None:
        a, b = (country_of(x) for x in dyad)
    for r in conn.execute(query).mappings():
        cluster = json.loads(r["data"])
        if a is not None and b is not None:
            cluster["direction"] = f"{a}->{b}" if r["forward"] else f"{b}->{a}"
        out.append(cluster)
    if reports and out:
        members = rows_of_clusters(conn, [c["id"] for c in out])
        for cluster in out:
            cluster["reports"] = [report(x) for x in sorted(members.get(cluster["id"], []), key=report_order)]
    return out


def cluster_sort_key(cluster: dict[str, Any]) -> tuple[str, str]:
    """A cluster's place in the order of ``query_clusters``: the ``after`` of the next page."""
    return (f"{cluster.get('date') or '~'} {cluster.get('first_reported') or '~'}", cluster["id"])


def _period(freq: str) -> sa.ColumnElement[Any]:
    return C.place_month if freq == "month" else C.place_day


def series_cells(conn: sa.Connection, a: str, b: str, *, freq: str,
                 modality: str | None) -> list[dict[str, Any]]:
    """Counts per (placed date, direction, kind, quad class) of the clusters between ``a``
    and ``b``: what ``analysis.series`` turns into a series."""
    a, b = country_of(a), country_of(b)
    pairs = _pairs(a, b).subquery("pairs")
    place = _period(freq)
    query = (
        sa.select(place.label("placed"), pairs.c.forward, C.kind, C.quad_class,
                  sa.func.count().label("n_events"), sa.func.sum(C.n_reports).label("n_reports"),
                  sa.func.sum(C.intensity).label("intensity_sum"))
        .select_from(clusters.join(pairs, pairs.c.cluster_id == C.id))
        .where(place.is_not(None), *_filters(modality=modality))
        .group_by(place, pairs.c.forward, C.kind, C.quad_class)
    )
    out = []
    for r in conn.execute(query).mappings():
        out.append({**r, "direction": f"{a}->{b}" if r["forward"] else f"{b}->{a}"})
    return out


def network_edges(conn: sa.Connection, *, modality: str | None, since: str | None,
                  level: str, live: bool = False) -> tuple[list[dict[str, Any]], dict[str | None, int]]:
    """Directed edges over clusters (every source x target pair of a cluster, self-loops
    left out) with their counts, and the number of clusters each node takes part in (under
    ``None``: the number of clusters with an edge). Without ``since`` they are read from
    ``cluster_counts``; with it (or ``live``) counted from the clusters."""
    col = "code" if level == "code" else "country"
    quad_names = [f"n_quad{q}" for q in (1, 2, 3, 4)]
    if since is None and not live:
        k = cluster_counts.c
        where = [k.modality == modality] if modality is not None else []
        sums = [sa.func.sum(k[n]).label(n) for n in ("n_events", "n_reports", "net_intensity", *quad_names)]
        edges = [dict(r) for r in conn.execute(
            sa.select(k.a.label("source"), k.b.label("target"), *sums)
            .where(k.level == col, *where).group_by(k.a, k.b)).mappings()]
        nodes: dict[str | None, int] = {a: int(n) for a, n in conn.execute(
            sa.select(k.a, sa.func.sum(k.n_events)).where(k.level == f"node:{col}", *where).group_by(k.a))}
        nodes[None] = int(conn.execute(sa.select(sa.func.sum(k.n_events)).where(
            k.level == f"total:{col}", *where)).scalar() or 0)
        return edges, nodes
    p = edge_pairs(col, _filters(modality=modality, since=since)).c
    edges = [dict(r) for r in conn.execute(
        sa.select(p.source, p.target, sa.func.count().label("n_events"),
                  sa.func.sum(p.n_reports).label("n_reports"),
                  sa.func.coalesce(sa.func.sum(p.intensity), 0.0).label("net_intensity"),
                  *quads(p.quad_class))
        .group_by(p.source, p.target)).mappings()]
    ends = sa.union_all(sa.select(p.cid, p.source.label("node")), sa.select(p.cid, p.target.label("node"))).subquery()
    nodes = {node: int(n) for node, n in conn.execute(
        sa.select(ends.c.node, sa.func.count(sa.distinct(ends.c.cid))).group_by(ends.c.node))}
    nodes[None] = int(conn.execute(sa.select(sa.func.count(sa.distinct(p.cid)))).scalar() or 0)
    return edges, nodes


def pair_counts(conn: sa.Connection, *, modality: str | None, limit: int | None,
                live: bool = False) -> list[dict[str, Any]]:
    """Undirected country pairs by clusters between them: ``a``, ``b``, ``n_events``,
    ``n_reports``, ``net_intensity``, ``a_to_b``, ``b_to_a`` (from ``cluster_counts``, or
    with ``live`` counted from the clusters)."""
    names = ("n_events", "n_reports", "net_intensity", "a_to_b", "b_to_a")
    if live:
        u = undirected(_filters(modality=modality)).c
        both = u.ab + u.ba
        source = (sa.select(u.a, u.b, sa.literal(1).label("n_events"), (u.n_reports * both).label("n_reports"),
                            sa.func.coalesce(u.intensity * both, 0.0).label("net_intensity"),
                            u.ab.label("a_to_b"), u.ba.label("b_to_a")).subquery())
    else:
        k = cluster_counts.c
        source = (sa.select(k.a, k.b, *(k[n] for n in names))
                  .where(k.level == "pair", *([k.modality == modality] if modality is not None else []))
                  .subquery())
    q = (sa.select(source.c.a, source.c.b, *(sa.func.sum(source.c[n]).label(n) for n in names))
         .group_by(source.c.a, source.c.b)
         .order_by(sa.func.sum(source.c.n_events).desc(), source.c.a, source.c.b))
    if limit is not None:
        q = q.limit(limit)
    return [{**r, "net_intensity": round(float(r["net_intensity"]), 3),
             **{n: int(r[n]) for n in names if n != "net_intensity"}} for r in conn.execute(q).mappings()]


def outlet_counts(conn: sa.Connection, a: str, b: str, *, modality: str | None) -> list[dict[str, Any]]:
    """Per outlet and direction, the clusters between ``a`` and ``b`` that it reported:
    ``outlet`` ("" unknown), ``direction``, ``kind``, ``quad_class``, ``n_events``,
    ``n_reports``, ``intensity_sum``; plus per outlet ``articles`` (ids with such a report)."""
    a, b = country_of(a), country_of(b)
    pairs = _pairs(a, b).subquery("pairs")
    o = cluster_outlets.c
    query = (
        sa.select(o.outlet, pairs.c.forward, C.kind, C.quad_class, sa.func.count().label("n_events"),
                  sa.func.sum(o.n_reports).label("n_reports"),
                  sa.func.sum(C.intensity).label("intensity_sum"))
        .select_from(clusters.join(pairs, pairs.c.cluster_id == C.id)
                     .join(cluster_outlets, o.cluster_id == C.id))
        .where(*_filters(modality=modality))
        .group_by(o.outlet, pairs.c.forward, C.kind, C.quad_class)
    )
    return [{**r, "direction": f"{a}->{b}" if r["forward"] else f"{b}->{a}"}
            for r in conn.execute(query).mappings()]
