"""The JSON API under ``/api``: read-only, except ``POST /api/ingest`` behind a token.

Every parameter is bounded (``limit`` 1–1000, ``offset`` 0–10⁹), so no value reaches the
database as an integer it cannot hold. ``POST /api/ingest`` never holds a body in memory:
uploads stream to a private file and stop at the size limit; server paths are confined to
the ingest roots the app was created with.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from dyad.analysis.network import stored_top_dyads
from dyad.analysis.series import stored_series
from dyad.codes import parse_dyad
from dyad.store import AmbiguousId, Store
from dyad.web import views

router = APIRouter(prefix="/api", tags=["api"])

MAX_OFFSET = 10**9
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Since = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                    description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Modality = Literal["asserted", "planned", "hypothetical", "denied", "all"]
Code = Annotated[str, Query(pattern=r"^[A-Za-z0-9]{2,12}$")]
#: a ``{"path": ...}`` body needs no more than this
MAX_JSON = 65_536
UPLOAD_KINDS = {
    "text/plain": ".txt", "text/html": ".html", "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl", "application/jsonlines": ".jsonl", "application/x-jsonlines": ".jsonl",
}


def store_of(request: Request) -> Store:
    return request.app.state.store


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page sliced from a list already in memory (lists the store cannot page yet)."""
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


def sql_page(total: int, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page the store read with LIMIT/OFFSET: the same fields as ``page``."""
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _code(value: str, what: str) -> str:
    if not value.isalnum() or not 2 <= len(value) <= 12:
        raise HTTPException(422, f"{what} must be an actor code such as IRN or NATO, not {value!r}")
    return value.upper()


@router.get("/articles", summary="Stored articles, by date")
def list_articles(request: Request, outlet: str | None = None, since: Since = None,
                  limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(store_of(request).list_articles(outlet=outlet, since=since), limit, offset)


@router.get("/articles/{article_id}", summary="One article with its sentences and records")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    try:
        art = store_of(request).get_article(article_id)
    except AmbiguousId as exc:
        raise HTTPException(409, str(exc)) from None
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    art.pop("minhash", None)
    return art


@router.get("/actors", summary="Actors, most mentioned first")
def list_actors(request: Request, country: str | None = None,
                type: Literal["country", "org", "person"] | None = None,  # noqa: A002
                limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(store_of(request).list_actors(country=country, type=type), limit, offset)


@router.get("/actors/{key}", summary="One actor with its events, quotes and stances")
def get_actor(request: Request, key: str) -> dict[str, Any]:
    found = views.actor_page(store_of(request), key)
    if found is None:
        raise HTTPException(404, f"no actor with key {key!r}")
    return found


@router.get("/events", summary="Event reports (or clustered events) with filters")
def list_events(
    request: Request,
    dyad: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,12}[,:-][A-Za-z0-9]{2,12}$",
                                      description="Two actor codes, e.g. IRN-RUS.")] = None,
    type: str | None = None,  # noqa: A002
    modality: Modality | None = None,
    since: Since = None,
    clustered: bool = Query(False, description="One row per event (cluster of reports)."),
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    pair = None
    if dyad:
        pair = parse_dyad(dyad)
    store = store_of(request)
    filters = {"dyad": pair, "type": type, "modality": views.modality_filter(modality), "since": since}
    if clustered:  # clusters are kept at ingest
        return sql_page(store.count_clusters(**filters), store.list_clusters(**filters, limit=limit, offset=offset),
                        limit, offset)
    return sql_page(store.count_events(**filters), store.list_events(**filters, limit=limit, offset=offset),
                    limit, offset)


@router.get("/quotes", summary="Quotes with their speakers and articles")
def list_quotes(request: Request, speaker: str | None = None,
                about: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,12}$")] = None,
                article_id: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    store = store_of(request)
    filters = {"speaker": speaker, "about": about, "article_id": article_id}
    return sql_page(store.count_quotes(**filters), store.list_quotes(**filters, limit=limit, offset=offset),
                    limit, offset)


@router.get("/speakers", summary="Speakers, most quoted first")
def list_speakers(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(store_of(request).list_speakers(), limit, offset)


@router.get("/speakers/{sid}", summary="One speaker's statements and stances")
def get_speaker(request: Request, sid: str) -> dict[str, Any]:
    found = views.speaker_page(store_of(request), sid)
    if found is None:
        raise HTTPException(404, f"no speaker {sid!r}")
    return found


@router.get("/stances", summary="Stances of holders toward actors")
def list_stances(request: Request, holder: str | None = None,
                 target: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,12}$")] = None,
                 limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(store_of(request).list_stances(holder=holder, target=target), limit, offset)


@router.get("/dyads", summary="Country pairs with the most events")
def list_dyads(request: Request, modality: Modality = "asserted", limit: Limit = 20) -> list[dict]:
    return stored_top_dyads(store_of(request), modality=views.modality_filter(modality), limit=limit)


@router.get("/dyads/{a}/{b}", summary="A dyad: events, voices, stances and outlets")
def get_dyad(request: Request, a: str, b: str, modality: Modality = "asserted",
             freq: Literal["day", "week", "month"] = "month",
             limit: Annotated[int, Query(ge=1, le=200, description="Events per page.")] = 50,
             offset: Offset = 0) -> dict[str, Any]:
    return views.dyad_summary(store_of(request), _code(a, "a"), _code(b, "b"),
                              modality=modality, freq=freq, offset=offset, limit=limit)


@router.get("/dyads/{a}/{b}/series", summary="Directed event counts per period")
def dyad_series(request: Request, a: str, b: str,
                freq: Literal["day", "week", "month"] = "month",
                modality: Modality = "asserted") -> dict[str, Any]:
    a, b = _code(a, "a"), _code(b, "b")
    series = stored_series(store_of(request), a, b, freq=freq, modality=views.modality_filter(modality))
    return {"a": a, "b": b, "freq": freq, "modality": modality, "series": series}


@router.get("/network", summary="Actor network over clustered events")
def network(request: Request, modality: Modality = "asserted",
            level: Literal["country", "code"] = "country", since: Since = None) -> dict[str, Any]:
    return views.network(store_of(request), modality=modality, level=level, since=since)


@router.get("/search", summary="Full-text search over articles and quotes")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> dict[str, Any]:
    return store_of(request).search(q, limit=limit, offset=offset)


def _check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest is disabled: the server has no API token configured "
                                 "(set DYAD_API_TOKEN or pass --token-file)")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


class Uploads:
    """The server's private folder for uploaded bodies, made on first use.

    ``tempfile.mkdtemp`` makes it readable by the server's user only (mode 0700); ``close``
    (the app's shutdown, else the interpreter's exit) removes it with anything left in it.
    An upload is stored as ``<sha256 of the body>.<kind>`` for the time of its ingest and
    deleted after it, so the same body always has the same source while the server runs.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._remove: weakref.finalize | None = None
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="dyad-uploads-"))
            self._remove = weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        return self._folder

    def lock(self, name: str) -> asyncio.Lock:
        """One lock per upload name: two requests with the same body take turns."""
        found = self._locks.get(name)
        if found is None:
            found = self._locks[name] = asyncio.Lock()
        return found

    def close(self) -> None:
        if self._remove is not None:
            self._remove()
        self._folder = self._remove = None


