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


def _one_line_error(url: str, *, write: bool = False) -> str:
    from dyad.store import StoreError

    with pytest.raises(StoreError) as info:
        open_store(url, write=write)
    message = str(info.value)
    assert "\n" not in message and len(message) < 400
    return message


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list: bread, olives, tea\n" * 40)
    assert _one_line_error(f"sqlite:///{path}") == f"database sqlite:///{path}: file is not a database"


def test_an_unknown_kind_of_url_is_one_line():
    assert _one_line_error("mongodb://localhost/dyad").startswith(
        "database mongodb://localhost/dyad: not a database URL Dyad knows")


def test_a_closed_port_is_one_line():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    message = _one_line_error(f"postgresql://dyad:secret@127.0.0.1:{port}/dyad")
    assert message.startswith(f"database postgresql+psycopg://dyad:***@127.0.0.1:{port}/dyad: ")
    assert "refused" in message.lower() and "secret" not in message


def test_a_read_only_database_is_refused_for_writing_before_any_work(tmp_path):
    path = tmp_path / "frozen.db"
    open_store(f"sqlite:///{path}").close()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    with open_store(url) as store:  # reading works
        assert store.counts()["articles"] == 0
    assert "readonly database" in _one_line_error(url, write=True)


def test_the_cli_prints_database_errors_in_one_line(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "notes.db"
    bad.write_bytes(b"not a database at all\n" * 50)
    article = tmp_path / "a.txt"
    article.write_text("Iran and Russia signed a grain agreement in Tehran on Monday, officials said.")
    for args in (["articles", "--db", f"sqlite:///{bad}"], ["ingest", str(article), "--db", f"sqlite:///{bad}"]):
        run = subprocess.run([sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, timeout=120)
        assert run.returncode == 2
        assert run.stderr.strip() == f"dyad: error: database sqlite:///{bad}: file is not a database"
