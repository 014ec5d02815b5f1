"""The cue lexicon of ``extract.quotes`` (``data/cues.json``) and the per-article parse view
(``Parse``: children, sentence ranges, the character span of a speaker phrase)."""
from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path

from dyad.extract import lexicon
from dyad.records import Analysis

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")
SUBJ = ("nsubj", "csubj")
SPEAKER_LEFT = frozenset({"det", "poss", "compound", "amod", "nmod", "nummod", "case", "flat", "quantmod"})
SPEAKER_PREPS = WORDS["speaker_preps"]
DEFINITE = WORDS["definite"]
PERSON_NOUNS = WORDS["person_nouns"]
REPORT_NOUNS = WORDS["report_nouns"]
OBJECT_CONTROL = WORDS["object_control"]
SUBJECT_CONTROL = WORDS["subject_control"]
PERSONAL_OBJECTS = frozenset({"me", "him", "her", "us", "them", "you"})
QUOTE_MARKS = frozenset('"“”„«»\'‘’‚‹›')

DATA = Path(__file__).parent / "data" / "cues.json"

_LEX = json.loads(DATA.read_text(encoding="utf-8"))
CUE_VERBS = frozenset(_LEX["verbs"])
AS_IT_VERBS = frozenset(_LEX["as_it_verbs"])  # cues only in the idiom "as X put it"
OBJECT_VERBS = frozenset(_LEX["object_verbs"])
PREP_VERBS = {k: frozenset(v) for k, v in _LEX["prep_verbs"].items()}
ACCORDING = tuple(tuple(p.split()) for p in _LEX["according"])
PRONOUNS = dict(_LEX["pronouns"])
FEMALE = frozenset(_LEX["female_words"])
MALE = frozenset(_LEX["male_words"])


