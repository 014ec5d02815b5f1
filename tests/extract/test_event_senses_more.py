"""Word senses that depend on a predicate's object or clause: denying an accusation, closing a
diplomatic post, withdrawing a right, receiving a thing, insisting on a fact, and an accusing
participle after a denial (invented sentences through the real pipeline)."""
from __future__ import annotations

import pytest

from tests.extract.event_helpers import check_row
from tests.extract.test_events import events_of

# (text, plover, cameo root, source countries, target countries, modality or None)
ROWS = [
    # denying an accusation is a denial of responsibility (CAMEO 016), aimed at the accuser
    ("Chile has denied Peru's allegations.", "STATEMENT", "01", {"CHL"}, {"PER"}, "asserted"),
    ("Chile denied the accusations by Peru.", "STATEMENT", "01", {"CHL"}, {"PER"}, "asserted"),
    # ... while a denied act is the act itself, denied
    ("Chile denied sending troops to Bolivia.", "AID", "07", {"CHL"}, {"BOL"}, "denied"),
    # closing an embassy or consulate reduces diplomatic relations (CAMEO 161)
    ("Chile closed its embassy in Peru.", "SANCTION", "16", {"CHL"}, {"PER"}, "asserted"),
    ("The Chilean foreign ministry said it was closing the Peruvian consulate in Valparaiso.",
     "SANCTION", "16", {"CHL"}, {"PER"}, "asserted"),
    ("Chile's closure of the Peruvian embassy angered Lima.", "SANCTION", "16", {"CHL"}, {"PER"}, None),
    # a right or permit withdrawn reduces relations; troops withdrawn are a retreat
    ("Chile withdrew the accreditation of Peruvian journalists.", "SANCTION", "16", {"CHL"}, {"PER"}, "asserted"),
    ("Chile withdrew its troops from Peru.", "RETREAT", "08", {"CHL"}, {"PER"}, "asserted"),
    # receiving a visitor is hosting a visit
    ("The Chilean president received the Peruvian foreign minister in Santiago.",
     "CONSULT", "04", {"CHL"}, {"PER"}, "asserted"),
    # insisting that someone act (subjunctive or modal) is a demand
    ("Chile insisted that Peru withdraw its troops.", "REQUEST", "10", {"CHL"}, {"PER"}, "asserted"),
    ("Chile insisted that Peru must withdraw its troops.", "REQUEST", "10", {"CHL"}, {"PER"}, None),
    # an accusing participle after a denial reports a statement of its own
    ("Peru has denied Chile's allegations, accusing Santiago of staging the incident.",
     "ACCUSE", "11", {"PER"}, {"CHL"}, "asserted"),
    ("Peru has denied Chile's allegations, accusing Santiago of staging the incident.",
     "STATEMENT", "01", {"PER"}, {"CHL"}, "asserted"),
]


@pytest.mark.parametrize("text,plover,root,sources,targets,modality", ROWS)
def test_rows(text, plover, root, sources, targets, modality):
    check_row(events_of(text), plover, root, sources, targets, modality)


def _types(text: str) -> list[tuple[str, str]]:
    return [(e.plover, e.root) for e in events_of(text)]


def test_denied_accusation_is_no_accusation_of_its_own():
    # the allegation is the object of the denial, not an event of the accuser here
    assert ("ACCUSE", "11") not in _types("Chile has denied Peru's allegations.")


def test_withdrawn_right_is_no_retreat():
    assert ("RETREAT", "08") not in _types("Chile withdrew the accreditation of Peruvian journalists.")


def test_closing_a_border_is_still_a_sanction_not_a_post_closure():
    evs = events_of("Chile closed its border with Peru.")
    assert [e.cameo for e in evs if e.plover == "SANCTION"] == ["163"]


def test_received_thing_is_no_visit():
    assert ("CONSULT", "04") not in _types("The Bolivian rebels received military aid from Peru.")
    assert ("CONSULT", "04") not in _types("A letter from Peru was received by the Chilean president.")


def test_insisting_on_a_fact_is_no_demand():
    assert ("REQUEST", "10") not in _types("Chile insisted that its soldiers in Peru are volunteers.")
    assert ("REQUEST", "10") not in _types("Chile insisted that Peru had violated the treaty.")


def test_denying_a_report_with_no_accuser_is_no_event():
    assert not [e for e in events_of("Chile denied the reports on Monday.") if e.root == "01"]
