"""Good inputs of every kind become RawDocuments with the metadata the input states."""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from dyad.ingest import iter_documents, raw_hash
from dyad.records import IngestProblem, RawDocument
from tests.fixtures.make_bad_inputs import (
    ARTICLE,
    SECOND_ARTICLE,
    html_page,
    rss,
    warc_bytes,
)


def _only(items) -> list[RawDocument]:
    items = list(items)
    bad = [i.line() for i in items if isinstance(i, IngestProblem)]
    assert not bad, bad
    return items


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- plain text ------------------------------------------------------------------------

FRENCH = "Le ministre a déclaré à Téhéran que les négociations reprendraient en été.\n" * 4
RUSSIAN = "Министр заявил, что переговоры в Москве продолжатся на следующей неделе.\n" * 4


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("utf8.txt", ARTICLE.encode("utf-8"), ARTICLE),
        ("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE),
        ("utf16.txt", "\ufeff".encode("utf-16-le") + FRENCH.encode("utf-16-le"), FRENCH),
        ("utf16be.txt", "\ufeff".encode("utf-16-be") + RUSSIAN.encode("utf-16-be"), RUSSIAN),
        ("western.txt", FRENCH.encode("cp1252"), FRENCH),
        ("cyrillic.txt", RUSSIAN.encode("cp1251"), RUSSIAN),
        ("crlf.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8"), ARTICLE),
        ("packed.txt.gz", gzip.compress(ARTICLE.encode("utf-8")), ARTICLE),
    ],
)
def test_text_files_in_their_encodings(tmp_path, name, data, expected):
    [doc] = _only(iter_documents([_write(tmp_path / name, data)]))
    assert doc == RawDocument(source=str(tmp_path / name), kind="text", text=expected)


def test_mostly_utf8_with_a_few_broken_bytes_reads_them_as_cp1252(tmp_path):
    data = FRENCH.encode("utf-8") + b"\xff\xfe garbled tail\n"
    [doc] = _only(iter_documents([_write(tmp_path / "partly.txt", data)]))
    assert doc.text == FRENCH + "ÿþ garbled tail\n"


@pytest.mark.parametrize("utf8_first", [True, False], ids=["utf8-then-latin1", "latin1-then-utf8"])
def test_mixed_utf8_and_latin1_is_decoded_run_by_run(tmp_path, utf8_first):
    # a page assembled from two sources: one part UTF-8, the other Windows-1252
    utf8, latin = (FRENCH * 3).encode("utf-8"), "Le député s'est exprimé à Genève. « Déjà vu », dit-il.\n"
    parts = [utf8, latin.encode("cp1252")] if utf8_first else [latin.encode("cp1252") * 3, utf8[:120]]
    [doc] = _only(iter_documents([_write(tmp_path / "mixed.txt", b"".join(parts))]))
    expected = FRENCH * 3 + latin if utf8_first else latin * 3 + utf8[:120].decode("utf-8")
    assert doc.text == expected and "Ã" not in doc.text and "\ufffd" not in doc.text


def test_utf8_bytes_win_over_a_utf16_or_latin1_declaration(tmp_path):
    for charset in ("utf-16", "UTF-16LE", "utf-32", "iso-8859-1", "windows-1252"):
        page = html_page("Talks in Téhéran", FRENCH, charset=charset)
        path = _write(tmp_path / f"{charset}.html", page.encode("utf-8"))
        [doc] = _only(iter_documents([path]))
        assert doc.html == page, charset


def test_max_chars_refuses_long_texts_unless_turned_off(tmp_path):
    path = _write(tmp_path / "long.txt", ARTICLE.encode())
    [problem] = list(iter_documents([path], max_chars=len(ARTICLE) - 1))
    assert problem.reason == (f"too long: {len(ARTICLE):,} characters of text "
                              f"(limit {len(ARTICLE) - 1:,}; --max-chars)")
    for off in (0, None):
        [doc] = _only(iter_documents([path], max_chars=off))
        assert doc.text == ARTICLE


def test_outlet_fills_in_for_text(tmp_path):
    [doc] = _only(iter_documents([_write(tmp_path / "a.txt", ARTICLE.encode())], outlet="Caspian Ledger"))
    assert doc.outlet == "Caspian Ledger"


# --- HTML -------------------------------------------------------------------------------


def test_html_with_declared_charset(tmp_path):
    page = html_page("Talks in Téhéran", FRENCH, charset="windows-1252")
    [doc] = _only(iter_documents([_write(tmp_path / "page.html", page.encode("cp1252"))]))
    assert doc.kind == "html" and doc.html == page and doc.text is None


