"""Store.list_quotes, list_speakers and list_stances, run against every backend (SQLite
always, PostgreSQL when DYAD_TEST_POSTGRES_URL names a server). Everything is fictional:
Valdoria (VLD), Norland (NRL) and Kestria (KST)."""
from __future__ import annotations

import dataclasses
import hashlib

import pytest

from dyad.records import Actor, Article, ArticleResult, Mention, Quote, Stance
from dyad.store import open_store
from tests.store.helpers import nth
from tests.store.helpers import split_sentences as split

BRECHT = Actor(key="person:tomas-brecht", type="person", name="Tomas Brecht", code="VLDDIP",
               country="VLD", sector="DIP", role="Valdoria's envoy")
VARGA = Actor(key="person:ines-varga", type="person", name="Ines Varga", code="NRLGOV",
              country="NRL", sector="GOV", role="foreign minister")
VLD = Actor(key="VLD", type="country", name="Valdoria", code="VLD", country="VLD")
NRL = Actor(key="NRL", type="country", name="Norland", code="NRL", country="NRL")
KST = Actor(key="KST", type="country", name="Kestria", code="KST", country="KST")
KSTGOV = Actor(key="KSTGOV", type="country", name="Government of Kestria", code="KSTGOV",
               country="KST", sector="GOV")

TEXT_A = (
    "Valdoria's envoy Tomas Brecht met Norland's foreign minister Ines Varga on Tuesday. "
    "Brecht said: \"Kestria must withdraw its troops.\" "
    "Varga said Norland wanted closer ties with Valdoria. "
    "A spokesman said the talks were useful."
)
TEXT_B = (
    "Ines Varga said Kestria's government had broken the truce. "
    "A spokesman said the border was calm. "
    "\"We are ready to talk to Kestria,\" she said."
)

# id -> (date, outlet, text, mentions: (actor, surface, occurrence, kind),
#        quotes: (quoted words, kind, speaker words, speaker occurrence, actor or None))
ARTICLES = {
    "art-qa": ("2024-04-16", "Valdoria Herald", TEXT_A, [
        (VLD, "Valdoria", 0, "name"), (BRECHT, "Tomas Brecht", 0, "name"),
        (NRL, "Norland", 0, "name"), (VARGA, "Ines Varga", 0, "name"),
        (BRECHT, "Brecht", 1, "surname"), (KST, "Kestria", 0, "name"),
        (VARGA, "Varga", 1, "surname"), (NRL, "Norland", 1, "name"), (VLD, "Valdoria", 1, "name"),
    ], [
        ("\"Kestria must withdraw its troops.\"", "direct", "Brecht", 1, BRECHT),
        ("Norland wanted closer ties with Valdoria", "indirect", "Varga", 1, VARGA),
        ("the talks were useful", "indirect", "A spokesman", 0, None),
    ]),
    "art-qb": ("2024-04-18", "Norland Post", TEXT_B, [
        (VARGA, "Ines Varga", 0, "name"), (KSTGOV, "Kestria's government", 0, "name"),
        (KST, "Kestria", 1, "name"),
    ], [
        ("Kestria's government had broken the truce", "indirect", "Ines Varga", 0, VARGA),
        ("the border was calm", "indirect", "A spokesman", 0, None),
        ("\"We are ready to talk to Kestria,\"", "direct", "she", 0, VARGA),
    ]),
}

# id -> (holder, target, polarity, score)
STANCES = {
    "art-qa": [(BRECHT, "KST", "negative", -0.6), (VARGA, "VLD", "positive", 0.5)],
    "art-qb": [(VARGA, "KSTGOV", "negative", -0.7), (VARGA, "KST", "positive", 0.3)],
}


