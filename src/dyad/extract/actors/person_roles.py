"""Roles of a person's name: a title before it, an apposition after it, a copular predicate;
and descriptions without a name ("the deputy minister", "Tehran's ambassador in Moscow").
"""
from __future__ import annotations

from dyad.extract.actors import gazetteer as codes
from dyad.extract.actors import roles
from dyad.extract.actors.doc import (
    COMPLEMENT_NOUNS,
    INDEFINITE,
    SPLIT_PREPS,
    STOPS_AFTER,
    Doc,
    Occ,
)
from dyad.extract.actors.roles import Role
from dyad.records import Token


def _segments(doc: Doc, lo: int, hi: int) -> list[tuple[int, int, int | None]]:
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


def _is_complement(doc: Doc, a: int, b: int) -> bool:
    words = [doc.toks[k] for k in range(a, b)]
    if any(t.pos not in ("DET", "PROPN", "ADJ", "NOUN", "PART", "PUNCT", "NUM") for t in words):
        return False
    if any(doc.hit_at[k] is not None for k in range(a, b)):
        return True
    low = " ".join(t.text.lower() for t in words)
    if any(t.text.lower() in COMPLEMENT_NOUNS for t in words) or any(w in codes.INSTITUTIONS for w in low.split()):
        return True
    return all(t.pos in ("PROPN", "DET") or t.text[:1].isupper() for t in words)


def _ends_in_role(doc: Doc, a: int, b: int) -> bool:
    """A segment whose head (last word) is a role word: "Iran's envoy", not "the Leader's letter"."""
    phrase = doc.span_text(a, b)
    words = roles.find_role_words(phrase)
    return bool(words) and words[-1][1] >= len(phrase.rstrip(" -")) - 0


def _allowed_left(t: Token) -> bool:
    low = t.text.lower()
    if t.pos in ("PROPN", "NOUN", "ADJ", "NUM") or t.tag == "POS" or low in ("'s", "\u2019s"):
        return True
    if t.tag in ("VB", "VBP") and roles.has_role_word(t.text):
        return True  # a role word parsed as a verb: "responding to lawmaker Hamid ..."
    if low == "based" and t.tag == "VBN":
        return True  # "the Kazan-based researcher"
    if t.tag in ("VBG", "VBN") and t.dep == "amod":
        return True  # "Jordan's visiting King Abdullah", "the newly elected president"
    if t.pos == "ADP" and low in SPLIT_PREPS:
        return True
    if t.pos == "CCONJ" and low == "and":
        return True
    if t.text == "-" and not t.whitespace:
        return True
    return t.pos == "DET" or t.tag == "PRP$"


def title_before(doc: Doc, o: Occ) -> Role | None:
    toks = doc.toks
    first = doc.sent_first[toks[o.i].sentence]
    end = o.i
    if end - 1 >= first and toks[end - 1].text == ",":
        end -= 1  # "Chile's envoy to Peru, Ana Brel, said"
        closed = o.j < len(toks) and (toks[o.j].text in (",", "(") or (
            toks[o.j].text in (".", ";") and o.j + 1 >= doc.sent_last[toks[o.j].sentence]))
        head = doc.name_head(o)
        # "killed the Chilean general, Ana Brel at ...": the parse sets the name in apposition
        closed = closed or (toks[head].dep == "appos" and toks[head].head == end - 1)
        if not closed or end - 1 < first:  # "... with his Russian counterpart, Arkady Voronikhin."
            return None
    if end - 1 >= first and toks[end - 1].pos == "CCONJ":
        return None  # "a Hezbollah official and Mohammed Reda": the title is another person's
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
    owner = None
    if lo < end and lo - 1 >= first and doc.in_name[lo - 1] and _possessive(toks[lo]):
        owner, lo = lo - 1, lo + 1  # "Brel's Deputy Chief of Staff": the role of Brel's staff
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
        return _outlet_before(doc, lo, end)
    a = segs[start][0]
    # inside the first segment, begin at its determiner or the first modifier of the role
    r = doc.role(a, end)
    if r is not None and owner is not None and a == lo:
        r.owner = owner
    elif r is not None:
        r.owner = pronoun_owner(doc, a, r)
    return r


def pronoun_owner(doc: Doc, a: int, r: Role) -> int | None:
    """The person a relative's possessive pronoun points to ("X and his daughter Y", "her
    husband"): the last token of the nearest name before the role, in its sentence or the one
    before; None for any other role or where no name comes before."""
    toks = doc.toks
    if r.cls != "relative" or toks[a].tag != "PRP$":
        return None
    s = toks[a].sentence
    k = a - 1
    while k >= 0 and toks[k].sentence >= s - 1:
        if doc.in_name[k]:
            return k
        k -= 1
    return None


