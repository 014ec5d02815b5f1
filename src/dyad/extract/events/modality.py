"""Whether an event is reported as having happened: asserted, planned, hypothetical or denied.

Read from the dependency parse around the predicate, innermost cue first:

1. the predicate's own grammar: negation ("did not meet", "never signed", "no agreement was
   reached", "neither side withdrew"), a conditional mark on its clause ("if", "unless",
   "whether") or a conditional clause it governs (the consequence "if the talks succeed, a deal
   will be signed"; "provided that", "in case", "on condition that"), hedging adverbs
   ("reportedly", "allegedly", "possibly", "perhaps"), auxiliaries ("will visit" planned,
   "should condemn" / "would have clashed" hypothetical) and a present tense with a future time
   expression ("meet in Geneva next week"); for an event noun, its modifiers ("the upcoming
   visit", "a possible attack", "next week's talks", "no talks");
2. an event noun carried by a verb takes that verb's modality: the subject of an eventive verb
   ("the visit will take place", "talks could begin"), the object of a light verb ("will hold
   talks", "launched an attack") or the passive subject of either ("talks will be held", "a
   ceasefire was proposed");
3. the chain of governing words up to the root through xcomp / ccomp / acl / prep / advcl /
   conj links: "urged X to condemn", "think about supplying", "plans to sign", "is expected to
   meet", "is to visit" (be + to), "is going to", "is due / set / poised to", "has to pay",
   "accused X of supplying", "denied that X visited", "without consulting", "it is possible
   that". A negated governor denies the act ("does not intend to attack"). A planned reading is
   weak: an outer hypothetical or denied cue wins ("urged X to agree to build", "if X decides to
   attack"); a hypothetical reading gives way only to an outer denial. A coordinated predicate
   shares the first one's auxiliaries only when it has no tense, subject or auxiliary of its own
   ("did not attend but sent a delegation"). A relative clause, full or reduced ("the deal
   signed last year"), states background as fact, and so does the complement of a factive verb
   or a why / how clause ("should not forget that X shelled", "asked how the envoys met"); an
   adjunct participle is no complement ("denied the reports, accusing X of ..."). A passive
   report verb or "seem" / "appear" with a to-infinitive hedges it ("is said to have agreed");
4. a yes / no question makes the act hypothetical ("Did X attack?"; "Why did X attack?"
   presupposes it), and a denial in the next sentence that points back at the report ("This was
   denied by ...", "... rejected these reports") denies it.

An urged, conditional or denied act is never ``asserted``. Cue words are kept in
``data/modality.json`` and compiled at import.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from dyad.records import Token

ASSERTED, PLANNED, HYPOTHETICAL, DENIED = "asserted", "planned", "hypothetical", "denied"
MODALITIES = (ASSERTED, PLANNED, HYPOTHETICAL, DENIED)

_CUES = json.loads((Path(__file__).resolve().parent / "data" / "modality.json").read_text("utf-8"))
AUX_PLANNED = frozenset(_CUES["aux_planned"])
AUX_HYPOTHETICAL = frozenset(_CUES["aux_hypothetical"])
FUTURE_IN_PAST = frozenset(_CUES["future_in_past"])
NEGATIONS = frozenset(_CUES["negations"])
NEGATIVE_DETERMINERS = frozenset(_CUES["negative_determiners"])
NEGATIVE_PRONOUNS = frozenset(_CUES["negative_pronouns"])
NEGATING_PREPOSITIONS = frozenset(_CUES["negating_prepositions"])
HEDGES = frozenset(_CUES["hedges"])
GOV_PLANNED = frozenset(_CUES["governors_planned"])
GOV_HYPOTHETICAL = frozenset(_CUES["governors_hypothetical"])
GOV_DENIED = frozenset(_CUES["governors_denied"])
PHRASAL_ONLY = frozenset(_CUES["phrasal_only"])
TO_ADJECTIVES_PLANNED = frozenset(_CUES["to_adjectives_planned"])
MOD_PLANNED = frozenset(_CUES["modifiers_planned"])
MOD_HYPOTHETICAL = frozenset(_CUES["modifiers_hypothetical"])
MOD_DENIED = frozenset(_CUES["modifiers_denied"])
CONDITIONALS = frozenset(_CUES["conditionals"])
CONSEQUENCE_MARKS = frozenset(_CUES["consequence_marks"])
CONDITIONAL_PARTICIPLES = frozenset(_CUES["conditional_participles"])
CONDITIONAL_PHRASES = frozenset(tuple(p.split()) for p in _CUES["conditional_phrases"])
QUESTION_GOVERNORS = frozenset(_CUES["question_governors"])
FUTURE_TIME = frozenset(_CUES["future_time"])
PRESENT_BE = frozenset(_CUES["present_be"])
CARRIERS = frozenset(_CUES["carriers"])
FACTIVES = frozenset(_CUES["factives"])
PRESUPPOSING_WH = frozenset(_CUES["presupposing_wh"])
WH_WORDS = frozenset(_CUES["wh_words"])
PARTICIPATION_VERBS = frozenset(_CUES["participation_verbs"])
PURPOSE_VERBS = frozenset(_CUES["purpose_verbs"])
NEGATED_IMPLICATIVES = frozenset(_CUES["negated_implicatives"])
EVIDENTIAL_RAISING = frozenset(_CUES["evidential_raising"])
TEMPORAL_MARKS = frozenset(_CUES["temporal_marks"])
REPORT_VERBS = frozenset(_CUES["report_verbs"])
CONTENT_SUBJECTS = frozenset(_CUES["content_subjects"])
LIGHT_VERBS = frozenset(_CUES["light_verbs"])
SETTLED_PASSIVES = frozenset(_CUES["settled_passives"])
BACK_POINTERS = frozenset(_CUES["back_pointers"])
ABILITY = frozenset(_CUES["ability"])
TOPIC_NOUNS = frozenset(_CUES["topic_nouns"])
TRANSPARENT = frozenset(_CUES["transparent"])  # report and light verbs: "said that X visited" stays asserted
_UP_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "advcl", "conj", "dobj", "relcl"})
_RANK = {None: 0, ASSERTED: 0, PLANNED: 1, HYPOTHETICAL: 2, DENIED: 3}
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_Kids = Callable[[int], Sequence[int]]


def _modifier_cue(forms: set[str]) -> str | None:
    """The modality a modifier of an event noun gives ("cancelled", "possible", "upcoming")."""
    if forms & MOD_DENIED:
        return DENIED
    if forms & MOD_HYPOTHETICAL:
        return HYPOTHETICAL
    if forms & MOD_PLANNED:
        return PLANNED
    return None

def _forms(tok: Token) -> set[str]:
    """The lemma and the surface form with common inflections stripped (the tagger's lemma is
    sometimes off: "hopes" -> "hop")."""
    low = tok.text.lower()
    out = {tok.lemma.lower(), low}
    if tok.pos not in ("VERB", "AUX", "ADJ"):
        return out
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.add(low[: len(low) - len(suffix)] + repl)
    return out


def _particle(tok: Token, kids: Sequence[Token]) -> str | None:
    for k in kids:
        if k.dep == "prt":
            return k.text.lower()
    return None


def _kids(i: int, toks: Sequence[Token], children: _Kids) -> list[Token]:
    return [toks[k] for k in children(i)]


def _negated(kids: Sequence[Token], toks: Sequence[Token], children: _Kids) -> bool:
    for k in kids:
        low = k.text.lower()
        if k.dep == "neg" or (k.dep in ("advmod", "preconj") and low in NEGATIONS and low != "no"):
            if k.i + 1 < len(toks) and toks[k.i + 1].text.lower() == "only":
                continue  # "will not only send aid but also troops"
            return True
        if k.dep in ("nsubj", "nsubjpass", "dobj") and any(
                d.dep == "det" and d.text.lower() in NEGATIVE_DETERMINERS for d in _kids(k.i, toks, children)):
            return True  # "no agreement was reached", "neither side withdrew", "sent no troops"
        if k.dep in ("nsubj", "nsubjpass", "dobj") and low in NEGATIVE_PRONOUNS:
            return True
    return False


def _conditional_clause(kids: Sequence[Token], toks: Sequence[Token], children: _Kids) -> bool:
    """The predicate governs a condition: "if the talks succeed, a deal will be signed", "unless
    X withdraws", "provided that ...", "in case the rebels attack"."""
    for k in kids:
        if k.dep == "advcl":
            ck = _kids(k.i, toks, children)
            if any(c.dep == "advmod" and c.text.lower() == "even" for c in ck):
                continue  # "even if": concessive
            if any(c.dep == "mark" and c.text.lower() in CONSEQUENCE_MARKS for c in ck):
                return True
            if k.text.lower() in CONDITIONAL_PARTICIPLES and any(c.dep in ("ccomp", "advcl") for c in ck):
                return True  # "provided that the ceasefire holds"
        if k.dep == "prep":
            for c in _kids(k.i, toks, children):
                if c.dep == "pobj" and (k.text.lower(), c.lemma.lower()) in CONDITIONAL_PHRASES:
                    return True
    return False


