"""The shared view of one article for the actor rules: tokens, alias hits, name and role marks.

``Doc`` wraps an ``Analysis`` with the gazetteer hits (``actors.gazetteer``) and per-token marks
that each step returns for the next (``Doc.marked``: names found, roles read);
``Occ`` is one occurrence of a person's name. The word lists of the name and role rules are in
``data/words.json``.
"""
from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dyad.extract import lexicon
from dyad.extract.actors import gazetteer as codes
from dyad.extract.actors import roles
from dyad.extract.actors.gazetteer import Hit
from dyad.extract.actors.roles import Role
from dyad.records import Analysis, Article, Token

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

HONORIFICS = WORDS["honorifics"]
ORG_WORDS = WORDS["org_words"]
REGION_WORDS = WORDS["region_words"]
PARTICLES = WORDS["particles"]
SPLIT_PREPS = WORDS["split_preps"]
STOPS_AFTER = {",", ".", ";", ":", ")", "(", '"', "\u201c", "\u201d", "!", "?"}
COMPLEMENT_NOUNS = WORDS["complement_nouns"]
INDEFINITE = WORDS["indefinite"]
GOV_AFTER_NAME = WORDS["gov_after_name"]
PERSON_VERBS = WORDS["person_verbs"]
_WORD = re.compile(r"^[^\W\d_][\w'\u2019.-]*$")


# --------------------------------------------------------------------------- helpers


_NAME_PARTICLES = ("al-", "el-", "bin-", "ibn-", "abu-")


def surname_forms(name: str) -> set[str]:
    """The lower-cased forms a later mention of the person may use alone: the last word, and it
    without a leading particle ("Bashar al-Assad": "al-assad", "assad")."""
    last = name.split()[-1].lower()
    return {f for f in {last, *(last[len(p):] for p in _NAME_PARTICLES if last.startswith(p))} if len(f) > 2}


def slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def is_name_token(t: Token) -> bool:
    if t.text in ("-", "\u2011"):
        return True
    if t.text.lower() in PARTICLES:
        return True
    return bool(_WORD.match(t.text)) and t.text[0].isupper() and t.pos not in (
        "DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "PUNCT", "NUM", "SPACE")


@dataclass(slots=True)
class Occ:
    """One occurrence of a person's name."""

    i: int  # first token
    j: int  # end token (exclusive)
    name: str
    kind: str  # "name" | "surname"
    roles: list[Role] = field(default_factory=list)
    key: str = ""




class Doc:
    def __init__(self, article: Article, analysis: Analysis) -> None:
        self.article = article
        self.text = article.text
        self.toks = analysis.tokens
        self.analysis = analysis
        n = len(self.toks)
        self.sent_first: dict[int, int] = {}
        self.sent_last: dict[int, int] = {}
        for t in self.toks:
            self.sent_first.setdefault(t.sentence, t.i)
            self.sent_last[t.sentence] = t.i + 1
        self.hits: list[Hit] = []
        for s, a in self.sent_first.items():
            self.hits += codes.match_tokens(self.text, self.toks, a, self.sent_last[s])
        self.hit_at: list[Hit | None] = [None] * n
        for h in self.hits:
            for k in range(h.i, h.j):
                self.hit_at[k] = h
        self.in_name: tuple[bool, ...] = (False,) * n  # set only by ``marked``
        self.in_role: tuple[bool, ...] = (False,) * n
        self._children: dict[int, list[int]] | None = None

    def marked(self, *, names: Iterable[tuple[int, int]] | None = None,
               roles: Iterable[tuple[int, int]] | None = None) -> "Doc":
        """A copy of this view whose tokens in the given ``(first, end)`` token spans are marked
        as inside a person's name (``names``, from ``find_names``) or a role already read for
        a named person (``roles``); the view itself is never changed."""
        new = copy.copy(self)
        for attr, spans in (("in_name", names), ("in_role", roles)):
            if spans is not None:
                flags = [False] * len(self.toks)
                for i, j in spans:
                    flags[i:j] = [True] * (j - i)
                setattr(new, attr, tuple(flags))
        return new

    def children(self, i: int) -> list[int]:
        if self._children is None:
            self._children = {}
            for t in self.toks:
                if t.head != t.i:
                    self._children.setdefault(t.head, []).append(t.i)
        return self._children.get(i, [])

    def name_head(self, o: Occ) -> int:
        """The token of a name occurrence that the parse hangs the rest of the sentence on."""
        head = o.j - 1
        while o.i <= self.toks[head].head < o.j and self.toks[head].head != head:
            head = self.toks[head].head
        return head

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end]

    def hits_in(self, i: int, j: int) -> list[Hit]:
        seen, out = set(), []
        for k in range(i, j):
            h = self.hit_at[k]
            if h is not None and id(h) not in seen and h.i >= i and h.j <= j:
                seen.add(id(h))
                out.append(h)
        return out

    def role(self, i: int, j: int) -> Role | None:
        while i < j and self.toks[i].pos in ("PUNCT", "SPACE", "CCONJ"):
            i += 1
        while j > i and self.toks[j - 1].pos in ("PUNCT", "SPACE", "CCONJ", "ADP"):
            j -= 1
        if i >= j:
            return None
        return roles.analyse(self.text, self.toks, i, j, self.hits_in(i, j))

