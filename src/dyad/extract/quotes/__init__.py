"""Who said what: direct, indirect and mixed quotes with their cue and speaker.

Three passes over one article, all linear in its length:

1. Quotation marks are paired per paragraph (straight, curly, guillemets, low-9; single
   quotes where they cannot be apostrophes). A mark left open at a paragraph's end closes
   there, and continues into the next paragraph when that one opens with a mark.
2. Cue words from ``data/cues.json`` are found in the dependency parse: the clausal
   complement of a cue verb (or what follows its colon, or its object for verbs that take
   one) is the reported content, its subject the speaker; "according to X" makes X the
   speaker of the rest of the sentence; a report noun's 'that' clause ("Ruiz's claim that …")
   is its possessor's. Reported content that holds quoted words is ``mixed``; quoted words
   with a cue beside them are ``direct``; "as Ruiz put it" is a bare cue for the quotation
   beside it. The layout names speakers too (``layout``): a signature after a quote
   ("“…” ― Ana Ruiz", which signs every cue-less quote of its paragraph) and a transcript
   label ("RUIZ: …").
3. Speakers are resolved to actors through the actor layer's mentions; pronouns and
   descriptions ("the expert", "the minister") fall back to the most recent compatible
   person speaker. A speaker that cannot be resolved is kept as written, ``resolved=False``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from dyad.extract.quotes.attribution import antecedent, introducer, left_name, right_name, speaker_head
from dyad.extract.quotes.cues import (
    ACCORDING,
    AS_IT_VERBS,
    OBJECT_VERBS,
    PREP_VERBS,
    SUBJ,
    Parse,
    is_cue,
    nominal_cue,
    overlap,
)
from dyad.extract.quotes.layout import label, signature
from dyad.extract.quotes.marks import (
    DOUBLE_MARKS,
    SINGLE_MARKS,
    QuotedSpan,
    find_quoted,
)
from dyad.extract.quotes.speakers import Resolver
from dyad.records import Actor, Analysis, Article, Mention, Quote, Token

EXTRACTOR = "quotes.rules.v1"
# quotation marks; "both" marks are told apart by the characters around them
_WORD_RE = re.compile(r"\w")
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_PARA_RE = re.compile(r"[^\n]+")
_TRIM = " \t\n,;:.-–—\"“”„«»'‘’"


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


def _content(p: Parse, text: str, i: int) -> tuple[int, int, str] | None:
    """The reported content of cue verb ``i``: (start, end, how)."""
    toks = p.toks
    # "he added: The reason ..." / "told reporters: ..."
    for j in range(i + 1, min(i + 5, len(toks))):
        tj = toks[j]
        if tj.text == ":" and toks[j - 1].sentence == toks[i].sentence:
            start = tj.end
            end = _paragraph_end(text, start)
            if not text[start:end].strip():  # "He said:" closing its paragraph, a quote opening the next
                nxt = len(text) - len(text[end:].lstrip())
                if text[nxt : nxt + 1] in DOUBLE_MARKS:
                    start, end = nxt, _paragraph_end(text, nxt)
            return start, end, "colon"
        if tj.pos in ("VERB", "AUX") or tj.text in ".;!?\n" or "\n" in tj.whitespace:
            break
    lemma = toks[i].lemma.lower()
    if lemma in AS_IT_VERBS:  # 'as Ruiz put it': a bare cue, the quotation beside it is Ruiz's
        return None
    comp = p.kids(i, ("ccomp",))
    head = toks[toks[i].head]
    if not comp and toks[i].dep == "parataxis" and head.pos in ("VERB", "AUX") and p.kids(i, SUBJ):
        s, e = p.content_span(head.i)  # "Russia, Trump noted, had vetoed the plan."
        return s, e, "parataxis"
    if not comp and lemma not in ("want", "plan", "intend", "seek", "wish", "decide", "hope", "expect", "urge"):
        comp = [c for c in p.kids(i, ("xcomp",)) if toks[c].pos in ("VERB", "AUX")]
    elif not comp:
        comp = p.kids(i, ("xcomp",))
    if not comp:
        comp = _clause_after(p, i)
    if comp:
        s, e = p.content_span(_right_first(comp, i))
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
        dobj = p.kids(i, ("oprd",)) or p.kids(i, ("dobj",))  # "called him a genius": a genius
        if dobj and toks[dobj[0]].tag not in WH_TAGS:  # "what she calls": no content here
            s, e = p.char_span(dobj[0])
            # "described X as Y": take the 'as' phrase along
            for c in p.children[i]:
                if toks[c].dep == "prep" and toks[c].text.lower() == "as":
                    e = max(e, p.char_span(c)[1])
            return s, e, "object"
    return None


def _right_first(comp: list[int], i: int) -> int:
    """The clause a cue reports: the first one after it ('A won, X noted that B rose' -> B)."""
    after = [c for c in comp if c > i]
    return after[0] if after else comp[0]


def _clause_after(p: Parse, i: int) -> list[int]:
    """'X said after the meeting he would resign': a finite clause with its own subject and no
    subordinator, which the parse hangs from the cue as an adverbial clause."""
    out = []
    for c in p.kids(i, ("advcl",)):
        marked = any(p.toks[k].dep == "mark" for k in p.children[c])
        lo = p.subtree(c)[0]
        between = any(p.toks[k].pos == "PUNCT" for k in range(i + 1, lo))  # "…, X reported"
        if c > i and not marked and not between and not is_cue(p, c) and p.kids(c, SUBJ) \
                and p.toks[c].tag not in ("VBG", "VBN"):
            out.append(c)
    return out


def _according(p: Parse, toks: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """If an 'according to'-type cue starts at token i: (first, last) token of the cue."""
    words = toks[i].text.lower()
    for phrase in ACCORDING:
        if words != phrase[0] or i + len(phrase) > len(toks):
            continue
        if all(toks[i + k].text.lower() == w for k, w in enumerate(phrase)):
            return i, i + len(phrase) - 1
    return None


# --------------------------------------------------------------------------- candidates


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


def _inside_cue(p: Parse, i: int) -> bool:
    """Token ``i`` lies in the reported clause of a cue verb that has a subject."""
    j = i
    for _ in range(8):
        if p.toks[j].head == j:
            return False
        j = p.toks[j].head
        if is_cue(p, j) and p.subject(j) is not None:
            return True
    return False


def _cue_tokens(p: Parse, analysis: Analysis, quoted_at) -> tuple[list[int], dict[int, tuple[int, int]]]:
    cues: list[int] = []
    according: dict[int, tuple[int, int]] = {}
    toks = p.toks
    for t in toks:
        if quoted_at(t.start) is not None:
            continue
        acc = _according(p, toks, t.i)
        if acc is not None and _inside_cue(p, t.i):
            continue  # "X said Y, according to a report": the verb's subject speaks
        if acc is not None:
            according[t.i] = acc
            cues.append(t.i)
        elif is_cue(p, t.i):
            cues.append(t.i)
    return cues, according


def _candidates(text: str, analysis: Analysis, p: Parse) -> list[_Cand]:
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
        if head is not None and quoted_at(toks[head].start) is not None:
            # '“One of the best,” Ruiz said': the parse made a quoted word a second subject
            outside = [c for c in p.kids(i, SUBJ) if quoted_at(toks[c].start) is None]
            head = outside[0] if outside else head
        if head is None:
            head = left_name(p, i)
        if head is None:
            head = right_name(p, i)
        if head is None or quoted_at(toks[head].start) is not None:
            return None
        head = speaker_head(p, head)
        return None if quoted_at(toks[head].start) is not None else head

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

    cands.extend(_nominal(text, p, quoted_at))

    # reconcile reported content with quotation marks
    for c in cands:
        hits = [q for q in quoted if overlap((c.start, c.end), (q.start, q.end)) > 0]
        hits = [q for q in hits if any(overlap((c.start, c.end), pc) > 0 for pc in q.pieces)]
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
        if signature(p, text, q.end, _paragraph_end(text, q.end)) is not None:  # "“…” ― Ana Ruiz"
            q.used = True
            cands.append(_Cand(q.start, q.end, list(q.pieces), "direct", None, None, None))
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
            if nwords < 5 and toks[best].end <= q.start and _WORD_RE.search(gap) and before \
                    and toks[best].lemma.lower() not in AS_IT_VERBS:  # 'as X put it, A is “…”'
                start = _trim(text, toks[best].end, q.start)[0]
                cand.kind, cand.start, cand.pieces = "mixed", start, [(start, q.end)]
            cands.append(cand)
        elif q.whole_para or nwords >= 6 or (
            nwords >= 3 and any(c.kind == "direct" and para_lo <= c.end <= q.start for c in cands)
        ):
            q.used = True
            intro = introducer(p, q.start)
            head = None if intro is None else subject(intro[0])
            if head is not None:  # "Ruiz defended the plan: “…”"
                cands.append(_Cand(q.start, q.end, list(q.pieces), "direct", intro[0], None, head))
            else:
                cands.append(_Cand(q.start, q.end, list(q.pieces), "direct", None, None, None, inherit=True))
    signed_paras: dict[int, int] = {}  # paragraph start -> signature head
    for c in cands:
        signed = signature(p, text, c.end, _paragraph_end(text, c.end)) if c.kind != "indirect" else None
        if signed is not None:  # "“…,” he said. ― Ana Ruiz": the signature names the writer
            c.head, c.cue, c.inherit, c.according = signed, None, False, False
            signed_paras[text.rfind("\n", 0, c.start) + 1] = signed
    for c in cands:  # "“A …” And B “…” ― Ana Ruiz": the signature signs its paragraph's quotes
        para = text.rfind("\n", 0, c.start) + 1
        if para in signed_paras and c.kind != "indirect" and c.cue is None and not c.according:
            c.head, c.inherit = signed_paras[para], False
    cands = _labelled(p, text, cands)
    cands.sort(key=lambda c: c.start)
    return _merge_split(text, cands)


def _labelled(p: Parse, text: str, cands: list[_Cand]) -> list[_Cand]:
    """A transcript paragraph ('PENCE: Well, …') is the label's: the quote that opens it takes
    the label as its speaker, or the paragraph becomes one."""
    opening = {text.rfind("\n", 0, c.start) + 1: c for c in cands}
    out = list(cands)
    for para in _PARA_RE.finditer(text):
        got = label(p, text, para.start())
        if got is None:
            continue
        head, start = got
        c = opening.get(para.start())
        if c is None or c.start > start + 1:
            s, e = _trim(text, start, para.end())
            if e - s >= 3:
                out.append(_Cand(s, e, [(s, e)], "indirect", None, None, head))
            continue
        c.head, c.cue, c.inherit, c.according = head, None, False, False
        c.start = max(c.start, start)
        c.pieces = [(max(a, c.start), b) for a, b in c.pieces if b > c.start]
    return out


def _nominal(text: str, p: Parse, quoted_at) -> list[_Cand]:
    """Reported content of report nouns with a speaker: 'Ruiz's claim that the vote was rigged'."""
    out = []
    for t in p.toks:
        got = None if quoted_at(t.start) is not None else nominal_cue(p, t.i)
        if got is None:
            continue
        s, e = _trim(text, *p.content_span(got[0]))
        if e - s >= 3:
            out.append(_Cand(s, e, [(s, e)], "indirect", t.i, None, speaker_head(p, got[1]), extra={"how": "noun"}))
    return out


