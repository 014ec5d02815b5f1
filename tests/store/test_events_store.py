"""Store.list_events, run against every backend (SQLite always, PostgreSQL when
DYAD_TEST_POSTGRES_URL names a server). The articles and events are fictional: Valdoria
(VLD), Norland (NRL) and Kestria (KST)."""
from __future__ import annotations

import hashlib

import pytest

from dyad.codes import country_of, dyad_direction
from dyad.records import Article, ArticleResult, Event, EventDate
from dyad.store import open_store
from tests.store.helpers import split_sentences as split

# (id, date, outlet, text); sentences end with ". "
ARTICLES = {
    "art-a1": ("2024-04-16", "Valdoria Herald", (
        "Valdoria's foreign minister met Norland's envoy in Valdoria City on Monday. "
        "The two sides talked for three hours. "
        "Valdoria plans to sign a trade deal with Norland next month. "
        "Last year Norland's army shelled a Valdorian border post."
    )),
    "art-b2": ("2024-04-17", "Norland Post", (
        "Valdoria's foreign minister held talks with the Norland envoy on April 15. "
        "Kestria's government condemned Norland on Tuesday. "
        "NATO urged Valdoria to show restraint."
    )),
    "art-c3": ("2024-04-20", "Valdoria Herald", (
        "The minister's meeting with the envoy of Norland on April 16 was cordial. "
        "On Friday Valdoria's president again met Norland's envoy."
    )),
}

DAY = "day"


def ev(art: str, trigger: str, plover: str, cameo: str, quad: int, intensity: float,
       sources: tuple[str, ...], targets: tuple[str, ...], *, modality: str = "asserted",
       date: str | None = None, precision: str = DAY, occurrence: int = 0,
       mode: str | None = None, context: tuple[str, ...] = ()) -> Event:
    text = ARTICLES[art][2]
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(trigger, at + 1)
    sentence = next(s.index for s in split(text) if s.start <= at < s.end)
    spans = tuple((0, 3) for _ in sources)
    return Event(
        article_id=art, sentence_index=sentence, start=at, end=at + len(trigger), trigger=trigger,
        plover=plover, cameo=cameo, root=cameo[:2], quad_class=quad, intensity=intensity,
        modality=modality, sources=sources, targets=targets,
        source_keys=tuple(s[:3] for s in sources), target_keys=tuple(t[:3] for t in targets),
        source_spans=spans, target_spans=tuple((4, 7) for _ in targets), mode=mode, context=context,
        date=EventDate(value=date, precision=precision if date else "unknown",
                       rule="test" if date else "none"),
        extractor="events.test.v1",
    )


EVENTS = {
    "art-a1": (
        ev("art-a1", "met", "CONSULT", "042", 1, 1.9, ("VLDGOV",), ("NRLDIP",), date="2024-04-15",
           context=("diplomatic",)),
        ev("art-a1", "talked", "CONSULT", "040", 1, 1.0, ("VLD",), ("NRL",)),
        ev("art-a1", "sign", "AGREE", "057", 1, 8.0, ("VLD",), ("NRL",), modality="planned",
           date="2024-05", precision="month", context=("economic",)),
        ev("art-a1", "shelled", "ASSAULT", "194", 4, -10.0, ("NRLMIL",), ("VLD",), date="2023",
           precision="year", mode="artillery", context=("military",)),
    ),
    "art-b2": (
        ev("art-b2", "held talks", "CONSULT", "040", 1, 1.0, ("VLDGOV",), ("NRLDIP",), date="2024-04-15"),
        ev("art-b2", "condemned", "ACCUSE", "112", 3, -2.0, ("KSTGOV",), ("NRL",), date="2024-04-16"),
        ev("art-b2", "urged", "REQUEST", "025", 1, 3.0, ("NATO",), ("VLD",), date="2024-04-17"),
    ),
    "art-c3": (
        ev("art-c3", "meeting", "CONSULT", "040", 1, 1.0, ("VLDGOV",), ("NRL",), date="2024-04-16"),
        ev("art-c3", "met", "CONSULT", "042", 1, 1.9, ("VLDGOV",), ("NRLDIP",), date="2024-04-19"),
    ),
}


def make_result(art: str) -> ArticleResult:
    date, outlet, text = ARTICLES[art]
    article = Article(
        id=art, source=f"corpus/{art}.txt", text=text, url=f"https://news.example/{art}",
        title=f"Report {art}", date=date, outlet=outlet,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
    )
    return ArticleResult(article=article, sentences=split(text), events=EVENTS[art],
                         extractors={"events": "events.test.v1"})


def fill(store) -> None:
    for art in ARTICLES:
        assert store.save(make_result(art), raw_hash=art) == "inserted"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request):
    with open_store(request.getfixturevalue(f"{request.param}_url")) as s:
        fill(s)
        yield s


def keys(rows) -> list[tuple[str, str]]:
    return [(r["article_id"], r["trigger"]) for r in rows]


@pytest.mark.parametrize("code, country", [
    ("IRN", "IRN"), ("IRNGOV", "IRN"), ("irngov", "IRN"), ("IRNGOVDIP", "IRN"),
    ("NATO", "NATO"), ("UN", "UN"), ("BRICS", "BRICS"), ("EAEU", "EAEU"), ("SCO", "SCO"),
])
def test_country_of(code, country):
    assert country_of(code) == country


