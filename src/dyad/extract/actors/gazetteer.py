"""Country and organisation codes: the alias gazetteer behind ``extract.actors``.

Data (all in ``extract/data/``): ``actor_aliases.json`` (demonyms, long names, capitals and
seats as metonyms, named institutions, organisations, blocs; short country names for display;
cities and regions as places that give a country but are no actor), ``institutions.tsv`` (words that
turn a country into a sector: "Russian army" -> RUSMIL), ``outlets.tsv`` (an outlet's home
country), ``armed_groups.tsv`` (well-known armed groups and parties with their country and sector), then
``phoenix_orgs.tsv`` (organisations and armed groups derived from the Phoenix dictionaries, for
names the hand tables lack); dotted spellings of short acronyms ("U.K.") are added. Country names come from ``pycountry`` (every ISO 3166-1 entry). Last,
``places.tsv`` (world cities and subdivisions, derived from GeoNames and ISO 3166-2 by
``tools/derive_places.py``) gives places under names nothing else claims; such a place (kind
``geo``) matches only words that spaCy tagged as a place or that follow "in", "near", "outside"
or "from", so "Charlotte" the person and "in March" the month stay what they are. Everything is read and compiled once, at import.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from dyad.codes import split_code
from dyad.extract import lexicon
from dyad.records import Token

DATA = Path(__file__).resolve().parent / "data"
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " "})
_FIRST = re.compile(r"[\w.]+|\S")


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lower-case, straight apostrophes, single spaces."""
    return " ".join(text.translate(_APOS).lower().split())


@dataclass(frozen=True, slots=True)
class Alias:
    written: str  # as in the table, for the case check
    code: str  # "IRN", "IRNGOV", "NATO", a place's country ("Tabriz" -> "IRN"), "" for a blocker
    type: str  # "country" | "org" | "place" | "none"
    kind: str  # "name" | "alias" | "demonym" | "place" | "geo" (a world place: spaCy must agree)


def _tsv(name: str) -> list[list[str]]:
    return lexicon.tsv(DATA / name)


def _load() -> tuple[dict[str, list[Alias]], dict[str, str], dict[str, str]]:
    table: dict[str, list[Alias]] = {}
    names: dict[str, str] = {}

    def add(written: str, code: str, type_: str, kind: str) -> None:
        table.setdefault(norm(written), []).insert(0, Alias(written.translate(_APOS), code, type_, kind))

    raw = json.loads((DATA / "actor_aliases.json").read_text(encoding="utf-8"))
    for code, values in raw.get("places", {}).items():  # first, so that actors win a tie
        for value in values:
            add(value, code, "place", "place")
    short = raw.get("short_names", {})
    for c in pycountry.countries:
        names[c.alpha_3] = short.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                add(value, c.alpha_3, "country", "name")
                if attr == "official_name":
                    add("the " + value, c.alpha_3, "country", "name")
    for code, groups in raw["countries"].items():
        for group, values in groups.items():
            for value in values:
                if group == "names":
                    add(value, code, "country", "name")
                elif group == "demonyms":
                    add(value, code, "country", "demonym")
                else:
                    add(value, code + group, "country", "alias")
    for name, code in _tsv("armed_groups.tsv"):  # groups named without their country: "UNITA"
        add(name, code, "country", "alias")
    for code, values in raw["orgs"].items():
        names[code] = max(values, key=len).removeprefix("the ")
        for value in values:
            add(value, code, "org", "name" if value.isupper() else "alias")
    names["WST"] = "the West"
    for value in raw.get("not_actors", []):
        add(value, "", "none", "name")
    for written, code, type_, kind in _dotted(table):
        add(written, code, type_, kind)
    for written, code, type_ in _phoenix_orgs(table):
        add(written, code, type_, "alias")
        if type_ == "org":
            names.setdefault(code, written)
    outlets = {norm(r[0]): r[1] for r in _tsv("outlets.tsv")}
    for name, country, _people, _kind in _tsv("places.tsv"):
        if norm(name) not in table and norm(name) not in outlets:
            add(name, country, "place", "geo")
    return table, names, outlets


_ACRONYM = re.compile(r"^(the )?([A-Z]{2,3})$")


def _dotted(table: dict[str, list[Alias]]) -> list[tuple[str, str, str, str]]:
    """The dotted spelling of every short all-capital alias ("U.K." for "UK", "the E.U." for
    "the EU") that the tables do not spell themselves."""
    out = []
    for entries in table.values():
        for e in entries:
            m = _ACRONYM.match(e.written)
            if m and e.code:
                dotted = (m.group(1) or "") + "".join(c + "." for c in m.group(2))
                if norm(dotted) not in table:
                    out.append((dotted, e.code, e.type, e.kind))
    return out


_GENERIC_ORGS = {"IGO", "NGO"}  # Phoenix's catch-all codes name no organisation
_PAREN = re.compile(r"\s*\([^)]*\)")


