"""What the pages count from the stored clusters (in SQL) equals what the analysis layer
computes from every event row in memory: series, network, top dyads, outlets and pages of
clusters, on real pipeline output (the seeds and the demo corpus) and on a store filled at
random (``tests/store/test_stored_clusters.py``)."""
from __future__ import annotations

import random

import pytest

from dyad.analysis import actor_network, cluster_events, dyad_series, outlet_breakdown, top_dyads
from dyad.analysis.network import stored_network, stored_top_dyads
from dyad.analysis.series import stored_series
from dyad.analysis.voices import stored_outlet_breakdown
from dyad.store import open_store
from tests.store.test_stored_clusters import make_result


@pytest.fixture(scope="module", params=["seeds", "random"])
def store(request, seeded_url, tmp_path_factory):
    if request.param == "seeds":
        with open_store(seeded_url) as s:
            yield s
        return
    rng = random.Random(11)
    url = f"sqlite:///{tmp_path_factory.mktemp('random')}/random.db"
    with open_store(url) as s:
        for k in range(60):
            s.save(make_result(f"art-{k:02d}", rng, 1), raw_hash=str(k))
        yield s


def _pairs(store):
    return [(p["a"], p["b"]) for p in top_dyads(store.list_events(), modality=None, limit=4)]


def _approx(rows):
    """Sums of floats may differ in the last bits with the order they are added in."""
    out = []
    for row in rows:
        out.append({k: (round(v, 6) if isinstance(v, float) else v) for k, v in row.items()})
    return out


@pytest.mark.parametrize("freq", ["day", "week", "month"])
@pytest.mark.parametrize("modality", ["asserted", None])
def test_series(store, freq, modality):
    pairs = _pairs(store)
    assert pairs
    for a, b in pairs:
        want = dyad_series(store.list_events(dyad=(a, b)), a=a, b=b, freq=freq, modality=modality)
        assert _approx(stored_series(store, a, b, freq=freq, modality=modality)) == _approx(want)


@pytest.mark.parametrize("level", ["country", "code"])
@pytest.mark.parametrize("modality", ["asserted", None])
def test_network(store, level, modality):
    want = actor_network(store.list_events(), modality=modality, level=level)
    for edge in want["edges"]:
        edge.pop("event_ids")
    got = stored_network(store, modality=modality, level=level)
    assert got["n_events"] == want["n_events"] > 0
    assert _approx(got["edges"]) == _approx(want["edges"])
    assert _approx(got["nodes"]) == _approx(want["nodes"])


@pytest.mark.parametrize("modality", ["asserted", None])
def test_top_dyads(store, modality):
    want = top_dyads(store.list_events(), modality=modality, limit=None)
    assert want
    assert _approx(stored_top_dyads(store, modality=modality, limit=None)) == _approx(want)


def test_outlets(store):
    stances = store.list_stances()
    for a, b in _pairs(store):
        want = outlet_breakdown(store.list_events(dyad=(a, b)), stances, a, b,
                                articles=store.list_articles())
        for o in want:
            o.pop("event_ids")
        assert stored_outlet_breakdown(store, stances, a, b) == want


def test_pages_of_clusters(store):
    everything = cluster_events(store.list_events())
    assert store.count_clusters() == len(everything)
    assert list(store.iter_clusters(batch=7)) == everything
    a, b = _pairs(store)[0]
    dyad = [c for c in cluster_events(store.list_events(dyad=(a, b)))]
    got = store.list_clusters(dyad=(a, b))
    assert [{k: v for k, v in c.items() if k != "direction"} for c in got] == dyad
    assert store.list_clusters(dyad=(a, b), limit=3, offset=2) == got[2:5]
    for c in got:
        forward = a in c["sources"] and b in c["targets"]
        assert c["direction"] == (f"{a}->{b}" if forward else f"{b}->{a}")
