"""Who said what: direct, indirect and mixed quotes with their cue and speaker.

Three passes over one article, all linear in its length:

1. Quotation marks are paired per paragraph (straight, curly, guillemets, low-9; single
   quotes where they cannot be apostrophes). A mark left open at a paragraph's end closes
   there, and continues into the next paragraph when that one opens with a mark.
2. Cue words from ``data/quote_cues.json`` are found in the dependency parse: the clausal
   complement of a cue verb (or what follows its colon, or its object for verbs that take
   one) is the reported content, its subject the speaker; "according to X" makes X the
   speaker of the rest of the sentence. Reported content that holds quoted words is
   ``mixed``; quoted words with a cue beside them are ``direct``.
3. Speakers are resolved to actors through the actor layer's mentions; pronouns and
   descriptions ("the expert", "the minister") fall back to the most recent compatible
   person speaker. A speaker that cannot be resolved is kept as written, ``resolved=False``.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dyad.extract.quote_marks import DOUBLE_MARKS, SINGLE_MARKS, QuotedSpan, find_quoted
from dyad.records import Actor, Analysis, Article, Mention, Quote, Token

EXTRACTOR = "quotes.rules.v1"
DATA = Path(__file__).parent / "data" / "quote_cues.json"

_LEX = json.loads(DATA.read_text(encoding="utf-8"))
CUE_VERBS = frozenset(_LEX["verbs"])
OBJECT_VERBS = frozenset(_LEX["object_verbs"])
PREP_VERBS = {k: frozenset(v) for k, v in _LEX["prep_verbs"].items()}
ACCORDING = tuple(tuple(p.split()) for p in _LEX["according"])
PRONOUNS = dict(_LEX["pronouns"])
FEMALE = frozenset(_LEX["female_words"])
MALE = frozenset(_LEX["male_words"])

# quotation marks; "both" marks are told apart by the characters around them
_WORD_RE = re.compile(r"\w")
_SUBJ = ("nsubj", "csubj")
_SPEAKER_LEFT = frozenset({"det", "poss", "compound", "amod", "nmod", "nummod", "case", "flat", "quantmod"})
_SPEAKER_PREPS = frozenset({"of", "on", "in", "to", "for", "at", "from", "with"})
_TRIM = " \t\n,;:.-–—\"“”„«»'‘’"
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(slots=True)
class _Cand:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    pieces: list[tuple[int, int]]
    kind: str
    cue: int | None  # token index of the cue, None when inherited
    speaker: tuple[int, int] | None  # speaker char span as written
    head: int | None  # speaker head token
    inherit: bool = False  # speaker is the previous quote's
    according: bool = False
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- parse helpers


class _Parse:
    """Children lists and per-sentence token ranges, built once per article."""

    def __init__(self, analysis: Analysis) -> None:
        self.toks = analysis.tokens
        self.children: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.starts = [t.start for t in self.toks]

    def kids(self, i: int, deps: tuple[str, ...] | frozenset[str]) -> list[int]:
        return [c for c in self.children[i] if self.toks[c].dep in deps]

    def subtree(self, i: int) -> tuple[int, int]:
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            stack.extend(self.children[j])
        return lo, hi

    def content_span(self, i: int) -> tuple[int, int]:
        """Subtree span of i, leaving out trailing participial cues ("…, adding that …")."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            for c in self.children[j]:
                ct = self.toks[c]
                if c > i and ct.tag == "VBG" and ct.dep in ("advcl", "conj", "xcomp") and _is_cue(self, c):
                    continue
                stack.append(c)
        return self.toks[lo].start, self.toks[hi].end

    def char_span(self, i: int) -> tuple[int, int]:
        lo, hi = self.subtree(i)
        return self.toks[lo].start, self.toks[hi].end

    def subject(self, verb: int, depth: int = 0) -> int | None:
        """The verb's subject, or the subject it shares with the verb it hangs from.

        A participle ("…, adding that …") takes the subject of the nearest cue verb above it
        when there is one: the parse often hangs it from a verb inside the reported clause.
        """
        subj = self.kids(verb, _SUBJ)
        if subj:
            return subj[0]
        tok = self.toks[verb]
        if depth == 0 and tok.tag == "VBG" and tok.dep in ("advcl", "conj", "xcomp", "dep"):
            j, hops = tok.head, 0
            while hops < 6 and self.toks[j].head != j and not _is_cue(self, j):
                j, hops = self.toks[j].head, hops + 1
            if _is_cue(self, j) and j != verb:
                found = self.subject(j, depth + 1)
                if found is not None:
                    return found
        if depth < 4 and tok.head != verb and tok.dep in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "dep", "acl"):
            head = self.toks[tok.head]
            if tok.dep == "acl" and head.pos in ("PROPN", "NOUN", "PRON"):
                return head.i  # "Smith, saying that ..." hangs from the noun
            if head.pos in ("VERB", "AUX"):
                return self.subject(head.i, depth + 1)
        return None

    def np_span(self, head: int, entities: dict[int, tuple[int, int]]) -> tuple[int, int]:
        """A compact span for a speaker noun phrase: modifiers and short 'of' phrases."""
        lo = hi = head
        stack = [head]
        while stack:
            j = stack.pop()
            for c in self.children[j]:
                ct = self.toks[c]
                if c < j and ct.dep in _SPEAKER_LEFT:
                    a, b = self.subtree(c)
                    lo, hi = min(lo, a), max(hi, b)
                elif c > j and ct.dep == "prep" and ct.text.lower() in _SPEAKER_PREPS:
                    a, b = self.subtree(c)
                    lo, hi = min(lo, a), max(hi, b)
                elif c > j and ct.dep in ("compound", "flat"):
                    lo, hi = min(lo, c), max(hi, c)
                    stack.append(c)
        start, end = self.toks[lo].start, self.toks[hi].end
        if head in entities:
            es, ee = entities[head]
            start, end = min(start, es), max(end, ee)
        return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _paragraph_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


