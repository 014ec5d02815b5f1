"""The quote scorer, the seed helpers, and the PolNeAR dev floors."""
from __future__ import annotations

import pytest

from dyad.evaluate.quotes import (
    match,
    names_match,
    score_quotes,
    score_seed_quotes,
    score_seed_stances,
)
from dyad.records import Article, Quote, Stance
from tests.shared import shared

POLNEAR = shared("eval/polnear_dev.quotes.jsonl")


@pytest.mark.parametrize(
    "gold,pred,ok",
    [
        ("Kazem Jalali", "Jalali", True),
        ("Hossein Amir-Abdollahian", "hossein amir abdollahian", True),
        ("The New York Post", "the Post", True),
        ("Mehdi Khorsand", "the expert", False),
        ("he", "", False),
    ],
)
def test_names_match(gold, pred, ok):
    assert names_match(gold, pred) is ok


def test_match_is_one_to_one_and_needs_half_the_shorter():
    gold = [[(0, 10)], [(20, 40)]]
    pred = [[(0, 4)], [(2, 10)], [(25, 60)]]
    assert sorted(match(gold, pred)) == [(0, 1), (1, 2)]


def test_seed_helpers():
    text = "Ivo Rask said “the border stays open” on Monday."
    art = Article(id="a", source="a", text=text)
    q = Quote(article_id="a", sentence_index=0, start=14, end=36, text="the border stays open", kind="direct",
              speaker_text="Ivo Rask", speaker_key="person:ivo-rask", resolved=True)
    gold = {"quotes": [{"speaker": "Ivo Rask", "contains": "border stays"}, {"speaker": "X", "contains": "nope"}],
            "stances": [{"holder": "Ivo Rask", "target": "RUS", "polarity": "negative"}]}
    r = score_seed_quotes(gold, art, (q,))
    assert (r["found"], r["speaker_right"], r["total"]) == (1, 1, 2)
    st = Stance(article_id="a", holder_key="person:ivo-rask", holder_name="Ivo Rask", target="RUSGOV",
                polarity="negative", score=-2.0)
    assert score_seed_stances(gold, (st,))["right"] == 1


def test_a_speakerless_gold_quote_wants_no_speaker():
    from dyad.evaluate.quotes import _speaker_right

    bare = Quote(article_id="a", sentence_index=0, start=0, end=5, text="x", kind="indirect")
    named = Quote(article_id="a", sentence_index=0, start=0, end=5, text="x", kind="indirect", speaker_text="Ivo")
    assert _speaker_right({"speaker": None}, bare, {}) and not _speaker_right({"speaker": None}, named, {})


@pytest.mark.slow
def test_polnear_dev_floors():
    r = score_quotes(POLNEAR, split="dev")
    s = r["scores"]
    assert r["n"] == 84
    assert s["direct_f1"] >= 0.935
    assert s["indirect_f1"] >= 0.66
    assert s["speaker_accuracy"] >= 0.90
    assert s["pronoun_speaker_accuracy"] >= 0.925
