"""Attitudes the report itself tells, outside any quote: "X accused Y of ...", "X praised Y",
"Y was condemned by X", "X posted a message blaming Y", "X spoke out against Y", and the
naming frames of ``naming`` ("X called Y a threat") and the changes of ``relations`` ("X cut
ties with Y").

The holder is the verb's subject (the agent, when passive; for a participle with no subject
of its own, the subject of the verb it hangs from: "X posted a message blaming Y"); the
targets are the actors in its object (the subject, when passive) or after a hostile
preposition ("against"). The words of the accusation itself ("accused Y of deepening
cooperation") say nothing of the holder's liking, so they are not read at all. A person may
judge their own side's people and organs ("the minister praised the army"); a state or a body
is not said to judge itself.
"""
from __future__ import annotations

from pathlib import Path

from dyad.extract import lexicon
from dyad.extract.stance import relations
from dyad.extract.stance.naming import named

_DATA = Path(__file__).resolve().parent / "data"
ATTITUDES = {row[0].strip().lower(): float(row[1]) for row in lexicon.tsv(_DATA / "attitudes.tsv")}
_WORDS = lexicon.words(_DATA / "words.json")
HOSTILE_PREPS = _WORDS["hostile_preps"]
HOSTILE_PREP_WEIGHT = -1.5
_OBJECTS = frozenset({"dobj", "dative", "attr"})
_NEGATED = frozenset({"neg"})
_CLIMB = frozenset({"acl", "advcl", "xcomp", "conj"})


def narrative_credits(tree, by_head: dict[int, tuple[str, str]], inside_quote) -> list[tuple[str, str, float, int]]:
    """(holder key, target side, value, verb token) for each attitude verb outside quotes.

    ``by_head`` maps the head token of each actor mention to (actor key, side);
    ``inside_quote(i)`` tells whether token i lies inside a quote."""
    out = []
    for t in tree.toks:
        if t.pos != "VERB" or inside_quote(t.i):
            continue
        for value, targets in _judged(tree, t.i):
            holders = _mentioned(tree, _holder_tokens(tree, t.i), by_head)
            for hkey, hside in holders:
                for tkey, tside in _mentioned(tree, targets, by_head):
                    if tkey != hkey and (tside != hside or hkey.startswith("person:")):
                        out.append((hkey, tside, value, t.i))
    return out


def _judged(tree, v: int) -> list[tuple[float, set[int]]]:
    """(value, target tokens) the verb at v judges: its object for an attitude verb, the
    object of a hostile preposition for any verb."""
    toks, out = tree.toks, []
    if any(toks[c].dep in _NEGATED for c in tree.children[v]):
        return out  # "did not condemn": no attitude told
    value = ATTITUDES.get(toks[v].lemma.lower())
    passive = any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.children[v])
    if value is not None:
        deps = ("nsubjpass",) if passive else _OBJECTS
        objs = set().union(*(_phrase(tree, c) for c in tree.children[v] if toks[c].dep in deps))
        if objs:
            out.append((value, objs))
    for c in tree.children[v]:
        if toks[c].dep == "prep" and toks[c].text.lower() in HOSTILE_PREPS:
            out.append((HOSTILE_PREP_WEIGHT, _phrase(tree, c)))
    rel = relations.judged(tree, v)
    if rel is not None and rel[0] != "quality":
        out.append((rel[1], rel[2]))  # "X cut ties with Y"
    return out + named(tree, v, lambda c: _phrase(tree, c))


def _phrase(tree, c: int) -> set[int]:
    """The noun phrase at c with its coordinated nouns ("Sudria and Vessia")."""
    out = tree.within(c)
    return out | {j for j in range(len(tree.toks)) if tree.toks[j].dep == "conj" and tree.toks[j].head in out
                  and tree.toks[j].pos in ("NOUN", "PROPN")}


def _holder_tokens(tree, v: int) -> set[int]:
    """The verb's subject (its agent when passive), or that of the verb a participle or a
    coordinated verb hangs from."""
    toks, j = tree.toks, v
    for _ in range(3):
        passive = any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.children[j])
        subj = set()
        for c in tree.children[j]:
            if toks[c].dep == "nsubj" or passive and toks[c].dep == "agent":
                subj |= tree.within(c)
        if subj or toks[j].dep not in _CLIMB or toks[j].head == j:
            return subj
        if toks[j].dep != "conj" and toks[j].tag != "VBG":
            return subj  # a to-infinitive or a clause of its own: its subject is not told
        j = toks[j].head
        while toks[j].pos not in ("VERB", "AUX") and toks[j].head != j:
            j = toks[j].head  # "a message blaming ...": up from the noun to its verb
    return set()


def _mentioned(tree, tokens: set[int], by_head) -> list[tuple[str, str]]:
    """The actors (key, side) whose mention heads lie among ``tokens``, in text order."""
    return list(dict.fromkeys(by_head[i] for i in sorted(tokens) if i in by_head))
