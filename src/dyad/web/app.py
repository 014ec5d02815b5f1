"""The web app: a JSON API under ``/api`` and HTML pages, over one store.

    from dyad.web.app import create_app, serve
    app = create_app("sqlite:///dyad.db", token=None)   # read-only: POST /api/ingest is 403
    serve("sqlite:///dyad.db", host="127.0.0.1", port=8000, token=None)   # `dyad serve`

Everything the pages need (styles, the chart script) is served from the package under
``/static``; nothing is fetched from elsewhere. The OpenAPI schema is at ``/openapi.json``
and a plain page listing the endpoints at ``/api-docs`` (FastAPI's Swagger UI is left off:
it loads its scripts from a CDN).

Every response carries ``SECURITY_HEADERS`` (a Content-Security-Policy that allows only the
server's own scripts and styles and no framing, ``nosniff``, ``X-Frame-Options: DENY``,
``Referrer-Policy: no-referrer``). A request whose ``Host`` is not one the server was started
for is answered 400 (against DNS rebinding), and so is a URL holding a NUL character. No
exception reaches the client as a traceback: it is logged (logger ``dyad.web``) and answered
500 with a JSON message under ``/api`` and the error page elsewhere.
"""
from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad import __version__
from dyad.limits import Limits
from dyad.store import open_store, resolve_url
from dyad.web import api, pages

TOKEN_ENV = "DYAD_API_TOKEN"
INGEST_ROOTS_ENV = "DYAD_INGEST_ROOTS"
STATIC = Path(__file__).parent / "static"
#: the Host names a server bound to loopback answers (and the default of ``create_app``)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: a bind address that listens on every interface: only loopback names and --allowed-host
WILDCARD_BINDS = ("", "0.0.0.0", "::")
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}

log = logging.getLogger("dyad.web")


def _wants_json(request: Request) -> bool:
    path = request.scope.get("path", "")
    return path.startswith("/api") or path == "/openapi.json"


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


