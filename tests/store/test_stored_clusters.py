"""Clusters kept at ingest equal clustering every stored row at once, whatever the order of
inserts, updates, re-runs and deletions (SQLite always, PostgreSQL when configured).

Fictional actors: Valdoria (VLD), Norland (NRL), Kestria (KST). Dates are drawn densely from a
few weeks around a month boundary, so that day chains merge and split, month and year
reports join day clusters, and undated reports follow their article's dated ones.
"""
from __future__ import annotations

import hashlib
import json
import random
from datetime import date as Date
from datetime import timedelta

import pytest
import sqlalchemy as sa

from dyad.analysis import cluster_events
from dyad.records import Article, ArticleResult, Event, EventDate
from dyad.store import open_store
from dyad.store import cluster_query
from dyad.store.cluster_sync import rebuild
from tests.store.helpers import split_sentences

SIDES = [(("VLDGOV",), ("NRL",)), (("VLD",), ("NRLDIP",)), (("NRL",), ("VLD", "KST"))]
TYPES = [("CONSULT", "040", 1, 1.0), ("ACCUSE", "112", 3, -2.0)]
START = Date(2024, 3, 20)


def _date(rng: random.Random) -> tuple[str | None, str]:
    roll = rng.random()
    if roll < 0.6:
        return (START + timedelta(days=rng.randrange(30))).isoformat(), "day"
    if roll < 0.75:
        return rng.choice(["2024-03", "2024-04", "2024-05"]), "month"
    if roll < 0.85:
        return rng.choice(["2024", "2023"]), "year"
    if roll < 0.9:
        return "2024-13-45", "day"  # malformed: counts as undated
    return None, "unknown"


def make_result(art: str, rng: random.Random, version: int) -> ArticleResult:
    n = rng.randint(1, 6)
    text = " ".join(f"Sentence {k} of {art} version {version}." for k in range(n))
    sentences = split_sentences(text)
    events = []
    for seq in range(rng.randint(0, 5)):
        sources, targets = rng.choice(SIDES[:2] if rng.random() < 0.8 else SIDES)
        plover, cameo, quad, intensity = rng.choice(TYPES)
        value, precision = _date(rng)
        s = sentences[rng.randrange(len(sentences))]
        events.append(Event(
            article_id=art, sentence_index=s.index, start=s.start, end=s.start + 8,
            trigger="Sentence", plover=plover, cameo=cameo, root=cameo[:2], quad_class=quad,
            intensity=intensity + seq / 10, modality=rng.choice(["asserted", "asserted", "planned"]),
            sources=sources, targets=targets, source_keys=sources, target_keys=targets,
            date=EventDate(value=value, precision=precision, rule="test" if value else "none"),
            extractor="events.test.v1",
        ))
    article = Article(
        id=art, source=f"corpus/{art}.txt", text=text, url=f"https://news.example/{art}",
        title=art, date=rng.choice([None, "2024-04-02", "2024-03-28"]),
        outlet=rng.choice(["Valdoria Herald", "Norland Post"]),
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )
    return ArticleResult(article=article, sentences=sentences, events=tuple(events),
                         extractors={"events": "events.test.v1"})


def stored(store) -> tuple[dict, dict]:
    """Stored clusters: id -> sorted reports, and id -> summary (the ``data`` column)."""
    with store._engine.connect() as conn:
        members: dict[str, list] = {}
        for art, seq, cid in conn.execute(sa.text("SELECT article_id, seq, cluster_id FROM events")):
            members.setdefault(cid, []).append((art, seq))
        summaries = {cid: json.loads(data) for cid, data in conn.execute(sa.text("SELECT id, data FROM clusters"))}
        sides: dict[str, set] = {}
        for cid, side, country in conn.execute(sa.text("SELECT cluster_id, side, country FROM cluster_countries")):
            sides.setdefault(cid, set()).add((side, country))
    for cid, summary in summaries.items():
        assert sides.get(cid, set()) == ({("s", c) for c in summary["sources"]}
                                         | {("t", c) for c in summary["targets"]})
    return {k: sorted(v) for k, v in members.items()}, summaries


def expected(store) -> tuple[dict, dict]:
    clusters = cluster_events(store.list_events())
    members = {c["id"]: sorted((r["article_id"], r["seq"]) for r in c["reports"]) for c in clusters}
    summaries = {c["id"]: {k: v for k, v in c.items() if k != "reports"} for c in clusters}
    return members, summaries


