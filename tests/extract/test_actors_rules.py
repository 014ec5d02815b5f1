"""Actor rules, one tricky sentence per row (names are fictional unless a table case)."""
from __future__ import annotations

import pytest

from dyad.extract.actors import EXTRACTOR, extract_actors
from dyad.nlp import analyze
from dyad.records import Article


def _run(text: str, **meta):
    article = Article(id="t1", source="test", text=text, **meta)
    actors, mentions = extract_actors(article, analyze(text))
    for m in mentions:  # offsets always point at the mention's text
        assert text[m.start : m.end] == m.text and m.extractor == EXTRACTOR and m.article_id == "t1"
    return {a.key: a for a in actors}, mentions


# text, person key, expected code, a word the role must contain (None: no role expected)
PERSONS = [
    # title + name
    ("Russian Foreign Minister Sergei Lavrov met his counterpart.", "person:sergei-lavrov", "RUSGOV", "foreign minister"),
    # possessive country, "to Russia" is the target not the home
    ("Iran's envoy to Russia Darius Kamranpour said the talks went well.", "person:darius-kamranpour", "IRNGOV", "envoy"),
    # apposition with "of COUNTRY"
    ("The meeting was chaired by Karim Zand, the Prime Minister of Iraq.", "person:karim-zand", "IRQGOV", "prime minister"),
    # expert: country only, from the dateline
    ("Darius Kamranpour, an expert on regional affairs, said the deal would hold.", "person:darius-kamranpour", "IRN", "expert"),
    # "former" drops the sector
    ("Former Iranian member of parliament Leyla Farrokhi criticised the deal.", "person:leyla-farrokhi", "IRN", "parliament"),
    # a sitting lawmaker keeps it
    ("Iranian lawmaker Leyla Farrokhi criticised the deal.", "person:leyla-farrokhi", "IRNLEG", "lawmaker"),
    # copular predicate; the institute is no country, so the dateline decides
    ("Nadia Rostami is Director of the Caspian Institute for Policy Studies.", "person:nadia-rostami", "IRN", "director"),
    # dash byline
    ("Pavel Orlov \u2013 Analyst of international affairs\n\nThe talks went on.", "person:pavel-orlov", "IRN", "analyst"),
    # commander -> MIL, the organisation names the country
    ("Quds Force commander Qassem Soleimani was killed in Baghdad.", "person:qassem-soleimani", "IRNMIL", "commander"),
    # description before the name, attached when the name comes without a role
    ("The Minister of Foreign Affairs of the Islamic Republic of Iran arrived in Moscow. "
     "During his visit, Bahram Sohrabi will meet Russian officials.", "person:bahram-sohrabi", "IRNGOV", "foreign affairs"),
    # a well-known office holder without a role in the text
    ("Talks with Vladimir Putin ended late.", "person:vladimir-putin", "RUSGOV", "president"),
]


@pytest.mark.parametrize("text,key,code,role_word", PERSONS)
def test_person_code_and_role(text, key, code, role_word):
    actors, _ = _run(text, dateline="TEHRAN")
    assert key in actors, sorted(actors)
    person = actors[key]
    assert person.type == "person" and person.code == code
    assert role_word is None or role_word in (person.role or "").lower()


# text, mention text, expected actor key (or code), mention kind
MENTIONS = [
    ("Tehran rejected the claims on Tuesday.", "Tehran", "IRNGOV", "alias"),
    ("The Kremlin said Washington was to blame.", "The Kremlin", "RUSGOV", "alias"),
    ("The Kremlin said Washington was to blame.", "Washington", "USAGOV", "alias"),
    ("Iranians and Russians share concerns about the West.", "Russians", "RUS", "alias"),
    ("Iranians and Russians share concerns about the West.", "the West", "WST", "alias"),
    ("The Zionist regime and NATO criticised the decision.", "The Zionist regime", "ISRGOV", "alias"),
    ("The Russian army moved north.", "Russian army", "RUSMIL", "alias"),
    ("Iran's Foreign Ministry issued a statement.", "Iran's Foreign Ministry", "IRNGOV", "name"),
    ("The bill passed the Majlis on Sunday.", "the Majlis", "IRNLEG", "alias"),
    ("Leaders met in the Russian Federation.", "the Russian Federation", "RUS", "name"),
    ("Oil prices rose in West Asia.", "West Asia", None, None),  # a region, not the West
    # surname coreference
    ("Russian President Vladimir Putin met Iranian President Ebrahim Raisi. Putin said the talks were useful.",
     "Putin", "person:vladimir-putin", "surname"),
    # title coreference
    ("The meeting was chaired by Karim Zand, the Prime Minister of Iraq. The Prime Minister said the talks were useful.",
     "The Prime Minister", "person:karim-zand", "title"),
    # description coreference to a person introduced by name
    ('Ambassador Omid Rahnavard spoke to reporters. "We are working with Russia," said Tehran\'s ambassador in Moscow.',
     "Tehran's ambassador in Moscow", "person:omid-rahnavard", "description"),
]


@pytest.mark.parametrize("text,mention_text,key,kind", MENTIONS)
def test_mentions(text, mention_text, key, kind):
    _, mentions = _run(text)
    found = [m for m in mentions if m.text == mention_text]
    if key is None:
        assert not found
        return
    assert any(m.actor_key == key and m.kind == kind for m in found), [(m.text, m.actor_key, m.kind) for m in mentions]


def test_description_does_not_take_a_topic_country():
    text = ("Mehran Dadashi spoke to the website of IRNA. According to the expert on Russian affairs, "
            "the ties will grow.")
    actors, mentions = _run(text)
    person = actors["person:mehran-dadashi"]
    assert person.code == "IRN" and "expert" in person.role
    assert any(m.kind == "description" and m.actor_key == person.key for m in mentions)


def test_empty_text():
    assert _run("") == ({}, ())
