"""A real SQLite store ingested from the five seed articles plus one fictional article
whose text carries markup that must never run (``<script>window.__pwned=1</script>``)."""
from __future__ import annotations

import os
from pathlib import Path

from tests.shared import shared

SEEDS = Path(os.environ["DYAD_SEEDS"]) if "DYAD_SEEDS" in os.environ else shared("corpus/seeds")
INJECTED_TITLE = "Harbour talks stall between Norland and Velmora"
INJECTED = f"""{INJECTED_TITLE}

2024/03/14 | politics

Norland's foreign minister Petr Alvin met Velmora's envoy Ilse Marr in Kastor on Tuesday. "We will not sign a deal that closes our harbour," Alvin said after the meeting.

A comment posted under the ministry's statement read <script>window.__pwned=1</script> and an image tag <img src=x onerror="window.__pwned=2">, the ministry said, adding that the harbour dispute would be raised again in April.
"""


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def build(folder: Path) -> str:
    """Ingest the seeds and the injected article into ``folder/dyad.db``; return its URL."""
    from dyad.batch import ingest

    os.environ.setdefault("DYAD_NO_PROGRESS", "1")
    folder.mkdir(parents=True, exist_ok=True)
    injected = folder / "injected.txt"
    injected.write_text(INJECTED, encoding="utf-8")
    url = f"sqlite:///{folder / 'dyad.db'}"
    paths = seed_paths()
    assert len(paths) == 5, f"expected the five seed articles in {SEEDS}"
    summary = ingest([*paths, injected], db=url, on_problem=lambda line: None)
    assert summary.n_failed == 0, summary.problems
    return url
