"""The server against an adversarial client: confined server paths, bounded bodies, probes
that must answer 4xx with a JSON message, security headers, the Host check, private uploads
and the token's sources. Real SQLite files, real requests (TestClient, raw ASGI calls and a
uvicorn subprocess for the memory measurement)."""
from __future__ import annotations

import json
import logging
import os
import re
import select
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dyad.limits import Limits
from dyad.store import open_store
from dyad.store.search import terms_of
from dyad.web.app import (
    INGEST_ROOTS_ENV,
    LOOPBACK_HOSTS,
    SECURITY_HEADERS,
    allowed_hosts_for,
    create_app,
    read_token_file,
)
from tests.web import seeded

TOKEN = "hardening-token-81c2"
AUTH = {"authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1"
TEXT = {**AUTH, "content-type": "text/plain"}


def error_of(resp) -> str:
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["status"] == resp.status_code, body
    assert body["error"]["message"]
    return body["error"]["message"]


@pytest.fixture
def no_env(monkeypatch):
    for name in (INGEST_ROOTS_ENV, "DYAD_API_TOKEN", "DYAD_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'h.db'}"


@pytest.fixture(scope="module")
def seeded_client(seeded_url):
    with TestClient(create_app(seeded_url), base_url=BASE) as c:
        yield c


# -- 1. server-side paths only inside the ingest roots ------------------------------------------


def test_path_ingest_without_roots_is_403_saying_how_to_enable_it(db, tmp_path, no_env):
    (tmp_path / "a.txt").write_text(seeded.INJECTED, encoding="utf-8")
    with TestClient(create_app(db, token=TOKEN), base_url=BASE) as c:
        resp = c.post("/api/ingest", json={"path": str(tmp_path / "a.txt")}, headers=AUTH)
        assert resp.status_code == 403
        assert "--ingest-root" in error_of(resp) and INGEST_ROOTS_ENV in error_of(resp)
        upload = c.post("/api/ingest", content=seeded.INJECTED.encode(), headers=TEXT)
        assert upload.status_code == 200 and upload.json()["summary"]["inserted"] == 1


def test_paths_are_confined_to_the_roots_after_resolving_links_and_dots(db, tmp_path, no_env):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "in.txt").write_text(seeded.INJECTED, encoding="utf-8")
    secret = outside / "secret.txt"
    secret.write_text("Velmora's harbour ledger is private.\n\nIt must never be ingested.\n", encoding="utf-8")
    (root / "link.txt").symlink_to(secret)
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    with TestClient(create_app(db, token=TOKEN, ingest_roots=[root]), base_url=BASE) as c:
        for given in (str(secret), str(root / ".." / "outside" / "secret.txt"), str(root / "link.txt"),
                      str(root / "linked-folder"), str(tmp_path), "/"):
            resp = c.post("/api/ingest", json={"path": given}, headers=AUTH)
            assert resp.status_code == 403, (given, resp.text)
            assert "outside the folders" in error_of(resp)
        missing = c.post("/api/ingest", json={"path": str(root / "nope.txt")}, headers=AUTH)
        assert missing.status_code == 422 and "no such file" in error_of(missing)
        # a path outside is refused the same whether or not it exists
        assert c.post("/api/ingest", json={"path": str(outside / "nope")}, headers=AUTH).status_code == 403
        ok = c.post("/api/ingest", json={"path": str(root / "sub" / ".." / "in.txt")}, headers=AUTH)
        assert ok.status_code == 200, ok.text
        assert ok.json()["summary"]["inserted"] == 1
        assert [a["source"] for a in ok.json()["articles"]] == [str((root / "in.txt").resolve())]
    with open_store(db) as store:
        assert not any("ledger" in a["text"] for a in (store.get_article(x["id"]) for x in store.list_articles()))


def test_a_folder_inside_a_root_does_not_lead_out_through_a_symlink(db, tmp_path, no_env):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "news").mkdir(parents=True)
    outside.mkdir()
    secret = seeded.seed_paths()[0].read_text(encoding="utf-8")  # a whole article, worth storing
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    (root / "news" / "a.txt").write_text(seeded.INJECTED, encoding="utf-8")
    (root / "news" / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "elsewhere").mkdir()
    (root / "news" / "more").symlink_to(root / "elsewhere", target_is_directory=True)  # inside: fine
    (root / "elsewhere" / ".hidden").symlink_to(outside)  # hidden names are not walked
    with TestClient(create_app(db, token=TOKEN, ingest_roots=[root]), base_url=BASE) as c:
        resp = c.post("/api/ingest", json={"path": str(root / "news")}, headers=AUTH)
        assert resp.status_code == 403 and "secret.txt" in error_of(resp), resp.text
        # a link further down, reached through a link that stays inside, is found too
        (root / "news" / "secret.txt").unlink()
        (root / "elsewhere" / "deeper.txt").symlink_to(outside / "secret.txt")
        resp = c.post("/api/ingest", json={"path": str(root / "news")}, headers=AUTH)
        assert resp.status_code == 403 and "deeper.txt" in error_of(resp), resp.text
        (root / "elsewhere" / "deeper.txt").unlink()
        resp = c.post("/api/ingest", json={"path": str(root / "news")}, headers=AUTH)
        assert resp.status_code == 200, resp.text
    with open_store(db) as store:
        texts = [store.get_article(a["id"])["text"] for a in store.list_articles()]
    assert len(texts) == 1 and "Petr Alvin" in texts[0]


