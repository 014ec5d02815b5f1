"""What every command module shares: the Typer app, consoles, common options, printers."""
from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer
from rich.console import Console

from dyad import codes

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


def print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def print_summary(summary) -> None:
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


def clip(text: str | None, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``--dyad IRN-RUS`` -> ``("IRN", "RUS")`` (``dyad.codes.parse_dyad``), as a Typer error."""
    if value is None:
        return None
    try:
        return codes.parse_dyad(value)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--dyad") from None
