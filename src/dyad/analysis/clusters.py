"""Same event, several reports: group event rows into real-world events.

News repeats itself. One meeting is reported by ten outlets, and one article mentions it in
its lead, again in the fifth paragraph and once more at the end. Counting rows counts
reports; GDELT and ICEWS are known to overcount for exactly this reason. ``cluster_events``
groups the rows of ``Store.list_events`` so that counts are of events.

Two reports are of one event when they share the key

    (source countries, target countries, PLOVER type (else CAMEO root), modality)

and their dates are compatible:

* day and day: at most ``window_days`` apart (±3 by default), measured from the cluster's
  earliest day, so a cluster never spans more than the window;
* a month or year date: the cluster's date falls in that month or year;
* no date: only reports from the same article (a later "the meeting" in that article);
  undated reports never join reports from other articles.

Modality stays in the key: an asserted report and a planned report of the same act are two
events (one happened, one was announced). Reports are placed best-precision first and by
date, and a report joins, among the compatible clusters, one that already holds a report
from its own article if any, else the earliest. The result is deterministic for a given set
of rows and does not depend on their order.

Clusters are computed on read, not stored: they depend on the whole set of rows asked for
(and on the window), and the store stays a record of what each article says.
"""
from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import date as Date
from typing import Any

from dyad.codes import countries, country_of

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
UNKNOWN_RANK = 3
REPORT_FIELDS = ("article_id", "sentence_index", "start", "end", "url", "title", "outlet")


def event_key(row: dict[str, Any]) -> tuple:
    """The part of a report that must agree for two reports to be of one event."""
    src = tuple(row.get("source_countries") or countries(row.get("sources", ())))
    tgt = tuple(row.get("target_countries") or countries(row.get("targets", ())))
    kind = row.get("plover") or f"root:{row.get('root') or str(row.get('cameo', ''))[:2]}"
    return (src, tgt, kind, row.get("modality"))


def _precision(row: dict[str, Any]) -> int:
    value = row.get("date")
    rank = PRECISION_RANK.get(row.get("date_precision") or "", UNKNOWN_RANK) if value else UNKNOWN_RANK
    if rank == 0 and _day(value) is None:
        return UNKNOWN_RANK  # a malformed day: treated as undated
    return rank


def _day(value: str) -> Date | None:
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _order(row: dict[str, Any]) -> tuple:
    """Reading order of reports: the article's date (undated last), then place in it."""
    art_date = row.get("article_date") or ""
    return (art_date == "", art_date, row.get("article_id", ""), row.get("sentence_index", 0),
            row.get("start", 0), row.get("end", 0), row.get("seq", 0))


class _Cluster:
    __slots__ = ("articles", "rows")

    def __init__(self, row: dict[str, Any]) -> None:
        self.rows = [row]
        self.articles = {row.get("article_id")}


def _place(rows: list[dict[str, Any]], window_days: int) -> list[_Cluster]:
    """Place reports (of one key) into clusters; indexed so that a long series of one
    dyad's reports stays near-linear. Day reports come first and in date order, so every
    cluster that exists while they are placed is anchored on a day, anchors ascending."""
    clusters: list[_Cluster] = []
    day_anchors: list[int] = []  # ordinal of each day-anchored cluster's anchor
    day_clusters: list[_Cluster] = []
    by_period: dict[str, list[_Cluster]] = {}  # "YYYY-MM" / "YYYY" -> clusters dated in it
    by_article: dict[Any, list[_Cluster]] = {}
    for row in sorted(rows, key=lambda r: (_precision(r), r.get("date") or "", _order(r))):
        rank, value, article = _precision(row), row.get("date") or "", row.get("article_id")
        if rank == 0:
            day = _day(value).toordinal()  # type: ignore[union-attr]
            lo = bisect.bisect_left(day_anchors, day - window_days)
            fits = day_clusters[lo:]
        elif rank in (1, 2):
            fits = by_period.get(value[:7] if rank == 1 else value[:4], [])
        else:  # undated: only with its own article's reports
            fits = by_article.get(article, [])
        own = [c for c in fits if article in c.articles]
        if own or fits:
            cluster = (own or fits)[0]
            cluster.rows.append(row)
            if article not in cluster.articles:
                cluster.articles.add(article)
                by_article.setdefault(article, []).append(cluster)
            continue
        cluster = _Cluster(row)
        clusters.append(cluster)
        by_article.setdefault(article, []).append(cluster)
        if rank == 0:
            day_anchors.append(day)
            day_clusters.append(cluster)
        if rank <= 1:
            by_period.setdefault(value[:7], []).append(cluster)
        if rank <= 2:
            by_period.setdefault(value[:4], []).append(cluster)
    return clusters


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _codes_by_frequency(rows: list[dict[str, Any]], field: str) -> list[str]:
    counts = Counter(code for r in rows for code in r.get(field, ()))
    return sorted(counts, key=lambda c: (-counts[c], -len(c), c))  # ties: most specific


