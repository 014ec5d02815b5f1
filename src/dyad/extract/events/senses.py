"""Word senses of predicates for ``extract.events``: checks on a predicate's arguments that keep a
lexicon entry from firing in the wrong sense, or switch it to the right one.

- a *strike* on a target, or a state's or army's strike, is an attack; a labour strike a protest;
- a *threat* that is defeated, faced or posed is a danger, not a threat made;
- what is *provided*, *given* or *supplied* must be more than information ("the text of a draft");
- a state *returned* to a body is readmitted, not a concession; to *fly* a plane is no trip;
- a state of relations ("cooperation") is an event only when told as growing or wanted;
- a label ("described X as ...") is an accusation only when it is negative;
- an act only said to be needed, by nobody ("the situation requires talks"), is no event;
- a right or permit *withdrawn* ("withdrew the accreditation of X") reduces relations, no retreat;
- what is *received* as a thing ("received military aid", "a letter was received") is no visit hosted;
- to *insist* that something is so (an indicative clause, no modal) is a claim, not a demand.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dyad.codes import split_code
from dyad.extract import lexicon
from dyad.extract.events.arguments import Context, resolve
from dyad.extract.events.predicates import Entry

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")
GROWTH_WORDS = WORDS["growth_words"]
NEGATIVE_LABELS = WORDS["negative_labels"]
COUNTER_VERBS = WORDS["counter_verbs"]
INFO_NOUNS = WORDS["info_nouns"]
LABOUR_WORDS = WORDS["labour_words"]
AID_VERBS = frozenset({"provide", "give", "supply", "deliver", "grant", "hand"})
NEED_WORDS = frozenset({"need", "require", "requirement", "necessity"})
PRIVILEGE_NOUNS = WORDS["privilege_nouns"]
RECEIVED_THINGS = WORDS["received_things"] | INFO_NOUNS
#: modals that make an insisted clause a demand ("insisted that X must leave")
_DEMAND_MODALS = frozenset({"must", "should", "shall", "ought", "would"})


def sense(ctx: Context, i: int, entry: Entry) -> Entry | None:
    """The entry for predicate ``i`` in the sense its arguments give it; None when it is no event."""
    t = ctx.toks[i]
    lemma = t.lemma.lower()
    if "label" in entry.flags and not label_ok(ctx, i):
        return None
    if "grow" in entry.flags and not grows(ctx, i):
        return None  # "the field of such cooperation": a state, no event
    if entry.pos == "N" and lemma == "strike" and entry.plover == "PROTEST" and _military_strike(ctx, i):
        return replace(entry, cameo="190", plover="ASSAULT", quad=4, intensity=-10.0, flags=entry.flags - {"self"})
    if entry.pos == "N" and entry.plover == "THREATEN" and _countered(ctx, i):
        return None
    if entry.pos == "V" and entry.plover == "AID" and lemma in AID_VERBS and _gives_information(ctx, i):
        return None
    if entry.pos == "V" and entry.plover == "CONCEDE" and lemma == "return" and _returns_a_state(ctx, i):
        return None
    if entry.pos == "V" and entry.mode == "visit" and lemma in ("fly", "travel") and ctx.child(i, "dobj"):
        return None  # "trained to fly the Su-35": flying a thing, not a trip
    if entry.pos == "V" and entry.plover == "RETREAT" and lemma == "withdraw" and _withdraws_privilege(ctx, i):
        return replace(entry, cameo="160", plover="SANCTION", quad=4, intensity=-4.0)
    if entry.pos == "V" and entry.mode == "host" and lemma == "receive" and _receives_a_thing(ctx, i):
        return None
    if entry.pos == "V" and entry.plover == "REQUEST" and lemma == "insist" and _insists_a_fact(ctx, i):
        return None
    return entry


def _withdraws_privilege(ctx: Context, v: int) -> bool:
    """"withdrew the accreditation of X", "withdrawing the right of X to operate": a right taken
    away (but "withdrew its troops" is a pull-back)."""
    objs = ctx.child(v, "dobj", "nsubjpass")
    return bool(objs) and all(ctx.toks[o].lemma.lower() in PRIVILEGE_NOUNS for o in objs)


def _receives_a_thing(ctx: Context, v: int) -> bool:
    """"received military aid from X", "the letter was received": a thing taken in, not a visitor
    hosted ("received the minister", "received a delegation" are visits)."""
    objs = ctx.child(v, "dobj", "nsubjpass")
    return bool(objs) and all(ctx.mention_at[o] is None and ctx.toks[o].lemma.lower() in RECEIVED_THINGS
                              for o in objs)


def _insists_a_fact(ctx: Context, v: int) -> bool:
    """"insisted that its soldiers there are volunteers", "insisted the talks had failed": a claim
    of fact (an indicative clause with no modal); "insisted that X withdraw", "insisted that X must
    leave" and "insisted on X" stay demands."""
    toks = ctx.toks
    clauses = ctx.child(v, "ccomp")
    if not clauses or ctx.child(v, "prep"):
        return False
    for c in clauses:
        aux = [k for k in ctx.child(c, "aux", "auxpass") if toks[k].text.lower() in _DEMAND_MODALS or toks[k].tag == "MD"]
        finite = toks[c].tag in ("VBZ", "VBP", "VBD") or any(
            toks[k].tag in ("VBZ", "VBP", "VBD") for k in ctx.child(c, "aux", "auxpass"))
        if aux or not finite:
            return False
    return True


