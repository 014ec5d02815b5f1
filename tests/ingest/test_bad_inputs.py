"""The bad-input corpus: each kind gives its exact outcome (at most one one-line problem,
and the documents and articles it must give), and a folder of them all does not stop."""
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.ingest import files, iter_documents
from dyad.records import IngestProblem, RawDocument
from dyad.text import printable
from tests.fixtures.make_bad_inputs import (
    ARTICLE,
    BAD_INPUTS,
    TEST_MAX_BYTES,
    TEST_MAX_CHARS,
    BadInput,
    belongs,
)

_IDS = [c.id for c in BAD_INPUTS]


def _problems(items) -> list[IngestProblem]:
    return [i for i in items if isinstance(i, IngestProblem)]


def _check_line(problem: IngestProblem, name: str) -> None:
    assert printable(name) in problem.source
    line = problem.line()
    assert line.isprintable() and "Traceback" not in problem.reason, line
    assert 0 < len(problem.reason) <= 200


def _read(path: Path) -> list:
    return list(iter_documents([path], max_bytes=TEST_MAX_BYTES, max_chars=TEST_MAX_CHARS))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def test_the_corpus_is_large_and_quick_to_write(corpus: Path):
    assert len(BAD_INPUTS) >= 50 and len(set(_IDS)) == len(_IDS)
    started = time.perf_counter()
    for case in BAD_INPUTS:
        case.build(corpus)
    assert time.perf_counter() - started < 5
    on_disk = sum(os.lstat(p).st_blocks * 512 for p in corpus.rglob("*"))
    assert on_disk < 80_000_000


@pytest.mark.parametrize("case", BAD_INPUTS, ids=_IDS)
def test_each_bad_input_has_its_outcome(corpus: Path, case: BadInput):
    path = case.build(corpus)
    started = time.perf_counter()
    items = _read(path)
    assert time.perf_counter() - started < 5, "reading took too long"
    problems = _problems(items)
    docs = [i for i in items if isinstance(i, RawDocument)]
    if case.status is None:
        assert not problems, [p.line() for p in problems]
    else:
        assert len(problems) == 1, [getattr(i, "reason", i) for i in items]
        problem = problems[0]
        assert (problem.status, problem.reason[: len(case.reason)]) == (case.status, case.reason), problem.line()
        _check_line(problem, path.name)
    assert len(docs) == case.documents, [d.source for d in docs]
    if case.check is not None:
        assert case.check(docs)


@pytest.fixture(scope="module")
def corpus_documents(tmp_path_factory) -> dict[str, list[RawDocument]]:
    folder = tmp_path_factory.mktemp("articles") / "corpus"
    folder.mkdir()
    out = {}
    for case in BAD_INPUTS:
        if case.documents:
            out[case.id] = [i for i in _read(case.build(folder)) if isinstance(i, RawDocument)]
    return out


@pytest.mark.parametrize("case", [c for c in BAD_INPUTS if c.documents], ids=[c.id for c in BAD_INPUTS if c.documents])
def test_the_documents_of_each_kind_become_articles(corpus_documents, case: BadInput):
    from dyad.pipeline import ProcessingError, process

    articles, refused = [], []
    for doc in corpus_documents[case.id]:
        started = time.perf_counter()
        try:
            articles.append(process(doc).article)
        except ProcessingError as exc:
            refused.append(str(exc))
        assert time.perf_counter() - started < 10, doc.source
    assert len(articles) == case.expected_articles, refused
    assert all(r.startswith(case.refused or "") for r in refused), refused
    if case.article_check is not None:
        assert all(case.article_check(a.text) for a in articles)


