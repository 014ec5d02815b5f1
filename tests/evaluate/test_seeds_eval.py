"""Quality gate on the hand-annotated seed articles (../shared/eval/seeds.gold.json).

Floors, never to be lowered: every boilerplate line gone and every must-keep kept in all
five seeds; title and date right where the gold gives them; at least 90% of gold people
found with the right actor code and a role containing one of the gold words; every gold
quote found and attributed to the right person.
"""
from __future__ import annotations

import pytest

from dyad.evaluate.seeds import SCORE_NAMES, score_seeds
from tests.shared import shared

GOLD = shared("eval/seeds.gold.json")


@pytest.fixture(scope="module")
def report():
    return score_seeds(GOLD)


def test_all_five_seeds_scored(report):
    assert report["n"] == 5
    assert set(report["scores"]) == set(SCORE_NAMES)


def test_cleaning_floors(report):
    misses = [m for a in report["articles"] for m in a["missed"] if not m.startswith("person")]
    assert report["scores"]["boilerplate_removed"] == 1.0, misses
    assert report["scores"]["must_keep_kept"] == 1.0, misses


def test_metadata_floors(report):
    assert report["scores"]["meta_title"] == 1.0, [a["missed"] for a in report["articles"]]
    assert report["scores"]["meta_date"] == 1.0, [a["missed"] for a in report["articles"]]


def test_people_floor(report):
    misses = [m for a in report["articles"] for m in a["missed"] if m.startswith("person")]
    assert report["scores"]["people_found"] >= 0.90, misses


def test_quotes_floor(report):
    misses = [m for a in report["articles"] for m in a["missed"] if m.startswith("quote")]
    assert report["scores"]["quotes_recall"] == 1.0, misses
    assert report["scores"]["quotes_speaker_accuracy"] == 1.0, misses


def test_stances_floor(report):
    misses = [m for a in report["articles"] for m in a["missed"] if m.startswith("stance")]
    assert report["scores"]["stances_accuracy"] == 1.0, misses


def test_one_article_detail():
    one = score_seeds(GOLD, article="003")
    assert one["n"] == 1 and one["articles"][0]["id"].startswith("003")


@pytest.mark.parametrize("gold, aliases, pred, ok", [
    ("Hossein Amir-Abdollahian", (), "Hossein Amir Abdollahian", True),  # hyphen folded
    ("Hossein Amir-Abdollahian", (), "Amir-Abdollahian", True),
    ("Sergei Lavrov", (), "Sergey Lavrov", True),  # same surname, same initial
    ("Ebrahim Raisi", (), "Raisi", True),
    ("Mohammad Javad Zarif", ("Javad Zarif",), "Javad Zarif", True),
    ("Seyed Abbas Araghchi", ("Abbas Araqchi",), "Abbas Araqchi", True),  # an alias spelling
    ("Ali Larijani", (), "Sadegh Larijani", False),  # another person of the same family name
    ("Jane Doe", (), "Janet", False),
])
def test_person_names_match(gold, aliases, pred, ok):
    from dyad.evaluate.seeds import _names_match

    assert _names_match(gold, pred, aliases) is ok