def _phoenix_orgs(table: dict[str, list[Alias]]) -> list[tuple[str, str, str]]:
    """Organisations and armed groups of ``phoenix_orgs.tsv`` that the hand tables do not name:
    (name, code, type). Kept: names of two or more words, all-capital acronyms of three or more
    letters and "al-" names; parentheses cut ("Aden Abyan Islamic Army (AAIA)"). Left out:
    one-word names ("Tigers", "Falcon" would match common words), names holding a role word
    ("UN Secretary General" is a person's title, read by the role rules), generic codes."""
    role_words = [r[0] for r in _tsv("roles.tsv")]
    role_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in role_words) + r")(?![\w-])")
    out = []
    seen = set(table)
    for name, code, _kind in _tsv("phoenix_orgs.tsv"):
        name = _PAREN.sub("", name).strip()
        if code in _GENERIC_ORGS or "+" in name or norm(name) in seen or role_re.search(norm(name)):
            continue
        if len(name.split()) < 2 and not (len(name) >= 3 and name.replace("-", "").isupper()) \
                and not name.lower().startswith("al-"):
            continue
        seen.add(norm(name))  # the first row of a name wins
        out.append((name, code, "country" if split_code(code)[0] else "org"))
    return out


ALIASES, NAMES, OUTLETS = _load()
INSTITUTIONS: dict[str, str] = {norm(r[0]): r[1] for r in _tsv("institutions.tsv")}
_INST_MAX = max(len(k.split()) for k in INSTITUTIONS)
_MAX_CHARS = max(len(k) for k in ALIASES)
_STARTS = {m.group(0) for k in ALIASES for m in [_FIRST.match(k)] if m} | {k.split()[0] for k in ALIASES}
#: every prefix of a normalised alias: a span that is none of them cannot grow into a match
_PREFIXES = frozenset(k[:n] for k in ALIASES for n in range(1, len(k) + 1))


def _case_ok(alias: str, text: str) -> bool:
    a_words, t_words = alias.split(), text.translate(_APOS).split()
    if len(a_words) != len(t_words):
        return norm(alias) == norm(text)
    for a, t in zip(a_words, t_words):
        if len(a) > 1 and a.isupper() and a.replace(".", "").isalpha() and a != t:
            return False
        if a[:1].isupper() and not t[:1].isupper():
            return False
    return True


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer match over tokens ``i`` .. ``j`` (exclusive)."""

    i: int
    j: int
    code: str
    type: str
    kind: str


def lookup(text: str) -> Alias | None:
    """The alias entry for a whole string, if any (case rules applied)."""
    for entry in ALIASES.get(norm(text), ()):
        if _case_ok(entry.written, text.strip()):
            return entry
    return None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


_PLACE_PREPS = frozenset({"in", "near", "outside", "from"})
_NOT_PLACES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT"})


def _tagged_place(toks: tuple[Token, ...], i: int, j: int) -> bool:
    """Whether tokens ``i`` .. ``j`` (exclusive) read as a place: spaCy tagged them as one, or
    they follow "in", "near", "outside" or "from" directly and are no date or number ("in
    Malmo", which the small model may take for a person; "in March" stays a month)."""
    if all(toks[k].ent_type in _PLACE_LABELS for k in range(i, j)):
        return True
    return i > 0 and toks[i - 1].text.lower() in _PLACE_PREPS and toks[j - 1].dep == "pobj" \
        and not any(toks[k].ent_type in _NOT_PLACES for k in range(i, j))


def match_tokens(text: str, toks: tuple[Token, ...], first: int, last: int) -> list[Hit]:
    """Longest alias matches over tokens ``first`` .. ``last`` (exclusive), left to right."""
    hits: list[Hit] = []
    i = first
    while i < last:
        t = toks[i]
        best: Hit | None = None
        if norm(t.text) in _STARTS:
            j = i
            while j < last and toks[j].end - t.start <= _MAX_CHARS:
                span = text[t.start : toks[j].end]
                key = norm(span)
                if key not in _PREFIXES:
                    break
                entries = ALIASES.get(key)
                if entries:
                    for e in entries:
                        if e.kind == "geo" and not _tagged_place(toks, i, j + 1):
                            continue
                        if _case_ok(e.written, span):
                            best = Hit(i, j + 1, e.code, e.type, e.kind)
                            break
                if toks[j].pos == "SPACE" or toks[j].sentence != t.sentence:
                    break
                j += 1
        if best is not None:
            if best.code:
                hits.append(best)
            i = best.j
        else:
            i += 1
    return hits


def institution_at(toks: tuple[Token, ...], i: int, last: int) -> tuple[int, str] | None:
    """An institution phrase starting at token ``i``: (end token, sector)."""
    words: list[str] = []
    found = None
    for j in range(i, min(last, i + _INST_MAX)):
        words.append(toks[j].text.lower())
        sector = INSTITUTIONS.get(" ".join(words))
        if sector:
            found = (j + 1, sector)
    return found


def country_name(code: str) -> str:
    return NAMES.get(code[:3], code[:3]) if len(code) in (3, 6) else NAMES.get(code, code)


def outlet_country(outlet: str | None) -> str | None:
    if not outlet:
        return None
    return OUTLETS.get(norm(outlet).removeprefix("the "))


def is_outlet(name: str) -> bool:
    """A name in the outlet table ("IRNA", "the Tehran Times")."""
    low = norm(name)
    return low in OUTLETS or low.removeprefix("the ") in OUTLETS


def place_country(name: str) -> str | None:
    """The country of a place, capital or country name ("Tabriz", "Baku", "Iran"); None if unknown."""
    entry = lookup(name)
    if entry is None or entry.type not in ("place", "country"):
        return None
    return entry.code[:3]
