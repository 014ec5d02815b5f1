"""Targets a relative pronoun stands for: "Assad, who Rycroft said was bringing Moscow shame"
judges Assad. The pronoun ("who", "which", "whom", "that") is a target like the mention its
clause hangs on: climb from the pronoun to the relative clause (``relcl``), through the clauses
it sits in ("said ... was bringing"), and take the noun the clause modifies when a mention
heads it; failing that, after a comma, the mention just before it ("who" a person's,
"which" a state's or a body's).
"""
from __future__ import annotations

RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
PERSON_PRONOUNS = frozenset({"who", "whom"})
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
_CLIMB = frozenset({"ccomp", "xcomp", "conj", "advcl"})
MAX_CLIMB = 4  # clause arcs from the pronoun up to the relative clause


def relative_targets(toks, heads: dict[int, tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(token, key, side) for each relative pronoun whose antecedent is a mention head;
    ``heads`` maps a mention's head token to its (key, side)."""
    out = []
    for t in toks:
        if t.i in heads or t.tag not in _RELATIVE_TAGS or t.text.lower() not in RELATIVE_PRONOUNS:
            continue
        ref = _antecedent(toks, t.i)
        prev = _before_comma(toks, t.i) if ref not in heads else None
        if prev in heads and heads[prev][0].startswith("person:") == (t.text.lower() in PERSON_PRONOUNS):
            ref = prev  # "who" for a person, "which" for a state or a body
        if ref is not None and ref in heads:
            key, side = heads[ref]
            out.append((t.i, key, side))
    return out


def _before_comma(toks, i: int) -> int | None:
    """The word just before ", which" / ", who" when the parse hangs the clause elsewhere
    ("her remarks at Sudria, which she called ..."): a non-restrictive relative clause follows
    the noun it is about."""
    if i >= 2 and toks[i - 1].text == ",":
        return i - 2
    return None


def _antecedent(toks, i: int) -> int | None:
    """The noun the relative clause of pronoun i modifies, if any."""
    j = toks[i].head
    for _ in range(MAX_CLIMB):
        t = toks[j]
        if t.dep == "relcl":
            return t.head if t.head != j else None
        if t.dep not in _CLIMB or t.head == j:
            return None
        j = t.head
    return None
