"""Find and code the actors of an article: countries, organisations and persons.

1. Aliases (``extract.codes``): country names, demonyms, capitals and seats as metonyms,
   institutions ("Iran's Foreign Ministry" -> IRNGOV), organisations ("NATO").
2. Person names: spaCy PERSON entities, plus names it mislabels (a NORP "Kazem Jalali", a
   capitalised run after a title), with honorifics stripped.
3. Roles of each name occurrence (``extract.roles``): a title before the name, an apposition
   (", an expert on ..." / "– Analyst of ..."), a copular predicate ("X is Director of ...").
4. Descriptions without a name ("the expert on Caucasus affairs", "Tehran's ambassador in
   Moscow") resolve to the most recent person with a compatible role; one that comes before any
   such person waits for the next name that is introduced without a role.
5. Codes: the role's country and sector, else a well-known office holder's, else the article's
   home country (dateline, outlet, else the country the article is most about).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dyad.extract import codes, roles
from dyad.extract.codes import Hit
from dyad.extract.roles import Role
from dyad.records import Actor, Analysis, Article, Mention, Token

EXTRACTOR = "actors.rules.v1"

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


def _slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _is_name_token(t: Token) -> bool:
    if t.text in ("-", "\u2011"):
        return True
    if t.text.lower() in PARTICLES:
        return True
    return bool(_WORD.match(t.text)) and t.text[0].isupper() and t.pos not in (
        "DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "PUNCT", "NUM", "SPACE")


@dataclass(slots=True)
class _Occ:
    """One occurrence of a person's name."""

    i: int  # first token
    j: int  # end token (exclusive)
    name: str
    kind: str  # "name" | "surname"
    roles: list[Role] = field(default_factory=list)
    key: str = ""


@dataclass(slots=True)
class _Person:
    key: str
    name: str
    roles: list[Role] = field(default_factory=list)
    last_pos: int = -1
    last_sentence: int = -1
    holder: roles.Holder | None = None
    holder_fits: bool = False

    def country(self) -> str | None:
        for r in self.roles:
            if r.country and r.kind == "office":
                return r.country
        for r in self.roles:
            if r.country:
                return r.country
        return self.holder.country if self.holder else None

    def classes(self) -> set[str]:
        out: set[str] = set()
        for r in self.roles:
            out |= r.classes
        if self.holder and self.holder_fits:
            out |= {rw.cls for w in roles.find_role_words(self.holder.role) for rw in [roles.ROLE_WORDS[w[2]]]}
        return out


class _Doc:
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


# --------------------------------------------------------------------------- names


def _clean_name(doc: _Doc, i: int, j: int) -> tuple[int, int, list[int]] | None:
    """Strip honorifics, titles and possessives from a candidate name; None if not a name."""
    toks = doc.toks
    lead: list[int] = []
    while i < j and (toks[i].text.lower() in HONORIFICS or toks[i].pos in ("DET", "PUNCT")
                     or roles.has_role_word(toks[i].text)):
        lead.append(i)
        i += 1
    while i < j and doc.hit_at[i] is not None and doc.hit_at[i].j < j and j - doc.hit_at[i].j >= 2:
        lead.extend(range(i, doc.hit_at[i].j))  # "Russia Darius Kamranpour": a title's country
        i = doc.hit_at[i].j
    while j > i and (toks[j - 1].tag == "POS" or toks[j - 1].text in ("'s", "\u2019s", "-", ",")):
        j -= 1
    if i >= j or j - i > 6:
        return None
    for k in range(i, j):
        t = toks[k]
        if not _is_name_token(t) or t.text.lower() in ORG_WORDS:
            return None
    h = doc.hit_at[i]
    if h is not None and (h.kind == "demonym" or (h.i <= i and h.j >= j)):
        return None
    if roles.has_role_word(doc.span_text(i, j)):
        return None
    return i, j, lead


