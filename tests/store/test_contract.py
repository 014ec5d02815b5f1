"""The store contract, run against every backend: SQLite always, PostgreSQL when
DYAD_TEST_POSTGRES_URL names a server (CI must set it; see tests/conftest.py)."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import struct
import sys
import textwrap
import threading

import pytest
import sqlalchemy as sa

from dyad.records import (
    Actor,
    Article,
    ArticleResult,
    Event,
    EventDate,
    Mention,
    Quote,
    Sentence,
    Stance,
)
from dyad.store import AmbiguousId, migrations, open_store, resolve_url
from dyad.store import schema as store_schema
from dyad.store.migrations import LATEST_VERSION, MIGRATIONS
from dyad.store.search import SQLITE_TABLES as SEARCH_TABLES
from tests.store.helpers import nth, split_sentences

# A fictional report; the quotes, accents, CJK and emoji must survive both backends.
TEXT = (
    "VALDORIA CITY — Valdoria's envoy to Norland, Tomas \"Tom\" Brecht, met the foreign "
    "minister Åsa Lindqvist-Øberg on Tuesday. "
    "Brecht called the talks 'frank' and said: «Nous restons ouverts». "
    "Lindqvist-Øberg said Norland wanted a \"first step\" — 第一步 🕊️ — before O'Leary's visit."
)

BRECHT = Actor(
    key="person:tomas-brecht", type="person", name="Tomas Brecht", code="VLDDIP",
    country="VLD", sector="DIP", role="Valdoria's envoy to Norland",
)
OBERG = Actor(
    key="person:asa-lindqvist-oberg", type="person", name="Åsa Lindqvist-Øberg",
    code="NRLGOV", country="NRL", sector="GOV", role="foreign minister",
)
NORLAND = Actor(key="NRL", type="country", name="Norland", code="NRL", country="NRL")

# (actor, surface text, occurrence, kind)
MENTIONS = [
    (BRECHT, "Tomas \"Tom\" Brecht", 0, "name"),
    (OBERG, "Åsa Lindqvist-Øberg", 0, "name"),
    (BRECHT, "Brecht", 1, "surname"),
    (OBERG, "Lindqvist-Øberg", 1, "surname"),
    (NORLAND, "Norland", 1, "name"),
]


def make_result(
    article_id: str = "a1b2c3d4e5f6a7b8",
    *,
    source: str = "corpus/valdoria.txt",
    text: str = TEXT,
    date: str | None = "2024-04-16",
    outlet: str | None = "Valdoria Herald",
    mentions=MENTIONS,
    actors: tuple[Actor, ...] | None = None,
    minhash: tuple[int, ...] = (1, 2, 3, 2**64 - 1),
    extractors: dict[str, str] | None = None,
    url: str | None = None,
) -> ArticleResult:
    sents = split_sentences(text)
    rows = []
    for actor, surface, occurrence, kind in mentions:
        start = nth(text, surface, occurrence)
        sentence = next(s.index for s in sents if s.start <= start < s.end)
        rows.append(Mention(
            article_id=article_id, actor_key=actor.key, sentence_index=sentence,
            start=start, end=start + len(surface), text=surface, kind=kind,
            extractor="actors.rules.v1",
        ))
    if actors is None:
        actors = tuple({m[0].key: m[0] for m in mentions}.values())
    article = Article(
        id=article_id, source=source, text=text, url=url, title="Envoy meets minister",
        date=date, outlet=outlet, authors=("R. Quill", "Ana D'Souza"), dateline="VALDORIA CITY",
        content_hash=hashlib.sha1(text.encode()).hexdigest(), minhash=minhash,
    )
    return ArticleResult(
        article=article, sentences=sents, actors=actors, mentions=tuple(rows),
        extractors=extractors or {"actors": "actors.rules.v1"},
    )


def core_counts(store) -> dict[str, int]:
    counts = store.counts()
    return {k: counts[k] for k in ("articles", "sentences", "actors", "mentions", "duplicates")}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


# -- schema and migrations ----------------------------------------------------------------


def test_migrating_twice_is_a_no_op(store_url):
    with open_store(store_url) as first:
        assert first.schema_version() == LATEST_VERSION
        first.save(make_result(), raw_hash="r1")
    with open_store(store_url) as second:
        assert second.migrate() == []
        assert second.schema_version() == LATEST_VERSION
        assert second.counts()["articles"] == 1
        engine = sa.create_engine(second.url)
        try:
            with engine.connect() as conn:
                versions = conn.execute(sa.select(store_schema.schema_version.c.version)).scalars().all()
                inspector = sa.inspect(conn)
                # the full-text index's tables (SQLite FTS5 and its shadow tables) are
                # not queried through schema.py
                tables = {t for t in inspector.get_table_names()
                          if not t.startswith(SEARCH_TABLES)}
                columns = {t.name: {c["name"] for c in inspector.get_columns(t.name)}
                           for t in store_schema.metadata.sorted_tables}
        finally:
            engine.dispose()
    assert versions == [v for v, _, _ in MIGRATIONS]
    # schema.py (what the code queries) matches what the migrations built.
    assert tables == set(store_schema.metadata.tables)
    assert columns == {t.name: set(t.c.keys()) for t in store_schema.metadata.sorted_tables}


def test_sqlite_connection_settings(sqlite_store):
    with sqlite_store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_upgrading_a_version_1_database(store_url):
    engine = sa.create_engine(resolve_url(store_url))
    try:
        with engine.begin() as conn:  # build the database as the first release left it
            store_schema.schema_version.create(conn)
            _, name, step = MIGRATIONS[0]
            step(conn)
            conn.execute(store_schema.schema_version.insert().values(version=1, name=name, applied_at="then"))
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST_VERSION
        result = with_facts(make_result())
        assert store.save(result, raw_hash="r1") == "inserted"
        assert store.counts()["events"] == 1


def test_migration_steps_are_numbered_in_order():
    assert [v for v, _, _ in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert migrations.LATEST_VERSION == LATEST_VERSION


# -- save ---------------------------------------------------------------------------------


def test_save_inserts_then_unchanged_then_updated(store):
    assert store.save(make_result(), raw_hash="r1") == "inserted"
    before = core_counts(store)
    assert before == {"articles": 1, "sentences": 3, "actors": 3, "mentions": 5, "duplicates": 0}
    assert store.save(make_result(), raw_hash="r1") == "unchanged"
    assert core_counts(store) == before

    changed = make_result(text=TEXT + " Talks resume in May.", mentions=MENTIONS[:2])
    assert store.save(changed, raw_hash="r2") == "updated"
    assert core_counts(store) == {"articles": 1, "sentences": 4, "actors": 2, "mentions": 2, "duplicates": 0}
    got = store.get_article("a1b2c3d4e5f6a7b8")
    assert got["text"].endswith("Talks resume in May.")
    assert got["raw_hash"] == "r2"
    assert store.source_hashes() == {"corpus/valdoria.txt": "r2"}


def test_new_raw_hash_or_extractor_version_counts_as_update(store):
    store.save(make_result(), raw_hash="r1")
    assert store.save(make_result(), raw_hash="r1-reencoded") == "updated"
    newer = make_result(extractors={"actors": "actors.rules.v2"})
    assert store.save(newer, raw_hash="r1-reencoded") == "updated"
    assert store.get_article("a1b2c3d4e5f6a7b8")["extractors"] == {"actors": "actors.rules.v2"}
    assert store.save(newer, raw_hash="r1-reencoded") == "unchanged"


def test_same_source_with_new_id_replaces_the_old_article(store):
    store.save(make_result("old0000000000001"), raw_hash="r1")
    store.record_duplicate("corpus/copy.txt", "old0000000000001", 0.97, "rc")
    edited = make_result("new0000000000002", text=TEXT.replace("Tuesday", "Wednesday"))
    assert store.save(edited, raw_hash="r2") == "updated"
    assert store.get_article("old0000000000001") is None
    assert [a["id"] for a in store.list_articles()] == ["new0000000000002"]
    # The copy pointed at the deleted article, so it is forgotten and will be re-read.
    assert core_counts(store) == {"articles": 1, "sentences": 3, "actors": 3, "mentions": 5, "duplicates": 0}
    assert store.source_hashes() == {"corpus/valdoria.txt": "r2"}


def test_same_id_from_another_source_moves_the_article(store):
    store.save(make_result(source="feeds/a.xml#3"), raw_hash="r1")
    assert store.save(make_result(source="feeds/b.xml#1"), raw_hash="r1") == "updated"
    assert store.source_hashes() == {"feeds/b.xml#1": "r1"}
    assert store.counts()["articles"] == 1


def test_repeated_saves_never_duplicate_rows(store):
    one, two = make_result(), make_result(text=TEXT + " More.", mentions=MENTIONS[:3])
    for _ in range(3):
        store.save(one, raw_hash="r1")
        store.save(two, raw_hash="r2")
        store.save(two, raw_hash="r2")
    assert core_counts(store) == {"articles": 1, "sentences": 4, "actors": 2, "mentions": 3, "duplicates": 0}
    with store._engine.connect() as conn:
        links = conn.execute(sa.select(sa.func.count()).select_from(store_schema.article_actors)).scalar()
    assert links == 2


def test_failed_save_leaves_the_previous_version(store):
    store.save(make_result(), raw_hash="r1")
    good = store.get_article("a1b2c3d4e5f6a7b8")
    broken = make_result(text=TEXT + " More.")
    broken = dataclasses.replace(broken, sentences=broken.sentences + broken.sentences[:1])
    with pytest.raises(sa.exc.IntegrityError):
        store.save(broken, raw_hash="r2")
    assert store.get_article("a1b2c3d4e5f6a7b8") == good


def test_mention_of_an_unknown_actor_is_refused(store):
    bad = make_result(actors=(BRECHT,))
    with pytest.raises(ValueError, match="person:asa-lindqvist-oberg"):
        store.save(bad, raw_hash="r1")
    assert store.counts()["articles"] == 0


def test_roles_are_kept_per_article_and_orphans_pruned(store):
    other_role = dataclasses.replace(BRECHT, role="former trade attaché", affiliation="Valdorian Mission")
    store.save(make_result("art1aaaaaaaaaaaa", source="a.txt"), raw_hash="a")
    store.save(
        make_result("art2bbbbbbbbbbbb", source="b.txt", mentions=MENTIONS[:1], actors=(other_role,)),
        raw_hash="b",
    )
    roles = {a["key"]: a for a in store.get_article("art2bbbbbbbbbbbb")["actors"]}
    assert roles["person:tomas-brecht"]["role"] == "former trade attaché"
    assert roles["person:tomas-brecht"]["affiliation"] == "Valdorian Mission"
    first = {a["key"]: a for a in store.get_article("art1aaaaaaaaaaaa")["actors"]}
    assert first["person:tomas-brecht"]["role"] == "Valdoria's envoy to Norland"
    assert first["person:tomas-brecht"]["n_mentions"] == 2
    brecht = next(a for a in store.list_actors() if a["key"] == "person:tomas-brecht")
    assert brecht["roles"] == ["Valdoria's envoy to Norland", "former trade attaché"]
    assert (brecht["n_mentions"], brecht["n_articles"]) == (3, 2)

    # Article 1 drops Norland: the actor no article refers to any more goes.
    store.save(make_result("art1aaaaaaaaaaaa", source="a.txt", mentions=MENTIONS[:4]), raw_hash="a2")
    assert "NRL" not in {a["key"] for a in store.list_actors()}
    assert store.counts()["actors"] == 2


def with_facts(result: ArticleResult) -> ArticleResult:
    art_id = result.article.id
    at = TEXT.index("met")
    event = Event(
        article_id=art_id, sentence_index=0, start=at, end=at + 3, trigger="met",
        plover="CONSULT", cameo="040", root="04", quad_class=1, intensity=1.0,
        modality="asserted", sources=("VLDDIP",), targets=("NRLGOV",),
        source_keys=(BRECHT.key,), target_keys=(OBERG.key,),
        source_spans=((TEXT.index("Tomas"), TEXT.index(", met")),), target_spans=((at + 20, at + 40),),
        context=("diplomatic",),
        date=EventDate(value="2024-04-16", precision="day", rule="weekday-before-pubdate",
                       text="on Tuesday", weekday="Tuesday"),
        extractor="events.rules.v1",
    )
    q_at = TEXT.index("«")
    quote = Quote(
        article_id=art_id, sentence_index=1, start=q_at, end=TEXT.index("»") + 1,
        text=TEXT[q_at:TEXT.index("»") + 1], kind="direct", speaker_text="Brecht",
        speaker_key=BRECHT.key, resolved=True, cue="said", extractor="quotes.rules.v1",
    )
    stance = Stance(
        article_id=art_id, holder_key=BRECHT.key, holder_name="Tomas Brecht", target="NRL",
        polarity="positive", score=0.4, evidence=((q_at, q_at + 5),), quote_starts=(q_at,),
        extractor="stance.lexicon.v1",
    )
    return dataclasses.replace(result, events=(event,), quotes=(quote,), stances=(stance,))


def test_events_quotes_and_stances_round_trip(store):
    result = with_facts(make_result())
    assert store.save(result, raw_hash="r1") == "inserted"
    got = store.get_article(result.article.id)
    assert got["events"] == [json_roundtrip(dataclasses.asdict(e)) for e in result.events]
    assert got["quotes"] == [json_roundtrip(dataclasses.asdict(q)) for q in result.quotes]
    assert got["stances"] == [json_roundtrip(dataclasses.asdict(s)) for s in result.stances]
    counts = store.counts()
    assert (counts["events"], counts["quotes"], counts["stances"]) == (1, 1, 1)
    assert store.save(result, raw_hash="r1") == "unchanged"
    # A changed event list is an update and replaces the old rows.
    fewer = dataclasses.replace(result, events=())
    assert store.save(fewer, raw_hash="r1") == "updated"
    assert store.counts()["events"] == 0 and store.counts()["quotes"] == 1
    # Replacing the article by source removes its facts too.
    store.save(with_facts(make_result("other00000000001", text=TEXT + " .")), raw_hash="r2")
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["quotes"], counts["stances"]) == (1, 1, 1, 1)


def json_roundtrip(value):
    return json.loads(json.dumps(value))


# -- duplicates and hashes ----------------------------------------------------------------


def test_duplicates(store):
    result = make_result()
    store.save(result, raw_hash="r1")
    assert store.find_by_content_hash(result.article.content_hash) == result.article.id
    assert store.find_by_content_hash("nope") is None
    store.record_duplicate("mirror/valdoria.html", result.article.id, 0.93, "rm")
    store.record_duplicate("mirror/valdoria.html", result.article.id, 0.93, "rm")
    dups = store.list_duplicates(result.article.id)
    assert [(d["source"], d["duplicate_of"], d["similarity"], d["raw_hash"]) for d in dups] == [
        ("mirror/valdoria.html", result.article.id, pytest.approx(0.93), "rm")
    ]
    assert store.counts()["duplicates"] == 1
    assert store.get_article(result.article.id)["duplicates"] == dups
    assert store.source_hashes() == {"corpus/valdoria.txt": "r1", "mirror/valdoria.html": "rm"}

    store.record_duplicate("mirror/valdoria.html", result.article.id, 1.0, "rm2")
    assert [d["raw_hash"] for d in store.list_duplicates(result.article.id)] == ["rm2"]
    assert store.list_duplicates("no-such-article") == []

    # The mirror changed and is an article of its own now: no longer a duplicate.
    store.save(make_result("mirror0000000001", source="mirror/valdoria.html",
                           text=TEXT + " Updated."), raw_hash="rm3")
    assert store.counts()["duplicates"] == 0
    assert store.source_hashes()["mirror/valdoria.html"] == "rm3"


def test_recording_a_duplicate_removes_the_sources_old_article(store):
    store.save(make_result("orig000000000001", source="a.txt"), raw_hash="a")
    store.save(make_result("copy000000000002", source="b.txt", text=TEXT + " x"), raw_hash="b1")
    store.record_duplicate("b.txt", "orig000000000001", 0.99, "b2")
    assert [a["id"] for a in store.list_articles()] == ["orig000000000001"]
    assert store.source_hashes() == {"a.txt": "a", "b.txt": "b2"}


def test_minhashes_round_trip(store):
    big = tuple(range(2**64 - 130, 2**64 - 2))  # 128 values near the top of uint64
    store.save(make_result("with000000000001", source="1.txt", minhash=big), raw_hash="1")
    store.save(make_result("without000000002", source="2.txt", minhash=()), raw_hash="2")
    store.save(make_result("small00000000003", source="3.txt", minhash=(0, 7, 7, 1)), raw_hash="3")
    assert store.minhashes() == [("small00000000003", (0, 7, 7, 1)), ("with000000000001", big)]
    assert store.get_article("without000000002")["minhash"] == ()


# -- reading ------------------------------------------------------------------------------


def test_get_article_by_id_or_unique_prefix(store):
    store.save(make_result("3f9a01c2d4e5f6a7", source="1.txt"), raw_hash="1")
    store.save(make_result("3f9a01ffffffffff", source="2.txt"), raw_hash="2")
    store.save(make_result("b_%x000000000000", source="3.txt"), raw_hash="3")
    assert store.get_article("3f9a01c2d4e5f6a7")["id"] == "3f9a01c2d4e5f6a7"
    assert store.get_article("3f9a01c")["id"] == "3f9a01c2d4e5f6a7"
    assert store.get_article("3f9a0") is None  # too short to be a prefix
    with pytest.raises(AmbiguousId):
        store.get_article("3f9a01")
    assert store.get_article("b_%x0000")["id"] == "b_%x000000000000"
    assert store.get_article("b%%x0000") is None  # LIKE wildcards are taken literally
    assert store.get_article("ffffffffffff") is None


def test_get_article_contents(store):
    result = make_result(url="https://herald.example/valdoria?id=1&x='2'")
    store.save(result, raw_hash="r1")
    got = store.get_article(result.article.id)
    art = result.article
    assert {k: got[k] for k in ("id", "source", "url", "title", "date", "outlet", "dateline",
                                 "text", "content_hash", "raw_hash")} == {
        "id": art.id, "source": art.source, "url": art.url, "title": art.title,
        "date": art.date, "outlet": art.outlet, "dateline": art.dateline, "text": art.text,
        "content_hash": art.content_hash, "raw_hash": "r1",
    }
    assert got["authors"] == ["R. Quill", "Ana D'Souza"]
    assert got["ingested_at"]
    assert [Sentence(**s) for s in got["sentences"]] == list(result.sentences)
    assert [Mention(**m) for m in got["mentions"]] == sorted(result.mentions, key=lambda m: m.start)
    actors = {a["key"]: a for a in got["actors"]}
    assert actors["person:asa-lindqvist-oberg"] == {
        "key": "person:asa-lindqvist-oberg", "type": "person", "name": "Åsa Lindqvist-Øberg",
        "code": "NRLGOV", "country": "NRL", "sector": "GOV", "role": "foreign minister",
        "affiliation": None, "n_mentions": 2,
    }
    assert [a["key"] for a in got["actors"]][-1] == "NRL"  # fewest mentions last


def test_text_and_offsets_survive_exactly(store):
    weird = TEXT + " Tab\there, back\\slash, 'single' and \"double\"; --; DROP TABLE articles; \u200b\u00e9"
    result = make_result(text=weird)
    store.save(result, raw_hash="r1")
    got = store.get_article(result.article.id)
    assert got["text"] == weird
    for s in got["sentences"]:
        assert got["text"][s["start"]:s["end"]] == s["text"]
    for m in got["mentions"]:
        assert got["text"][m["start"]:m["end"]] == m["text"]
    assert store.counts()["articles"] == 1


def test_list_articles_filters_and_order(store):
    store.save(make_result("c0000000000000003", source="3.txt", date="2024-05-01", outlet="Norland Post"), raw_hash="3")
    store.save(make_result("a0000000000000001", source="1.txt", date="2024-03-09"), raw_hash="1")
    store.save(make_result("b0000000000000002", source="2.txt", date=None), raw_hash="2")
    store.save(make_result("d0000000000000004", source="4.txt", date="2024-03-09", mentions=MENTIONS[:1]), raw_hash="4")
    assert [a["id"] for a in store.list_articles()] == [
        "a0000000000000001", "d0000000000000004", "c0000000000000003", "b0000000000000002",
    ]
    assert [a["id"] for a in store.list_articles(outlet="Norland Post")] == ["c0000000000000003"]
    assert [a["id"] for a in store.list_articles(since="2024-04-01")] == ["c0000000000000003"]
    assert [a["id"] for a in store.list_articles(since="2024-03-09", outlet="Valdoria Herald")] == [
        "a0000000000000001", "d0000000000000004",
    ]
    assert len(store.list_articles(limit=2)) == 2
    first = store.list_articles(limit=1)[0]
    assert first == {
        "id": "a0000000000000001", "title": "Envoy meets minister", "date": "2024-03-09",
        "outlet": "Valdoria Herald", "source": "1.txt", "url": None,
        "n_sentences": 3, "n_mentions": 5,
    }
    assert store.list_articles()[1]["n_mentions"] == 1


def test_list_actors_filters_and_order(store):
    store.save(make_result("a0000000000000001", source="1.txt"), raw_hash="1")
    store.save(make_result("a0000000000000002", source="2.txt", mentions=MENTIONS[1:2]), raw_hash="2")
    keys = [a["key"] for a in store.list_actors()]
    assert keys == ["person:asa-lindqvist-oberg", "person:tomas-brecht", "NRL"]
    assert [a["n_mentions"] for a in store.list_actors()] == [3, 2, 1]
    assert [a["key"] for a in store.list_actors(country="VLD")] == ["person:tomas-brecht"]
    assert [a["key"] for a in store.list_actors(type="country")] == ["NRL"]
    assert [a["key"] for a in store.list_actors(country="NRL", type="person")] == [
        "person:asa-lindqvist-oberg"
    ]
    assert store.list_actors(country="XXX") == []
    oberg = store.list_actors(type="person")[0]
    assert oberg["roles"] == ["foreign minister"] and oberg["n_articles"] == 2
    assert store.list_actors(type="country")[0]["roles"] == []


# -- several connections and processes ----------------------------------------------------


def test_a_second_connection_sees_committed_writes(store_url):
    with open_store(store_url) as one, open_store(store_url) as two:
        one.save(make_result("a0000000000000001", source="1.txt"), raw_hash="1")
        assert two.source_hashes() == {"1.txt": "1"}
        two.save(make_result("a0000000000000002", source="2.txt"), raw_hash="2")
        assert one.save(make_result("a0000000000000002", source="2.txt"), raw_hash="2") == "unchanged"
        assert one.counts() == two.counts()


def test_concurrent_writers_do_not_corrupt(store_url):
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with open_store(store_url) as s:
                for i in range(8):
                    s.save(make_result(f"w{n}-{i:013d}", source=f"{n}/{i}.txt"), raw_hash=f"{n}{i}")
                    s.save(make_result(f"w{n}-{i:013d}", source=f"{n}/{i}.txt"), raw_hash=f"{n}{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(store_url) as s:
        assert core_counts(s) == {"articles": 24, "sentences": 72, "actors": 3, "mentions": 120, "duplicates": 0}


def test_sequential_processes(store_url):
    script = textwrap.dedent("""
        import os, sys
        sys.path.insert(0, os.environ["TEST_DIR"])
        from test_contract import make_result
        from dyad.store import open_store
        with open_store(os.environ["URL"]) as s:
            print(s.save(make_result("proc%s-000000000" % sys.argv[1], source=sys.argv[1]),
                         raw_hash="r"))
            print(s.counts()["articles"])
    """)
    env = {**os.environ, "URL": store_url, "TEST_DIR": os.path.dirname(__file__)}
    outputs = []
    for arg in ("1", "2", "1"):
        done = subprocess.run(
            [sys.executable, "-W", "error", "-c", script, arg],
            env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.split())
    assert outputs == [["inserted", "1"], ["inserted", "2"], ["unchanged", "2"]]
    with open_store(store_url) as s:
        assert sorted(s.source_hashes()) == ["1", "2"]


def test_seen_lines_count_only_inputs_first_seen_earlier_in_the_same_group(store):
    assert store.see_lines("a.txt", "ledger", {"h1", "h2"}) == {}
    assert store.see_lines("b.txt", "ledger", {"h1"}) == {"h1": 1}
    assert store.see_lines("c.txt", "herald", {"h1"}) == {}  # another outlet
    assert store.see_lines("d.txt", "ledger", {"h1", "h2", "h3"}) == {"h1": 2, "h2": 1}
    # seen again (a resumed run): same place in the order, same answer, nothing counted twice
    assert store.see_lines("a.txt", "ledger", {"h1", "h2"}) == {}
    assert store.see_lines("d.txt", "ledger", {"h1", "h2", "h3"}) == {"h1": 2, "h2": 1}
    # an input whose lines changed (an updated page) replaces its lines, keeping its place
    assert store.see_lines("b.txt", "ledger", {"h2"}) == {"h2": 1}
    assert store.see_lines("d.txt", "ledger", {"h1", "h2", "h3"}) == {"h1": 1, "h2": 2}
    assert store.see_lines("e.txt", "ledger", set()) == {}


def test_near_duplicate_candidates_come_from_the_stored_bands(store):
    base = tuple(range(1000, 1128))
    near = base[:120] + tuple(range(5000, 5008))  # the last band differs
    far = tuple(range(9000, 9128))
    store.save(make_result("base000000000001", source="1.txt", minhash=base), raw_hash="1")
    store.save(make_result("near000000000002", source="2.txt", minhash=near), raw_hash="2")
    store.save(make_result("far0000000000003", source="3.txt", minhash=far), raw_hash="3")
    store.save(make_result("none000000000004", source="4.txt", minhash=()), raw_hash="4")
    assert store.near_duplicate_candidates(base) == [("base000000000001", "1.txt", base),
                                                     ("near000000000002", "2.txt", near)]
    assert [c[0] for c in store.near_duplicate_candidates(far)] == ["far0000000000003"]
    assert store.near_duplicate_candidates(tuple(range(20000, 20128))) == []
    # an updated signature replaces the article's bands; a deleted article leaves none
    store.save(make_result("base000000000001", source="1.txt", minhash=far, text=TEXT + " again"), raw_hash="1b")
    assert [c[0] for c in store.near_duplicate_candidates(base)] == ["near000000000002"]
    store.record_duplicate("3.txt", "base000000000001", 1.0, "3")
    assert [c[0] for c in store.near_duplicate_candidates(far)] == ["base000000000001"]


def test_raw_hash_and_source_are_looked_up_per_input(store):
    store.save(make_result("orig000000000001", source="a.txt"), raw_hash="a")
    store.record_duplicate("b.txt", "orig000000000001", 0.99, "b2")
    assert (store.raw_hash_of("a.txt"), store.raw_hash_of("b.txt"), store.raw_hash_of("c.txt")) == ("a", "b2", None)
    assert (store.source_of("orig000000000001"), store.source_of("nothing000000000")) == ("a.txt", None)


def test_upgrading_a_version_4_database_fills_the_bands_from_stored_signatures(store_url):
    signature = tuple(range(3000, 3128))
    engine = sa.create_engine(resolve_url(store_url))
    try:
        with engine.begin() as conn:  # the schema as version 4 left it, with one article
            store_schema.schema_version.create(conn)
            for version, name, step in MIGRATIONS[:4]:
                step(conn)
                conn.execute(store_schema.schema_version.insert().values(version=version, name=name, applied_at="then"))
            conn.execute(sa.text(
                "INSERT INTO articles (id, source, authors, text, content_hash, raw_hash, result_hash, minhash, "
                "extractors, ingested_at) VALUES ('old0000000000001', 'old.txt', '[]', 'Some text.', 'c', 'r', 'f', "
                ":m, '{}', 'then')"), {"m": struct.pack("<128Q", *signature)})
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.near_duplicate_candidates(signature) == [("old0000000000001", "old.txt", signature)]