def _future_time(tok: Token, kids: Sequence[Token], toks: Sequence[Token], children: _Kids) -> bool:
    """A present tense with a future time expression: "meet in Geneva next week", "travels
    tomorrow", "is visiting Ardenia next month"."""
    auxes = [k for k in kids if k.dep in ("aux", "auxpass")]
    if tok.tag in ("VBZ", "VBP"):
        if auxes:
            return False
    elif tok.tag in ("VBG", "VBN"):
        if not auxes or any(a.text.lower() not in PRESENT_BE for a in auxes):
            return False
    else:
        return False
    for k in kids:
        if k.dep not in ("npadvmod", "advmod", "prep", "tmod"):
            continue
        near = [k] + _kids(k.i, toks, children)
        if k.dep == "prep":
            near = [g for p in near[1:] if p.dep == "pobj" for g in [p] + _kids(p.i, toks, children)]
        if any(n.text.lower() in FUTURE_TIME for n in near):
            return True
    return False


def _local(tok: Token, kids: Sequence[Token], noun: bool, toks: Sequence[Token], children: _Kids) -> str | None:
    """A cue on the word itself: conditionals, negation, hedges, auxiliaries, modifiers."""
    if any(k.dep == "mark" and k.text.lower() in CONDITIONALS for k in kids):
        return HYPOTHETICAL  # the condition itself: "if X attacks"
    if not noun and not _forms(tok) & QUESTION_GOVERNORS and _conditional_clause(kids, toks, children):
        return HYPOTHETICAL  # the consequence: "if X attacks, Y will respond"
    if noun:
        for k in kids:
            if k.dep == "det" and k.text.lower() in NEGATIVE_DETERMINERS:
                return DENIED  # "no talks"
    elif _negated(kids, toks, children):
        return DENIED
    for k in kids:
        if k.dep == "advmod" and k.text.lower() in HEDGES:
            return HYPOTHETICAL  # "reportedly moved", "allegedly supplied"
    reported = tok.dep == "ccomp" and tok.head != tok.i and bool(
        _forms(toks[tok.head]) & (REPORT_VERBS | GOV_PLANNED))  # "said / agreed that talks would resume"
    perfect = any(k.dep == "aux" and k.lemma.lower() == "have" for k in kids)
    for k in kids:
        if k.dep in ("aux", "auxpass"):
            low = k.text.lower()
            if low in AUX_PLANNED:
                return PLANNED
            if low in FUTURE_IN_PAST and reported and not perfect:
                return PLANNED  # "said the ministers would meet": the future of a report
            if low in AUX_HYPOTHETICAL:
                return HYPOTHETICAL
    if noun:
        for k in kids:
            forms = {k.lemma.lower(), k.text.lower()}
            # "the planned visit"; "the talks planned for May", "the visit cancelled"
            if k.dep in ("amod", "compound", "advmod") or (k.dep == "acl" and k.tag == "VBN"):
                cue = _modifier_cue(forms)
                if cue is not None:
                    return cue
            if k.dep == "poss" and any(n.text.lower() in FUTURE_TIME
                                       for n in [k] + _kids(k.i, toks, children)):
                return PLANNED  # "next week's talks", "tomorrow's meeting"
    elif _future_time(tok, kids, toks, children):
        return PLANNED
    return None