def _person_like(doc: _Doc, o: _Occ) -> bool:
    """A capitalised run that the text treats as a person: it has a role, or it speaks or meets."""
    last = doc.toks[o.j - 1]
    if last.dep in ("nsubj", "nsubjpass") and doc.toks[last.head].lemma in PERSON_VERBS:
        return True
    return any(f(doc, o) is not None for f in (_title_before, _role_after, _role_predicate))


def _find_names(doc: _Doc) -> list[_Occ]:
    toks = doc.toks
    occs: list[_Occ] = []
    taken = [False] * len(toks)

    def add(i: int, j: int, kind: str = "name") -> None:
        if any(taken[k] for k in range(i, j)):
            return
        for k in range(i, j):
            taken[k] = True
        occs.append(_Occ(i, j, doc.span_text(i, j), kind))

    singles: list[tuple[int, int, str]] = []
    for e in doc.analysis.entities:
        cleaned = _clean_name(doc, e.token_start, e.token_end)
        if cleaned is None:
            continue
        i, j, _ = cleaned
        multi = sum(1 for k in range(i, j) if toks[k].text not in ("-",)) >= 2
        if e.label == "PERSON":
            if multi:
                add(i, j)
            else:
                singles.append((i, j, e.label))
        elif e.label in ("NORP", "ORG", "GPE", "FAC", "WORK_OF_ART") and multi:
            prev = toks[i - 1] if i > 0 else None
            after_title = prev is not None and roles.has_role_word(prev.text)
            known = roles.holder(doc.span_text(i, j), None)[1] is not None
            probe = _Occ(i, j, doc.span_text(i, j), "name")
            if e.label == "NORP" or after_title or known or _person_like(doc, probe):
                add(i, j)
        else:
            singles.append((i, j, e.label))
    # a capitalised run right after a role word ("... envoy to Russia Kazem Jalali")
    for t in toks:
        if taken[t.i] or not roles.has_role_word(t.text) or t.i + 1 >= len(toks):
            continue
        k = t.i + 1
        while k < len(toks) and toks[k].pos == "PROPN" and _is_name_token(toks[k]) and not taken[k] \
                and toks[k].sentence == t.sentence:
            k += 1
        if k - (t.i + 1) >= 2:
            cleaned = _clean_name(doc, t.i + 1, k)
            if cleaned:
                add(cleaned[0], cleaned[1])
    # an untagged capitalised run introduced by its role ("X Y is Director of ...", "X Y, an expert")
    k = 0
    while k < len(toks):
        t = toks[k]
        if taken[k] or t.pos != "PROPN" or t.ent_type:
            k += 1
            continue
        m = k
        while m < len(toks) and toks[m].pos == "PROPN" and not toks[m].ent_type and not taken[m] \
                and toks[m].sentence == t.sentence and _is_name_token(toks[m]):
            m += 1
        if 2 <= m - k <= 5:
            cleaned = _clean_name(doc, k, m)
            if cleaned and cleaned[1] - cleaned[0] >= 2 and not any(doc.hit_at[x] for x in range(k, m)):
                probe = _Occ(cleaned[0], cleaned[1], doc.span_text(cleaned[0], cleaned[1]), "name")
                if _person_like(doc, probe):
                    add(cleaned[0], cleaned[1])
        k = max(m, k + 1)
    # surnames: single tokens that end a full name already found, or a well-known name
    surnames = {}
    for o in occs:
        last = o.name.split()[-1]
        surnames.setdefault(last.lower(), o.name)
    for i, j, label in singles:
        word = doc.span_text(i, j)
        if word.lower() in surnames or (label == "PERSON" and toks[i].pos == "PROPN"):
            add(i, j, "surname")
    for t in toks:
        if not taken[t.i] and t.pos == "PROPN" and t.text.lower() in surnames and t.text[0].isupper():
            add(t.i, t.i + 1, "surname")
    occs.sort(key=lambda o: o.i)
    for o in occs:
        for k in range(o.i, o.j):
            doc.in_name[k] = True
    return occs


