"""``dyad eval``: score the pipeline against the gold sets in ../shared/eval/."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from dyad.cli.base import JsonOption, app, err, out, print_json


class EvalSet(str, Enum):
    seeds = "seeds"
    extract = "extract"
    events = "events"
    quotes = "quotes"


# Detail a --json caller does not want unless it asked for one article.
DETAIL_KEYS = ("articles", "pages", "records")


def score(kind: EvalSet, file: Path, *, article: str | None, limit: int | None, split: str) -> dict:
    if kind is EvalSet.seeds:
        from dyad.evaluate.seeds import score_seeds

        return score_seeds(file, article=article)
    if kind is EvalSet.extract:
        from dyad.evaluate.extract import score_extract

        return score_extract(file, limit=limit)
    if kind is EvalSet.events:
        from dyad.evaluate.events import score_events

        return score_events(file, limit=limit)
    from dyad.evaluate.quotes import score_quotes

    return score_quotes(file, split=None if split == "all" else split, limit=limit)


@app.command("eval")
def evaluate(
    kind: Annotated[EvalSet, typer.Argument(help="seeds, extract, events or quotes")],
    file: Annotated[Path, typer.Argument(help="Gold file (see ../shared/eval/FORMAT.md).")],
    as_json: JsonOption = False,
    article: Annotated[Optional[str], typer.Option(help="seeds: score one article (id prefix).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="extract, events, quotes: score only the first N records.")] = None,
    split: Annotated[str, typer.Option(help="quotes: the records of this split (dev, train, all).")] = "dev",
    errors: Annotated[bool, typer.Option("--errors", help="seeds: group missed and false events by cause, with examples.")] = False,
) -> None:
    """Score the pipeline against a gold file and print precision/recall figures.

    Example: dyad eval seeds ../shared/eval/dev.gold.json --errors
    """
    if not file.exists():
        err.print(f"{file}: no such file")
        raise typer.Exit(2)
    result = score(kind, file, article=article, limit=limit, split=split)
    if not errors and "event_errors" in result:  # counts only, unless the examples are asked for
        result["event_errors"] = {side: {c: g["n"] for c, g in groups.items()}
                                  for side, groups in result["event_errors"].items()}
    if as_json:
        detail_keys = () if article else DETAIL_KEYS
        print_json({k: v for k, v in result.items() if k not in detail_keys})
        return
    table = Table("score", "value")
    for name, value in result["scores"].items():
        table.add_row(name, "not scored" if value is None else f"{value}")
    out.print(f"{result['set']}  (n={result['n']})")
    out.print(table)
    print_breakdowns(result)
    if errors:
        print_event_errors(result.get("event_errors", {}))
        return
    for detail in result.get("articles", []):
        if detail.get("missed"):
            out.print(f"[bold]{escape(str(detail['id']))}[/]")
            for line in detail["missed"]:
                out.print(f"  - {escape(line)}", highlight=False)


def print_event_errors(groups: dict) -> None:
    """Missed gold events and false predictions, grouped by cause, each with its examples."""
    titles = {"missed": "Gold events missed", "false": "Predicted events matching no gold event"}
    for side, causes in groups.items():
        total = sum(g["n"] for g in causes.values())
        out.print(f"[bold]{titles[side]}[/] ({total})")
        for cause, g in sorted(causes.items(), key=lambda kv: -kv[1]["n"]):
            out.print(f"  [bold]{escape(cause)}[/]: {g['n']}")
            for example in g["examples"]:
                out.print(f"    - {escape(example)}", highlight=False, soft_wrap=True)


def _figure(value) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def print_breakdowns(result: dict) -> None:
    """Per-type (events) or per-kind (quotes) figures and confusion tables, when present."""
    for key, title in (("per_type", "By event type"), ("by_kind", "By quote kind")):
        groups = result.get(key)
        if not groups:
            continue
        columns = list(dict.fromkeys(c for figures in groups.values() for c in figures))
        table = Table("", *columns, title=title)
        for name, figures in groups.items():
            table.add_row(name, *(_figure(figures.get(c)) for c in columns))
        out.print(table)
    confusion = result.get("confusion")
    if confusion:
        predicted = sorted({p for row in confusion.values() for p in row})
        table = Table("gold \\ predicted", *predicted, title="Event type confusion")
        for gold, row in confusion.items():
            table.add_row(gold, *(str(row.get(p, "")) for p in predicted))
        out.print(table)
    if result.get("kind_confusion"):
        table = Table("gold -> predicted", "n", title="Quote kind confusion")
        for pair, n in result["kind_confusion"].items():
            table.add_row(pair, str(n))
        out.print(table)
