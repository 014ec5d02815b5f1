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


# -- events, quotes, speakers, stances, export, eval over a real ingest ---------------------

import csv  # noqa: E402
import re  # noqa: E402

import pytest  # noqa: E402

from dyad.codes import country_of  # noqa: E402
from dyad.export.gdelt import GDELT_COLUMNS  # noqa: E402
from dyad.export.plover import REQUIRED as PLOVER_REQUIRED  # noqa: E402
from dyad.store import open_store  # noqa: E402

# Fictional officials; a visit, a planned agreement, a denial, direct, split and reported quotes.
FACTS_CORPUS = [
    {"url": "https://news.example/vakili-moscow", "title": "Iranian minister visits Moscow",
     "date": "2024-04-17", "outlet": "Example Herald", "text": (
         "MOSCOW – Iranian Foreign Minister Dariush Vakili visited Moscow on Tuesday and met "
         "Russian Foreign Minister Yelena Orlova.\n\n"
         "\"Our cooperation with Russia is growing every month,\" Vakili told reporters after the talks.\n\n"
         "Orlova said Russia and Iran plan to sign a new trade agreement next month.\n\n"
         "Iran denied that it had sent drones to Russia, according to a statement from the foreign ministry.\n\n"
         "A spokesman said the two sides would meet again in the autumn.")},
    {"url": "https://news.example/gromov-tehran", "title": "Talks in Tehran",
     "date": "2024-04-19", "outlet": "Example Post", "text": (
         "TEHRAN – Russian Deputy Foreign Minister Pavel Gromov arrived in Tehran on Thursday for talks "
         "with Iranian officials.\n\n"
         "\"We are not going to accept new sanctions against Iran,\" Gromov said, "
         "\"and we will keep working with our partners.\"\n\n"
         "Vakili said the United States was trying to isolate Iran.\n\n"
         "Gromov criticised the United States for its pressure on Tehran.")},
]
MODALITIES = {"asserted", "planned", "hypothetical", "denied"}


@pytest.fixture(scope="module")
def facts_db(tmp_path_factory) -> str:
    from dyad.batch import ingest

    folder = tmp_path_factory.mktemp("facts")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in FACTS_CORPUS), encoding="utf-8")
    db = f"sqlite:///{folder / 'facts.db'}"
    summary = ingest([corpus], db=db)
    assert summary.inserted == 2 and not summary.n_failed
    return db


