"""Who did what to whom: events from the dependency parse, coded in PLOVER and CAMEO.

A predicate is a verb, an event noun or an adjective predicate found in the lexicon
``data/predicates.tsv`` (lemma or lemma + dependent words -> CAMEO code, PLOVER type, quad
class, intensity, flags). Its arguments come from the parse, not from word order:

- source: the subject (``nsubj``; the ``by``-agent of a passive; the subject of the governing
  verb for an ``xcomp``/``conj`` without one; the speaker for a pronoun subject of reported
  speech), or for an event noun its possessor ("Russia's invasion"), a demonym or name modifier
  ("a U.S. offer"), a ``by``-phrase, or the subject of the verb it hangs from ("held talks",
  "in a telephone conversation with");
- target: the direct object, the passive subject, the object of with / to / against / on / at /
  into / for / of (nouns), places after in / to for visits ("arrived in Moscow" -> the country of
  Moscow); a complement act lends its targets to the verb governing it ("offered to hand over
  to Great Britain"), and a demand's clause subject is its target ("demanded that the US ...").

Arguments resolve to actors through the actor mentions (``extract.actors``); conjunctions give
PLOVER lists ("Iran and Russia agreed" -> sources IRN, RUS).

PLOVER types: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT,
THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT, plus Dyad's extension ``STATEMENT`` for
CAMEO roots 01 (public statements) and 02 (appeals), which PLOVER leaves out. CAMEO 09
(investigate) is typed ACCUSE, as PLOVER folds it there.

Further rules (written for Dyad, general, not fitted to any one text):

- an act announced by its own actor ("Iraq said it would allow ...") is coded as the
  announcement: intent to cooperate (CAMEO 03, AGREE), or a threat (CAMEO 13, THREATEN) when the
  act is conflictual, announced as a warning or tied to an if/unless condition;
- a protest staged to demand or protest something is one PROTEST event with the demand's targets;
- "X said Y must do Z" is a demand on Y; Z, the content of the demand, is no event of its own, nor
  is an act nested in another predicate's content or stated as an if/unless condition;
- "described X as 'state terrorism'" (a negative label) is an accusation; "this act" takes the
  actor of the latest conflictual act as its target.

- "is ready / prepared / willing / plans to <act>" is intent (AGREE), a threat when the act is
  conflictual, a show of force when an army prepares an attack; a future act told by someone else
  ("X will provide aid, Y said") is an announcement too;
- troops that arrive are deployed (peacekeepers: AID 074), withdrawing inspectors or aid workers
  and expelling an organisation cut ties (SANCTION 166);
- with no coded actor, a place gives the country: "lifted a state of emergency in West Darfur",
  "shelled Juba"; a bombing with no named attacker is the place's (CAMEO's unidentified forces);
- events told as background (relative, temporal and purpose clauses, participles, circumstances)
  are dropped where the sentence reports an act in its main clause (``events.focus``);
- an event noun that modifies another noun takes that noun's arguments ("began a mediation
  mission between A and B"), and is the object of a predicate governing that noun ("ended the
  mediation effort" is one act: CAMEO 165);
- a sanction its own actor announces ("said it would suspend aid to X") stays the planned
  sanction; a warning or a condition still makes it a threat;
- a state's restriction (CAMEO 172) with no place or people named falls on its own civilians;
- pronouns and definite descriptions ("he", "we" in a quote, "their government", "the alliance")
  stand for the actor they take up (``events.anaphora``); an event whose only party is such a
  reference and that has no doer is dropped; a direct question reports no act.

The predicate lexicon lives in ``events.predicates``, the argument rules in ``events.arguments``. Modality
(``events.modality``) and date (``events.dates``) are attached to every event.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dyad.codes import split_code
from dyad.extract import lexicon
from dyad.extract.events import dates
from dyad.extract.events import modality as modality_mod
from dyad.extract.events.arguments import (
    ANNOUNCE_VERBS,
    FUTURE_AUX,
    MUST,
    PLACE_TARGET_ROOTS,
    REPORT_VERBS,
    Context,
    between_parties,
    condition_subject,
    instrument,
    noun_args,
    resolve,
    second_act,
    subject,
    targets,
)
from dyad.extract.events.focus import foreground
from dyad.extract.events.places import place_at, scene_country
from dyad.extract.events.predicates import (  # noqa: F401  (LEXICON is part of this package's API)
    INTENT,
    INTENT_CONFLICT,
    INTENT_COOP,
    LEXICON,
    Entry,
    match_entry,
)
from dyad.extract.events.senses import (
    VIOLENT_ROOTS,
    attempted,
    habitual,
    impersonal_need,
    sense,
)
from dyad.records import Actor, Analysis, Article, Event, Mention

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

EXTRACTOR = "events.rules.v1"
ANAPHORA = "events.anaphora"  # the extractor of the mentions ``events.anaphora`` makes


# --------------------------------------------------------------------------- events


def _codes(ctx: Context, ms: list[Mention], places: list[bool] | None = None) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    codes, keys, spans = [], [], []
    for idx, m in enumerate(ms):
        a = ctx.actor[m.actor_key]
        code = a.code
        if places and places[idx] and a.country:
            code = a.country  # a place visited: its country, not its government
        if not code or code in codes:
            continue
        codes.append(code)
        keys.append(a.key)
        spans.append((m.start, m.end))
    return codes, keys, spans


def _governed_by_predicate(ctx: Context, i: int, preds: dict[int, Entry], depth: int = 0) -> bool:
    """A complement act ("agreed to postpone", "rejected an invitation") is the content of the
    predicate that governs it, not an event of its own; so is an act nested in that content
    ("opposed to French mediation in peace negotiations with Syria"), and a condition ("unless
    the president agrees to step down", "if it is attacked")."""
    toks = ctx.toks
    if _direct_content(ctx, i, preds):
        return True
    h = toks[i].head
    if toks[i].dep == "acl" and h in preds and preds[h].pos == "N" and preds[h].root in ("13", "10", "03", "02"):
        return True  # "its threat to close the border", "a call to lift sanctions": the noun's content
    t = toks[i]
    if t.dep == "advcl" and any(toks[m].text.lower() in ("if", "unless") for m in ctx.child(i, "mark")):
        return True
    if depth < 3 and t.dep == "pobj" and t.head != i:
        n = toks[t.head].head
        if n != t.head and n in preds and preds[n].pos == "N" and _governed_by_predicate(ctx, n, preds, depth + 1):
            return True
    return False


def _direct_content(ctx: Context, i: int, preds: dict[int, Entry]) -> bool:
    toks = ctx.toks
    t = toks[i]
    head = t.head
    if t.dep == "ccomp" and head != i and any(k in preds and preds[k].root == "10" and preds[k].pos == "N"
                                             for k in ctx.child(head, "dobj")):
        return True  # "reiterated its demand that Israel ease ...": the demand's content
    if t.dep in ("dobj", "xcomp") and head != i and head not in preds and toks[head].dep == "xcomp" \
            and toks[head].head in preds and (toks[head].lemma.lower() in PHASE_VERBS or t.pos == "NOUN"):
        # "promised to continue military aid", "threatened to hold a strike", "agreed to postpone
        # the demonstration": the object of the complement act is part of that act
        return True
    if t.dep == "compound" and head != i and toks[head].dep in ("dobj", "nsubjpass") and toks[head].head != head \
            and toks[head].head in preds and preds[toks[head].head].pos == "V":
        return True  # "ended the mediation effort", "rejected an aid package": the act's object
    if head == i or head not in preds:
        if t.dep == "pobj" and head != i and toks[head].head in preds and toks[head].head != head:
            outer = preds[toks[head].head]
            if outer.mode == "visit" and preds[i].mode == "visit" and toks[head].text.lower() in ("at", "on"):
                return True  # "arrived in Moscow at the invitation of X": the visit's circumstance
            return outer.root in ("02", "03", "08", "10", "12", "13", "05") and toks[head].text.lower() in ("for", "to", "of")
        return False
    outer = preds[head]
    if t.dep == "xcomp" and ("gov" in outer.flags or outer.root in ("12", "13", "03")):
        return True
    if t.dep in ("dobj", "nsubjpass") and t.pos in ("NOUN", "PROPN"):
        return True
    return t.dep == "ccomp" and outer.root in ("10", "02")


def extract_events(article: Article, analysis: Analysis, actors: tuple[Actor, ...],
                   mentions: tuple[Mention, ...]) -> tuple[Event, ...]:
    """Events of ``article``, one per predicate with at least one coded actor."""
    ctx = Context(article, analysis, actors, mentions)
    toks = ctx.toks
    preds: dict[int, Entry] = {}
    for t in toks:
        if (ctx.mention_at[t.i] is not None and t.pos != "VERB") or t.ent_type in ("DATE", "TIME"):
            continue  # an actor's name, or a date ("last March")
        if t.pos == "VERB" and ((t.dep in ("dobj", "pobj", "nsubj", "nsubjpass") and ctx.child(t.i, "det"))
                                or (t.dep == "amod" and t.tag == "VBN")):
            continue  # a participle used as a noun or adjective: "evacuated the wounded", "occupied land"
        e = match_entry(ctx, t.i)
        if e is not None:
            preds[t.i] = e
    # a derived CAMEO verb pattern yields to a predicate of Dyad's own beneath it: in "paid
    # compensation", "announced that X must agree" the inner word codes the act
    for i in [i for i, e in preds.items() if "derived" in e.flags]:
        if any(k in preds and "derived" not in preds[k].flags for k in ctx.descendants(i, 3)):
            del preds[i]
    events: list[Event] = []
    inner_of: set[int] = set()
    for i, entry in preds.items():
        if _governed_by_predicate(ctx, i, preds):
            continue
        ev = _event(ctx, i, entry, preds)
        if ev is not None:
            events.append(ev)
            if toks[i].dep in ("xcomp", "ccomp") and toks[i].head in preds:
                inner_of.add(toks[i].head)
    # an appeal or demand whose content is coded as an event of its own is left to that event
    events = [e for e in events if not (e.root in ("01", "02") and _pred_index(ctx, e) in inner_of)]
    events = _merge_protests(_protest_purposes(ctx, preds, events))
    demands = _must_demands(ctx, preds)
    demanded = {d[0] for d in demands}
    events = [e for e in events if _pred_index(ctx, e) not in demanded] + [d[1] for d in demands if d[1]]
    events = foreground(events, toks, ctx.kids, ctx.mention_at, lambda e: _pred_index(ctx, e))
    events.sort(key=lambda e: (e.start, e.end))
    seen: set[tuple] = set()
    told: set[tuple] = set()
    unique = []
    for e in events:  # "hunger strike": one event per sentence, code and actors
        key = (e.sentence_index, e.cameo, e.sources, e.targets)
        again = (e.root, e.sources, e.targets, e.modality)
        if key in seen or (again in told and _refers_back(ctx, e)):
            continue
        seen.add(key)
        told.add(again)
        unique.append(e)
    return tuple(unique)


def _refers_back(ctx: Context, e: Event) -> bool:
    """An event noun with a definite or possessive determiner ("the visit", "the minister's
    visit") names an act the article has already told: a second report, not a second event."""
    i = _pred_index(ctx, e)
    if i < 0 or ctx.toks[i].pos != "NOUN":
        return False
    return any(ctx.toks[k].dep == "poss" or (ctx.toks[k].dep == "det" and ctx.toks[k].text.lower() in ("the", "this", "that"))
               for k in ctx.kids[i])


def _pred_index(ctx: Context, e: Event) -> int:
    return ctx.start_index.get(e.start, -1)


def _event(ctx: Context, i: int, entry: Entry, preds: dict[int, Entry]) -> Event | None:
    toks = ctx.toks
    t = toks[i]
    entry = sense(ctx, i, entry)
    if entry is None:
        return None
    cameo, plover, quad, intensity = entry.cameo, entry.plover, entry.quad, entry.intensity
    forced = None
    if "obj" in entry.flags and entry.pos == "V" and not any(
        toks[k].dep in ("dobj", "nsubjpass", "dative") for k in ctx.kids[i]
    ):
        return None  # "returned prisoners" is an act; "returned from Moscow" is travel
    if entry.pos == "N":
        src, tgt = noun_args(ctx, i, entry)
    else:
        src = subject(ctx, i)
        tgt = targets(ctx, i, entry)
        if src and not tgt and "recip" not in entry.flags:
            # "ended its mediation between A and B", "condemned the clashes between A and B"
            tgt = [(m, False) for m in between_parties(ctx, i)]
        if not src and "recip" in entry.flags:
            parties = between_parties(ctx, i)
            if len(parties) >= 2:  # "was signed between Iran and Russia": the parties to each other
                src, tgt = parties[:1], [(m, False) for m in parties[1:]]
        if entry.root == "02":
            # an appeal for cooperation with no addressee is the speaker's own intent to cooperate
            nouns = [k for k in ctx.child(i, "dobj") if k in preds and preds[k].root in ("03", "04", "05", "06", "07")]
            if nouns and not any(ctx.mention_at[k] for k in ctx.child(i, "dobj")):
                inner = preds[nouns[0]]
                _, ntgt = noun_args(ctx, nouns[0], inner)
                if ntgt:
                    cameo, plover = INTENT.get(inner.root, (inner.cameo, inner.plover))
                    if inner.root == "03":
                        cameo, plover = inner.cameo, inner.plover
                    quad, intensity, tgt = 1, 4.0, ntgt
                    i, t = nouns[0], toks[nouns[0]]
                    forced = modality_mod.ASSERTED
    if cameo == "087" and entry.pos == "V" and any(toks[o].lemma.lower() in STAFF_NOUNS for o in ctx.child(i, "dobj")):
        # withdrawing inspectors, aid workers or diplomats reduces relations (CAMEO 166), it is no retreat
        cameo, plover, quad, intensity = "166", "SANCTION", 4, -7.0
    if entry.mode == "visit" and entry.pos == "V":
        kind = _troop_arrival(ctx, i)
        if kind is not None:
            cameo, plover, quad, intensity = kind
    if entry.plover == "AGREE" and "gov" in entry.flags:
        kind = _intent_kind(ctx, i, preds, (cameo, plover, quad, intensity), entry.flags)
        if kind is None:
            return None
        cameo, plover, quad, intensity = kind
    src_codes, src_keys, src_spans = _codes(ctx, src)
    tgt_codes, tgt_keys, tgt_spans = _codes(ctx, [m for m, _ in tgt], [p for _, p in tgt])
    # the same code on both sides is one actor, unless the target is a person of its own
    # and in cooperation a state is no target of its own government or people
    # ("the Chilean president reaffirmed Chile's commitment"); protests and coercion at home are events
    own = {c[:3] for c in src_codes if len(c) > 3} if cameo[:2] in ("03", "04", "05", "06") else set()
    keep = [k for k, c in enumerate(tgt_codes) if tgt_keys[k] not in src_keys and c not in own and (
        c not in src_codes or (tgt_keys[k] in ctx.actor and ctx.actor[tgt_keys[k]].type == "person"))]
    foreign = [k for k in keep if tgt_codes[k][:3] not in {c[:3] for c in src_codes}]
    keep = foreign or keep  # "the minister's visit to Moscow and Tehran": the other side only
    tgt_codes = [tgt_codes[k] for k in keep]
    tgt_keys = [tgt_keys[k] for k in keep]
    tgt_spans = [tgt_spans[k] for k in keep]
    if not tgt_codes:
        got = _place_target(ctx, i, entry, src_codes[0][:3] if src_codes else None)
        if got is not None:
            tgt_codes, tgt_keys, tgt_spans = [got[0]], [got[0]], [got[1]]
    if not tgt_codes and src_codes and _domestic_restriction(ctx, i, preds):
        # "the government imposed martial law", "is prepared to declare a curfew": a state's
        # restriction with no place or people named falls on its own civilians
        home = split_code(src_codes[0])[0]
        if home is not None:
            tgt_codes, tgt_keys, tgt_spans = [home + "CVL"], [home + "CVL"], [src_spans[0]]
    if not src_codes and tgt_codes and entry.root in ("18", "19", "20") and not _named_agent(ctx, i):
        # a bombing with no named attacker: the unidentified armed forces of the place it happened
        scene = scene_country(ctx, t.sentence)
        if scene is not None:
            src_codes, src_keys, src_spans = [scene[0]], [scene[0]], [scene[1]]
    if len(src_codes) >= 2 and "recip" in entry.flags and entry.pos == "V":
        # "Iran and Russia agreed that ...": the parties act together; a partner named in the
        # clause itself still counts ("Ghana and Togo held talks with Benin")
        tgt = targets(ctx, i, entry, complement=False)
        tgt_codes, tgt_keys, tgt_spans = _codes(ctx, [m for m, _ in tgt], [p for _, p in tgt])
        keep = [k for k, c in enumerate(tgt_codes) if c not in src_codes]
        tgt_codes, tgt_keys, tgt_spans = ([x[k] for k in keep] for x in (tgt_codes, tgt_keys, tgt_spans))
    if cameo == "174" and tgt_codes and all(ctx.actor[k].type == "org" for k in tgt_keys if k in ctx.actor):
        cameo, plover, quad, intensity = "166", "SANCTION", 4, -7.0  # an organisation expelled: CAMEO 166
    if not src_codes and not tgt_codes:
        return None
    if not src_codes and tgt and all(m.extractor == ANAPHORA for m, _ in tgt):
        return None  # "a court cleared him": no doer, and the one party only referred back to
    if not tgt_codes and "self" not in entry.flags and not (len(src_codes) >= 2 and "recip" in entry.flags):
        return None
    if entry.root in ("01", "02") and not (src_codes and tgt_codes):
        return None
    means = instrument(ctx, i) if entry.pos == "N" else None
    # the means of an act shares that act's modality ("is trying to ... through the imposition of X")
    mod = forced or modality_mod.modality(i if means is None else means, toks, ctx.children, ctx.sentence_text)
    if entry.pos == "V" and second_act(ctx, i):
        # "urged X to reconsider and spoke with Y": the act of the governing verb's clause
        mod = modality_mod.modality(toks[toks[i].head].head, toks, ctx.children, ctx.sentence_text)
    if mod == modality_mod.ASSERTED and entry.pos == "N" and means is None:
        carried = _carrier_modality(ctx, i)
        if carried == "means":
            return None  # "can thwart Y by expanding cooperation": part of the hypothetical act
        mod = carried or mod
    if mod == modality_mod.HYPOTHETICAL and impersonal_need(ctx, i):
        return None
    if habitual(ctx, i):
        return None  # "Norlanders invariably support Sudria": a disposition, no event
    if _question(ctx, i):
        return None  # "How can Norland trust Sudria?": a question reports no act
    if mod == modality_mod.HYPOTHETICAL and entry.root in VIOLENT_ROOTS and attempted(ctx, i):
        # "an attempt to assassinate X was foiled": an attempted attack is itself an attack (CAMEO)
        mod = modality_mod.modality(toks[i].head, toks, ctx.children, ctx.sentence_text)
    announced = None if forced or entry.root in ("01", "02", "03", "13") or "gov" in entry.flags \
        else _announced_intent(ctx, i)
    # a condition makes a threat of a sanction ("would cut aid if X ..."), not of a cooperative
    # offer ("would meet the mediator if he gave them a veto"); "unless" always does
    conditional = announced is not None and (announced == "warn" or (quad >= 3 and condition_subject(ctx, i)) or any(
        ctx.toks[m].text.lower() == "unless" for c in ctx.child(i, "advcl") for m in ctx.child(c, "mark")))
    if announced is not None and entry.root == "16" and not conditional:
        pass  # "X announced it would suspend aid to Y": a sanction decided, kept as the planned sanction
    elif announced is not None:  # the announcement of the act is the event: intent or threat
        if conditional or quad >= 3:
            cameo, plover, quad, intensity = INTENT_CONFLICT.get(entry.root, "130"), "THREATEN", 3, -4.4
        else:
            cameo, plover, quad, intensity = INTENT_COOP.get(entry.root, "030"), "AGREE", 1, 4.0
        mod = modality_mod.modality(toks[i].head, toks, ctx.children, ctx.sentence_text)
        if mod == modality_mod.ASSERTED or toks[toks[i].head].dep == "ROOT":
            mod = modality_mod.ASSERTED
    sent = ctx.sents[t.sentence]
    when = dates.resolve(sent.text, ctx.article.date, anchor=t.start - sent.start)
    start, end = t.start, t.end
    return Event(
        article_id=ctx.article.id, sentence_index=t.sentence, start=start, end=end,
        trigger=ctx.article.text[start:end], plover=plover, cameo=cameo, root=cameo[:2],
        quad_class=quad, intensity=intensity, modality=mod,
        sources=tuple(src_codes), targets=tuple(tgt_codes),
        source_keys=tuple(src_keys), target_keys=tuple(tgt_keys),
        source_spans=tuple(src_spans), target_spans=tuple(tgt_spans),
        mode=entry.mode, date=when, extractor=EXTRACTOR,
    )


def _question(ctx: Context, i: int) -> bool:
    """Whether the act at ``i`` is asked about: its sentence is a direct question ("How can it
    cooperate with X?", "Will Sudria retaliate?"), and the act is not told in a relative clause
    ("..., which bombed Y?" reports the bombing)."""
    toks = ctx.toks
    text = ctx.sents[toks[i].sentence].text.rstrip(" \n\"'\u201d\u2019)")
    if not text.endswith("?"):
        return False
    cur, hops = i, 0
    while toks[cur].head != cur and hops < 12:
        if toks[cur].dep in ("relcl", "acl"):
            return False
        cur, hops = toks[cur].head, hops + 1
    return True


def _carrier_modality(ctx: Context, n: int) -> str | None:
    """An event noun that is the object of a gerund after a preposition shares its hypothetical
    modality: "accused X of deepening their cooperation", "can thwart Y by expanding cooperation"
    (the gerund, or the act whose means it is: then "means", and the noun is no event of its
    own); None when no such verb is hypothetical."""
    toks = ctx.toks
    cur, means = n, False
    for _ in range(3):
        t = toks[cur]
        if t.dep == "dobj" and t.head != cur and toks[t.head].tag == "VBG" and toks[t.head].dep == "pcomp":
            cur = t.head
        elif t.dep == "pcomp" and t.head != cur and toks[t.head].text.lower() in ("by", "through", "via") \
                and toks[toks[t.head].head].pos in ("VERB", "AUX"):
            cur, means = toks[t.head].head, True
        else:
            return None
        if modality_mod.modality(cur, toks, ctx.children, ctx.sentence_text) == modality_mod.HYPOTHETICAL:
            return "means" if means else modality_mod.HYPOTHETICAL
    return None


RESTRICTIONS = frozenset({"172"})


def _domestic_restriction(ctx: Context, i: int, preds: dict[int, Entry]) -> bool:
    """The act at ``i``, or the act it governs ("prepared to impose ..."), is an administrative
    restriction (CAMEO 172: curfew, martial law, state of emergency)."""
    inner = [i, *ctx.child(i, "xcomp")]
    inner += [g for k in inner[1:] for g in ctx.child(k, "xcomp", "dobj")]
    return any(k in preds and preds[k].cameo in RESTRICTIONS and (preds[k].pos == "N" or ctx.child(k, "dobj"))
               for k in inner)  # a restriction imposed, not "X is banned" (what is banned is no people)


def _protest_purposes(ctx: Context, preds: dict[int, Entry], events: list[Event]) -> list[Event]:
    """A protest staged to demand or protest something is one PROTEST event whose targets are the
    demand's: "students staged demonstrations to demand reforms by X's government", "began a
    hunger strike to protest X", "blocked roads demanding that X ..."."""
    toks = ctx.toks
    out = list(events)
    for e in events:
        i = _pred_index(ctx, e)
        if e.root not in ("02", "10", "11", "14") or i < 0 or not e.targets:
            continue
        clause = i
        if toks[i].dep == "dobj" and toks[i].head != i and toks[toks[i].head].dep in ("advcl", "xcomp"):
            clause = toks[i].head  # "blocked roads to voice their anger at X": the purpose verb's object
        if toks[clause].dep not in ("advcl", "xcomp", "acl"):
            continue
        head = toks[clause].head
        protest = [k for k in [head, *ctx.child(head, "dobj")] if k in preds and preds[k].plover == "PROTEST"]
        if not protest or protest[0] == i:
            continue
        p = protest[0]
        entry = preds[p]
        old = [x for x in out if _pred_index(ctx, x) == p]
        srcs = (old[0].sources, old[0].source_keys, old[0].source_spans) if old and old[0].sources else \
            (e.sources, e.source_keys, e.source_spans)
        merged = replace(e, start=toks[p].start, end=toks[p].end, trigger=ctx.article.text[toks[p].start:toks[p].end],
                         plover="PROTEST", cameo=entry.cameo, root=entry.cameo[:2], quad_class=entry.quad,
                         intensity=entry.intensity, mode=entry.mode, sources=srcs[0], source_keys=srcs[1],
                         source_spans=srcs[2],
                         modality=modality_mod.modality(p, toks, ctx.children, ctx.sentence_text))
        out = [x for x in out if x is not e and x not in old] + [merged]
    return out


def _merge_protests(events: list[Event]) -> list[Event]:
    """One protest told in two predicates ("began a hunger strike in protest against X"): the
    one with the protesters but no target and the one with the target merge into one event."""
    out = list(events)
    for a in events:
        if a.plover != "PROTEST" or a.targets or not a.sources or a not in out:
            continue
        other = next((b for b in out if b is not a and b.plover == "PROTEST" and b.sentence_index == a.sentence_index
                      and b.targets and set(b.sources) <= set(a.sources)), None)
        if other is None:
            continue
        merged = replace(a, targets=other.targets, target_keys=other.target_keys, target_spans=other.target_spans)
        out = [merged if x is a else x for x in out if x is not other]
    return out


TROOP_WORDS = WORDS["troop_words"]


STAFF_NOUNS = WORDS["staff_nouns"]


STATE_VERBS = frozenset({"remain", "stay", "be", "go", "put", "place", "keep"})


def _state_verb(ctx: Context, i: int) -> int | None:
    """The verb of "remained on alert", "were put on high alert": a state noun after "on" or
    "in" under a verb of being or placing."""
    toks = ctx.toks
    t = toks[i]
    if t.dep != "pobj" or t.head == i or toks[t.head].text.lower() not in ("on", "in"):
        return None
    verb = toks[t.head].head
    return verb if toks[verb].pos in ("VERB", "AUX") and toks[verb].lemma.lower() in STATE_VERBS else None


def _place_target(ctx: Context, i: int, entry: Entry, src_country: str | None) -> tuple[str, tuple[int, int]] | None:
    """The country of the place an act is done to when no actor is: "lifted a state of emergency in
    West Darfur", "shelled Juba", "fired at targets in Jericho", "troops remained on alert in the
    West Bank"; for an attack on people the text does not code, the place of the attack
    ("killed 23 people ... in Tel Aviv")."""
    toks = ctx.toks
    attack = entry.root in VIOLENT_ROOTS
    if not (entry.root in PLACE_TARGET_ROOTS or attack):
        return None
    heads = [i]
    if entry.pos == "N":
        state = _state_verb(ctx, i)
        if state is None:
            return None  # "a ceasefire in south Lebanon", "in an attack on a village": no act done to a place
        heads = [state, i]  # "troops remained on alert in the West Bank": the state is the act
    objs = heads + [o for h in heads for o in ctx.child(h, "dobj", "nsubjpass")]
    objs += [a for o in objs[1:] for a in ctx.child(o, "acl") if toks[a].tag == "VBN"]  # "the curfew imposed in Sudan"
    if attack:
        got = next((g for o in objs[len(heads):] for g in [place_at(ctx, o)] if g is not None), None)
        if got is not None:
            return got  # "shelled the capital Juba"
        objs += [p for o in objs for q in ctx.child(o, "prep") if toks[q].text.lower() in ("at", "on", "against")
                 for p in ctx.child(q, "pobj")]
    for k in [p for o in objs for q in ctx.child(o, "prep") if toks[q].text.lower() in ("in", "on", "around")
              for p in ctx.child(q, "pobj")]:
        got = place_at(ctx, k)
        if got is not None:
            return got
    if not attack or src_country is None:
        return None
    scene = scene_country(ctx, toks[i].sentence)  # "killed 23 people ... in Tel Aviv": another country's
    return scene if scene is not None and scene[0] != src_country else None


def _named_agent(ctx: Context, v: int) -> bool:
    """Whether the act has a person or group as its doer, coded or not ("gunmen", "Hakimi")."""
    toks = ctx.toks
    heads = ctx.child(v, "nsubj") + [p for a in ctx.child(v, "agent") for p in ctx.child(a, "pobj")]
    return any(toks[h].pos in ("PROPN", "PRON") or toks[h].lemma.lower() not in WEAPON_NOUNS for h in heads)


WEAPON_NOUNS = WORDS["weapon_nouns"]


def _troop_arrival(ctx: Context, v: int) -> tuple | None:
    """Troops that arrive somewhere are deployed there, not visiting: peacekeepers are military
    protection (AID, CAMEO 074), other troops a deployment (MOBILIZE, CAMEO 154)."""
    toks = ctx.toks
    subj = ctx.child(v, "nsubj")
    if not subj:
        return None
    words = {toks[k].lemma.lower() for k in [subj[0], *ctx.descendants(subj[0], 3)]}
    if not words & TROOP_WORDS and "peacekeeper" not in words:
        return None
    if any(w.startswith("peacekeep") for w in words):
        return "074", "AID", 2, 7.4
    return "154", "MOBILIZE", 4, -7.2


PHASE_VERBS = WORDS["phase_verbs"]


def _intent_kind(ctx: Context, i: int, preds: dict[int, Entry], coded: tuple, coded_flags=frozenset()) -> tuple | None:
    """"vowed / is ready to <act>": an intent to cooperate, unless the act is conflictual: then a
    threat ("is prepared to impose martial law", "vowed to strike"), or a show of force when troops
    prepare an attack ("the army prepared to resume shelling")."""
    toks = ctx.toks
    inner = [k for k in ctx.child(i, "xcomp")]
    light = [k for k in inner if k not in preds and toks[k].lemma.lower() in PHASE_VERBS]
    inner += [g for k in light for g in ctx.child(k, "xcomp", "dobj")]  # "to resume shelling"
    inner += ctx.child(i, "dobj")  # "preparing an offensive"
    act = next((preds[k] for k in inner if k in preds), None)
    if act is None:
        return None if "act" in coded_flags else coded
    if act.quad < 3 or any(ctx.child(k, "neg") for k in inner):
        return coded
    if toks[i].lemma.lower() == "prepare" and act.root in ("18", "19", "20"):
        return "150", "MOBILIZE", 4, -7.2
    return INTENT_CONFLICT.get(act.root, "130"), "THREATEN", 3, -4.4


def _announced_intent(ctx: Context, i: int) -> str | None:
    """"X said it will/would <act>": the lemma of the announcing verb, when the act at ``i`` is a
    future act in its complement ("Iraq said it would allow", "they will release ..., X said")."""
    toks = ctx.toks
    aux = [k for k in ctx.kids[i] if toks[k].dep == "aux"]
    if not any(toks[k].text.lower() in FUTURE_AUX for k in aux) or ctx.child(i, "neg"):
        return None
    cur = i
    while toks[cur].dep == "conj" and toks[cur].head != cur:
        cur = toks[cur].head
    head = toks[cur].head
    if toks[cur].dep == "ROOT":  # "X will provide aid ..., Y said": the report hangs from the act
        said = [k for k in ctx.child(cur, "conj", "parataxis", "ccomp")
                if k > cur and toks[k].lemma.lower() in ANNOUNCE_VERBS and not ctx.child(k, "dobj")]
        return toks[said[0]].lemma.lower() if said else None
    if toks[cur].dep != "ccomp" or head == cur or toks[head].lemma.lower() not in ANNOUNCE_VERBS:
        return None
    return toks[head].lemma.lower()


def _must_demands(ctx: Context, preds: dict[int, Entry]) -> list[tuple[int, Event | None]]:
    """"X said (that) Y must do Z": a demand by X on Y (CAMEO 10), whatever Z is; with the token
    of Z, which is the demand's content and no event of its own."""
    toks = ctx.toks
    out: list[tuple[int, Event | None]] = []
    for t in toks:
        if t.dep not in ("aux",) or t.text.lower() not in MUST:
            continue
        v = t.head
        if toks[v].dep != "ccomp" or toks[v].head == v:
            continue
        speaker_verb = toks[v].head
        if toks[speaker_verb].lemma.lower() not in REPORT_VERBS or speaker_verb in preds:
            continue
        subj = ctx.child(v, "nsubj")
        src_codes, src_keys, src_spans = _codes(ctx, subject(ctx, speaker_verb))
        tgt_codes, tgt_keys, tgt_spans = _codes(ctx, resolve(ctx, subj[0])) if subj else ([], [], [])
        # what Y must do is the content of a demand, never an event of its own ("must be ready to")
        out += [(k, None) for k in [v, *ctx.child(v, "acomp", "xcomp")]]
        if {c[:3] for c in src_codes} & {c[:3] for c in tgt_codes}:
            continue  # "Chile and Peru should update the treaty, the Chilean minister said": a proposal, not a demand
        if not src_codes or not tgt_codes:
            continue
        sv = toks[speaker_verb]
        sent = ctx.sents[sv.sentence]
        out.append((v, Event(
            article_id=ctx.article.id, sentence_index=sv.sentence, start=sv.start, end=sv.end,
            trigger=ctx.article.text[sv.start:sv.end], plover="REQUEST", cameo="100", root="10",
            quad_class=3, intensity=-5.0,
            modality=modality_mod.modality(speaker_verb, toks, ctx.children, ctx.sentence_text),
            sources=tuple(src_codes), targets=tuple(tgt_codes), source_keys=tuple(src_keys),
            target_keys=tuple(tgt_keys), source_spans=tuple(src_spans), target_spans=tuple(tgt_spans),
            date=dates.resolve(sent.text, ctx.article.date, anchor=sv.start - sent.start),
            extractor=EXTRACTOR,
        )))
    return out
