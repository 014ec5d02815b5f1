"""Table-driven rules for dyad.extract.stance (fictional people and a fictional quote layer)."""
from __future__ import annotations

import pytest

from dyad import nlp
from dyad.extract.stance import EXTRACTOR, extract_stances, is_opinion_piece
from dyad.records import Actor, Article, Mention, Quote

COUNTRIES = {"Norland": "NOR", "Sudria": "SUD", "the Pact": "PACT"}


def _actors_mentions(text):
    actors, mentions = [], []
    for name, code in COUNTRIES.items():
        kind = "org" if code == "PACT" else "country"
        actors.append(Actor(key=code, type=kind, name=name, code=code, country=None if kind == "org" else code))
        pos = text.find(name)
        while pos >= 0:
            mentions.append(Mention(article_id="t", actor_key=code, sentence_index=0, start=pos,
                                    end=pos + len(name), text=name, kind="alias", extractor="test"))
            pos = text.find(name, pos + 1)
    return tuple(actors), tuple(mentions)


def _stances(text, authors=()):
    article = Article(id="t", source="t", text=text, authors=authors)
    actors, mentions = _actors_mentions(text)
    quote = Quote(article_id="t", sentence_index=0, start=0, end=len(text), text=text, kind="direct",
                  speaker_text="Ivo Rask", speaker_key="person:ivo-rask", resolved=True)
    return {s.target: s for s in extract_stances(article, nlp.analyze(text), actors, mentions, (quote,))}


CASES = [
    ("Our friendship with Norland is strong and our cooperation with Norland keeps growing.", "NOR", "positive"),
    ("The expansion of the Pact is not in the interest of Sudria.", "PACT", "negative"),
    ("Sudria was attacked by the Pact.", "PACT", "negative"),
    ("We condemn Sudria and its aggression.", "SUD", "negative"),
    ("Sudrian hegemony is a threat; Sudria's unilateralism must end.", "SUD", "negative"),
    ("Norland has never been a reliable partner.", "NOR", "negative"),
    # negation that intensifies: a negated degree or comparative, and negators that do not negate
    ("Relations between Norland and Sudria have never been so close.", "NOR", "positive"),
    ("Norland has never had such good relations with Sudria.", "NOR", "positive"),
    ("Ties with Norland have never been closer.", "NOR", "positive"),
    ("Our ties with Norland could not be closer.", "NOR", "positive"),
    ("There is no better partner for us than Norland.", "NOR", "positive"),
    ("We could not have asked for a better partner than Norland.", "NOR", "positive"),
    ("We have nothing but praise for Norland.", "NOR", "positive"),
    ("Norland is not only a partner but also a friend of Sudria.", "NOR", "positive"),
    ("We will never forget the help of Norland.", "NOR", "positive"),
    # ... while the same words still negate where they should
    ("Relations with Norland are not so close.", "NOR", "negative"),
    ("Norland is not a better partner than Sudria.", "NOR", "negative"),
    ("Norland offers no such support.", "NOR", "negative"),
    ("Norland deserves no more support.", "NOR", "negative"),
    ("Norland is no longer a reliable partner.", "NOR", "negative"),
    ("Norland no longer supports Sudria.", "SUD", "negative"),
    ("Norland is neither a friend nor a partner.", "NOR", "negative"),
    ("Sudria did not respect or support Norland.", "NOR", "negative"),
    # scope: a negator reaches its own clause only, and stops at "but"
    ("No one objected when Norland praised Sudria.", "SUD", "positive"),
    ("We did not condemn Sudria when Norland attacked Sudria.", "NOR", "negative"),
    ("We did not attack Sudria, and we welcome cooperation with Norland.", "NOR", "positive"),
    ("Norland is not a rival but a partner.", "NOR", "positive"),
    ("I do not think Norland is a reliable partner.", "NOR", "negative"),  # negation raised from "think"
    ("I did not say that Norland is our partner.", "NOR", "positive"),  # ... but not from "say"
    # contrast: the main clause carries the stance, not the concession
    ("Although Norland has criticized and condemned our policy, Norland remains our close partner.", "NOR", "positive"),
    ("Even though we once called Norland a friend, Norland has betrayed us.", "NOR", "negative"),
    ("Despite our friendship with Sudria, we condemn Sudria's aggression.", "SUD", "negative"),
    ("Although the Pact threatens Sudria, we remain calm.", "PACT", "negative"),  # nothing else judges the Pact
]