def side_codes(cluster: dict[str, Any], side: str) -> list[str]:
    """One actor code per country of ``side`` ("sources" or "targets") of a cluster: the
    code its reports use most for that country ("IRNGOV" over "IRN" if more frequent)."""
    codes = cluster.get("source_codes" if side == "sources" else "target_codes", [])
    return [next((c for c in codes if country_of(c) == k), k) for k in cluster.get(side, [])]


def _report(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row.get(k) for k in REPORT_FIELDS}
    out.update(
        seq=row.get("seq"), sentence=row.get("sentence"), trigger=row.get("trigger"),
        cameo=row.get("cameo"), date=row.get("date"), date_precision=row.get("date_precision"),
        article_date=row.get("article_date"), source_spans=row.get("source_spans", []),
        target_spans=row.get("target_spans", []), extractor=row.get("extractor"),
        ingested_at=row.get("ingested_at"),
    )
    return out


def cluster_id(first: dict[str, Any], key: tuple) -> str:
    """A stable id: a hash of the cluster's earliest report and its key."""
    src, tgt, kind, modality = key
    blob = "|".join([
        str(first.get("article_id")), str(first.get("sentence_index")), str(first.get("start")),
        str(first.get("end")), ",".join(src), ",".join(tgt), str(kind), str(modality),
    ])
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _summarise(cluster: _Cluster, key: tuple) -> dict[str, Any]:
    rows = sorted(cluster.rows, key=_order)
    first = rows[0]
    best = min(_precision(r) for r in rows)
    dated = sorted(r["date"] for r in rows if _precision(r) == best and r.get("date"))
    intensities = [float(r["intensity"]) for r in rows if r.get("intensity") is not None]
    src, tgt, kind, modality = key
    article_ids = list(dict.fromkeys(r.get("article_id") for r in rows))
    return {
        "id": cluster_id(first, key),
        "type": first.get("plover") or None,
        "root": _most_common(r.get("root") or str(r.get("cameo", ""))[:2] for r in rows),
        "cameo": _most_common(r.get("cameo") for r in rows),
        "quad_class": _most_common(r.get("quad_class") for r in rows),
        "intensity": sum(intensities) / len(intensities) if intensities else None,
        "modality": modality,
        "sources": list(src),
        "targets": list(tgt),
        "source_codes": _codes_by_frequency(rows, "sources"),
        "target_codes": _codes_by_frequency(rows, "targets"),
        "source_keys": _codes_by_frequency(rows, "source_keys"),
        "target_keys": _codes_by_frequency(rows, "target_keys"),
        "mode": _most_common(r.get("mode") for r in rows),
        "context": sorted({c for r in rows for c in r.get("context", ())}),
        "date": dated[0] if dated else None,
        "date_precision": {0: "day", 1: "month", 2: "year"}.get(best, "unknown"),
        "first_reported": min((r["article_date"] for r in rows if r.get("article_date")), default=None),
        "n_reports": len(rows),
        "n_articles": len(article_ids),
        "n_outlets": len({r.get("outlet") for r in rows if r.get("outlet")}),
        "article_ids": article_ids,
        "reports": [_report(r) for r in rows],
    }


def cluster_events(rows: Iterable[dict[str, Any]], *, window_days: int = 3) -> list[dict[str, Any]]:
    """Group event rows (``Store.list_events``) into events, each listing its reports.

    Returns one dict per event, ordered by date (undated last) then id, with: ``id`` (stable
    hash of its earliest report), ``type`` (PLOVER), ``root``/``cameo``/``quad_class`` (most
    frequent), ``intensity`` (mean), ``modality``, ``sources``/``targets`` (country parts),
    ``source_codes``/``target_codes`` (full codes, most frequent first), ``mode``,
    ``context``, ``date`` (earliest among the reports with the best precision),
    ``date_precision``, ``first_reported`` (earliest article date), ``n_reports``,
    ``n_articles``, ``n_outlets``, ``article_ids`` and ``reports`` (``article_id``,
    ``sentence_index``, ``start``, ``end``, ``url``, ``title``, ``outlet`` and more, in
    reading order: earliest article first).
    """
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(event_key(row), []).append(row)
    out = []
    for key, members in groups.items():
        for cluster in _place(members, window_days):
            out.append(_summarise(cluster, key))
    out.sort(key=lambda c: (c["date"] is None, c["date"] or "", c["first_reported"] or "~", c["id"]))
    return out