def _possessive(t: Token) -> bool:
    return t.tag == "POS" or t.text in ("'s", "\u2019s", "'", "\u2019")


def _outlet_before(doc: Doc, lo: int, end: int) -> Role | None:
    """ "BBC's Jonathan Marcus", "CBS News' Elizabeth Palmer": the outlet is the role."""
    toks = doc.toks
    if end - lo < 2 or not _possessive(toks[end - 1]):
        return None
    a = lo + 1 if toks[lo].text.lower() == "the" else lo
    return roles.outlet_role(doc.text, toks, a, end - 1) if a < end - 1 else None


def phrase_after(doc: Doc, k: int, limit: int = 16) -> int:
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


def based_in(doc: Doc, m: int) -> bool:
    """ "based in" / "based at" at token m, inside one sentence."""
    toks = doc.toks
    return (toks[m].text.lower() == "based" and m + 2 < len(toks) and toks[m + 1].text.lower() in ("in", "at")
            and toks[m + 2].sentence == toks[m].sentence)


def role_after(doc: Doc, o: Occ) -> Role | None:
    toks = doc.toks
    if o.j >= len(toks) or toks[o.j].sentence != toks[o.i].sentence and toks[o.j].text not in ("\u2013", "\u2014", "-"):
        return None
    sep = toks[o.j].text
    if sep not in (",", "\u2013", "\u2014", "-", "("):
        return None
    k = o.j + 1
    past = False
    if k + 2 < len(toks) and toks[k].text.lower() == "who" and toks[k + 1].lemma == "be" \
            and toks[k + 2].pos in ("DET", "ADJ", "NOUN", "PROPN") and sep == ",":
        # "X, who is a senior adviser to ...": the role of a relative clause with "be";
        # "who was" gives a role held before
        past = toks[k + 1].tag == "VBD"
        k += 2
    if k >= len(toks) or toks[k].pos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and toks[k].tag != "PRP$":
        return None
    if toks[k].text.lower() in ("who", "which", "whose"):
        return None
    m = k
    owner = None
    # a dash byline may run to the end of the line, across spaCy's sentence cut
    while m < len(toks) and m - k < 20:
        t = toks[m]
        if doc.in_name[m] and m == k:
            n = m
            while n < len(toks) and doc.in_name[n]:
                n += 1
            if n < len(toks) and (toks[n].tag == "POS" or toks[n].text in ("'s", "\u2019s")):
                owner, m, k = n - 1, n + 1, n + 1  # "X, who was Brel's chief of staff": Brel's staff
                continue
        if based_in(doc, m):
            m += 2  # "an expert on Caucasus affairs based in Tbilisi"
            continue
        if t.tag in ("VBG", "VBN") and t.dep == "amod" and m > k:
            m += 1  # "the acting Prime Minister", "the newly appointed envoy"
            continue
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
    if r is not None and past:
        r.former = True
    if r is not None and owner is not None:
        r.owner = owner
    elif r is not None:
        r.owner = pronoun_owner(doc, k, r)  # "Y, his daughter"
    return r


def role_predicate(doc: Doc, o: Occ) -> Role | None:
    toks = doc.toks
    head = o.j - 1
    t = toks[head]
    if o.j < len(toks) and toks[o.j].lemma == "be" and toks[o.j].pos == "AUX":
        k = o.j + 1  # "Khomeini was Supreme Leader", whatever the parse says
        end = phrase_after(doc, k, 20) if k < len(toks) else k
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
            end = phrase_after(doc, c, 20)
            a = c
            while a - 1 > verb.i and toks[a - 1].pos in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT") and toks[a - 1].text != ",":
                a -= 1
            if a < end:
                return doc.role(a, end)
    return None


# --------------------------------------------------------------------------- descriptions


def descriptions(doc: Doc) -> list[Role]:
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
        placed = a - 1 >= first and toks[a - 1].text.lower() == "at"  # "at the head of a delegation"
        if lead in INDEFINITE or not definite or placed or (b < n and doc.in_name[b]):
            k = b
            continue
        if b < n and toks[b].tag == "POS":
            pass  # "the Supreme Leader's letter" still names the person
        r = doc.role(a, b)
        if r is not None:
            out.append(r)
        k = b
    return out