def test_a_folder_of_bad_inputs_does_not_stop_the_batch(corpus: Path):
    built = {}
    for case in BAD_INPUTS:
        if case.id in ("nonexistent path", "unreadable: folder named like a file"):
            continue  # not in the folder / an empty sub-folder is passed over quietly
        built[case.id] = (case, case.build(corpus))
    (corpus / "zz_good_article.txt").write_text(ARTICLE, encoding="utf-8")
    missing = corpus.parent / "missing_folder"
    items = list(iter_documents([corpus, missing], max_bytes=TEST_MAX_BYTES, max_chars=TEST_MAX_CHARS))
    assert Path(items[-2].source).name == "zz_good_article.txt" and items[-2].text == ARTICLE
    for case, path in built.values():
        mine = [i for i in items if belongs(i.source, path)]
        problems = _problems(mine)
        if case.status is None:
            assert not problems, (case.id, [p.line() for p in problems])
        else:
            assert [p.status for p in problems if p.reason.startswith(case.reason)] == [case.status], (
                case.id, [p.line() for p in problems])
            _check_line(problems[0], path.name)
        assert len(mine) - len(problems) == case.documents, case.id
    assert items[-1].source.endswith("missing_folder") and items[-1].reason.startswith("not found")
    assert all(i.line().isprintable() for i in _problems(items))
    # the walk is deterministic
    again = list(iter_documents([corpus, missing], max_bytes=TEST_MAX_BYTES, max_chars=TEST_MAX_CHARS))
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


def test_a_jsonl_line_of_control_bytes_is_its_own_problem(tmp_path: Path):
    good = '{"text": "A good article about the talks in Astrakhan."}'
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\n".join([good.encode(), bytes(range(1, 9)) * 30, good.encode(), b"\x00" * 50, b""]))
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestProblem", "RawDocument", "IngestProblem"]
    assert items[1].line() == f"{path}#2: failed: not text: line 2 holds binary data (NUL or control bytes)"
    assert items[3].source == f"{path}#4"
    # a file without one line of text is still one problem, not one per line
    (tmp_path / "noise.jsonl").write_bytes((bytes(range(1, 9)) * 20 + b"\n") * 50)
    [problem] = list(iter_documents([tmp_path / "noise.jsonl"]))
    assert problem.source == str(tmp_path / "noise.jsonl") and problem.reason.startswith("not text")


def test_max_bytes_applies_to_decompressed_size(tmp_path: Path):
    import gzip

    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a " * 50_000))
    [problem] = list(iter_documents([path], max_bytes=10_000))
    assert problem.reason == (
        "too large: decompressed content is over 10,000 bytes (limit 10,000 bytes; --max-bytes)")


_PEAK = """
import resource, sys
from dyad.ingest import iter_documents
list(iter_documents([sys.argv[1] + ".small"], max_bytes=1_000_000))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
items = list(iter_documents([sys.argv[1]], max_bytes=1_000_000))
grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(grew, *[getattr(i, "reason", "document") for i in items], sep="\\n")
"""


@pytest.mark.parametrize("name,encoding", [("bomb.txt.gz", None), ("bomb.warc", "gzip"),
                                           ("deflate.warc", "deflate"), ("chunked.warc.gz", "chunked")])