# --------------------------------------------------------------------------- roles of a name


def _segments(doc: _Doc, lo: int, hi: int) -> list[tuple[int, int, int | None]]:
    """Split tokens lo..hi at prepositions and 'and': (start, end, connector token before it)."""
    out, start, conn = [], lo, None
    for k in range(lo, hi):
        t = doc.toks[k]
        low = t.text.lower()
        if (t.pos == "ADP" and low in SPLIT_PREPS) or (t.pos == "CCONJ" and low == "and"):
            if k > start:
                out.append((start, k, conn))
            start, conn = k + 1, k
    if hi > start:
        out.append((start, hi, conn))
    return out


def _is_complement(doc: _Doc, a: int, b: int) -> bool:
    words = [doc.toks[k] for k in range(a, b)]
    if any(t.pos not in ("DET", "PROPN", "ADJ", "NOUN", "PART", "PUNCT", "NUM") for t in words):
        return False
    if any(doc.hit_at[k] is not None for k in range(a, b)):
        return True
    low = " ".join(t.text.lower() for t in words)
    if any(t.text.lower() in COMPLEMENT_NOUNS for t in words) or any(w in codes.INSTITUTIONS for w in low.split()):
        return True
    return all(t.pos in ("PROPN", "DET") or t.text[:1].isupper() for t in words)


def _ends_in_role(doc: _Doc, a: int, b: int) -> bool:
    """A segment whose head (last word) is a role word: "Iran's envoy", not "the Leader's letter"."""
    phrase = doc.span_text(a, b)
    words = roles.find_role_words(phrase)
    return bool(words) and words[-1][1] >= len(phrase.rstrip(" -")) - 0


def _allowed_left(t: Token) -> bool:
    low = t.text.lower()
    if t.pos in ("PROPN", "NOUN", "ADJ", "NUM") or t.tag == "POS" or low in ("'s", "\u2019s"):
        return True
    if t.pos == "ADP" and low in SPLIT_PREPS:
        return True
    if t.pos == "CCONJ" and low == "and":
        return True
    if t.text == "-" and not t.whitespace:
        return True
    return t.pos == "DET" or t.tag == "PRP$"


def _title_before(doc: _Doc, o: _Occ) -> Role | None:
    toks = doc.toks
    first = doc.sent_first[toks[o.i].sentence]
    end = o.i
    if end - 1 >= first and toks[end - 1].text == ",":
        end -= 1  # "Iran's envoy to Russia, Kazem Jalali, said"
        if o.j >= len(toks) or toks[o.j].text not in (",", "(") or end - 1 < first:
            return None
    k = end - 1
    while k >= first and end - k <= 16 and _allowed_left(toks[k]) and not doc.in_name[k]:
        if toks[k].pos == "DET" or toks[k].tag == "PRP$":
            before = toks[k - 1] if k - 1 >= first else None
            if before is None or not (
                (before.pos == "ADP" and before.text.lower() in SPLIT_PREPS)
                or (before.pos == "CCONJ" and before.text.lower() == "and")
            ):
                k -= 1
                break
        k -= 1
    lo = k + 1
    if lo >= end:
        return None
    segs = _segments(doc, lo, end)
    start = None
    for idx in range(len(segs) - 1, -1, -1):
        a, b, conn = segs[idx]
        if _ends_in_role(doc, a, b):
            start = idx
        elif not (_is_complement(doc, a, b) or (idx < len(segs) - 1 and segs[idx + 1][2] is not None
                                                  and toks[segs[idx + 1][2]].pos == "CCONJ")):
            break
    if start is None:
        return None
    a = segs[start][0]
    # inside the first segment, begin at its determiner or the first modifier of the role
    return doc.role(a, end)


