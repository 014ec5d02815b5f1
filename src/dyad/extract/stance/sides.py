"""Which side an actor stands on, for stances: a country (its code, whatever organ speaks for
it), the rebels or opposition of a country (``SYRREB``, ``IRNOPP``), or an organisation.

A person stands for the side of their code ("UK envoy Rut Falk" is ``GBRDIP``: the UK); a
holder's own side decides whether a relation word in their words is about them.
"""
from __future__ import annotations

from dyad.codes import SECTOR_NAMES, split_code
from dyad.records import Actor

#: Sectors that stand against their own state: a side of their own within its country. Any
#: other sector (its government, military, media, business, people ...) is the country's side.
OWN_SIDE_SECTORS = frozenset({"REB", "OPP"})


def side(code: str | None) -> str | None:
    """``RUSGOV`` -> ``RUS``; ``SYRREB`` -> ``SYRREB``; ``NATO`` -> ``NATO``; ``None`` for no code."""
    if not code:
        return None
    country, sector = split_code(code)
    if country is None and len(code) == 6 and code[:3].isalpha() and code[:3].isupper() and code[3:] in SECTOR_NAMES:
        country, sector = code[:3], code[3:]  # a country pycountry does not know
    if country is None:
        return code
    return country + sector if sector in OWN_SIDE_SECTORS else country


def actor_side(actor: Actor | None) -> str | None:
    """The side an actor (person, country or organisation) stands for."""
    if actor is None:
        return None
    if actor.code:
        return side(actor.code)
    return actor.country
