"""Speakers of quotes: a cue's subject resolved to an actor through the actor layer's mentions;
pronouns and descriptions fall back to the most recent compatible person speaker."""
from __future__ import annotations

import re
from bisect import bisect_left

from dyad.extract.quotes.cues import DEFINITE, FEMALE, MALE, PERSON_NOUNS, PRONOUNS, Parse, overlap
from dyad.records import Mention


NAMED = frozenset({"name", "surname", "alias"})  # mentions that name their person outright
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "madam", "madame", "sir", "lady", "lord"})  # right before a name


class Resolver:
    """Speaker noun phrases to actors: mentions first, then pronouns and descriptions."""

    def __init__(self, text: str, p: Parse, actors, mentions, quoted) -> None:
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
            before = text[max(0, m.start - 12) : m.start].split()  # 'Mrs. Ruiz' with the mention 'Ruiz'
            title = before[-1].lower().rstrip(".") if before and text[m.start - 1 : m.start].isspace() else ""
            if first in FEMALE or (title in _TITLES and title in FEMALE):
                self.gender.setdefault(m.actor_key, "f")
            elif first in MALE or (title in _TITLES and title in MALE):
                self.gender.setdefault(m.actor_key, "m")
        for a in actors:
            words = set(re.findall(r"[a-z]+", (a.role or "").lower()))
            if words & FEMALE:
                self.gender.setdefault(a.key, "f")
            elif words & MALE:
                self.gender.setdefault(a.key, "m")
        self.history: list[tuple[int, str, int]] = []  # (position, key, sentence) of person speakers

    def _is_person(self, key: str) -> bool:
        a = self.actors.get(key)
        return a is not None and a.type == "person"

    def mention_at(self, start: int, end: int, head: int | None) -> Mention | None:
        """The mention that best stands for the phrase text[start:end] headed by token ``head``."""
        hspan = None if head is None else (self.p.toks[head].start, self.p.toks[head].end)
        k = bisect_left(self.mstarts, start - 200)
        best: Mention | None = None
        best_score: tuple = ()
        for m in self.mentions[k:]:
            if m.start >= end:
                break
            if overlap((m.start, m.end), (start, end)) <= 0 or m.actor_key not in self.actors:
                continue
            on_head = hspan is not None and overlap((m.start, m.end), hspan) > 0
            if not on_head and (not self._is_person(m.actor_key) or self._dependent(m, head)):
                continue  # "the expert on Russian affairs" is not Russia, "Ruiz's mother" not Ruiz
            score = (on_head, self._is_person(m.actor_key), m.end - m.start)
            if best is None or score > best_score:
                best, best_score = m, score
        return best

    def _dependent(self, m: Mention, head: int | None) -> bool:
        """A mention that is a possessor or a prepositional object inside the head's phrase."""
        toks = self.p.toks
        j = min(bisect_left(self.p.ends, m.end), len(toks) - 1)
        for _ in range(8):
            if j == head or toks[j].head == j:
                return False
            if toks[j].dep in ("poss", "pobj", "prep") or toks[j].tag == "POS":
                return True
            j = toks[j].head
        return False

    def _compatible(self, key: str, gender: str) -> bool:
        g = self.gender.get(key)
        return gender not in ("m", "f") or g is None or g == gender

    def sentence_of(self, pos: int) -> int:
        k = max(0, min(bisect_left(self.p.starts, pos + 1) - 1, len(self.p.toks) - 1))
        return self.p.toks[k].sentence

    def pronoun(self, pos: int, gender: str) -> str | None:
        """Centering: a subject earlier in the sentence (the main verb's first, then any clause's:
        'Ruiz scolded him: “…,” she said'), then the previous sentence's speaker or main
        subject, then the latest speaker, then the latest person mentioned."""
        sent = self.sentence_of(pos)
        fits = lambda key: self._compatible(key, gender)  # noqa: E731
        for back in (0, 1):
            for at, key, s in reversed(self.history):
                if s == sent - back and at < pos and fits(key):
                    return key
            for key in self._subjects(sent - back, pos, main=True) + (
                self._subjects(sent, pos, main=False) if back == 0 else []
            ):
                if fits(key):
                    return key
        return self._latest(pos, fits)

    def _latest(self, pos: int, fits) -> str | None:
        for at, key, _ in reversed(self.history):
            if pos - at > 3000:
                break
            if fits(key):
                return key
        k = bisect_left(self.pstarts, pos) - 1
        while k >= 0 and pos - self.person_mentions[k].start <= 6000:
            if fits(self.person_mentions[k].actor_key):
                return self.person_mentions[k].actor_key
            k -= 1
        return None

    def _subjects(self, sent: int, before: int, main: bool) -> list[str]:
        """Named person mentions that are subjects in sentence ``sent`` before ``before``, nearest first.
        ``main``: only the subject of the sentence's main verb (or a verb conjoined to it)."""
        if sent < 0:
            return []
        out = []
        for m in reversed(self.person_mentions[: bisect_left(self.pstarts, before)]):
            s = self.sentence_of(m.start)
            if s < sent:
                break
            if s == sent and m.kind in NAMED and self._is_subject(m, main):
                out.append(m.actor_key)
        return out

    def _is_subject(self, m: Mention, main: bool) -> bool:
        toks = self.p.toks
        j = min(bisect_left(self.p.ends, m.end), len(toks) - 1)
        while toks[j].dep in ("compound", "flat", "appos") and toks[j].head != j:
            j = toks[j].head
        if toks[j].dep not in ("nsubj", "nsubjpass"):
            return False
        verb = toks[toks[j].head]
        while main and verb.dep == "conj" and verb.head != verb.i:
            verb = toks[verb.head]
        return not main or verb.head == verb.i

    def description(self, pos: int, word: str, country: str | None = None, bare: bool = True) -> str | None:
        """A person whose role contains ``word``: the latest speaker, else the latest or only one.
        With no such role, a person noun ('the diplomat') takes the latest speaker or person
        mentioned whose country agrees with the description's ('the Russian leader'), unless
        the description is not ``bare``: 'the chairman of the committee' introduces someone."""
        word = word.lower()
        fits = {
            a.key for a in self.actors.values()
            if a.type == "person" and word in re.findall(r"[a-z]+", (a.role or "").lower())
        }
        if not fits:
            if word not in PERSON_NOUNS or not bare:
                return None
            return self._latest(pos, lambda key: self._same_country(key, country))
        for _, key, _ in reversed(self.history):
            if key in fits:
                return key
        k = bisect_left(self.pstarts, pos) - 1
        while k >= 0:
            if self.person_mentions[k].actor_key in fits:
                return self.person_mentions[k].actor_key
            k -= 1
        return next(iter(fits)) if len(fits) == 1 else None

    def _same_country(self, key: str, country: str | None) -> bool:
        code = self.actors[key].code or ""
        return country is None or code[:3] == country

    def country(self, m: Mention | None) -> str | None:
        """The country code a non-person mention inside a description gives ('Iranian')."""
        if m is None or self._is_person(m.actor_key):
            return None
        code = self.actors[m.actor_key].code or ""
        return code[:3] if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper() else None

    def surname(self, name: str) -> str | None:
        """The one person whose last name is ``name``'s, allowing one letter's difference in a
        long name (transliterations: 'Sarea' / 'Saree')."""
        last = name.split()[-1].lower() if name.split() else ""
        lasts = {a.key: a.name.split()[-1].lower() for a in self.actors.values() if a.type == "person" and a.name.split()}
        hits = {k for k, v in lasts.items() if v == last}
        if not hits and len(last) >= 5:
            hits = {k for k, v in lasts.items() if len(v) >= 5 and _one_edit(v, last)}
        return next(iter(hits)) if len(hits) == 1 else None

    def resolve(self, head: int, span: tuple[int, int], pos: int) -> str | None:
        tok = self.p.toks[head]
        m = self.mention_at(span[0], span[1], head)
        word = tok.text.lower()
        key: str | None = None
        if m is not None and self._is_person(m.actor_key) and (m.kind != "pronoun" or word not in PRONOUNS):
            key = m.actor_key
        elif word in PRONOUNS:
            gender = PRONOUNS[word]
            key = self.pronoun(pos, gender) if gender in ("m", "f") else None
            if key is not None:
                self.gender.setdefault(key, gender)
        elif tok.pos in ("NOUN", "PROPN") and tok.ent_type != "PERSON" and self._definite(head, span):
            bare = not self.p.kids(head, ("prep", "acl", "relcl")) and not self._person_possessor(head)
            key = self.description(pos, tok.lemma or tok.text, self.country(m), bare)
        if key is None and m is not None and m.kind != "pronoun":
            key = m.actor_key
        elif key is None and tok.pos == "PROPN":
            key = self.surname(self.text[span[0] : span[1]])
        if key is not None and self._is_person(key):
            self.history.append((pos, key, self.sentence_of(pos)))
        return key

    def _person_possessor(self, head: int) -> bool:
        """'Varga's lawyer': a relation to a named person, who is not the speaker."""
        return any(self.p.toks[c].pos == "PROPN" and (c in self.p.person_tokens or self.p.toks[c].ent_type == "PERSON")
                   for c in self.p.kids(head, ("poss",)))

    def _definite(self, head: int, span: tuple[int, int]) -> bool:
        """'the diplomat', 'this official', 'Iran's top diplomat': a description that refers back."""
        words = self.text[span[0] : span[1]].split()
        first = words[0].lower() if words else ""
        return first in DEFINITE or any(self.p.toks[c].dep == "poss" for c in self.p.children[head])


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
