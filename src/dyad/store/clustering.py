"""Same event, several reports: the rules that group event reports into real-world events.

News repeats itself. One meeting is reported by ten outlets, and one article mentions it in
its lead, again in the fifth paragraph and once more at the end. Counting rows counts
reports; GDELT and ICEWS are known to overcount for exactly this reason. A *cluster* is one
real-world event and the reports of it.

Two reports are of one event when they share the key

    (source countries, target countries, PLOVER type (else CAMEO root), modality)

and their dates are compatible (``WINDOW_DAYS`` = 3):

* day and day: a cluster is anchored on its earliest day and holds the days up to
  ``WINDOW_DAYS`` after it, so a cluster never spans more than the window; the next day
  after that starts the next cluster (the days of one key form a chain);
* a month or year date: joins a cluster anchored in that month or year, preferring one that
  already holds a report of its own article, else the earliest (day clusters before month
  clusters); with none, it starts the cluster of that month or year;
* no date: joins the first cluster its own article's reports are in (in the order: day
  reports by date, then months, then years); with none, the article's undated reports are
  one cluster. Undated reports never join reports from other articles alone.

Modality stays in the key: an asserted report and a planned report of the same act are two
events (one happened, one was announced). The result depends only on the set of reports, not
on their order, and each rule reads a bounded neighbourhood (the chain around a day, one
month, one year, one article), which is what lets the store keep clusters up to date at
ingest (``cluster_sync.py``). A cluster's id is a hash of its key and its anchor (the day,
month or year it is anchored on; for an undated cluster, its article), so it stays the same
while reports join it.
"""
from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import date as Date
from typing import Any

from dyad.codes import countries, country_of

WINDOW_DAYS = 3
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
UNKNOWN_RANK = 3
RANK_NAMES = {0: "day", 1: "month", 2: "year", 3: "unknown"}
REPORT_FIELDS = ("article_id", "sentence_index", "start", "end", "url", "title", "outlet")


def event_key(row: dict[str, Any]) -> tuple:
    """The part of a report that must agree for two reports to be of one event."""
    src = tuple(row.get("source_countries") or countries(row.get("sources", ())))
    tgt = tuple(row.get("target_countries") or countries(row.get("targets", ())))
    kind = row.get("plover") or f"root:{row.get('root') or str(row.get('cameo', ''))[:2]}"
    return (src, tgt, kind, row.get("modality"))


def key_hash(key: tuple) -> str:
    src, tgt, kind, modality = key
    blob = "|".join([",".join(src), ",".join(tgt), str(kind), str(modality)])
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _day(value: str) -> Date | None:
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def rank_of(value: str | None, precision: str | None) -> int:
    """0 day, 1 month, 2 year, 3 undated (a malformed day counts as undated)."""
    rank = PRECISION_RANK.get(precision or "", UNKNOWN_RANK) if value else UNKNOWN_RANK
    if rank == 0 and _day(value or "") is None:
        return UNKNOWN_RANK
    return rank


def placed_date(value: str | None, rank: int) -> str | None:
    """The date a report is placed by: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``None``."""
    if rank == UNKNOWN_RANK or not value:
        return None
    return value[:(10, 7, 4)[rank]]


def _rank(row: dict[str, Any]) -> int:
    return rank_of(row.get("date"), row.get("date_precision"))


def report_order(row: dict[str, Any]) -> tuple:
    """Reading order of reports: the article's date (undated last), then place in it."""
    art_date = row.get("article_date") or ""
    return (art_date == "", art_date, row.get("article_id", ""), row.get("sentence_index", 0),
            row.get("start", 0), row.get("end", 0), row.get("seq", 0))


def cluster_id(ckey: str, rank: int, anchor: str | None, article_id: str | None = None) -> str:
    """A stable id: a hash of the key's hash and the anchor (an undated cluster: its article)."""
    where = f"{rank}:{anchor}" if rank < UNKNOWN_RANK else f"article:{article_id}"
    return hashlib.sha1(f"{ckey}|{where}".encode()).hexdigest()[:16]


