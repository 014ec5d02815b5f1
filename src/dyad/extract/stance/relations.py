"""Words that judge a relation between sides, and so the other side of it: "relations with
Sudria are at a low", "frosty ties with Sudria", "Norland cut ties with Sudria", "we are not
getting along with Sudria". Table: ``data/relations.tsv``.

A quality word judges a relation noun when it modifies it ("strained ties") or is the
predicate of a clause whose subject it is ("relations have deteriorated", "ties are at an
all-time low"); a change verb when the relation noun is its object ("cut off contacts with
X"; the subject, when passive). The parties judged are the relation noun's own: its modifiers
("US-Sudrian relations", "Sudria's ties") and the objects of "with", "between", "to".
"""
from __future__ import annotations

from pathlib import Path

from dyad.extract import lexicon

_ROWS = lexicon.tsv(Path(__file__).resolve().parent / "data" / "relations.tsv")
TABLE = {row[1].strip(): {} for row in _ROWS}
for _row in _ROWS:
    TABLE[_row[1].strip()][_row[0].strip().lower()] = float(_row[2])
RELATION_NOUNS = frozenset(TABLE.get("noun", {}))
QUALITY, CHANGE, PHRASAL = TABLE.get("quality", {}), TABLE.get("change", {}), TABLE.get("phrasal", {})
_PARTY_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_PARTY_PREPS = frozenset({"with", "between", "to", "among"})
_PREDICATES = frozenset({"acomp", "attr", "pobj", "advmod", "dobj"})
#: every word some row of the table starts with: a cheap test before reading the parse
_KNOWN = frozenset(QUALITY) | frozenset(CHANGE) | frozenset(p.split()[0] for p in PHRASAL)


def judged(tree, k: int) -> tuple[str, float, set[int]] | None:
    """(kind, value, party tokens) when the word at k judges a relation; None otherwise."""
    toks, t = tree.toks, tree.toks[k]
    lemma = t.lemma.lower()
    if lemma not in _KNOWN and t.text.lower() not in _KNOWN:
        return None
    phrasal = next((f"{lemma} {toks[c].text.lower()}" for c in tree.children[k] if toks[c].dep == "prt"), None)
    if phrasal in PHRASAL:
        return "phrasal", PHRASAL[phrasal], _with(tree, k)
    if lemma in CHANGE and t.pos == "VERB":
        passive = any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.children[k])
        for c in tree.children[k]:
            if toks[c].dep == ("nsubjpass" if passive else "dobj") and toks[c].lemma.lower() in RELATION_NOUNS:
                return "change", CHANGE[lemma], parties(tree, c)
        return None
    value = QUALITY.get(lemma, QUALITY.get(t.text.lower()))
    if value is None:
        return None
    if t.dep == "amod" and toks[t.head].lemma.lower() in RELATION_NOUNS:
        return "quality", value, parties(tree, t.head)
    verb = _predicate_verb(tree, k)
    for c in tree.children[verb] if verb is not None else ():
        if toks[c].dep in ("nsubj", "nsubjpass") and toks[c].lemma.lower() in RELATION_NOUNS:
            return "quality", value, parties(tree, c)
    return None


def parties(tree, noun: int) -> set[int]:
    """The tokens that name the parties of the relation noun at ``noun``."""
    toks, out = tree.toks, set()
    for c in tree.children[noun]:
        dep = toks[c].dep
        if dep in _PARTY_DEPS or dep == "prep" and toks[c].text.lower() in _PARTY_PREPS:
            out |= tree.with_conjuncts(tree.within(c))
    return out


def _with(tree, v: int) -> set[int]:
    toks = tree.toks
    return set().union(*(tree.with_conjuncts(tree.within(c)) for c in tree.children[v]
                         if toks[c].dep == "prep" and toks[c].text.lower() == "with"))


def _predicate_verb(tree, k: int) -> int | None:
    """The verb of the clause whose predicate the word at k is: itself, or the copula it
    completes ("are strained"), through a preposition ("are at a low")."""
    toks, t = tree.toks, tree.toks[k]
    if t.pos in ("VERB", "AUX") and t.dep not in ("amod", "aux", "auxpass"):
        return k
    j = k
    for _ in range(3):
        if toks[j].dep not in _PREDICATES and toks[j].dep != "prep" or toks[j].head == j:
            return None
        j = toks[j].head
        if toks[j].pos in ("VERB", "AUX"):
            return j
    return None
