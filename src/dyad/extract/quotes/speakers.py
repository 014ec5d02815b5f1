"""Speakers of quotes: a cue's subject resolved to an actor through the actor layer's mentions;
pronouns and descriptions fall back to the most recent compatible person speaker."""
from __future__ import annotations

import re
from bisect import bisect_left

from dyad.extract.quotes.cues import DEFINITE, FEMALE, MALE, PRONOUNS, Parse, overlap
from dyad.records import Mention


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
            if overlap((m.start, m.end), (start, end)) <= 0 or m.actor_key not in self.actors:
                continue
            on_head = head is not None and overlap((m.start, m.end), head) > 0
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
            if first in DEFINITE or possessive:
                key = self.description(pos, tok.lemma or tok.text)
        elif tok.pos == "PROPN":
            key = self.surname(self.text[span[0] : span[1]])
        if key is not None and self._is_person(key):
            self.history.append((pos, key))
        return key


# --------------------------------------------------------------------------- entry point
