"""The actor-code grammar (``dyad.codes``): one definition used by every layer."""
from __future__ import annotations

import pytest

from dyad.codes import country_level, country_of, countries, dyad_direction, parse_dyad, split_code
from dyad.records import Actor


@pytest.mark.parametrize("code, expected", [
    ("IRNGOV", ("IRN", "GOV")), ("RUS", ("RUS", None)), ("RUSMIL", ("RUS", "MIL")),
    ("NATO", (None, None)), ("SCO", (None, None)), ("IRNXYZ", (None, None)), ("irn", (None, None)),
    ("WST", (None, None)),
])
def test_split_code(code, expected):
    assert split_code(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("IRNGOV", "IRN"), ("IRNGOVDIP", "IRN"), ("rus", "RUS"), ("NATO", "NATO"), ("UN", "UN"),
    ("IRNSPY", "IRN"), ("BRICS", "BRICS"),
])
def test_country_of(code, expected):
    assert country_of(code) == expected


def test_countries_and_direction():
    assert countries(["IRNGOV", "IRN", "RUSMIL", ""]) == ["IRN", "RUS"]
    assert dyad_direction(["IRN"], ["RUS"], "IRN", "RUS") == "IRN->RUS"
    assert dyad_direction(["RUS"], ["IRN"], "IRN", "RUS") == "RUS->IRN"
    assert dyad_direction(["RUS"], ["USA"], "IRN", "RUS") is None


@pytest.mark.parametrize("value, expected", [
    ("IRN-RUS", ("IRN", "RUS")), ("irn,rus", ("IRN", "RUS")), ("IRN:RUS", ("IRN", "RUS")),
    (" IRN - NATO ", ("IRN", "NATO")),
])
def test_parse_dyad(value, expected):
    assert parse_dyad(value) == expected


@pytest.mark.parametrize("value", ["IRN", "IRN-RUS-USA", "", "IRN-R<S"])
def test_parse_dyad_refuses(value):
    with pytest.raises(ValueError, match="two actor codes"):
        parse_dyad(value)


def test_country_level():
    gov = Actor(key="IRNGOV", type="country", name="Iran (government)", code="IRNGOV", country="IRN", sector="GOV")
    nato = Actor(key="NATO", type="org", name="NATO", code="NATO", country=None, sector=None)
    person = Actor(key="p", type="person", name="A B", code="IRNGOV", country="IRN", sector="GOV")
    assert (country_level(gov), country_level(nato), country_level(person)) == ("IRN", "NATO", None)
