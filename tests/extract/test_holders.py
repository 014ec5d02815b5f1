"""The dated office-holder table: a date picks the row; no date never lets a person switch country."""
from __future__ import annotations

from dyad.extract.actors import roles
from dyad.extract.actors.roles import Holder, holder


def test_a_date_picks_the_row_that_holds_it():
    canon, h, fits = holder("Vladimir Putin", "2005-01-01")
    assert canon == "Vladimir Putin" and fits and h.role == "President"
    canon, h, fits = holder("Vladimir Putin", "2010-06-01")
    assert fits and h.role == "Prime Minister"


def test_spellings_fold_case_hyphens_and_apostrophes():
    assert holder("vladimir   PUTIN", None)[0] == "Vladimir Putin"


def test_no_date_and_two_countries_give_no_row(monkeypatch):
    rows = [Holder("Ana Varga", "HUN", None, "GOV", "Minister", "2001-01-01", "2005-12-31"),
            Holder("Ana Varga", "SVK", None, "GOV", "Envoy", "2010-01-01", "")]
    monkeypatch.setitem(roles.HOLDERS, "Ana Varga", rows)
    monkeypatch.setitem(roles.HOLDER_SPELLINGS, "ana varga", "Ana Varga")
    assert holder("Ana Varga", None) == ("Ana Varga", None, False)
    assert holder("Ana Varga", "2003-05-01") == ("Ana Varga", rows[0], True)
    assert holder("Ana Varga", "2008-05-01") == ("Ana Varga", None, False)  # between the periods


def test_no_date_one_country_keeps_the_country_without_the_office(monkeypatch):
    rows = [Holder("Ana Varga", "HUN", None, "GOV", "Minister", "2001-01-01", "2005-12-31")]
    monkeypatch.setitem(roles.HOLDERS, "Ana Varga", rows)
    monkeypatch.setitem(roles.HOLDER_SPELLINGS, "ana varga", "Ana Varga")
    assert holder("Ana Varga", "2020-01-01") == ("Ana Varga", rows[0], False)
    assert holder("Ana Varga", None) == ("Ana Varga", rows[0], True)
