"""Pronouns and definite descriptions as event arguments (``events.anaphora``), end to end through
the real pipeline: one invented text per row (fictional people), with the event it must give."""
from __future__ import annotations

import pytest

from tests.extract.event_helpers import countries, find
from tests.extract.event_helpers import pipeline_events as events_of


# (text, plover, source countries, target countries)
ROWS = [
    # "he": the subject of the sentence before, not the last person named there
    (("Chilean Foreign Minister Ana Brel met Peruvian Foreign Minister Tomas Ferrer on Monday. "
      "He accused Bolivia of lying about the border."), "ACCUSE", {"CHL"}, {"BOL"}),
    # "he" after a quoted passage: the quoted sentences are passed over
    (("Chilean Foreign Minister Ana Brel rounded on Peruvian Foreign Minister Tomas Ferrer in the council. "
      "\u201cYou are scared,\u201d she told him.\n"
      "\u201cYour plan has failed. We will work with others. Nobody believes you.\u201d\n"
      "She then accused Ferrer of lying to the council about the border with Bolivia."), "ACCUSE", {"CHL"}, {"PER"}),
    # "we" and "our" inside a quote: the speaker, coded by what they speak for
    (("Colonel Marta Ruiz is the spokeswoman of the Bolivian army. "
      "\"These strikes are our right, and we warn Peru that our patience is ending,\" Ruiz said."),
     "THREATEN", {"BOL"}, {"PER"}),
    # "their": the group just named, whose country is given
    ("Delegates from Iran admitted their government had shot down a Turkish drone near the border.",
     "ASSAULT", {"IRN"}, {"TUR"}),
    # "it" in a clause under a reporting verb: the reporting subject, through several clauses
    ("The Russian foreign ministry said it was responding to what it called Britain's provocations.",
     "ACCUSE", {"RUS"}, {"GBR"}),
    # "the country": the last country named
    ("Russian tanks crossed into Georgia on Monday. The country accused Russia of aggression.",
     "ACCUSE", {"GEO"}, {"RUS"}),
    # "the alliance": the last organisation of states named
    ("NATO foreign ministers met on Tuesday. The alliance condemned Russia for the missile tests.",
     "ACCUSE", {"NATO"}, {"RUS"}),
    # "the member states": the organisation named just before
    ("The European Union issued a statement on Tuesday. It said the member states strongly support Ukraine.",
     "SUPPORT", {"EU"}, {"UKR"}),
    # a participle on a noun deep in the object: the subject of the verb it hangs on
    ("The Chilean president posted a message on Twitter blaming Peru for the attacks.",
     "ACCUSE", {"CHL"}, {"PER"}),
    # an object pronoun: the person named before it in its sentence
    ("The United States accused Qasim Rahimi, an Iranian general, of terrorism and imposed sanctions on him.",
     "SANCTION", {"USA"}, {"IRN"}),
    # "they" after a list of two states: both
    ("Chile and Peru signed a border treaty on Monday. They condemned Bolivia for the raids.",
     "ACCUSE", {"CHL", "PER"}, {"BOL"}),
    # "accused X of <doing>": X does it
    ("Chile accused Russia of moving to provide weapons to Venezuela.", "AID", {"RUS"}, {"VEN"}),
    # "called on X to <act>": X acts
    ("The British envoy called on Russia to cut ties with Syria.", "SANCTION", {"RUS"}, {"SYR"}),
    # a finite verb the parser joined to an infinitive: the governing verb's subject, asserted
    (("The Chilean foreign minister urged the embassy to reconsider and spoke with Peruvian President "
      "Tomas Ferrer about the case."), "CONSULT", {"CHL"}, {"PER"}),
    # "for his part" names no party; the relations still do
    ("Russian Foreign Minister Ivan Dolin, for his part, praised the relations between Iran and Chile.",
     "SUPPORT", {"RUS"}, {"IRN", "CHL"}),
]


@pytest.mark.parametrize("text,plover,sources,targets", ROWS)
def test_anaphor_rows(text, plover, sources, targets):
    e = find(text, plover)
    assert countries(e.sources) == sources or set(e.sources) == sources
    assert countries(e.targets) >= targets or set(e.targets) >= targets


def test_second_act_is_asserted():
    e = find("The Chilean foreign minister urged the embassy to reconsider and spoke with Peruvian President "
             "Tomas Ferrer about the case.", "CONSULT")
    assert e.modality == "asserted"


def test_pronoun_without_antecedent_stays_unresolved():
    events = events_of("He accused Peru of lying about the border talks with Chile and Bolivia last week.")
    assert all(not e.sources for e in events)


def test_they_with_an_uncoded_plural_subject_is_not_another_actor():
    # "they" are the officials, who name no actor; not Syria or anyone named earlier
    events = events_of("Chile protested on Monday. Officials said they would attack Syria.")
    assert all("CHL" not in countries(e.sources) for e in events if e.plover == "ASSAULT")


def test_it_never_takes_a_person():
    events = events_of("Chilean President Ana Brel said it would attack Peru soon.")
    assert all(not e.sources for e in events if e.plover in ("ASSAULT", "THREATEN"))


def test_third_person_in_a_quote_is_not_the_speaker():
    events = events_of("\u201cHe has attacked Bolivia twice this year,\u201d Chilean President Ana Brel said on Monday.")
    assert all("CHL" not in countries(e.sources) for e in events)


def test_we_of_a_private_person_is_no_state():
    events = events_of("Maria Lopez, a nurse from Peru, said: \"We will never forgive Chile.\"")
    assert all(not e.sources for e in events)


def test_reflexive_object_is_no_second_party():
    e = find("Chilean President Ana Brel used a joint appearance with the NATO secretary general to "
             "distance herself from NATO.", "ACCUSE")
    assert countries(e.sources) == {"CHL"}
    assert "CHL" not in countries(e.targets)


def test_possessor_of_a_plain_noun_is_no_target():
    # "their homes" is no party to the agreement
    events = events_of("Chile and Peru agreed to help the refugees return to their homes.")
    assert all(not (set(e.targets) & {"CHL", "PER"}) for e in events if e.plover == "AGREE")


def test_question_reports_no_act():
    text = "Iran has been at odds with Washington for decades. How can Iran cooperate with the United States?"
    assert not [e for e in events_of(text) if e.plover == "COOPERATE"]


def test_conditional_offer_is_no_threat():
    events = events_of("Afghan rebel leaders said they would meet the UN mediator if he gave them a veto.")
    assert [e for e in events if e.plover == "AGREE"]
    assert not [e for e in events if e.plover == "THREATEN"]