def test_a_decompression_bomb_stops_at_the_cap_without_decoding_it(tmp_path: Path, name, encoding):
    """1 GB (deflate: 50 MB) decoded from about 1 MB; the reader's peak memory must not grow
    by more than a few megabytes, and it must stop quickly."""
    import subprocess
    import sys

    from tests.fixtures.make_bad_inputs import (
        _GOOD,
        chunked,
        deflate_bomb,
        gzip_bomb,
        warc_bytes,
    )

    if encoding is None:
        data = gzip_bomb()
    else:
        body = {"gzip": gzip_bomb, "deflate": deflate_bomb, "chunked": lambda: chunked(gzip_bomb())}[encoding]()
        headers = [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")] if encoding == "chunked" \
            else [("Content-Encoding", encoding)]
        data = warc_bytes([("https://x.invalid/bomb", body, "text/html", headers), _GOOD],
                          compress=name.endswith(".gz"))
    path = tmp_path / name
    path.write_bytes(data)
    (tmp_path / (name + ".small")).write_bytes(b"")  # read first, to warm imports and caches
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, timeout=60, check=False,
                         cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr
    grew_kb, *reasons = out.stdout.splitlines()
    assert reasons[0].startswith("too large: decompressed"), reasons
    assert "(limit 1,000,000 bytes; --max-bytes)" in reasons[0]
    assert reasons[1:] == (["document"] if encoding else [])
    assert int(grew_kb) < 40_000, f"peak memory grew by {int(grew_kb) // 1024} MB"
    assert time.perf_counter() - started < 20


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


def test_warc_content_encodings_are_undone(tmp_path: Path):
    import gzip
    import zlib

    from tests.fixtures.make_bad_inputs import (
        SECOND_ARTICLE,
        chunked,
        html_page,
        warc_bytes,
    )

    page = html_page("Energy talks", SECOND_ARTICLE).encode()
    raw = zlib.compressobj(wbits=-15)
    bodies = {
        "gzip": (gzip.compress(page), [("Content-Encoding", "gzip")]),
        "x-gzip, two members": (gzip.compress(page[:300]) + gzip.compress(page[300:]),
                                [("Content-Encoding", "x-gzip")]),
        "deflate": (zlib.compress(page), [("Content-Encoding", "deflate")]),
        "raw deflate": (raw.compress(page) + raw.flush(), [("Content-Encoding", "deflate")]),
        "chunked": (chunked(page, 50), [("Transfer-Encoding", "chunked")]),
        "chunked gzip": (chunked(gzip.compress(page), 40),
                         [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]),
        "identity": (page, [("Content-Encoding", "identity")]),
    }
    path = tmp_path / "encodings.warc"
    path.write_bytes(warc_bytes([(f"https://x.invalid/{n}", b, "text/html", h) for n, (b, h) in enumerate(bodies.values())]))
    docs = list(iter_documents([path]))
    assert [d.url.rsplit("/", 1)[1] for d in docs] == [str(n) for n in range(len(bodies))]
    assert all(d.html == page.decode() for d in docs)


def test_a_symlink_out_of_the_folder_is_skipped_and_one_inside_is_read(tmp_path: Path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "private.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(outside / "private.txt", folder / "leak.txt")
    os.symlink(outside, folder / "leak_dir")
    os.symlink(Path("sub") / "talks.txt", folder / "talks_link.txt")
    os.symlink(folder / "sub", folder / "sub_link")  # the same folder again: read once
    items = list(iter_documents([folder]))
    assert [(Path(i.source).relative_to(folder).as_posix(), type(i).__name__) for i in items] == [
        ("leak.txt", "IngestProblem"), ("leak_dir", "IngestProblem"),
        ("sub/talks.txt", "RawDocument"), ("talks_link.txt", "RawDocument")]
    assert items[0].line() == (f"{folder}/leak.txt: skipped: symlink outside the folder: "
                               "its target is not inside the folder being read")
    # a link named explicitly is read, and a folder given through a link is walked
    [doc] = list(iter_documents([folder / "leak.txt"]))
    assert doc.text == ARTICLE
    os.symlink(folder, tmp_path / "articles_link")
    assert len(list(iter_documents([tmp_path / "articles_link"]))) == 4


def test_file_names_are_escaped_in_problems(tmp_path: Path):
    name = "evil\n\x1b[2Jname\u202e.txt"
    (tmp_path / name).write_bytes(b"")
    (tmp_path / "link.txt").symlink_to("gone\x1b[31m.txt")
    (tmp_path / "chart.p\x1bng").write_bytes(b"x")
    first, second, third = iter_documents([tmp_path / name, tmp_path / "link.txt", tmp_path / "chart.p\x1bng"])
    assert first.line() == f"{tmp_path}/evil\\n\\x1b[2Jname\\u202e.txt: failed: empty file: 0 bytes"
    assert third.line() == f"{tmp_path}/chart.p\\x1bng: skipped: unsupported file type .p\\x1bng"
    assert second.reason == "broken symlink: its target gone\\x1b[31m.txt does not exist"
    assert files.one_line("one\ntwo\x1b[0m\u2028three") == "one two\\x1b[0m three"


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
