"""open_store and resolve_url: URL handling and schema-version guards (SQLite only)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from dyad.records import Article, ArticleResult
from dyad.store import DEFAULT_URL, SchemaTooNew, open_store, resolve_url
from dyad.store.migrations import LATEST_VERSION
from dyad.store.schema import schema_version


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        (None, None, "sqlite:///dyad.db"),
        (None, "sqlite:////data/x.db", "sqlite:////data/x.db"),
        ("sqlite:///here.db", "sqlite:////data/x.db", "sqlite:///here.db"),
        ("postgresql://u:p@h:5432/d", None, "postgresql+psycopg://u:p@h:5432/d"),
        ("postgres://u@h/d", None, "postgresql+psycopg://u@h/d"),
        ("postgresql+psycopg://u@h/d", None, "postgresql+psycopg://u@h/d"),
        (None, "postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
        ("out/run.db", None, "sqlite:///out/run.db"),
    ],
)
def test_resolve_url(monkeypatch, given, env, expected):
    if env is None:
        monkeypatch.delenv("DYAD_DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DYAD_DATABASE_URL", env)
    assert resolve_url(given) == expected


def test_default_url():
    assert DEFAULT_URL == "sqlite:///dyad.db"


def test_open_store_creates_parent_folders(tmp_path):
    path = tmp_path / "deep" / "er" / "dyad.db"
    with open_store(str(path)) as store:
        assert store.counts()["articles"] == 0
    assert path.exists()


def test_in_memory_store_keeps_its_data():
    with open_store("sqlite://") as store:
        assert store.schema_version() == LATEST_VERSION
        result = ArticleResult(article=Article(id="mem000000001", source="m.txt", text="Hello."))
        assert store.save(result, raw_hash="h") == "inserted"
        assert store.save(result, raw_hash="h") == "unchanged"
        assert store.counts()["articles"] == 1


def test_a_newer_schema_is_refused(sqlite_url):
    with open_store(sqlite_url):
        pass
    engine = sa.create_engine(sqlite_url)
    try:
        with engine.begin() as conn:
            conn.execute(schema_version.insert().values(version=LATEST_VERSION + 1, name="future", applied_at="x"))
    finally:
        engine.dispose()
    with pytest.raises(SchemaTooNew):
        open_store(sqlite_url)
