"""The cue lexicon of ``extract.quotes`` (``data/cues.json``) and the per-article parse view
(``Parse``: children, sentence ranges, the character span of a speaker phrase)."""
from __future__ import annotations

import json
from pathlib import Path

from dyad.extract import lexicon
from dyad.records import Analysis

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")
SUBJ = ("nsubj", "csubj")
SPEAKER_LEFT = frozenset({"det", "poss", "compound", "amod", "nmod", "nummod", "case", "flat", "quantmod"})
SPEAKER_PREPS = WORDS["speaker_preps"]
DEFINITE = WORDS["definite"]

DATA = Path(__file__).parent / "data" / "cues.json"

_LEX = json.loads(DATA.read_text(encoding="utf-8"))
CUE_VERBS = frozenset(_LEX["verbs"])
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



def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_cue(p: Parse, i: int) -> bool:
    t = p.toks[i]
    if t.pos not in ("VERB", "AUX") or t.lemma.lower() not in CUE_VERBS:
        return False
    if t.dep in ("auxpass", "aux", "amod"):
        return False
    return not any(p.toks[c].dep == "nsubjpass" for c in p.children[i])