def _gov_forms(head: Token, hkids: Sequence[Token]) -> set[str]:
    """The forms of a governing word, with "lemma_particle" for a phrasal verb ("rule_out")."""
    forms = _forms(head)
    prt = _particle(head, hkids)
    return forms | {f"{f}_{prt}" for f in forms} if prt is not None else forms


def _lexical(head: Token, hkids: Sequence[Token], cur: Token, ckids: Sequence[Token]) -> str | None:
    """What a governing word makes of the act it embeds (``cur`` is the dependent on the path).
    Report and light verbs (``transparent``) embed nothing by their meaning, only by grammar
    ("is to visit", "is going to sign", "has to pay")."""
    forms = _forms(head)
    prt = _particle(head, hkids)
    if head.lemma.lower() in TRANSPARENT:
        return _structural(head, hkids, cur, ckids)
    if prt is not None:
        phrasal = {f"{f}_{prt}" for f in forms}
        if phrasal & GOV_DENIED:
            return DENIED
        if phrasal & GOV_PLANNED:
            return PLANNED
        if phrasal & GOV_HYPOTHETICAL:
            return HYPOTHETICAL
    if forms & PHRASAL_ONLY:
        return None
    if forms & TO_ADJECTIVES_PLANNED:
        if cur.dep == "xcomp":
            return PLANNED  # "is due to arrive", "is about to sign", "is poised to impose"
        if not forms & GOV_PLANNED:
            return None  # "due to the attack", "talks about supplying"
    if forms & GOV_DENIED:
        return DENIED
    if "expect" in forms:
        if any(k.dep in ("auxpass", "nsubjpass") for k in hkids):
            return PLANNED  # "is expected to meet"
        if cur.dep == "xcomp" and not any(k.dep in ("nsubj", "nsubjpass") for k in ckids) \
                and not any(k.dep == "dobj" for k in hkids):
            return PLANNED  # "expects to sign": its own intended act
        return HYPOTHETICAL  # "expects Kestria to release"
    if forms & GOV_PLANNED:
        return PLANNED
    if forms & GOV_HYPOTHETICAL:
        return HYPOTHETICAL
    return _structural(head, hkids, cur, ckids)


