"""The JSON API, in process (FastAPI's TestClient) over a store ingested from the seeds."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dyad.store import open_store
from dyad.web.app import create_app
from tests.web import seeded

TOKEN = "test-token-5d1f"
BASE = "http://127.0.0.1"  # a Host the app answers (it refuses others, such as "testserver")


@pytest.fixture(scope="module")
def client(seeded_url):
    with TestClient(create_app(seeded_url), base_url=BASE) as c:
        yield c


@pytest.fixture
def writable(tmp_path):
    """An app over an empty store, with a token: the only place tests write. Server paths
    may be ingested from the test's own temporary folder."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with TestClient(create_app(url, token=TOKEN, ingest_roots=[tmp_path]), base_url=BASE) as c:
        yield c, url


def error_of(resp) -> str:
    body = resp.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == resp.status_code
    assert body["error"]["message"]
    return body["error"]["message"]


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/events",
                 "/api/quotes", "/api/speakers", "/api/stances", "/api/dyads/{a}/{b}/series",
                 "/api/network", "/api/search", "/api/ingest"):
        assert path in paths, path
    assert "post" in paths["/api/ingest"]
    assert not any(p.startswith("/dyad") or p.startswith("/article/") for p in paths)


def test_articles_paginate_and_one_article_has_its_records(client):
    everything = client.get("/api/articles").json()
    assert everything["total"] == 6 and len(everything["items"]) == 6
    page = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert [a["id"] for a in page["items"]] == [a["id"] for a in everything["items"][1:3]]
    art = client.get(f"/api/articles/{page['items'][0]['id']}").json()
    assert art["sentences"] and "minhash" not in art
    for key in ("actors", "mentions", "events", "quotes", "stances", "duplicates"):
        assert isinstance(art[key], list)


def test_unknown_ids_are_404_with_a_message(client):
    resp = client.get("/api/articles/a_doesnotexist")
    assert resp.status_code == 404 and "a_doesnotexist" in error_of(resp)
    assert client.get("/api/actors/NOPE").status_code == 404
    assert client.get("/api/speakers/person:nobody").status_code == 404
    assert client.get("/api/no/such/thing").status_code == 404


@pytest.mark.parametrize("url", [
    "/api/events?dyad=IRN", "/api/events?dyad=IRN-RUS-USA", "/api/events?limit=0",
    "/api/events?limit=5000", "/api/events?offset=-1", "/api/events?since=May%202021",
    "/api/events?modality=maybe", "/api/dyads/IRN/RUS/series?freq=year",
    "/api/dyads/IRN/R%20S/series", "/api/search", "/api/network?level=galaxy",
])
def test_bad_parameters_are_422_with_a_message(client, url):
    resp = client.get(url)
    assert resp.status_code == 422, resp.text
    assert error_of(resp)


def test_events_filters(client):
    rows = client.get("/api/events", params={"dyad": "IRN-RUS", "limit": 1000}).json()["items"]
    assert rows and all(r["direction"] in ("IRN->RUS", "RUS->IRN") for r in rows)
    asserted = client.get("/api/events", params={"dyad": "RUS,IRN", "modality": "asserted"}).json()
    assert 0 < asserted["total"] <= len(rows)
    assert all(r["modality"] == "asserted" for r in asserted["items"])
    clustered = client.get("/api/events", params={"dyad": "IRN-RUS", "clustered": True}).json()
    assert clustered["total"] <= len(rows)
    assert sum(c["n_reports"] for c in clustered["items"]) == len(rows)
    consult = client.get("/api/events", params={"type": "CONSULT"}).json()["items"]
    assert all(r["plover"] == "CONSULT" for r in consult)
    since = client.get("/api/events", params={"since": "2021-04-01"}).json()["items"]
    # a coarse date counts when its month or year holds the day asked for ("2021" for 2021-04-01)
    assert since and all((d := r["date"] or r["article_date"]) >= "2021-04-01" or "2021-04-01".startswith(d)
                         for r in since)
    assert not any((r["date"] or r["article_date"] or "0")[:4] < "2021" for r in since)


def test_quotes_speakers_stances(client):
    quotes = client.get("/api/quotes", params={"limit": 1000}).json()
    assert quotes["total"] > 0 and all(q["text"] for q in quotes["items"])
    speakers = client.get("/api/speakers").json()["items"]
    top = speakers[0]
    assert top["n_statements"] >= speakers[-1]["n_statements"]
    mine = client.get("/api/quotes", params={"speaker": top["name"]}).json()["items"]
    assert len(mine) >= top["n_statements"]
    one = client.get(f"/api/speakers/{top['key']}").json()
    assert one["speaker"]["n_statements"] == top["n_statements"]
    stances = client.get("/api/stances", params={"target": "RUS"}).json()["items"]
    assert all(s["target"].startswith("RUS") for s in stances)


def test_dyad_series_counts_events_both_directions(client):
    body = client.get("/api/dyads/IRN/RUS/series", params={"freq": "month"}).json()
    series = body["series"]
    assert series and {(s["source"], s["target"]) for s in series} == {("IRN", "RUS"), ("RUS", "IRN")}
    assert all(s["n_events"] <= s["n_reports"] or s["n_events"] == 0 for s in series)
    everything = client.get("/api/dyads/IRN/RUS/series", params={"modality": "all"}).json()["series"]
    assert sum(s["n_events"] for s in everything) >= sum(s["n_events"] for s in series)
    summary = client.get("/api/dyads/IRN/RUS").json()
    assert {"events", "voices", "stances", "outlets", "people", "series"} <= set(summary)
    assert set(summary["voices"]) == {"IRN", "RUS"}


