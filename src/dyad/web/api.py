"""The JSON API under ``/api``: read-only, except ``POST /api/ingest`` behind a token."""
from __future__ import annotations

import hashlib
import hmac
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request

from dyad.analysis.clusters import cluster_events
from dyad.analysis.network import top_dyads
from dyad.analysis.series import dyad_series as series_of
from dyad.codes import parse_dyad
from dyad.store import AmbiguousId, Store
from dyad.web import views

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Since = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                    description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Modality = Literal["asserted", "planned", "hypothetical", "denied", "all"]
Code = Annotated[str, Query(pattern=r"^[A-Za-z0-9]{2,12}$")]
MAX_BODY = 20_000_000
UPLOAD_KINDS = {
    "text/plain": ".txt", "text/html": ".html", "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl", "application/jsonlines": ".jsonl", "application/x-jsonlines": ".jsonl",
}


def store_of(request: Request) -> Store:
    return request.app.state.store


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


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
    rows = store_of(request).list_events(dyad=pair, type=type, modality=views.modality_filter(modality),
                                         since=since)
    if clustered:
        rows = cluster_events(rows)
    return page(rows, limit, offset)


@router.get("/quotes", summary="Quotes with their speakers and articles")
def list_quotes(request: Request, speaker: str | None = None,
                about: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,12}$")] = None,
                article_id: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    rows = store_of(request).list_quotes(speaker=speaker, about=about, article_id=article_id)
    return page(rows, limit, offset)


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
    rows = store_of(request).list_events()
    return top_dyads(rows, modality=views.modality_filter(modality), limit=limit)


@router.get("/dyads/{a}/{b}", summary="A dyad: events, voices, stances and outlets")
def get_dyad(request: Request, a: str, b: str, modality: Modality = "asserted",
             freq: Literal["day", "week", "month"] = "month") -> dict[str, Any]:
    return views.dyad_summary(store_of(request), _code(a, "a"), _code(b, "b"),
                              modality=modality, freq=freq)


@router.get("/dyads/{a}/{b}/series", summary="Directed event counts per period")
def dyad_series(request: Request, a: str, b: str,
                freq: Literal["day", "week", "month"] = "month",
                modality: Modality = "asserted") -> dict[str, Any]:
    a, b = _code(a, "a"), _code(b, "b")
    rows = store_of(request).list_events(dyad=(a, b))
    series = series_of(rows, a=a, b=b, freq=freq, modality=views.modality_filter(modality))
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
                                 "(set DYAD_API_TOKEN or pass --token)")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", summary="Ingest an article (text, HTML or JSONL body) or a server-side path",
             description="Needs `Authorization: Bearer <token>`. Body: `text/plain`, `text/html` or "
             "JSONL (`application/x-ndjson`) with the article(s); or `application/json` "
             '`{"path": "/server/folder"}` to ingest files on the server.')
async def ingest(request: Request, outlet: str | None = None) -> dict[str, Any]:
    _check_token(request)
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"body larger than {MAX_BODY} bytes")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            raise HTTPException(422, "body is not valid JSON") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("path"), str):
            raise HTTPException(422, 'JSON body must be {"path": "<file or folder on the server>"}')
        path = Path(payload["path"]).expanduser()
        if not path.exists():
            raise HTTPException(422, f"no such file or folder on the server: {str(path)!r}")
    elif ctype in UPLOAD_KINDS:
        if not body.strip():
            raise HTTPException(422, "empty body: nothing to ingest")
        folder = Path(tempfile.gettempdir()) / "dyad-api-uploads"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{hashlib.sha256(body).hexdigest()[:24]}{UPLOAD_KINDS[ctype]}"
        path.write_bytes(body)
    else:
        raise HTTPException(415, f"unsupported content type {ctype or '(none)'!r}; use text/plain, "
                                 "text/html, application/x-ndjson or application/json")
    return await _run_ingest(request, path, outlet)


async def _run_ingest(request: Request, path: Path, outlet: str | None) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    from dyad.batch import ingest as run

    problems: list[str] = []
    summary = await run_in_threadpool(run, [path], db=request.app.state.db_url, outlet=outlet,
                                      on_problem=problems.append)
    prefix = str(path)
    stored = [
        {k: a[k] for k in ("id", "title", "date", "outlet", "source")}
        for a in store_of(request).list_articles() if a["source"].startswith(prefix)
    ]
    return {"summary": summary.as_dict(), "problems": problems, "articles": stored}