# --------------------------------------------------------------------------- cues


def _is_cue(p: _Parse, i: int) -> bool:
    t = p.toks[i]
    if t.pos not in ("VERB", "AUX") or t.lemma.lower() not in CUE_VERBS:
        return False
    if t.dep in ("auxpass", "aux", "amod"):
        return False
    return not any(p.toks[c].dep == "nsubjpass" for c in p.children[i])


def _content(p: _Parse, text: str, i: int) -> tuple[int, int, str] | None:
    """The reported content of cue verb ``i``: (start, end, how)."""
    toks = p.toks
    # "he added: The reason ..." / "told reporters: ..."
    for j in range(i + 1, min(i + 5, len(toks))):
        tj = toks[j]
        if tj.text == ":" and toks[j - 1].sentence == toks[i].sentence:
            start = tj.end
            return start, _paragraph_end(text, start), "colon"
        if tj.pos in ("VERB", "AUX") or tj.text in ".;!?\n" or "\n" in tj.whitespace:
            break
    lemma = toks[i].lemma.lower()
    comp = p.kids(i, ("ccomp",))
    if not comp and lemma not in ("want", "plan", "intend", "seek", "wish", "decide", "hope", "expect", "urge"):
        comp = [c for c in p.kids(i, ("xcomp",)) if toks[c].pos in ("VERB", "AUX")]
    elif not comp:
        comp = p.kids(i, ("xcomp",))
    if comp:
        s, e = p.content_span(comp[0])
        return s, e, "ccomp"
    preps = PREP_VERBS.get(lemma)
    if preps is not None:
        for c in p.children[i]:
            ct = toks[c]
            if ct.dep in ("prep", "prt", "dative") and ct.text.lower() in preps:
                obj = p.kids(c, ("pobj", "pcomp"))
                if obj:
                    return *p.char_span(obj[0]), "prep"
                if ct.dep == "prt":
                    dobj = p.kids(i, ("dobj",))
                    if dobj:
                        return *p.char_span(dobj[0]), "object"
    if lemma in OBJECT_VERBS:
        dobj = p.kids(i, ("dobj",))
        if dobj:
            s, e = p.char_span(dobj[0])
            # "described X as Y": take the 'as' phrase along
            for c in p.children[i]:
                if toks[c].dep == "prep" and toks[c].text.lower() == "as":
                    e = max(e, p.char_span(c)[1])
            return s, e, "object"
    return None