@pytest.mark.parametrize("text,target,polarity", CASES)
def test_stance_rules(text, target, polarity):
    got = _stances(text)
    assert target in got, got
    assert got[target].polarity == polarity, got[target]
    assert got[target].evidence and got[target].extractor == EXTRACTOR
    assert got[target].holder_key == "person:ivo-rask"


def test_conflict_between_two_sides_takes_no_side():
    got = _stances("The rift between Norland and Sudria grew.")
    assert all(s.polarity == "neutral" for s in got.values())


def test_opinion_piece_needs_authors_and_markers():
    text = "In essence, we must strengthen ties. It seems the time is right."
    assert is_opinion_piece(Article(id="a", source="a", text=text, authors=("Rut Falk",)))
    assert not is_opinion_piece(Article(id="a", source="a", text=text))


def test_concession_weighs_less_than_the_main_clause():
    conceded = _stances("Although Norland criticized our policy, Norland remains our partner.")["NOR"]
    plain = _stances("Norland criticized our policy, and Norland remains our partner.")["NOR"]
    assert conceded.score > plain.score
    assert len(conceded.evidence) == len(plain.evidence) == 2


def test_relative_pronoun_stands_for_the_noun_its_clause_modifies():
    from types import SimpleNamespace as T

    from dyad.extract.stance.antecedents import relative_targets

    # "Sudria, who Rask said was bringing shame": "who" -> nsubj of "bringing" (ccomp of the relcl "said")
    rows = [("Sudria", "dobj", 0, "NNP"), (",", "punct", 0, ","), ("who", "nsubj", 5, "WP"),
            ("Rask", "nsubj", 4, "NNP"), ("said", "relcl", 0, "VBD"), ("bringing", "ccomp", 4, "VBG"),
            ("shame", "dobj", 5, "NN")]
    toks = [T(i=i, text=w, dep=d, head=h, tag=g) for i, (w, d, h, g) in enumerate(rows)]
    assert relative_targets(toks, {0: ("SUD", "SUD")}) == [(2, "SUD", "SUD")]
    assert relative_targets(toks, {}) == []


def test_which_after_a_comma_stands_for_the_mention_before_it():
    from types import SimpleNamespace as T

    from dyad.extract.stance.antecedents import relative_targets

    # "remarks at Sudria, which she called ...": the parse hangs "which" on "remarks"
    rows = [("remarks", "dobj", 0, "NNS"), ("at", "prep", 0, "IN"), ("Sudria", "pobj", 1, "NNP"),
            (",", "punct", 2, ","), ("which", "dobj", 6, "WDT"), ("she", "nsubj", 6, "PRP"),
            ("called", "relcl", 0, "VBD")]
    toks = [T(i=i, text=w, dep=d, head=h, tag=g) for i, (w, d, h, g) in enumerate(rows)]
    assert relative_targets(toks, {2: ("SUD", "SUD")}) == [(4, "SUD", "SUD")]
    assert relative_targets(toks, {2: ("person:ivo-rask", "NOR")}) == []  # "which" is no person



def _pipeline_stances(text: str, dateline: str) -> dict[tuple[str, str], str]:
    """Stances through the real actor stage, so surname mentions come from it."""
    from dyad.extract.actors import extract_actors

    article = Article(id="t", source="t", text=text, dateline=dateline)
    analysis = nlp.analyze(text)
    actors, mentions = extract_actors(article, analysis)
    return {(s.holder_key, s.target): s.polarity for s in extract_stances(article, analysis, actors, mentions, ())}


def test_a_bare_surname_is_the_person_it_names():
    # the actor stage links "Brenn" to the person introduced as "Oda Brenn"
    got = _pipeline_stances("Oda Brenn arrived on Monday. Later Brenn thanked Chile.", "LIMA")
    assert got.get(("person:oda-brenn", "CHL")) == "positive"


def test_a_surname_that_modifies_a_noun_is_not_the_person():
    # "the Brenn government" is a government, not Oda Brenn
    got = _pipeline_stances("Oda Brenn spoke. The Brenn government condemned Chile.", "LIMA")
    assert ("person:oda-brenn", "CHL") not in got