def _structural(head: Token, hkids: Sequence[Token], cur: Token, ckids: Sequence[Token]) -> str | None:
    """Cues of construction rather than of word meaning."""
    forms = _forms(head)
    if cur.dep == "xcomp" and forms & EVIDENTIAL_RAISING and (
            any(k.dep == "auxpass" for k in hkids) or head.lemma.lower() in ("seem", "appear")):
        return HYPOTHETICAL  # "is said to have agreed", "was reported to have shelled", "appears to have moved"
    if cur.dep == "xcomp" and any(k.dep == "aux" and k.text.lower() == "to" for k in ckids):
        if head.lemma.lower() == "be":
            subj = [k for k in hkids if k.dep == "nsubj"]
            if subj and subj[0].pos == "NOUN" and subj[0].lemma.lower() in CONTENT_SUBJECTS:
                # "the position is to support X": the infinitive is what the subject noun holds
                sf = _forms(subj[0])
                if sf & GOV_HYPOTHETICAL:
                    return HYPOTHETICAL
                if sf & (GOV_PLANNED | MOD_PLANNED):
                    return PLANNED
                return None
            return PLANNED  # "is to visit", "are to hold talks"
        if head.lemma.lower() == "go" and head.tag == "VBG":
            return PLANNED  # "is going to sign"
        if head.lemma.lower() == "have" and head.dep not in ("aux", "auxpass"):
            if any(k.dep == "advmod" and k.text.lower() == "yet" for k in hkids):
                return DENIED  # "has yet to ratify": not done
            return HYPOTHETICAL  # "has to pay"
    if head.lemma.lower() == "be" and cur.dep in ("ccomp", "xcomp", "csubj"):
        for k in hkids:  # "it is possible that ...", "it is likely that ..."
            if k.dep in ("acomp", "attr") and k.i != cur.i:
                kf = _forms(k)
                if kf & GOV_DENIED:
                    return DENIED
                if kf & GOV_HYPOTHETICAL:
                    return HYPOTHETICAL
                if kf & GOV_PLANNED:
                    return PLANNED
    if head.pos in ("NOUN", "PROPN") and (cur.dep in ("pobj", "prep", "acl") or (cur.dep == "relcl" and any(
            k.dep == "aux" and k.text.lower() == "to" for k in ckids))):  # "a call for troops to be sent"
        if forms & MOD_PLANNED:
            return PLANNED
        if forms & MOD_HYPOTHETICAL:
            return HYPOTHETICAL
    if head.pos == "ADP" and head.text.lower() in NEGATING_PREPOSITIONS and cur.dep in ("pcomp", "pobj"):
        return DENIED  # "without consulting Kestria"
    return None


