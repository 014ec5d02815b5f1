"""Commands that show the record to a person: the web dashboard and the relationship brief."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dyad.cli.base import DbOption, app, err, out


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token_file: Annotated[
        Optional[Path],
        typer.Option("--token-file", help="File whose first line is the token that POST /api/ingest "
                                          "requires (or set $DYAD_API_TOKEN); without a token the API "
                                          "is read-only."),
    ] = None,
    token: Annotated[
        Optional[str],
        typer.Option(help="The token itself. Visible to other users of this machine in `ps`: prefer "
                          "--token-file or $DYAD_API_TOKEN."),
    ] = None,
    ingest_root: Annotated[
        Optional[list[Path]],
        typer.Option("--ingest-root", help="A folder whose files POST /api/ingest {\"path\": ...} may "
                                           "ingest (repeatable; default: $DYAD_INGEST_ROOTS, separated "
                                           f"by {os.pathsep!r}). Without one, only uploads are ingested."),
    ] = None,
    allowed_host: Annotated[
        Optional[list[str]],
        typer.Option("--allowed-host", help="Another Host name to answer besides the bind address "
                                            "(and 127.0.0.1, localhost, ::1 on a loopback or 0.0.0.0 "
                                            "bind), e.g. the server's DNS name; repeatable. Requests "
                                            "for other names get 400 (DNS rebinding)."),
    ] = None,
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI schema at /openapi.json, browsable at /api-docs).

    Example: dyad serve --db sqlite:///dyad.db --port 8000   (then open http://127.0.0.1:8000/dyad/IRN/RUS)

    Example: dyad serve --token-file ~/.config/dyad/token --ingest-root ~/articles
    """
    from dyad.web.app import TOKEN_ENV, read_token_file
    from dyad.web.app import serve as run

    if token is not None and token_file is not None:
        print("dyad: error: give the token once: --token or --token-file, not both", file=sys.stderr)
        raise typer.Exit(2)
    try:
        if token_file is not None:
            token = read_token_file(token_file.expanduser())
        run(db, host=host, port=port, token=token or os.environ.get(TOKEN_ENV) or None,
            ingest_roots=ingest_root or None, allowed_hosts=allowed_host or ())
    except ValueError as exc:
        print(f"dyad: error: {exc}", file=sys.stderr)  # one line, never wrapped
        raise typer.Exit(2) from None


class BriefFormat(str, Enum):
    html = "html"
    md = "md"


@app.command()
def brief(
    a: Annotated[str, typer.Argument(help="First side of the dyad, e.g. IRN.")],
    b: Annotated[str, typer.Argument(help="Second side, e.g. RUS.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    db: DbOption = None,
    since: Annotated[Optional[str], typer.Option(help="Only events and articles from YYYY-MM-DD on.")] = None,
    format: Annotated[BriefFormat, typer.Option("--format", help="html (one self-contained file) or md.")] = BriefFormat.html,  # noqa: A002
) -> None:
    """Write a cited relationship brief: every sentence points to the stored sentences it rests on.

    Example: dyad brief IRN RUS --since 2021-01-01 --format html -o iran-russia.html
    """
    from dyad.report import write_brief
    from dyad.store import open_store

    with open_store(db) as store:
        path = write_brief(store, a.upper(), b.upper(), since=since, format=format.value, path=output)
    out.print(f"wrote {path}")


def demo_brief(db: str, a: str, b: str, path: Path) -> None:
    """The demo's last step: the brief for the demo corpus's main dyad."""
    from dyad.report import write_brief
    from dyad.store import open_store

    try:
        with open_store(db) as store:
            written = write_brief(store, a, b, format="html", path=path)
    except Exception as exc:  # noqa: BLE001 - the demo reports, it does not crash
        err.print(f"could not write the brief: {exc}")
        return
    out.print(f"Brief for {a}–{b}: {written}")