def _according(p: _Parse, toks: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """If an 'according to'-type cue starts at token i: (first, last) token of the cue."""
    words = toks[i].text.lower()
    for phrase in ACCORDING:
        if words != phrase[0] or i + len(phrase) > len(toks):
            continue
        if all(toks[i + k].text.lower() == w for k, w in enumerate(phrase)):
            return i, i + len(phrase) - 1
    return None


# --------------------------------------------------------------------------- candidates


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words_outside(text: str, s: int, e: int, pieces: list[tuple[int, int]]) -> int:
    """Word count of text[s:e] outside the quoted pieces, not counting 'that'."""
    parts, pos = [], s
    for a, b in sorted(pieces):
        if b <= s or a >= e:
            continue
        parts.append(text[pos : max(pos, a)])
        pos = max(pos, b)
    parts.append(text[pos:e])
    words = [w for w in " ".join(parts).split() if _WORD_RE.search(w)]
    return len(words)


def _cue_tokens(p: _Parse, analysis: Analysis, quoted_at) -> tuple[list[int], dict[int, tuple[int, int]]]:
    cues: list[int] = []
    according: dict[int, tuple[int, int]] = {}
    toks = p.toks
    for t in toks:
        if quoted_at(t.start) is not None:
            continue
        acc = _according(p, toks, t.i)
        if acc is not None:
            according[t.i] = acc
            cues.append(t.i)
        elif _is_cue(p, t.i):
            cues.append(t.i)
    return cues, according


def _candidates(text: str, analysis: Analysis, p: _Parse) -> list[_Cand]:
    toks, sents = p.toks, analysis.sentences
    quoted = find_quoted(text)
    qpieces = sorted((a, b, q) for q in quoted for a, b in q.pieces)
    piece_starts = [x[0] for x in qpieces]

    def quoted_at(pos: int) -> QuotedSpan | None:
        k = bisect_right(piece_starts, pos) - 1
        if k >= 0 and pos < qpieces[k][1]:
            return qpieces[k][2]
        return None

    cues, according = _cue_tokens(p, analysis, quoted_at)

    def subject(i: int) -> int | None:
        head = p.subject(i)
        return None if head is None or quoted_at(toks[head].start) is not None else head

    cands: list[_Cand] = []
    bare: list[int] = []  # cue verbs with no content of their own
    for i in cues:
        if i in according:
            first, last = according[i]
            obj = p.kids(last, ("pobj",)) or p.kids(first, ("pobj",))
            if not obj:
                continue
            sent = sents[toks[i].sentence]
            ps, pe = toks[first].start, p.char_span(obj[0])[1]
            left, right = (sent.start, ps), (pe, sent.end)
            s, e = _trim(text, *(left if left[1] - left[0] > right[1] - right[0] else right))
            if e - s < 8:
                continue
            cands.append(_Cand(s, e, [(s, e)], "indirect", i, None, obj[0], according=True))
            continue
        got = _content(p, text, i)
        if got is None:
            bare.append(i)
            continue
        s, e, how = got
        s, e = _trim(text, s, e)
        if e - s < 3:
            bare.append(i)
            continue
        cands.append(_Cand(s, e, [(s, e)], "indirect", i, None, subject(i), extra={"how": how}))

    # reconcile reported content with quotation marks
    for c in cands:
        hits = [q for q in quoted if _overlap((c.start, c.end), (q.start, q.end)) > 0]
        hits = [q for q in hits if any(_overlap((c.start, c.end), pc) > 0 for pc in q.pieces)]
        if not hits:
            continue
        pieces = [pc for q in hits for pc in q.pieces]
        outside = _words_outside(text, c.start, c.end, pieces)
        for q in hits:
            q.used = True
        if outside == 0 or (c.extra.get("how") == "colon" and text[c.start - 1 : c.start] in DOUBLE_MARKS + SINGLE_MARKS):
            c.kind, c.start, c.end = "direct", min(q.start for q in hits), max(q.end for q in hits)
            c.pieces = pieces
        else:
            c.kind = "mixed"
            c.start = min([c.start] + [q.start for q in hits])
            c.end = max([c.end] + [q.end for q in hits])
            c.pieces = [(c.start, c.end)]

    # direct quotes with no reported clause around them: find their cue nearby
    free = sorted(set(bare) | {c.cue for c in cands if c.cue is not None})
    free_starts = [toks[i].start for i in free]
    for q in quoted:
        if q.used:
            continue
        nwords = len(text[q.start : q.end].split())
        s_first = toks[_tok_at(p, q.start)].sentence
        s_last = toks[_tok_at(p, max(q.start, q.end - 1))].sentence
        lo_char, hi_char = sents[s_first].start, sents[min(s_last + 1, len(sents) - 1)].end
        para_lo = text.rfind("\n", 0, q.start) + 1
        para_hi = _paragraph_end(text, q.end)
        lo_char, hi_char = max(lo_char, para_lo), min(hi_char, para_hi)
        best, best_d = None, None
        a = bisect_left(free_starts, lo_char)
        b = bisect_right(free_starts, hi_char)
        for k in range(a, b):
            i = free[k]
            if i not in according and subject(i) is None:
                continue
            d = q.start - toks[i].end if toks[i].end <= q.start else toks[i].start - q.end
            if d < 0:
                continue
            if best_d is None or d < best_d:
                best, best_d = i, d
        if best is not None and (nwords >= 3 or best_d <= 3):
            q.used = True
            head = according_head(p, according, best) if best in according else subject(best)
            cand = _Cand(q.start, q.end, list(q.pieces), "direct", best, None, head,
                         according=best in according)
            gap = text[toks[best].end : q.start]
            before = head is None or toks[head].start < toks[best].start
            if nwords < 5 and toks[best].end <= q.start and _WORD_RE.search(gap) and before:
                start = _trim(text, toks[best].end, q.start)[0]
                cand.kind, cand.start, cand.pieces = "mixed", start, [(start, q.end)]
            cands.append(cand)
        elif q.whole_para or nwords >= 6 or (
            nwords >= 3 and any(c.kind == "direct" and para_lo <= c.end <= q.start for c in cands)
        ):
            q.used = True
            cands.append(_Cand(q.start, q.end, list(q.pieces), "direct", None, None, None, inherit=True))
    cands.sort(key=lambda c: c.start)
    return _merge_split(text, cands)


def according_head(p: _Parse, according: dict[int, tuple[int, int]], i: int) -> int | None:
    first, last = according[i]
    obj = p.kids(last, ("pobj",)) or p.kids(first, ("pobj",))
    return obj[0] if obj else None


def _tok_at(p: _Parse, pos: int) -> int:
    k = bisect_right(p.starts, pos) - 1
    return max(0, min(k, len(p.toks) - 1))


def _merge_split(text: str, cands: list[_Cand]) -> list[_Cand]:
    """'"A," he said, "B."' is one quote; drop reported clauses that repeat another."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None and c.kind == prev.kind == "direct"
            and ((c.cue is not None and c.cue == prev.cue) or (c.inherit and prev.cue is not None))
            and "\n" not in text[prev.end : c.start]
        ):
            prev.pieces.extend(c.pieces)
            prev.end = max(prev.end, c.end)
            continue
        if prev is not None and _overlap((prev.start, prev.end), (c.start, c.end)) >= 0.9 * max(
            1, min(prev.end - prev.start, c.end - c.start)
        ) and abs((prev.end - prev.start) - (c.end - c.start)) <= 0.2 * max(1, prev.end - prev.start):
            if prev.head is None and c.head is not None:
                out[-1] = c
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- speakers


class _Resolver:
    """Speaker noun phrases to actors: mentions first, then pronouns and descriptions."""

    def __init__(self, text: str, p: _Parse, actors, mentions, quoted) -> None:
        self.text, self.p = text, p
        self.actors = {a.key: a for a in actors}
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.mstarts = [m.start for m in self.mentions]
        self.person_mentions = [
            m for m in self.mentions
            if self._is_person(m.actor_key) and m.kind != "pronoun"
            and not any(a <= m.start < b for a, b in quoted)
        ]
        self.pstarts = [m.start for m in self.person_mentions]
        self.gender: dict[str, str] = {}
        for m in self.mentions:
            first = m.text.split()[0].lower().rstrip(".") if m.text.split() else ""
            if first in FEMALE:
                self.gender.setdefault(m.actor_key, "f")
            elif first in MALE:
                self.gender.setdefault(m.actor_key, "m")
        for a in actors:
            words = set(re.findall(r"[a-z]+", (a.role or "").lower()))
            if words & FEMALE:
                self.gender.setdefault(a.key, "f")
            elif words & MALE:
                self.gender.setdefault(a.key, "m")
        self.history: list[tuple[int, str]] = []  # (position, key) of resolved person speakers

    def _is_person(self, key: str) -> bool:
        a = self.actors.get(key)
        return a is not None and a.type == "person"

    def mention_at(self, start: int, end: int, head: tuple[int, int] | None) -> Mention | None:
        k = bisect_left(self.mstarts, start - 200)
        best: Mention | None = None
        for m in self.mentions[k:]:
            if m.start >= end:
                break
            if _overlap((m.start, m.end), (start, end)) <= 0 or m.actor_key not in self.actors:
                continue
            on_head = head is not None and _overlap((m.start, m.end), head) > 0
            if not on_head and not self._is_person(m.actor_key):
                continue  # "the expert on Russian affairs" is not Russia
            score = (on_head, self._is_person(m.actor_key), m.end - m.start)
            if best is None or score > best_score:
                best, best_score = m, score
        return best

    def _compatible(self, key: str, gender: str) -> bool:
        g = self.gender.get(key)
        return gender not in ("m", "f") or g is None or g == gender

    def pronoun(self, pos: int, gender: str) -> str | None:
        for at, key in reversed(self.history):
            if pos - at > 3000:
                break
            if self._compatible(key, gender):
                return key
        k = bisect_left(self.pstarts, pos) - 1
        while k >= 0:
            m = self.person_mentions[k]
            if self._compatible(m.actor_key, gender):
                return m.actor_key
            k -= 1
        return None

    def description(self, pos: int, word: str) -> str | None:
        """A person whose role contains ``word``: the latest speaker, else the latest or only one."""
        word = word.lower()
        fits = {
            a.key for a in self.actors.values()
            if a.type == "person" and word in re.findall(r"[a-z]+", (a.role or "").lower())
        }
        if not fits:
            return None
        for _, key in reversed(self.history):
            if key in fits:
                return key
        k = bisect_left(self.pstarts, pos) - 1
        while k >= 0:
            if self.person_mentions[k].actor_key in fits:
                return self.person_mentions[k].actor_key
            k -= 1
        return next(iter(fits)) if len(fits) == 1 else None

    def surname(self, name: str) -> str | None:
        last = name.split()[-1].lower() if name.split() else ""
        hits = {
            a.key for a in self.actors.values()
            if a.type == "person" and a.name.split() and a.name.split()[-1].lower() == last
        }
        return next(iter(hits)) if len(hits) == 1 else None

    def resolve(self, head: int, span: tuple[int, int], pos: int) -> str | None:
        tok = self.p.toks[head]
        m = self.mention_at(span[0], span[1], (tok.start, tok.end))
        word = tok.text.lower()
        key: str | None = None
        if m is not None and (m.kind != "pronoun" or word not in PRONOUNS):
            key = m.actor_key
        elif word in PRONOUNS:
            gender = PRONOUNS[word]
            key = self.pronoun(pos, gender) if gender in ("m", "f") else None
            if key is not None:
                self.gender.setdefault(key, gender)
        elif tok.pos == "NOUN":
            first = self.text[span[0] : span[1]].split()[0].lower()
            possessive = any(self.p.toks[c].dep == "poss" for c in self.p.children[head])
            if first in _DEFINITE or possessive:
                key = self.description(pos, tok.lemma or tok.text)
        elif tok.pos == "PROPN":
            key = self.surname(self.text[span[0] : span[1]])
        if key is not None and self._is_person(key):
            self.history.append((pos, key))
        return key


# --------------------------------------------------------------------------- entry point


def _entity_spans(analysis: Analysis) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for ent in analysis.entities:
        if ent.label in ("PERSON", "ORG", "GPE", "NORP"):
            for i in range(ent.token_start, ent.token_end):
                out[i] = (ent.start, ent.end)
    return out


def extract_quotes(
    article: Article,
    analysis: Analysis,
    actors: tuple[Actor, ...] | list[Actor] = (),
    mentions: tuple[Mention, ...] | list[Mention] = (),
) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes of ``article`` with cue and speaker, in text order."""
    text = article.text
    if not analysis.tokens:
        return ()
    p = _Parse(analysis)
    cands = _candidates(text, analysis, p)
    quoted = [pc for c in cands if c.kind == "direct" for pc in c.pieces]
    resolver = _Resolver(text, p, actors, mentions, quoted)
    entities = _entity_spans(analysis)
    out: list[Quote] = []
    prev: Quote | None = None
    prev_end = -1
    for c in cands:
        cue_text = cue_start = cue_end = None
        if c.cue is not None:
            t = p.toks[c.cue]
            cue_start, cue_end = t.start, t.end
            if c.according:
                last = c.extra.get("last")
                cue_end = p.toks[c.cue + 1].end if c.cue + 1 < len(p.toks) else t.end
                del last
            cue_text = text[cue_start:cue_end]
        fields: dict = {}
        if c.inherit:
            adjacent = prev is not None and "\n" not in text[prev_end:c.start].strip()
            gap = text[prev_end:c.start] if prev is not None else ""
            if prev is not None and (adjacent or gap.count("\n") <= 2):
                fields = dict(
                    speaker_text=prev.speaker_text, speaker_key=prev.speaker_key,
                    speaker_code=prev.speaker_code, speaker_role=prev.speaker_role,
                    resolved=prev.resolved,
                )
        elif c.head is not None:
            span = p.np_span(c.head, entities)
            key = resolver.resolve(c.head, span, span[0])
            actor = resolver.actors.get(key) if key else None
            fields = dict(
                speaker_text=text[span[0] : span[1]], speaker_start=span[0], speaker_end=span[1],
                speaker_key=key, speaker_code=actor.code if actor else None,
                speaker_role=actor.role if actor else None, resolved=actor is not None,
            )
        pieces = sorted(c.pieces)
        if len(pieces) == 1:
            words = text[c.start : c.end]
        else:
            words = " ".join(text[a:b].strip() for a, b in pieces)
        q = Quote(
            article_id=article.id,
            sentence_index=p.toks[_tok_at(p, c.start)].sentence,
            start=c.start,
            end=c.end,
            text=words,
            kind=c.kind,
            cue=cue_text,
            cue_start=cue_start,
            cue_end=cue_end,
            extractor=EXTRACTOR,
            **fields,
        )
        out.append(q)
        prev, prev_end = q, max(prev_end, c.end)
    return tuple(out)