def _declared_length(request: Request, limit: int) -> None:
    """413 before reading anything when ``Content-Length`` already says the body is too large."""
    declared = request.headers.get("content-length")
    if declared is None:
        return
    if not declared.strip().isdigit():
        raise HTTPException(400, f"Content-Length is not a number: {declared[:40]!r}")
    if limit and int(declared) > limit:
        raise HTTPException(413, f"body of {int(declared):,} bytes is larger than the limit of "
                                 f"{limit:,} bytes (DYAD_MAX_BYTES)")


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"body larger than the limit of {limit:,} bytes (DYAD_MAX_BYTES)")


async def _read_small(request: Request, limit: int) -> bytes:
    """The whole body, refused (413) as soon as it passes ``limit`` bytes."""
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        parts.append(chunk)
    return b"".join(parts)


async def _save_upload(request: Request, limit: int, suffix: str) -> tuple[Path, str]:
    """Stream the body into a private partial file, hashing it; refused (413) at ``limit``.
    Returns the partial file and the name the upload goes by (content hash + suffix)."""
    folder = request.app.state.uploads.folder()
    digest, size = hashlib.sha256(), 0
    fd, partial = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if limit and size > limit:
                    raise _too_large(limit)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        os.unlink(partial)
        raise
    return Path(partial), f"{digest.hexdigest()[:32]}{suffix}"


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def _link_out(folder: Path, roots: tuple[Path, ...]) -> Path | None:
    """The first link under ``folder`` (followed as the folder walk follows them, hidden
    names skipped as it skips them) whose target lies outside ``roots``; None when none does."""
    seen: set[tuple[int, int]] = set()
    todo = [folder]
    while todo:
        here = todo.pop()
        try:
            st = here.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(here) as it:
                entries = [e for e in it if not e.name.startswith(".")]
        except OSError:
            continue  # unreadable: the ingest reports it
        for entry in entries:
            if entry.is_symlink() and not _inside(Path(entry.path).resolve(), roots):
                return Path(entry.path)
            try:
                if entry.is_dir():
                    todo.append(Path(entry.path))
            except OSError:
                continue
    return None


