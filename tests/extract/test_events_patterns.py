"""Table-driven tests for the general event and group-actor patterns (fictional sentences)."""
from __future__ import annotations

import pytest

from dyad.extract.actors import extract_actors
from dyad.extract.events import extract_events
from dyad.nlp import analyze
from dyad.records import Article


def events_of(text: str):
    article = Article(id="t", source="t", text=text)
    analysis = analyze(text)
    actors, mentions = extract_actors(article, analysis)
    return extract_events(article, analysis, actors, mentions)


# (text, plover, cameo root, source codes, target codes, modality or None when not checked)
PATTERNS = [
    # an act announced by its own actor is coded as intent; a conflictual or conditional one as a threat
    ("Chile said it would release the Peruvian prisoners.", "AGREE", "03", ("CHL",), ("PERCVL",), "asserted"),
    ("Ghana said it would close its border with Togo unless Lome ended the raids.",
     "THREATEN", "13", ("GHA",), ("TGO",), "asserted"),
    # a threat's target from its if/unless clause
    ("Senegal threatened to boycott the summit unless Mali freed the hostages.",
     "THREATEN", "13", ("SEN",), ("MLI",), "asserted"),
    # a protest staged to demand something takes the demand's target
    ("Thousands of Kenyan students staged demonstrations to demand the resignation of the Ugandan government.",
     "PROTEST", "14", ("KENCVL",), ("UGAGOV",), "asserted"),
    # demonym + group noun: police, protesters, rebels, army, opposition
    ("Peruvian police arrested Bolivian protesters on Monday.", "COERCE", "17", ("PERCOP",), ("BOLCVL",), "asserted"),
    ("Ugandan rebels clashed with the army in the north.", "ASSAULT", "19", ("UGAREB",), ("UGAMIL",), "asserted"),
    ("The Ugandan opposition accused the government of fraud.", "ACCUSE", "11", ("UGAOPP",), ("UGAGOV",), "asserted"),
    # a group placed by "in <city>"; a protest needs no target
    ("Demonstrators in Lusaka blocked roads on Monday.", "PROTEST", "14", ("ZMBCVL",), (), "asserted"),
    # international organisations
    ("The European Community gave Ghana 5 million dollars of aid.", "AID", "07", ("EU",), ("GHA",), "asserted"),
    ("Amnesty International accused the Malian government of torture.",
     "ACCUSE", "11", ("AMN",), ("MLIGOV",), "asserted"),
    # restrictions and deployments: the place is the target
    ("Israel lifted a curfew in the West Bank on Sunday.", "CONCEDE", "08", ("ISR",), ("PSE",), "asserted"),
    ("Syria deployed troops in Lebanon.", "MOBILIZE", "15", ("SYR",), ("LBN",), "asserted"),
    # describe ... as + a negative label; "the attack" takes the last attacker
    ("Kenya described Somalia's incursion as a violation of its sovereignty.",
     "ACCUSE", "11", ("KEN",), ("SOM",), "asserted"),
    ("Gunmen from Chad attacked a Sudanese village. Sudan condemned the attack.",
     "ACCUSE", "11", ("SDN",), ("TCDREB",), "asserted"),
    # "between A and B" gives the parties of a reciprocal act
    ("There is hope for the signing of a trade treaty between Peru and Chile.",
     "SUPPORT", "05", ("PER",), ("CHL",), "hypothetical"),
    # the means of an act takes the act's agent and target
    ("The Danish government is trying to pressure Norway through the imposition of sanctions.",
     "SANCTION", "16", ("DNKGOV",), ("NOR",), None),
    # an act hanging from a possessed noun: the possessor acts
    ("Brazil's role in opposing the Argentine plan was decisive.", "REJECT", "12", ("BRA",), ("ARG",), "asserted"),
    # a pronoun in reported speech: the speaker; the addressee of the conversation is the target
    ("The Greek president said in a telephone conversation with Cypriot President Andreas Kostas that he "
     "welcomes the proposal.", "SUPPORT", "05", ("GRCGOV",), ("CYPGOV",), "asserted"),
    ("Egypt said Israel must withdraw from Gaza.", "REQUEST", "10", ("EGY",), ("ISR",), "asserted"),
    # one protest told in two predicates is one event
    ("Malian workers began a hunger strike on Monday in protest against the Guinean government.",
     "PROTEST", "14", ("MLILAB",), ("GINGOV",), "asserted"),
]


@pytest.mark.parametrize("text,plover,root,sources,targets,modality", PATTERNS)
def test_patterns(text, plover, root, sources, targets, modality):
    events = events_of(text)
    hits = [e for e in events if e.plover == plover and e.root == root]
    assert hits, f"no {plover} in {[(e.plover, e.sources, e.targets) for e in events]}"
    e = hits[0]
    assert e.sources == sources and e.targets == targets
    assert modality is None or e.modality == modality


# (text, what must not be coded)
NOT_EVENTS = [
    ("Kenya described Somalia's offer as generous.", "ACCUSE"),  # no negative label
    ("Austria will help Hungary if Slovakia attacks it.", "ASSAULT"),  # a condition is no event
    ("Egypt said Israel must withdraw from Gaza.", "RETREAT"),  # the demand's content
    ("Zambia and Malawi held elections last March.", "PROTEST"),  # a month, not a march
]


@pytest.mark.parametrize("text,plover", NOT_EVENTS)
def test_not_events(text, plover):
    assert plover not in {e.plover for e in events_of(text)}


def test_one_protest_per_telling():
    events = events_of("Malian workers began a hunger strike on Monday in protest against the Guinean government.")
    assert len([e for e in events if e.plover == "PROTEST"]) == 1


# (text, mention text, actor code)
GROUPS = [
    ("Ghanaian authorities deported the crew.", "Ghanaian authorities", "GHAGOV"),
    ("The Ugandan opposition boycotted the vote.", "Ugandan opposition", "UGAOPP"),
    ("Peruvian police fired tear gas.", "Peruvian police", "PERCOP"),
    ("Ghana deported 168 Liberians.", "Liberians", "LBR"),
    ("The European Community met in Brussels.", "The European Community", "EU"),
    ("The APEC forum agreed to meet in Tokyo.", "The APEC forum", "APEC"),
    ("Demonstrators in Baghdad blocked a road.", "Demonstrators", "IRQCVL"),
    ("Rebels attacked a village in Chad on Monday.", "Rebels", "TCDREB"),  # the only country in the text
]


@pytest.mark.parametrize("text,mention,code", GROUPS)
def test_group_mentions(text, mention, code):
    article = Article(id="g", source="g", text=text)
    actors, mentions = extract_actors(article, analyze(text))
    by_key = {a.key: a for a in actors}
    got = {(m.text, by_key[m.actor_key].code) for m in mentions}
    assert (mention, code) in got, got


def test_group_noun_waits_when_two_countries_are_named():
    text = "Rebels attacked a village near the border between Chad and Sudan."
    article = Article(id="g", source="g", text=text)
    actors, mentions = extract_actors(article, analyze(text))
    assert not [m for m in mentions if m.text == "Rebels"]
