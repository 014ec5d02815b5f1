"""List endpoints page in SQL: a page is the same slice of the whole list, with its total."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dyad.cli import app as cli_app
from dyad.store import open_store
from dyad.web import create_app

BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def client(seeded_url):
    with TestClient(create_app(seeded_url), base_url=BASE) as c:
        yield c


def key(rows):
    return [(r["article_id"], r["seq"]) for r in rows]


@pytest.mark.parametrize("path", ["/api/events", "/api/events?dyad=IRN-RUS", "/api/events?modality=asserted",
                                  "/api/quotes", "/api/quotes?speaker=a", "/api/quotes?about=RUS"])
def test_pages_are_slices_with_the_total(client, path):
    sep = "&" if "?" in path else "?"
    whole = client.get(f"{path}{sep}limit=1000").json()
    assert whole["total"] == len(whole["items"])
    for limit, offset in ((1, 0), (3, 2), (50, 5), (5, whole["total"])):
        page = client.get(f"{path}{sep}limit={limit}&offset={offset}").json()
        assert (page["total"], page["limit"], page["offset"]) == (whole["total"], limit, offset)
        assert key(page["items"]) == key(whole["items"][offset:offset + limit])


def test_the_page_size_is_bounded(client):
    assert client.get("/api/events?limit=1001").status_code == 422
    assert client.get("/api/quotes?limit=0").status_code == 422


def test_events_json_streams_the_same_text_as_a_list(seeded_url):
    with open_store(seeded_url) as store:
        rows = store.list_events()
    assert rows
    result = CliRunner().invoke(cli_app, ["events", "--db", seeded_url, "--json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    two = CliRunner().invoke(cli_app, ["events", "--db", seeded_url, "--json", "--limit", "2"])
    assert json.loads(two.stdout) == rows[:2]
    none = CliRunner().invoke(cli_app, ["events", "--db", seeded_url, "--json", "--dyad", "ZZZ-QQQ"])
    assert none.stdout == "[]\n"
