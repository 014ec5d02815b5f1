"""Broken inputs: each gives exactly one one-line IngestProblem, and the batch goes on."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.ingest import files, iter_documents
from dyad.records import IngestProblem, RawDocument
from tests.fixtures.make_bad_inputs import ARTICLE, BAD_INPUTS, TEST_MAX_BYTES, BadInput


def _problems(items) -> list[IngestProblem]:
    return [i for i in items if isinstance(i, IngestProblem)]


def _check_line(problem: IngestProblem, name: str) -> None:
    assert name in problem.source
    assert "\n" not in problem.line() and "Traceback" not in problem.reason
    assert 0 < len(problem.reason) <= 200


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c.id for c in BAD_INPUTS])
def test_each_bad_input_gives_one_clear_problem(tmp_path: Path, case: BadInput):
    path = case.build(tmp_path)
    items = list(iter_documents([path], max_bytes=TEST_MAX_BYTES))
    problems = _problems(items)
    assert len(problems) == 1, [getattr(i, "reason", i) for i in items]
    problem = problems[0]
    assert (problem.status, problem.reason[: len(case.reason)]) == (case.status, case.reason), problem.line()
    _check_line(problem, path.name)
    assert len(items) - 1 == case.documents
    assert items[-1] is problem


def test_a_folder_of_bad_inputs_does_not_stop_the_batch(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = {}
    for case in BAD_INPUTS:
        if case.id in ("nonexistent path", "unreadable: folder named like a file"):
            continue  # not in the folder / an empty sub-folder is passed over quietly
        names[case.build(corpus).name] = case
    (corpus / "zz_good_article.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(iter_documents([corpus, tmp_path / "missing_folder"], max_bytes=TEST_MAX_BYTES))
    docs = [i for i in items if isinstance(i, RawDocument)]
    problems = _problems(items)
    assert [Path(d.source).name for d in docs if d.kind == "text"] == ["zz_good_article.txt"]
    assert docs[-1].text == ARTICLE
    for name, case in names.items():
        mine = [p for p in problems if Path(p.source.split("#")[0]).name == name]
        assert len(mine) == 1 and mine[0].status == case.status, (name, [p.line() for p in mine])
        _check_line(mine[0], name)
    assert problems[-1].source.endswith("missing_folder") and problems[-1].reason.startswith("not found")
    # the walk is deterministic
    again = list(iter_documents([corpus, tmp_path / "missing_folder"], max_bytes=TEST_MAX_BYTES))
    assert again == items


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch):
    # Tests run as root, where chmod 000 does not stop a read: fake the open instead.
    secret = tmp_path / "locked.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "open.txt").write_text(ARTICLE, encoding="utf-8")
    real_open = files.open_file

    def guarded(path):
        if Path(path).name == "locked.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path)

    monkeypatch.setattr(files, "open_file", guarded)
    items = list(iter_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["IngestProblem", "RawDocument"]
    assert items[0].line() == f"{secret}: failed: cannot read: permission denied"


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "archive":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("dyad.ingest.os.scandir", scandir)
    [problem] = list(iter_documents([tmp_path]))
    assert problem.line() == f"{folder}: failed: cannot read folder: permission denied"


def test_jsonl_bad_lines_do_not_stop_the_good_ones(tmp_path: Path):
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"text": "First good article about the talks.", "title": "One"}\n'
        "{not json at all\n"
        "\n"
        "42\n"
        '{"title": "headline without a body"}\n'
        '{"html": "<p>Second good article.</p>", "authors": ["A. Writer"]}\n',
        encoding="utf-8",
    )
    items = list(iter_documents([path]))
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2", "4", "5", "6"]
    assert [type(i).__name__ for i in items] == [
        "RawDocument", "IngestProblem", "IngestProblem", "IngestProblem", "RawDocument"]
    assert items[1].reason.startswith("malformed JSON: line 2:")
    assert items[2].reason == "not an object: line 4 holds a number, not a JSON object"


def test_max_bytes_applies_to_decompressed_size(tmp_path: Path):
    import gzip

    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a " * 50_000))
    [problem] = list(iter_documents([path], max_bytes=10_000))
    assert problem.reason.startswith("too large: decompressed content")
    assert "--max-bytes" in problem.reason


def test_warc_record_over_the_cap_is_reported_and_others_read(tmp_path: Path):
    from tests.fixtures.make_bad_inputs import html_page, warc_bytes

    small = html_page("Small", ARTICLE).encode()
    big = html_page("Big", ARTICLE * 10).encode()
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(warc_bytes([("https://x.invalid/big", big, "text/html"),
                                 ("https://x.invalid/small", small, "text/html")]))
    items = list(iter_documents([path], max_bytes=len(small) + 500))
    assert [type(i).__name__ for i in items] == ["IngestProblem", "RawDocument"]
    assert items[0].source.endswith("#2") and items[0].reason.startswith("too large: record is")
    assert items[1].url == "https://x.invalid/small"


_SUFFIXES = [".txt", ".jsonl", ".html", ".htm.gz", ".txt.gz", ".warc", ".warc.gz", ".rss", ".xml", ".atom"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(_SUFFIXES))
def test_arbitrary_bytes_never_raise(tmp_path_factory, data: bytes, suffix: str):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    items = list(iter_documents([path], max_bytes=2500))
    assert items
    for item in items:
        if isinstance(item, IngestProblem):
            assert item.status in {"failed", "skipped"}
            assert "\n" not in item.reason and item.reason
            assert not item.reason.startswith("unexpected error"), item.line()
        else:
            assert (item.text is None) != (item.html is None)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_arbitrary_text_never_raises(tmp_path_factory, text: str, suffix: str):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    for item in iter_documents([path]):
        if isinstance(item, IngestProblem):
            assert "\n" not in item.reason
            assert not item.reason.startswith("unexpected error"), item.line()
