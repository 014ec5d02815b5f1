"""Storage behind one interface: SQLite (WAL) by default, PostgreSQL by URL.

    from dyad.store import open_store
    with open_store() as store:            # $DYAD_DATABASE_URL, else ./dyad.db
        status = store.save(result, raw_hash=h)   # "inserted" | "updated" | "unchanged"

See ``sql.Store`` for the methods, ``migrations`` for schema changes.
"""
from __future__ import annotations

import os

import sqlalchemy as sa

from dyad.store.migrations import LATEST_VERSION, SchemaTooNew, StoreError
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
    "StoreError",
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


def display_url(url: str) -> str:
    """``url`` as it may be printed: the password hidden."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _why(exc: BaseException) -> str:
    """The first line of what the database driver said."""
    inner = getattr(exc, "orig", None) or exc
    text = " ".join(str(inner).split("\n")[0].split()) or type(inner).__name__
    return text[:300]


def open_store(url: str | None = None, *, write: bool = False) -> Store:
    """Connect to the database at ``resolve_url(url)``, create or migrate its schema, and
    return a ``Store``. SQLite connections use WAL journaling, foreign keys and a busy
    timeout, so a second process waits for a writer instead of failing.

    With ``write=True`` the store is also checked writable. Any failure (no such server, a
    closed port, a file that is not a database, a read-only database, an unknown kind of URL,
    a schema newer than this Dyad) raises ``StoreError`` with one line naming the database."""
    resolved = resolve_url(url)
    where = display_url(resolved)
    try:
        engine = create_engine(resolved)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError):
        raise StoreError(f"database {where}: not a database URL Dyad knows "
                         "(use sqlite:///FILE or postgresql://USER@HOST/NAME)") from None
    except (OSError, ImportError) as exc:
        raise StoreError(f"database {where}: {_why(exc)}") from None
    store = Store(engine, resolved)
    try:
        store.migrate()
        if write:
            store.check_writable()
    except SchemaTooNew as exc:
        store.close()
        raise SchemaTooNew(f"database {where}: {exc}") from None
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        store.close()
        raise StoreError(f"database {where}: {_why(exc)}") from None
    except BaseException:
        store.close()
        raise
    return store
