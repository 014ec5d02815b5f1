"""The Phoenix-derived actor tables (persons with dated codes; organisations and armed groups).

``tools/derive_phoenix_actors.py`` writes them from the PETRARCH-2 / Phoenix dictionaries in
../shared/reference/petrarch2; these tests read only the committed tables, except the last,
which re-derives them from ../shared and expects the same bytes.  The known facts below were
checked in Phoenix.Countries.actors.txt, e.g. ``+MOHAMMAD_JAVAD_ZARIF`` /
``[IRNGOV 030101-070731]`` / ``[IRNGOV >20130815]``.
"""
from __future__ import annotations

import functools
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

import dyad
from dyad.codes import SECTORS, is_country
from dyad.extract import lexicon
from tests.shared import MIT_NOTICE, shared

DATA = Path(dyad.__file__).resolve().parent / "extract" / "actors" / "data"
PERSONS = DATA / "phoenix_persons.tsv"
ORGS = DATA / "phoenix_orgs.tsv"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "derive_phoenix_actors.py"
PERSON_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})?$")
ORG_CODE = re.compile(r"^[A-Z][A-Z0-9]+$")
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
MIT = MIT_NOTICE


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _persons() -> list[list[str]]:
    return lexicon.tsv(PERSONS)


def _periods(name: str) -> list[tuple[str, date | None, date | None]]:
    return [(c, _day(s), _day(e)) for n, c, s, e in _persons() if n == name]


def _code_on(name: str, day: date) -> set[str]:
    return {c for c, s, e in _periods(name) if (s is None or s <= day) and (e is None or day <= e)}


def _orgs() -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name, code, kind in lexicon.tsv(ORGS):
        out[name].add((code, kind))
    return out


# ----------------------------------------------------------------------------- headers

@pytest.mark.parametrize("path,columns", [(PERSONS, "#name\tcode\tstart\tend"), (ORGS, "#name\tcode\tkind")],
                         ids=["persons", "orgs"])
