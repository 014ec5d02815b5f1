"""Arguments of events that the words around a noun give, end to end through the real pipeline
(``events.anaphora``, ``events.nominal``): "the ministry" taken up again, an apposition that names
the actor, the "by"-agent of a participle on a noun, "the two leaders". One invented text per row
(fictional people), with the countries the event must have on each side."""
from __future__ import annotations

import pytest

from tests.extract.event_helpers import countries, find
from tests.extract.event_helpers import pipeline_events as events_of


# (text, plover, source countries, target countries): exact sets
ROWS = [
    # "the ministry" and the "it" that refers to it: the ministry named in the sentence before
    (("The Chilean foreign ministry summoned the Peruvian ambassador on Monday. "
      "The ministry said it was closing the Peruvian consulate in Santiago."), "SANCTION", {"CHL"}, {"PER"}),
    # "the foreign ministry": every word of the description is in the name taken up
    (("Chile's foreign ministry criticised Peru on Monday. "
      "The foreign ministry later expelled two Peruvian diplomats."), "SANCTION", {"CHL"}, {"PER"}),
    # an apposition names the actor; the possessor is only its relation
    ("Chile's ally, Argentina, condemned Peru for the attack on the border post.", "ACCUSE", {"ARG"}, {"PER"}),
    ("Peru's neighbour, Bolivia, accused Chile of spying on its military bases.", "ACCUSE", {"BOL"}, {"CHL"}),
    # no apposition: the possessor still speaks
    ("Chile's ally condemned Peru for the attack on the border post on Monday.", "ACCUSE", {"CHL"}, {"PER"}),
    # the doer of a participle on the object, not the forum its modifier names
    ("Peru firmly rejected a UN resolution drafted by Chile and Argentina on Monday.", "REJECT", {"PER"},
     {"CHL", "ARG"}),
    # ... and the rest of a list after the agent, which the parser may read as appositions
    ("Peru vetoed a UN resolution put forward by Chile, Argentina and Bolivia on Monday.", "REJECT", {"PER"},
     {"CHL", "ARG", "BOL"}),
    # no agent: the modifier is the only actor there
    ("Peru firmly rejected a UN resolution on the border dispute on Monday.", "REJECT", {"PER"}, {"UN"}),
    # "the two leaders": the two leaders named, not the country named most
    (("Chilean President Ana Brel flew to Lima on Monday to meet Peruvian President Tomas Ferrer about the "
      "crisis in Bolivia, Bolivia and Bolivia again. Bolivia was not invited. "
      "Brel said the two leaders agreed to help Bolivian refugees return home."), "AGREE", {"CHL", "PER"}, set()),
    # only one leader named: the two states the text is about
    (("Chilean President Ana Brel flew to Lima on Monday to meet officials of Peru. "
      "The two leaders agreed to reopen the border with Bolivia."), "AGREE", {"CHL", "PER"}, set()),
    # the "by"-agent of a nominal act is its doer, the target of the stance on it
    ("Chile condemned the closure of the border by Peru on Monday.", "ACCUSE", {"CHL"}, {"PER"}),
    # the owner of a nominal act ("of" or a possessor) is the target of a stance on it
    ("Chile strongly opposed the withdrawal of Peru from the fisheries treaty on Monday.", "REJECT", {"CHL"},
     {"PER"}),
    ("Chile welcomed the arrival of Peru's troops in the border region on Monday.", "SUPPORT", {"CHL"}, {"PER"}),
]


@pytest.mark.parametrize("text,plover,sources,targets", ROWS)
def test_arguments(text, plover, sources, targets):
    e = find(text, plover)
    assert countries(e.sources) == sources, (e.sources, e.targets)
    assert countries(e.targets) == targets, (e.sources, e.targets)


@pytest.mark.parametrize("text", [
    # no ministry named before: "the ministry" stays unresolved
    ("Peru's ambassador was summoned in Santiago on Monday. "
     "The ministry said it was closing the Peruvian consulate in Santiago."),
    # "the defence ministry" is not the foreign ministry named before
    ("Chile's foreign ministry criticised Peru on Monday. "
     "The defence ministry later expelled two Peruvian diplomats."),
])
def test_ministry_not_taken_up(text):
    assert all("CHL" not in countries(e.sources) for e in events_of(text) if e.plover == "SANCTION")
