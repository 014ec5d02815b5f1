"""Targets a relative pronoun stands for: "Assad, who Rycroft said was bringing Moscow shame"
judges Assad. The pronoun ("who", "which", "whom", "that") is a target like the mention its
clause hangs on: climb from the pronoun to the relative clause (``relcl``), through the clauses
it sits in ("said ... was bringing"), and take the noun the clause modifies when a mention
heads it.
"""
from __future__ import annotations

RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
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
        if ref is not None and ref in heads:
            key, side = heads[ref]
            out.append((t.i, key, side))
    return out


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
