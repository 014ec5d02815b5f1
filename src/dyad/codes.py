"""The actor-code grammar: one definition of sectors, splitting a code, its country, dyads.

A Dyad actor code is an ISO 3166-1 alpha-3 country code, optionally followed by one sector
(``IRN``, ``IRNGOV``, ``RUSMIL``), or an organisation's own code (``NATO``, ``UN``, ``SCO``).
Codes read from elsewhere (CAMEO, GDELT, PLOVER files) may stack several CAMEO sectors
(``IRNGOVDIP``); ``country_of`` accepts those too.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pycountry

from dyad.records import Actor

#: The sectors Dyad assigns, with their names for display.
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "DIP": "diplomacy", "LEG": "legislature",
    "JUD": "judiciary", "MED": "media", "BUS": "business", "OPP": "opposition",
    "REB": "rebels", "CVL": "civilians", "COP": "police", "REF": "refugees", "LAB": "labour",
}
SECTORS = tuple(SECTOR_NAMES)
#: Every CAMEO sector code that may follow a country code in a code from elsewhere.
CAMEO_SECTORS = frozenset(SECTORS) | frozenset(
    "SPY ELI EDU HLH NGO IGO REL CRM AGR ENV INS SEP UAF MOD RAD".split()
)


@lru_cache(maxsize=4096)
def is_country(code: str) -> bool:
    """``code`` is an ISO 3166-1 alpha-3 country code ("IRN"; not "NATO", "SCO")."""
    return len(code) == 3 and code.isalpha() and code.isupper() and pycountry.countries.get(alpha_3=code) is not None


def split_code(code: str) -> tuple[str | None, str | None]:
    """``"IRNGOV"`` -> ``("IRN", "GOV")``, ``"IRN"`` -> ``("IRN", None)``; organisations and
    anything else -> ``(None, None)``."""
    if len(code) == 6 and code[3:] in SECTOR_NAMES and is_country(code[:3]):
        return code[:3], code[3:]
    if is_country(code):
        return code, None
    return None, None


def country_of(code: str) -> str:
    """The country part of an actor code: its first three letters when it is an ISO-style
    country code followed by CAMEO sectors (``"IRN"``, ``"IRNGOV"``, ``"IRNGOVDIP"``), else
    the whole code, so an organisation (``"NATO"``) is its own side of a dyad."""
    code = code.strip().upper()
    if len(code) >= 3 and code[:3].isalpha():
        rest = code[3:]
        if all(rest[i:i + 3] in CAMEO_SECTORS for i in range(0, len(rest), 3)):
            return code[:3]
    return code


def countries(codes: Iterable[str]) -> list[str]:
    """The sorted, distinct country parts of ``codes``."""
    return sorted({country_of(c) for c in codes if c})


def dyad_direction(
    source_countries: Iterable[str], target_countries: Iterable[str], a: str, b: str
) -> str | None:
    """``"a->b"`` when ``a`` is among the sources and ``b`` among the targets, ``"b->a"``
    for the reverse, ``None`` when the event is not between them (a->b wins when both)."""
    src, tgt = set(source_countries), set(target_countries)
    if a in src and b in tgt:
        return f"{a}->{b}"
    if b in src and a in tgt:
        return f"{b}->{a}"
    return None


def parse_dyad(value: str) -> tuple[str, str]:
    """``"IRN-RUS"``, ``"IRN,RUS"`` or ``"IRN:RUS"`` -> ``("IRN", "RUS")``; ``ValueError`` otherwise."""
    parts = [p.strip().upper() for p in value.replace(",", "-").replace(":", "-").split("-") if p.strip()]
    if len(parts) != 2 or not all(p.isalnum() for p in parts):
        raise ValueError(f"expected two actor codes like IRN-RUS, not {value!r}")
    return parts[0], parts[1]


def country_level(actor: Actor) -> str | None:
    """The code a non-person actor stands for as a side: ``IRNGOV`` -> ``IRN``; an
    organisation keeps its own code; ``None`` for a person."""
    if actor.type == "person":
        return None
    if actor.type == "org" and actor.code and not (actor.country and actor.code.startswith(actor.country)):
        return actor.code
    return actor.country or actor.code or None
