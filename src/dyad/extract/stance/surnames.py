"""Persons named by their surname alone where no mention covers the word: "Rask thanked
Sudria" after "Ivo Rask" was introduced, when the parse or the actor linker left "Rask" bare.

A capitalised word (proper noun, or a noun the tagger took for a common one) that equals the
last name of exactly one person actor of the article, outside every mention, stands for that
person, as holder or as target. A surname that only modifies a common noun ("the Rask
government", "Rask supporters") is left alone: the phrase is about the noun.
"""
from __future__ import annotations

from collections import defaultdict

_NAME_TAGS = frozenset({"PROPN", "NOUN"})
_PARTICLES = ("al-", "el-", "bin-", "ibn-", "abu-")


def surnames(actors) -> dict[str, str]:
    """Lower-cased last name -> person key, for last names that belong to one person only."""
    owners: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        if a.type != "person" or not a.name or len(a.name.split()) < 2:
            continue
        last = a.name.split()[-1].lower()
        for form in {last, *(last[len(p):] for p in _PARTICLES if last.startswith(p))}:
            if len(form) > 2:
                owners[form].add(a.key)
    return {form: next(iter(keys)) for form, keys in owners.items() if len(keys) == 1}


def surname_heads(toks, actors, covered: set[int]) -> list[tuple[int, str]]:
    """(token, person key) for each bare surname outside the ``covered`` tokens (those of
    mentions)."""
    table = surnames(actors)
    out = []
    for t in toks:
        if t.i in covered or t.pos not in _NAME_TAGS or not t.text[:1].isupper():
            continue
        key = table.get(t.text.lower())
        if key is None:
            continue
        head = toks[t.head]
        if t.dep == "compound" and head.pos == "NOUN":
            continue  # "the Rask government"
        out.append((t.i, key))
    return out
