"""Batched parsing (``process_many``) gives what article-by-article ``process`` gives.

On real text (the seed corpus): the same results record for record, the same rows in every
table of the store, with one process or a pool; and a bad document in a batch yields its
own one-line error while the others in the batch are stored.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import dyad.batch
from dyad import nlp, pipeline
from dyad.batch import ingest
from dyad.clean.repeated import RepeatedLines
from dyad.ingest import iter_documents
from dyad.pipeline import ProcessingError, process, process_many
from dyad.records import RawDocument
from tests.shared import shared

#: a document that cleans to almost nothing: ``process`` rejects it
BAD = "Menu\n\nHome\n"


def _seed_docs() -> list[RawDocument]:
    return [d for d in iter_documents([shared("corpus/seeds")]) if isinstance(d, RawDocument)]


def _one_by_one(raws, *, known_boilerplate=None, **_):
    """The reference: ``process`` called on each document in turn."""
    for raw in raws:
        known = known_boilerplate(raw) if known_boilerplate else frozenset()
        try:
            yield process(raw, known_boilerplate=known)
        except Exception as exc:  # noqa: BLE001
            yield exc


def _dump(db_file: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that record when a row was written."""
    out = {}
    with sqlite3.connect(db_file) as con:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            cols = [d[0] for d in con.execute(f'SELECT * FROM "{table}" LIMIT 0').description]
            keep = ", ".join(f'"{c}"' for c in cols if not c.endswith("_at"))
            out[table] = sorted(con.execute(f'SELECT {keep} FROM "{table}"').fetchall(), key=repr)
    return out


@pytest.fixture(scope="module")
def one_by_one_store(tmp_path_factory) -> dict[str, list[tuple]]:
    db_file = tmp_path_factory.mktemp("reference") / "dyad.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dyad.batch, "process_many", _one_by_one)
        summary = ingest([shared("corpus/seeds")], db=f"sqlite:///{db_file}")
    assert summary.inserted == 5 and summary.n_failed == 0
    return _dump(db_file)


@pytest.mark.parametrize("max_docs", [1, 2, 16])
def test_process_many_equals_process_on_the_seeds(max_docs):
    raws = _seed_docs()
    raws.insert(2, RawDocument(source="bad.txt", kind="text", text=BAD))
    observed: list[str] = []
    repeated = RepeatedLines()

    def known(raw):
        observed.append(raw.source)
        return repeated.observe(raw)

    got = list(process_many(raws, known_boilerplate=known, max_docs=max_docs))
    assert observed == [r.source for r in raws]  # once each, in input order
    assert len(got) == len(raws)
    assert isinstance(got[2], ProcessingError)
    reference = RepeatedLines()
    for raw, result in zip(raws, got):
        if raw.source != "bad.txt":
            assert result == process(raw, known_boilerplate=reference.observe(raw)), raw.source
        else:
            reference.observe(raw)


def test_a_batch_bounded_by_characters_gives_the_same_results():
    raws = _seed_docs()
    # every batch closes after one document: each is longer than the bound
    assert list(process_many(raws, max_chars=1)) == [process(r) for r in raws]


@pytest.mark.parametrize("workers", [1, 2])
def test_batched_ingest_stores_the_same_rows_as_one_by_one(tmp_path, one_by_one_store, workers):
    db_file = tmp_path / "dyad.db"
    summary = ingest([shared("corpus/seeds")], db=f"sqlite:///{db_file}", workers=workers)
    assert summary.inserted == 5 and summary.n_failed == 0
    got = _dump(db_file)
    assert got.keys() == one_by_one_store.keys()
    for table, rows in one_by_one_store.items():
        assert got[table] == rows, table
    assert sum(len(rows) for rows in got.values()) > 100


def _corpus_with_bad_document(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(shared("corpus/seeds"), corpus)
    (corpus / "002b_bad.txt").write_text(BAD, encoding="utf-8")  # sorts inside the batch
    return corpus


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_document_in_a_batch_fails_alone(tmp_path, workers):
    lines: list[str] = []
    summary = ingest([_corpus_with_bad_document(tmp_path)], db=f"sqlite:///{tmp_path / 'dyad.db'}",
                     workers=workers, on_problem=lines.append)
    assert summary.inserted == 5 and summary.n_failed == 1
    assert len(lines) == 1 and "\n" not in lines[0]
    assert "002b_bad.txt: failed: ProcessingError: no article text left after cleaning" in lines[0]


def test_a_document_failing_in_extraction_fails_alone(tmp_path, monkeypatch):
    real = pipeline.quote_rules.extract_quotes

    def fragile(article, *args):
        if "001_" in article.source:
            raise RuntimeError("quote rules broke\nsecond line")
        return real(article, *args)

    monkeypatch.setattr(pipeline.quote_rules, "extract_quotes", fragile)
    lines: list[str] = []
    summary = ingest([shared("corpus/seeds")], db=f"sqlite:///{tmp_path / 'dyad.db'}", on_problem=lines.append)
    assert summary.inserted == 4 and summary.n_failed == 1
    assert len(lines) == 1 and lines[0].endswith("failed: RuntimeError: quote rules broke")


def test_a_text_spacy_cannot_parse_fails_alone(monkeypatch):
    """When a batch's parse raises, each text is parsed alone to find the one at fault."""
    raws = _seed_docs()
    expected = [process(raw) for raw in raws]
    bad_text = expected[1].article.text
    real_many = nlp.analyze_many

    def broken_batch(texts, **_):
        raise MemoryError("batch too large")

    def analyze(text):
        if text == bad_text:
            raise ValueError("cannot parse")
        return next(real_many([text]))

    monkeypatch.setattr(nlp, "analyze", analyze)
    monkeypatch.setattr(nlp, "analyze_many", broken_batch)
    got = list(process_many(raws))
    assert [type(r).__name__ for r in got] == ["ArticleResult", "ValueError"] + ["ArticleResult"] * 3
    assert got[:1] + got[2:] == expected[:1] + expected[2:]
