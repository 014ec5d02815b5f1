"""What the pages and the API show, assembled from the store and the analysis layer.

Each function takes an open ``Store`` and returns plain dicts (JSON-ready), so the JSON
endpoints and the HTML pages show the same numbers.
"""
from __future__ import annotations

from typing import Any

from dyad.analysis.network import stored_network, stored_top_dyads
from dyad.analysis.series import stored_series
from dyad.analysis.voices import (
    actor_codes,
    dyad_stances,
    dyad_voices,
    speaker_id,
    speakers,
    stored_outlet_breakdown,
)
from dyad.codes import country_of
from dyad.store import Store

MODALITIES = ("asserted", "planned", "hypothetical", "denied")
EVENTS_PAGE = 50  # events (clusters) a page shows at once


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
    return {
        "counts": store.counts(),
        "date_range": [dates[0], dates[-1]] if dates else None,
        "n_undated": sum(1 for a in arts if not a.get("date")),
        "outlets": [{"outlet": k, "n_articles": v}
                    for k, v in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
        "top_dyads": stored_top_dyads(store, limit=10),
        "network": stored_network(store, names=names(store)),
        "top_speakers": [
            {k: s[k] for k in ("key", "name", "roles", "code", "n_statements", "n_articles")}
            for s in [s for s in store.list_speakers() if s["key"]][:10]
        ],
        "articles": arts,
    }


def dyad_summary(store: Store, a: str, b: str, *, modality: str | None = "asserted",
                 freq: str = "month", offset: int = 0, limit: int = EVENTS_PAGE) -> dict[str, Any]:
    """Everything the dyad page shows: series, a page of events (``offset``, ``limit``; with
    ``n_events`` and ``n_reports`` of all), people, voices, stances, outlets."""
    a, b = country_of(a), country_of(b)
    mod = modality_filter(modality)
    events = store.list_clusters(dyad=(a, b), modality=mod, limit=limit, offset=offset)
    totals = store.cluster_totals(dyad=(a, b), modality=mod)
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
        "series": stored_series(store, a, b, freq=freq, modality=mod),
        "events": events,
        "offset": offset, "limit": limit,
        "n_events": totals["n_events"],
        "n_reports": totals["n_reports"],
        "people": people,
        "voices": dyad_voices(quotes, stances, a, b, codes=codes),
        "stances": dyad_stances(stances, a, b, codes=codes),
        "outlets": stored_outlet_breakdown(store, stances, a, b, modality=mod),
    }


def network(store: Store, *, modality: str | None = "asserted", level: str = "country",
            since: str | None = None) -> dict[str, Any]:
    return stored_network(store, modality=modality_filter(modality), level=level, since=since,
                          names=names(store))


def actor_page(store: Store, key: str) -> dict[str, Any] | None:
    actor = next((x for x in store.list_actors() if x["key"] == key), None)
    if actor is None:
        return None
    code = actor.get("code") or key

    def involved(event: dict[str, Any]) -> bool:
        keys = set(event.get("source_keys", ())) | set(event.get("target_keys", ()))
        codes = set(event.get("source_codes", ())) | set(event.get("target_codes", ()))
        return key in keys or (actor["type"] != "person" and code in codes)

    events = []
    for cluster in store.iter_clusters(mentioning=key):
        if involved(cluster):
            events.append(cluster)
            if len(events) == EVENTS_PAGE:
                break
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
