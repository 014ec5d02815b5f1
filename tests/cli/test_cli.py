"""The CLI end to end over a real SQLite file, through Typer's runner."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from dyad.cli import app
from tests.fixtures.synth import write_corpus

runner = CliRunner()


def test_ingest_list_show_actors(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_NO_PROGRESS", "1")
    write_corpus(tmp_path / "c", 2)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    res = runner.invoke(app, ["ingest", str(tmp_path / "c"), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["inserted"] == 2

    res = runner.invoke(app, ["articles", "--db", db, "--json"])
    rows = json.loads(res.stdout)
    assert len(rows) == 2 and all(r["n_sentences"] > 0 for r in rows)

    res = runner.invoke(app, ["show", rows[0]["id"][:8], "--db", db, "--json"])
    art = json.loads(res.stdout)
    assert art["id"] == rows[0]["id"]
    for m in art["mentions"]:
        assert art["text"][m["start"]:m["end"]] == m["text"]

    res = runner.invoke(app, ["actors", "--db", db, "--type", "person", "--json"])
    people = json.loads(res.stdout)
    assert people and all(p["type"] == "person" for p in people)

    res = runner.invoke(app, ["actors", "--db", db, "--country", "irn", "--json"])
    assert all(r["country"] == "IRN" for r in json.loads(res.stdout))


def test_show_unknown_article_is_a_clear_error(tmp_path):
    res = runner.invoke(app, ["show", "a_doesnotexist", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert res.exit_code == 2
    assert "no article" in res.output


def test_ingest_exit_code_reports_failures(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_NO_PROGRESS", "1")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    res = runner.invoke(app, ["ingest", str(tmp_path / "c"), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--json"])
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr
