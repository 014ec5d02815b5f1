"""Engines with Dyad's connection settings: SQLite in WAL mode with foreign keys, a busy
timeout and writers that take the write lock up front; PostgreSQL with pre-ping."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from dyad.codes import country_of

_BUSY_TIMEOUT_MS = 30_000


def _fold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _country(value: str | None) -> str | None:
    return None if value is None else country_of(value)


#: SQL functions on SQLite connections, so that filters run in SQL with Python's rules
#: (``store/sqlfuncs.py`` gives their PostgreSQL equivalents)
SQLITE_FUNCTIONS = {"dyad_fold": _fold, "dyad_country_of": _country}


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url`` with Dyad's connection settings (see ``open_store``)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)

    database = parsed.database or ""
    memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if memory:
        engine = sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (the pysqlite driver's own
        # implicit BEGIN comes too late for reads and cannot be IMMEDIATE).
        dbapi_conn.isolation_level = None
        for name, func in SQLITE_FUNCTIONS.items():
            dbapi_conn.create_function(name, 1, func, deterministic=True)
        cur = dbapi_conn.cursor()
        try:
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS:d}")
        finally:
            cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that reads and then
        # writes can fail with SQLITE_BUSY instead of waiting when another writer got in.
        mode = conn.get_execution_options().get("dyad_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {'IMMEDIATE' if mode == 'IMMEDIATE' else 'DEFERRED'}")

    return engine
