"""Who did what to whom: events from the dependency parse, coded in PLOVER and CAMEO.

A predicate is a verb, an event noun or an adjective predicate found in the lexicon
``data/events_lexicon.tsv`` (lemma or lemma + dependent words -> CAMEO code, PLOVER type, quad
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

Modality (``extract.modality``) and date (``extract.dates``) are attached to every event.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dyad.extract import dates, modality as modality_mod
from dyad.records import Actor, Analysis, Article, Event, Mention, Token

EXTRACTOR = "events.rules.v1"
DATA = Path(__file__).resolve().parent / "data"

SUBJ = frozenset({"nsubj", "csubj", "expl"})
TARGET_PREPS = frozenset({"with", "to", "against", "on", "upon", "at", "into", "toward", "towards", "for"})
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "between"}
LOC_PREPS = frozenset({"in", "to", "into", "at"})
REPORT_VERBS = frozenset({"say", "tell", "add", "announce", "state", "declare", "report", "claim",
                          "insist", "reiterate", "conclude", "stress", "emphasize", "warn", "note",
                          "write", "argue", "believe", "think"})
MUST = frozenset({"must", "should"})
LIGHT_SKIP = frozenset({"be", "have"})  # "the meeting was", "has a meeting": no agent from these
_INTENT = {"04": ("036", "AGREE"), "05": ("032", "AGREE"), "06": ("031", "AGREE"), "07": ("033", "AGREE")}


@dataclass(frozen=True, slots=True)
class Entry:
    words: tuple[str, ...]
    pos: str  # V | N | A
    cameo: str
    plover: str
    quad: int
    intensity: float
    flags: frozenset[str]
    mode: str | None

    @property
    def root(self) -> str:
        return self.cameo[:2]


def _load() -> dict[tuple[str, str], list[Entry]]:
    table: dict[tuple[str, str], list[Entry]] = {}
    for line in (DATA / "events_lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        phrase, pos, cameo, plover, quad, intensity = cols[:6]
        raw_flags = {f.strip() for f in (cols[6] if len(cols) > 6 else "").split(",") if f.strip()}
        mode = next((f.split("=", 1)[1] for f in raw_flags if f.startswith("mode=")), None)
        entry = Entry(tuple(phrase.lower().split()), pos, cameo, plover, int(quad), float(intensity),
                      frozenset(f for f in raw_flags if "=" not in f), mode)
        for w in set(entry.words):
            table.setdefault((w, pos), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: -len(e.words))
    return table


LEXICON = _load()
_POS = {"VERB": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}


class _Ctx:
    """Per-article lookups, built once: children, mentions per token, actors by key."""

    def __init__(self, article: Article, analysis: Analysis, actors, mentions) -> None:
        self.article = article
        self.toks: tuple[Token, ...] = analysis.tokens
        self.sents = analysis.sentences
        kids: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                kids[t.head].append(t.i)
        self.kids = kids
        self.actor = {a.key: a for a in actors}
        self.start_index = {t.start: t.i for t in self.toks}
        self.mention_at: list[Mention | None] = [None] * len(self.toks)
        k = 0
        ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        for m in ordered:
            if m.actor_key not in self.actor:
                continue
            while k < len(self.toks) and self.toks[k].end <= m.start:
                k += 1
            j = k
            while j < len(self.toks) and self.toks[j].start < m.end:
                if self.mention_at[j] is None:
                    self.mention_at[j] = m
                j += 1

    def children(self, i: int) -> list[int]:
        return self.kids[i]

    def sentence_text(self, s: int) -> str:
        return self.sents[s].text

    def child(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.kids[i] if self.toks[k].dep in deps]

    def descendants(self, i: int, depth: int = 2) -> list[int]:
        out, frontier = [], [i]
        for _ in range(depth):
            frontier = [k for f in frontier for k in self.kids[f]]
            out.extend(frontier)
        return out


# --------------------------------------------------------------------------- predicates


def match_entry(ctx: _Ctx, i: int) -> Entry | None:
    """The lexicon entry for the predicate at token ``i`` (longest phrase first)."""
    t = ctx.toks[i]
    pos = _POS.get(t.pos)
    if pos is None:
        return None
    lemma = t.lemma.lower()
    candidates = LEXICON.get((lemma, pos)) or LEXICON.get((t.text.lower(), pos))
    if not candidates:
        return None
    near = None
    for e in candidates:
        if len(e.words) == 1:
            return e if e.words[0] in (lemma, t.text.lower()) else None
        if near is None:
            near = {ctx.toks[k].lemma.lower() for k in ctx.descendants(i, 2)}
            near |= {ctx.toks[t.head].lemma.lower()} if t.head != i else set()
            near |= {ctx.toks[k].lemma.lower() for k in range(max(0, i - 1), min(len(ctx.toks), i + 2))}
        others = list(e.words)
        others.remove(lemma) if lemma in others else None
        if len(others) == len(e.words) - 1 and all(w in near for w in others):
            return e
    return None


# --------------------------------------------------------------------------- actors of a phrase


def _resolve(ctx: _Ctx, h: int, depth: int = 0, via_of: bool = True) -> list[Mention]:
    """Actor mentions that the phrase headed by token ``h`` refers to (conjuncts included)."""
    toks = ctx.toks
    out: list[Mention] = []
    m = ctx.mention_at[h]
    if m is not None:
        out.append(m)
    elif toks[h].pos in ("NOUN", "PROPN", "ADJ", "NUM", "PRON") and depth < 3:
        # "Lebanon's new President", "the Russian official", "leaders of X", "a U.S. request"
        found: list[Mention] = []
        for k in ctx.kids[h]:
            d = toks[k].dep
            if d in ("poss", "compound", "amod", "nmod", "appos", "npadvmod"):
                found += _resolve(ctx, k, depth + 1, via_of)
        if not found:
            for k in ctx.kids[h]:
                if toks[k].dep == "prep" and toks[k].text.lower() in (("of", "by", "from") if via_of else ("by", "from")):
                    for p in ctx.child(k, "pobj"):
                        found += _resolve(ctx, p, depth + 1, via_of)
        out += found
    for k in ctx.kids[h]:
        if toks[k].dep == "conj":
            out += _resolve(ctx, k, depth + 1, via_of)
    seen, uniq = set(), []
    for x in out:
        if id(x) not in seen:
            seen.add(id(x))
            uniq.append(x)
    return uniq


def _subject(ctx: _Ctx, v: int, hops: int = 0) -> list[Mention]:
    """The source of verb ``v``: its subject, or a governing verb's when it has none."""
    toks = ctx.toks
    subj = ctx.child(v, "nsubj", "csubj")
    if subj:
        s = subj[0]
        found = _resolve(ctx, s)
        if found:
            return found
        if toks[s].pos == "PRON" and hops < 4:  # "he welcomes": the speaker of the governing verb
            cur = v
            while toks[cur].dep in ("ccomp", "xcomp", "conj", "advcl") and toks[cur].head != cur:
                cur = toks[cur].head
                up = ctx.child(cur, "nsubj")
                if up:
                    got = _resolve(ctx, up[0])
                    if got:
                        return got
        if toks[s].dep == "nsubj" and toks[s].lemma.lower() in ("who", "which", "that") and toks[v].dep == "relcl":
            return _resolve(ctx, toks[v].head)
        return []
    agents = ctx.child(v, "agent")
    if agents:
        got = [m for a in agents for p in ctx.child(a, "pobj") for m in _resolve(ctx, p)]
        if got:
            return got
    if hops < 4 and toks[v].head != v:
        head = toks[v].head
        dep = toks[v].dep
        if dep == "xcomp":
            obj = ctx.child(head, "dobj")  # "urged Iran to condemn": the object acts
            if obj and toks[head].lemma.lower() not in ("offer", "promise"):
                return _resolve(ctx, obj[0])
            return _subject(ctx, head, hops + 1)
        if dep in ("conj", "advcl", "acomp") and toks[head].pos in ("VERB", "AUX", "ADJ"):
            return _subject(ctx, head, hops + 1)
        if dep == "pcomp" and toks[head].head != head:  # "supported X by blaming Y"
            return _subject(ctx, toks[head].head, hops + 1)
        if dep == "relcl":
            return _resolve(ctx, head)
        if dep == "acl" and toks[v].tag == "VBG":
            return _resolve(ctx, head)
    return []


