"""The shared view of one article for the actor rules: tokens, alias hits, name and role marks.

``Doc`` wraps an ``Analysis`` with the gazetteer hits (``extract.codes``) and per-token flags;
``Occ`` is one occurrence of a person's name. Word lists used by the name and role rules live here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dyad.extract import codes, roles
from dyad.extract.codes import Hit
from dyad.extract.roles import Role
from dyad.records import Analysis, Article, Token

HONORIFICS = {
    "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "ayatollah", "grand", "sheikh", "imam",
    "hojatoleslam", "sir", "madam", "prof", "prof.", "seyyed",
}
ORG_WORDS = {
    "news", "agency", "times", "center", "centre", "council", "organization", "organisation", "union",
    "force", "forces", "corps", "ministry", "party", "university", "institute", "group", "company",
    "bank", "committee", "front", "axis", "sovereignty", "online", "daily", "post", "press", "tv",
    "radio", "network", "foundation", "association", "league", "army", "guard", "guards", "court",
    "assembly", "parliament", "government", "republic", "school", "office", "department", "media",
    "club", "movement", "brigade", "brigades", "stream", "corridor", "deal", "plan", "agreement",
    "summit", "war", "revolution", "strategy", "document", "initiative", "street", "square",
    "affairs", "relations", "foreign", "studies", "security", "international", "national", "strategic",
    # words of outlet names ("Pars Horizon", "the Steppe Dispatch"): never part of a personal name
    "horizon", "horizons", "dispatch", "ledger", "wire", "newswire", "herald", "journal", "tribune", "gazette",
    "chronicle", "courier", "review", "telegraph", "bulletin", "digest", "magazine", "newspaper", "weekly",
    "broadcasting", "television", "channel", "service", "insider", "today", "monitor", "report", "reports",
    "portal", "website", "online", "pravda", "izvestia",
}
#: adjectives of regions and peoples that spaCy tags as names ("Central Asian", "Western", "Gulf Arab")
REGION_WORDS = {
    "asian", "european", "african", "american", "eurasian", "arab", "arabian", "western", "eastern", "northern",
    "southern", "central", "caucasian", "slavic", "nordic", "baltic", "latin", "oriental", "middle", "gulf",
    "pacific", "atlantic", "mediterranean", "caspian", "transcaucasian", "scandinavian", "balkan", "anglo",
    "north", "south", "east", "west", "muslim", "islamic", "christian", "jewish", "shia", "shiite", "sunni",
}
PARTICLES = {"al", "al-", "bin", "ibn", "de", "van", "von", "der", "el", "abu", "ul", "da", "du", "le", "bint"}
SPLIT_PREPS = {"of", "to", "in", "at", "for", "on", "from"}
STOPS_AFTER = {",", ".", ";", ":", ")", "(", '"', "\u201c", "\u201d", "!", "?"}
COMPLEMENT_NOUNS = {"affairs", "relations", "policy", "studies", "security", "defense", "defence", "staff", "state"}
INDEFINITE = {"a", "an", "another", "any", "every", "no", "one", "some", "each"}
GOV_AFTER_NAME = {"administration", "government", "cabinet"}
PERSON_VERBS = {
    "say", "tell", "add", "note", "stress", "emphasize", "emphasise", "urge", "meet", "visit", "call",
    "announce", "describe", "believe", "state", "explain", "argue", "warn", "criticize", "criticise",
    "praise", "write", "speak", "insist", "reiterate", "express", "ask", "reply", "respond", "claim",
    "deny", "accuse", "condemn", "welcome", "sign", "travel", "arrive", "chair", "lead", "congratulate",
}
_WORD = re.compile(r"^[^\W\d_][\w'\u2019.-]*$")


# --------------------------------------------------------------------------- helpers


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
        self.in_name: list[bool] = [False] * n
        self.in_role: list[bool] = [False] * n
        self._children: dict[int, list[int]] | None = None

    def children(self, i: int) -> list[int]:
        if self._children is None:
            self._children = {}
            for t in self.toks:
                if t.head != t.i:
                    self._children.setdefault(t.head, []).append(t.i)
        return self._children.get(i, [])

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

