"""Clusters kept at ingest: each stored event points at its cluster (``events.cluster_id``).

When an article's events are stored, replaced or deleted, ``sync`` re-applies the rules of
``clustering.py`` to the neighbourhood of what changed, key by key, in the same transaction:

1. the chain of day clusters, walked from the last anchor at or before the earliest changed
   day until it meets an old anchor past the latest changed day (from there on nothing
   changed);
2. the month reports of every month in which a day cluster was touched or a month report
   changed;
3. the year reports of every year in which a cluster was touched or a year report changed;
4. the undated reports of every article whose reports moved;
5. the summary of every touched cluster (``clusters``, ``cluster_countries``,
   ``cluster_outlets``, and its part of ``cluster_counts``), deleting the ones left without
   reports.

The outcome equals clustering every stored row at once (``clustering.cluster_rows``),
whatever order articles came in; ``tests/store/test_stored_clusters.py`` checks that after
random inserts, updates and deletes. ``rebuild`` clusters a whole store (migration 8,
``bench/make_store.py``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date as Date
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from dyad.store import cluster_counts as counts
from dyad.store.clustering import (
    UNKNOWN_RANK,
    WINDOW_DAYS,
    cluster_id,
    event_key,
    key_hash,
    place,
    placed_date,
    rank_of,
    side_codes,
    summarise,
)
from dyad.store.event_query import flatten, rows_of_clusters, rows_select
from dyad.store.schema import (
    cluster_countries,
    cluster_counts,
    cluster_outlets,
    clusters,
    events,
)

E, C = events.c, clusters.c


class Changes:
    """What one save changes, key by key: placed dates of old and new reports, the clusters
    the old reports were in, and the articles involved."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, set]] = {}
        self.clusters: set[str] = set()
        self.articles: set[str] = set()

    def read(self, conn: sa.Connection, article_ids: Iterable[str]) -> None:
        """Note the stored reports of ``article_ids`` (before a delete, and after an insert)."""
        ids = list(article_ids)
        if not ids:
            return
        self.articles.update(ids)
        query = sa.select(E.ckey, E.crank, E.cdate, E.cluster_id).where(E.article_id.in_(ids))
        for ckey, rank, cdate, cid in conn.execute(query):
            if cid is not None:
                self.clusters.add(cid)
            if rank < UNKNOWN_RANK:
                self.keys.setdefault(ckey, {0: set(), 1: set(), 2: set()})[rank].add(cdate)
            else:
                self.keys.setdefault(ckey, {0: set(), 1: set(), 2: set()})


def _next_day(value: str, days: int) -> str:
    return (Date.fromisoformat(value) + timedelta(days=days)).isoformat()


def _skeleton(conn: sa.Connection, cid: str, ckey: str, rank: int, anchor: str | None) -> None:
    """A cluster row that ``write_summaries`` fills in; made now so later steps see it."""
    exists = conn.execute(sa.select(C.id).where(C.id == cid)).first()
    if exists is None:
        conn.execute(clusters.insert().values(
            id=cid, ckey=ckey, rank=rank, anchor=anchor, modality="",
            kind="", n_reports=0, n_articles=0, sort_date=anchor or "~", data="{}"))


def _assign(conn: sa.Connection, rows: list[tuple[str, int, str | None]], target: str,
            touched: set[str], moved: set[str]) -> None:
    for article_id, seq, old in rows:
        if old != target:
            conn.execute(events.update().where(E.article_id == article_id, E.seq == seq)
                         .values(cluster_id=target))
            moved.add(article_id)
            if old is not None:
                touched.add(old)
    touched.add(target)


def _rows(conn: sa.Connection, *where: Any) -> list[tuple[str, int, str | None]]:
    return [tuple(r) for r in conn.execute(sa.select(E.article_id, E.seq, E.cluster_id).where(*where))]


