"""Store.search: full text over article titles, texts and quotes, the same on SQLite (FTS5)
and PostgreSQL (tsvector + GIN); the index follows every save, update and delete."""
from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from dyad.records import Quote
from dyad.store import migrations, open_store
from dyad.store.search import SQLITE_TABLES
from tests.store.helpers import nth
from tests.store.test_contract import make_result

OTHER = ("Norland's harbour authority said the ferries would resume sailing. "
         "Officials called the 50% tariff \"unacceptable\" and promised talks.")


def with_quote(result, surface: str, kind: str = "direct", occurrence: int = 0):
    text = result.article.text
    start = nth(text, surface, occurrence)
    sentence = next(s.index for s in result.sentences if s.start <= start < s.end)
    quote = Quote(article_id=result.article.id, sentence_index=sentence, start=start,
                  end=start + len(surface), text=surface, kind=kind, extractor="quotes.test.v1")
    return dataclasses.replace(result, quotes=(*result.quotes, quote))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request):
    with open_store(request.getfixturevalue(f"{request.param}_url")) as s:
        first = with_quote(make_result(), "Nous restons ouverts")
        second = make_result("b2c3d4e5f6a7b8c9", source="corpus/harbour.txt", text=OTHER,
                             date="2024-05-01", outlet="Norland Post", mentions=())
        second = with_quote(second, "unacceptable", kind="mixed")
        second = dataclasses.replace(second, article=dataclasses.replace(second.article, title="Harbour news"))
        s.save(first, raw_hash="r1")
        s.save(second, raw_hash="r2")
        yield s


def ids(found) -> list[str]:
    return sorted(a["id"] for a in found["articles"])


@pytest.mark.parametrize("query, expected", [
    ("Lindqvist", ["a1b2c3d4e5f6a7b8"]),
    ("envoy minister", ["a1b2c3d4e5f6a7b8"]),             # title + text, all words
    ("ENVOY", ["a1b2c3d4e5f6a7b8"]),                       # case-insensitive
    ("ferry", ["b2c3d4e5f6a7b8c9"]),                       # stemmed: ferries
    ("talk", ["a1b2c3d4e5f6a7b8", "b2c3d4e5f6a7b8c9"]),   # talks in both
    ('"harbour authority"', ["b2c3d4e5f6a7b8c9"]),        # a phrase
    ('"authority harbour"', []),                          # words out of order
    ("ferries envoy", []),                                 # not in one article
    ("50%", ["b2c3d4e5f6a7b8c9"]),
    ("%", []), ("_", []), ("*", []), ("OR", []), ('"', []), ("NEAR(ferries", []),
    ("title:envoy", []), ("a1b2c3d4e5f6a7b8", []),         # no column syntax, ids not searched
    ("", []), ("   ", []),
])
def test_article_search(store, query, expected):
    assert ids(store.search(query)) == expected


def test_quote_search_and_result_shape(store):
    found = store.search("unacceptable")
    assert found["n_quotes"] == 1 and found["terms"] == ["unacceptable"]
    hit = found["quotes"][0]
    assert (hit["article_id"], hit["seq"], hit["kind"], hit["text"]) == (
        "b2c3d4e5f6a7b8c9", 0, "mixed", "unacceptable")
    assert (hit["title"], hit["outlet"], hit["date"]) == ("Harbour news", "Norland Post", "2024-05-01")
    art = found["articles"][0]
    assert set(art) == {"id", "title", "date", "outlet", "snippet"} and "unacceptable" in art["snippet"]
    assert store.search("restons")["quotes"][0]["article_id"] == "a1b2c3d4e5f6a7b8"


def test_limit_offset_and_counts(store):
    everything = store.search("talks")
    assert everything["n_articles"] == 2
    first = store.search("talks", limit=1)
    second = store.search("talks", limit=1, offset=1)
    assert first["n_articles"] == second["n_articles"] == 2
    assert {first["articles"][0]["id"], second["articles"][0]["id"]} == set(ids(everything))


