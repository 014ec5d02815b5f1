"""Reads that stay fast as the store grows: filters, order and pages run in SQL, through the
indexes migration 6 adds, and give the same rows as reading everything and slicing."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from dyad.store import open_store
from tests.store import test_events_store as ev
from tests.store import test_quotes_store as qs


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def events_store(request):
    with open_store(request.getfixturevalue(f"{request.param}_url")) as s:
        ev.fill(s)
        yield s


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def quotes_store(request):
    with open_store(request.getfixturevalue(f"{request.param}_url")) as s:
        for art in qs.ARTICLES:
            s.save(qs.make_result(art), raw_hash=art)
        yield s


def key(rows):
    return [(r["article_id"], r["seq"]) for r in rows]


FILTERS = [{}, {"dyad": ("VLD", "NRL")}, {"dyad": ("NRL", "VLD")}, {"dyad": ("NATO", "VLD")}, {"type": "CONSULT"},
           {"modality": "asserted"}, {"since": "2024-04-18"}, {"dyad": ("VLD", "NRL"), "since": "2024-04"}]


@pytest.mark.parametrize("filters", FILTERS)
def test_event_pages_are_slices_of_the_whole_list(events_store, filters):
    everything = events_store.list_events(**filters)
    assert events_store.count_events(**filters) == len(everything)
    for limit, offset in ((1, 0), (2, 1), (3, 2), (50, 0), (2, len(everything))):
        page = events_store.list_events(**filters, limit=limit, offset=offset)
        assert key(page) == key(everything[offset:offset + limit])
        assert page == everything[offset:offset + limit]


@pytest.mark.parametrize("filters", FILTERS)
def test_iter_events_streams_the_same_rows_by_keyset(events_store, filters):
    everything = events_store.list_events(**filters)
    for batch in (1, 2, 1000):
        assert list(events_store.iter_events(batch=batch, **filters)) == everything


def test_events_of_a_dyad_are_those_between_its_countries(events_store):
    rows = events_store.list_events(dyad=("VLDGOV", "NRL"))
    assert rows and all(r["direction"] in {"VLD->NRL", "NRL->VLD"} for r in rows)
    everything = events_store.list_events()
    between = [r for r in everything
               if ("VLD" in r["source_countries"] and "NRL" in r["target_countries"])
               or ("NRL" in r["source_countries"] and "VLD" in r["target_countries"])]
    assert key(rows) == key(between)


def test_the_side_table_follows_updates_and_deletes(events_store):
    before = events_store.count_events(dyad=("VLD", "NRL"))
    assert before
    art = next(iter(ev.ARTICLES))
    result = ev.make_result(art)
    import dataclasses
    events_store.save(dataclasses.replace(result, events=()), raw_hash="changed")
    with events_store._read() as conn:
        left = conn.execute(sa.text("SELECT count(*) FROM event_countries WHERE article_id = :a"),
                            {"a": art}).scalar()
    assert left == 0
    assert events_store.count_events() == len(events_store.list_events())


def _plan(store, query: str, params: dict) -> str:
    with store._read() as conn:
        return " | ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + query, params))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_sqlite_plans_use_the_indexes(sqlite_url, backend):
    from sqlalchemy.dialects import sqlite

    from dyad.store.event_query import _filters
    from dyad.store.schema import events

    with open_store(sqlite_url) as s:
        ev.fill(s)
        first_page = "SELECT article_id, seq FROM events ORDER BY sort_date, article_id, seq LIMIT 50"
        assert "ix_events_sort" in _plan(s, first_page, {})
        assert "TEMP B-TREE" not in _plan(s, first_page, {})  # no sort of the whole table
        quotes_page = "SELECT article_id, seq FROM quotes ORDER BY sort_date, article_id, seq LIMIT 50"
        assert "ix_quotes_sort" in _plan(s, quotes_page, {})
        dyad = sa.select(events.c.article_id).where(*_filters(dyad=("VLD", "NRL"), type=None, modality=None,
                                                              since=None, article_id=None))
        compiled = dyad.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
        plan = _plan(s, str(compiled), {})
        assert "ix_event_countries_country" in plan or "sqlite_autoindex_event_countries" in plan, plan
        actors = "SELECT count(*) FROM mentions WHERE article_id = 'x' AND actor_key = 'y'"
        assert "ix_mentions_article_actor" in _plan(s, actors, {})


@pytest.mark.parametrize("filters", [{}, {"speaker": "brecht"}, {"speaker": "BRECHT"}, {"about": "KST"},
                                     {"speaker": "brecht", "about": "KST"}, {"speaker": "nobody-at-all"}])
def test_quote_pages_filter_in_sql(quotes_store, filters):
    everything = quotes_store.list_quotes(**filters)
    assert quotes_store.count_quotes(**filters) == len(everything)
    for limit, offset in ((1, 0), (2, 1), (100, 0)):
        assert quotes_store.list_quotes(**filters, limit=limit, offset=offset) == everything[offset:offset + limit]


def test_cited_articles_match_get_article(quotes_store):
    ids = sorted({q["article_id"] for q in quotes_store.list_quotes()})
    found = quotes_store.cited_articles([*ids, "no-such-article"])
    assert sorted(found) == ids
    for art_id in ids:
        full = quotes_store.get_article(art_id)
        assert found[art_id]["sentences"] == full["sentences"]
        assert [(q["sentence_index"], q["start"], q["end"]) for q in found[art_id]["quotes"]] == \
            [(q["sentence_index"], q["start"], q["end"]) for q in full["quotes"]]
        assert {k: found[art_id][k] for k in ("title", "url", "outlet", "date")} == \
            {k: full[k] for k in ("title", "url", "outlet", "date")}
