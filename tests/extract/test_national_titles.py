"""Titles held in few countries give a person's country when the role names none
(fictional people; the title table is general knowledge of government titles)."""
from __future__ import annotations

import pytest

from dyad.extract.actors import NATIONAL_TITLES, _title_country, extract_actors
from dyad.nlp import analyze
from dyad.records import Article

ROWS = [
    # the UK title in a London-Moscow story: not the other side's
    ("Moscow expelled two diplomats on Monday. Foreign Secretary Jane Roe said London would respond.",
     "person:jane-roe", "GBRGOV"),
    # the same title in a Delhi-Islamabad story
    ("India and Pakistan held talks in Islamabad. Foreign Secretary Ravi Kumar led the Indian side.",
     "person:ravi-kumar", "INDGOV"),
    ("The Kremlin rejected the claims. Senator Mark Hale of the United States called for sanctions.",
     "person:mark-hale", "USALEG"),
    ("Dublin and London agreed on border checks. Taoiseach Sean Burke welcomed the deal.",
     "person:sean-burke", "IRLGOV"),
    ("Moscow denied the report. Conservative MP Tom Bale said Britain had evidence.",
     "person:tom-bale", "GBRLEG"),
    # a role that names its country wins over the title table
    ("Iran's foreign secretary Ali Reza Karimi met Russian officials in Moscow.",
     "person:ali-reza-karimi", "IRNGOV"),
]


@pytest.mark.parametrize("text, key, code", ROWS)
def test_title_gives_the_country(text, key, code):
    article = Article(id="t", source="t", text=text)
    actors = {a.key: a for a in extract_actors(article, analyze(text))[0]}
    assert actors[key].code == code, actors[key]


def test_title_country_needs_a_country_the_article_names():
    assert _title_country("Foreign Secretary", {"RUS": 3}) is None
    assert _title_country("Foreign Secretary", {"RUS": 3, "GBR": 1}) == "GBR"
    assert _title_country("foreign secretary", {"IND": 2, "GBR": 1}) == "IND"
    assert _title_country("the MP for Bath", {"GBR": 1}) == "GBR"
    assert _title_country("a lumpy mpg figure", {"GBR": 1}) is None  # whole words only
    assert _title_country(None, {"GBR": 1}) is None


def test_the_table_is_lower_case_iso():
    import pycountry

    for title, countries in NATIONAL_TITLES.items():
        assert title == title.lower() and countries
        assert all(pycountry.countries.get(alpha_3=c) for c in countries), title
