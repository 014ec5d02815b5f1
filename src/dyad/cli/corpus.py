"""Commands over the stored corpus: ingest, articles, show, actors, demo."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from dyad.cli.base import DbOption, JsonOption, app, err, out, print_json, print_summary
from dyad.cli.progress import ingest_progress


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes running the pipeline.")] = 1,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for inputs that state none.")] = None,
    max_bytes: Annotated[Optional[int], typer.Option(
        "--max-bytes", help="Refuse a file, WARC record or decompressed stream larger than this "
                            "(default 20,000,000 or $DYAD_MAX_BYTES).")] = None,
    max_chars: Annotated[Optional[int], typer.Option(
        "--max-chars", help="Refuse a document whose text is longer than this, before analysis "
                            "(default 1,000,000 or $DYAD_MAX_CHARS; 0: no limit).")] = None,
    max_seconds: Annotated[Optional[float], typer.Option(
        "--max-seconds", help="Fail a document that takes longer than this in its worker "
                              "(default 120 or $DYAD_MAX_SECONDS; 0: no limit).")] = None,
    max_memory: Annotated[Optional[int], typer.Option(
        "--max-memory", help="Fail a document for which a worker grows by more than this many MB "
                             "(default 1024 or $DYAD_MAX_MEMORY_MB; 0: no limit).")] = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", help="Run the pipeline on a Dask cluster: its scheduler's address (tcp://host:8786), "
                       "or local[:N] for N worker processes on this machine. Results are stored here.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles (txt, html, jsonl, warc, rss/atom), clean, analyse and store them.

    A document that passes a limit fails with its reason and the run goes on; Ctrl-C stops
    the run after printing what it did (a re-run completes the rest).

    Example: dyad ingest articles/ --db sqlite:///iran-russia.db --workers 2 --max-seconds 60
    (on a cluster: dyad ingest articles/ --dask tcp://10.0.0.5:8786 --db postgresql://team@db/dyad)
    """
    from dyad.batch import ingest as run
    from dyad.limits import Limits

    try:
        limits = Limits.from_env(max_bytes=max_bytes, max_chars=max_chars, max_seconds=max_seconds,
                                 max_memory_mb=max_memory)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    with ingest_progress(not as_json) as on_progress:
        summary = run(paths, db=db, workers=workers, outlet=outlet, limits=limits, on_progress=on_progress,
                      dask=dask)
    if as_json:
        print_json(summary.as_dict())
    else:
        print_summary(summary)
    if summary.interrupted:
        err.print("interrupted: a re-run with the same inputs completes the rest")
        raise typer.Exit(130)
    raise typer.Exit(1 if summary.n_failed else 0)