def _day_chain(conn: sa.Connection, ckey: str, days: set[str], touched: set[str],
               moved: set[str]) -> set[str]:
    """Walk the chain of day clusters over ``days``; return the months of the clusters it
    dropped (deleted at once, so that later steps never join them)."""
    lo, hi = min(days), max(days)
    start = conn.execute(sa.select(sa.func.max(C.anchor)).where(
        C.ckey == ckey, C.rank == 0, C.anchor <= lo)).scalar() or ""
    cur, stop = start, None
    new_ids: set[str] = set()
    while True:
        anchor = conn.execute(sa.select(sa.func.min(E.cdate)).where(
            E.ckey == ckey, E.crank == 0, E.cdate >= cur)).scalar()
        if anchor is None:
            break
        cid = cluster_id(ckey, 0, anchor)
        if anchor > hi and conn.execute(sa.select(C.id).where(C.id == cid)).first() is not None:
            stop = anchor
            break
        end = _next_day(anchor, WINDOW_DAYS)
        _skeleton(conn, cid, ckey, 0, anchor)
        new_ids.add(cid)
        _assign(conn, _rows(conn, E.ckey == ckey, E.crank == 0, E.cdate >= anchor, E.cdate <= end),
                cid, touched, moved)
        cur = _next_day(end, 1)
    old = sa.select(C.id, C.anchor).where(C.ckey == ckey, C.rank == 0, C.anchor >= start)
    if stop is not None:
        old = old.where(C.anchor < stop)
    gone = {cid: anchor for cid, anchor in conn.execute(old) if cid not in new_ids}
    if gone:  # their other reports (months, years, undated) are placed again below
        _drop(conn, list(gone))
    return {a[:7] for a in gone.values()}


def _within(prefix: str) -> sa.ColumnElement[bool]:
    """Anchors in the month or year ``prefix`` ("2024-04" or "2024")."""
    return sa.and_(C.anchor > prefix + "-", C.anchor < prefix + "-~")


def _own_or_first(conn: sa.Connection, ckey: str, article_id: str, ranks: tuple[int, ...],
                  prefix: str) -> str | None:
    """The first cluster anchored in ``prefix`` (by rank, anchor) that holds a report of
    ``article_id`` of one of ``ranks``; else the first anchored there at all."""
    own = conn.execute(
        sa.select(C.id).select_from(events.join(clusters, C.id == E.cluster_id))
        .where(E.article_id == article_id, E.ckey == ckey, E.crank.in_(ranks), C.rank.in_(ranks),
               _within(prefix))
        .order_by(C.rank, C.anchor).limit(1)
    ).scalar()
    if own is not None:
        return own
    return conn.execute(sa.select(C.id).where(C.ckey == ckey, C.rank.in_(ranks), _within(prefix))
                        .order_by(C.rank, C.anchor).limit(1)).scalar()


def _periods(conn: sa.Connection, ckey: str, rank: int, periods: set[str], touched: set[str],
             moved: set[str]) -> None:
    """Month (``rank`` 1) or year (2) reports of each period in ``periods``."""
    ranks = (0,) if rank == 1 else (0, 1)
    for period in sorted(periods):
        rows = _rows(conn, E.ckey == ckey, E.crank == rank, E.cdate == period)
        own_cid = cluster_id(ckey, rank, period)
        for article_id in sorted({r[0] for r in rows}):
            target = _own_or_first(conn, ckey, article_id, ranks, period)
            if target is None:
                target = own_cid
                _skeleton(conn, target, ckey, rank, period)
            _assign(conn, [r for r in rows if r[0] == article_id], target, touched, moved)
        if not rows or conn.execute(sa.select(E.seq).where(E.cluster_id == own_cid).limit(1)).first() is None:
            _drop(conn, [own_cid])  # empty: years must not join it


def _undated(conn: sa.Connection, ckey: str, articles: set[str], touched: set[str]) -> None:
    for article_id in sorted(articles):
        rows = _rows(conn, E.ckey == ckey, E.crank == UNKNOWN_RANK, E.article_id == article_id)
        if not rows:
            continue
        target = conn.execute(
            sa.select(E.cluster_id).where(E.article_id == article_id, E.ckey == ckey,
                                          E.crank < UNKNOWN_RANK)
            .order_by(E.crank, E.cdate, E.sentence_index, E.start, E.end, E.seq).limit(1)
        ).scalar()
        if target is None:
            target = cluster_id(ckey, UNKNOWN_RANK, None, article_id)
            _skeleton(conn, target, ckey, UNKNOWN_RANK, None)
        _assign(conn, rows, target, touched, set())