def _confined(request: Request, given: object) -> Path:
    """A server path inside one of the ingest roots (symlinks and ``..`` resolved first;
    for a folder, every link under it too)."""
    roots: tuple[Path, ...] = request.app.state.ingest_roots
    if not roots:
        raise HTTPException(403, "ingest of server paths is disabled: start the server with "
                                 "--ingest-root DIR (or set DYAD_INGEST_ROOTS) to allow folders; "
                                 "uploads (text/plain, text/html, JSONL bodies) work without it")
    if not isinstance(given, str) or not given.strip() or "\x00" in given:
        raise HTTPException(422, 'JSON body must be {"path": "<file or folder on the server>"}')
    try:
        path = Path(given).expanduser().resolve()
    except (OSError, RuntimeError) as exc:
        raise HTTPException(422, f"cannot resolve {given!r}: {exc}") from None
    if not _inside(path, roots):
        raise HTTPException(403, f"{given!r} is outside the folders this server may ingest from "
                                 f"(--ingest-root): {', '.join(str(r) for r in roots)}")
    if not path.exists():
        raise HTTPException(422, f"no such file or folder on the server: {given!r}")
    if path.is_dir() and (link := _link_out(path, roots)) is not None:
        raise HTTPException(403, f"{given!r} holds a link to a place outside the folders this server "
                                 f"may ingest from: {str(link)!r}")
    return path


@router.post(
    "/ingest", summary="Ingest an article (text, HTML or JSONL body) or a server-side path",
    description="Needs `Authorization: Bearer <token>`. Body: `text/plain`, `text/html` or JSONL "
    "(`application/x-ndjson`) with the article(s), at most `DYAD_MAX_BYTES` bytes (413 beyond, "
    "refused by `Content-Length` before reading and while streaming otherwise). An upload is "
    "written to the server's private upload folder (mode 0700, removed at shutdown) under the "
    "SHA-256 of the body, ingested and deleted; its source is that file's path, so the same body "
    "again is `unchanged` while the server runs and a duplicate linked to the stored article after "
    'a restart. Or `application/json` `{"path": "..."}`: a file or folder on the server, only '
    "inside the folders the server was started with (`--ingest-root`, `DYAD_INGEST_ROOTS`; "
    "symlinks and `..` are resolved first); without any, 403.")
async def ingest(request: Request, outlet: str | None = None) -> dict[str, Any]:
    _check_token(request)
    limit: int = request.app.state.max_bytes
    _declared_length(request, limit)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        small = min(limit, MAX_JSON) if limit else MAX_JSON
        _declared_length(request, small)
        body = await _read_small(request, small)
        try:
            payload = json.loads(body or b"null")
        except (ValueError, RecursionError):  # RecursionError: nested too deep
            raise HTTPException(422, "body is not valid JSON") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("path"), str):
            raise HTTPException(422, 'JSON body must be {"path": "<file or folder on the server>"}')
        path = await run_in_threadpool(_confined, request, payload["path"])
        return await _run_ingest(request, path, outlet, prefix=True)
    if ctype not in UPLOAD_KINDS:
        raise HTTPException(415, f"unsupported content type {ctype or '(none)'!r}; use text/plain, "
                                 "text/html, application/x-ndjson or application/json")
    uploads: Uploads = request.app.state.uploads
    partial, name = await _save_upload(request, limit, UPLOAD_KINDS[ctype])
    try:
        if partial.stat().st_size == 0 or not _has_text(partial):
            raise HTTPException(422, "empty body: nothing to ingest")
        async with uploads.lock(name):
            path = partial.with_name(name)
            os.replace(partial, path)
            try:
                return await _run_ingest(request, path, outlet, prefix=False)
            finally:
                path.unlink(missing_ok=True)
    finally:
        partial.unlink(missing_ok=True)


def _has_text(path: Path) -> bool:
    """Whether the file holds anything but whitespace (read in blocks)."""
    with path.open("rb") as f:
        while block := f.read(1 << 16):
            if block.strip():
                return True
    return False


async def _run_ingest(request: Request, path: Path, outlet: str | None, *, prefix: bool) -> dict[str, Any]:
    from dyad.batch import ingest as run

    problems: list[str] = []
    summary = await run_in_threadpool(run, [path], db=request.app.state.db_url, outlet=outlet,
                                      limits=request.app.state.limits,
                                      on_problem=problems.append)
    here = str(path)

    def mine(source: str) -> bool:
        return source == here or (prefix and source.startswith(here.rstrip(os.sep) + os.sep))

    stored = [
        {k: a[k] for k in ("id", "title", "date", "outlet", "source")}
        for a in store_of(request).list_articles() if mine(a["source"])
    ]
    return {"summary": summary.as_dict(), "problems": problems, "articles": stored}