def test_roots_come_from_the_environment_and_must_be_folders(db, tmp_path, monkeypatch, no_env):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (two / "b.txt").write_text(seeded.INJECTED, encoding="utf-8")
    monkeypatch.setenv(INGEST_ROOTS_ENV, f"{one}{os.pathsep}{two}")
    app = create_app(db, token=TOKEN)
    assert app.state.ingest_roots == (one.resolve(), two.resolve())
    with TestClient(app, base_url=BASE) as c:
        assert c.post("/api/ingest", json={"path": str(two / "b.txt")}, headers=AUTH).status_code == 200
    with pytest.raises(ValueError, match=r"^ingest root '.*nope': no such folder$"):
        create_app(db, ingest_roots=[tmp_path / "nope"])
    with pytest.raises(ValueError, match="not a folder"):
        create_app(db, ingest_roots=[two / "b.txt"])


# -- 2. the body is never read whole before the size check --------------------------------------


def _asgi(app, method: str, path: str, headers: dict[str, str], chunks) -> tuple[int, dict, bytes, int]:
    """One request straight through the ASGI interface; the body comes from ``chunks`` as the
    app asks for it. Returns status, headers, body and the number of body bytes it took."""
    taken = 0
    got: dict = {"body": b""}
    source = iter(chunks)

    async def receive():
        nonlocal taken
        chunk = next(source, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        taken += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        if message["type"] == "http.response.start":
            got["status"] = message["status"]
            got["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            got["body"] += message.get("body", b"")

    path, _, query = path.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
        "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
    }

    async def main():
        await app(scope, receive, send)

    anyio.run(main)
    return got["status"], got["headers"], got["body"], taken


HUNDRED_MB = 100 * 1024 * 1024
CHUNK = 64 * 1024


def _hundred_mb():
    for _ in range(HUNDRED_MB // CHUNK):
        yield b"x" * CHUNK


def test_a_streamed_100_mb_body_stops_at_the_limit(db, no_env):
    app = create_app(db, token=TOKEN, limits=Limits(max_bytes=1_000_000))
    status, headers, body, taken = _asgi(app, "POST", "/api/ingest",
                                         {"host": "127.0.0.1", **TEXT}, _hundred_mb())
    assert status == 413 and "1,000,000 bytes" in json.loads(body)["error"]["message"]
    assert taken <= 1_000_000 + CHUNK  # the handler stopped reading at the limit
    assert headers["content-type"] == "application/json"
    assert not any(app.state.uploads.folder().iterdir())  # the partial file is gone
    app.state.uploads.close()
    app.state.store.close()


def test_a_declared_length_over_the_limit_is_refused_before_reading(db, no_env):
    app = create_app(db, token=TOKEN, limits=Limits(max_bytes=1_000_000))
    status, _, body, taken = _asgi(app, "POST", "/api/ingest",
                                   {"host": "127.0.0.1", **TEXT, "content-length": str(HUNDRED_MB)},
                                   _hundred_mb())
    assert (status, taken) == (413, 0)
    assert f"{HUNDRED_MB:,} bytes" in json.loads(body)["error"]["message"]
    status, _, body, taken = _asgi(app, "POST", "/api/ingest",
                                   {"host": "127.0.0.1", **TEXT, "content-length": "many"}, [b"x"])
    assert (status, taken) == (400, 0) and "Content-Length" in json.loads(body)["error"]["message"]


def test_the_body_limit_comes_from_the_environment(db, monkeypatch, no_env):
    monkeypatch.setenv("DYAD_MAX_BYTES", "2000")
    with TestClient(create_app(db, token=TOKEN), base_url=BASE) as c:
        assert c.app.state.max_bytes == 2000
        resp = c.post("/api/ingest", content=b"word " * 500, headers=TEXT)
        assert resp.status_code == 413 and "2,000 bytes" in error_of(resp)


@pytest.mark.slow
def test_a_100_mb_upload_to_a_real_server_barely_grows_it(db, tmp_path, no_env):
    """uvicorn in a subprocess; the body is sent in chunks over a socket until the server
    answers. Its peak RSS (VmHWM) must grow far less than the body."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import uvicorn; from dyad.limits import Limits; from dyad.web.app import create_app; "
            f"uvicorn.run(create_app({db!r}, token={TOKEN!r}, limits=Limits(max_bytes=1_000_000)), "
            f"host='127.0.0.1', port={port}, log_level='warning')")
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

        def peak_kb() -> int:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))

        before = peak_kb()
        sent, reply = 0, b""
        frame = b"%x\r\n" % CHUNK + b"x" * CHUNK + b"\r\n"
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                         b"Authorization: Bearer " + TOKEN.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
            sock.setblocking(False)
            view = memoryview(frame)
            try:
                while sent < HUNDRED_MB:
                    readable, writable, _ = select.select([sock], [sock], [], 10)
                    if readable or not writable:
                        break
                    n = sock.send(view)
                    sent += n
                    view = view[n:] if n < len(view) else memoryview(frame)
            except (BrokenPipeError, ConnectionResetError):
                pass
            sock.setblocking(True)
            sock.settimeout(10)
            try:
                while b"\r\n" not in reply:
                    part = sock.recv(4096)
                    if not part:
                        break
                    reply += part
            except (ConnectionResetError, TimeoutError):
                pass
        grown_mb = (peak_kb() - before) / 1024
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    print(f"sent {sent / 2**20:.1f} MB of 100 MB; peak RSS grew {grown_mb:.1f} MB")
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert sent < HUNDRED_MB / 4, sent  # the server stopped taking the body long before its end
    assert grown_mb < 25, f"the server's peak RSS grew by {grown_mb:.1f} MB"


# -- 3. every probe answers 4xx with a JSON message ---------------------------------------------

BIG = "10000000000000000000"
LIST_ENDPOINTS = ("/api/articles", "/api/actors", "/api/events", "/api/quotes", "/api/speakers",
                  "/api/stances")


@pytest.mark.parametrize("url", [
    "/api/search?q=%00", "/api/search?q=a%00b", "/api/search?q=Lavrov&offset=" + BIG,
    "/api/search?q=Lavrov&limit=" + BIG, "/api/search?q=Lavrov&offset=-" + BIG,
    *(f"{e}?offset={BIG}" for e in LIST_ENDPOINTS), *(f"{e}?limit={BIG}" for e in LIST_ENDPOINTS),
    "/api/dyads?limit=" + BIG, "/api/articles?outlet=%00", "/api/articles/%00",
])
def test_probes_are_4xx_with_a_json_message(seeded_client, url):
    resp = seeded_client.get(url)
    assert 400 <= resp.status_code < 500, (url, resp.status_code, resp.text[:300])
    assert error_of(resp)


@pytest.mark.parametrize("q", [
    '"', '""', '"unclosed', "NEAR(Lavrov Moscow)", "Lavrov*", "*", "^Lavrov", "-Lavrov", "Lavrov OR",
    "AND", "title:Lavrov", "{title text}:Lavrov", "text : x", "Lavrov + Moscow", "(", ")", "a'b",
    "\\", "Lavrov\tMoscow", "\u200b", "\U0001f600", "%", "_", "\x7f", "a\x01b",
])
def test_search_syntax_is_literal_text_on_the_api_and_the_page(seeded_client, q):
    resp = seeded_client.get("/api/search", params={"q": q})
    assert resp.status_code == 200, (q, resp.text[:300])
    assert set(resp.json()) >= {"articles", "quotes", "n_articles", "n_quotes"}
    page = seeded_client.get("/search", params={"q": q})
    assert page.status_code == 200, (q, page.text[:300])


def test_search_page_probes_are_4xx_pages(seeded_client):
    resp = seeded_client.get("/search?q=%00")
    assert resp.status_code == 400 and "text/html" in resp.headers["content-type"]
    assert "NUL" in resp.text and "Traceback" not in resp.text
    assert seeded_client.get("/search", params={"q": "x" * 201}).status_code == 422


@pytest.fixture
def backend_store(request, tmp_path):
    """A store with one ingested article, on SQLite and (where a server is set) PostgreSQL."""
    from dyad.batch import ingest

    url = (f"sqlite:///{tmp_path / 's.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    text = tmp_path / "harbour.txt"
    text.write_text(seeded.INJECTED, encoding="utf-8")
    assert ingest([text], db=url, on_problem=lambda line: None).inserted == 1
    with open_store(url) as store:
        yield store


@pytest.mark.parametrize("backend_store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_store_search_takes_any_string_and_any_offset(backend_store):
    store = backend_store
    assert store.search("harbour")["n_articles"] == 1
    for q in ("\x00", "harbour\x00", "har\x00bour", '"harbour', "NEAR(harbour)", "harbour*", "\ud800",
              "{title}:harbour", "\x1b[31mharbour", "'", "\\"):
        found = store.search(q)
        assert set(found) >= {"articles", "quotes"}, q
        assert "\x00" not in "".join(found["terms"]) and "\ud800" not in "".join(found["terms"])
    assert store.search("harbour\x00")["n_articles"] == 1  # the NUL is a space
    assert store.search("harbour\x1b")["n_articles"] == 1
    past = store.search("harbour", offset=10**19, limit=10**19)
    assert past["n_articles"] == 1 and past["articles"] == []
    with pytest.raises(ValueError, match="negative"):
        store.search("harbour", offset=-1)
    assert terms_of('a\x00b "c\x00d"') == ["a", "b", "c d"]


def test_deep_and_broken_json_bodies_are_4xx(db, tmp_path, no_env):
    with TestClient(create_app(db, token=TOKEN, ingest_roots=[tmp_path]), base_url=BASE) as c:
        json_ct = {**AUTH, "content-type": "application/json"}
        deep = c.post("/api/ingest", content=b"[" * 100_000, headers=json_ct)
        assert deep.status_code == 413 and error_of(deep)
        nested = c.post("/api/ingest", content=b"[" * 30_000 + b"]" * 30_000, headers=json_ct)
        assert nested.status_code == 422 and "not valid JSON" in error_of(nested)
        assert c.post("/api/ingest", content=b'{"path": "\xff\xfe"}', headers=json_ct).status_code == 422
        assert c.post("/api/ingest", json={"path": "a\x00b"}, headers=AUTH).status_code == 422
        for ctype in ("text/plain", "text/html", "application/x-ndjson"):
            resp = c.post("/api/ingest", content=b"\xff\xfe\x80 Kastor \xc3\x28 harbour \xed\xa0\x80\n",
                          headers={**AUTH, "content-type": ctype})
            assert resp.status_code < 500 and resp.headers["content-type"] == "application/json", resp.text


def test_an_unexpected_error_is_a_logged_500_without_a_traceback(tmp_path, caplog, no_env):
    path = tmp_path / "broken.db"
    app = create_app(f"sqlite:///{path}")  # migrated here; then a table disappears underneath
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE quotes")
    caplog.set_level(logging.ERROR, logger="dyad.web")
    with TestClient(app, base_url=BASE) as c:
        api = c.get("/api/quotes")
        assert api.status_code == 500 and "server's log" in error_of(api)
        assert api.headers["x-frame-options"] == "DENY"
        page = c.get("/speaker/person:nobody")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        for resp in (api, page):
            assert "Traceback" not in resp.text and "no such table" not in resp.text
    assert any(r.exc_info for r in caplog.records if r.name == "dyad.web")
    assert "GET /api/quotes" in caplog.text


# -- 4. security headers ------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(seeded_client):
    csp = SECURITY_HEADERS["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
    arts = seeded_client.get("/api/articles").json()["items"]
    for url, status in (("/", 200), ("/api/articles", 200), ("/static/style.css", 200),
                        ("/static/forms.js", 200), ("/openapi.json", 200), ("/api-docs", 200),
                        (f"/article/{arts[0]['id']}", 200), ("/nope", 404), ("/api/events?limit=0", 422),
                        ("/search?q=%00", 400)):
        resp = seeded_client.get(url)
        assert resp.status_code == status, url
        for name, value in SECURITY_HEADERS.items():
            assert resp.headers[name] == value, (url, name)
    assert seeded_client.post("/api/ingest", content=b"x").headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_handler_or_style(seeded_client):
    arts = seeded_client.get("/api/articles").json()["items"]
    speaker = seeded_client.get("/api/speakers").json()["items"][0]
    for url in ("/", "/dyad/IRN/RUS", "/actor/IRN", f"/speaker/{speaker['key']}", "/search?q=Russia",
                "/api-docs", "/nope", *(f"/article/{a['id']}" for a in arts)):
        html = seeded_client.get(url).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html), url
        assert not re.search(r"<[a-z][^>]*\sstyle\s*=|<style", html), url
        assert "javascript:" not in html, url


# -- 5. the Host check --------------------------------------------------------------------------


def test_only_the_bound_host_names_are_answered(seeded_client):
    for host in ("127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000", "localhost."):
        assert seeded_client.get("/api/articles", headers={"host": host}).status_code == 200, host
    for host in ("attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", "testserver",
                 "[::2]", ""):
        resp = seeded_client.get("/api/articles", headers={"host": host})
        assert resp.status_code == 400 and "unknown Host" in error_of(resp), host
        assert "--allowed-host" in error_of(resp)
    page = seeded_client.get("/", headers={"host": "attacker.example"})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert "attacker.example" in page.text and "<script" not in page.text.split("<main>")[1]


def test_a_request_without_any_host_is_refused(seeded_url):
    app = create_app(seeded_url)
    status, _, body, _ = _asgi(app, "GET", "/api/articles", {}, [])
    app.state.store.close()
    assert status == 400 and "unknown Host" in json.loads(body)["error"]["message"]


def test_allowed_hosts_follow_the_bind_address():
    assert allowed_hosts_for("127.0.0.1") == LOOPBACK_HOSTS
    assert set(allowed_hosts_for("::1")) == set(LOOPBACK_HOSTS)
    assert allowed_hosts_for("0.0.0.0") == LOOPBACK_HOSTS
    assert allowed_hosts_for("192.0.2.7", ["Dyad.Example.org", "[2001:db8::1]"]) == (
        "192.0.2.7", "dyad.example.org", "2001:db8::1")
    assert allowed_hosts_for("localhost", ["*"])[-1] == "*"


def test_an_app_for_a_lan_address_answers_its_names_only(seeded_url):
    app = create_app(seeded_url, allowed_hosts=allowed_hosts_for("192.0.2.7", ["dyad.example.org"]))
    with TestClient(app, base_url="http://192.0.2.7:8000") as c:
        assert c.get("/api/articles").status_code == 200
        assert c.get("/api/articles", headers={"host": "dyad.example.org:8000"}).status_code == 200
        assert c.get("/api/articles", headers={"host": "localhost"}).status_code == 400
    with TestClient(create_app(seeded_url, allowed_hosts=["*"])) as c:  # "testserver" too
        assert c.get("/api/articles").status_code == 200


# -- 6. private uploads -------------------------------------------------------------------------


def test_uploads_go_to_a_private_folder_and_are_deleted(db, no_env):
    app = create_app(db, token=TOKEN)
    with TestClient(app, base_url=BASE) as c:
        first = c.post("/api/ingest", content=seeded.INJECTED.encode(), headers=TEXT)
        assert first.status_code == 200 and first.json()["summary"]["inserted"] == 1
        source = first.json()["articles"][0]["source"]
        folder = app.state.uploads.folder()
        assert Path(source).parent == folder and folder.name.startswith("dyad-uploads-")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert re.fullmatch(r"[0-9a-f]{32}\.txt", Path(source).name)
        assert list(folder.iterdir()) == []  # deleted after its ingest
        again = c.post("/api/ingest", content=seeded.INJECTED.encode(), headers=TEXT)
        assert again.json()["summary"]["unchanged"] == 1 and again.json()["summary"]["inserted"] == 0
        assert again.json()["articles"][0]["source"] == source
        empty = c.post("/api/ingest", content=b" \n\t ", headers=TEXT)
        assert empty.status_code == 422 and list(folder.iterdir()) == []
    assert not folder.exists()  # removed at shutdown
    # the same body to a restarted server is a duplicate linked to the stored article
    with TestClient(create_app(db, token=TOKEN), base_url=BASE) as c:
        later = c.post("/api/ingest", content=seeded.INJECTED.encode(), headers=TEXT).json()["summary"]
        assert later["inserted"] == 0 and later["duplicates"] + later["unchanged"] == 1
    with open_store(db) as store:
        assert store.counts()["articles"] == 1


# -- 7. the token's sources ---------------------------------------------------------------------

runner = CliRunner()


def test_read_token_file(tmp_path):
    path = tmp_path / "token"
    path.write_text("  s3cret-token \nsecond line\n", encoding="utf-8")
    assert read_token_file(path) == "s3cret-token"
    path.write_text("\n\nlater\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^token file '.*token': empty"):
        read_token_file(path)
    with pytest.raises(ValueError, match="no such file"):
        read_token_file(tmp_path / "missing")


@pytest.fixture
def served(monkeypatch):
    """What ``dyad serve`` would run: uvicorn's entry point records the app instead."""
    import uvicorn

    seen: dict = {}

    def record(app, **kwargs):
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", record)
    return seen


def test_serve_reads_the_token_file_roots_and_hosts(db, tmp_path, served, no_env):
    from dyad.cli import app

    (tmp_path / "token").write_text("from-the-file\n", encoding="utf-8")
    res = runner.invoke(app, ["serve", "--db", db, "--token-file", str(tmp_path / "token"),
                              "--ingest-root", str(tmp_path), "--host", "0.0.0.0",
                              "--allowed-host", "dyad.example.org"])
    assert res.exit_code == 0, res.output
    state = served["app"].state
    assert (state.token, state.ingest_roots) == ("from-the-file", (tmp_path.resolve(),))
    with TestClient(served["app"], base_url="http://dyad.example.org") as c:
        assert c.get("/api/articles").status_code == 200
        assert c.get("/api/articles", headers={"host": "0.0.0.0"}).status_code == 400


def test_serve_takes_the_token_from_the_environment(db, served, monkeypatch, no_env):
    from dyad.cli import app

    monkeypatch.setenv("DYAD_API_TOKEN", "from-the-env")
    assert runner.invoke(app, ["serve", "--db", db]).exit_code == 0
    assert served["app"].state.token == "from-the-env"


@pytest.mark.parametrize("content, reason", [(None, "no such file"), ("", "empty"), ("\n", "empty")])
def test_a_missing_or_empty_token_file_is_one_line(db, tmp_path, served, content, reason, no_env):
    from dyad.cli import app

    path = tmp_path / "token"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    res = runner.invoke(app, ["serve", "--db", db, "--token-file", str(path)])
    assert res.exit_code == 2 and "app" not in served
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0], res.stderr
    assert "Traceback" not in res.output


def test_token_and_token_file_together_is_an_error(db, tmp_path, served, no_env):
    from dyad.cli import app

    (tmp_path / "token").write_text("t\n", encoding="utf-8")
    res = runner.invoke(app, ["serve", "--db", db, "--token", "t", "--token-file", str(tmp_path / "token")])
    assert res.exit_code == 2 and "not both" in res.stderr and "app" not in served


def test_serve_help_warns_that_a_token_on_the_command_line_shows_in_ps():
    from dyad.cli import app

    res = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    text = " ".join(res.output.split())
    assert "--token-file" in text and "ps" in text and "$DYAD_API_TOKEN" in text
    assert "--ingest-root" in text and "--allowed-host" in text