def cluster_reports(store, cid: str) -> list[dict]:
    return [r for r in store.list_events() if r["cluster_id"] == cid]


def _rounded(value):
    """Floats out (compared by ``_close``), lists sorted: the structure and every count."""
    if isinstance(value, float):
        return None
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return sorted((_rounded(v) for v in value), key=repr)
    return value


def _floats(value) -> list[float]:
    """Every float of ``value``, in the order ``_rounded`` sorts its lists."""
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for k in sorted(value, key=repr) for f in _floats(value[k])]
    if isinstance(value, (list, tuple)):
        return [f for v in sorted(value, key=lambda v: repr(_rounded(v))) for f in _floats(v)]
    return []


def _same(kept, live) -> None:
    """Equal counts; sums of floats equal up to the rounding of their last digit (they are
    added up in another order)."""
    assert _rounded(kept) == _rounded(live)
    assert _floats(kept) == pytest.approx(_floats(live), abs=2e-3)


def check(store) -> None:
    got_members, got_summaries = stored(store)
    want_members, want_summaries = expected(store)
    assert None not in got_members, "an event without a cluster"
    assert got_members == want_members
    assert got_summaries == want_summaries
    # the counts kept beside the clusters equal the counts made from them
    with store._engine.connect() as conn:
        for modality in (None, "asserted", "planned"):
            for level in ("country", "code"):
                kept = cluster_query.network_edges(conn, modality=modality, since=None, level=level)
                live = cluster_query.network_edges(conn, modality=modality, since=None, level=level, live=True)
                _same(kept, live)
            _same(cluster_query.pair_counts(conn, modality=modality, limit=None),
                  cluster_query.pair_counts(conn, modality=modality, limit=None, live=True))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request):
    return request.getfixturevalue(f"{request.param}_url")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clusters_follow_inserts_updates_and_deletions(url, seed):
    rng = random.Random(seed)
    versions: dict[str, int] = {}
    names = iter(f"art-{k:03d}" for k in range(1000))
    with open_store(url) as store:
        for step in range(80):
            roll = rng.random()
            if roll < 0.55 or not versions:
                art = next(names)
                versions[art] = 0
            else:
                art = rng.choice(sorted(versions))
            if roll > 0.92 and versions.get(art):
                # the input now repeats another article: the one stored from it goes
                other = next(a for a in sorted(versions) if a != art) if len(versions) > 1 else None
                if other:
                    store.record_duplicate(f"corpus/{art}.txt", other, 0.95, f"raw-{step}")
                    del versions[art]
                    check(store)
                    continue
            versions[art] += 1
            result = make_result(art, rng, versions[art])
            assert store.save(result, raw_hash=f"raw-{art}-{versions[art]}") in ("inserted", "updated")
            assert store.save(result, raw_hash=f"raw-{art}-{versions[art]}") == "unchanged"
            if step % 4 == 3:
                check(store)
        check(store)
        members, summaries = stored(store)
        assert sum(len(m) for m in members.values()) > 40
        # the draw exercised what the rules are about: reports of several articles in one
        # cluster, month or year reports inside day clusters, undated ones with dated ones
        assert any(s["n_articles"] > 1 for s in summaries.values())
        ranks = {(s["date_precision"], r) for s in summaries.values()
                 for r in {p["date_precision"] for p in cluster_reports(store, s["id"])}}
        assert {("day", "month"), ("day", "unknown")} <= ranks
        with store._engine.begin() as conn:
            before = stored(store)
            rebuild(conn)
        assert stored(store) == before  # a rebuild from scratch agrees with what ingest kept


def test_order_of_arrival_does_not_matter(sqlite_url, tmp_path):
    rng = random.Random(7)
    results = [make_result(f"art-{k:02d}", rng, 1) for k in range(30)]
    orders = [results, results[::-1], random.Random(3).sample(results, len(results))]
    seen = []
    for k, order in enumerate(orders):
        with open_store(f"sqlite:///{tmp_path}/order-{k}.db") as store:
            for r in order:
                store.save(r, raw_hash=r.article.id)
            check(store)
            seen.append(stored(store))
    assert seen[0] == seen[1] == seen[2]
