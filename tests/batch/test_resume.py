"""Split, resumed and killed ingests give the same rows as one uninterrupted run.

The corpus's pages share menu and footer lines, which the repeated-line learner removes once
it has seen them on three earlier pages: what each page is cleaned to depends on what was
seen before it, so a learner that forgot earlier runs would clean resumed pages differently.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyad.batch import ingest
from tests.batch.rows import TABLES
from tests.batch.rows import dump as _dump
from tests.fixtures.synth import write_corpus

#: a line between two paragraphs, where alone it would pass for a sub-heading
SHARED = "Letters to the editor are read every Thursday afternoon"
N = 18

def _corpus(folder: Path) -> list[Path]:
    paths = write_corpus(folder, N, seed=11)
    for p in paths:
        paras = p.read_text(encoding="utf-8").split("\n\n")
        paras.insert(2, SHARED)
        p.write_text("\n\n".join(paras), encoding="utf-8")
    return paths


def _count(db_file: Path) -> int:
    try:
        with sqlite3.connect(db_file, timeout=30) as con:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _killed_run(corpus: Path, db_file: Path, after: int, workers: int) -> None:
    """``dyad ingest`` in a subprocess, killed with SIGKILL once ``after`` articles are stored."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "dyad.cli", "ingest", str(corpus), "--db", f"sqlite:///{db_file}",
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 240
    while _count(db_file) < after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.fixture(scope="module")
def corpus_and_reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    corpus = folder / "ledger"
    paths = _corpus(corpus)
    ref = folder / "reference.db"
    summary = ingest([corpus], db=f"sqlite:///{ref}")
    assert (summary.inserted, summary.n_failed) == (N, 0)
    rows = _dump(ref)
    texts = [r[8] for r in rows["articles"]]
    # the learner did its work: late pages lost the shared lines, the first pages kept them
    assert sum(SHARED in t for t in texts) == 3
    return corpus, paths, rows


def _split(corpus: Path, paths: list[Path], db_file: Path, cuts: list[int], workers: int = 1) -> None:
    for cut in cuts:
        ingest(paths[:cut], db=f"sqlite:///{db_file}", workers=workers)
    ingest([corpus], db=f"sqlite:///{db_file}", workers=workers)


TRIALS = {
    "two halves": lambda c, p, db: _split(c, p, db, [N // 2]),
    "thirds, two workers": lambda c, p, db: _split(c, p, db, [N // 3, 2 * N // 3], workers=2),
    "one file a run": lambda c, p, db: _split(c, p, db, list(range(1, N))),
    "first page, then all": lambda c, p, db: _split(c, p, db, [1]),
    "killed early, resumed": lambda c, p, db: (_killed_run(c, db, 2, 1), ingest([c], db=f"sqlite:///{db}")),
    "killed late, two workers, resumed": lambda c, p, db: (_killed_run(c, db, N - 4, 2),
                                                           ingest([c], db=f"sqlite:///{db}", workers=2)),
    "killed twice, resumed": lambda c, p, db: (_killed_run(c, db, 3, 1), _killed_run(c, db, 9, 2),
                                               ingest([c], db=f"sqlite:///{db}")),
    "split, killed, resumed": lambda c, p, db: (ingest(p[:5], db=f"sqlite:///{db}"), _killed_run(c, db, 11, 1),
                                                ingest([c], db=f"sqlite:///{db}")),
}


@pytest.mark.slow
@pytest.mark.parametrize("trial", list(TRIALS))
def test_split_resumed_and_killed_runs_store_the_same_rows(trial, corpus_and_reference, tmp_path):
    corpus, paths, reference = corpus_and_reference
    db_file = tmp_path / "trial.db"
    TRIALS[trial](corpus, paths, db_file)
    got = _dump(db_file)
    assert {t: len(v) for t, v in got.items()} == {t: len(v) for t, v in reference.items()}
    for table in TABLES:
        assert got[table] == reference[table], table
