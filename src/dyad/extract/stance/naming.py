"""Naming frames: "X called Sudria a threat", "X named both groups as terrorists", "Sudria was
branded an aggressor by X", "X sees Sudria as a partner".

The verb (``naming_verbs`` of ``data/words.json``) names its object (the subject, when
passive) as what its complement says: the polarity words of that complement (its ``oprd``,
``attr`` or ``xcomp``, or the object of "as"), each flipped where a negator reaches it, judge
the object. The namer, found by the caller, holds the stance. The complement may be a quote
("which she called 'a threat'"): the words are the speaker's, the naming is the report's.
"""
from __future__ import annotations

from dyad.extract.stance.cues import LEXICON, WORDS

NAMING_VERBS = WORDS["naming_verbs"]
_COMPLEMENTS = frozenset({"oprd", "attr", "xcomp", "acomp"})


def named(tree, v: int, phrase) -> list[tuple[float, set[int]]]:
    """(value, object tokens) for a naming verb at v; ``phrase(c)`` gives the noun phrase at c
    with its coordinated nouns."""
    toks = tree.toks
    if toks[v].lemma.lower() not in NAMING_VERBS:
        return []
    passive = any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.children[v])
    objs: set[int] = set()
    complement: set[int] = set()
    for c in tree.children[v]:
        dep = toks[c].dep
        if dep == ("nsubjpass" if passive else "dobj"):
            objs |= phrase(c)
        elif dep in _COMPLEMENTS or dep == "prep" and toks[c].text.lower() == "as":
            complement |= tree.within(c)
    value = 0.0
    for j in sorted(complement - objs):
        word = LEXICON.get(toks[j].text.lower(), LEXICON.get(toks[j].lemma.lower()))
        if word:
            value += -word if tree.negated(j) else word
    return [(value, objs)] if value and objs else []
