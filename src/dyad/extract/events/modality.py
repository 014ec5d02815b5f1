"""Whether an event is reported as having happened: asserted, planned, hypothetical or denied.

Read from the dependency parse around the predicate, innermost cue first:

1. the predicate's own auxiliaries and negation ("will visit" planned, "should condemn"
   hypothetical, "did not meet" denied) and modifiers of an event noun ("the upcoming visit",
   "a possible attack");
2. the chain of governing words up to the root through xcomp / ccomp / acl / prep / advcl /
   conj links: "urged X to condemn", "think about supplying", "plans to sign", "is expected to
   meet", "anticipation for the signing", "denied that X visited"; a conditional clause ("if",
   "unless") or a question makes the act hypothetical;
3. a denial in the same or the next sentence that points back at the report ("This was denied
   by ...", "... rejected these reports").

An urged, considered or denied act is never ``asserted``. Cue words are kept in
``data/modality.json`` and compiled at import.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Sequence

from dyad.records import Token

ASSERTED, PLANNED, HYPOTHETICAL, DENIED = "asserted", "planned", "hypothetical", "denied"
MODALITIES = (ASSERTED, PLANNED, HYPOTHETICAL, DENIED)

_CUES = json.loads((Path(__file__).resolve().parent / "data" / "modality.json").read_text("utf-8"))
AUX_PLANNED = frozenset(_CUES["aux_planned"])
AUX_HYPOTHETICAL = frozenset(_CUES["aux_hypothetical"])
NEGATIONS = frozenset(_CUES["negations"])
GOV_PLANNED = frozenset(_CUES["governors_planned"])
GOV_HYPOTHETICAL = frozenset(_CUES["governors_hypothetical"])
GOV_DENIED = frozenset(_CUES["governors_denied"])
MOD_PLANNED = frozenset(_CUES["modifiers_planned"])
MOD_HYPOTHETICAL = frozenset(_CUES["modifiers_hypothetical"])
CONDITIONALS = frozenset(_CUES["conditionals"])
BACK_POINTERS = frozenset(_CUES["back_pointers"])
TRANSPARENT = frozenset(_CUES["transparent"])  # report verbs: "said that X visited" stays asserted
_UP_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "advcl", "conj", "dobj", "relcl"})


def _local(tok: Token, kids: Sequence[Token], noun: bool) -> str | None:
    """A cue on the word itself: its auxiliaries, negation, modifiers."""
    for k in kids:
        low = k.text.lower()
        if k.dep == "neg" or (k.dep in ("advmod", "det") and low in NEGATIONS and low != "no"):
            return DENIED
        if k.dep in ("aux", "auxpass"):
            if low in AUX_PLANNED:
                return PLANNED
            if low in AUX_HYPOTHETICAL:
                return HYPOTHETICAL
        if k.dep == "mark" and low in CONDITIONALS:
            return HYPOTHETICAL
        if noun and k.dep in ("amod", "compound", "advmod"):
            if k.lemma.lower() in MOD_PLANNED:
                return PLANNED
            if k.lemma.lower() in MOD_HYPOTHETICAL:
                return HYPOTHETICAL
        if noun and k.dep == "det" and low == "no":
            return DENIED
    # "going to meet": be + going + to
    return None


def _governor(lemma: str, tok: Token, kids: Sequence[Token]) -> str | None:
    if lemma in GOV_DENIED:
        return DENIED
    if lemma in GOV_PLANNED:
        return PLANNED
    if lemma == "expect" and any(k.dep in ("auxpass", "nsubjpass") for k in kids):
        return PLANNED  # "is expected to meet"
    if lemma in GOV_HYPOTHETICAL:
        return HYPOTHETICAL
    if lemma == "go" and tok.tag == "VBG" and any(k.dep == "xcomp" for k in kids):
        return PLANNED  # "is going to sign"
    return None


def modality(i: int, toks: Sequence[Token], children: Callable[[int], Sequence[int]],
             sentences_text: Callable[[int], str] | None = None) -> str:
    """Modality of the predicate at token ``i``.

    ``children(k)`` gives the token indices of k's dependents; ``sentences_text(s)`` the text of
    sentence ``s`` (used for questions and for a denial in the next sentence).
    """
    tok = toks[i]
    noun = tok.pos in ("NOUN", "PROPN")
    kids = [toks[k] for k in children(i)]
    cue = _local(tok, kids, noun)
    if cue is not None:
        return cue
    cur = tok
    steps = 0
    while cur.head != cur.i and steps < 8 and cur.dep in _UP_DEPS:
        steps += 1
        if cur.dep == "relcl":  # "..., which assassinated X": background stated as fact
            return ASSERTED
        head = toks[cur.head]
        hkids = [toks[k] for k in children(head.i)]
        lemma = head.lemma.lower()
        if cur.dep == "advcl" and any(k.dep == "mark" and k.text.lower() in CONDITIONALS
                                      for k in (toks[x] for x in children(cur.i))):
            return HYPOTHETICAL
        if cur.dep == "conj":  # coordinated predicates share the first one's cues
            cue = _local(head, hkids, head.pos in ("NOUN", "PROPN"))
            if cue is not None:
                return cue
            cur = head
            continue
        if lemma not in TRANSPARENT:
            cue = _governor(lemma, head, hkids)
            if cue is not None:
                return cue
            if head.pos in ("NOUN", "PROPN") and cur.dep in ("pobj", "prep", "acl"):
                if lemma in MOD_PLANNED:
                    return PLANNED
                if lemma in MOD_HYPOTHETICAL:
                    return HYPOTHETICAL
        if head.pos in ("VERB", "AUX", "ADJ") and cur.dep in ("xcomp", "ccomp", "conj"):
            cue = _local(head, hkids, False)
            if cue is not None:
                return cue
        cur = head
    if sentences_text is not None:
        text = sentences_text(tok.sentence).rstrip(" \"'\u201d\u2019)")
        if text.endswith("?"):
            return HYPOTHETICAL
        if _denied_next(tok.sentence, toks, sentences_text):
            return DENIED
    return ASSERTED


def _denied_next(sentence: int, toks: Sequence[Token], sentences_text: Callable[[int], str]) -> bool:
    """The next sentence denies what this one reported: "This was denied by ...", "... rejected
    these reports"."""
    try:
        text = sentences_text(sentence + 1)
    except IndexError:
        return False
    if not text:
        return False
    words = text.lower().replace(",", " ").split()
    if not words or len(words) > 40:
        return False
    has_denial = any(w.startswith(("denied", "denies", "deny", "dismissed", "refuted", "rejected", "denial"))
                     for w in words)
    return has_denial and any(w in BACK_POINTERS for w in words[:6])
