"""Shared fixtures: a real SQLite store in a temp dir and a real PostgreSQL store.

The PostgreSQL fixtures need ``DYAD_TEST_POSTGRES_URL`` (``eval "$(bash .ci/postgres.sh)"``
starts a local server and sets it). Without it they skip, except under CI, where they fail.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from dyad.store import Store, open_store, resolve_url

POSTGRES_ENV = "DYAD_TEST_POSTGRES_URL"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'dyad.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema, dropped after the test."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{POSTGRES_ENV} is not set; CI must run the PostgreSQL tests")
        pytest.skip(f"{POSTGRES_ENV} is not set (eval \"$(bash .ci/postgres.sh)\")")
    schema = f"dyad_test_{uuid.uuid4().hex[:12]}"
    url = sa.make_url(resolve_url(base))
    admin = sa.create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(sa.schema.CreateSchema(schema))
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
        with admin.begin() as conn:
            conn.execute(sa.schema.DropSchema(schema, cascade=True))
    finally:
        admin.dispose()


@pytest.fixture
def sqlite_store(sqlite_url) -> Iterator[Store]:
    with open_store(sqlite_url) as store:
        yield store


@pytest.fixture
def postgres_store(postgres_url) -> Iterator[Store]:
    with open_store(postgres_url) as store:
        yield store