def cli_json(*args: str):
    res = runner.invoke(app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def texts(db: str) -> dict[str, str]:
    with open_store(db) as store:
        return {a["id"]: store.get_article(a["id"])["text"] for a in store.list_articles()}


def words_within(quote: str, span: str) -> bool:
    """Every word of ``quote``, in order, in ``span`` (a split quote merged across its cue)."""
    rest = re.findall(r"\w+", span)
    for word in re.findall(r"\w+", quote):
        while rest and rest[0] != word:
            rest.pop(0)
        if not rest:
            return False
        rest.pop(0)
    return True


def test_events_command_matches_the_store(facts_db):
    rows = cli_json("events", "--db", facts_db)
    with open_store(facts_db) as store:
        stored = store.list_events()
    assert [(r["article_id"], r["seq"]) for r in rows] == [(r["article_id"], r["seq"]) for r in stored]
    assert rows, "the corpus reports a visit and talks"
    article_text = texts(facts_db)
    for r in rows:
        assert article_text[r["article_id"]][r["start"]:r["end"]] == r["trigger"]
        assert r["modality"] in MODALITIES and re.fullmatch(r"\d{3,4}", r["cameo"])
        assert r["sentence"] and r["trigger"] in r["sentence"]
    asserted = cli_json("events", "--db", facts_db, "--modality", "asserted")
    assert asserted == [r for r in rows if r["modality"] == "asserted"]
    for r in cli_json("events", "--db", facts_db, "--dyad", "IRN-RUS"):
        assert r["direction"] in {"IRN->RUS", "RUS->IRN"}
    for r in cli_json("events", "--db", facts_db, "--type", "CONSULT"):
        assert r["plover"] == "CONSULT"
    since = cli_json("events", "--db", facts_db, "--since", "2024-04-18")
    assert all((r["date"] or r["article_date"]) >= "2024-04" for r in since)
    assert len(cli_json("events", "--db", facts_db, "--limit", "1")) == min(1, len(rows))

    clusters = cli_json("events", "--db", facts_db, "--clusters")
    assert sum(c["n_reports"] for c in clusters) == len(rows)
    reports = sorted((p["article_id"], p["seq"]) for c in clusters for p in c["reports"])
    assert reports == sorted((r["article_id"], r["seq"]) for r in rows)

    for extra in ([], ["--clusters"]):
        res = runner.invoke(app, ["events", "--db", facts_db, *extra])
        assert res.exit_code == 0 and ("events" if extra else "reports") in res.stdout
    res = runner.invoke(app, ["events", "--db", facts_db, "--dyad", "IRN"])
    assert res.exit_code == 2 and "IRN-RUS" in res.output


def test_export_events_in_every_format(facts_db, tmp_path):
    import pyarrow.parquet as pq

    n_events = len(cli_json("events", "--db", facts_db, "--clusters"))
    csv_path = tmp_path / "events.csv"
    done = cli_json("export", "events", "--db", facts_db, "--format", "gdelt-csv", "-o", str(csv_path))
    assert done["format"] == "gdelt-csv" and done["rows"] >= n_events > 0
    with csv_path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames[:len(GDELT_COLUMNS)]) == GDELT_COLUMNS
        lines = list(reader)
    assert len(lines) == done["rows"]
    cameos = {r["cameo"] for r in cli_json("events", "--db", facts_db)}
    for line in lines:
        assert line["EventCode"] in cameos and re.fullmatch(r"\d{3,4}", line["EventCode"])
        assert line["EventRootCode"] == line["EventCode"][:2] and line["Modality"] in MODALITIES

    jsonl = tmp_path / "events.jsonl"
    done = cli_json("export", "events", "--db", facts_db, "--format", "plover-jsonl", "-o", str(jsonl),
                    "--modality", "asserted")
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == done["rows"] > 0
    for rec in records:
        assert set(PLOVER_REQUIRED) <= set(rec)

    parquet = tmp_path / "events.parquet"
    done = cli_json("export", "events", "--db", facts_db, "--format", "parquet", "-o", str(parquet),
                    "--dyad", "IRN-RUS", "--since", "2024-01-01")
    assert pq.read_table(parquet).num_rows == done["rows"]

    res = runner.invoke(app, ["export", "events", "--db", facts_db, "--format", "xml", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2


def test_quotes_speakers_and_stances_commands(facts_db):
    quotes = cli_json("quotes", "--db", facts_db)
    with open_store(facts_db) as store:
        assert quotes == json.loads(json.dumps(store.list_quotes()))
    assert {q["kind"] for q in quotes} >= {"direct", "indirect"}
    article_text = texts(facts_db)
    for q in quotes:
        span = article_text[q["article_id"]][q["start"]:q["end"]]
        assert q["text"] == span or (q["kind"] != "indirect" and words_within(q["text"], span))
        if q["speaker_start"] is not None:
            assert article_text[q["article_id"]][q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
        assert q["outlet"] in {"Example Herald", "Example Post"} and q["date"] and q["url"]

    vakili = cli_json("quotes", "--db", facts_db, "--speaker", "VAKILI")
    assert vakili and all("vakili" in (q["speaker_name"] or q["speaker_text"]).lower() for q in vakili)
    about = cli_json("quotes", "--db", facts_db, "--about", "RUS")
    assert about and all("RUS" in {country_of(c) for c in q["mentioned"]} for q in about)
    assert len(cli_json("quotes", "--db", facts_db, "--limit", "2")) == 2

    speakers = cli_json("speakers", "--db", facts_db)
    assert sum(s["n_statements"] for s in speakers) == len(quotes)
    resolved = {s["key"] for s in speakers if s["resolved"]}
    assert resolved == {q["speaker_key"] for q in quotes if q["speaker_key"]}
    for s in speakers:
        assert set(s["outlets"]) <= {"Example Herald", "Example Post"} and s["n_statements"] >= 1

    stances = cli_json("stances", "--db", facts_db)
    for s in stances:
        assert s["polarity"] in {"positive", "negative", "neutral"}
    for s in cli_json("stances", "--db", facts_db, "--target", "RUS"):
        assert country_of(s["target"]) == "RUS"

    for command in ("quotes", "speakers", "stances"):
        res = runner.invoke(app, [command, "--db", facts_db])
        assert res.exit_code == 0, res.output


def test_show_lists_events_and_quotes(facts_db):
    rows = cli_json("articles", "--db", facts_db)
    for row in rows:
        art = cli_json("show", row["id"], "--db", facts_db)
        listed = cli_json("quotes", "--db", facts_db)
        assert art["quotes"] == [
            {k: v for k, v in q.items() if k in art["quotes"][0]}
            for q in listed if q["article_id"] == row["id"]
        ]
        res = runner.invoke(app, ["show", row["id"], "--db", facts_db])
        assert res.exit_code == 0, res.output
        if art["events"]:
            assert "Events" in res.stdout and art["events"][0]["cameo"] in res.stdout
        if art["quotes"]:
            assert "Quotes" in res.stdout and art["quotes"][0]["kind"][:6] in res.stdout


def test_eval_events_and_quotes(tmp_path):
    events = tmp_path / "tiny.events.jsonl"
    events.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "e1", "text": "Russian Foreign Minister Yelena Orlova met Iranian President Dariush Vakili "
         "in Moscow on Monday.", "date": "2024-04-16",
         "events": [{"source": "RUSGOV", "target": "IRNGOV", "code": "042"}]},
        {"id": "e2", "text": "The weather in Tehran was mild.", "date": None, "events": []},
    ]), encoding="utf-8")
    result = cli_json("eval", "events", str(events))
    assert result["n"] == 2
    assert set(result["scores"]) == {"lenient_precision", "lenient_recall", "lenient_f1",
                                     "strict_precision", "strict_recall", "strict_f1"}
    res = runner.invoke(app, ["eval", "events", str(events)])
    assert res.exit_code == 0 and "lenient_f1" in res.stdout

    text = "Vakili said the talks were useful. \"We will return,\" Orlova said."
    quotes = tmp_path / "tiny.quotes.jsonl"
    quotes.write_text(json.dumps({"id": "q1", "split": "dev", "text": text, "quotes": [
        {"quote": "the talks were useful", "speaker": "Vakili", "type": "indirect",
         "quote_spans": [[12, 33]]},
    ]}) + "\n" + json.dumps({"id": "q2", "split": "train", "text": "Nothing was said.", "quotes": []}) + "\n",
        encoding="utf-8")
    result = cli_json("eval", "quotes", str(quotes))
    assert result["n"] == 1 and result["split"] == "dev"
    assert {"precision", "recall", "f1", "speaker_accuracy"} <= set(result["scores"])
    assert cli_json("eval", "quotes", str(quotes), "--split", "all")["n"] == 2
    res = runner.invoke(app, ["eval", "quotes", str(quotes)])
    assert res.exit_code == 0 and "speaker_accuracy" in res.stdout