def test_network_and_top_dyads(client):
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"IRN", "RUS"} <= ids
    assert all(e["source"] in ids and e["target"] in ids and e["source"] != e["target"]
               for e in net["edges"])
    dyads = client.get("/api/dyads").json()
    assert (dyads[0]["a"], dyads[0]["b"]) == ("IRN", "RUS")


def test_search_articles_and_quotes(client):
    found = client.get("/api/search", params={"q": "Lavrov"}).json()
    assert found["n_articles"] >= 1 and "Lavrov" in found["articles"][0]["snippet"]
    quote = client.get("/api/quotes", params={"limit": 1}).json()["items"][0]
    words = " ".join(quote["text"].split()[:3])
    hits = client.get("/api/search", params={"q": f'"{words}"'}).json()["quotes"]
    assert any(h["article_id"] == quote["article_id"] and h["seq"] == quote["seq"] for h in hits)
    # wildcards and operators in the query are literal characters
    assert client.get("/api/search", params={"q": "%"}).json()["n_articles"] < 6
    assert client.get("/api/search", params={"q": "zq_%_zq"}).json()["n_articles"] == 0


def test_read_only_without_a_token(client):
    resp = client.post("/api/ingest", content="Some text.", headers={"content-type": "text/plain"})
    assert resp.status_code == 403 and "token" in error_of(resp)
    assert client.post("/api/articles").status_code == 405
    assert client.delete("/api/articles/a_c8eb5e68f4052482").status_code == 405


def test_ingest_needs_the_bearer_token(writable):
    client, _url = writable
    body = {"content": "A text.", "headers": {"content-type": "text/plain"}}
    assert client.post("/api/ingest", **body).status_code == 401
    resp = client.post("/api/ingest", content="A text.",
                       headers={"content-type": "text/plain", "authorization": "Bearer wrong"})
    assert resp.status_code == 401 and resp.headers["www-authenticate"] == "Bearer"
    resp = client.post("/api/ingest", content="A text.",
                       headers={"content-type": "text/plain", "authorization": f"Basic {TOKEN}"})
    assert resp.status_code == 401


def test_ingest_text_stores_it_and_pages_escape_it(writable):
    client, url = writable
    auth = {"authorization": f"Bearer {TOKEN}"}
    resp = client.post("/api/ingest", content=seeded.INJECTED.encode(),
                       headers={**auth, "content-type": "text/plain; charset=utf-8"},
                       params={"outlet": "Test Wire"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["summary"]["inserted"] == 1 and len(body["articles"]) == 1
    art_id = body["articles"][0]["id"]
    art = client.get(f"/api/articles/{art_id}").json()
    assert "<script>window.__pwned=1</script>" in art["text"] and art["outlet"] == "Test Wire"
    page = client.get(f"/article/{art_id}").text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    again = client.post("/api/ingest", content=seeded.INJECTED.encode(),
                        headers={**auth, "content-type": "text/plain"}).json()
    assert again["summary"]["inserted"] == 0
    with open_store(url) as store:
        assert store.counts()["articles"] == 1


def test_ingest_server_path_and_bad_bodies(writable, tmp_path):
    client, _url = writable
    auth = {"authorization": f"Bearer {TOKEN}"}
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(seeded.INJECTED, encoding="utf-8")
    ok = client.post("/api/ingest", json={"path": str(folder)}, headers=auth)
    assert ok.status_code == 200 and ok.json()["summary"]["inserted"] == 1
    missing = client.post("/api/ingest", json={"path": str(tmp_path / "nope")}, headers=auth)
    assert missing.status_code == 422 and "no such file" in error_of(missing)
    assert client.post("/api/ingest", json=["x"], headers=auth).status_code == 422
    assert client.post("/api/ingest", content=b"x", headers={**auth, "content-type": "image/png"}).status_code == 415
    assert client.post("/api/ingest", content=b"  ", headers={**auth, "content-type": "text/plain"}).status_code == 422


def test_pages_render_and_use_only_local_assets(client):
    arts = client.get("/api/articles").json()["items"]
    speaker = client.get("/api/speakers").json()["items"][0]
    urls = ["/", "/dyad/IRN/RUS", "/dyad/irn/rus?modality=all&freq=week", "/dyad/VLD/NRL", "/actor/IRN", "/api-docs",
            f"/speaker/{speaker['key']}", "/search?q=Russia", "/search",
            *(f"/article/{a['id']}" for a in arts)]
    for url in urls:
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert resp.headers["content-type"].startswith("text/html")
        assert not re.search(r'(src|href)="(https?:)?//', resp.text), url
    for asset in ("/static/chart.js", "/static/article.js", "/static/style.css"):
        assert client.get(asset).status_code == 200
    missing = client.get("/article/a_nope_nope")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert client.get("/dyad/IRN/RUS?modality=sometimes").status_code == 422


def test_serve_runs_the_app_with_uvicorn(monkeypatch, tmp_path):
    import uvicorn

    from dyad.web import app as web_app

    seen = {}

    def fake_run(app, **kwargs):
        seen.update(kwargs, app=app)
        with TestClient(app, base_url=BASE) as c:  # runs the lifespan, so the store is closed again
            seen["status"] = c.get("/api/articles").status_code

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("DYAD_API_TOKEN", "from-env")
    web_app.serve(f"sqlite:///{tmp_path / 's.db'}", host="127.0.0.1", port=8123, token=None)
    assert (seen["host"], seen["port"], seen["status"]) == ("127.0.0.1", 8123, 200)
    assert seen["app"].state.token == "from-env"