def _phrase_after(doc: _Doc, k: int, limit: int = 16) -> int:
    """End token of a noun-phrase-like run starting at k (stops at punctuation, verbs, clauses)."""
    toks = doc.toks
    last = doc.sent_last[toks[k].sentence] if k < len(toks) else k
    m = k
    while m < last and m - k < limit:
        t = toks[m]
        if t.text in STOPS_AFTER or t.pos in ("VERB", "AUX", "PRON", "SCONJ", "SPACE") or doc.in_name[m]:
            break
        if t.pos == "PUNCT" and t.text not in ("-", "\u2013"):
            break
        m += 1
    return m


def _role_after(doc: _Doc, o: _Occ) -> Role | None:
    toks = doc.toks
    if o.j >= len(toks) or toks[o.j].sentence != toks[o.i].sentence and toks[o.j].text not in ("\u2013", "\u2014", "-"):
        return None
    sep = toks[o.j].text
    if sep not in (",", "\u2013", "\u2014", "-", "("):
        return None
    k = o.j + 1
    if k >= len(toks) or toks[k].pos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and toks[k].tag != "PRP$":
        return None
    if toks[k].text.lower() in ("who", "which", "whose"):
        return None
    m = k
    # a dash byline may run to the end of the line, across spaCy's sentence cut
    while m < len(toks) and m - k < 16:
        t = toks[m]
        if t.text in STOPS_AFTER or t.pos in ("VERB", "AUX", "PRON", "SCONJ", "SPACE") or doc.in_name[m]:
            break
        if t.pos == "PUNCT" and t.text != "-":
            break
        if "\n" in t.whitespace:
            m += 1
            break
        m += 1
    if m == k:
        return None
    r = doc.role(k, m)
    return r


def _role_predicate(doc: _Doc, o: _Occ) -> Role | None:
    toks = doc.toks
    head = o.j - 1
    t = toks[head]
    if o.j < len(toks) and toks[o.j].lemma == "be" and toks[o.j].pos == "AUX":
        k = o.j + 1  # "Khomeini was Supreme Leader", whatever the parse says
        end = _phrase_after(doc, k, 20) if k < len(toks) else k
        if end > k:
            r = doc.role(k, end)
            if r is not None:
                return r
    if t.dep not in ("nsubj", "nsubjpass"):
        return None
    verb = toks[t.head]
    if verb.lemma != "be":
        return None
    for c in doc.children(verb.i):
        if toks[c].dep == "attr" and c > head:
            end = _phrase_after(doc, c, 20)
            a = c
            while a - 1 > verb.i and toks[a - 1].pos in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT") and toks[a - 1].text != ",":
                a -= 1
            if a < end:
                return doc.role(a, end)
    return None


# --------------------------------------------------------------------------- descriptions


def _descriptions(doc: _Doc) -> list[Role]:
    toks = doc.toks
    out: list[Role] = []
    n = len(toks)
    k = 0
    while k < n:
        t = toks[k]
        if doc.in_name[k] or doc.in_role[k] or t.text.lower().split("-")[0] not in roles.ROLE_FIRST_WORDS \
                or t.pos not in ("NOUN", "PROPN"):
            k += 1
            continue
        first = doc.sent_first[t.sentence]
        # extend the role word itself ("Foreign Minister", "Supreme Leader")
        m = k
        while m + 1 < doc.sent_last[t.sentence] and toks[m + 1].pos in ("NOUN", "PROPN") and not doc.in_name[m + 1] \
                and roles.has_role_word(doc.span_text(k, m + 2)):
            m += 1
        if not roles.has_role_word(doc.span_text(k, m + 1)) or toks[m].tag in ("NNS", "NNPS") \
                or (m + 1 < n and toks[m + 1].tag == "POS" and False):
            k = m + 1
            continue
        # left modifiers
        a = k
        while a - 1 >= first and not doc.in_name[a - 1] and (
            toks[a - 1].pos in ("ADJ", "PROPN", "NOUN") or toks[a - 1].tag == "POS"
            or toks[a - 1].text in ("'s", "\u2019s")
        ):
            a -= 1
        if a - 1 >= first and (toks[a - 1].pos == "DET" or toks[a - 1].tag == "PRP$"):
            a -= 1
        # right complements: (of|to|in|on|for|at) NP, repeated
        b = m + 1
        while b < doc.sent_last[t.sentence] and toks[b].pos == "ADP" and toks[b].text.lower() in SPLIT_PREPS:
            c = b + 1
            while c < doc.sent_last[t.sentence] and (toks[c].pos in ("DET", "ADJ", "PROPN", "NOUN") or toks[c].tag == "POS") \
                    and not doc.in_name[c]:
                c += 1
            if c == b + 1 or c < doc.sent_last[t.sentence] and doc.in_name[c]:
                break
            b = c
        lead = toks[a].text.lower()
        definite = lead == "the" or toks[a].tag == "PRP$" or any(
            toks[x].tag == "POS" or toks[x].text in ("'s", "\u2019s") for x in range(a, k)
        ) or (a == first and toks[a].text[:1].isupper())
        if lead in INDEFINITE or not definite or (b < n and doc.in_name[b]):
            k = b
            continue
        if b < n and toks[b].tag == "POS":
            pass  # "the Supreme Leader's letter" still names the person
        r = doc.role(a, b)
        if r is not None:
            out.append(r)
        k = b
    return out