@app.command()
def articles(
    db: DbOption = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles dated on or after YYYY-MM-DD.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles.

    Example: dyad articles --outlet "Iran Press" --since 2021-01-01
    """
    from dyad.store import open_store

    with open_store(db) as store:
        rows = store.list_articles(outlet=outlet, since=since)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "date", "outlet", "title", "sentences", "mentions")
    for r in rows:
        table.add_row(
            r["id"], r["date"] or "", r["outlet"] or "", (r["title"] or "")[:60],
            str(r["n_sentences"]), str(r["n_mentions"]),
        )
    out.print(table)
    out.print(f"{len(rows)} articles")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, text, sentences, actors, mentions, events and quotes.

    Events come with their evidence sentence and modality, quotes with the speaker's
    role, code and the kind of quote.

    Example: dyad show a_3f2c9e
    """
    from dyad.store import AmbiguousId, open_store

    with open_store(db) as store:
        try:
            art = store.get_article(article_id)
        except AmbiguousId as exc:
            err.print(f"{article_id!r} matches several articles: {exc}")
            raise typer.Exit(2) from None
    if art is None:
        err.print(f"no article with id {article_id!r}")
        raise typer.Exit(2)
    if as_json:
        print_json(art)
        return
    out.rule(art.get("title") or art["id"])
    for key in ("id", "source", "url", "date", "outlet", "authors", "dateline"):
        if art.get(key):
            out.print(f"[bold]{key}:[/] {art[key]}", markup=True, highlight=False)
    out.print()
    for s in art["sentences"]:
        out.print(f"[dim]{s['index']:>3}[/] {s['text']}", highlight=False)
    out.print()
    table = Table("actor", "type", "code", "role", "mentions")
    for a in art["actors"]:
        table.add_row(a["name"], a["type"], a["code"] or "", a.get("role") or "", str(a.get("n_mentions", "")))
    out.print(table)
    mt = Table("sentence", "offsets", "text", "actor", "kind")
    for m in art["mentions"]:
        mt.add_row(str(m["sentence_index"]), f"{m['start']}–{m['end']}", m["text"], m["actor_key"], m["kind"])
    out.print(mt)
    from dyad.cli.facts import print_article_facts

    print_article_facts(art)
    for d in art.get("duplicates") or []:
        out.print(f"near-duplicate: {d}")


class ActorType(str, Enum):
    person = "person"
    country = "country"
    org = "org"


@app.command()
def actors(
    db: DbOption = None,
    country: Annotated[Optional[str], typer.Option(help="ISO 3166 alpha-3 code, e.g. IRN.")] = None,
    type: Annotated[Optional[ActorType], typer.Option("--type", help="person, country or org.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List actors with their codes, roles and mention counts.

    Example: dyad actors --country IRN --type person
    """
    from dyad.store import open_store

    with open_store(db) as store:
        rows = store.list_actors(country=country.upper() if country else None, type=type.value if type else None)
    if as_json:
        print_json(rows)
        return
    table = Table("actor", "type", "code", "roles", "mentions", "articles")
    for r in rows:
        table.add_row(
            r["name"], r["type"], r["code"] or "", "; ".join(r.get("roles") or [])[:70],
            str(r["n_mentions"]), str(r["n_articles"]),
        )
    out.print(table)


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Database URL for the demo.")] = "sqlite:///dyad-demo.db",
    brief_path: Annotated[Path, typer.Option("--brief", help="Where to write the demo's brief.")] = Path("dyad-demo-brief.html"),
) -> None:
    """Ingest the bundled fictional demo corpus and print what Dyad found.

    Example: dyad demo --db sqlite:///demo.db
    """
    from dyad.batch import ingest as run
    from dyad.store import open_store

    corpus = Path(__file__).resolve().parents[1] / "demo"
    out.print(f"Ingesting the demo corpus in {corpus} into {db}")
    files = sorted(p for p in corpus.iterdir() if p.suffix != ".md" and not p.name.startswith("_"))
    with ingest_progress() as on_progress:
        summary = run(files, db=db, workers=1, on_progress=on_progress)
    print_summary(summary)
    with open_store(db) as store:
        rows = store.list_articles()
        people = store.list_actors(type="person")
        states = store.list_actors(type="country")
        events = store.list_events(dyad=("IRN", "RUS"))
    table = Table("article", "date", "outlet", "title", "sentences", title="Articles")
    for r in rows:
        table.add_row(r["id"], r["date"] or "", r["outlet"] or "", (r["title"] or "")[:55], str(r["n_sentences"]))
    out.print(table)
    table = Table("person", "code", "role", "mentions", title="People")
    for r in people:
        table.add_row(r["name"], r["code"] or "", "; ".join(r.get("roles") or [])[:60], str(r["n_mentions"]))
    out.print(table)
    table = Table("actor", "code", "mentions", "articles", title="States and organisations")
    for r in states[:15]:
        table.add_row(r["name"], r["code"], str(r["n_mentions"]), str(r["n_articles"]))
    out.print(table)
    table = Table("date", "event", "source", "target", "modality", "evidence", title="Iran–Russia events")
    for e in events:
        table.add_row(
            e.get("date") or e.get("article_date") or "", e["plover"], ",".join(e["sources"]),
            ",".join(e["targets"]), e["modality"], (e.get("sentence") or "")[:70],
        )
    out.print(table)
    from dyad.cli.views import demo_brief

    demo_brief(db, "IRN", "RUS", brief_path)
    out.print(f"Next: dyad show ARTICLE_ID --db {db}  |  dyad quotes --db {db}  |  "
              f"dyad serve --db {db}, then open http://127.0.0.1:8000/dyad/IRN/RUS")
    raise typer.Exit(1 if summary.n_failed else 0)
