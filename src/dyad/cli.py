"""Command-line interface: each command a few lines over the library."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Dyad: cited records of who did and said what in international relations.",
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Database URL (default: $DYAD_DATABASE_URL or sqlite:///dyad.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _print_summary(summary) -> None:
    s = summary
    rate = s.processed / s.seconds if s.seconds else 0.0
    err.print(
        f"[bold]ingested[/] {s.inserted}  [bold]updated[/] {s.updated}  "
        f"[bold]unchanged[/] {s.unchanged}  [bold]duplicates[/] {s.duplicates}  "
        f"[bold]skipped[/] {sum(s.skipped.values())}  [bold]failed[/] {s.n_failed}  "
        f"({s.seconds:.1f}s, {rate:.2f} articles/s)"
    )
    for label, counter in (("skipped", s.skipped), ("failed", s.failed)):
        for reason, n in counter.most_common():
            err.print(f"  {label}: {n} × {reason}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes running the pipeline.")] = 1,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for inputs that state none.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Skip files larger than this.")] = 20_000_000,
    as_json: JsonOption = False,
) -> None:
    """Read articles (txt, html, jsonl, warc, rss/atom), clean, analyse and store them.

    Example: dyad ingest articles/ --db sqlite:///iran-russia.db --workers 2
    """
    from dyad.batch import ingest as run

    summary = run(
        paths, db=db, workers=workers, outlet=outlet, max_bytes=max_bytes, progress=not as_json
    )
    if as_json:
        _print_json(summary.as_dict())
    else:
        _print_summary(summary)
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
        _print_json(rows)
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
    """Show one article: metadata, cleaned text, sentences, actors and their mentions.

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
        _print_json(art)
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
        _print_json(rows)
        return
    table = Table("actor", "type", "code", "roles", "mentions", "articles")
    for r in rows:
        table.add_row(
            r["name"], r["type"], r["code"] or "", "; ".join(r.get("roles") or [])[:70],
            str(r["n_mentions"]), str(r["n_articles"]),
        )
    out.print(table)


class EvalSet(str, Enum):
    seeds = "seeds"
    extract = "extract"


@app.command("eval")
def evaluate(
    kind: Annotated[EvalSet, typer.Argument(help="seeds or extract")],
    file: Annotated[Path, typer.Argument(help="Gold file (see ../shared/eval/FORMAT.md).")],
    as_json: JsonOption = False,
    article: Annotated[Optional[str], typer.Option(help="seeds: score one article (id prefix).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="extract: score only the first N pages.")] = None,
) -> None:
    """Score the pipeline against a gold file and print precision/recall figures.

    Example: dyad eval seeds ../shared/eval/seeds.gold.json --json
    """
    if not file.exists():
        err.print(f"{file}: no such file")
        raise typer.Exit(2)
    if kind is EvalSet.seeds:
        from dyad.evaluate.seeds import score_seeds

        result = score_seeds(file, article=article)
    else:
        from dyad.evaluate.extract import score_extract

        result = score_extract(file, limit=limit)
    if as_json:
        detail_keys = () if article else ("articles", "pages")
        _print_json({k: v for k, v in result.items() if k not in detail_keys})
        return
    table = Table("score", "value")
    for name, value in result["scores"].items():
        table.add_row(name, "not scored" if value is None else f"{value}")
    out.print(f"{result['set']}  (n={result['n']})")
    out.print(table)
    for detail in result.get("articles", []):
        if detail.get("missed"):
            out.print(f"[bold]{detail['id']}[/]")
            for line in detail["missed"]:
                out.print(f"  - {line}", highlight=False)


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Database URL for the demo.")] = "sqlite:///dyad-demo.db",
) -> None:
    """Ingest the bundled fictional demo corpus and print what Dyad found.

    Example: dyad demo --db sqlite:///demo.db
    """
    from dyad.batch import ingest as run
    from dyad.store import open_store

    corpus = Path(__file__).parent / "demo"
    out.print(f"Ingesting the demo corpus in {corpus} into {db}")
    files = sorted(p for p in corpus.iterdir() if p.suffix != ".md" and not p.name.startswith("_"))
    summary = run(files, db=db, workers=1, progress=True)
    _print_summary(summary)
    with open_store(db) as store:
        rows = store.list_articles()
        people = store.list_actors(type="person")
        states = store.list_actors(type="country")
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
    out.print(f"Next: dyad show ARTICLE_ID --db {db}   |   dyad actors --db {db}")
    raise typer.Exit(1 if summary.n_failed else 0)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