def _drop(conn: sa.Connection, ids: list[str]) -> None:
    """Delete clusters with their side rows (explicitly: cascades hang on a setting) and
    their part of ``cluster_counts``."""
    counts.apply(conn, ids, -1)
    for table in (cluster_countries, cluster_outlets):
        conn.execute(table.delete().where(table.c.cluster_id.in_(ids)))
    conn.execute(clusters.delete().where(C.id.in_(ids)))


def _touched_periods(conn: sa.Connection, ids: set[str], width: int) -> set[str]:
    anchors = conn.execute(sa.select(C.anchor).where(C.id.in_(ids), C.anchor.is_not(None))).scalars()
    return {a[:width] for a in anchors if len(a) >= width}


def sync(conn: sa.Connection, changes: Changes) -> None:
    """Bring the clusters of every key in ``changes`` up to date (see the module docstring)."""
    touched = set(changes.clusters)
    for ckey, dates in sorted(changes.keys.items()):
        moved = set(changes.articles)
        mine: set[str] = set()
        gone_months = _day_chain(conn, ckey, dates[0], mine, moved) if dates[0] else set()
        months = dates[1] | gone_months | _touched_periods(conn, mine | touched, 7)
        _periods(conn, ckey, 1, months, mine, moved)
        years = dates[2] | {m[:4] for m in months} | _touched_periods(conn, mine | touched, 4)
        _periods(conn, ckey, 2, years, mine, moved)
        _undated(conn, ckey, moved, mine)
        touched |= mine
    write_summaries(conn, touched)


def write_summaries(conn: sa.Connection, ids: Iterable[str]) -> None:
    """Rewrite the ``clusters`` row and countries of each of ``ids``; drop the empty ones."""
    ids = sorted(set(ids))
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        members = rows_of_clusters(conn, chunk)
        counts.apply(conn, chunk, -1)
        conn.execute(cluster_countries.delete().where(cluster_countries.c.cluster_id.in_(chunk)))
        conn.execute(cluster_outlets.delete().where(cluster_outlets.c.cluster_id.in_(chunk)))
        gone = [cid for cid in chunk if cid not in members]
        if gone:
            conn.execute(clusters.delete().where(C.id.in_(gone)))
        for cid, rows in members.items():
            _write(conn, cid, rows)
        counts.apply(conn, list(members), 1)


def _write(conn: sa.Connection, cid: str, rows: list[dict[str, Any]]) -> None:
    values, sides, outlets = _summary_rows(cid, rows)
    conn.execute(clusters.update().where(C.id == cid).values(**values))
    if sides:
        conn.execute(cluster_countries.insert(), sides)
    conn.execute(cluster_outlets.insert(), outlets)


