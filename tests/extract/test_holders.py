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


def _person(text: str, date: str | None, key: str):
    from dyad.extract.actors import extract_actors
    from dyad.nlp import analyze
    from dyad.records import Article

    article = Article(id="t", source="t", text=text, date=date)
    return {a.key: a for a in extract_actors(article, analyze(text))[0]}[key]


def test_the_phoenix_table_backs_up_a_name_the_text_gives_no_role():
    text = "Abdul Mannan Bhuiyan arrived in Delhi on Monday for two days of talks."
    assert _person(text, "2005-03-01", "person:abdul-mannan-bhuiyan").code == "BGDGOV"  # in office then
    assert _person(text, "2012-03-01", "person:abdul-mannan-bhuiyan").code == "BGD"  # no office claimed


def test_an_organisation_the_text_names_wins_over_a_derived_country():
    text = "Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez in Geneva."
    assert _person(text, None, "person:diego-cordovez").code == "UN"


def test_a_table_holder_gives_the_country_a_bare_title_lacks() -> None:
    """ "Prime Minister Boris Johnson" in a story about the United States: the table's office."""
    from dyad.extract.actors import extract_actors
    from dyad.nlp import analyze
    from dyad.records import Article

    text = "Prime Minister Boris Johnson asked the United States to act. Washington said no."
    article = Article(id="t1", source="test", text=text, date="2019-10-10")
    actors, _ = extract_actors(article, analyze(text))
    person = next(a for a in actors if a.key == "person:boris-johnson")
    assert person.code == "GBRGOV"