def make_result(art: str) -> ArticleResult:
    date, outlet, text, mention_specs, quote_specs = ARTICLES[art]
    sents = split(text)

    def sentence_of(at: int) -> int:
        return next(s.index for s in sents if s.start <= at < s.end)

    mentions = []
    for actor, surface, occurrence, kind in mention_specs:
        at = nth(text, surface, occurrence)
        mentions.append(Mention(article_id=art, actor_key=actor.key, sentence_index=sentence_of(at),
                                start=at, end=at + len(surface), text=surface, kind=kind,
                                extractor="actors.test.v1"))
    quotes = []
    for words, kind, speaker, occurrence, actor in quote_specs:
        at, s_at = text.index(words), nth(text, speaker, occurrence)
        quotes.append(Quote(
            article_id=art, sentence_index=sentence_of(at), start=at, end=at + len(words),
            text=words, kind=kind, speaker_text=speaker, speaker_key=actor.key if actor else None,
            speaker_code=actor.code if actor else None, speaker_role=actor.role if actor else None,
            resolved=actor is not None, speaker_start=s_at, speaker_end=s_at + len(speaker),
            cue="said", extractor="quotes.test.v1",
        ))
    stances = tuple(
        Stance(article_id=art, holder_key=h.key, holder_name=h.name, target=target,
               polarity=polarity, score=score, extractor="stance.test.v1")
        for h, target, polarity, score in STANCES[art]
    )
    actors = tuple({a.key: a for a, *_ in mention_specs}.values())
    article = Article(id=art, source=f"corpus/{art}.txt", text=text, url=f"https://news.example/{art}",
                      title=f"Report {art}", date=date, outlet=outlet,
                      content_hash=hashlib.sha1(text.encode()).hexdigest())
    return ArticleResult(article=article, sentences=sents, actors=actors, mentions=tuple(mentions),
                         quotes=tuple(quotes), stances=stances)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request):
    with open_store(request.getfixturevalue(f"{request.param}_url")) as s:
        for art in ARTICLES:
            assert s.save(make_result(art), raw_hash=art) == "inserted"
        yield s


def keys(rows) -> list[tuple[str, str]]:
    return [(r["article_id"], r["text"]) for r in rows]


def quote_keys(art: str, *indices: int) -> list[tuple[str, str]]:
    return [(art, ARTICLES[art][4][i][0]) for i in indices]


def test_all_quotes_with_their_article_in_order(store):
    rows = store.list_quotes()
    assert keys(rows) == quote_keys("art-qa", 0, 1, 2) + quote_keys("art-qb", 0, 1, 2)
    for row in rows:
        date, outlet, text, _, _ = ARTICLES[row["article_id"]]
        assert text[row["start"]:row["end"]] == row["text"]
        assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker_text"]
        assert (row["date"], row["outlet"]) == (date, outlet)
        assert row["title"] == f"Report {row['article_id']}"
        assert row["url"] == f"https://news.example/{row['article_id']}"
        assert row["extractor"] == "quotes.test.v1" and row["cue"] == "said"
    assert [r["seq"] for r in rows] == [0, 1, 2, 0, 1, 2]
    assert [r["speaker_name"] for r in rows] == [
        "Tomas Brecht", "Ines Varga", "A spokesman", "Ines Varga", "A spokesman", "Ines Varga",
    ]
    assert [r["mentioned"] for r in rows] == [["KST"], ["NRL", "VLD"], [], ["KSTGOV"], [], ["KST"]]
    first = rows[0]
    assert (first["kind"], first["speaker_code"], first["resolved"]) == ("direct", "VLDDIP", True)
    assert rows[2]["speaker_key"] is None and rows[2]["resolved"] is False


@pytest.mark.parametrize("speaker, expected", [
    ("varga", [("art-qa", 1), ("art-qb", 0), ("art-qb", 2)]),  # "she" resolves to Varga
    ("INES", [("art-qa", 1), ("art-qb", 0), ("art-qb", 2)]),
    ("spokes", [("art-qa", 2), ("art-qb", 1)]),
    ("person:tomas", [("art-qa", 0)]),
    ("she", [("art-qb", 2)]),
    ("Nobody", []),
])
def test_speaker_is_a_case_insensitive_substring(store, speaker, expected):
    want = [k for art, i in expected for k in quote_keys(art, i)]
    assert keys(store.list_quotes(speaker=speaker)) == want


