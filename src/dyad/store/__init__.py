"""Storage behind one interface: SQLite (WAL) by default, PostgreSQL by URL.

    from dyad.store import open_store
    with open_store() as store:            # $DYAD_DATABASE_URL, else ./dyad.db
        status = store.save(result, raw_hash=h)   # "inserted" | "updated" | "unchanged"

See ``sql.Store`` for the methods, ``migrations`` for schema changes.
"""
from __future__ import annotations

import os

from dyad.store.migrations import LATEST_VERSION, SchemaTooNew
from dyad.store.engine import create_engine
from dyad.store.sql import AmbiguousId, Store

DEFAULT_URL = "sqlite:///dyad.db"
ENV_VAR = "DYAD_DATABASE_URL"

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "LATEST_VERSION",
    "AmbiguousId",
    "SchemaTooNew",
    "Store",
    "open_store",
    "resolve_url",
]


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: ``url``, else ``$DYAD_DATABASE_URL``, else ``DEFAULT_URL``.

    ``postgresql://`` and ``postgres://`` URLs are pointed at the psycopg 3 driver; a bare
    path (no ``://``) means an SQLite file.
    """
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in chosen:
        return f"sqlite:///{chosen}"
    for prefix in ("postgresql://", "postgres://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix):]
    return chosen


def open_store(url: str | None = None) -> Store:
    """Connect to the database at ``resolve_url(url)``, create or migrate its schema, and
    return a ``Store``. SQLite connections use WAL journaling, foreign keys and a busy
    timeout, so a second process waits for a writer instead of failing."""
    resolved = resolve_url(url)
    engine = create_engine(resolved)
    store = Store(engine, resolved)
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store
