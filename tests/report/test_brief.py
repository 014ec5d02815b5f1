"""The relationship brief: every sentence carries a citation, every citation resolves to a
real stored sentence, and nothing from the store reaches the document unescaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from dyad.report import build_brief, write_brief
from dyad.report.model import Brief, Claim, Reference, Section
from dyad.report.render import render_html, render_markdown
from dyad.store import open_store

CITE = re.compile(r"\[(\d+)\]")
QUOTED = re.compile(r"“[^”]*”")


def sentences(block: str) -> list[str]:
    """Sentences of a block of brief text; quoted words (“…”) count as part of theirs."""
    flat = QUOTED.sub("“…”", " ".join(block.split()))
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“(])", flat) if s.strip()]


def assert_all_cited(blocks: list[str]) -> set[int]:
    used: set[int] = set()
    assert blocks
    for block in blocks:
        for sentence in sentences(block):
            found = CITE.findall(sentence)
            assert found, f"sentence without a citation: {sentence!r}"
            used.update(int(n) for n in found)
    return used


class BriefHTML(HTMLParser):
    """Text blocks (p, li, figcaption) of the brief outside the references, and the references."""

    BLOCKS = {"p", "li", "figcaption", "blockquote", "td", "h3"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.refs: dict[int, dict[str, str]] = {}
        self.stack: list[str] = []
        self.in_refs = self.in_header = self.in_svg = False
        self.current: list[str] | None = None
        self.ref: dict[str, str] | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "section" and a.get("class") == "references":
            self.in_refs = True
        if tag == "header":
            self.in_header = True
        if tag == "svg":
            self.in_svg = True
        if self.in_refs and tag == "li":
            self.ref = {"article": a["data-article"], "sentence": a["data-sentence"], "text": ""}
            self.refs[int(a["id"].removeprefix("ref-"))] = self.ref
        elif tag in self.BLOCKS and not (self.in_refs or self.in_header or self.in_svg):
            self.current = []

    def handle_endtag(self, tag):
        if tag == "section" and self.in_refs:
            self.in_refs = False
        if tag == "header":
            self.in_header = False
        if tag == "svg":
            self.in_svg = False
        if tag in self.BLOCKS and self.current is not None:
            self.blocks.append("".join(self.current))
            self.current = None
        if tag == "li":
            self.ref = None

    def handle_data(self, data):
        if self.current is not None and not self.in_svg:
            self.current.append(data)
        if self.ref is not None:
            self.ref["text"] += data


def resolve(store, refs: dict[int, dict[str, str]], used: set[int]) -> None:
    assert used == set(refs), "every reference is cited and every citation has a reference"
    for n, ref in refs.items():
        art = store.get_article(ref["article"])
        assert art is not None, f"[{n}] names no stored article"
        sentence = next(s for s in art["sentences"] if s["index"] == int(ref["sentence"]))
        assert " ".join(sentence["text"].split()) in " ".join(ref["text"].split()), n


@pytest.fixture(scope="module")
def store(brief_store_url):
    with open_store(brief_store_url) as s:
        yield s


def test_html_brief_every_sentence_cited_and_resolved(store, tmp_path):
    path = write_brief(store, "IRN", "RUS", format="html", path=tmp_path / "brief.html")
    html = path.read_text(encoding="utf-8")
    parser = BriefHTML()
    parser.feed(html)
    used = assert_all_cited(parser.blocks)
    resolve(store, parser.refs, used)
    assert "script" not in parser.tags and "link" not in parser.tags
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<svg" in html and "<circle" in html  # the chart, inline
    for title in ("Scope and sources", "Main events, in order", "Voices of Iran", "How outlets differ"):
        assert f"<h2>{title}</h2>" in html
    assert re.search(r"published (between|on) \d{4}-\d{2}-\d{2}", html)
    assert re.search(r"(asserted|planned|hypothetical|denied), intensity", html)


def test_markdown_brief_every_sentence_cited_and_resolved(store, tmp_path):
    path = write_brief(store, "IRN", "RUS", format="md", path=tmp_path / "iran-russia.md")
    text = path.read_text(encoding="utf-8")
    body, _, refs_text = text.partition("\n## References\n")
    blocks = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("![") or line.startswith("_Generated"):
            continue
        blocks.append(line.removeprefix("- "))
    used = assert_all_cited(blocks)
    refs = {}
    for line in refs_text.strip().splitlines():
        m = re.match(r"- \\\[(\d+)\\\] .*article `([^`]+)`, sentence (\d+): “(.*)”$", line)
        assert m, line
        refs[int(m[1])] = {"article": m[2], "sentence": m[3],
                           "text": re.sub(r"\\(.)", r"\1", m[4])}
    resolve(store, refs, used)
    chart = tmp_path / "iran-russia-chart.png"
    assert chart.exists() and "](iran-russia-chart.png)" in text
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_brief_reports_counts_of_events_not_reports(store):
    brief = build_brief(store, "RUS", "IRN")
    events = next(s for s in brief.sections if s.title == "Main events, in order")
    n_reports = sum(int(re.search(r"in (\d+) reports?", c.text)[1]) for c in events.claims)
    assert len(events.claims) <= n_reports
    assert all(c.cites for s in brief.sections for c in s.claims)


def test_since_and_unknown_dyad(store, tmp_path):
    with pytest.raises(ValueError, match="no events"):
        write_brief(store, "IRN", "ZZZ", path=tmp_path / "x.html")
    with pytest.raises(ValueError, match="format"):
        write_brief(store, "IRN", "RUS", format="pdf", path=tmp_path / "x.pdf")
    later = build_brief(store, "IRN", "RUS", since="2021-01-01")
    for ref in later.references:
        art = store.get_article(ref.article_id)
        assert art is not None


def test_store_text_is_escaped_in_both_formats():
    evil = "<script>alert(1)</script> *bold* [1](javascript:x)"
    cite = ("a_x", 0)
    brief = Brief(
        a="AAA", b="BBB", title=f"Brief {evil}", since=None,
        sections=[Section("Scope", [Claim(f"Quote: “{evil}”", (cite,))])],
        references=[Reference(1, "a_x", 0, evil, evil, "javascript:alert(1)", evil, None)],
        numbers={cite: 1},
    )
    html = render_html(brief)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    md = render_markdown(brief)
    assert "<script>" not in md and "\\<script\\>" in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # no live Markdown link