def _carrier(tok: Token, toks: Sequence[Token], children: _Kids) -> Token | None:
    """The verb whose modality an event noun takes: "the visit will take place", "talks could
    begin", "will hold talks", "talks will be held"."""
    if tok.head == tok.i:
        return None
    head = toks[tok.head]
    if head.pos not in ("VERB", "AUX"):
        return None
    forms = _forms(head)
    hkids = _kids(head.i, toks, children)
    if tok.dep == "nsubj":
        if forms & CARRIERS:
            return head
        prt = _particle(head, hkids)
        if prt is not None and {f"{f}_{prt}" for f in forms} & CARRIERS:
            return head
        if "take" in forms and any(k.dep == "dobj" and k.lemma.lower() == "place" for k in hkids):
            return head  # "took place"
    if tok.dep in ("dobj", "nsubjpass") and forms & LIGHT_VERBS:
        return head
    return None


def _purpose_carrier(tok: Token, toks: Sequence[Token], children: _Kids) -> Token | None:
    """The verb of an event noun in a prepositional phrase of participation or purpose: "will
    take part in the talks", "will arrive on Monday for talks"."""
    if tok.dep != "pobj" or tok.head == tok.i:
        return None
    prep = toks[tok.head]
    if prep.dep != "prep" or prep.head == prep.i:
        return None
    verb = toks[prep.head]
    if verb.pos not in ("VERB", "AUX"):
        return None
    forms = _forms(verb)
    low = prep.text.lower()
    if low in ("in", "at") and (forms & PARTICIPATION_VERBS or (
            "take" in forms and any(k.dep == "dobj" and k.lemma.lower() == "part"
                                    for k in _kids(verb.i, toks, children)))):
        return verb
    if low == "for" and forms & PURPOSE_VERBS:
        return verb
    return None


def _past_ability(head: Token, toks: Sequence[Token], children: _Kids) -> bool:
    """"was able to reach", "has been able to sign": an ability told in the past tense or the
    perfect is an act done (an implicative), unlike "is able to" or "would be able to"."""
    if not _forms(head) & ABILITY or head.dep != "acomp" or head.head == head.i:
        return False
    be = toks[head.head]
    aux = [k for k in _kids(be.i, toks, children) if k.dep == "aux"]
    if be.tag == "VBD":
        return not aux
    return be.tag == "VBN" and bool(aux) and all(k.lemma.lower() == "have" for k in aux)


