"""Where the text puts a person without a role: a nationality in apposition, or a place.

"X, a 40-year-old Chilean" gives the demonym's country ("nationality").

A person the text gives no country (no role naming one, no known office) may still be placed by
it: by a locative inside the phrase their name heads ("X, who lives in Lyon", "X, like everyone
else in Graz, ...") or by a fronted locative that sets the scene of their sentence or of one of
the three before it in the same paragraph ("In Lyon, one shopkeeper said ..."). A locative
elsewhere in the passage is not enough: "the talks in Geneva" places the talks, not the people
of the next sentence, and news of international relations is full of people abroad. Two
countries in one phrase say nothing. "From" is left out: "aid from Norway" names a source.
"""
from __future__ import annotations

from dyad.codes import split_code
from dyad.extract.actors.doc import Doc, Occ

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around"})
#: how far up the parse a place may sit below the locative's object ("at the Lyon city hall")
_LINKS = frozenset({"compound", "nmod", "amod", "poss"})
WINDOW = 3  # sentences before the person's own


def _locative(doc: Doc, i: int, j: int) -> bool:
    """Whether the place over tokens ``i`` .. ``j`` is (inside) the object of a locative
    preposition."""
    toks = doc.toks
    k = j - 1
    while toks[k].head != k and i <= toks[k].head < j:  # the head of the name inside the span
        k = toks[k].head
    for _ in range(4):
        t = toks[k]
        if t.dep == "pobj":
            return toks[t.head].text.lower() in LOCATIVE
        if t.dep not in _LINKS or t.head == k:
            return False
        k = t.head
    return False


def _paragraphs(doc: Doc) -> dict[int, int]:
    """The paragraph number of each sentence (a new paragraph after a line break)."""
    toks, text = doc.toks, doc.text
    out: dict[int, int] = {}
    para = 0
    last_end = 0
    for s in sorted(doc.sent_first):
        start = toks[doc.sent_first[s]].start
        if "\n" in text[last_end:start]:
            para += 1
        out[s] = para
        last_end = toks[doc.sent_last[s] - 1].end
    return out


def _places(doc: Doc) -> list[tuple[int, str]]:
    """(token, country) of every place or country named as the object of a locative."""
    out = []
    for h in doc.hits:
        if not h.code or h.kind == "demonym" or h.type not in ("place", "country"):
            continue
        country, _ = split_code(h.code)
        if country and _locative(doc, h.i, h.j):
            out.append((h.i, country))
    return out


def _fronted(doc: Doc, i: int) -> bool:
    """Whether the place at token ``i`` sits in a locative phrase that opens its sentence ("In
    Lyon, ...", "At a rally near Graz, ...")."""
    toks = doc.toks
    first = doc.sent_first[toks[i].sentence]
    while first < i and toks[first].pos in ("PUNCT", "CCONJ", "SPACE"):
        first += 1
    return toks[first].text.lower() in LOCATIVE and toks[first].dep == "prep" \
        and toks[toks[first].head].pos in ("VERB", "AUX")


class Scenes:
    """The locative places of one article, read once, asked per person."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.places = _places(doc)
        self.paragraph = _paragraphs(doc) if self.places else {}
        self.opening: dict[int, str] = {}  # sentence -> country of the fronted locative that sets its scene
        sentences = sorted(doc.sent_first)
        fronted: dict[int, set[str]] = {}
        for i, country in self.places:
            if _fronted(doc, i):
                fronted.setdefault(doc.toks[i].sentence, set()).add(country)
        for n, s in enumerate(sentences):
            for back in reversed(sentences[max(0, n - WINDOW): n + 1]):
                if self.paragraph.get(back) != self.paragraph.get(s):
                    break
                if back in fronted:
                    if len(fronted[back]) == 1:
                        self.opening[s] = next(iter(fronted[back]))
                    break

    def _own(self, o: Occ) -> str | None:
        """The one country of the locatives inside the phrase the name heads (its appositive or
        relative clause: "X, who lives in Lyon")."""
        toks = self.doc.toks
        head = self.doc.name_head(o)
        found = set()
        for i, country in self.places:
            k = i
            for _ in range(40):
                if k == head or toks[k].head == k:
                    break
                k = toks[k].head
            if k == head and not o.i <= i < o.j:
                found.add(country)
        return found.pop() if len(found) == 1 else None

    def of_person(self, occs: list[Occ]) -> str | None:
        """The country a person is placed in: a locative in the phrase their name heads, else the
        fronted locative that sets the scene of their sentence; None if neither."""
        if not self.places:
            return None
        for o in sorted(occs, key=lambda o: o.i):
            c = self._own(o) or self.opening.get(self.doc.toks[o.i].sentence)
            if c:
                return c
        return None


def nationality(doc: Doc, occs: list[Occ]) -> str | None:
    """The country of a demonym that is the head of an apposition to the name ("X, a
    40-year-old Chilean from Valparaiso"); None if no occurrence has one."""
    toks = doc.toks
    for o in occs:
        head = doc.name_head(o)
        for k in doc.children(head):
            h = doc.hit_at[k]
            if toks[k].dep == "appos" and h is not None and h.kind == "demonym" and h.j == k + 1:
                country, _ = split_code(h.code)
                if country:
                    return country
    return None


def aged(doc: Doc, o: Occ) -> bool:
    """An apposition that gives the name an age ("X, a 40-year-old ..."): a person."""
    toks = doc.toks
    head = doc.name_head(o)
    for k in doc.children(head):
        if toks[k].dep == "appos":
            words = [toks[m].text.lower() for m in range(max(o.j, k - 6), k + 1)]
            if "year" in words and "old" in words:
                return True
    return False
