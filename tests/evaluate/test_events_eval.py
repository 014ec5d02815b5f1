"""The event scorer: matching rules on hand-made records, and the quality floors on the gold sets.

Floors are the figures reached so far (targets: GSR lenient F1 >= 0.6, seeds F1 >= 0.8); raise
them as the extractor improves, never lower them.
"""
from __future__ import annotations

import json

import pytest

from dyad.evaluate.events import match, score_events, score_seed_events
from dyad.records import Article, Event
from tests.shared import shared

EVAL = shared("eval")
GSR = shared("eval/plover_gsr.events.jsonl")
SEEDS = shared("eval/seeds.gold.json")


def ev(plover="ACCUSE", cameo="112", sources=("EGYGOV",), targets=("ISR",), modality="asserted", quad=3, start=0):
    return Event(article_id="a", sentence_index=0, start=start, end=start + 3, trigger="x", plover=plover,
                 cameo=cameo, root=cameo[:2], quad_class=quad, intensity=-2.0, modality=modality,
                 sources=sources, targets=targets)


MATCH_ROWS = [
    ({"source": "EGY", "target": "ISR", "plover": "ACCUSE"}, ev(), True, False),  # strict: full codes
    ({"source": "EGYGOV", "target": "ISR", "plover": "ACCUSE"}, ev(), True, True),
    ({"source": "EGY", "target": "ISR", "code": "111"}, ev(), True, False),  # root agrees, code not
    ({"source": "EGY", "target": "ISR", "plover": "REJECT"}, ev(), False, False),
    ({"source": ["IGO"], "target": "ISR", "plover": "ACCUSE"}, ev(sources=("UN",)), True, False),
    ({"source": "JAP", "target": "ISR", "plover": "ACCUSE"}, ev(sources=("JPN",)), True, False),
    # a three-letter code that is no ISO country is an organisation (Amnesty), not a country
    ({"source": ["IGO"], "target": "ISR", "plover": "ACCUSE"}, ev(sources=("AMN",)), True, False),
    ({"source": "AMN", "target": "ISR", "plover": "ACCUSE"}, ev(sources=("ARM",)), False, False),
    ({"source": "EGY", "target": [], "plover": "ACCUSE"}, ev(), False, False),
    ({"source": "EGY", "target": None, "plover": "ACCUSE"}, ev(), True, False),
    ({"source": "EGY", "target": "ISR", "plover": "AGREE"},
     ev(plover="AID", cameo="070", modality="planned", quad=2), False, False),  # the scorer maps no type
    ({"source": "EGY", "target": "ISR", "plover": "THREATEN"},
     ev(plover="SANCTION", cameo="163", modality="planned", quad=4), False, False),
]


@pytest.mark.parametrize("gold,pred,lenient,strict", MATCH_ROWS)
def test_match_rows(gold, pred, lenient, strict):
    assert bool(match([gold], [pred], strict=False)) is lenient
    assert bool(match([gold], [pred], strict=True)) is strict


def test_matching_is_one_to_one():
    gold = [{"source": "EGY", "target": "ISR", "plover": "ACCUSE"}] * 2
    assert len(match(gold, [ev()], strict=False)) == 1


def test_seed_helper_counts_nonasserted_stored_as_asserted():
    text = "Officials said Egypt must condemn Israel. Egypt condemned Israel."
    art = Article(id="a", source="a", text=text)
    gold = {"events": [{"source": "EGY", "target": "ISR", "root": "11", "plover": "ACCUSE",
                        "modality": "hypothetical", "evidence": "Egypt must condemn Israel"}]}
    out = score_seed_events(gold, art, [ev(start=text.index("condemn"))])
    assert out["nonasserted_stored_as_asserted"] == 1 and out["matched"] == 0
    out = score_seed_events(gold, art, [ev(start=text.index("condemn"), modality="hypothetical")])
    assert out["matched"] == 1 and out["recall"] == 1.0 and out["nonasserted_stored_as_asserted"] == 0


def test_gsr_floor():
    out = score_events(GSR)
    assert out["n"] == 322
    assert out["scores"]["lenient_f1"] >= 0.64
    assert out["scores"]["strict_f1"] >= 0.32


def test_seeds_floor():
    """The seeds through the whole pipeline (clean -> nlp -> extract), as `dyad eval seeds`
    runs them: the junk lines a cleaner removes are not the event coder's to judge."""
    from dyad.pipeline import process
    from dyad.records import RawDocument

    data = json.loads(SEEDS.read_text(encoding="utf-8"))
    tot = {"gold": 0, "matched": 0, "predicted": 0, "predicted_matched": 0, "nonasserted_stored_as_asserted": 0}
    for g in data["articles"]:
        path = EVAL.parent / g["file"]
        result = process(RawDocument(source=str(path), kind="text", text=path.read_text(encoding="utf-8")))
        out = score_seed_events(g, result.article, result.events)
        for k in tot:
            tot[k] += out[k]
    assert tot["nonasserted_stored_as_asserted"] == 0
    assert tot["matched"] / tot["gold"] == 1.0
    assert tot["predicted_matched"] / tot["predicted"] >= 0.68
