"""Quality gate on the 19 real dev articles (../shared/eval/dev.gold.json), which no rule was
written from. Floors are the figures reached so far, never to be lowered; the targets of the
current work are in the issue tracker (events F1 0.65, people 0.90, stances 0.70, ...).
"""
from __future__ import annotations

import pytest

from dyad.evaluate.events import FALSE_CAUSES, MISS_CAUSES
from dyad.evaluate.seeds import score_seeds
from tests.shared import shared

GOLD = shared("eval/dev.gold.json")

FLOORS = {
    "must_keep_kept": 1.0,
    "boilerplate_removed": 0.96,
    "meta_title": 0.94,
    "meta_date": 1.0,
    "people_found": 0.90,
    "quotes_recall": 0.96,
    "quotes_speaker_accuracy": 0.95,
    "events_recall": 0.30,
    "events_precision": 0.71,
    "events_f1": 0.42,
    "events_modality_accuracy": 0.97,  # 100 events typed right: one is 1 point
    "stances_accuracy": 0.72,
}
#: non-asserted gold events stored as asserted (counted per sentence): the ceiling, never raised
STORED_AS_ASSERTED_CEILING = 0


@pytest.fixture(scope="module")
def report():
    return score_seeds(GOLD)


def test_all_nineteen_articles_scored(report):
    assert report["n"] == 19


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_floor(report, name):
    assert report["scores"][name] >= FLOORS[name], report["scores"]


def test_nonasserted_stored_as_asserted_ceiling(report):
    assert report["scores"]["nonasserted_stored_as_asserted"] <= STORED_AS_ASSERTED_CEILING


def test_event_errors_add_up_and_name_known_causes(report):
    errors = report["event_errors"]
    assert set(errors["missed"]) <= set(MISS_CAUSES) and set(errors["false"]) <= set(FALSE_CAUSES)
    gold = sum(a["events"]["gold"] for a in report["articles"])
    matched = sum(a["events"]["matched"] for a in report["articles"])
    assert sum(g["n"] for g in errors["missed"].values()) == gold - matched
    predicted = sum(a["events"]["predicted"] for a in report["articles"])
    right = sum(a["events"]["predicted_matched"] for a in report["articles"])
    assert sum(g["n"] for g in errors["false"].values()) == predicted - right
    assert all(len(g["examples"]) == g["n"] for side in errors.values() for g in side.values())
