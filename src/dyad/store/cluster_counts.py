"""Counts over all stored clusters, kept as they change: what the network and the top dyads
read, so that neither scans every cluster.

``cluster_counts`` holds, per modality, one row per

* directed edge ``(a, b)`` of countries (``level = "country"``) or of codes (``"code"``):
  clusters with ``a`` among the sources and ``b`` among the targets, ``a != b``, with their
  reports, net intensity and quad classes;
* node (``"node:country"``, ``"node:code"``): clusters in which it takes part in an edge;
* total (``"total:country"``, ``"total:code"``): clusters with an edge;
* undirected pair of countries (``"pair"``, ``a < b``): clusters between them, with how many
  go each way.

A cluster's contribution is read from its ``clusters`` and ``cluster_countries`` rows:
``cluster_sync`` subtracts it before it changes or goes and adds it back after (``apply``),
in the same transaction, so the counts always equal those computed from the clusters
(``cluster_query.network_edges`` and ``pair_counts`` with ``live=True``).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dyad.store.schema import cluster_countries, cluster_counts, clusters

C = clusters.c
NUMBERS = ("n_events", "n_reports", "net_intensity", "n_quad1", "n_quad2", "n_quad3", "n_quad4",
           "a_to_b", "b_to_a")


def edge_pairs(col: str, where: list[sa.ColumnElement[bool]]) -> sa.Subquery:
    """(cid, modality, source, target, n_reports, intensity, quad_class): one row per
    cluster and directed pair of its ``col`` ("country" or "code") values, self-loops out."""
    src, tgt = cluster_countries.alias("src"), cluster_countries.alias("tgt")
    s, t = src.c[col], tgt.c[col]
    return (
        sa.select(C.id.label("cid"), C.modality, s.label("source"), t.label("target"), C.n_reports,
                  C.intensity, C.quad_class)
        .select_from(clusters.join(src, sa.and_(src.c.cluster_id == C.id, src.c.side == "s"))
                     .join(tgt, sa.and_(tgt.c.cluster_id == C.id, tgt.c.side == "t")))
        .where(s != t, *where)
        .distinct()
        .subquery("pairs")
    )


def quads(column: Any) -> list[Any]:
    return [sa.func.sum(sa.case((column == q, 1), else_=0)).label(f"n_quad{q}") for q in (1, 2, 3, 4)]


def undirected(where: list[sa.ColumnElement[bool]]) -> sa.Subquery:
    """(cid, modality, a, b, n_reports, intensity, ab, ba): one row per cluster and
    unordered pair of countries ``a < b`` it joins, and whether it goes a->b, b->a."""
    src, tgt = cluster_countries.alias("src"), cluster_countries.alias("tgt")
    lo = sa.case((src.c.country < tgt.c.country, src.c.country), else_=tgt.c.country)
    hi = sa.case((src.c.country < tgt.c.country, tgt.c.country), else_=src.c.country)
    return (
        sa.select(C.id.label("cid"), C.modality, lo.label("a"), hi.label("b"), C.n_reports, C.intensity,
                  sa.func.max(sa.case((src.c.country < tgt.c.country, 1), else_=0)).label("ab"),
                  sa.func.max(sa.case((src.c.country > tgt.c.country, 1), else_=0)).label("ba"))
        .select_from(clusters.join(src, sa.and_(src.c.cluster_id == C.id, src.c.side == "s"))
                     .join(tgt, sa.and_(tgt.c.cluster_id == C.id, tgt.c.side == "t")))
        .where(src.c.country != tgt.c.country, *where)
        .group_by(C.id, C.modality, lo, hi, C.n_reports, C.intensity)
        .subquery("per")
    )


def _zero() -> dict[str, Any]:
    return {k: 0 for k in NUMBERS} | {"net_intensity": 0.0}


def contributions(conn: sa.Connection, where: list[sa.ColumnElement[bool]]) -> list[dict[str, Any]]:
    """The ``cluster_counts`` rows of the clusters selected by ``where``."""
    out: list[dict[str, Any]] = []
    for col in ("country", "code"):
        p = edge_pairs(col, where).c
        for r in conn.execute(
            sa.select(p.modality, p.source, p.target, sa.func.count().label("n_events"),
                      sa.func.sum(p.n_reports).label("n_reports"),
                      sa.func.coalesce(sa.func.sum(p.intensity), 0.0).label("net_intensity"),
                      *quads(p.quad_class))
            .group_by(p.modality, p.source, p.target)
        ).mappings():
            out.append({**_zero(), **{k: r[k] for k in NUMBERS if k in r}, "level": col,
                        "modality": r["modality"], "a": r["source"], "b": r["target"]})
        ends = sa.union(sa.select(p.cid, p.modality, p.source.label("node")),
                        sa.select(p.cid, p.modality, p.target.label("node"))).subquery()
        for modality, node, n in conn.execute(
            sa.select(ends.c.modality, ends.c.node, sa.func.count()).group_by(ends.c.modality, ends.c.node)
        ):
            out.append({**_zero(), "n_events": n, "level": f"node:{col}", "modality": modality,
                        "a": node, "b": ""})
        ids = sa.select(p.cid, p.modality).distinct().subquery()
        for modality, n in conn.execute(sa.select(ids.c.modality, sa.func.count()).group_by(ids.c.modality)):
            out.append({**_zero(), "n_events": n, "level": f"total:{col}", "modality": modality,
                        "a": "", "b": ""})
    u = undirected(where).c
    both = u.ab + u.ba
    for r in conn.execute(
        sa.select(u.modality, u.a, u.b, sa.func.count().label("n_events"),
                  sa.func.sum(u.n_reports * both).label("n_reports"),
                  sa.func.coalesce(sa.func.sum(u.intensity * both), 0.0).label("net_intensity"),
                  sa.func.sum(u.ab).label("a_to_b"), sa.func.sum(u.ba).label("b_to_a"))
        .group_by(u.modality, u.a, u.b)
    ).mappings():
        out.append({**_zero(), **dict(r), "level": "pair"})
    return out


def apply(conn: sa.Connection, ids: list[str] | None, sign: int) -> None:
    """Add (``sign=1``) or subtract (``-1``) the contributions of the clusters ``ids``
    (``None``: every cluster, into an empty table)."""
    rows = contributions(conn, [] if ids is None else [C.id.in_(ids)])
    if not rows:
        return
    if ids is None:
        conn.execute(cluster_counts.insert(), rows)
        return
    for row in rows:
        for k in NUMBERS:
            row[k] = sign * row[k]
    insert = (sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert)(cluster_counts)
    conn.execute(insert.on_conflict_do_update(
        index_elements=["level", "modality", "a", "b"],
        set_={k: cluster_counts.c[k] + insert.excluded[k] for k in NUMBERS}), rows)
    if sign < 0:
        conn.execute(cluster_counts.delete().where(cluster_counts.c.n_events <= 0))
