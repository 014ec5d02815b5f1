"""Quality floor: persons of the seed articles found with the right code and role.

Reads the seeds and their gold from ../shared (next to the repository); publisher text is not
copied into the repo. Skipped where that folder is absent.
"""
from __future__ import annotations

import json
import unicodedata

import pytest

from dyad.clean import clean
from dyad.extract.actors import EXTRACTOR, extract_actors
from dyad.nlp import analyze
from dyad.records import RawDocument
from tests.shared import shared

GOLD = shared("eval/seeds.gold.json")
SHARED = GOLD.parents[1]
FLOOR = 0.90



def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.lower().split())


def _same_person(gold: str, found: str) -> bool:
    g, f = _norm(gold), _norm(found)
    return bool(g and f) and (g in f or f in g or g.split()[-1] == f.split()[-1])


def _results():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for g in gold["articles"]:
        path = SHARED / g["file"]
        article = clean(RawDocument(source=str(path), kind="text", text=path.read_text(encoding="utf-8")))
        actors, mentions = extract_actors(article, analyze(article.text))
        yield g, article, actors, mentions


@pytest.fixture(scope="module")
def results():
    return list(_results())


def test_people_found_floor(results):
    found, total, missed = 0, 0, []
    for g, _, actors, _ in results:
        for person in g.get("people", []):
            total += 1
            words = [w.lower() for w in person.get("role_contains", [])]
            ok = any(
                a.type == "person" and _same_person(person["name"], a.name) and a.code == person["actor"]
                and (not words or any(w in (a.role or "").lower() for w in words))
                for a in actors
            )
            found += ok
            if not ok:
                missed.append(f"{g['id']}: {person['name']} {person['actor']}")
    assert total and found / total >= FLOOR, f"people found {found}/{total}; missed {missed}"


def test_mentions_point_into_the_text(results):
    for _, article, actors, mentions in results:
        keys = {a.key for a in actors}
        for m in mentions:
            assert article.text[m.start : m.end] == m.text
            assert m.actor_key in keys
            assert m.extractor == EXTRACTOR
            assert m.article_id == article.id