class Placed:
    """One cluster while reports are placed: its rank, anchor, reports and articles."""
    __slots__ = ("anchor", "articles", "rank", "rows")

    def __init__(self, row: dict[str, Any], rank: int) -> None:
        self.rows = [row]
        self.rank = rank
        self.anchor = placed_date(row.get("date"), rank)
        self.articles = {row.get("article_id")}

    def id(self, key: tuple) -> str:
        return cluster_id(key_hash(key), self.rank, self.anchor, self.rows[0].get("article_id"))


def place(rows: list[dict[str, Any]], window_days: int = WINDOW_DAYS) -> list[Placed]:
    """Place the reports of one key into clusters (the rules in the module docstring);
    indexed so that a long series of one dyad's reports stays near-linear."""
    clusters: list[Placed] = []
    day_anchors: list[int] = []  # ordinal of each day-anchored cluster's anchor
    day_clusters: list[Placed] = []
    by_period: dict[str, list[Placed]] = {}  # "YYYY-MM" / "YYYY" -> clusters anchored in it
    by_article: dict[Any, list[Placed]] = {}
    for row in sorted(rows, key=lambda r: (_rank(r), r.get("date") or "", report_order(r))):
        rank, value, article = _rank(row), row.get("date") or "", row.get("article_id")
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
        cluster = Placed(row, rank)
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


def report(row: dict[str, Any]) -> dict[str, Any]:
    """What a cluster lists of one of its reports."""
    out = {k: row.get(k) for k in REPORT_FIELDS}
    out.update(
        seq=row.get("seq"), sentence=row.get("sentence"), trigger=row.get("trigger"),
        cameo=row.get("cameo"), date=row.get("date"), date_precision=row.get("date_precision"),
        article_date=row.get("article_date"), source_spans=row.get("source_spans", []),
        target_spans=row.get("target_spans", []), extractor=row.get("extractor"),
        ingested_at=row.get("ingested_at"),
    )
    return out


def summarise(rows: list[dict[str, Any]], key: tuple, cid: str) -> dict[str, Any]:
    """A cluster of ``rows`` (its reports) as one event, without the reports themselves."""
    rows = sorted(rows, key=report_order)
    first = rows[0]
    best = min(_rank(r) for r in rows)
    dated = sorted(r["date"] for r in rows if _rank(r) == best < UNKNOWN_RANK and r.get("date"))
    intensities = [float(r["intensity"]) for r in rows if r.get("intensity") is not None]
    src, tgt, _, modality = key
    article_ids = list(dict.fromkeys(r.get("article_id") for r in rows))
    return {
        "id": cid,
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
        "date_precision": RANK_NAMES[best],
        "first_reported": min((r["article_date"] for r in rows if r.get("article_date")), default=None),
        "n_reports": len(rows),
        "n_articles": len(article_ids),
        "n_outlets": len({r.get("outlet") for r in rows if r.get("outlet")}),
        "article_ids": article_ids,
    }


def order_key(cluster: dict[str, Any]) -> tuple:
    """Clusters by date (undated last), first report, id."""
    return (cluster["date"] is None, cluster["date"] or "", cluster["first_reported"] or "~", cluster["id"])


def cluster_rows(rows: Iterable[dict[str, Any]], *, window_days: int = WINDOW_DAYS) -> list[dict[str, Any]]:
    """Group event rows into clusters, each with its ``reports`` in reading order."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(event_key(row), []).append(row)
    out = []
    for key, members in groups.items():
        for placed in place(members, window_days):
            cluster = summarise(placed.rows, key, placed.id(key))
            cluster["reports"] = [report(r) for r in sorted(placed.rows, key=report_order)]
            out.append(cluster)
    out.sort(key=order_key)
    return out
