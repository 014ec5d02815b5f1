"""Readers for the extractors' data files (``<package>/data/``).

Every data file says in its first line what it is and who reads it: a ``#`` comment for TSV
files, an ``_about`` key for JSON files. ``words`` reads a JSON file of named word lists (keys
starting with ``_`` describe the lists); ``tsv`` reads tab-separated rows, skipping comments.
"""
from __future__ import annotations

import json
from pathlib import Path


def words(path: Path) -> dict[str, frozenset[str]]:
    """The named word lists of a JSON lexicon: ``{"name": ["word", ...], "_about": "..."}``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


def tsv(path: Path) -> list[list[str]]:
    """The rows of a tab-separated table: blank lines and ``#`` comment lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows
