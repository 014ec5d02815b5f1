"""Table-driven tests for the event rules: one tricky sentence per row (fictional people)."""
from __future__ import annotations

import pytest

from dyad.extract.actors import extract_actors
from dyad.extract.events import EXTRACTOR, LEXICON, extract_events
from dyad.nlp import analyze
from dyad.records import Article

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT"}


def events_of(text: str, date: str | None = None):
    article = Article(id="t", source="t", text=text, date=date)
    analysis = analyze(text)
    actors, mentions = extract_actors(article, analysis)
    return extract_events(article, analysis, actors, mentions)


def countries(codes) -> set[str]:
    return {c[:3] for c in codes}


# (sentence, plover, cameo root, source countries, target countries, modality)
ROWS = [
    ("Iran and Russia agreed to expand trade last year.", "AGREE", "03", {"IRN", "RUS"}, set(), "asserted"),
    ("Russia's invasion of Ukraine shocked the region.", "ASSAULT", "19", {"RUS"}, {"UKR"}, "asserted"),
    ("Turkey imposed sanctions on Syria on Monday.", "SANCTION", "16", {"TUR"}, {"SYR"}, "asserted"),
    ("Egypt accused Israel of violating the truce.", "ACCUSE", "11", {"EGY"}, {"ISR"}, "asserted"),
    ("Pakistan rejected an Indian proposal for talks.", "REJECT", "12", {"PAK"}, {"IND"}, "asserted"),
    ("Iran threatened to cut off gas supplies to Armenia.", "THREATEN", "13", {"IRN"}, {"ARM"}, "asserted"),
    ("Japan will send aid to Nepal next month.", "AID", "07", {"JPN"}, {"NPL"}, "planned"),
    ("Brazil did not attack Paraguay.", "ASSAULT", "19", {"BRA"}, {"PRY"}, "denied"),
    ("Kenya should condemn Sudan's crackdown.", "ACCUSE", "11", {"KEN"}, {"SDN"}, "hypothetical"),
    ("Norway praised Finland for its restraint.", "SUPPORT", "05", {"NOR"}, {"FIN"}, "asserted"),
    ("Chile expelled the Russian ambassador on Friday.", "SANCTION", "16", {"CHL"}, {"RUS"}, "asserted"),
    ("Ghana and Togo held talks with Benin on border security.", "CONSULT", "04", {"GHA", "TGO"}, {"BEN"}, "asserted"),
]


@pytest.mark.parametrize("text,plover,root,sources,targets,modality", ROWS)
def test_event_rows(text, plover, root, sources, targets, modality):
    events = events_of(text)
    hits = [e for e in events if e.plover == plover and e.root == root]
    assert hits, f"no {plover} event in {[(e.plover, e.sources, e.targets) for e in events]}"
    e = hits[0]
    assert countries(e.sources) == sources
    assert countries(e.targets) >= targets if targets else True
    assert e.modality == modality
    assert e.extractor == EXTRACTOR
    assert text[e.start:e.end] == e.trigger


def test_visit_place_is_its_country():
    events = events_of("The Iranian foreign minister arrived in Moscow on Tuesday evening.")
    visits = [e for e in events if e.cameo == "042"]
    assert visits and visits[0].targets == ("RUS",)
    assert visits[0].date.weekday == "Tuesday" and visits[0].date.value is None


def test_urged_act_is_not_asserted():
    events = events_of("Marta Velde urged Kenya to condemn Sudan.")
    assert all(e.modality != "asserted" for e in events if e.root == "11")


def test_no_actor_no_event():
    assert events_of("The weather improved and the markets rallied.") == ()


def test_lexicon_types_are_known():
    for entries in LEXICON.values():
        for e in entries:
            assert e.plover in PLOVER_TYPES
            assert -10 <= e.intensity <= 10 and e.quad in (1, 2, 3, 4)
            assert len(e.cameo) >= 3 and e.cameo[:2].isdigit()
