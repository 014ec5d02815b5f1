"""Commands over the extracted facts: events, export, quotes, speakers, stances."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from dyad.cli.base import (
    DbOption,
    JsonOption,
    app,
    clip,
    err,
    out,
    parse_dyad,
    print_json,
)


class Modality(str, Enum):
    asserted = "asserted"
    planned = "planned"
    hypothetical = "hypothetical"
    denied = "denied"


class ExportFormat(str, Enum):
    gdelt_csv = "gdelt-csv"
    plover_jsonl = "plover-jsonl"
    parquet = "parquet"


DyadOption = Annotated[
    Optional[str], typer.Option("--dyad", help="Two actor codes, either way round, e.g. IRN-RUS.")
]
ModalityOption = Annotated[
    Optional[Modality], typer.Option("--modality", help="asserted, planned, hypothetical or denied.")
]
SinceOption = Annotated[
    Optional[str], typer.Option("--since", help="Only events dated on or after YYYY-MM-DD.")
]


def when(date: str | None, precision: str | None) -> str:
    """An event date with its precision: "2024-04-15", "2024-05 (month)", "—"."""
    if not date:
        return "—"
    return date if precision in (None, "day") else f"{date} ({precision})"


def sides(sources: list[str], targets: list[str]) -> str:
    return f"{','.join(sources) or '?'} → {','.join(targets) or '?'}"


def event_table(rows: list[dict[str, Any]]) -> Table:
    table = Table("date", "type", "cameo", "source → target", "modality", "trigger", "article", "sentence")
    for r in rows:
        table.add_row(
            when(r.get("date"), r.get("date_precision")), r["plover"], r["cameo"],
            sides(r["sources"], r["targets"]), r["modality"], r["trigger"], r["article_id"][:12],
            clip(r.get("sentence"), 80),
        )
    return table


def cluster_table(clusters: list[dict[str, Any]]) -> Table:
    table = Table("date", "type", "cameo", "source → target", "modality", "reports", "articles",
                  "outlets", "first report")
    for c in clusters:
        first = c["reports"][0] if c["reports"] else {}
        table.add_row(
            when(c.get("date"), c.get("date_precision")), c.get("type") or "", c.get("cameo") or "",
            sides(c["source_codes"] or c["sources"], c["target_codes"] or c["targets"]),
            c["modality"], str(c["n_reports"]), str(c["n_articles"]), str(c["n_outlets"]),
            clip(f"{(first.get('article_id') or '')[:12]}: {first.get('sentence') or ''}", 70),
        )
    return table


def _stream_json(rows: Iterable[Any]) -> None:
    """``print_json(list(rows))`` written one row at a time: the same text."""
    write, first = sys.stdout.write, True
    for row in rows:
        item = json.dumps(row, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  ")
        write(("[\n  " if first else ",\n  ") + item)
        first = False
    write("[]\n" if first else "\n]\n")


@app.command()
def events(
    db: DbOption = None,
    dyad: DyadOption = None,
    type: Annotated[Optional[str], typer.Option("--type", help="PLOVER type (CONSULT) or CAMEO root (04).")] = None,
    modality: ModalityOption = None,
    since: SinceOption = None,
    clusters: Annotated[bool, typer.Option("--clusters", help="Group reports into real-world events.")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Show at most N rows.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored events, one row per report; --clusters groups them into real-world events.

    With --clusters each event says how many reports, articles and outlets carry it.

    Example: dyad events --dyad IRN-RUS --modality asserted --since 2021-01-01
    """
    from dyad.store import open_store

    filters = {"dyad": parse_dyad(dyad), "type": type,
               "modality": modality.value if modality else None, "since": since}
    with open_store(db) as store:
        if as_json:  # streamed, a batch of rows at a time
            rows = store.iter_clusters(**filters) if clusters else store.iter_events(**filters)
            _stream_json(islice(rows, limit))
            return
        result = (store.list_clusters(**filters, limit=limit) if clusters
                  else store.list_events(**filters, limit=limit))
    if as_json:
        print_json(result)
        return
    out.print(cluster_table(result) if clusters else event_table(result))
    out.print(f"{len(result)} {'events' if clusters else 'reports'}")


export_app = typer.Typer(no_args_is_help=True, help="Write stored records in formats other tools read.")
app.add_typer(export_app, name="export")


