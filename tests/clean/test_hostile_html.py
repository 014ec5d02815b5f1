"""Hostile pages and text: the cleaner finishes in seconds, and what no reader sees (runs
of thousands of characters without a space, invisible characters inside words, impossible
dates) does not reach the cleaned text that every offset points into."""
from __future__ import annotations

import time

import pytest

from dyad.clean import clean, readable
from dyad.clean.html import (
    MAX_ATTRIBUTES,
    MAX_FALLBACK_BLOCKS,
    _drop_attribute_floods,
    extract_html,
)
from dyad.records import RawDocument
from tests.fixtures.make_bad_inputs import ARTICLE, html_page

FIRST = "Iranian Deputy Foreign Minister Navid Rahbari met Russian trade envoy Gleb Orlov"


def _timed(fn, *args, limit: float, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    elapsed = time.perf_counter() - started
    assert elapsed < limit, f"took {elapsed:.1f} s"
    return result


def test_a_tag_with_a_million_attributes_is_parsed_in_seconds():
    attrs = " ".join(f"a{i}=1" for i in range(1_000_000))
    page = f"<html><body><div {attrs}>{html_page('Talks', ARTICLE)}</div></body></html>"
    found = _timed(extract_html, page, limit=10)  # libxml2 alone: hours
    assert FIRST in found.body


def test_ordinary_tags_keep_their_attributes():
    attrs = " ".join(f'data-x{i}="v"' for i in range(MAX_ATTRIBUTES - 1))  # and the class
    tag = f'<div class="article-body" {attrs}>'
    assert _drop_attribute_floods(tag + "text</div>") == tag + "text</div>"
    flood = tag.replace(">", ' data-last="v">')
    assert _drop_attribute_floods(flood + "text</div>") == "<div>text</div>"
    # a long run of text between tags is not a tag
    prose = "<p>" + "x = y, " * 5_000 + "</p>"
    assert _drop_attribute_floods(prose) == prose


def test_a_page_of_many_paragraphs_skips_the_quadratic_fallbacks():
    # the first body container holds almost nothing, so trafilatura falls back on its other
    # algorithms; jusText compares every paragraph with its neighbours (minutes at this size)
    n = 3 * MAX_FALLBACK_BLOCKS
    page = ("<html><head><title>T</title></head><body><div class='article-body'><p>Short text.</p></div>"
            "<div>" + "<p>Some words in a paragraph, here and there. <time>today</time></p>" * n
            + "</div></body></html>")
    found = _timed(extract_html, page, limit=15)
    assert found.body.count("Some words in a paragraph") >= n // 2


def test_a_page_nested_100k_deep_is_cut_by_the_parser():
    page = html_page("Talks", ARTICLE).replace("</article>", "</article>" + "<div>" * 100_000 + "deep"
                                               + "</div>" * 100_000)
    found = _timed(extract_html, page, limit=5)
    assert FIRST in found.body


@pytest.mark.parametrize("fragment", [
    "<p>" + ARTICLE.replace("\n\n", " ") + "</p>",
    "<div><p>" + ARTICLE.replace("\n\n", " ") + "</p></div>",
    ARTICLE,
], ids=["one paragraph", "one block", "no tags"])
def test_a_fragment_is_read_as_a_page(fragment):
    assert FIRST in extract_html(fragment).body


def test_two_million_entities_are_cleaned_in_seconds():
    page = html_page("Talks", ARTICLE + "\n\n" + "&amp;" * 2_000_000)
    article = _timed(clean, RawDocument(source="x.html", kind="html", html=page), limit=15)
    assert FIRST in article.text and "&&&" not in article.text


def test_runs_without_spaces_are_dropped_before_the_text_is_fixed():
    text = ARTICLE.replace("steady progress", "steady " + "=" * 300 + " progress") + "\n\n" + "&" * 100_000
    article = clean(RawDocument(source="x.txt", kind="text", text=text))
    assert article.text == clean(RawDocument(source="y.txt", kind="text", text=ARTICLE)).text


def test_long_words_of_unspaced_scripts_are_kept():
    cjk = "伊朗副外长在阿斯特拉罕会见了俄罗斯贸易特使" * 20
    assert readable(f"Headline\n\n{cjk}\n\n" + "#" * 500) == f"Headline\n\n{cjk}"


def test_invisible_characters_inside_words_are_removed():
    text = (ARTICLE.replace("Rahbari", "Rah\u200bba\u00adri").replace("Orlov", "Or\ufefflov")
            .replace("corridor", "corri\u200ddor").replace("Astrakhan", "Astra\u2060khan"))
    article = clean(RawDocument(source="x.txt", kind="text", text="\ufeff" + text))
    assert article.text == clean(RawDocument(source="y.txt", kind="text", text=ARTICLE)).text
    page = html_page("Talks with Rah\u200bbari", text)
    article = clean(RawDocument(source="x.html", kind="html", html=page))
    assert FIRST in article.text and article.title == "Talks with Rahbari"


def test_joiners_that_spell_words_are_kept():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # the non-joiner is part of the word
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert readable(f"{persian} {family} co\u200cop") == f"{persian} {family} coop"


@pytest.mark.parametrize("stated,kept", [
    ("0001-01-01", None), ("9999-12-31", None), ("2025-13-40", None), ("0000-00-00", None),
    ("2025-03-24", "2025-03-24"), ("2025-03-24T10:00:00+03:30", "2025-03-24"), ("1871-07-04", "1871-07-04"),
])
def test_an_impossible_date_is_left_unknown(stated, kept):
    article = clean(RawDocument(source="x.txt", kind="text", text=ARTICLE, date=stated))
    assert article.date == kept


def test_an_article_dated_year_one_goes_through_the_pipeline():
    from dyad.pipeline import process

    text = ARTICLE + "\n\nLast year the ministers met on Tuesday, and they will meet again next month."
    for stated in ("0001-01-01", "9999-12-31"):
        result = process(RawDocument(source="x.jsonl#1", kind="jsonl", text=text, date=stated))
        assert result.article.date is None and result.events