def _prep_targets(ctx: _Ctx, v: int, preps: frozenset[str], loc: bool) -> list[tuple[Mention, bool]]:
    out = []
    kids = list(ctx.kids[v])
    kids += [g for k in ctx.kids[v] if ctx.toks[k].dep in ("prt", "advmod") for g in ctx.kids[k]]
    for k in kids:
        t = ctx.toks[k]
        low = t.text.lower()
        if t.dep not in ("prep", "dative") or not (low in preps or (loc and low in LOC_PREPS)):
            continue
        for p in ctx.child(k, "pobj") or ([k] if t.dep == "dative" else []):
            out += [(m, loc and low in LOC_PREPS) for m in _resolve(ctx, p)]
    return out


def _targets(ctx: _Ctx, v: int, entry: Entry) -> list[tuple[Mention, bool]]:
    """Targets of a verb or adjective predicate: (mention, is_place)."""
    toks = ctx.toks
    loc = "loc" in entry.flags
    preps = TARGET_PREPS if loc else TARGET_PREPS | {"from"}
    out: list[tuple[Mention, bool]] = []
    objects = []
    for d in ("dobj", "dative", "iobj", "nsubjpass", "attr", "oprd"):
        for k in ctx.child(v, d):
            if d == "nsubjpass" and ctx.child(v, "agent") == [] and entry.root in ("03", "05"):
                continue
            objects.append(k)
            out += [(m, loc) for m in _resolve(ctx, k)]
    out += _prep_targets(ctx, v, preps, loc)
    if not out:
        # "continued military aid to Mozambique", "a grant of ... for Tanzania"
        for k in objects:
            out += _prep_targets(ctx, k, preps, False)
            for k2 in ctx.child(k, "prep"):
                for p in ctx.child(k2, "pobj"):
                    out += _prep_targets(ctx, p, preps - {"of"}, False)
    if not out:
        for k in ctx.child(v, "ccomp", "xcomp"):
            if entry.root in ("10", "02", "11", "12", "13") or "gov" in entry.flags:
                # "demanded that the US cancel": the clause's subject; "offered to hand over to X"
                subj = ctx.child(k, "nsubj")
                if subj and entry.root != "03":
                    out += [(m, False) for m in _resolve(ctx, subj[0])]
                if not out:
                    out += [(m, False) for m in _nearest(ctx, k, exclude=set(subj))]
    return out