def _read(i: int, toks: Sequence[Token], children: _Kids, depth: int = 0) -> tuple[str, bool]:
    """(modality, whether the act is background: a relative clause or a presupposed complement
    stopped the walk, so a question does not make it hypothetical)."""
    tok = toks[i]
    noun = tok.pos in ("NOUN", "PROPN")
    kids = _kids(i, toks, children)
    best = _local(tok, kids, noun, toks, children)
    if best == DENIED:
        return DENIED, False
    if noun and depth < 3:
        carrier = _carrier(tok, toks, children)
        if carrier is not None:
            got, stopped = _read(carrier.i, toks, children, depth + 1)
            if got == ASSERTED and best == HYPOTHETICAL:
                return HYPOTHETICAL, stopped  # "the alleged attack took place"
            return got, stopped
        if tok.dep == "nsubj" and tok.head != tok.i and toks[tok.head].lemma.lower() == "be":
            for k in _kids(tok.head, toks, children):  # "talks are possible", "a deal is unlikely"
                if k.dep == "acomp":
                    kf = _forms(k)
                    cue = HYPOTHETICAL if kf & GOV_HYPOTHETICAL else PLANNED if kf & (
                        GOV_PLANNED | MOD_PLANNED) else None
                    if cue is not None and _RANK[cue] > _RANK[best]:
                        best = cue
        carrier = _purpose_carrier(tok, toks, children)
        if carrier is not None:
            got, stopped = _read(carrier.i, toks, children, depth + 1)
            if got != ASSERTED:
                return got, stopped
        if tok.dep == "nsubjpass" and tok.head != tok.i and not _forms(toks[tok.head]) & SETTLED_PASSIVES:
            head = toks[tok.head]  # "a ceasefire was proposed", "the visit was cancelled"
            cue = _lexical(head, _kids(head.i, toks, children), tok, kids)
            if cue is not None and _RANK[cue] > _RANK[best]:
                best = cue
            if best == DENIED:
                return DENIED, False
    cur = tok
    steps = 0
    while cur.head != cur.i and steps < 10 and cur.dep in _UP_DEPS:
        steps += 1
        head = toks[cur.head]
        hkids = _kids(head.i, toks, children)
        ckids = _kids(cur.i, toks, children)
        hnoun = head.pos in ("NOUN", "PROPN")
        if (head.text.lower() in CONDITIONAL_PARTICIPLES and head.dep == "advcl" and cur.dep == "ccomp") or (
                hnoun and cur.dep in ("acl", "relcl", "ccomp") and head.head != head.i
                and (toks[head.head].text.lower(), head.lemma.lower()) in CONDITIONAL_PHRASES):
            return HYPOTHETICAL, False  # "provided that the ceasefire holds", "in case the rebels attack"
        infinitive = any(k.dep == "aux" and k.text.lower() == "to" for k in ckids)
        if (cur.dep == "relcl" and not infinitive) or (cur.dep == "acl" and cur.tag in ("VBG", "VBN") and not any(
                k.dep in ("aux", "mark") for k in ckids)):
            # "..., which assassinated X", "the officials asking X to ...", "the deal signed last
            # year": a relative clause, full or reduced, states background as fact
            return (best or ASSERTED), True
        if cur.dep == "ccomp" and (_forms(head) & FACTIVES or any(
                k.dep == "advmod" and k.text.lower() in PRESUPPOSING_WH for k in ckids)):
            # "should not forget that X cooperated", "cannot tell why he is sending troops":
            # the complement of a factive verb or a why / how clause is presupposed as fact
            return (best or ASSERTED), True
        if cur.dep == "prep" and cur.text.lower() == "to" and head.dep == "pcomp" and head.head != head.i \
                and toks[head.head].text.lower() == "from":
            cur = toks[head.head]  # "from accusing X to alleging Y": the end of a range, not a complement
            continue
        if steps > 1 and any(k.dep == "mark" and k.text.lower() in CONDITIONALS for k in ckids):
            return HYPOTHETICAL, False  # "if X decides to attack"
        if cur.dep == "dobj" and not hnoun and not (
                _gov_forms(head, hkids) & (LIGHT_VERBS | GOV_PLANNED | GOV_HYPOTHETICAL | GOV_DENIED)):
            break  # "urged X to condemn the attack": the attack itself is not urged
        if cur.dep == "conj":  # coordinated predicates share the first one's cues
            own_subject = any(k.dep in ("nsubj", "nsubjpass") for k in ckids)
            own_tense = any(k.dep in ("aux", "auxpass") for k in ckids) or (
                cur.tag in _FINITE and head.tag not in _FINITE)
            if not own_subject and not own_tense:
                cue = _local(head, hkids, hnoun, toks, children)
                if cue is not None and _RANK[cue] > _RANK[best]:
                    best = cue
                    if best == DENIED:
                        return DENIED, False
            if own_subject and head.dep in ("xcomp", "pcomp", "acl"):
                break
            cur = head
            continue
        negated = not hnoun and _negated(hkids, toks, children)
        # an adjunct clause is no complement: "denied the reports, accusing X of ..." leaves the
        # accusation asserted; a to-infinitive adjunct ("urged the council to act") still counts
        adjunct = cur.dep == "advcl" and not any(k.dep == "aux" and k.text.lower() == "to" for k in ckids)
        if cur.dep == "pobj" and head.text.lower() == "as" and head.head != head.i \
                and any(k.text.lower() == "such" for k in hkids) and _forms(toks[head.head]) & TOPIC_NOUNS:
            return PLANNED, False  # "issues on the agenda, such as the expansion of trade": an aim, not a fact
        if _past_ability(head, toks, children):
            be = head.head
            if negated or _negated(_kids(be, toks, children), toks, children):
                return DENIED, False  # "was not able to sign"
            cur = head
            continue
        cue = None if adjunct else _lexical(head, hkids, cur, ckids)
        if negated and _forms(head) & NEGATED_IMPLICATIVES:
            cur = head  # "did not hesitate to retaliate": the act was done
            continue
        if cue is not None:
            if negated and cue in (PLANNED, HYPOTHETICAL):
                return DENIED, False  # "does not intend to attack"
            if negated and cue == DENIED:
                cue = HYPOTHETICAL  # "did not rule out talks"
            if _RANK[cue] > _RANK[best]:
                best = cue
            if best == DENIED:
                return DENIED, False
        if head.pos in ("VERB", "AUX", "ADJ") and cur.dep in ("xcomp", "ccomp"):
            cue = _local(head, hkids, False, toks, children)
            if cue is not None and _RANK[cue] > _RANK[best]:
                best = cue
                if best == DENIED:
                    return DENIED, False
        elif head.pos in ("VERB", "AUX") and cur.dep == "advcl" and (
                (cur.tag in ("VB", "VBG", "VBN") and not any(
                    k.dep in ("nsubj", "nsubjpass") or (k.dep in ("aux", "auxpass") and k.text.lower() != "to")
                    for k in ckids))
                or (cur.tag in ("VBZ", "VBP") and any(k.dep == "mark" and k.text.lower() in TEMPORAL_MARKS
                                                      for k in ckids))):
            # a participle or infinitive adjunct shares its clause's future or modal ("will send
            # troops to protect the convoy"), and so does a present-tense time clause ("will meet
            # before they travel")
            cue = _local(head, hkids, False, toks, children)
            if cue in (PLANNED, HYPOTHETICAL) and _RANK[cue] > _RANK[best]:
                best = cue
        cur = head
    return (best or ASSERTED), False