@pytest.mark.parametrize("about, expected", [
    ("KST", [("art-qa", 0), ("art-qb", 0), ("art-qb", 2)]),  # KSTGOV counts as Kestria
    ("kstgov", [("art-qa", 0), ("art-qb", 0), ("art-qb", 2)]),
    ("NRL", [("art-qa", 1)]),
    ("VLD", [("art-qa", 1)]),
    ("RUS", []),
])
def test_about_matches_country_parts_of_actors_inside_the_quote(store, about, expected):
    want = [k for art, i in expected for k in quote_keys(art, i)]
    assert keys(store.list_quotes(about=about)) == want


def test_quote_filters_combine_with_article_and_limit(store):
    assert keys(store.list_quotes(speaker="brecht", about="KST")) == quote_keys("art-qa", 0)
    assert keys(store.list_quotes(speaker="brecht", about="NRL")) == []
    assert keys(store.list_quotes(article_id="art-qb")) == quote_keys("art-qb", 0, 1, 2)
    assert len(store.list_quotes(article_id=["art-qa", "art-qb"])) == 6
    assert keys(store.list_quotes(about="KST", limit=2)) == quote_keys("art-qa", 0) + quote_keys("art-qb", 0)
    assert store.list_quotes(article_id="art-none") == []


def test_speakers_group_resolved_by_key_and_unresolved_by_words(store):
    rows = store.list_speakers()
    assert [(r["key"], r["name"], r["n_statements"]) for r in rows] == [
        (VARGA.key, "Ines Varga", 3), (None, "A spokesman", 2), (BRECHT.key, "Tomas Brecht", 1),
    ]
    varga, spokesman, brecht = rows
    assert varga["resolved"] is True and varga["code"] == "NRLGOV"
    assert varga["roles"] == ["foreign minister"]
    assert varga["outlets"] == ["Norland Post", "Valdoria Herald"] and varga["n_articles"] == 2
    assert varga["kinds"] == {"direct": 1, "indirect": 2}
    assert set(varga["texts"]) == {"Varga", "Ines Varga", "she"}
    assert spokesman["resolved"] is False and spokesman["code"] is None and spokesman["roles"] == []
    assert spokesman["outlets"] == ["Norland Post", "Valdoria Herald"]
    assert brecht["code"] == "VLDDIP" and brecht["outlets"] == ["Valdoria Herald"]
    assert sum(r["n_statements"] for r in rows) == len(store.list_quotes())


def test_stances_filter_by_holder_and_target_country(store):
    def pairs(rows):
        return [(r["article_id"], r["holder_key"], r["target"]) for r in rows]

    rows = store.list_stances()
    assert pairs(rows) == [
        ("art-qa", BRECHT.key, "KST"), ("art-qa", VARGA.key, "VLD"),
        ("art-qb", VARGA.key, "KSTGOV"), ("art-qb", VARGA.key, "KST"),
    ]
    assert (rows[0]["polarity"], rows[0]["score"], rows[0]["holder_name"]) == ("negative", -0.6, "Tomas Brecht")
    assert (rows[0]["date"], rows[0]["outlet"], rows[0]["seq"]) == ("2024-04-16", "Valdoria Herald", 0)
    assert len(store.list_stances(holder="varga")) == 3
    assert len(store.list_stances(holder="Tomas")) == 1
    assert pairs(store.list_stances(target="kst")) == [pairs(rows)[i] for i in (0, 2, 3)]
    assert pairs(store.list_stances(target="KSTGOV")) == [pairs(rows)[i] for i in (0, 2, 3)]
    assert pairs(store.list_stances(holder="varga", target="KST")) == [pairs(rows)[i] for i in (2, 3)]
    assert store.list_stances(target="RUS") == []
    assert len(store.list_stances(article_id="art-qa")) == 2


def test_replaced_article_replaces_its_quotes_and_stances(store):
    result = make_result("art-qb")
    store.save(dataclasses.replace(result, quotes=result.quotes[:1], stances=()), raw_hash="changed")
    assert keys(store.list_quotes(article_id="art-qb")) == quote_keys("art-qb", 0)
    assert store.list_stances(article_id="art-qb") == []
    assert [r["n_statements"] for r in store.list_speakers()] == [2, 1, 1]