def test_dyad_direction():
    assert dyad_direction(["IRN"], ["RUS"], "IRN", "RUS") == "IRN->RUS"
    assert dyad_direction(["RUS", "CHN"], ["IRN"], "IRN", "RUS") == "RUS->IRN"
    assert dyad_direction(["IRN"], ["CHN"], "IRN", "RUS") is None


def test_all_events_in_date_order_with_article_and_evidence(store):
    rows = store.list_events()
    assert len(rows) == 9
    # Event date, else the article's date; undated last.
    assert keys(rows) == [
        ("art-a1", "shelled"), ("art-a1", "met"), ("art-b2", "held talks"),
        ("art-a1", "talked"), ("art-b2", "condemned"), ("art-c3", "meeting"),
        ("art-b2", "urged"), ("art-c3", "met"), ("art-a1", "sign"),
    ]
    for row in rows:
        date, outlet, text = ARTICLES[row["article_id"]]
        assert text[row["start"]:row["end"]] == row["trigger"]
        sentence = split(text)[row["sentence_index"]]
        assert (row["sentence"], row["sentence_start"]) == (sentence.text, sentence.start)
        assert (row["article_date"], row["outlet"]) == (date, outlet)
        assert row["url"] == f"https://news.example/{row['article_id']}"
        assert row["title"] == f"Report {row['article_id']}"
        assert row["direction"] is None and row["forward"] is None
    met = rows[1]
    assert met["cameo"] == "042" and met["root"] == "04" and met["quad_class"] == 1
    assert (met["sources"], met["targets"]) == (["VLDGOV"], ["NRLDIP"])
    assert (met["source_countries"], met["target_countries"]) == (["VLD"], ["NRL"])
    assert met["source_spans"] == [[0, 3]] and met["context"] == ["diplomatic"]
    assert (met["date"], met["date_precision"], met["date_rule"]) == ("2024-04-15", "day", "test")
    assert rows[3]["date"] is None and rows[3]["date_precision"] == "unknown"
    assert met["extractor"] == "events.test.v1" and met["ingested_at"]


def test_dyad_matches_both_directions_and_says_which(store):
    rows = store.list_events(dyad=("VLD", "NRL"))
    assert len(rows) == 7
    by_trigger = {(r["article_id"], r["trigger"]): r for r in rows}
    assert by_trigger["art-a1", "met"]["direction"] == "VLD->NRL"
    assert by_trigger["art-a1", "met"]["forward"] is True
    assert by_trigger["art-a1", "shelled"]["direction"] == "NRL->VLD"
    assert by_trigger["art-a1", "shelled"]["forward"] is False
    flipped = store.list_events(dyad=("NRL", "VLD"))
    assert keys(flipped) == keys(rows)
    assert all(f["forward"] is (not r["forward"]) for f, r in zip(flipped, rows))
    # Sector codes in the query mean their country.
    assert keys(store.list_events(dyad=("VLDGOV", "NRL"))) == keys(rows)


def test_dyad_with_an_organisation(store):
    assert keys(store.list_events(dyad=("NATO", "VLD"))) == [("art-b2", "urged")]
    assert store.list_events(dyad=("NAT", "VLD")) == []
    assert keys(store.list_events(dyad=("KST", "NRL"))) == [("art-b2", "condemned")]
    assert store.list_events(dyad=("KST", "VLD")) == []


def test_type_is_plover_or_cameo_root(store):
    consult = store.list_events(type="CONSULT")
    assert len(consult) == 5
    assert keys(store.list_events(type="04")) == keys(consult)
    assert keys(store.list_events(type="consult")) == keys(consult)
    assert keys(store.list_events(type="19")) == [("art-a1", "shelled")]
    assert store.list_events(type="PROTEST") == []


def test_modality_since_article_and_limit(store):
    assert keys(store.list_events(modality="planned")) == [("art-a1", "sign")]
    since = store.list_events(since="2024-04-16")
    assert ("art-a1", "shelled") not in keys(since) and ("art-a1", "met") not in keys(since)
    # The undated report falls back on its article's date; "2024-05" is after the day.
    assert {("art-a1", "talked"), ("art-a1", "sign"), ("art-c3", "met")} <= set(keys(since))
    assert len(since) == 6
    # A year or month date counts when it contains the day asked for.
    assert ("art-a1", "shelled") in keys(store.list_events(since="2023-06-01"))
    assert ("art-a1", "sign") in keys(store.list_events(since="2024-05-20"))
    assert keys(store.list_events(since="2024-06-01")) == []
    assert {r["article_id"] for r in store.list_events(article_id="art-b2")} == {"art-b2"}
    assert len(store.list_events(article_id=["art-b2", "art-c3"])) == 5
    assert len(store.list_events(limit=2)) == 2
    assert keys(store.list_events(dyad=("VLD", "NRL"), limit=2)) == keys(
        store.list_events(dyad=("VLD", "NRL"))
    )[:2]
    combined = store.list_events(dyad=("NRL", "VLD"), type="CONSULT", modality="asserted",
                                 since="2024-04-16")
    assert keys(combined) == [("art-a1", "talked"), ("art-c3", "meeting"), ("art-c3", "met")]


def test_like_wildcards_in_a_dyad_are_literal(store):
    assert store.list_events(dyad=("V%", "NRL")) == []
    assert store.list_events(dyad=("VL_", "NRL")) == []


def test_replaced_article_replaces_its_events(store):
    import dataclasses

    result = make_result("art-c3")
    store.save(dataclasses.replace(result, events=result.events[:1]), raw_hash="changed")
    assert keys(store.list_events(article_id="art-c3")) == [("art-c3", "meeting")]
