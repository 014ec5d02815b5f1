"""The progress bar of long runs: a Rich display fed by the library's ``on_progress`` callback."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def ingest_progress(enabled: bool = True) -> Iterator[Callable[[int], None] | None]:
    """Yields a callback for ``dyad.batch.ingest(on_progress=...)`` that draws articles and
    articles/s on stderr; yields None (no display) when disabled or ``$DYAD_NO_PROGRESS`` is set."""
    if not enabled or os.environ.get("DYAD_NO_PROGRESS") is not None:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    t0 = time.perf_counter()
    with progress:
        task = progress.add_task("ingest", total=None, rate="-")

        def advance(words: int) -> None:
            progress.advance(task)
            rate = progress.tasks[0].completed / max(time.perf_counter() - t0, 1e-9)
            progress.update(task, rate=f"{rate:.1f}")

        yield advance
