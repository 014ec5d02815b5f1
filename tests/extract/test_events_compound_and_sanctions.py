"""Event rules for compound event nouns, halted mediation, announced sanctions, threatened acts done
in a place, domestic restrictions, stranded prepositions, passive-then-active conjuncts, protest
purposes, embassies, blockades and the reporter's place (invented sentences through the real pipeline)."""
from __future__ import annotations

import pytest

from tests.extract.event_helpers import check_row
from tests.extract.test_events import events_of


# (text, plover, cameo root, source countries, target countries, modality or None)
ROWS = [
    # an event noun that modifies another noun takes that noun's arguments ("a mediation mission between A and B")
    ("The Norwegian foreign minister began a mediation mission between Sudan and Chad.",
     "CONSULT", "04", {"NOR"}, {"SDN", "TCD"}, "asserted"),
    # halting mediation or talks is CAMEO 16 (165 / 164); the noun is the verb's object, no event of its own
    ("Norway ended its mediation between Sudan and Chad on Friday.", "SANCTION", "16", {"NOR"}, {"SDN", "TCD"}, "asserted"),
    ("The Kenyan government suspended peace talks with Somalia.", "SANCTION", "16", {"KEN"}, {"SOM"}, "asserted"),
    # a sanction its own actor announces is the planned sanction, not a threat
    ("Germany said it would suspend military aid to Turkey.", "SANCTION", "16", {"DEU"}, {"TUR"}, "planned"),
    ("Canada announced it would prohibit all aid to the Bolivian rebels.", "SANCTION", "16", {"CAN"}, {"BOL"}, "planned"),
    # ... but a conditional one stays a threat
    ("Germany said it would suspend military aid to Turkey unless Ankara withdraws its troops.",
     "THREATEN", "13", {"DEU"}, {"TUR"}, None),
    # a threatened act done in a city of the threatener's own country: the country is the target
    ("Malian President Oumar Sangare threatened to institute a curfew in Bamako.", "THREATEN", "13", {"MLI"}, {"MLI"}, None),
    # a state's restriction with no place or people named falls on its own civilians
    ("The Malian government is prepared to impose martial law.", "THREATEN", "13", {"MLI"}, {"MLI"}, None),
    ("The Malian government imposed a curfew on Monday.", "COERCE", "17", {"MLI"}, {"MLI"}, "asserted"),
    # a preposition the parser left empty before a reduced relative clause still has its object
    ("Chile has granted political asylum to four Bolivian army officers holed up in a hotel since March.",
     "AID", "07", {"CHL"}, {"BOL"}, "asserted"),
    # an active verb joined to a passive one: the passive's subject acts, not its agent
    ("The Chilean minister was criticised by Peru and will resign.", "RETREAT", "08", {"CHL"}, set(), "planned"),
    # a protest staged to show disapproval of X targets X
    ("Thousands of Chileans marched in Santiago to show their disapproval of Peru's new policy.",
     "PROTEST", "14", {"CHL"}, {"PER"}, "asserted"),
    # an embassy opened in a capital: the host government
    ("Chile opened an embassy in Hanoi.", "SUPPORT", "05", {"CHL"}, {"VNM"}, "asserted"),
    # an event noun as the object: its "of" names the target
    ("Egypt tightened its blockade of Gaza on Monday.", "ASSAULT", "19", {"EGY"}, {"PSE"}, "asserted"),
    # the place of those who report the news is not the scene of the act ("the capital Bamako" is)
    ("A car bomb killed four soldiers in the capital Bamako, diplomats in Dakar said.",
     "ASSAULT", "18", {"MLI"}, {"MLI"}, "asserted"),
]


@pytest.mark.parametrize("text,plover,root,sources,targets,modality", ROWS)
def test_rows(text, plover, root, sources, targets, modality):
    check_row(events_of(text), plover, root, sources, targets, modality)


def test_halted_mediation_is_one_event():
    evs = events_of("Norway ended its mediation between Sudan and Chad on Friday.")
    assert [e.plover for e in evs] == ["SANCTION"]


def test_nested_compound_noun_keeps_no_arguments_of_its_head():
    """Only a compound on the object itself borrows its head's arguments: in "cut part of an aid
    program for Y" the aid is what was cut, not an act of aid."""
    evs = events_of("Denmark suspended part of a military aid program for Kenya.")
    assert not [e for e in evs if e.plover == "AID"], [(e.plover, e.sources, e.targets) for e in evs]


def test_domestic_restriction_targets_civilians():
    evs = events_of("The Malian government imposed a curfew on Monday.")
    assert [e.targets for e in evs] == [("MLICVL",)]


def test_a_thing_banned_is_no_restriction_on_people():
    """"so that X is banned": a passive ban names what is banned, not people restricted."""
    evs = events_of("Chile's parliament voted so that the pesticide is banned.")
    assert not [e for e in evs if e.root == "17"], [(e.plover, e.sources, e.targets) for e in evs]
