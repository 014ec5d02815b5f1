"""Coreference of persons: surnames, titles and descriptions resolve to a person introduced
by name, when the description's role words and country are compatible with that person's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from dyad.codes import split_code
from dyad.extract.actors import gazetteer as codes
from dyad.extract.actors import roles
from dyad.extract.actors.doc import Doc, Occ, slug, surname_forms
from dyad.extract.actors.roles import Role

#: last words of institution phrases ("ministry", "embassy", "army"): "the ministry's spokeswoman"
#: takes the country of the ministry last named ("Kazakhstan's Foreign Ministry")
INSTITUTION_HEADS = {k.split()[-1] for k in codes.INSTITUTIONS}
#: "the ministry", "the foreign ministry's": a definite phrase that ends there ("the military
#: intervention" is an intervention, not the army)
_DEFINITE = re.compile(
    r"\bthe ([a-z]+(?: [a-z]+)?)(?:'s)?\b"
    r"(?=$|'s|[^\w\s]|\s+(?:of|for|in|on|at|to|and|or|with|from|until|since|under|who|that)\b)")


@dataclass(slots=True)
class Person:
    key: str
    name: str
    roles: list[Role] = field(default_factory=list)
    last_pos: int = -1
    last_sentence: int = -1
    holder: roles.Holder | None = None
    holder_fits: bool = False

    def country(self) -> str | None:
        for r in self.roles:
            if r.country and r.kind == "office":
                return r.country
        for r in self.roles:
            if r.country:
                return r.country
        return self.holder.country if self.holder else None

    def words(self) -> set[str]:
        out: set[str] = set()
        for r in self.roles:
            out |= r.words
        if self.holder and self.holder_fits:
            out |= set(re.findall(r"[a-z]+", self.holder.role.lower()))
        return out

    def classes(self) -> set[str]:
        out: set[str] = set()
        for r in self.roles:
            out |= r.classes
        if self.holder and self.holder_fits:
            out |= {rw.cls for w in roles.find_role_words(self.holder.role) for rw in [roles.ROLE_WORDS[w[2]]]}
        return out


def best_role(p: Person) -> Role | None:
    if not p.roles:
        return None
    order = {id(r): n for n, r in enumerate(p.roles)}
    return max(p.roles, key=lambda r: (r.sector is not None and not r.former, r.country is not None, -order[id(r)]))


def compatible(p: Person, r: Role) -> bool:
    """A description fits a person: same role class, no modifier the person's roles lack
    ("the energy minister" is not the "Deputy Oil Minister"), no other country."""
    if not p.roles and not (p.holder and p.holder_fits):
        return False
    if not (r.classes & p.classes()):
        return False
    if r.mods and not r.mods <= p.words():
        return False
    pc = p.country()
    return r.country is None or pc is None or r.country == pc


def anchor_institutions(found: list[Role], institutions: list[tuple[int, str, str]]) -> None:
    """A role that names "the ministry" without a country takes the country (and sector) of the
    ministry named last before it. ``institutions``: (start offset, head word, code), in text order."""
    last: dict[str, str] = {}  # head word -> code of the latest institution so far
    k = 0
    for r in sorted(found, key=lambda r: r.start):
        while k < len(institutions) and institutions[k][0] < r.start:
            last[institutions[k][1]] = institutions[k][2]
            k += 1
        if r.country is not None or r.org is not None:
            continue
        low = r.text.lower().replace("\u2019", "'")
        heads = [h.split()[-1] for h in _DEFINITE.findall(low)]
        code = next((last[h] for h in reversed(heads) if h in INSTITUTION_HEADS and h in last), None)
        if code:
            country, sector = split_code(code)
            r.country = country
            if r.sector is None and not r.former:
                r.sector = sector


def resolve(doc: Doc, occs: list[Occ], descs: list[Role]) -> tuple[dict[str, Person], dict[int, str]]:
    """Persons keyed by slug, with their roles; and the person key of each resolved description."""
    toks = doc.toks
    article = doc.article
    persons: dict[str, Person] = {}
    by_surname: dict[str, str] = {}
    full_names = [o for o in occs if o.kind == "name"]
    for o in full_names:
        canon, h, fits = roles.holder(o.name, article.date)
        key = "person:" + slug(canon)
        if key not in persons:
            persons[key] = Person(key=key, name=o.name if h is None else o.name, holder=h, holder_fits=fits)
            for form in surname_forms(o.name):
                by_surname.setdefault(form, key)
        o.key = key
    for o in occs:
        if o.kind != "surname":
            continue
        key = by_surname.get(o.name.lower())
        if key is None:
            canon, h, fits = roles.holder(o.name, article.date)
            key = "person:" + slug(canon)
            if key not in persons:
                persons[key] = Person(key=key, name=canon, holder=h, holder_fits=fits)
                by_surname[o.name.lower()] = key
        o.key = key

    # sweep in text order: names take their roles; descriptions resolve or wait
    items: list[tuple[int, int, object]] = [(toks[o.i].start, 0, o) for o in occs] + [(d.start, 1, d) for d in descs]
    items.sort(key=lambda x: (x[0], x[1]))
    pending: list[Role] = []
    desc_key: dict[int, str] = {}
    recent: Person | None = None  # the person named or described last
    for _, _, item in items:
        if isinstance(item, Occ):
            p = persons[item.key]
            sent = toks[item.i].sentence
            introduced = p.last_pos < 0
            if item.roles:
                p.roles.extend(item.roles)
            for d in list(pending) if introduced else ():  # a description waits for a new name only
                if sent - d.sentence > 3:
                    pending.remove(d)
                    continue
                fits = compatible(p, d) if (item.roles or p.roles) else (
                    d.country is None or p.country() is None or d.country == p.country())
                if fits:
                    p.roles.append(d)
                    desc_key[id(d)] = p.key
                    pending.remove(d)
                    break
            p.last_pos, p.last_sentence = toks[item.i].start, sent
            recent = p
        else:
            d = item
            best: Person | None = None
            for p in persons.values():
                if p.last_pos < 0 or p.last_pos > d.start:
                    continue
                ok = compatible(p, d)
                if not ok and not p.roles and d.kind == "expert" and d.sentence - p.last_sentence <= 4:
                    ok = recent is p and (d.country is None or p.country() is None or d.country == p.country())
                if ok and (best is None or p.last_pos > best.last_pos):
                    best = p
            if best is not None:
                best.roles.append(d)
                desc_key[id(d)] = best.key
                best.last_pos, best.last_sentence = d.start, d.sentence
                recent = best
            else:
                pending.append(d)
    return persons, desc_key
