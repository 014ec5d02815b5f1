"""Per-document limits and worker failures: one document never stops or stalls the batch.

Real documents, a real SQLite file and real worker processes: a long article takes seconds
and hundreds of MB to analyse, so small limits make it fail while short articles pass.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dyad.batch import ingest
from dyad.limits import Limits
from tests.batch.procs import alive, children
from tests.fixtures.synth import make_article, write_corpus


def _long_article(folder: Path, chars: int) -> Path:
    rng = random.Random(99)
    parts, n = [], 1000
    while sum(map(len, parts)) < chars:
        parts.append(make_article(rng, n))
        n += 1
    path = folder / "zz_long_report.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def _children(pid: int) -> list[int]:
    return [child for child, _ in children(pid)]


def _articles(db_file: Path) -> list[str]:
    with sqlite3.connect(db_file) as con:
        return [r[0] for r in con.execute("SELECT source FROM articles ORDER BY source")]


def test_a_document_over_its_time_limit_fails_and_the_rest_is_stored(tmp_path):
    corpus = tmp_path / "c"
    short = write_corpus(corpus, 3, seed=21)
    long = _long_article(corpus, 150_000)
    problems: list[str] = []
    summary = ingest([corpus], db=f"sqlite:///{tmp_path / 'd.db'}", limits=Limits(max_seconds=2),
                     on_problem=problems.append)
    assert summary.inserted == 3 and dict(summary.failed) == {"time limit": 1}
    assert problems == [f"{long}: failed: time limit: over 2 s (--max-seconds)"]
    assert _articles(tmp_path / "d.db") == sorted(str(p) for p in short)


def test_a_document_over_its_memory_limit_fails_and_the_worker_goes_on(tmp_path):
    corpus = tmp_path / "c"
    short = write_corpus(corpus, 3, seed=22)
    _long_article(corpus, 300_000)
    summary = ingest([corpus], db=f"sqlite:///{tmp_path / 'd.db'}",
                     limits=Limits(max_memory_mb=100, max_seconds=0))
    assert summary.inserted == 3 and dict(summary.failed) == {"memory limit": 1}
    assert _articles(tmp_path / "d.db") == sorted(str(p) for p in short)


@pytest.mark.parametrize("limits", [Limits(max_chars=300), Limits(max_chars=300, max_seconds=0, max_memory_mb=0)],
                         ids=["in workers", "in this process"])
def test_a_text_longer_than_max_chars_is_refused_before_analysis(tmp_path, limits):
    corpus = tmp_path / "c"
    write_corpus(corpus, 2, seed=23)
    (corpus / "short.txt").write_text("Iran and Russia signed a grain agreement in Tehran on Monday, "
                                      "officials of both governments said.", encoding="utf-8")
    problems: list[str] = []
    summary = ingest([corpus], db=f"sqlite:///{tmp_path / 'd.db'}", limits=limits, on_problem=problems.append)
    assert summary.inserted == 1 and dict(summary.failed) == {"too long": 2}
    assert all("too long: " in p and "(limit 300; --max-chars)" in p for p in problems)


def test_a_killed_worker_loses_nothing_and_duplicates_nothing(tmp_path):
    corpus = tmp_path / "c"
    paths = write_corpus(corpus, 14, seed=24)
    killed: list[int] = []

    def kill_one_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            kids = _children(os.getpid())
            if len(kids) >= 2:
                time.sleep(0.3)  # tasks in flight
                os.kill(kids[0], signal.SIGKILL)
                killed.append(kids[0])
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    summary = ingest([corpus], db=f"sqlite:///{tmp_path / 'd.db'}", workers=2)
    killer.join()
    assert killed, "no worker was seen"
    assert (summary.inserted, summary.n_failed) == (14, 0)
    assert _articles(tmp_path / "d.db") == sorted(str(p) for p in paths)


def _start_cli(corpus: Path, db_file: Path, *extra: str, capture: bool = True) -> subprocess.Popen:
    pipe = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "dyad.cli", "ingest", str(corpus), "--db", f"sqlite:///{db_file}", *extra],
        stdout=pipe, stderr=pipe, text=True,
    )


def _wait_for_stored(db_file: Path, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if len(_articles(db_file)) >= n:
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    raise AssertionError("the run stored nothing in time")


def test_workers_die_with_the_runner_killed_by_sigkill(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 30, seed=25)
    proc = _start_cli(corpus, tmp_path / "d.db", "--workers", "2", capture=False)
    _wait_for_stored(tmp_path / "d.db", 1, proc)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if alive(w)]


def test_ctrl_c_prints_the_summary_and_stops_the_workers(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 30, seed=26)
    proc = _start_cli(corpus, tmp_path / "d.db", "--workers", "2")
    _wait_for_stored(tmp_path / "d.db", 1, proc)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    assert "ingested" in stderr and "interrupted: a re-run with the same inputs completes the rest" in stderr
    assert not [w for w in workers if alive(w)]
    stored = len(_articles(tmp_path / "d.db"))
    assert 1 <= stored < 30
    again = subprocess.run(
        [sys.executable, "-m", "dyad.cli", "ingest", str(corpus), "--db", f"sqlite:///{tmp_path / 'd.db'}", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert len(_articles(tmp_path / "d.db")) == 30