def test_index_follows_updates_and_deletes(store):
    changed = make_result("b2c3d4e5f6a7b8c9", source="corpus/harbour.txt",
                          text="The lighthouse keeper retired.", mentions=())
    assert store.save(changed, raw_hash="r3") == "updated"
    assert store.search("ferries")["n_articles"] == 0
    assert store.search("unacceptable")["n_quotes"] == 0
    assert ids(store.search("lighthouse")) == ["b2c3d4e5f6a7b8c9"]
    store.record_duplicate("corpus/harbour.txt", "a1b2c3d4e5f6a7b8", 0.9, "r4")  # deletes it
    assert store.search("lighthouse")["n_articles"] == 0
    assert ids(store.search("envoy")) == ["a1b2c3d4e5f6a7b8"]
    if store.dialect == "sqlite":
        with store._read() as conn:
            n = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in SQLITE_TABLES}
        assert n == {"search_articles": 1, "search_quotes": 1}


def _save_at_old_schema(store, result) -> None:
    """The article and its quotes as a Dyad of that schema stored them: the columns the
    database has now, taken from what today's writer would store."""
    import sqlalchemy as sa

    from dyad.store.facts import fact_rows
    from dyad.store.sql import pack_minhash

    art = result.article
    article = {"id": art.id, "source": art.source, "url": art.url, "title": art.title,
               "date": art.date, "outlet": art.outlet, "authors": "[]", "dateline": art.dateline,
               "text": art.text, "content_hash": art.content_hash, "raw_hash": "r1",
               "result_hash": "h1", "minhash": pack_minhash(art.minhash), "extractors": "{}",
               "ingested_at": "2024-01-01T00:00:00+00:00"}
    with store._write() as conn:
        for name, rows in (("articles", [article]), ("quotes", fact_rows(result)["quotes"])):
            have = {c["name"] for c in sa.inspect(conn).get_columns(name)}
            table = sa.table(name, *(sa.column(c) for c in have))
            conn.execute(table.insert(), [{k: v for k, v in r.items() if k in have} for r in rows])


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_migration_indexes_what_was_stored_before(request, backend):
    """Articles saved at schema version 2 are found once migration 3 has run."""
    from dyad.store import Store, create_engine, resolve_url

    url = resolve_url(request.getfixturevalue(f"{backend}_url"))
    old = Store(create_engine(url), url)
    try:
        with old._write() as conn:
            migrations.schema_version.create(conn)
            for version, name, step in migrations.MIGRATIONS[:2]:
                step(conn)
                conn.execute(migrations.schema_version.insert().values(
                    version=version, name=name, applied_at="2024-01-01T00:00:00+00:00"))
        _save_at_old_schema(old, with_quote(make_result(), "Nous restons ouverts"))
        assert old.schema_version() == 2
    finally:
        old.close()
    with open_store(url) as s:
        assert s.schema_version() == migrations.LATEST_VERSION
        assert ids(s.search("envoy")) == ["a1b2c3d4e5f6a7b8"]
        assert s.search("restons")["n_quotes"] == 1


@pytest.mark.postgres
def test_postgres_queries_use_the_gin_indexes(postgres_url):
    from dyad.store.search import PG_ARTICLE_VECTOR, PG_QUOTE_VECTOR

    with open_store(postgres_url) as s, s._read() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for table, vector, index in (("search_articles", PG_ARTICLE_VECTOR, "ix_articles_search"),
                                     ("search_quotes", PG_QUOTE_VECTOR, "ix_quotes_search")):
            plan = conn.execute(sa.text(
                f"EXPLAIN SELECT 1 FROM {table} WHERE {vector} @@ phraseto_tsquery('english'::regconfig, :q)"
            ), {"q": "talks"}).scalars().all()
            assert any(index in line for line in plan), plan