def _nearest(ctx: _Ctx, k: int, exclude: set[int], depth: int = 4) -> list[Mention]:
    """The first actor mentions, breadth first, in the complement clause headed by ``k``."""
    frontier = [c for c in ctx.kids[k] if c not in exclude and ctx.toks[c].dep not in SUBJ | {"nsubjpass", "advcl", "mark", "aux"}]
    for _ in range(depth):
        found = []
        for c in frontier:
            m = ctx.mention_at[c]
            if m is not None:
                found += _resolve(ctx, c)
        if found:
            return found
        frontier = [g for c in frontier for g in ctx.kids[c] if ctx.toks[g].dep not in ("relcl", "advcl", "acl", "nsubj")]
    return []


def _noun_args(ctx: _Ctx, n: int, entry: Entry) -> tuple[list[Mention], list[tuple[Mention, bool]]]:
    toks = ctx.toks
    loc = "loc" in entry.flags
    src: list[Mention] = []
    for k in ctx.kids[n]:
        d = toks[k].dep
        if d == "poss" or (d in ("compound", "amod", "nmod") and ctx.mention_at[k] is not None):
            src += _resolve(ctx, k)
        elif d == "prep" and toks[k].text.lower() == "by":
            src += [m for p in ctx.child(k, "pobj") for m in _resolve(ctx, p)]
    tgt: list[tuple[Mention, bool]] = []
    of_source = "ofsrc" in entry.flags and not src
    for k in ctx.kids[n]:
        t = toks[k]
        low = t.text.lower()
        if t.dep == "prep" and low == "of" and of_source:  # "at the invitation of X"
            src += [m for p in ctx.child(k, "pobj") for m in _resolve(ctx, p, via_of=False)]
        elif t.dep == "prep" and (low in NOUN_TARGET_PREPS or (loc and low in LOC_PREPS)):
            for p in ctx.child(k, "pobj"):
                tgt += [(m, loc and low in LOC_PREPS) for m in _resolve(ctx, p, via_of=False)]
    if of_source and src and not tgt:
        cur = n
        while toks[cur].dep in ("pobj", "prep") and toks[cur].head != cur:
            cur = toks[cur].head
        if toks[cur].pos in ("VERB", "AUX"):
            tgt = [(m, False) for m in _subject(ctx, cur)]
    if not src:
        # the verb it hangs from: "held talks with", "in a conversation with", "paid a visit"
        cur, hops = n, 0
        while hops < 3 and toks[cur].head != cur:
            hops += 1
            dep, cur = toks[cur].dep, toks[cur].head
            if dep in ("pobj", "prep", "compound"):
                continue
            if dep in ("dobj", "advcl", "npadvmod", "attr", "nsubjpass") or toks[cur].pos in ("VERB", "AUX"):
                break
        if toks[cur].pos in ("VERB", "AUX") and toks[cur].lemma.lower() not in LIGHT_SKIP:
            src = _subject(ctx, cur)
            if not tgt and toks[n].dep == "dobj":
                tgt = _prep_targets(ctx, cur, frozenset({"with", "to", "against", "between"}), loc)
    return src, tgt


# --------------------------------------------------------------------------- events


def _codes(ctx: _Ctx, ms: list[Mention], places: list[bool] | None = None) -> tuple[list[str], list[str], list[tuple[int, int]]]:
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


