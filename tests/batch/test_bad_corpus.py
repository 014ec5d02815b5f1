"""The whole bad-input corpus in one ``dyad ingest``: a summary, no traceback, bounded memory
and time, and each kind of input with its own outcome.

Every kind of ``tests/fixtures/make_bad_inputs.BAD_INPUTS`` goes into one folder, with good
articles, and is ingested under a time and a memory limit that no kind may reach (the limits
themselves are proven in ``test_limits.py``). The run is a subprocess, whose peak resident
memory (its own and its workers') is read from ``getrusage``.
"""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fixtures.make_bad_inputs import (
    ARTICLE,
    BAD_INPUTS,
    SECOND_ARTICLE,
    TEST_MAX_BYTES,
    TEST_MAX_CHARS,
    BadInput,
    belongs,
)

#: kinds that are not a file in the folder (a missing path; an empty sub-folder passed over)
NOT_IN_FOLDER = {"nonexistent path", "unreadable: folder named like a file"}
PEAK_RSS_MB = 1536
#: the time one document may take in the run (the slowest kind takes a few seconds)
MAX_SECONDS = 20
#: every line the run writes on stderr: SOURCE: failed|skipped: REASON
LINE = re.compile(r"^(.*?): (failed|skipped): (.+)$")


def _stored_sources(db_file: Path) -> list[str]:
    with sqlite3.connect(db_file) as con:
        return [r[0] for r in con.execute("SELECT source FROM articles UNION ALL SELECT source FROM duplicates")]


@pytest.mark.slow
def test_the_bad_input_corpus_in_one_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    built: list[tuple[BadInput, Path]] = []
    for case in BAD_INPUTS:
        if case.id in NOT_IN_FOLDER:
            continue
        built.append((case, case.build(corpus)))
    good = [corpus / "good_first.txt", corpus / "good_second.txt"]
    good[0].write_text(ARTICLE, encoding="utf-8")
    good[1].write_text(SECOND_ARTICLE, encoding="utf-8")

    wrapper = ("import resource, subprocess, sys, json; r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
               "print(json.dumps([r.returncode, r.stdout, r.stderr, "
               "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    db_file = tmp_path / "bad.db"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-m", "dyad.cli", "ingest", str(corpus),
         "--db", f"sqlite:///{db_file}", "--json", "--max-bytes", str(TEST_MAX_BYTES),
         "--max-chars", str(TEST_MAX_CHARS), "--max-seconds", str(MAX_SECONDS), "--max-memory", "600"],
        capture_output=True, text=True, timeout=900,
    )
    seconds = time.monotonic() - started
    code, stdout, stderr, peak_kb = json.loads(done.stdout)
    summary = json.loads(stdout)  # the summary, printed at the end
    assert code == 1, stderr  # something failed: exit code 1
    assert "Traceback" not in stderr
    assert peak_kb / 1024 < PEAK_RSS_MB, f"peak RSS {peak_kb / 1024:.0f} MB"
    assert seconds < 600
    lines = []
    for line in stderr.splitlines():
        found = LINE.match(line)
        assert found, f"not a one-line problem: {line!r}"
        lines.append(found.groups())
    stored = _stored_sources(db_file)

    def outcome_of(path: Path) -> tuple[list[tuple[str, str]], int]:
        return ([(status, reason) for source, status, reason in lines if belongs(source, path)],
                sum(1 for source in stored if belongs(source, path)))

    for case, path in built:
        problems, n_stored = outcome_of(path)
        reader = [p for p in problems if case.refused is None or not p[1].startswith(case.refused)]
        if case.status is None:
            assert reader == [], (case.id, problems)
        else:
            assert len(reader) == 1 and reader[0][0] == case.status and reader[0][1].startswith(case.reason), \
                (case.id, problems)
        expected = case.documents if case.articles is None else case.articles
        assert n_stored == expected, (case.id, n_stored, problems)
        refused = [p for p in problems if case.refused is not None and p[1].startswith(case.refused)]
        assert len(refused) == case.documents - expected, (case.id, problems)
    assert [outcome_of(p)[1] for p in good] == [1, 1]
    # every hostile kind is bounded by the readers and cleaner themselves, well within the limits
    assert "time limit" not in summary["failed"] and "memory limit" not in summary["failed"]
    assert summary["inserted"] + summary["duplicates"] == len(stored)