def impersonal_need(ctx: Context, i: int) -> bool:
    """An act only said to be needed, by no one: "the crisis has doubled the need for talks",
    "the situation requires the two sides to consult" (but "the minister stressed the need to
    expand ties" and "Chile needs to sign" have an actor who wants it)."""
    toks = ctx.toks
    cur = i
    for _ in range(4):
        if toks[cur].dep not in ("dobj", "xcomp", "pobj", "prep", "acl") or toks[cur].head == cur:
            return False
        cur = toks[cur].head
        if toks[cur].lemma.lower() in NEED_WORDS:
            break
    else:
        return False
    if toks[cur].pos == "VERB":
        holders = [k for k in ctx.kids[cur] if toks[k].dep in ("nsubj", "nsubjpass")]
    else:
        holders = [k for k in ctx.kids[cur] if toks[k].dep == "poss"]
        h = toks[cur].head
        if not holders and toks[cur].dep in ("dobj", "nsubj", "attr") and h != cur:
            holders = [k for k in ctx.kids[h] if toks[k].dep in ("nsubj", "nsubjpass")]
    return bool(holders) and not any(resolve(ctx, k) or toks[k].pos == "PRON" for k in holders)


def _military_strike(ctx: Context, n: int) -> bool:
    """"a strike on X", "a US strike": an attack; "a general strike", "went on strike": a protest."""
    toks = ctx.toks
    kids = ctx.kids[n]
    if any(toks[k].lemma.lower() in LABOUR_WORDS for k in kids):
        return False
    if any(toks[k].dep == "prep" and toks[k].text.lower() == "on" and ctx.child(k, "pobj") for k in kids):
        return True
    for k in kids:
        m = ctx.mention_at[k]
        if m is not None and toks[k].dep in ("poss", "compound", "amod"):
            code = ctx.actor[m.actor_key].code or ""
            sector = split_code(code)[1]
            if sector in (None, "GOV", "MIL", "REB"):
                return True
    return False


def _countered(ctx: Context, n: int) -> bool:
    """"helped defeat the threat of terrorism", "the fight against the threat", "poses a threat"."""
    toks = ctx.toks
    h = toks[n].head
    if h == n:
        return False
    if toks[h].dep == "prep" and toks[h].head != h:  # "the fight against the threat"
        h = toks[h].head
    return toks[h].lemma.lower() in COUNTER_VERBS


def _gives_information(ctx: Context, v: int) -> bool:
    """"provided the text of a draft", "gave details of the plan": a telling, not aid."""
    objs = ctx.child(v, "dobj")
    return bool(objs) and all(ctx.toks[o].lemma.lower() in INFO_NOUNS for o in objs)


def _returns_a_state(ctx: Context, v: int) -> bool:
    """"return Syria to the Arab League": a state or body readmitted, not a thing handed back."""
    for o in ctx.child(v, "dobj"):
        m = ctx.mention_at[o]
        if m is not None and ctx.actor[m.actor_key].type in ("country", "org"):
            return True
    return False


def grows(ctx: Context, n: int) -> bool:
    """A state of relations ("cooperation") told as growing or wanted, which makes it an event:
    the object of "strengthen", the "of" of "expansion of", modified by "closer", or the subject of
    "has expanded"."""
    toks = ctx.toks
    h = toks[n].head
    if toks[h].dep == "prep" and toks[h].head != h:  # "expansion of cooperation", "leaps in cooperation"
        h = toks[h].head
    near = [h] if h != n else []
    near += [k for k in ctx.kids[n] if toks[k].dep in ("amod", "advmod", "compound")]
    if toks[n].dep in ("nsubj", "nsubjpass") and h != n:
        near += ctx.child(h, "acomp")
    return any(toks[k].lemma.lower() in GROWTH_WORDS or toks[k].text.lower() in GROWTH_WORDS for k in near)


def label_ok(ctx: Context, v: int) -> bool:
    """"described X as 'state terrorism'", "branded X a terrorist group": a negative label."""
    toks = ctx.toks
    heads = [p for k in ctx.kids[v] if toks[k].dep == "prep" and toks[k].text.lower() == "as"
             for p in ctx.child(k, "pobj")] + ctx.child(v, "oprd")
    heads += [c for h in list(heads) for c in ctx.kids[h] if toks[c].dep in ("amod", "compound", "appos")]
    return any(toks[h].lemma.lower() in NEGATIVE_LABELS for h in heads)


#: CAMEO roots of force: an attempt at one is coded as the act ("tried to kill", "an attempt to
#: bomb the embassy")
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_ATTEMPT = frozenset({"attempt", "try"})


def attempted(ctx, i: int) -> bool:
    """The act at ``i`` is the complement of "attempt" or "try" ("tried to seize the port", "an
    attempt to assassinate the governor")."""
    t = ctx.toks[i]
    return t.dep in ("xcomp", "acl", "relcl") and t.head != i and ctx.toks[t.head].lemma.lower() in _ATTEMPT


#: adverbs that make a present-tense clause generic: a habit or disposition, not an act
HABITUAL_ADVERBS = frozenset({"invariably", "always", "usually", "typically", "generally", "habitually",
                              "traditionally", "customarily", "routinely"})


def habitual(ctx, i: int) -> bool:
    """A simple-present verb with a habitual adverb ("Iranians invariably support Ukraine", "the
    council usually backs such plans"): a generic statement, no event."""
    toks = ctx.toks
    t = toks[i]
    joined = t.dep == "conj" and t.head != i and toks[t.head].tag in ("VBZ", "VBP")
    if (t.tag not in ("VBZ", "VBP") and not (joined and t.tag == "VB")) or ctx.child(i, "aux", "auxpass"):
        return False
    kids = list(ctx.child(i, "advmod"))
    if joined:
        kids += ctx.child(t.head, "advmod")  # "invariably support X and condemn Y"
    return any(toks[k].text.lower() in HABITUAL_ADVERBS for k in kids)