def test_html_whose_charset_claim_is_wrong_is_still_decoded(tmp_path):
    page = html_page("Talks", FRENCH, charset="utf-8")
    [doc] = _only(iter_documents([_write(tmp_path / "page.htm", page.encode("cp1252"))]))
    assert "déclaré" in doc.html


def test_gzipped_html(tmp_path):
    page = html_page("Talks in Astrakhan", ARTICLE)
    [doc] = _only(iter_documents([_write(tmp_path / "page.HTML.GZ", gzip.compress(page.encode()))]))
    assert doc.html == page and doc.source.endswith("page.HTML.GZ")


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_fields_and_line_sources(tmp_path):
    lines = [
        {"url": "https://wire.example.invalid/1", "title": "Ministers meet", "date": "2025-03-24",
         "outlet": "Volga Wire", "authors": ["Pavel Zaretsky", "Irina Belova"], "text": ARTICLE},
        {"html": html_page("Postponed", SECOND_ARTICLE), "date": "2025-04-02T09:15:00+03:30",
         "authors": "By Soraya Nasseri and Farid Tavassoli", "title": "  Energy   talks  "},
    ]
    body = json.dumps(lines[0]) + "\n\n" + json.dumps(lines[1], ensure_ascii=False) + "\n"
    path = _write(tmp_path / "wire.jsonl", body.encode("utf-8"))
    first, second = _only(iter_documents([path], outlet="Fallback Outlet"))
    assert first == RawDocument(
        source=f"{path}#1", kind="jsonl", text=ARTICLE, url="https://wire.example.invalid/1",
        title="Ministers meet", date="2025-03-24", outlet="Volga Wire",
        authors=("Pavel Zaretsky", "Irina Belova"),
    )
    assert second.source == f"{path}#3" and second.html and second.text is None
    assert second.title == "Energy talks" and second.date == "2025-04-02"
    assert second.outlet == "Fallback Outlet"
    assert second.authors == ("Soraya Nasseri", "Farid Tavassoli")


def test_jsonl_unusual_but_valid_strings(tmp_path):
    # U+2028 inside a JSON string must not split the line; a lone surrogate escape is replaced
    line = json.dumps({"text": "Line one\u2028still line one \ud800 and a NUL \u0000."})
    [doc] = _only(iter_documents([_write(tmp_path / "odd.jsonl", line.encode())]))
    assert doc.text == "Line one\u2028still line one \ufffd and a NUL ."


# --- WARC -------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses(tmp_path, compress):
    pages = [
        ("https://ledger.example.invalid/talks", html_page("Talks", ARTICLE).encode(), "text/html; charset=utf-8"),
        ("https://ledger.example.invalid/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png"),
        ("https://ledger.example.invalid/energy", html_page("Énergie", FRENCH).encode("cp1252"),
         "text/html; charset=windows-1252"),
    ]
    path = _write(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), warc_bytes(pages, compress=compress))
    docs = _only(iter_documents([path], outlet="Caspian Ledger"))
    assert [(d.source, d.kind, d.url) for d in docs] == [
        (f"{path}#2", "warc", "https://ledger.example.invalid/talks"),
        (f"{path}#4", "warc", "https://ledger.example.invalid/energy"),
    ]
    assert "Astrakhan" in docs[0].html and "déclaré" in docs[1].html
    assert all(d.date is None and d.outlet == "Caspian Ledger" for d in docs)


def test_warc_error_pages_and_redirects_are_not_articles(tmp_path):
    page = html_page("Not found", "This page does not exist any more, sorry.").encode()
    path = _write(tmp_path / "errors.warc.gz",
                  warc_bytes([("https://x.invalid/gone", page, "text/html")], status="404 Not Found"))
    [problem] = list(iter_documents([path]))
    assert problem.status == "skipped" and problem.reason.startswith("no articles")


# --- feeds ------------------------------------------------------------------------------


def _item(n: int, html: str, date: str = "Mon, 24 Mar 2025 23:30:00 -0500") -> dict:
    return {"title": f"Story {n} &amp; more", "link": f"https://ledger.example.invalid/{n}", "date": date,
            "author": "Leila Navabi", "html": html}


