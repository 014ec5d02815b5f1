"""HTML pages: overview, dyad, actor, speaker, article and search.

Templates are rendered with autoescape on; data never passes through ``|safe``. The only
pre-built markup is the highlighted article text and search snippets, which
``highlight.py`` assembles from escaped pieces. Pages carry no inline script, event handler
or style (the Content-Security-Policy of ``app.SECURITY_HEADERS`` would block them): scripts
and styles are files under ``static/``, data for a script travels in a
``<script type="application/json">`` block, which is never executed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dyad.codes import country_of
from dyad.store import AmbiguousId
from dyad.web import views
from dyad.web.highlight import article_annotations, highlight, mark_terms

router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)


def _signed(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{float(value):+.{digits}f}"


def _arrow(codes: list[str] | None) -> str:
    return ", ".join(codes or []) or "?"


_env.filters.update(
    u=lambda s: quote(str(s), safe=""), signed=_signed, codes=_arrow, country=country_of,
)


def render(name: str, **context: Any) -> str:
    return _env.get_template(name).render(**context)


def _page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(name, **context))


def _store(request: Request):
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return _page("overview.html", title="Overview", **views.overview(_store(request)))


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: str, b: str,
         modality: str = Query("asserted", pattern=r"^(asserted|planned|hypothetical|denied|all)$"),
         freq: str = Query("month", pattern=r"^(day|week|month)$"),
         offset: int = Query(0, ge=0, le=10_000_000)) -> HTMLResponse:
    for code in (a, b):
        if not code.isalnum() or not 2 <= len(code) <= 12:
            raise HTTPException(422, f"not an actor code: {code!r}")
    data = views.dyad_summary(_store(request), a.upper(), b.upper(), modality=modality, freq=freq,
                              offset=offset)
    data["chart"] = {"a": data["a"], "b": data["b"], "series": data["series"]}
    return _page("dyad.html", title=f"{data['a']} – {data['b']}",
                 modalities=("all", *views.MODALITIES), **data)


@router.get("/actor/{key}", response_class=HTMLResponse)
def actor(request: Request, key: str) -> HTMLResponse:
    data = views.actor_page(_store(request), key)
    if data is None:
        raise HTTPException(404, f"no actor with key {key!r}")
    return _page("actor.html", title=data["actor"]["name"], **data)


@router.get("/speaker/{sid}", response_class=HTMLResponse)
def speaker(request: Request, sid: str) -> HTMLResponse:
    data = views.speaker_page(_store(request), sid)
    if data is None:
        raise HTTPException(404, f"no speaker {sid!r}")
    return _page("speaker.html", title=data["speaker"]["name"] or sid, **data)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    try:
        art = _store(request).get_article(article_id)
    except AmbiguousId as exc:
        raise HTTPException(409, str(exc)) from None
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    body = highlight(art["text"], article_annotations(art))
    names = views.names(_store(request))
    return _page("article.html", title=art.get("title") or art["id"], art=art, body=body,
                 names=names)


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [(p["name"], p.get("in", ""), p.get("required", False),
                       p.get("description") or "") for p in op.get("parameters", ())]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params})
    return _page("api_docs.html", title="API", endpoints=endpoints, version=schema["info"]["version"])


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    found = _store(request).search(q, limit=50) if q.strip() else None
    if found:
        for group in ("articles", "quotes"):
            for hit in found[group]:
                hit["marked"] = mark_terms(hit["snippet"], found["terms"])
    return _page("search.html", title="Search", q=q, found=found)