class Parse:
    """Children lists and per-sentence token ranges, built once per article."""

    def __init__(self, analysis: Analysis) -> None:
        self.toks = analysis.tokens
        self.children: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        self.starts = [t.start for t in self.toks]
        self.ends = [t.end for t in self.toks]
        self.person_tokens: frozenset[int] = frozenset()  # tokens of person mentions, when known

    def mark_persons(self, spans) -> None:
        """Note the tokens that the actor layer's person mentions cover."""
        marked = set()
        for start, end in spans:
            k = bisect_right(self.starts, start) - 1
            while 0 <= k < len(self.toks) and self.toks[k].start < end:
                if self.toks[k].end > start:
                    marked.add(k)
                k += 1
        self.person_tokens = frozenset(marked)

    def token_before(self, pos: int) -> int | None:
        """The last token ending at or before ``pos``, skipping one quotation mark."""
        k = bisect_right(self.ends, pos) - 1
        if k >= 0 and self.toks[k].text in QUOTE_MARKS:
            k -= 1
        return k if k >= 0 else None

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
                if c > i and ct.tag == "VBG" and ct.dep in ("advcl", "conj", "xcomp") and is_cue(self, c):
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
        subj = self.kids(verb, SUBJ)
        if len(subj) > 1:  # 'The Week: Ruiz urges …': a headline's label is no second subject
            unlabelled = [c for c in subj if not any(self.toks[k].text == ":" for k in range(c + 1, verb))]
            subj = unlabelled or subj
        if subj:
            return subj[0]
        tok = self.toks[verb]
        if depth == 0 and tok.tag == "VBG" and tok.dep in ("advcl", "conj", "xcomp", "dep"):
            j, hops = tok.head, 0
            while hops < 6 and self.toks[j].head != j and not is_cue(self, j):
                j, hops = self.toks[j].head, hops + 1
            if is_cue(self, j) and j != verb:
                found = self.subject(j, depth + 1)
                if found is not None:
                    return found
        controller = self._object_controller(verb)
        if controller is not None:
            return controller
        outer = self._outer_cue(verb)
        if depth < 4 and outer is not None:
            return self.subject(outer, depth + 1)
        if depth < 4 and tok.head != verb and tok.dep in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "dep", "acl"):
            head = self.toks[tok.head]
            if head.pos in ("ADP", "SCONJ") and head.dep == "prep":  # "continued by saying that ..."
                head = self.toks[head.head]
                for _ in range(2):  # "stopped short of calling": through the adverb to the verb
                    if head.pos in ("ADV", "ADJ") and head.dep in ("advmod", "acomp") and head.head != head.i:
                        head = self.toks[head.head]
                passive = self.kids(head.i, ("nsubjpass",))
                if tok.tag == "VBG" and head.pos in ("VERB", "AUX") and passive and not self.kids(head.i, SUBJ):
                    return passive[0]  # "After saying …, she was rushed to hospital"
            if tok.dep == "acl" and head.pos in ("PROPN", "NOUN", "PRON"):
                if head.dep not in ("dobj", "pobj", "dative") or head.head == head.i:
                    return head.i  # "Smith, saying that ..." hangs from the noun
                head = self._verb_above(head.i)  # "sent two letters saying ...": the sender
                if head is None:
                    return None
            if head.pos in ("VERB", "AUX") and head.i != verb:
                return self.subject(head.i, depth + 1)
        if depth == 0 and tok.tag == "VBG" and tok.dep in ("csubj", "csubjpass") and self._opens_sentence(verb):
            root = verb  # "Claiming the poll was rigged, Ruiz told reporters …": the main clause's subject
            while self.toks[root].head != root:
                root = self.toks[root].head
            subj = [c for c in self.kids(root, SUBJ) if c > self.subtree(verb)[1]]
            return subj[0] if subj else None
        return None

    def _object_controller(self, verb: int) -> int | None:
        """'forced Ruiz to admit …', 'caught him saying …': a verb's object does what its
        clausal complement says, not its subject; 'footage of Ruiz saying …' is Ruiz's. A cue
        above keeps its subject: in 'Ruiz asked the crowd to cheer' the asking is Ruiz's."""
        tok = self.toks[verb]
        head = self.toks[tok.head]
        if tok.dep != "xcomp" or head.i == verb or head.pos != "VERB" or head.lemma.lower() in SUBJECT_CONTROL \
                or is_cue(self, head.i):
            return None
        objs = [c for c in self.kids(head.i, ("dobj",)) if c < verb]
        if not objs:
            return None
        obj = self.toks[objs[0]]
        if obj.pos == "NOUN" and obj.lemma.lower() not in PERSON_NOUNS:
            for prep in self.kids(obj.i, ("prep",)):
                if self.toks[prep].text.lower() == "of":
                    names = [c for c in self.kids(prep, ("pobj",)) if self._person_name(c)]
                    if names:
                        return names[0]
        # 'emailed Ruiz to thank him', 'used the speech to attack …': a purpose, no controller
        if head.lemma.lower() not in OBJECT_CONTROL:
            return None
        if self._person_name(obj.i) or (obj.pos == "PRON" and obj.text.lower() in PERSONAL_OBJECTS) \
                or (obj.pos == "NOUN" and obj.lemma.lower() in PERSON_NOUNS):
            return obj.i
        return None

    def _person_name(self, i: int) -> bool:
        t = self.toks[i]
        return t.pos == "PROPN" and (t.ent_type in ("PERSON", "ORG", "NORP") or i in self.person_tokens)

    def _opens_sentence(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.toks[j].sentence == self.toks[i].sentence:
            if self.toks[j].pos not in ("PUNCT", "SPACE"):
                return False
            j -= 1
        return True

    def _outer_cue(self, verb: int) -> int | None:
        """The cue whose subject a subjectless cue shares though the parse hangs it elsewhere:
        'X said that A rose and warned ...' (warned joined to 'rose'), 'A, X noted, rose,
        adding ...' (the parenthetical cue beside the clause the participle hangs from)."""
        tok = self.toks[verb]
        head = self.toks[tok.head]
        if tok.dep == "conj" and is_cue(self, verb) and head.dep == "ccomp" and not is_cue(self, head.i):
            return head.head if is_cue(self, head.head) else None
        if tok.tag == "VBG" and tok.dep in ("advcl", "conj") and head.pos in ("VERB", "AUX"):
            side = [c for c in self.kids(head.i, ("parataxis",)) if is_cue(self, c) and self.kids(c, SUBJ)]
            return side[0] if side else None
        return None

    def _verb_above(self, i: int):
        """The verb an object noun hangs from, through at most one preposition."""
        for _ in range(2):
            i = self.toks[i].head
            if self.toks[i].pos in ("VERB", "AUX"):
                return self.toks[i]
        return None

    def np_span(self, head: int, entities: dict[int, tuple[int, int]]) -> tuple[int, int]:
        """A compact span for a speaker noun phrase: modifiers and short 'of' phrases."""
        lo = hi = head
        stack = [head]
        while stack:
            j = stack.pop()
            for c in self.children[j]:
                ct = self.toks[c]
                if c < j and ct.dep in SPEAKER_LEFT:
                    a, b = self.subtree(c)
                    lo, hi = min(lo, a), max(hi, b)
                elif c > j and ct.dep == "prep" and ct.text.lower() in SPEAKER_PREPS:
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



def _as_it(p: Parse, i: int) -> bool:
    """'as Ruiz put it': a verb of wording that names a speaker only in this idiom, with 'as'
    and the object 'it' ('Ruiz put the box down' is no cue)."""
    kids = [p.toks[c] for c in p.children[i]]
    return any(k.dep == "mark" and k.text.lower() == "as" for k in kids) and any(
        k.dep == "dobj" and k.text.lower() == "it" for k in kids
    ) and not any(k.dep == "nsubjpass" for k in kids)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def nominal_cue(p: Parse, i: int) -> tuple[int, int] | None:
    """(clause, speaker) of a report noun: 'Ruiz's claim that …', 'a warning from X that …'."""
    t = p.toks[i]
    if t.pos != "NOUN" or t.lemma.lower() not in REPORT_NOUNS:
        return None
    clauses = [c for c in p.kids(i, ("acl", "ccomp")) if c > i
               and any(p.toks[k].dep == "mark" and p.toks[k].text.lower() == "that" for k in p.children[c])]
    speaker = p.kids(i, ("poss",))
    for c in p.kids(i, ("prep",)):
        if not speaker and p.toks[c].text.lower() in ("by", "from"):
            speaker = p.kids(c, ("pobj",))
    if not clauses or not speaker:
        return None
    return clauses[0], speaker[0]


def is_cue(p: Parse, i: int) -> bool:
    t = p.toks[i]
    if t.pos in ("VERB", "AUX") and t.lemma.lower() in AS_IT_VERBS:
        return _as_it(p, i)
    if t.pos not in ("VERB", "AUX") or t.lemma.lower() not in CUE_VERBS:
        return False
    if t.dep in ("auxpass", "aux", "amod"):
        return False
    return not any(p.toks[c].dep == "nsubjpass" for c in p.children[i])