def test_rss_items_with_full_text_become_articles(tmp_path):
    full = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    teaser = "<p>Ministers met in Astrakhan. Read more.</p>"
    feed = rss([_item(1, full), _item(2, teaser), _item(3, full.replace("Astrakhan", "Kazan"), "2025-03-26")])
    path = _write(tmp_path / "ledger.rss", feed.encode("utf-8"))
    docs = _only(iter_documents([path], outlet="Ignored When The Feed Names Itself"))
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#3"]
    first = docs[0]
    assert (first.kind, first.url, first.title, first.date, first.outlet, first.authors) == (
        "feed", "https://ledger.example.invalid/1", "Story 1 & more", "2025-03-24", "Caspian Ledger",
        ("Leila Navabi",))
    assert "Astrakhan" in first.html and first.text is None
    assert docs[1].date == "2025-03-26"


def test_rss_items_in_plain_text_become_text_documents(tmp_path):
    plain = ARTICLE.replace("Rahbari told", "Rahbari & Orlov told")
    items = [{k: v for k, v in _item(n, "").items() if k != "html"} for n in (1, 2)]
    feed = rss([{**items[0], "text": plain}, {**items[1], "text": "Ministers met. Read more."}])
    path = _write(tmp_path / "plain.rss", feed.encode())
    [doc] = _only(iter_documents([path]))
    assert doc.source == f"{path}#1" and doc.html is None
    assert doc.text == plain  # the entity of "&" is read as the character


def test_atom_feed_in_an_xml_file(tmp_path):
    content = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in SECOND_ARTICLE.split("\n\n"))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<entry><title>Electricity talks postponed</title>"
        '<link href="https://alborz.example.invalid/energy"/>'
        "<published>2025-04-02T09:15:00+03:30</published>"
        "<author><name>Omid Sharifi</name></author><author><name>Leila Navabi</name></author>"
        f'<content type="html">{content}&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>'
    )
    path = _write(tmp_path / "alborz.xml", atom.encode("utf-8"))
    [doc] = _only(iter_documents([path], outlet="Alborz Newswire"))
    assert doc.source == f"{path}#1" and doc.kind == "feed"
    assert doc.url == "https://alborz.example.invalid/energy" and doc.date == "2025-04-02"
    assert doc.authors == ("Omid Sharifi", "Leila Navabi") and doc.outlet == "Alborz Newswire"
    assert "Tabriz" in doc.html.replace("TABRIZ", "Tabriz") and "<script" not in doc.html


# --- the walk ---------------------------------------------------------------------------


def test_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    root = tmp_path / "corpus"
    (root / "b_folder" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "notes.txt").write_text(ARTICLE)
    (root / ".draft.txt").write_text(ARTICLE)
    (root / "c.txt").write_text(ARTICLE)
    (root / "a.txt").write_text(ARTICLE)
    (root / "b_folder" / "deeper" / "z.txt").write_text(ARTICLE)
    (root / "b_folder" / "m.html").write_text(html_page("M", ARTICLE))
    os.symlink(root, root / "b_folder" / "loop")  # must not be followed forever
    docs = _only(iter_documents([root]))
    rel = [str(Path(d.source).relative_to(root)) for d in docs]
    assert rel == ["a.txt", "b_folder/deeper/z.txt", "b_folder/m.html", "c.txt"]
    # a hidden file named explicitly is read
    [doc] = _only(iter_documents([root / ".draft.txt"]))
    assert doc.text == ARTICLE


def test_a_single_path_is_accepted_as_well_as_a_list(tmp_path):
    path = _write(tmp_path / "a.txt", ARTICLE.encode())
    assert _only(iter_documents(str(path))) == _only(iter_documents([path]))


def test_symlinked_file_is_read(tmp_path):
    (tmp_path / "real.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "real.txt", tmp_path / "alias.txt")
    docs = _only(iter_documents([tmp_path / "alias.txt"]))
    assert docs[0].text == ARTICLE


# --- raw_hash ---------------------------------------------------------------------------


def test_raw_hash_is_stable_and_covers_body_and_metadata():
    doc = RawDocument(source="a.txt", kind="text", text=ARTICLE, title="T", authors=("A",))
    h = raw_hash(doc)
    assert len(h) == 40 and h == raw_hash(replace(doc))
    assert raw_hash(replace(doc, source="elsewhere.txt")) == h
    for change in ({"text": ARTICLE + "!"}, {"title": "U"}, {"authors": ("B",)}, {"outlet": "O"},
                   {"date": "2025-01-01"}, {"url": "https://x.invalid"}, {"kind": "jsonl"}):
        assert raw_hash(replace(doc, **change)) != h, change
    assert raw_hash(RawDocument(source="x", kind="html", html=ARTICLE)) != raw_hash(
        RawDocument(source="x", kind="html", text=ARTICLE))
