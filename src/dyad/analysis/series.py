"""Dyad time series for dashboards: directed event counts per period.

    rows = store.list_events(dyad=("IRN", "RUS"))
    dyad_series(rows, a="IRN", b="RUS", freq="month")

Counts are of events (clusters of reports, see ``clusters.py``), never of reports. Each
event is placed in the period of its date when that date is at least as precise as the
period (a "2024-04" event counts in April's month but in no week or day); an undated event
is placed at its first report's publication date, as GDELT does; an event that can be
placed in no period is left out.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date as Date
from datetime import timedelta
from typing import Any

from dyad.analysis.clusters import cluster_events
from dyad.codes import country_of, dyad_direction

FREQS = ("day", "week", "month")
QUADS = (1, 2, 3, 4)
_NEEDS = {"day": ("day",), "week": ("day",), "month": ("day", "month")}


def _period_start(day: Date, freq: str) -> Date:
    if freq == "day":
        return day
    if freq == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    return day.replace(day=1)


def _next(start: Date, freq: str) -> Date:
    if freq == "day":
        return start + timedelta(days=1)
    if freq == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _label(start: Date, freq: str) -> str:
    if freq == "day":
        return start.isoformat()
    if freq == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.strftime("%Y-%m")


def _placed_on(event: dict[str, Any], freq: str) -> Date | None:
    value, precision = event.get("date"), event.get("date_precision")
    if value and precision in _NEEDS[freq]:
        return Date.fromisoformat(value if precision == "day" else f"{value[:7]}-01")
    if not value and event.get("first_reported"):
        return Date.fromisoformat(event["first_reported"][:10])
    return None


def _empty(label: str, start: Date, source: str, target: str) -> dict[str, Any]:
    return {
        "period": label, "period_start": start.isoformat(), "source": source, "target": target,
        "n_events": 0, "n_reports": 0, "by_type": {},
        **{f"n_quad{q}": 0 for q in QUADS},
        "intensity_sum": 0.0, "intensity_mean": None,
    }


def dyad_series(
    rows: Iterable[dict[str, Any]],
    *,
    a: str,
    b: str,
    freq: str = "month",
    modality: str | None = "asserted",
    window_days: int = 3,
) -> list[dict[str, Any]]:
    """Directed counts of events between ``a`` and ``b`` per period, both directions.

    ``rows`` are event rows from ``Store.list_events`` (clustered here) or clusters from
    ``cluster_events`` (used as they are). ``modality=None`` keeps every modality. Returns,
    for every period from the first to the last with an event (gaps filled with zeros) and
    for each direction (``a``→``b`` first), one dict: ``period`` ("2024-04", "2024-W16" or
    "2024-04-16"), ``period_start`` (ISO date), ``source``, ``target``, ``n_events``,
    ``n_reports``, ``by_type`` (PLOVER type -> events), ``n_quad1``..``n_quad4``,
    ``intensity_sum`` and ``intensity_mean`` (``None`` without events).
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    a, b = country_of(a), country_of(b)
    rows = list(rows)
    clusters = rows if rows and all("reports" in r for r in rows) else cluster_events(
        rows, window_days=window_days
    )
    cells: dict[tuple[Date, str], dict[str, Any]] = {}
    for event in clusters:
        if modality is not None and event.get("modality") != modality:
            continue
        direction = dyad_direction(event.get("sources", ()), event.get("targets", ()), a, b)
        day = _placed_on(event, freq)
        if direction is None or day is None:
            continue
        intensity = event.get("intensity")
        _add(cells, day, freq, direction, kind=event.get("type") or f"root:{event.get('root')}",
             quad=event.get("quad_class"), n_events=1, n_reports=int(event.get("n_reports", 1)),
             intensity_sum=float(intensity) if intensity is not None else 0.0)
    return _finish(cells, a, b, freq)


def stored_series(store: Any, a: str, b: str, *, freq: str = "month",
                  modality: str | None = "asserted") -> list[dict[str, Any]]:
    """``dyad_series`` of the clusters the store keeps (``Store.list_clusters``), counted in
    SQL (``Store.cluster_aggregates("series")``): the same rows, without reading events."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    a, b = country_of(a), country_of(b)
    cells: dict[tuple[Date, str], dict[str, Any]] = {}
    for r in store.cluster_aggregates("series", a=a, b=b, freq=freq, modality=modality):
        value = r["placed"]
        day = Date.fromisoformat(value if len(value) == 10 else f"{value[:7]}-01")
        _add(cells, day, freq, r["direction"], kind=r["kind"], quad=r["quad_class"],
             n_events=int(r["n_events"]), n_reports=int(r["n_reports"]),
             intensity_sum=float(r["intensity_sum"] or 0.0))
    return _finish(cells, a, b, freq)


def _add(cells: dict[tuple[Date, str], dict[str, Any]], day: Date, freq: str, direction: str, *,
         kind: str, quad: Any, n_events: int, n_reports: int, intensity_sum: float) -> None:
    start = _period_start(day, freq)
    source, target = direction.split("->")
    cell = cells.setdefault((start, direction), _empty(_label(start, freq), start, source, target))
    cell["n_events"] += n_events
    cell["n_reports"] += n_reports
    cell["by_type"][kind] = cell["by_type"].get(kind, 0) + n_events
    if quad in QUADS:
        cell[f"n_quad{quad}"] += n_events
    cell["intensity_sum"] += intensity_sum


def _finish(cells: dict[tuple[Date, str], dict[str, Any]], a: str, b: str, freq: str) -> list[dict[str, Any]]:
    if not cells:
        return []
    out = []
    start, last = min(s for s, _ in cells), max(s for s, _ in cells)
    while start <= last:
        for source, target in ((a, b), (b, a)):
            cell = cells.get((start, f"{source}->{target}")) or _empty(
                _label(start, freq), start, source, target
            )
            if cell["n_events"]:
                cell["intensity_mean"] = cell["intensity_sum"] / cell["n_events"]
            cell["by_type"] = dict(sorted(cell["by_type"].items()))
            out.append(cell)
        start = _next(start, freq)
    return out