# --------------------------------------------------------------------------- coding


def _home_country(doc: _Doc, persons: dict[str, _Person]) -> str | None:
    art = doc.article
    if art.dateline:
        place = re.split(r"[\s(,\-\u2013]", art.dateline.strip(), maxsplit=1)[0]
        entry = codes.lookup(place.title()) or codes.lookup(place)
        if entry and entry.type == "country":
            return entry.code[:3]
    c = codes.outlet_country(art.outlet)
    if c:
        return c
    votes: dict[str, float] = {}
    for h in doc.hits:
        country, _ = codes.split_code(h.code)
        if country:
            votes[country] = votes.get(country, 0) + 1
    for p in persons.values():
        c = p.country()
        if c:
            votes[c] = votes.get(c, 0) + 5
    for e in doc.analysis.entities:  # "in an interview with IRNA", "Jamaran News reported"
        if e.label in ("ORG", "PERSON", "WORK_OF_ART", "GPE", "NORP"):
            c = codes.outlet_country(e.text.removeprefix("the ").removeprefix("The "))
            if c:
                votes[c] = votes.get(c, 0) + 5
    return max(votes, key=lambda c: votes[c]) if votes else None


def _best_role(p: _Person) -> Role | None:
    if not p.roles:
        return None
    order = {id(r): n for n, r in enumerate(p.roles)}
    return max(p.roles, key=lambda r: (r.sector is not None and not r.former, r.country is not None, -order[id(r)]))


def _compatible(p: _Person, r: Role) -> bool:
    if not p.roles and not (p.holder and p.holder_fits):
        return False
    if not (r.classes & p.classes()):
        return False
    pc = p.country()
    return r.country is None or pc is None or r.country == pc


_BIO = re.compile(r"^\s*(?P<name>[^,\u2013\u2014(]+?)\s*(?:,|\u2013|\u2014|-|\(|\bis\b|\bwas\b)\s*(?P<role>.+?)[.)]?\s*$")


def _add_authors(article: Article, persons: dict, actors: dict, home: str | None) -> None:
    """Authors the text never names: a person each, with the role their bio line gives."""
    known = {p.name.split()[-1].lower() for p in persons.values() if p.name.split()}
    lines = [*article.removed_lines, *article.text.splitlines()[-5:]]
    for author in article.authors:
        if not author.split() or author.split()[-1].lower() in known:
            continue
        role_text = None
        for line in lines:
            m = _BIO.match(line)
            if m and m.group("name").strip().lower() == author.lower() and roles.has_role_word(m.group("role")):
                role_text = m.group("role").strip()
                break
        sector = None
        country = home
        if role_text:
            words = roles.find_role_words(role_text)
            best = next((w for w in words if roles.ROLE_WORDS[w[2]].sector), words[0])
            sector = roles.ROLE_WORDS[best[2]].sector
            for word in re.findall(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)*", role_text):
                entry = codes.lookup(word)
                if entry is not None and entry.type == "country":
                    country = entry.code[:3]
                    break
            if any(f in role_text.lower().split() for f in roles.FORMER):
                sector = None
        key = "person:" + _slug(author)
        code = (country + (sector or "")) if country else ""
        actors[key] = Actor(key=key, type="person", name=author, code=code, country=country,
                            sector=sector if country else None, role=role_text or "author")


