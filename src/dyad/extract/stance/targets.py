"""Which actors a polarity word is about (not those it only places: "people inside X"; not
those it fights: "a successful fight against X"), who did the act a hostile noun names, and
whose relatives a friendly noun names."""
from __future__ import annotations

from dyad.extract.stance.cues import (
    HOSTILE_PREPS,
    LEXICON,
    LOCATIVE_PREPS,
    MODIFIERS,
    OBJECTS,
    OWNER_PREPS,
    PATIENT_PREPS,
    THIRD_PERSON_POSSESSIVES,
)
from dyad.extract.stance.tree import Tree


def targets_of(tree: Tree, k: int, flag: str, value: float, cands) -> list[str]:
    """Which target mentions a polarity word at k is about.

    Verbs judge their object (the agent, when passive); nouns and adjectives their own
    modifiers ("American unilateralism", "the expansion of NATO"); words that judge a clause's
    subject ("is not in the interest of") and predicates with no modifier, the subject. Failing
    all that, the nearest mention within a few arcs.
    """
    toks = tree.toks
    t = toks[k]

    def hit(tokens: set[int]) -> list[str]:
        tokens = tree.with_conjuncts(tokens)
        return list(dict.fromkeys(code for h, code in cands if h in tokens and not _placed(tree, h, k)))

    verb = tree.clause(k)
    subject = tree.subject_tokens(verb) if verb != k or t.pos in ("VERB", "AUX") else set()
    if flag == "subject" and k not in subject and hit(subject):
        return hit(subject)
    if t.pos == "VERB":
        passive = any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.children[k])
        doer = tree.subject_tokens(k) if not passive else set()
        objs: set[int] = set()
        for c in tree.children[k]:
            dep = toks[c].dep
            if dep == "agent" and passive:
                doer |= tree.within(c)
            elif dep in OBJECTS or dep == "prep":
                objs |= tree.within(c)
        if flag == "agent":
            objs = doer  # a hostile act judges whoever does it
        elif flag == "object" and passive:
            objs |= doer  # "disappointed by X": a feeling judges its cause
        elif value > 0:
            objs |= doer  # cooperating, supporting: both sides
        if hit(objs):
            return hit(objs)
    else:
        mods: set[int] = set()
        for c in tree.children[k]:
            dep = toks[c].dep
            if dep in MODIFIERS and not (flag == "object" and dep == "poss"):
                mods |= tree.within(c)
            elif dep == "prep" and toks[c].text.lower() in OWNER_PREPS:
                if value < 0 and toks[c].text.lower() in ("with", "between"):
                    return []  # "conflict between A and B", "confrontation with A": no side taken
                if flag == "agent" and toks[c].text.lower() != "by":
                    continue
                mods |= tree.within(c)
        if flag == "agent":
            mods |= doers(tree, k)
        if hit(mods):
            return hit(mods)
        if k not in subject and _dep(tree, k) in ("attr", "acomp", "pobj", "dobj", "oprd") and hit(subject):
            return hit(subject)
    if flag == "agent":
        return []  # a hostile act with no stated doer judges no one
    path = tree.path(k)
    feeler = _feeler(tree, k) if flag == "object" else set()
    best, best_d = [], None
    for h, code in cands:
        d = tree.distance(path, h)
        if d is None or d > 3 or value > 0 and _against(tree, h, path) or h in feeler:
            continue
        if best_d is None or d < best_d:
            best, best_d = [code], d
        elif d == best_d and code not in best:
            best.append(code)
    return best

def patients(tree: Tree, k: int, cands, own: str) -> list[str]:
    """Whom a hostile act at k is aimed at (its object, or the object of "on", "against"),
    the holder's own side excepted."""
    toks, aimed = tree.toks, set()
    for c in tree.children[k]:
        if toks[c].dep in OBJECTS or toks[c].dep == "prep" and toks[c].text.lower() in PATIENT_PREPS:
            aimed |= tree.within(c)
    return list(dict.fromkeys(code for h, code in cands if h in aimed and code != own))


def names_relatives(tree: Tree, k: int) -> bool:
    """Whether noun k names someone's relatives ("its allies", "their partners"), not a
    relation with a party of its own ("its friendship with X")."""
    deps = {tree.toks[c].dep: tree.toks[c].text.lower() for c in tree.children[k]}
    return deps.get("poss") in THIRD_PERSON_POSSESSIVES and "prep" not in deps


def value(t) -> float:
    """The lexicon polarity of token t (its form, else its lemma); 0 for none."""
    value = LEXICON.get(t.text.lower())
    return LEXICON.get(t.lemma.lower(), 0.0) if value is None else value


def _feeler(tree: Tree, k: int) -> set[int]:
    """Who has the feeling at k (the subject of its clause, passive or not): a feeling
    ("X is disappointed", "X was worried") says nothing of the one who feels it."""
    toks, verb = tree.toks, tree.clause(k)
    return set().union(*(tree.within(c) for c in tree.children[verb] if toks[c].dep in ("nsubj", "nsubjpass")))


def _dep(tree: Tree, k: int) -> str:
    """The relation of token k to its clause, a conjunct taking that of the word it is
    coordinated with ("an understanding of trust and cooperation": "cooperation" is an object
    like "trust")."""
    toks, hops = tree.toks, 0
    while toks[k].dep == "conj" and toks[k].head != k and hops < 6:
        k, hops = toks[k].head, hops + 1
    return toks[k].dep


def doers(tree: Tree, k: int) -> set[int]:
    """Who carried out the act that noun k names, when a passive verb tells it: "the attack
    was planned and carried out by X", "the raid, which officials said was ordered by X"."""
    toks, out = tree.toks, set()
    verbs = []
    if toks[k].dep == "nsubjpass":
        verbs.append(toks[k].head)
    for c in tree.children[k]:
        if toks[c].dep in ("relcl", "acl"):
            verbs.append(c)  # "the attack, which ... was carried out by X"; "an attack carried out by X"
    seen: set[int] = set()
    while verbs:
        v = verbs.pop()
        if v in seen or len(seen) > 8:
            continue
        seen.add(v)
        for c in tree.children[v]:
            dep = toks[c].dep
            if dep == "agent":
                out |= tree.within(c)
            elif dep in ("conj", "ccomp") and toks[c].pos in ("VERB", "AUX"):
                verbs.append(c)  # "planned and executed by"; "said was ordered by"
    return out


def _placed(tree: Tree, h: int, k: int) -> bool:
    """Whether mention h only says where someone is, below the word at k: "the help of people
    inside X", "aid to refugees in X" are not about X (while "our partners in X" are)."""
    toks, j = tree.toks, h
    for _ in range(6):
        t = toks[j]
        if t.head == j or t.head == k:
            return False
        head = toks[t.head]
        if t.dep == "pobj" and head.lemma.lower() in LOCATIVE_PREPS and head.head != k \
                and toks[head.head].pos in ("NOUN", "PRON"):
            return True
        j = t.head
    return False


def _against(tree: Tree, h: int, path: dict[int, int]) -> bool:
    """Whether mention h hangs on a hostile preposition on its way to the word whose path is
    ``path`` ("our successful fight against X" does not praise X)."""
    toks, j = tree.toks, h
    while j not in path:
        t = toks[j]
        if t.head == j:
            return False
        if t.dep == "pobj" and toks[t.head].text.lower() in HOSTILE_PREPS:
            return True
        j = t.head
    return False