def _governed_by_predicate(ctx: _Ctx, i: int, preds: dict[int, Entry]) -> bool:
    """A complement act ("agreed to postpone", "rejected an invitation") is the content of the
    predicate that governs it, not an event of its own."""
    toks = ctx.toks
    t = toks[i]
    head = t.head
    if head == i or head not in preds:
        if t.dep == "pobj" and head != i and toks[head].head in preds and toks[head].head != head:
            outer = preds[toks[head].head]
            return outer.root in ("02", "10", "12", "13", "05") and toks[head].text.lower() in ("for", "to", "of")
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
    ctx = _Ctx(article, analysis, actors, mentions)
    toks = ctx.toks
    preds: dict[int, Entry] = {}
    for t in toks:
        if ctx.mention_at[t.i] is not None and t.pos != "VERB":
            continue
        e = match_entry(ctx, t.i)
        if e is not None:
            preds[t.i] = e
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
    events += _must_demands(ctx, preds)
    events.sort(key=lambda e: (e.start, e.end))
    seen: set[tuple] = set()
    unique = []
    for e in events:  # "hunger strike": one event per sentence, code and actors
        key = (e.sentence_index, e.cameo, e.sources, e.targets)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return tuple(unique)


def _pred_index(ctx: _Ctx, e: Event) -> int:
    return ctx.start_index.get(e.start, -1)


def _event(ctx: _Ctx, i: int, entry: Entry, preds: dict[int, Entry]) -> Event | None:
    toks = ctx.toks
    t = toks[i]
    cameo, plover, quad, intensity = entry.cameo, entry.plover, entry.quad, entry.intensity
    forced = None
    if entry.pos == "N":
        src, tgt = _noun_args(ctx, i, entry)
    else:
        src = _subject(ctx, i)
        tgt = _targets(ctx, i, entry)
        if entry.root == "02":
            # an appeal for cooperation with no addressee is the speaker's own intent to cooperate
            nouns = [k for k in ctx.child(i, "dobj") if k in preds and preds[k].root in ("03", "04", "05", "06", "07")]
            if nouns and not any(ctx.mention_at[k] for k in ctx.child(i, "dobj")):
                inner = preds[nouns[0]]
                _, ntgt = _noun_args(ctx, nouns[0], inner)
                if ntgt:
                    cameo, plover = _INTENT.get(inner.root, (inner.cameo, inner.plover))
                    if inner.root == "03":
                        cameo, plover = inner.cameo, inner.plover
                    quad, intensity, tgt = 1, 4.0, ntgt
                    i, t = nouns[0], toks[nouns[0]]
                    forced = modality_mod.ASSERTED
    src_codes, src_keys, src_spans = _codes(ctx, src)
    tgt_codes, tgt_keys, tgt_spans = _codes(ctx, [m for m, _ in tgt], [p for _, p in tgt])
    keep = [k for k, c in enumerate(tgt_codes) if c not in src_codes]
    tgt_codes = [tgt_codes[k] for k in keep]
    tgt_keys = [tgt_keys[k] for k in keep]
    tgt_spans = [tgt_spans[k] for k in keep]
    if not src_codes and not tgt_codes:
        return None
    if not tgt_codes and "self" not in entry.flags and not (len(src_codes) >= 2 and "recip" in entry.flags):
        return None
    if entry.root in ("01", "02") and not (src_codes and tgt_codes):
        return None
    mod = forced or modality_mod.modality(i, toks, ctx.children, ctx.sentence_text)
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


def _must_demands(ctx: _Ctx, preds: dict[int, Entry]) -> list[Event]:
    """"X said (that) Y must do Z": a demand by X on Y (CAMEO 10), whatever Z is."""
    toks = ctx.toks
    out: list[Event] = []
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
        if not subj:
            continue
        src_codes, src_keys, src_spans = _codes(ctx, _subject(ctx, speaker_verb))
        tgt_codes, tgt_keys, tgt_spans = _codes(ctx, _resolve(ctx, subj[0]))
        if not src_codes or not tgt_codes or set(src_codes) & set(tgt_codes):
            continue
        sv = toks[speaker_verb]
        sent = ctx.sents[sv.sentence]
        out.append(Event(
            article_id=ctx.article.id, sentence_index=sv.sentence, start=sv.start, end=sv.end,
            trigger=ctx.article.text[sv.start:sv.end], plover="REQUEST", cameo="100", root="10",
            quad_class=3, intensity=-5.0,
            modality=modality_mod.modality(speaker_verb, toks, ctx.children, ctx.sentence_text),
            sources=tuple(src_codes), targets=tuple(tgt_codes), source_keys=tuple(src_keys),
            target_keys=tuple(tgt_keys), source_spans=tuple(src_spans), target_spans=tuple(tgt_spans),
            date=dates.resolve(sent.text, ctx.article.date, anchor=sv.start - sent.start),
            extractor=EXTRACTOR,
        ))
    return out
