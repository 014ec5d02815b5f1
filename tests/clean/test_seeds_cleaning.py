"""The five seed articles (read from ../shared, never copied here) clean as their gold says."""
from __future__ import annotations

import json

import pytest

from dyad.clean import clean
from dyad.records import RawDocument
from dyad.text import normalise
from tests.shared import shared

GOLD = shared("eval/seeds.gold.json")
SHARED = GOLD.parents[1]
ARTICLES = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def _clean(gold: dict):
    path = SHARED / gold["file"]
    return clean(RawDocument(source=str(path), kind="text", text=path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("gold", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_seed_body(gold: dict) -> None:
    article = _clean(gold)
    body = normalise(article.text)
    lines = {normalise(line) for line in article.text.splitlines()}
    for line in gold["boilerplate"]:
        assert normalise(line) not in lines, line
    for part in gold.get("boilerplate_contains", []):
        assert normalise(part) not in body, part
    for part in gold["must_keep"]:
        assert normalise(part) in body, part


@pytest.mark.parametrize("gold", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_seed_metadata(gold: dict) -> None:
    article = _clean(gold)
    meta = gold["meta"]
    if "title" in meta:
        assert article.title == meta["title"]
    if "date" in meta:
        assert article.date == meta["date"]
    if "outlet" in meta:
        assert article.outlet == meta["outlet"]
    if "authors" in meta:
        assert list(article.authors) == meta["authors"]


def test_seed_ids_are_stable() -> None:
    for gold in ARTICLES:
        a, b = _clean(gold), _clean(gold)
        assert a.id == b.id and a.id.startswith("a_") and len(a.id) == 18
        assert a.content_hash and a.minhash == ()
