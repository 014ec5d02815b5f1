"""Grammar that picks the speaker's head token once a cue is found.

The cue's subject is where a speaker starts, but the name often sits elsewhere in the phrase:
a named appositive ("a spokesman for the ministry, Maria Volkova, said"), a name after a title
that the parse hangs from a preposition ("the Ambassador to Peru Ana Ruiz said"), the
antecedent of a relative pronoun ("Ana Ruiz, who said"), or a name the parse did not make the
subject at all ("May told the forum"). A quote introduced by a clause ending in a comma or a
colon ("Ruiz defended the plan: “…”") takes that clause's subject.
"""
from __future__ import annotations

from dyad.extract.quotes.cues import QUOTE_MARKS, Parse

RELATIVE = frozenset({"who", "that", "which", "whom"})
_NOT_BEFORE_NAME = frozenset({"ADP", "DET", "PART", "PRON", "CCONJ", "PUNCT", "SCONJ"})


def is_name(p: Parse, i: int) -> bool:
    """A proper noun that the parser tagged as (part of) a person's name."""
    t = p.toks[i]
    return t.pos == "PROPN" and (t.ent_type == "PERSON" or i in p.person_tokens)


def speaker_head(p: Parse, head: int) -> int:
    """The best token to stand for the speaker whose phrase is headed by ``head``.

    A relative pronoun stays as written (it is what the text says); ``antecedent`` gives the
    phrase it stands for, which is what resolution looks at."""
    if is_name(p, head):
        return head
    for c in p.kids(head, ("appos",)):
        name = _name_in(p, c)
        if name is not None:
            return name
    edge = _name_at_right_edge(p, head)
    return head if edge is None else edge


def antecedent(p: Parse, head: int) -> int:
    """'Ana Ruiz, who said': the noun a relative clause hangs from; 'It was Ana Ruiz who
    said': the name the cleft sentence puts first."""
    t = p.toks[head]
    verb = p.toks[t.head]
    if t.text.lower() not in RELATIVE or verb.head == verb.i:
        return head
    if verb.dep == "relcl":
        return verb.head
    above = p.toks[verb.head]
    attr = p.kids(above.i, ("attr",))
    if verb.dep == "ccomp" and above.lemma == "be" and attr and attr[0] < t.i:
        return attr[0]
    return head


def _name_in(p: Parse, i: int) -> int | None:
    """The last token of a person's name headed at or just below ``i``."""
    if is_name(p, i):
        return i
    for c in p.kids(i, ("compound", "flat", "appos")):
        if is_name(p, c):
            return c
    return None


def _name_at_right_edge(p: Parse, head: int) -> int | None:
    """'Iranian Ambassador to Peru Ana Ruiz': a name closing the subject phrase after a title.

    The word before the name must be part of the title (a noun or proper noun), not a
    preposition, article or possessive: 'the mother of Ana Ruiz' stays the mother.
    """
    lo, hi = p.subtree(head)
    while hi > head and p.toks[hi].pos == "PUNCT":
        hi -= 1
    if hi <= head or not is_name(p, hi):
        return None
    first = hi
    while first - 1 > lo and is_name(p, first - 1):
        first -= 1
    before = p.toks[first - 1]
    if before.pos in _NOT_BEFORE_NAME or before.tag == "POS":
        return None
    return hi


def left_name(p: Parse, cue: int) -> int | None:
    """A subjectless cue right after a person's name ('“…,” May told the forum')."""
    t = p.toks[cue]
    for j in (cue - 1, cue - 2):
        if j < 0 or p.toks[j].sentence != t.sentence:
            return None
        tj = p.toks[j]
        if (tj.ent_type == "PERSON" or j in p.person_tokens) and tj.text[:1].isupper():
            return j
        if tj.pos not in ("AUX", "ADV", "PART"):
            return None
    return None


def right_name(p: Parse, cue: int) -> int | None:
    """A subjectless cue opening its clause before a person's name, the order inverted:
    'Said Ruiz: “…”' (the parse makes the cue a modifier of the name). The last token of the
    name; a name the cue governs as its object ('told Ruiz') is the hearer, not the speaker."""
    t = p.toks[cue]
    j = cue + 1
    if t.tag not in ("VBD", "VBZ", "VBP") or not _opens_clause(p, cue):
        return None  # 'So highlighting Ruiz is …': a participle with its object
    if j >= len(p.toks) or p.toks[j].sentence != t.sentence or not is_name(p, j):
        return None
    while j + 1 < len(p.toks) and is_name(p, j + 1) and p.toks[j + 1].sentence == t.sentence:
        j += 1
    dep = p.toks[j].dep
    if dep in ("dobj", "dative", "iobj", "pobj", "oprd") or (p.toks[j].head == cue and dep != "nsubj"):
        return None
    return j


def _opens_clause(p: Parse, i: int) -> bool:
    """Token ``i`` opens its sentence or follows a comma or quotation mark ('“…,” said Ruiz')."""
    if i == 0 or p.toks[i - 1].sentence != p.toks[i].sentence:
        return True
    return p.toks[i - 1].text in (",", ":") or p.toks[i - 1].text in QUOTE_MARKS


def introducer(p: Parse, open_at: int) -> tuple[int, int] | None:
    """(verb, subject) of a clause that ends in ',' or ':' just before an opening quote mark."""
    k = p.token_before(open_at)
    if k is None or p.toks[k].text not in (",", ":") or k == 0:
        return None
    j = k - 1
    while p.toks[j].head != j and p.toks[p.toks[j].head].start < open_at:
        j = p.toks[j].head
    if p.toks[j].pos not in ("VERB", "AUX"):
        return None
    subj = p.subject(j)
    return None if subj is None else (j, subj)