def according_head(p: Parse, according: dict[int, tuple[int, int]], i: int) -> int | None:
    first, last = according[i]
    obj = p.kids(last, ("pobj",)) or p.kids(first, ("pobj",))
    return obj[0] if obj else None


def _tok_at(p: Parse, pos: int) -> int:
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
        if prev is not None and overlap((prev.start, prev.end), (c.start, c.end)) >= 0.9 * max(
            1, min(prev.end - prev.start, c.end - c.start)
        ) and abs((prev.end - prev.start) - (c.end - c.start)) <= 0.2 * max(1, prev.end - prev.start):
            # "X said Y, according to a report": the verb's subject is the speaker
            if c.head is not None and (prev.head is None or (prev.according and not c.according)):
                out[-1] = c
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- speakers


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
    p = Parse(analysis)
    persons = {a.key for a in actors if a.type == "person"}
    p.mark_persons((m.start, m.end) for m in mentions if m.actor_key in persons and m.kind != "pronoun")
    cands = _candidates(text, analysis, p)
    quoted = [pc for c in cands if c.kind == "direct" for pc in c.pieces]
    resolver = Resolver(text, p, actors, mentions, quoted)
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
            if c.cue is not None and c.cue < c.head and span[0] <= p.toks[c.cue].start < span[1]:
                span = (p.toks[c.cue + 1].start, span[1])  # 'Said Ruiz': the cue is no part of the name
            target = antecedent(p, c.head)  # "Ruiz, who said": written 'who', resolved as Ruiz
            if target != c.head:
                target = speaker_head(p, target)
                key = resolver.resolve(target, p.np_span(target, entities), span[0])
            else:
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