def _country_actor(code: str) -> Actor:
    country, sector = codes.split_code(code)
    if country:
        name = codes.country_name(country)
        if sector:
            name = f"{name} ({codes.SECTOR_NAMES[sector]})"
        return Actor(key=code, type="country", name=name, code=code, country=country, sector=sector)
    return Actor(key=code, type="org", name=codes.NAMES.get(code, code), code=code)


def extract_actors(article: Article, analysis: Analysis) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    """Actors of one article with every mention of them (names, aliases, titles, descriptions)."""
    doc = _Doc(article, analysis)
    toks = doc.toks
    occs = _find_names(doc)
    for o in occs:
        for finder in (_title_before, _role_after, _role_predicate):
            r = finder(doc, o)
            if r is not None:
                o.roles.append(r)
    # mark role tokens so descriptions do not read them again
    starts = {t.start: t.i for t in toks}
    for o in occs:
        for r in o.roles:
            x = starts.get(r.start)
            while x is not None and x < len(toks) and toks[x].start < r.end:
                doc.in_role[x] = True
                x += 1
    descs = _descriptions(doc)

    persons: dict[str, _Person] = {}
    by_surname: dict[str, str] = {}
    full_names = [o for o in occs if o.kind == "name"]
    for o in full_names:
        canon, h, fits = roles.holder(o.name, article.date)
        key = "person:" + _slug(canon)
        if key not in persons:
            persons[key] = _Person(key=key, name=o.name if h is None else o.name, holder=h, holder_fits=fits)
            by_surname.setdefault(o.name.split()[-1].lower(), key)
        o.key = key
    for o in occs:
        if o.kind != "surname":
            continue
        key = by_surname.get(o.name.lower())
        if key is None:
            canon, h, fits = roles.holder(o.name, article.date)
            key = "person:" + _slug(canon)
            if key not in persons:
                persons[key] = _Person(key=key, name=canon, holder=h, holder_fits=fits)
                by_surname[o.name.lower()] = key
        o.key = key

    # sweep in text order: names take their roles; descriptions resolve or wait
    items: list[tuple[int, int, object]] = [(toks[o.i].start, 0, o) for o in occs] + [(d.start, 1, d) for d in descs]
    items.sort(key=lambda x: (x[0], x[1]))
    pending: list[Role] = []
    desc_key: dict[int, str] = {}
    for _, _, item in items:
        if isinstance(item, _Occ):
            p = persons[item.key]
            sent = toks[item.i].sentence
            if item.roles:
                p.roles.extend(item.roles)
            for d in list(pending):
                if sent - d.sentence > 3:
                    pending.remove(d)
                    continue
                fits = _compatible(p, d) if (item.roles or p.roles) else (
                    d.country is None or p.country() is None or d.country == p.country())
                if fits:
                    p.roles.append(d)
                    desc_key[id(d)] = p.key
                    pending.remove(d)
                    break
            p.last_pos, p.last_sentence = toks[item.i].start, sent
        else:
            d = item
            best: _Person | None = None
            for p in persons.values():
                if p.last_pos < 0 or p.last_pos > d.start:
                    continue
                ok = _compatible(p, d)
                if not ok and not p.roles and d.kind == "expert" and d.sentence - p.last_sentence <= 4:
                    recent = max((q for q in persons.values() if 0 <= q.last_pos < d.start), key=lambda q: q.last_pos)
                    ok = recent is p and (d.country is None or p.country() is None or d.country == p.country())
                if ok and (best is None or p.last_pos > best.last_pos):
                    best = p
            if best is not None:
                best.roles.append(d)
                desc_key[id(d)] = best.key
                best.last_pos, best.last_sentence = d.start, d.sentence
            else:
                pending.append(d)

    home = _home_country(doc, persons)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []

    def mention(key: str, i: int, j: int, kind: str) -> None:
        s, e = toks[i].start, toks[j - 1].end
        mentions.append(Mention(article_id=article.id, actor_key=key, sentence_index=toks[i].sentence,
                                start=s, end=e, text=article.text[s:e], kind=kind, extractor=EXTRACTOR))

    for p in persons.values():
        best = _best_role(p)
        country = p.country()
        sector = None
        role_text = None
        org = None
        if best is not None:
            role_text = best.text
            sector = None if best.former else best.sector
            org = best.org
        if (best is None or best.sector is None) and p.holder is not None and p.holder_fits:
            if best is None or not best.former:
                sector = sector or p.holder.sector
                role_text = role_text or p.holder.role
            org = org or p.holder.org
        if country is None and org is None:
            country = home
        code = (country + (sector or "")) if country else (org or "")
        actors[p.key] = Actor(key=p.key, type="person", name=p.name, code=code, country=country,
                              sector=sector if country else None, role=role_text,
                              affiliation=org)
    _add_authors(article, persons, actors, home)
    for o in occs:
        mention(o.key, o.i, o.j, o.kind)
        if o.kind == "surname" and o.j < len(toks) and toks[o.j].text.lower() in GOV_AFTER_NAME:
            c = actors[o.key].country
            if c:
                code = c + "GOV"
                actors.setdefault(code, _country_actor(code))
                mention(code, o.i, o.j + 1, "alias")
    for d in descs:
        key = desc_key.get(id(d))
        i = starts.get(d.start)
        j = i
        while j is not None and j < len(toks) and toks[j].start < d.end:
            j += 1
        if i is None:
            continue
        words = [w for w in d.text.lower().split() if w not in ("the",)]
        kind = "title" if len(words) <= 2 and not d.country else "description"
        if key is None:
            if d.sector is None or d.former:
                continue  # "the head of ...": too vague to code without a person
            country = d.country or (home if d.org is None else None)
            code = country + ("" if d.former else (d.sector or "")) if country else (d.org or "")
            if not code:
                continue
            actors.setdefault(code, _country_actor(code))
            key = code
        mention(key, i, j, kind)
    # countries and organisations, with sectors from institutions
    used = set()
    for h in doc.hits:
        if any(doc.in_name[k] for k in range(h.i, h.j)):
            continue
        code, i, j = h.code, h.i, h.j
        country, sector = codes.split_code(code)
        if country and sector is None:
            last = doc.sent_last[toks[h.i].sentence]
            k = j + (1 if j < last and (toks[j].tag == "POS" or toks[j].text in ("'s", "\u2019s")) else 0)
            inst = codes.institution_at(toks, k, last)
            if inst is None and k < last and toks[k].pos == "ADJ":
                inst = codes.institution_at(toks, k + 1, last)
            if inst is not None and not roles.has_role_word(toks[inst[0]].text if inst[0] < last else ""):
                code, j = country + inst[1], inst[0]
            elif i >= 2 and toks[i - 1].text.lower() == "of":
                for back in range(max(0, i - 5), i - 1):
                    inst = codes.institution_at(toks, back, i - 1)
                    if inst is not None and inst[0] == i - 1:
                        code, i = country + inst[1], back
                        break
        if (i, j) in used:
            continue
        used.add((i, j))
        actors.setdefault(code, _country_actor(code))
        mention(code, i, j, "name" if h.kind == "name" else "alias")
    mentions.sort(key=lambda m: (m.start, -m.end))
    return tuple(actors.values()), tuple(mentions)
