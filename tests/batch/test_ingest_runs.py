"""Batch runs against a real SQLite file: idempotency, updates, crash safety."""
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
from tests.fixtures.synth import write_corpus


def _count(db_file: Path, table: str) -> int:
    with sqlite3.connect(db_file) as con:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _rows(db_file: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_file) as con:
        return con.execute(sql).fetchall()


def test_reingest_changes_nothing_and_changed_file_updates(tmp_path):
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 4)
    db_file = tmp_path / "dyad.db"
    db = f"sqlite:///{db_file}"

    first = ingest([corpus], db=db)
    assert (first.inserted, first.updated, first.n_failed) == (4, 0, 0)
    snapshot = {t: _count(db_file, t) for t in ("articles", "sentences", "mentions", "actors")}
    assert snapshot["mentions"] > 0

    second = ingest([corpus], db=db)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 4)
    assert {t: _count(db_file, t) for t in snapshot} == snapshot

    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\nA closing paragraph added on a later edition of the page.\n", encoding="utf-8")
    third = ingest([corpus], db=db)
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 3)
    assert _count(db_file, "articles") == 4
    texts = [r[0] for r in _rows(db_file, "SELECT text FROM articles")]
    assert sum("later edition" in t for t in texts) == 1


def test_copy_of_an_article_is_linked_not_stored_twice(tmp_path):
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 3)
    (corpus / "copy_of_first.txt").write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    db_file = tmp_path / "dyad.db"
    summary = ingest([corpus], db=f"sqlite:///{db_file}")
    assert summary.inserted == 3 and summary.duplicates == 1
    assert _count(db_file, "articles") == 3
    assert _count(db_file, "duplicates") == 1


def test_bad_input_is_reported_and_batch_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.jsonl").write_text('{"text": "unterminated\n', encoding="utf-8")
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    lines: list[str] = []
    summary = ingest([corpus], db=f"sqlite:///{tmp_path / 'dyad.db'}", on_problem=lines.append)
    assert summary.inserted == 2
    assert summary.n_failed >= 2 and sum(summary.skipped.values()) >= 1
    assert all("\n" not in line for line in lines)
    for name in ("empty.txt", "broken.jsonl", "picture.png"):
        assert any(name in line for line in lines), (name, lines)


@pytest.mark.slow
def test_kill_9_mid_run_loses_nothing_and_rerun_completes(tmp_path):
    n = 40
    corpus = tmp_path / "corpus"
    write_corpus(corpus, n, seed=11)
    db_file = tmp_path / "dyad.db"
    cmd = [sys.executable, "-m", "dyad.cli", "ingest", str(corpus), "--db", f"sqlite:///{db_file}", "--json"]
    env = {**os.environ, "DYAD_NO_PROGRESS": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db_file.exists():
            try:
                stored = _count(db_file, "articles")
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 5:
                break
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _count(db_file, "articles")
    assert 5 <= before < n
    # every committed article is whole: its sentences are there
    assert _rows(db_file, "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                          "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)") == [(0,)]

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db_file, "articles") == n
    assert _rows(db_file, "SELECT COUNT(*) - COUNT(DISTINCT source) FROM articles") == [(0,)]
    assert _rows(db_file, "SELECT COUNT(*) FROM (SELECT article_id, sentence_index, start, actor_key "
                          "FROM mentions GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1) d") == [(0,)]


def test_lines_repeated_across_an_outlets_pages_are_dropped(tmp_path):
    corpus = tmp_path / "valdmere-post"
    paths = write_corpus(corpus, 5, seed=3)
    footer = "Valdmere Post evening edition desk"
    for p in paths:
        # between two paragraphs, where a lone short line would pass for a sub-heading
        paras = p.read_text(encoding="utf-8").split("\n\n")
        paras.insert(2, footer)
        p.write_text("\n\n".join(paras), encoding="utf-8")
    db_file = tmp_path / "dyad.db"
    ingest([corpus], db=f"sqlite:///{db_file}")
    rows = _rows(db_file, "SELECT source, text FROM articles ORDER BY source")
    kept = [footer in text for _, text in rows]
    # the first pages cannot know the line repeats; once it has been seen on three, it goes
    assert kept[0] and kept[-2:] == [False, False]


def test_worker_pool_gives_the_same_store_as_one_process(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6, seed=5)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    s1 = ingest([corpus], db=f"sqlite:///{one}", workers=1)
    s2 = ingest([corpus], db=f"sqlite:///{two}", workers=2)
    assert s1.inserted == s2.inserted == 6
    q = "SELECT a.source, COUNT(m.start) FROM articles a LEFT JOIN mentions m ON m.article_id = a.id GROUP BY 1 ORDER BY 1"
    assert _rows(one, q) == _rows(two, q)