def read_token_file(path: str | Path) -> str:
    """The first line of ``path`` (``dyad serve --token-file``); ``ValueError`` with a one-line
    reason when the file is missing, unreadable or has no token on its first line."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except FileNotFoundError:
        raise ValueError(f"token file {str(path)!r}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ValueError(f"token file {str(path)!r}: cannot read it: {reason}") from None
    token = first.strip()
    if not token:
        raise ValueError(f"token file {str(path)!r}: empty (the token is its first line)")
    return token


def ingest_roots_of(roots: Iterable[str | Path] | None) -> tuple[Path, ...]:
    """The folders ``POST /api/ingest {"path"}`` may read, resolved: ``roots``, else the
    ``os.pathsep``-separated ``$DYAD_INGEST_ROOTS``; ``ValueError`` for one that is no folder."""
    if roots is None:
        roots = [r for r in os.environ.get(INGEST_ROOTS_ENV, "").split(os.pathsep) if r.strip()]
    out: list[Path] = []
    for given in roots:
        path = Path(given).expanduser()
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise ValueError(f"ingest root {str(given)!r}: no such folder") from None
        if not resolved.is_dir():
            raise ValueError(f"ingest root {str(given)!r}: not a folder")
        if resolved not in out:
            out.append(resolved)
    return tuple(out)


def _host_name(value: str) -> str:
    """The name in a ``Host`` header (or an --allowed-host): no port, no brackets, lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        value = value[1:end] if end > 0 else ""
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts_for(bind: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The Host names a server bound to ``bind`` answers: the loopback names for a loopback or
    all-interfaces bind, the bind address itself, plus ``extra`` (``--allowed-host``; ``*``
    answers any name)."""
    names: list[str] = []
    bind = _host_name(bind) if bind.startswith("[") else bind.strip().lower()
    try:
        loopback = bind == "localhost" or ipaddress.ip_address(bind).is_loopback
    except ValueError:
        loopback = False
    if loopback or bind in WILDCARD_BINDS:
        names.extend(LOOPBACK_HOSTS)
    if bind not in WILDCARD_BINDS:
        names.append(bind)
    names.extend(_host_name(e) if e.strip() != "*" else "*" for e in extra)
    return tuple(dict.fromkeys(n for n in names if n))


class Guard:
    """Outermost ASGI layer: the Host check, the NUL check, the security headers on every
    response, and the last word on any exception (logged, answered 500 without a traceback)."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        hosts = {_host_name(h) if h != "*" else "*" for h in allowed_hosts}
        self.any_host = "*" in hosts
        self.hosts = frozenset(hosts - {"*"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        request = Request(scope)
        problem = self._refusal(scope)
        if problem is not None:
            await _error(request, 400, problem)(scope, receive, send_secured)
            return
        try:
            await self.app(scope, receive, send_secured)
        except Exception as exc:  # noqa: BLE001 - the client gets a message, the log the traceback
            log.error("%s %s: %s: %s", scope.get("method"), scope.get("path"), type(exc).__name__,
                      exc, exc_info=exc)
            if started:
                raise
            message = "internal error: the request could not be answered (the server's log has the details)"
            await _error(request, 500, message)(scope, receive, send_secured)

    def _refusal(self, scope: Scope) -> str | None:
        raw = dict(scope.get("headers") or ()).get(b"host", b"").decode("latin-1")
        if not self.any_host and _host_name(raw) not in self.hosts:
            shown = raw[:100] or "(none)"
            return (f"unknown Host {shown!r}: this server answers only "
                    f"{', '.join(sorted(self.hosts))} (start it with --allowed-host NAME to add one)")
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b"").lower():
            return "the URL holds a NUL character (%00)"
        return None


def create_app(db_url: str | None = None, *, token: str | None = None,
               ingest_roots: Iterable[str | Path] | None = None,
               allowed_hosts: Iterable[str] | None = None,
               limits: Limits | None = None) -> FastAPI:
    """The app over the store at ``db_url`` (default: ``$DYAD_DATABASE_URL`` or ./dyad.db).

    ``token`` (else ``$DYAD_API_TOKEN``) enables ``POST /api/ingest`` for requests that send
    ``Authorization: Bearer <token>``; without one the app is read-only. Server-side paths
    may be ingested only inside ``ingest_roots`` (else ``$DYAD_INGEST_ROOTS``, folders
    separated by ``os.pathsep``); without any, only uploads are. ``allowed_hosts``: the
    ``Host`` names answered (default ``LOOPBACK_HOSTS``; ``"*"`` for any). ``limits``
    (default ``Limits.from_env()``): its ``max_bytes`` caps a request body. Raises
    ``ValueError`` (one line) for a bad root or limit. The store is opened here and closed
    when the app shuts down (use ``TestClient`` as a context manager).
    """
    roots = ingest_roots_of(ingest_roots)
    limits = limits if limits is not None else Limits.from_env()
    hosts = tuple(allowed_hosts) if allowed_hosts is not None else LOOPBACK_HOSTS
    url = resolve_url(db_url)
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    store = open_store(url)
    uploads = api.Uploads()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            uploads.close()
            store.close()

    app = FastAPI(
        title="Dyad", version=__version__, lifespan=lifespan,
        description="Cited records of who did and said what in international relations.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.store, app.state.db_url, app.state.token = store, url, token
    app.state.ingest_roots, app.state.limits, app.state.uploads = roots, limits, uploads
    app.state.max_bytes = limits.max_bytes

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
    app.add_middleware(Guard, allowed_hosts=hosts)
    return app


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, *, ingest_roots: Iterable[str | Path] | None = None,
          allowed_hosts: Iterable[str] = ()) -> None:
    """Run the app with uvicorn until interrupted (``dyad serve``). It answers the Host names
    of ``allowed_hosts_for(host, allowed_hosts)``; see ``create_app`` for the rest."""
    import uvicorn

    app = create_app(db, token=token, ingest_roots=ingest_roots,
                     allowed_hosts=allowed_hosts_for(host, allowed_hosts))
    uvicorn.run(app, host=host, port=port, log_level="info")
