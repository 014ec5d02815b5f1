"""Which of a sentence's events it reports, and which it only mentions as background.

A news sentence usually reports one act and mentions others to place it: in a relative clause
("a resolution that aims to impose a blockade"), a participial or infinitival modifier ("in a
letter handed over to the UN", "the right of troops to fire"), a temporal or causal clause
("resigned as the opposition threatened to storm ...", "before they demobilize"), a circumstance
("after the killing of ...", "without returning to ..."), or a purpose clause ("opened fire to
disperse ..."). Such an event is *background*. In a sentence that reports an act in its main
clause, background events are dropped; a sentence whose only events are background keeps them.

Rules are about the dependency path from the trigger up to the sentence root (written for Dyad,
general, not fitted to any one text).
"""
from __future__ import annotations

from pathlib import Path

from dyad.extract import lexicon
from dyad.records import Event, Token

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

SCENE_MARKS = WORDS["scene_marks"]
SPEECH = WORDS["speech"]
SCENE_PREPS = WORDS["scene_preps_focus"]


def _is_scene_edge(toks: tuple[Token, ...], kids: list[list[int]], mention_at, i: int) -> bool:
    t = toks[i]
    dep = t.dep
    if dep == "relcl":
        # "the United States, which assassinated ...": a relative clause on an actor reports an act
        # (set off by a comma); "Macedonia which is preparing ..." only describes its head
        comma = any(toks[k].text == "," for k in range(t.head + 1, min(i, t.head + 3)))
        where = any(toks[k].lemma.lower() in ("where", "when") for k in kids[i] if toks[k].dep == "advmod")
        return mention_at[t.head] is None or not comma or where  # "Serbia, where 24 people were killed"
    if dep == "acl":
        return True
    if dep == "advcl":
        marks = {toks[k].text.lower() for k in kids[i] if toks[k].dep in ("mark", "advmod")}
        if marks & SCENE_MARKS:
            return True
        if any(toks[k].tag == "TO" for k in kids[i] if toks[k].dep == "aux"):
            return True  # a purpose: "opened fire to disperse them"
        # a participle ("..., killing 20 people"), unless it reports speech ("..., noting that ...")
        return t.tag in ("VBG", "VBN") and t.lemma.lower() not in SPEECH
    if dep in ("pobj", "pcomp") and t.head != i:
        p = toks[t.head]
        return p.dep == "prep" and p.text.lower() in SCENE_PREPS and toks[p.head].pos in ("VERB", "AUX")
    return False


def background(toks: tuple[Token, ...], kids: list[list[int]], mention_at, i: int) -> bool:
    """Whether the act at token ``i`` lies in a scene-setting part of its sentence."""
    cur, hops = i, 0
    while toks[cur].head != cur and hops < 12:
        if _is_scene_edge(toks, kids, mention_at, cur):
            return True
        cur, hops = toks[cur].head, hops + 1
    return False


def foreground(events: list[Event], toks: tuple[Token, ...], kids: list[list[int]], mention_at,
               index_of) -> list[Event]:
    """``events`` less the background ones of every sentence that reports an act in its main clause."""
    bg = {id(e): background(toks, kids, mention_at, index_of(e)) if index_of(e) >= 0 else False for e in events}
    main_sents = {e.sentence_index for e in events if not bg[id(e)]}
    return [e for e in events if not (bg[id(e)] and e.sentence_index in main_sents)]
