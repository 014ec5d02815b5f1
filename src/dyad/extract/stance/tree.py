"""The dependency tree of an article's tokens, with the questions stance rules ask of it:
paths and distances, clauses and subjects, and the scope of negation, concession, charges and
mockery.
"""
from __future__ import annotations

from bisect import bisect_left

from dyad.extract.stance.cues import (
    ADJUNCT_PREPS,
    CLAUSAL,
    COMPARATIVE_QUANTIFIERS,
    CONCESSIVE_MARKS,
    CONCESSIVE_PREPS,
    DEGREE_NEGATORS,
    DEGREE_WORDS,
    FIRST_PERSON,
    HOSTILE_FRAMES,
    INTENSIFYING_NEGATORS,
    IRONIC_MARKS,
    LEXICON,
    MODAL_INTENSIFIERS,
    NEG_RAISING,
    NEGATORS,
    NON_NEGATING,
    OBJECTS,
    SCOPE_ARCS,
    SCOPE_BOUNDARY,
    SUBJECTS,
)
from dyad.records import Analysis


class Tree:
    def __init__(self, analysis: Analysis) -> None:
        self.toks = analysis.tokens
        self.starts = [t.start for t in self.toks]
        self.children: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        #: coordinated nouns ("X and Y"), for the clause tests of ``between_others``
        self.conj_nouns = [t.i for t in self.toks if t.dep == "conj" and t.pos in ("NOUN", "PROPN")]

    def path(self, i: int) -> dict[int, int]:
        """Ancestors of token i (itself included) with their distance from it."""
        out, d = {i: 0}, 0
        while self.toks[i].head != i and d < 40:
            i, d = self.toks[i].head, d + 1
            out[i] = d
        return out

    def distance(self, a: dict[int, int], b: int) -> int | None:
        j, d = b, 0
        while d < 40:
            if j in a:
                return a[j] + d
            if self.toks[j].head == j:
                return None
            j, d = self.toks[j].head, d + 1
        return None

    def head_of(self, start: int, end: int) -> int | None:
        k = bisect_left(self.starts, start)
        inside = []
        while k < len(self.toks) and self.toks[k].start < end:
            inside.append(k)
            k += 1
        tops = [i for i in inside if not (start <= self.toks[self.toks[i].head].start < end) or self.toks[i].head == i]
        words = [i for i in tops if self.toks[i].pos not in ("DET", "PUNCT", "PART")]  # not "the" of "the EU"
        return (words or tops or inside or [None])[0]

    def clause(self, i: int) -> int:
        """The verb (or copula) heading the clause of token i."""
        j, hops = i, 0
        while self.toks[j].pos not in ("VERB", "AUX") and self.toks[j].head != j and hops < 8:
            j, hops = self.toks[j].head, hops + 1
        return j

    def within(self, root: int, skip: frozenset[str] = CLAUSAL) -> set[int]:
        """Tokens of root's subtree, not descending into clauses."""
        out, stack = {root}, [root]
        while stack:
            j = stack.pop()
            for c in self.children[j]:
                if self.toks[c].dep not in skip:
                    out.add(c)
                    stack.append(c)
        return out

    def subject_tokens(self, verb: int) -> set[int]:
        out: set[int] = set()
        for c in self.children[verb]:
            dep = self.toks[c].dep
            if dep == "nsubj" or dep == "agent":
                out |= self.within(c)
        return out

    def negated(self, i: int) -> bool:
        """Whether a negator of i's sentence flips the polarity word at i.

        A negator reaches only its own scope: the subtree of what it modifies (the predicate,
        when that is a verb, but not its subject; the whole clause when it negates the subject:
        "no one supports"), never across an adverbial, relative or coordinated clause of its
        own, nor past "but"/"yet" ("not a rival but a partner"). Negators that do not negate
        ("not only", "nothing but", "no doubt") and negated degrees or comparatives that
        intensify ("never been so close", "no better partner") are skipped.
        """
        sent = self.toks[i].sentence
        lo = hi = i
        while lo > 0 and self.toks[lo - 1].sentence == sent:
            lo -= 1
        while hi + 1 < len(self.toks) and self.toks[hi + 1].sentence == sent:
            hi += 1
        for n in range(lo, hi + 1):
            tok = self.toks[n]
            if n == i or not (tok.text.lower() in NEGATORS or tok.dep == "neg"):
                continue
            if self._non_negating(n) or tok.text.lower() == "no" and tok.pos in ("NOUN", "PROPN", "NUM"):
                continue  # "not only", "nothing but"; "No. 1"
            root, keep_subject = self._neg_scope(n)
            if not self._in_scope(n, i, root, keep_subject) or self._intensifies(n, i, root):
                continue
            return True
        return False

    def _polar(self, j: int) -> bool:
        t = self.toks[j]
        return t.text.lower() in LEXICON or t.lemma.lower() in LEXICON

    def _judged_in_role(self, h: int, root: int) -> bool:
        """Whether an "as" phrase on token h names the role in which a polarity word judges:
        h is that word ("obsolete as a partner"), or the copula it completes ("is not
        obsolete as a partner"), not the negated verb itself ("do not see X as a partner")."""
        if h != root and self._polar(h):
            return True
        return self.toks[h].lemma.lower() == "be" and any(
            self.toks[c].dep in ("acomp", "attr") and self._polar(c) for c in self.children[h]
        )

    def _words(self, n: int, size: int) -> str:
        return " ".join(t.text.lower() for t in self.toks[n : n + size])

    def _non_negating(self, n: int) -> bool:
        return any(self._words(n, len(p)) == " ".join(p) for p in NON_NEGATING)

    def _neg_scope(self, n: int) -> tuple[int, bool]:
        """The token whose subtree negator n reaches, and whether that subtree's subject counts."""
        tok = self.toks[n]
        if tok.pos == "ADP" or tok.pos in ("VERB", "AUX") and tok.dep != "neg":  # "without", "lack"
            return n, False
        if tok.dep in SUBJECTS:  # "nothing", "no one", "none of them" as subject: the clause
            return tok.head, True
        if tok.pos in ("NOUN", "PRON", "PROPN") or tok.dep in OBJECTS:  # "nothing", "none" as object
            return n, True
        head = self.toks[tok.head]
        if head.dep in SUBJECTS and head.pos in ("NOUN", "PRON", "PROPN", "NUM") and head.head != head.i:
            return head.head, True  # "no country supports ...", "neither we nor they see ..."
        if head.pos in ("NOUN", "PROPN", "PRON", "NUM"):
            return head.i, True  # "no strong support"
        if head.dep == "advmod" and self.toks[head.head].pos in ("VERB", "AUX", "ADJ"):
            return head.head, False  # "no longer supports", "is no longer a partner", "no longer obsolete"
        if head.pos == "AUX" and head.dep in ("aux", "auxpass") and head.head != head.i:
            return head.head, False  # "has n't attacked", parsed onto the auxiliary
        return head.i, False  # "is not", "never been", "not reliable"

    def _in_scope(self, n: int, i: int, root: int, keep_subject: bool) -> bool:
        j, hops = i, 0
        while j != root:
            t = self.toks[j]
            if t.head == j or hops > SCOPE_ARCS or t.dep in SCOPE_BOUNDARY:
                return False
            if t.head == root and (
                t.dep == "prep" and self._starts(j, ADJUNCT_PREPS, back=1)
                or t.dep in ("prep", "npadvmod", "advmod") and j < n
            ):
                return False  # an adjunct ("amid rising concern"), or one fronted before the negator
            if t.dep == "prep" and t.text.lower() == "as" and self._judged_in_role(t.head, root):
                return False  # the role a negated judgment is made in: "no longer obsolete as a partner"
            if t.dep == "conj" and (
                any(self.toks[c].dep in SUBJECTS for c in self.children[j])
                or any(
                    self.toks[c].dep == "cc" and self.toks[c].text.lower() in ("but", "yet")
                    for c in self.children[t.head]
                )
            ):
                return False  # a clause of its own, or "not X but Y"
            if t.head == root and not keep_subject and t.dep in SUBJECTS:
                return False  # a negated predicate says nothing of its subject
            if j != i and t.pos in ("VERB", "AUX") and t.dep != "conj" and not (
                t.head == root
                and j > n
                and (t.dep == "xcomp" or t.dep == "ccomp" and self.toks[root].lemma.lower() in NEG_RAISING)
            ):
                return False  # another predicate's clause, save the complement the negator raises from
            j, hops = t.head, hops + (t.dep != "conj")
        return True

    def _intensifies(self, n: int, i: int, root: int) -> bool:
        """A negated degree or comparative that says 'more than ever' rather than 'not'."""
        word = self.toks[n].text.lower()
        if word not in INTENSIFYING_NEGATORS:
            return False
        if word in ("not", "n't") and not any(
            self.toks[c].lemma.lower() in MODAL_INTENSIFIERS or self.toks[c].text.lower() in MODAL_INTENSIFIERS
            for c in self.children[self.toks[n].head]
        ):
            return False  # "not better" negates; "could not be better" does not
        phrase, j = [i], i  # the word and the nominal or adjective it modifies
        while (
            j != root
            and self.toks[j].dep in ("amod", "advmod", "compound", "nmod", "conj")
            and self.toks[self.toks[j].head].pos not in ("VERB", "AUX")
        ):
            j = self.toks[j].head
            phrase.append(j)
        for p in phrase:
            for c in [p, *self.children[p]]:
                t = self.toks[c]
                if c != p and t.dep not in ("amod", "advmod", "predet", "det", "npadvmod") or c == self.toks[n].head:
                    continue  # not a modifier, or the negator's own ("no longer")
                if t.tag in ("JJR", "RBR") and t.text.lower() not in COMPARATIVE_QUANTIFIERS:
                    return True  # "no better partner", "never been closer"
                if t.tag in ("JJR", "RBR") and c != p and self.toks[p].pos in ("ADJ", "ADV"):
                    return True  # "never more valuable"
                if word in DEGREE_NEGATORS and c != p and t.text.lower() in DEGREE_WORDS:
                    return True  # "never been so close", "never had such good relations"
        return False

    def concessive(self, i: int) -> bool:
        """Whether token i lies in a clause or phrase that concedes ("although ...", "despite ...")."""
        j, hops = i, 0
        while hops < 40:
            t = self.toks[j]
            for c in self.children[j]:
                if self.toks[c].dep == "mark" and self._starts(c, CONCESSIVE_MARKS, back=1):
                    return True
            if t.dep == "prep" and self._starts(j, CONCESSIVE_PREPS, back=2):
                return True
            if t.head == j:
                return False
            j, hops = t.head, hops + 1
        return False

    def under_frame(self, i: int) -> bool:
        """Whether token i lies in the complement of a charge or a worry ("accused X of ...",
        "concerned that ..."), within a few arcs."""
        j = i
        for _ in range(6):
            t = self.toks[j]
            if t.head == j:
                return False
            head = self.toks[t.head]
            if head.lemma.lower() in HOSTILE_FRAMES and t.dep in ("ccomp", "xcomp", "prep", "pcomp", "advcl"):
                return True
            j = t.head
        return False

    def with_conjuncts(self, tokens: set[int]) -> set[int]:
        """Tokens with the nouns coordinated to them ("the UK, France, and Germany")."""
        out, stack = set(tokens), list(tokens)
        while stack:
            for c in self.children[stack.pop()]:
                if c not in out and self.toks[c].dep == "conj" and self.toks[c].pos in ("NOUN", "PROPN"):
                    out.add(c)
                    stack.append(c)
        return out

    def ironic(self, i: int) -> bool:
        """Whether a mocking modifier ("so-called", "self-styled") stands just before token i."""
        return any(self._starts(j, IRONIC_MARKS, back=0) for j in range(max(0, i - 3), i))

    def between_others(self, k: int, code: str, own: str, cands) -> bool:
        """Whether the clause of token k relates ``code`` to another side, none of them the
        holder's own (no mention of ``own``, no "we", "our"); a clause with no subject of its
        own ("the means of helping X") takes that of the clause above it."""
        verb = self.clause(k)
        clause = self.within(verb)
        clause |= {j for j in self.conj_nouns if self.toks[j].head in clause}
        for _ in range(3):
            if self.subject_tokens(verb) or self.toks[verb].head == verb:
                break
            verb = self.clause(self.toks[verb].head)
            clause |= self.subject_tokens(verb)
        sides = {c for h, c in cands if h in clause}
        if any(self.toks[j].text.lower() in FIRST_PERSON for j in clause):
            return False
        return own not in sides and bool(sides - {code})

    def _starts(self, k: int, phrases, back: int) -> bool:
        """Whether one of the phrases (word tuples) covers token k, starting at most ``back`` before it."""
        for s in range(max(0, k - back), k + 1):
            first = self.toks[s].text.lower()
            for p in phrases:
                if p[0] == first and s + len(p) > k and self._words(s, len(p)) == " ".join(p):
                    return True
        return False