def _summary_rows(cid: str, rows: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict], list[dict]]:
    """The ``clusters`` columns (but the key and anchor), ``cluster_countries`` rows and
    ``cluster_outlets`` rows of the cluster ``cid`` of ``rows``."""
    key = event_key(rows[0])
    summary = summarise(rows, key, cid)
    rank = {"day": 0, "month": 1, "year": 2}.get(summary["date_precision"], UNKNOWN_RANK)
    first = summary["first_reported"]
    place_day = summary["date"] if rank == 0 else (first[:10] if rank == UNKNOWN_RANK and first else None)
    place_month = (summary["date"][:7] if rank <= 1 else
                   first[:7] if rank == UNKNOWN_RANK and first else None)
    values = {
        "modality": summary["modality"] or "", "kind": key[2],
        "root": summary["root"], "quad_class": summary["quad_class"],
        "intensity": summary["intensity"], "n_reports": summary["n_reports"],
        "n_articles": summary["n_articles"], "date": summary["date"], "first_reported": first,
        "eff_date": summary["date"] or first, "sort_date": f"{summary['date'] or '~'} {first or '~'}",
        "place_day": place_day, "place_month": place_month,
        "data": json.dumps(summary, ensure_ascii=False, sort_keys=True),
    }
    sides: dict[tuple[str, str], str] = {}
    for side, name in (("s", "sources"), ("t", "targets")):
        for country, code in zip(summary[name], side_codes(summary, name)):
            sides[(side, country)] = code
    outlets: dict[str, int] = {}
    for r in rows:
        outlets[r.get("outlet") or ""] = outlets.get(r.get("outlet") or "", 0) + 1
    return (values,
            [{"cluster_id": cid, "side": s, "country": c, "code": code} for (s, c), code in sorted(sides.items())],
            [{"cluster_id": cid, "outlet": o, "n_reports": n} for o, n in sorted(outlets.items())])


def refresh_keys(conn: sa.Connection) -> int:
    """Recompute every event's ``ckey``, ``crank`` and ``cdate`` from its stored record (for
    rows written without them: migration 7, ``bench/make_store.py``); return the count."""
    updates = []
    for article_id, seq, data in conn.execute(sa.select(E.article_id, E.seq, E.data)):
        e = json.loads(data)
        date = e.get("date") or {}
        rank = rank_of(date.get("value"), date.get("precision"))
        updates.append({"a": article_id, "s": seq, "k": key_hash(event_key(e)), "r": rank,
                        "d": placed_date(date.get("value"), rank)})
    statement = (events.update().where(E.article_id == sa.bindparam("a"), E.seq == sa.bindparam("s"))
                 .values(ckey=sa.bindparam("k"), crank=sa.bindparam("r"), cdate=sa.bindparam("d")))
    for k in range(0, len(updates), 20000):
        conn.execute(statement, updates[k:k + 20000])
    return len(updates)


def rebuild(conn: sa.Connection, *, flush: int = 5000) -> int:
    """Cluster every stored event from scratch, key by key, in bulk; return the number of
    clusters. Each key's reports are read once; rows are written ``flush`` clusters at a time."""
    for table in (cluster_counts, cluster_countries, cluster_outlets, clusters):
        conn.execute(table.delete())
    conn.execute(events.update().values(cluster_id=None))
    keys = list(conn.execute(sa.select(E.ckey).distinct().order_by(E.ckey)).scalars())
    pending: dict[str, list[dict[str, Any]]] = {"clusters": [], "countries": [], "outlets": [], "events": []}
    n = 0
    for ckey in keys:
        rows = [flatten(r) for r in conn.execute(rows_select(events).where(E.ckey == ckey)).mappings()]
        for placed in place(rows):
            cid = cluster_id(ckey, placed.rank, placed.anchor, placed.rows[0]["article_id"])
            cluster, sides, outlets = _summary_rows(cid, placed.rows)
            pending["clusters"].append({"id": cid, "ckey": ckey, "rank": placed.rank,
                                        "anchor": placed.anchor, **cluster})
            pending["countries"].extend(sides)
            pending["outlets"].extend(outlets)
            pending["events"].extend({"a": r["article_id"], "s": r["seq"], "c": cid} for r in placed.rows)
            n += 1
        if len(pending["clusters"]) >= flush:
            _flush(conn, pending)
    _flush(conn, pending)
    counts.apply(conn, None, 1)
    return n


def _flush(conn: sa.Connection, pending: dict[str, list[dict[str, Any]]]) -> None:
    for name, table in (("clusters", clusters), ("countries", cluster_countries), ("outlets", cluster_outlets)):
        if pending[name]:
            conn.execute(table.insert(), pending[name])
    if pending["events"]:
        conn.execute(events.update().where(E.article_id == sa.bindparam("a"), E.seq == sa.bindparam("s"))
                     .values(cluster_id=sa.bindparam("c")), pending["events"])
    for rows in pending.values():
        rows.clear()