@export_app.command("events")
def export_events(
    format: Annotated[ExportFormat, typer.Option("--format", help="gdelt-csv, plover-jsonl or parquet.")],  # noqa: A002
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = None,
    modality: ModalityOption = None,
    dyad: DyadOption = None,
    since: SinceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export events (reports clustered into events) as GDELT-style CSV, PLOVER JSONL or Parquet.

    Example: dyad export events --format gdelt-csv -o events.csv --modality asserted --dyad IRN-RUS
    """
    from dyad.export import export_events as run
    from dyad.store import open_store

    with open_store(db) as store:
        n = run(store, output, format.value, modality=modality.value if modality else None,
                dyad=parse_dyad(dyad), since=since)
    if as_json:
        print_json({"path": str(output), "format": format.value, "rows": n})
    else:
        err.print(f"wrote {n} events to {output} ({format.value})")


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name (any case).")] = None,
    about: Annotated[Optional[str], typer.Option(help="Quotes mentioning an actor of this country or org, e.g. IRN.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Show at most N quotes.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored quotes with their speakers and articles.

    Example: dyad quotes --speaker jalali --about RUS
    """
    from dyad.store import open_store

    with open_store(db) as store:
        rows = store.list_quotes(speaker=speaker, about=about, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table("date", "speaker", "role", "code", "kind", "quote", "outlet", "article")
    for r in rows:
        table.add_row(
            r.get("date") or "", r.get("speaker_name") or "?", clip(r.get("speaker_role"), 30),
            r.get("speaker_code") or "", r["kind"], clip(r["text"], 90), r.get("outlet") or "",
            r["article_id"][:12],
        )
    out.print(table)
    out.print(f"{len(rows)} quotes")


@app.command()
def speakers(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List who is quoted: role, code, number of statements and outlets.

    Unresolved speakers ("a spokesman") are grouped by their words.

    Example: dyad speakers --json
    """
    from dyad.store import open_store

    with open_store(db) as store:
        rows = store.list_speakers()
    if as_json:
        print_json(rows)
        return
    table = Table("speaker", "role", "code", "statements", "outlets", "resolved")
    for r in rows:
        table.add_row(
            r["name"] or "?", clip("; ".join(r["roles"]), 50), r["code"] or "", str(r["n_statements"]),
            clip(", ".join(r["outlets"]), 50), "yes" if r["resolved"] else "no",
        )
    out.print(table)


@app.command()
def stances(
    db: DbOption = None,
    holder: Annotated[Optional[str], typer.Option(help="Part of the holder's name (any case).")] = None,
    target: Annotated[Optional[str], typer.Option(help="Target actor code, e.g. RUS.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stances: who spoke positively or negatively about whom.

    Example: dyad stances --holder jalali --target RUS
    """
    from dyad.store import open_store

    with open_store(db) as store:
        rows = store.list_stances(holder=holder, target=target)
    if as_json:
        print_json(rows)
        return
    table = Table("date", "holder", "target", "polarity", "score", "outlet", "article")
    for r in rows:
        table.add_row(
            r.get("date") or "", r["holder_name"], r["target"], r["polarity"], f"{r['score']:+.2f}",
            r.get("outlet") or "", r["article_id"][:12],
        )
    out.print(table)


def print_article_facts(art: dict[str, Any]) -> None:
    """``dyad show``'s tables of the article's events and quotes."""
    sentences = {s["index"]: s["text"] for s in art.get("sentences", [])}
    if art.get("events"):
        table = Table("sentence", "type", "cameo", "source → target", "modality", "date", "trigger",
                      "evidence", title="Events")
        for e in art["events"]:
            date = e.get("date") or {}
            table.add_row(
                str(e["sentence_index"]), e["plover"], e["cameo"], sides(e["sources"], e["targets"]),
                e["modality"], when(date.get("value"), date.get("precision")), e["trigger"],
                clip(sentences.get(e["sentence_index"]), 90),
            )
        out.print(table)
    if art.get("quotes"):
        table = Table("sentence", "speaker", "role", "code", "kind", "quote", title="Quotes")
        for q in art["quotes"]:
            speaker = q.get("speaker_text") or "?"
            if q.get("speaker_key") and q["speaker_key"] != speaker:
                speaker = f"{speaker} ({q['speaker_key']})"
            table.add_row(
                str(q["sentence_index"]), speaker, clip(q.get("speaker_role"), 30),
                q.get("speaker_code") or "", q["kind"], clip(q["text"], 90),
            )
        out.print(table)