def test_header_says_what_it_is_where_from_and_carries_the_mit_notice(path: Path, columns: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "Phoenix" in lines[0]
    assert re.search(r"\bread by dyad\.extract\.actors\b", lines[0])
    head = [line for line in lines if line.startswith("#")]
    assert any("openeventdata/petrarch2" in line and COMMIT in line for line in head)
    assert any("tools/derive_phoenix_actors.py" in line for line in head), "the re-derive command"
    for line in MIT:
        assert line in head, f"MIT notice line missing: {line!r}"
    assert columns in lines, "column header"
    assert lines.index(columns) < next(i for i, line in enumerate(lines) if not line.startswith("#"))


# ----------------------------------------------------------------------------- persons

def test_person_rows_parse() -> None:
    rows = _persons()
    assert len(rows) >= 10_000
    for row in rows:
        assert len(row) == 4, row
        name, code, start, end = row
        assert name and name == name.strip() and "_" not in name and "  " not in name, row
        assert PERSON_CODE.match(code), row
        assert is_country(code[:3]), row
        assert len(code) == 3 or code[3:] in SECTORS, row
        s, e = _day(start), _day(end)          # ISO dates or empty
        assert s is None or e is None or s <= e, row


def test_person_rows_are_distinct_and_periods_of_one_code_do_not_overlap() -> None:
    rows = _persons()
    assert len({tuple(r) for r in rows}) == len(rows)
    spans: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    for name, code, start, end in rows:
        spans[(name, code)].append((_day(start) or date.min, _day(end) or date.max))
    for key, periods in spans.items():
        periods.sort()
        for (_, end), (start, _) in zip(periods, periods[1:]):
            assert end < start, key


def test_no_one_word_names_shorter_than_four_letters() -> None:
    short = {n for n, *_ in _persons() if " " not in n and len(re.sub(r"[^A-Za-z]", "", n)) < 4}
    assert not short


def test_zarif_is_iranian_government_from_2013_08_15() -> None:
    assert ("IRNGOV", date(2013, 8, 15), None) in _periods("Mohammad Javad Zarif")
    assert _code_on("Mohammad Javad Zarif", date(2013, 8, 14)) == set()
    assert _code_on("Mohammad Javad Zarif", date(2005, 6, 1)) == {"IRNGOV"}


def test_lavrov_is_russian_government() -> None:
    for day in (date(1999, 1, 1), date(2004, 3, 9), date(2020, 1, 1)):
        assert _code_on("Sergei Lavrov", day) == {"RUSGOV"}


def test_putin_periods() -> None:
    # [RUSELI 700101-990809] [RUSGOV 991231-080507] [RUSGOV 990809-000507] [RUSGOV >080508] [RUSELI]
    assert _code_on("Vladimir Putin", date(1990, 1, 1)) == {"RUS"}
    for day in (date(1999, 8, 9), date(2000, 5, 7), date(2008, 5, 8), date(2015, 1, 1)):
        assert _code_on("Vladimir Putin", day) == {"RUSGOV"}
    assert _periods("Putin") == _periods("Vladimir Putin"), "the alias line gets the same periods"


def test_sector_mapping() -> None:
    assert _code_on("John McCain", date(2010, 1, 1)) == {"USALEG"}            # USAGOVLEG
    assert _code_on("Abdul Rahim Wardak", date(2006, 1, 1)) == {"AFGMIL"}     # AFGGOVMIL
    assert _code_on("Abdel Fattah el-Sisi", date(2013, 1, 1)) == {"EGYMIL"}   # EGYGOVMIL
    assert _code_on("Abdel Fattah el-Sisi", date(2015, 1, 1)) == {"EGYGOV"}
    assert _code_on("Hamid Karzai", date(1990, 1, 1)) == {"AFG"}              # AFGELI: country only


def test_non_iso_countries_and_territories() -> None:
    assert _code_on("Erich Honecker", date(1980, 1, 1)) == {"DEUGOV"}         # DDRGOV
    assert _code_on("Frank Savage", date(2000, 1, 1)) == {"VGBGOV"}           # GBRVGBGOV


def test_names_are_in_normal_case() -> None:
    names = {n for n, *_ in _persons()}
    assert {"Bashar al-Assad", "John McCain", "Xi Jinping", "Putin"} <= names
    assert not any(n.isupper() and len(n) > 4 for n in names)


def test_countries_and_institutions_are_not_persons() -> None:
    names = {n for n, *_ in _persons()}
    assert not {"Afghanistan", "Croatia", "Kabul", "Knesset", "Mossad", "Assad Regime",
                "Federal Security Service", "Communist Party of China"} & names


# ----------------------------------------------------------------------------- organisations

def test_org_rows_parse() -> None:
    rows = lexicon.tsv(ORGS)
    assert len(rows) >= 1000
    assert len({tuple(r) for r in rows}) == len(rows)
    for row in rows:
        assert len(row) == 3, row
        name, code, kind = row
        assert name and name == name.strip() and "_" not in name, row
        assert kind in {"igo", "ngo", "armed"}, row
        assert ORG_CODE.match(code), row
        if kind == "armed" and code.endswith("REB"):
            assert len(code) == 6 and is_country(code[:3]), row
    assert {k for *_, k in rows} == {"igo", "ngo", "armed"}


def test_known_organisations() -> None:
    orgs = _orgs()
    assert ("NATO", "igo") in orgs["North Atlantic Treaty Organization"]
    assert ("IAEA", "igo") in orgs["IAEA"]
    assert ("UN", "igo") in orgs["the United Nations"]
    assert ("AMN", "ngo") in orgs["Amnesty International"]
    assert ("ICRC", "ngo") in orgs["International Committee of the Red Cross"]
    assert ("NGAREB", "armed") in orgs["Boko Haram"]
    assert ("LBNREB", "armed") in orgs["Hezbollah"]
    assert ("ALQ", "armed") in orgs["al-Qaeda"]


def test_companies_are_not_written() -> None:
    assert "Unocal" not in _orgs()                       # UNOCAL_ [MNC]


# ----------------------------------------------------------------------------- the tool

@functools.cache
def _tool():
    """tools/derive_phoenix_actors.py, loaded as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("derive_phoenix_actors", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module            # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_tool_dates_names_and_codes() -> None:
    tool = _tool()
    assert tool.petrarch_date("990809") == date(1999, 8, 9)
    assert tool.petrarch_date("300101") == date(2030, 1, 1)
    assert tool.petrarch_date("20130815") == date(2013, 8, 15)
    assert tool.normal_case("MOHAMMAD_JAVAD_ZARIF_") == "Mohammad Javad Zarif"
    assert tool.normal_case("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert tool.normal_case("OSAMA_BIN_LADEN") == "Osama bin Laden"
    assert tool.normal_case("THOMAS_P._O'NEILL") == "Thomas P. O'Neill"
    assert tool.normal_case("POPE_JOHN_PAUL_II") == "Pope John Paul II"
    assert tool.person_code("IRNGOVBUS") == ("IRNGOV", "GOV")
    assert tool.person_code("RUSGOVMIL")[0] == "RUSMIL"
    assert tool.person_code("USRGOV")[0] == "RUSGOV"
    assert tool.person_code("KSVGOV")[0] is None
    assert tool.igo_code("IGOUNOHLHWHO") == "WHO"
    assert tool.igo_code("IGOWSTNAT") == "NATO"
    assert tool.ngo_code("NGOUSAHRI") == "USACVL"
    assert tool.armed_code("PSEREBHMS")[0] == "PSEREB"
    assert tool.armed_code("MEAREB")[0] is None


def test_tool_resolves_overlaps_like_petrarch_with_offices_first() -> None:
    tool = _tool()
    stats: Counter = Counter()
    rs = [tool.parse_restriction(t, stats) for t in
          ("AFGELI 320101-331108", "AFGGOV 331108-730717", "AFGELI 730717-070723")]
    assert tool.merge(tool.timeline(rs)) == [
        (date(1932, 1, 1), date(1933, 11, 7), "AFGELI"),
        (date(1933, 11, 8), date(1973, 7, 17), "AFGGOV"),
        (date(1973, 7, 18), date(2007, 7, 23), "AFGELI"),
    ]


def test_tables_re_derive_from_the_dictionaries(tmp_path: Path) -> None:
    source = shared("reference/petrarch2")
    assert _tool().main([str(source), "--out", str(tmp_path)]) == 0
    for path in (PERSONS, ORGS):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"{path.name} is stale"


# ----------------------------------------------------------------------------- wired into the gazetteer

@pytest.mark.parametrize("name,code", [
    ("Islamic Army of Aden", "YEMREB"),  # only Phoenix has it
    ("Boko Haram", "NGAREB"),
    ("International Crisis Group", "ICG"),
    ("Basque Fatherland and Liberty", "ESPREB"),
    ("Hezbollah", "LBNREB"),  # the hand table's row comes first
])
def test_phoenix_organisations_are_gazetteer_aliases(name: str, code: str) -> None:
    from dyad.extract.actors import gazetteer

    entry = gazetteer.lookup(name)
    assert entry is not None and entry.code == code


@pytest.mark.parametrize("name", ["Tigers", "Falcon", "UN Secretary General", "Greenpeace"])
def test_one_word_names_titles_and_generic_codes_stay_out(name: str) -> None:
    from dyad.extract.actors import gazetteer

    assert gazetteer.lookup(name) is None
