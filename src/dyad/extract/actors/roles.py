"""Role phrases ("Iran's envoy to Russia", "former member of the parliament") to codes.

Data: ``extract/data/roles.tsv`` (role words -> sector, class, kind) and
``extract/data/office_holders.tsv`` (well-known office holders with date ranges).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dyad.codes import split_code
from dyad.extract import lexicon
from dyad.extract.actors.gazetteer import (
    DATA,
    INSTITUTIONS,
    Hit,
    institution_at,
    outlet_country,
)
from dyad.records import Token

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")


@dataclass(frozen=True, slots=True)
class RoleWord:
    sector: str | None
    cls: str
    kind: str  # "office" | "expert"


ROLE_WORDS: dict[str, RoleWord] = {
    r[0]: RoleWord(None if r[1] == "-" else r[1], r[2], r[3]) for r in lexicon.tsv(DATA / "roles.tsv")
}
_ROLE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True)) + r")(?![\w-])"
)
_INST_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(INSTITUTIONS, key=len, reverse=True)) + r")(?![\w-])"
)
ROLE_FIRST_WORDS = {w.split()[0].split("-")[0] for w in ROLE_WORDS}
FORMER = WORDS["former"]
TOPIC_NOUNS = WORDS["topic_nouns"]
POSTED_CLASSES = WORDS["posted_classes"]
LOCATION_PREPS = WORDS["location_preps"]
GENERIC_MODIFIERS = WORDS["generic_modifiers"]
_WORDS = re.compile(r"[a-z]+")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})


@dataclass(slots=True)
class Role:
    """What a role phrase says about a person."""

    text: str
    start: int
    end: int
    sentence: int
    word: str | None = None  # the decisive role word ("envoy")
    cls: str | None = None
    kind: str = "office"
    sector: str | None = None
    country: str | None = None
    org: str | None = None  # an organisation code the role names ("NATO")
    former: bool = False
    classes: set[str] = field(default_factory=set)
    mods: frozenset[str] = frozenset()  # content words before the role word ("deputy", "oil")
    owner: int | None = None  # last token of a person's name that holds the role ("Brel's aide")

    @property
    def words(self) -> set[str]:
        return set(_WORDS.findall(self.text.translate(_APOS).lower()))

    @property
    def code(self) -> str:
        if self.country:
            return self.country + (self.sector or "") if not self.former else self.country
        return self.org or ""


def find_role_words(phrase: str) -> list[tuple[int, int, str]]:
    """Role words in a phrase: (start, end, word) with offsets into ``phrase``."""
    low = phrase.translate(_APOS).lower()
    return [(m.start(), m.end(), m.group(0)) for m in _ROLE_RE.finditer(low)]


def outlet_role(text: str, toks: tuple[Token, ...], i: int, j: int) -> Role | None:
    """A journalist named by the outlet before their name: "BBC's", "CBS News'"."""
    start, end = toks[i].start, toks[j - 1].end
    phrase = text[start:end]
    country = outlet_country(phrase.removeprefix("the ").removeprefix("The "))
    if country is None:
        return None
    return Role(text=phrase, start=start, end=end, sentence=toks[i].sentence, cls="journalist",
                classes={"journalist"}, sector="MED", country=country)


_COMPLEMENT = re.compile(r"\b(?:of|to|for)\b")
#: classes whose holder works in the office their complement names ("deputy of the minister")
HEAD_CLASSES = {"deputy", "head", "director"}


def _decisive(phrase: str, words: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """The role word that decides the sector: the first with a sector, else the first; a role
    word inside an of/to/for complement names someone else ("an associate of oligarch X", "the
    mother of the president") unless the first word heads that office ("deputy of the minister")."""
    first = words[0]
    own = [w for w in words if not _COMPLEMENT.search(phrase[first[1]:w[0]].lower())]
    if ROLE_WORDS[first[2]].cls in HEAD_CLASSES:
        own = words
    return next((w for w in own if ROLE_WORDS[w[2]].sector), first)


@lru_cache(maxsize=1 << 15)
def has_role_word(phrase: str) -> bool:
    return _ROLE_RE.search(phrase.translate(_APOS).lower()) is not None


def analyse(text: str, toks: tuple[Token, ...], i: int, j: int, hits: list[Hit]) -> Role | None:
    """Read the role phrase over tokens ``i`` .. ``j``; ``hits`` are the alias matches inside it."""
    start, end = toks[i].start, toks[j - 1].end
    phrase = text[start:end]
    words = find_role_words(phrase)
    if not words:
        return None
    role = Role(text=phrase, start=start, end=end, sentence=toks[i].sentence)
    best = _decisive(phrase, words)
    rw = ROLE_WORDS[best[2]]
    role.word, role.cls, role.kind, role.sector = best[2], rw.cls, rw.kind, rw.sector
    role.classes = {ROLE_WORDS[w[2]].cls for w in words}
    if "deputy" in role.classes and len(role.classes) > 1:  # "Deputy Energy Minister" ~ "the deputy minister"
        role.classes = {c if c.startswith("deputy") else "deputy-" + c for c in role.classes if c != "deputy"}
        role.cls = role.cls if role.cls.startswith("deputy") else "deputy-" + role.cls
    head_start = start + best[0]
    head_end = start + best[1]
    in_hit = {k for h in hits for k in range(h.i, h.j)}
    role.mods = frozenset(
        toks[k].text.lower() for k in range(i, j)
        if toks[k].end <= head_start and k not in in_hit and toks[k].pos in ("NOUN", "ADJ", "PROPN")
        and toks[k].tag not in ("VBN", "VBG") and toks[k].text.lower() not in GENERIC_MODIFIERS
        and toks[k].text.lower() not in FORMER
    )
    low = phrase.lower()
    if role.sector is None and rw.kind == "office":
        inst = _INST_RE.search(low)
        if inst:
            role.sector = INSTITUTIONS[inst.group(0)]
    role.former = any(toks[k].text.lower() in FORMER for k in range(i, j) if toks[k].start < head_start)
    for h in hits:
        hs = toks[h.i].start
        country, sector = split_code(h.code)
        if h.type == "place":
            country, sector = h.code[:3], None
        nxt = toks[h.j].text.lower() if h.j < j else ""
        if nxt in TOPIC_NOUNS:
            continue  # "Russian affairs expert", "an expert on Iran affairs": a topic
        located = h.type == "place" or _based(toks, h.j, j)  # "a Moscow-based analyst"
        if hs >= head_end:
            home, located = _home_after(toks, i, h, start, words, located)
        else:
            home = True
        if not home:
            continue
        if located:
            sector = None  # a city gives the country, not a sector ("an analyst in Baku")
        elif country and sector is None:
            sector = _institution_after(toks, h, j)  # "the Syrian opposition", "Iran's parliament"
        if country:
            if role.country is None:
                role.country = country
            if sector and (role.sector is None or (role.sector == rw.sector and sector in OWN_SECTORS.get(rw.sector, ()))):
                role.sector = sector  # "a spokesman for the army", "a Taliban commander": the body's
        elif h.type == "org" and role.org is None:
            role.org = h.code
    if role.sector is None and rw.kind == "office" and role.country:
        role.sector = _state_body(toks, i, head_start, hits)
    return role


def _based(toks: tuple[Token, ...], k: int, j: int) -> bool:
    """ "-based" right after a place: "the Vienna-based firm", "a Moscow-based analyst"."""
    return k + 1 < j and toks[k].text in ("-", "\u2011") and toks[k + 1].text.lower() == "based"


#: sectors of a body that outweigh the sector of a generic role word: a spokesman or official
#: (GOV) speaks for the army, the courts, a party; a commander (MIL) of an armed group is a rebel
OWN_SECTORS = {"GOV": {"MIL", "REB", "OPP", "LEG", "JUD", "MED", "BUS", "COP", "CVL"}, "MIL": {"REB"}}
STATE_BODY_HEADS = WORDS["state_body_heads"]


def _home_after(toks: tuple[Token, ...], i: int, h: Hit, start: int, words: list[tuple[int, int, str]],
                located: bool) -> tuple[bool, bool]:
    """Whether a country or place named after the role word is the person's own, and whether it
    only places them. The role word that governs it is the last one before it ("an analyst and
    member of the Syrian opposition": "member"); "envoy to Russia" is a posting, "envoy of Iran"
    the home; a demonym that opens a name is an organisation's ("expert at the Russian
    International Affairs Council")."""
    hs = toks[h.i].start
    governing = [w for w in words if start + w[1] <= hs][-1]
    rw, head_end = ROLE_WORDS[governing[2]], start + governing[1]
    between = [k for k in range(i, h.i) if toks[k].start >= head_end]
    preps = [toks[k].text.lower() for k in between if toks[k].pos == "ADP"]
    prep = preps[-1] if preps else ""
    based = any(toks[k].text.lower() == "based" for k in between)
    named = h.kind == "demonym" and h.j < len(toks) and toks[h.j].pos == "PROPN" and toks[h.j].text[:1].isupper()
    if named and prep in ("at", "of", "for", "with", "from"):
        return True, False
    if prep in LOCATION_PREPS and h.kind != "demonym" and (
            based or rw.kind == "expert" or (located and rw.cls not in POSTED_CLASSES) or prep == "from"):
        return True, True  # where the person is: "based in Tbilisi", "from Tabriz"
    return rw.kind == "office" and prep in ("of", "for", "from", ""), located


def _institution_after(toks: tuple[Token, ...], h: Hit, j: int) -> str | None:
    """The sector of an institution word right after a country ("Syrian opposition",
    "Iran's parliament"), inside the role phrase."""
    k = h.j + (1 if h.j < j and (toks[h.j].tag == "POS" or toks[h.j].text in ("'s", "\u2019s")) else 0)
    found = institution_at(toks, k, j)
    return found[1] if found is not None else None


def _state_body(toks: tuple[Token, ...], i: int, head_start: int, hits: list[Hit]) -> str | None:
    """GOV for an office in a named state body after its country: "Iran's Trade Promotion
    Organization chief", "the Russian Federal Security Service director"."""
    before = [h for h in hits if toks[h.j - 1].end <= head_start and split_code(h.code)[0] and h.type != "place"]
    if not before:
        return None
    k = max(h.j for h in before)
    name = [t for t in toks[k:] if t.end <= head_start and t.tag != "POS" and t.text not in ("'s", "\u2019s")]
    if name and all(t.text[:1].isupper() for t in name) and name[-1].text.lower() in STATE_BODY_HEADS:
        return "GOV"
    return None


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    country: str | None
    org: str | None
    sector: str | None
    role: str
    start: str
    end: str


def _spelling(name: str) -> str:
    return " ".join(name.translate(_APOS).replace("-", " ").lower().split())


def _load_holders() -> tuple[dict[str, list[Holder]], dict[str, str]]:
    """Dyad's own table of office holders (``office_holders.tsv``, with roles), then the persons
    with dated codes derived from the Phoenix dictionaries (``phoenix_persons.tsv``, knowledge to
    about 2015, no role words) for every name the own table does not have."""
    by_name: dict[str, list[Holder]] = {}
    spelling: dict[str, str] = {}
    for r in lexicon.tsv(DATA / "office_holders.tsv"):
        r += [""] * (7 - len(r))
        name, others, code, sector, role, start, end = r[:7]
        country, _ = split_code(code)
        h = Holder(name, country, None if country else code, sector or None, role, start, end)
        by_name.setdefault(name, []).append(h)
        for s in [name, *filter(None, others.split("|"))]:
            spelling[_spelling(s)] = name
    own = set(spelling)
    for name, code, start, end in (r[:4] for r in lexicon.tsv(DATA / "phoenix_persons.tsv")):
        key = _spelling(name)
        if key in own or len(key.split()) < 2:
            continue
        country, sector = split_code(code)
        if country is None:
            continue
        spelling.setdefault(key, name)
        by_name.setdefault(spelling[key], []).append(Holder(spelling[key], country, None, sector, "", start, end))
    for rows in by_name.values():
        rows.sort(key=lambda h: h.start or "")
    return by_name, spelling


HOLDERS, HOLDER_SPELLINGS = _load_holders()


def holder(name: str, date: str | None) -> tuple[str, Holder | None, bool]:
    """The canonical name for a written name, its office-holder row, and whether the date fits.

    With a date, the row whose period holds it fits; with no date, or none that holds it, the
    latest row is returned as not fitting (its office is not claimed), and only when every row
    gives the person the same country: an unknown date never lets a person switch country.
    """
    canon = HOLDER_SPELLINGS.get(_spelling(name))
    if canon is None:
        return name, None, False
    rows = HOLDERS[canon]
    if date:
        for h in rows:
            if (not h.start or h.start[: len(date)] <= date) and (not h.end or date <= h.end):
                return canon, h, True
    if len({(h.country, h.org) for h in rows}) > 1:
        return canon, None, False
    return canon, rows[-1], not date
