"""The web app: a JSON API under ``/api`` and HTML pages, over one store.

    from dyad.web.app import create_app, serve
    app = create_app("sqlite:///dyad.db", token=None)   # read-only: POST /api/ingest is 403
    serve("sqlite:///dyad.db", host="127.0.0.1", port=8000, token=None)   # `dyad serve`

Everything the pages need (styles, the chart script) is served from the package under
``/static``; nothing is fetched from elsewhere. The OpenAPI schema is at ``/openapi.json``
and a plain page listing the endpoints at ``/api-docs`` (FastAPI's Swagger UI is left off:
it loads its scripts from a CDN).
"""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from dyad import __version__
from dyad.store import open_store, resolve_url
from dyad.web import api, pages

TOKEN_ENV = "DYAD_API_TOKEN"
STATIC = Path(__file__).parent / "static"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, detail: object = None,
           headers: dict[str, str] | None = None):
    if _wants_json(request):
        body: dict[str, object] = {"error": {"status": status, "message": message}}
        if detail is not None:
            body["error"]["detail"] = detail  # type: ignore[index]
        return JSONResponse(body, status_code=status, headers=headers)
    return HTMLResponse(pages.render("error.html", title=f"Error {status}", status=status, message=message),
                        status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg')}")
    return "invalid request: " + "; ".join(parts)


def create_app(db_url: str | None = None, *, token: str | None = None) -> FastAPI:
    """The app over the store at ``db_url`` (default: ``$DYAD_DATABASE_URL`` or ./dyad.db).

    ``token`` (else ``$DYAD_API_TOKEN``) enables ``POST /api/ingest`` for requests that send
    ``Authorization: Bearer <token>``; without one the app is read-only. The store is opened
    here and closed when the app shuts down (use ``TestClient`` as a context manager).
    """
    url = resolve_url(db_url)
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    store = open_store(url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="Dyad", version=__version__, lifespan=lifespan,
        description="Cited records of who did and said what in international relations.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.store, app.state.db_url, app.state.token = store, url, token

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:
            message = f"method {request.method} not allowed on {request.url.path}"
        return _error(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException):
        return await http_error(request, HTTPException(exc.status_code, exc.detail, exc.headers))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return _error(request, 422, _validation_message(exc), detail)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC, packages=None), name="static")
    return app


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted (``dyad serve``)."""
    import uvicorn

    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
