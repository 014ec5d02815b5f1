"""What the pages and the API show, assembled from the store and the analysis layer.

Each function takes an open ``Store`` and returns plain dicts (JSON-ready), so the JSON
endpoints and the HTML pages show the same numbers.
"""
from __future__ import annotations

from typing import Any

from dyad.analysis.clusters import cluster_events
from dyad.analysis.network import actor_network, top_dyads
from dyad.analysis.series import dyad_series
from dyad.analysis.voices import (
    actor_codes,
    dyad_stances,
    dyad_voices,
    outlet_breakdown,
    speaker_id,
    speakers,
)
from dyad.codes import country_of
from dyad.store import Store

MODALITIES = ("asserted", "planned", "hypothetical", "denied")


def modality_filter(modality: str | None) -> str | None:
    """``"all"`` (or nothing) means every modality."""
    return None if modality in (None, "", "all") else modality


def names(store: Store) -> dict[str, str]:
    """actor key / code -> display name."""
    return {a["key"]: a["name"] for a in store.list_actors()}


def overview(store: Store) -> dict[str, Any]:
    arts = store.list_articles()
    dates = sorted(a["date"] for a in arts if a.get("date"))
    outlets: dict[str, int] = {}
    for a in arts:
        name = a.get("outlet") or "(outlet unknown)"
        outlets[name] = outlets.get(name, 0) + 1
    rows = store.list_events()
    return {
        "counts": store.counts(),
        "date_range": [dates[0], dates[-1]] if dates else None,
        "n_undated": sum(1 for a in arts if not a.get("date")),
        "outlets": [{"outlet": k, "n_articles": v}
                    for k, v in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
        "top_dyads": top_dyads(rows, limit=10),
        "network": actor_network(rows, names=names(store)),
        "top_speakers": [
            {k: s[k] for k in ("key", "name", "roles", "code", "n_statements", "n_articles")}
            for s in [s for s in store.list_speakers() if s["key"]][:10]
        ],
        "articles": arts,
    }


def dyad_summary(store: Store, a: str, b: str, *, modality: str | None = "asserted",
                 freq: str = "month") -> dict[str, Any]:
    """Everything the dyad page shows: series, events, people, voices, stances, outlets."""
    a, b = country_of(a), country_of(b)
    mod = modality_filter(modality)
    rows = store.list_events(dyad=(a, b))
    clusters = cluster_events(rows)
    events = [c for c in clusters if mod is None or c["modality"] == mod]
    actors = store.list_actors()
    codes = actor_codes(actors)
    quotes, stances = store.list_quotes(), store.list_stances()
    people = {
        side: [p for p in actors if p["type"] == "person" and (p.get("country") or
               country_of(p.get("code") or "~")) == side]
        for side in (a, b)
    }
    return {
        "a": a, "b": b, "modality": mod or "all", "freq": freq,
        "names": {k: v for k, v in ((x["key"], x["name"]) for x in actors) if k in (a, b)},
        "series": dyad_series(clusters, a=a, b=b, freq=freq, modality=mod),
        "events": events,
        "n_reports": sum(c["n_reports"] for c in events),
        "people": people,
        "voices": dyad_voices(quotes, stances, a, b, codes=codes),
        "stances": dyad_stances(stances, a, b, codes=codes),
        "outlets": outlet_breakdown(clusters, stances, a, b, modality=mod,
                                    articles=store.list_articles()),
    }


def network(store: Store, *, modality: str | None = "asserted", level: str = "country",
            since: str | None = None) -> dict[str, Any]:
    return actor_network(store.list_events(since=since), modality=modality_filter(modality),
                         level=level, names=names(store))


def actor_page(store: Store, key: str) -> dict[str, Any] | None:
    actor = next((x for x in store.list_actors() if x["key"] == key), None)
    if actor is None:
        return None
    code = actor.get("code") or key

    def involved(event: dict[str, Any]) -> bool:
        keys = set(event.get("source_keys", ())) | set(event.get("target_keys", ()))
        codes = set(event.get("source_codes", ())) | set(event.get("target_codes", ()))
        return key in keys or (actor["type"] != "person" and code in codes)

    events = [c for c in cluster_events(store.list_events()) if involved(c)]
    quotes = [q for q in store.list_quotes() if q.get("speaker_key") == key]
    stances = store.list_stances()
    return {
        "actor": actor,
        "events": events,
        "quotes": quotes,
        "stances_held": [s for s in stances if s.get("holder_key") == key],
        "stances_toward": [s for s in stances if s.get("target") == code][:50],
    }


def speaker_page(store: Store, sid: str) -> dict[str, Any] | None:
    """A speaker by ``speaker_id``: an actor key, or ``text:<words>`` when unresolved."""
    quotes = [q for q in store.list_quotes() if speaker_id(q) == sid]
    if not quotes:
        return None
    stances = store.list_stances()
    info = speakers(quotes, stances, codes=actor_codes(store.list_actors()), n_quotes=len(quotes))[0]
    return {"speaker": {k: v for k, v in info.items() if k != "quotes"}, "quotes": quotes}
