"""Command-line interface: each command a few lines over the library.

The commands live in modules by subject (``corpus``: ingest, articles, show, actors, demo;
``facts``: events, export, quotes, speakers, stances; ``views``: serve, brief;
``evals``: eval) and register
themselves on the one Typer ``app`` from ``base`` when imported here, in this order.
"""
from __future__ import annotations

import sys

from dyad.cli import corpus, evals, facts, views  # noqa: F401, I001  (registers the commands, in order)
from dyad.cli.base import app

__all__ = ["app", "main"]


def main() -> None:
    from dyad.cluster import ClusterError
    from dyad.store import StoreError

    try:
        app()
    except (StoreError, ClusterError) as exc:  # one line, no traceback: what failed, and why
        print(f"dyad: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
