"""Ingest on a real Dask cluster: the same rows as a serial run and as the process pool, a
killed worker losing nothing, and a cluster started as separate processes on loopback.

The corpus mixes distinct articles, a line repeated across its pages (the repeated-line
filter) and a copy of one page (a linked duplicate), so that the order of storing matters.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from dyad.batch import ingest
from tests.batch.procs import children
from tests.batch.rows import dump
from tests.fixtures.synth import write_corpus

N = 12


def _corpus(folder: Path) -> Path:
    paths = write_corpus(folder, N, seed=31)
    for p in paths:
        paras = p.read_text(encoding="utf-8").split("\n\n")
        paras.insert(2, "Letters to the editor are read every Thursday afternoon")
        p.write_text("\n\n".join(paras), encoding="utf-8")
    (folder / "zz_copy_of_last.txt").write_text(paths[-1].read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("dask") / "ledger")


@pytest.mark.slow
def test_serial_pool_and_local_cluster_store_identical_rows(corpus, tmp_path):
    runs = {"serial": {}, "pool": {"workers": 2}, "dask": {"dask": "local:2"}}
    rows = {}
    for name, kwargs in runs.items():
        db = tmp_path / f"{name}.db"
        summary = ingest([corpus], db=f"sqlite:///{db}", **kwargs)
        assert (summary.inserted, summary.duplicates, summary.n_failed) == (N, 1, 0), name
        rows[name] = dump(db)
    assert rows["serial"]["events"] and rows["serial"]["seen_lines"]
    for table in rows["serial"]:
        assert rows["pool"][table] == rows["serial"][table], table
        assert rows["dask"][table] == rows["serial"][table], table


def _worker_processes() -> list[int]:
    """This process's children that are Dask worker processes (spawned, not the resource tracker)."""
    return [pid for pid, cmd in children(os.getpid()) if "spawn_main" in cmd and "resource_tracker" not in cmd]


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(corpus, tmp_path):
    killed: list[int] = []
    db = tmp_path / "killed.db"

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            workers = _worker_processes()
            stored = 0
            if db.exists():
                try:
                    with sa.create_engine(f"sqlite:///{db}").connect() as conn:
                        stored = conn.execute(sa.text("SELECT COUNT(*) FROM articles")).scalar()
                except sa.exc.OperationalError:
                    stored = 0
            if len(workers) >= 2 and stored >= 1:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    summary = ingest([corpus], db=f"sqlite:///{db}", dask="local:2")
    killer.join()
    assert killed, "no worker was killed"
    assert (summary.inserted, summary.duplicates, summary.n_failed) == (N, 1, 0)
    serial = tmp_path / "serial.db"
    ingest([corpus], db=f"sqlite:///{serial}")
    assert dump(db) == dump(serial)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rows(url: str) -> dict[str, list[tuple]]:
    """What both backends can be compared on: articles, and the facts of each."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return {
                "articles": sorted(conn.execute(sa.text("SELECT id, source, title, text FROM articles")).all()),
                "duplicates": sorted(conn.execute(sa.text("SELECT source, duplicate_of FROM duplicates")).all()),
                "events": sorted(conn.execute(sa.text(
                    "SELECT article_id, seq, plover, cameo, modality, sources, targets FROM events")).all()),
                "quotes": sorted(conn.execute(sa.text("SELECT article_id, seq, text, speaker_key FROM quotes")).all()),
                "mentions": sorted(conn.execute(sa.text(
                    'SELECT article_id, actor_key, start, "end" FROM mentions')).all()),
            }
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_a_scheduler_and_two_workers_on_loopback_with_postgresql(corpus, postgres_url, tmp_path):
    """The team set-up of docs/scale.md: `dask scheduler`, two `dask worker` processes, one
    shared PostgreSQL, `dyad ingest --dask tcp://... --db postgresql://...`."""
    dask_cli = str(Path(sys.executable).with_name("dask"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "cluster.log"
    procs = []
    with logs.open("w") as log:
        try:
            procs.append(subprocess.Popen([dask_cli, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                           "--no-dashboard"], stdout=log, stderr=log))
            for _ in range(2):
                procs.append(subprocess.Popen([dask_cli, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                               "--no-dashboard", "--local-directory", str(tmp_path)],
                                              stdout=log, stderr=log))
            run = subprocess.run([sys.executable, "-m", "dyad.cli", "ingest", str(corpus), "--dask", address,
                                  "--db", postgres_url, "--json"], capture_output=True, text=True, timeout=600)
        finally:
            for p in reversed(procs):
                p.send_signal(signal.SIGINT)
            for p in reversed(procs):
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
    assert run.returncode == 0, run.stderr[-2000:] + logs.read_text()[-2000:]
    serial = tmp_path / "serial.db"
    ingest([corpus], db=f"sqlite:///{serial}")
    assert _rows(postgres_url) == _rows(f"sqlite:///{serial}")
