"""`dyad demo`, the README's main job, on the bundled fictional corpus."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from dyad.cli import app

runner = CliRunner()


def test_demo_ingests_the_corpus_and_writes_a_brief(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_NO_PROGRESS", "1")
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    brief = tmp_path / "brief.html"
    res = runner.invoke(app, ["demo", "--db", db, "--brief", str(brief)])
    assert res.exit_code == 0, res.output
    assert brief.exists() and "<html" in brief.read_text(encoding="utf-8").lower()

    articles = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert len(articles) == 8  # 5 text pages, 1 HTML page, 2 JSONL wire stories

    events = json.loads(runner.invoke(app, ["events", "--db", db, "--dyad", "IRN-RUS", "--json"]).stdout)
    visits = [e for e in events if e["plover"] == "CONSULT" and e["modality"] == "asserted"
              and e["sources"][0].startswith("IRN") and any(t.startswith("RUS") for t in e["targets"])]
    assert visits, "the Iranian minister's visit to Moscow is an asserted IRN→RUS consultation"
    denied = [e for e in events if e["modality"] == "denied"]
    assert denied, "the ambassador's denial is stored as denied"
