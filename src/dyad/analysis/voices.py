"""Who speaks for each side of a dyad, what they hold toward the other, and how outlets differ.

    quotes, stances = store.list_quotes(), store.list_stances()
    sides = dyad_voices(quotes, stances, "IRN", "RUS", codes=actor_codes(store.list_actors()))
    outlets = outlet_breakdown(store.list_events(dyad=("IRN", "RUS")), stances, "IRN", "RUS")

Everything here takes rows as the store returns them and returns plain dicts; nothing reads
the database. Event counts are of clustered events (``cluster_events``), not of reports.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dyad.analysis.network import as_clusters
from dyad.codes import country_of, dyad_direction

UNKNOWN_OUTLET = "(outlet unknown)"
_KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2}


def actor_codes(actors: Iterable[dict[str, Any]]) -> dict[str, str]:
    """actor key -> code (else its country) for the rows of ``Store.list_actors``."""
    return {a["key"]: a.get("code") or a.get("country") or "" for a in actors}


def speaker_id(row: dict[str, Any]) -> str:
    """A stable id for the speaker of a quote row: the actor key when resolved, else
    ``"text:<words>"`` (the words as written, whitespace-normalised, case-folded)."""
    if row.get("speaker_key"):
        return row["speaker_key"]
    return "text:" + " ".join((row.get("speaker_text") or "").split()).casefold()


def holder_country(key: str | None, codes: Mapping[str, str] | None = None) -> str | None:
    """The country part of a stance holder or speaker key: via ``codes`` (key -> code)
    when known there, else of the key itself when it is a code; ``None`` when unknown."""
    if not key:
        return None
    code = (codes or {}).get(key)
    if code:
        return country_of(code)
    if ":" in key:  # "person:…", "author:…" without a known code
        return None
    return country_of(key)


def _quote_rank(q: dict[str, Any]) -> tuple:
    """Representative quotes first: direct over mixed over indirect, then longer (up to
    a sentence's worth), then earlier."""
    length = len(q.get("text") or "")
    return (_KIND_RANK.get(q.get("kind"), 3), -min(length, 240), q.get("date") or "~",
            q.get("article_id") or "", q.get("start") or 0)


def _stance_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stances of one holder grouped by target country: mean score, polarity, rows."""
    by_target: dict[str, list[dict[str, Any]]] = {}
    for s in rows:
        by_target.setdefault(country_of(s["target"]), []).append(s)
    out = []
    for target, members in sorted(by_target.items()):
        score = sum(float(s.get("score") or 0.0) for s in members) / len(members)
        out.append({
            "target": target, "n": len(members), "score": round(score, 3),
            "polarity": "positive" if score > 0 else "negative" if score < 0 else "neutral",
            "stances": members,
        })
    return out


def speakers(
    quotes: Iterable[dict[str, Any]],
    stances: Iterable[dict[str, Any]] = (),
    *,
    codes: Mapping[str, str] | None = None,
    n_quotes: int = 3,
) -> list[dict[str, Any]]:
    """Speakers of ``quotes`` (rows of ``Store.list_quotes``), most quoted first.

    Each: ``id`` (see ``speaker_id``), ``key`` (actor key or ``None``), ``name``, ``code``,
    ``country``, ``roles``, ``n_statements``, ``n_articles``, ``outlets``, ``quotes`` (up to
    ``n_quotes`` representative ones) and ``stances`` (their stances grouped by target
    country, from ``stances`` rows whose holder is this speaker).
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        groups.setdefault(speaker_id(q), []).append(q)
    held: dict[str, list[dict[str, Any]]] = {}
    for s in stances:
        held.setdefault(s.get("holder_key") or "", []).append(s)
    out = []
    for sid, members in groups.items():
        key = members[0].get("speaker_key")
        code = next((m["speaker_code"] for m in members if m.get("speaker_code")), None)
        code = code or (codes or {}).get(key or "")
        out.append({
            "id": sid, "key": key,
            "name": next((m["speaker_name"] for m in members if m.get("speaker_name")), None)
            or members[0].get("speaker_text"),
            "code": code or None,
            "country": country_of(code) if code else holder_country(key, codes),
            "roles": sorted({m["speaker_role"] for m in members if m.get("speaker_role")}),
            "n_statements": len(members),
            "n_articles": len({m["article_id"] for m in members}),
            "outlets": sorted({m["outlet"] for m in members if m.get("outlet")}),
            "quotes": sorted(members, key=_quote_rank)[:n_quotes],
            "stances": _stance_summary(held.get(key, [])) if key else [],
        })
    out.sort(key=lambda s: (-s["n_statements"], s["key"] is None, (s["name"] or "~").casefold()))
    return out


def dyad_voices(
    quotes: Iterable[dict[str, Any]],
    stances: Iterable[dict[str, Any]],
    a: str,
    b: str,
    *,
    codes: Mapping[str, str] | None = None,
    limit: int = 8,
    n_quotes: int = 3,
) -> dict[str, list[dict[str, Any]]]:
    """The main voices of each side: ``{a: [...], b: [...]}`` with the speakers (see
    ``speakers``) whose country is that side, most quoted first, at most ``limit`` each."""
    a, b = country_of(a), country_of(b)
    everyone = speakers(quotes, stances, codes=codes, n_quotes=n_quotes)
    return {side: [s for s in everyone if s["country"] == side][:limit] for side in (a, b)}


def dyad_stances(
    stances: Iterable[dict[str, Any]], a: str, b: str, *, codes: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Stances held by one side toward the other (holder country a, target b, or the
    reverse), each with ``holder_country`` and ``direction`` ("IRN->RUS") added."""
    a, b = country_of(a), country_of(b)
    out = []
    for s in stances:
        hc = holder_country(s.get("holder_key"), codes)
        direction = dyad_direction([hc] if hc else [], [country_of(s["target"])], a, b)
        if direction:
            out.append({**s, "holder_country": hc, "direction": direction})
    return out


def outlet_breakdown(
    rows: Iterable[dict[str, Any]],
    stances: Iterable[dict[str, Any]],
    a: str,
    b: str,
    *,
    modality: str | None = "asserted",
    articles: Iterable[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Which outlets report what between ``a`` and ``b``, and their stance toward each side.

    ``rows``: event rows of the dyad (``Store.list_events(dyad=(a, b))``) or their clusters;
    ``stances``: stance rows (any holder) whose ``outlet`` is their article's. An event
    counts once for every outlet that reported it. Each outlet: ``outlet``, ``n_articles``,
    ``n_events``, ``n_reports``, ``directions`` ({"IRN->RUS": {"n_events", "net_intensity",
    "mean_intensity"}, ...}), ``n_cooperation`` and ``n_conflict`` (quad classes 1-2 and
    3-4), ``by_type``, ``stance`` ({a: {"n", "score"} or None, b: ...}: the mean score of
    the stances in its articles toward that side) and ``event_ids``; most events first.
    """
    table = _OutletTable(a, b)
    articles_of: dict[str, set] = {}
    for art in articles:
        articles_of.setdefault(table.entry(art.get("outlet"))["outlet"], set()).add(art["id"])
    for event in as_clusters(rows):
        if modality is not None and event.get("modality") != modality:
            continue
        direction = dyad_direction(event.get("sources", ()), event.get("targets", ()), table.a, table.b)
        if direction is None:
            continue
        by_outlet: dict[str, list[dict[str, Any]]] = {}
        for report in event.get("reports", ()):
            by_outlet.setdefault(report.get("outlet") or UNKNOWN_OUTLET, []).append(report)
        for name, reports in by_outlet.items():
            o = table.count(name, direction, kind=event.get("type") or f"root:{event.get('root')}",
                            quad=event.get("quad_class"), n_events=1, n_reports=len(reports),
                            intensity=event.get("intensity"))
            articles_of.setdefault(o["outlet"], set()).update(r.get("article_id") for r in reports)
            o.setdefault("event_ids", []).append(event.get("id"))
    for s in table.add_stances(stances):
        articles_of.setdefault(s["outlet"], set()).add(s["article_id"])
    for name, o in table.outlets.items():
        o["n_articles"] = len(articles_of.get(name, set()) - {None})
        o.setdefault("event_ids", [])
    return table.finish()


def stored_outlet_breakdown(store: Any, stances: Iterable[dict[str, Any]], a: str, b: str, *,
                            modality: str | None = "asserted") -> list[dict[str, Any]]:
    """``outlet_breakdown`` of the clusters the store keeps, counted in SQL; every outlet
    of the store is listed with its number of articles. Outlets carry no ``event_ids``."""
    table = _OutletTable(a, b)
    for name, n in store.outlet_sizes().items():
        table.entry(name)["n_articles"] += n
    for r in store.cluster_aggregates("outlets", a=table.a, b=table.b, modality=modality):
        table.count(r["outlet"], r["direction"], kind=r["kind"], quad=r["quad_class"],
                    n_events=int(r["n_events"]), n_reports=int(r["n_reports"]),
                    intensity=r["intensity_sum"])
    table.add_stances(stances)
    return table.finish()


class _OutletTable:
    """The rows of an outlet breakdown between ``a`` and ``b`` while they are counted."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = country_of(a), country_of(b)
        self.outlets: dict[str, dict[str, Any]] = {}
        self.scores: dict[str, dict[str, list[float]]] = {}

    def entry(self, name: str | None) -> dict[str, Any]:
        name = name or UNKNOWN_OUTLET
        a, b = self.a, self.b
        self.scores.setdefault(name, {a: [], b: []})
        return self.outlets.setdefault(name, {
            "outlet": name, "n_articles": 0, "n_events": 0, "n_reports": 0,
            "directions": {f"{a}->{b}": _dir(), f"{b}->{a}": _dir()},
            "n_cooperation": 0, "n_conflict": 0, "by_type": {}, "stance": {a: None, b: None},
        })

    def count(self, name: str | None, direction: str, *, kind: str, quad: Any, n_events: int,
              n_reports: int, intensity: float | None) -> dict[str, Any]:
        """Add ``n_events`` events of one direction, kind and quad class to an outlet."""
        o = self.entry(name)
        o["n_events"] += n_events
        o["n_reports"] += n_reports
        d = o["directions"][direction]
        d["n_events"] += n_events
        if intensity is not None:
            d["net_intensity"] = round(d["net_intensity"] + float(intensity), 3)
        if quad in (1, 2):
            o["n_cooperation"] += n_events
        elif quad in (3, 4):
            o["n_conflict"] += n_events
        o["by_type"][kind] = o["by_type"].get(kind, 0) + n_events
        return o

    def add_stances(self, stances: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Count the stances toward either side; return them with their outlet's name."""
        out = []
        for s in stances:
            target = country_of(s.get("target") or "")
            if target in (self.a, self.b):
                name = self.entry(s.get("outlet"))["outlet"]
                self.scores[name][target].append(float(s.get("score") or 0.0))
                out.append({"outlet": name, "article_id": s.get("article_id")})
        return out

    def finish(self) -> list[dict[str, Any]]:
        for name, o in self.outlets.items():
            for side, scores in self.scores[name].items():
                if scores:
                    o["stance"][side] = {"n": len(scores), "score": round(sum(scores) / len(scores), 3)}
            for d in o["directions"].values():
                if d["n_events"]:
                    d["mean_intensity"] = round(d["net_intensity"] / d["n_events"], 3)
            o["by_type"] = dict(sorted(o["by_type"].items()))
        return sorted(self.outlets.values(), key=lambda o: (-o["n_events"], -o["n_articles"], o["outlet"]))


def _dir() -> dict[str, Any]:
    return {"n_events": 0, "net_intensity": 0.0, "mean_intensity": None}