def modality(i: int, toks: Sequence[Token], children: Callable[[int], Sequence[int]],
             sentences_text: Callable[[int], str] | None = None) -> str:
    """Modality of the predicate at token ``i``.

    ``children(k)`` gives the token indices of k's dependents; ``sentences_text(s)`` the text of
    sentence ``s`` (used for questions and for a denial in the next sentence).
    """
    tok = toks[i]
    got, background = _read(i, toks, children)
    if sentences_text is not None and not background:
        text = sentences_text(tok.sentence).rstrip(" \"'\u201d\u2019)")
        if text.endswith("?") and got in (ASSERTED, PLANNED) and not _wh_question(text):
            return HYPOTHETICAL  # "Will X sign?", "Did X attack?"; "Why did X attack?" presupposes it
        if got == ASSERTED and _denied_next(tok.sentence, toks, sentences_text):
            return DENIED
    return got


def _wh_question(text: str) -> bool:
    words = text.lstrip(" \"'\u201c\u2018(").split(None, 1)
    return bool(words) and words[0].lower().strip(",") in WH_WORDS


def _denied_next(sentence: int, toks: Sequence[Token], sentences_text: Callable[[int], str]) -> bool:
    """The next sentence denies what this one reported: "This was denied by ...", "... rejected
    these reports"."""
    try:
        text = sentences_text(sentence + 1)
    except IndexError:
        return False
    if not text:
        return False
    words = [w.strip(".;:!?\"'\u201c\u201d\u2018\u2019()") for w in text.lower().replace(",", " ").split()]
    if not words or len(words) > 40:
        return False
    has_denial = any(w.startswith(("denied", "denies", "deny", "dismissed", "refuted", "rejected", "denial"))
                     for w in words)
    return has_denial and any(w in BACK_POINTERS for w in words[:6])
