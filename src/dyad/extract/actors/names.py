"""Person names: spaCy PERSON entities, plus names it mislabels (a NORP "Ana Brel", a
capitalised run after a title or before an apposition), with honorifics stripped; surnames of
names already found.
"""
from __future__ import annotations

from pathlib import Path

from dyad.extract import lexicon
from dyad.extract.actors import gazetteer as codes
from dyad.extract.actors import roles, scene
from dyad.extract.actors.doc import (
    HONORIFICS,
    ORG_WORDS,
    PERSON_VERBS,
    REGION_WORDS,
    Doc,
    Occ,
    is_name_token,
    surname_forms,
)
from dyad.extract.actors.person_roles import role_after, role_predicate, title_before

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

REPORT_VERBS = WORDS["report_verbs"]


def clean_name(doc: Doc, i: int, j: int) -> tuple[int, int, list[int]] | None:
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
        if not is_name_token(t) or t.text.lower() in ORG_WORDS:
            return None
    h = doc.hit_at[i]
    if h is not None and (h.kind == "demonym" or (h.i <= i and h.j >= j)):
        return None  # a place, a country, a demonym ("Tabriz", "Kazakh")
    if any(doc.hit_at[k] is not None and doc.hit_at[k].kind == "demonym" for k in range(i, j)):
        return None
    last = toks[j - 1]
    if last.tag in ("JJ", "JJR", "JJS") or all(toks[k].text.lower() in REGION_WORDS for k in range(i, j)) \
            or last.text.lower() in REGION_WORDS:
        return None  # an adjective phrase: "Central Asian", "Western"
    span = doc.span_text(i, j)
    if roles.has_role_word(span) or codes.is_outlet(span):
        return None
    return i, j, lead


def words_in(doc: Doc, i: int, j: int) -> int:
    """Words of a name as written: "Rezvani-Nejad" is one, "Hamid Rezvani-Nejad" two."""
    return len(doc.span_text(i, j).split())


def reported_to(doc: Doc, i: int, j: int) -> bool:
    """The name is the audience of a statement: "told Pars Horizon", "said to X", "in an interview with X"."""
    toks = doc.toks
    last = toks[j - 1]
    head = toks[last.head]
    if last.dep in ("dobj", "dative") and head.lemma == "tell":
        return True
    if last.dep == "pobj" and head.text.lower() in ("to", "with") and head.head != head.i:
        return toks[head.head].lemma in REPORT_VERBS
    return False


def has_role(doc: Doc, o: Occ) -> bool:
    return any(f(doc, o) is not None for f in (title_before, role_after, role_predicate))


def person_like(doc: Doc, o: Occ) -> bool:
    """A capitalised run that the text treats as a person: it has a role, or it speaks or meets."""
    last = doc.toks[o.j - 1]
    if last.dep in ("nsubj", "nsubjpass") and doc.toks[last.head].lemma in PERSON_VERBS:
        return True
    return has_role(doc, o) or scene.aged(doc, o)


def find_names(doc: Doc) -> list[Occ]:
    toks = doc.toks
    occs: list[Occ] = []
    taken = [False] * len(toks)

    def add(i: int, j: int, kind: str = "name") -> None:
        if any(taken[k] for k in range(i, j)):
            return
        for k in range(i, j):
            taken[k] = True
        occs.append(Occ(i, j, doc.span_text(i, j), kind))

    singles: list[tuple[int, int, str]] = []
    for e in doc.analysis.entities:
        cleaned = clean_name(doc, e.token_start, e.token_end)
        if cleaned is None:
            continue
        i, j, _ = cleaned
        multi = words_in(doc, i, j) >= 2
        known = roles.holder(doc.span_text(i, j), None)[1] is not None
        probe = Occ(i, j, doc.span_text(i, j), "name")
        if e.label == "PERSON":
            if multi and (known or not reported_to(doc, i, j) or has_role(doc, probe)):
                add(i, j)
            elif not multi:
                singles.append((i, j, e.label))
        elif e.label in ("NORP", "ORG", "GPE", "FAC", "WORK_OF_ART") and multi:
            prev = toks[i - 1] if i > 0 else None
            after_title = prev is not None and roles.has_role_word(prev.text)
            if after_title or known or (not reported_to(doc, i, j) and person_like(doc, probe)):
                add(i, j)
        else:
            singles.append((i, j, e.label))
    # a capitalised run right after a role word ("... envoy to Peru Ana Brel")
    for t in toks:
        if taken[t.i] or not roles.has_role_word(t.text) or t.i + 1 >= len(toks):
            continue
        k = t.i + 1
        while k < len(toks) and toks[k].pos == "PROPN" and is_name_token(toks[k]) and not taken[k] \
                and toks[k].sentence == t.sentence:
            k += 1
        if k - (t.i + 1) >= 2:
            cleaned = clean_name(doc, t.i + 1, k)
            if cleaned:
                add(cleaned[0], cleaned[1])
    def loose(x: int) -> bool:  # untagged, or a one-word entity spaCy got wrong
        tag = toks[x].ent_type
        if not tag:
            return True
        if tag not in ("ORG", "PERSON", "NORP") or toks[x].ent_iob != "B":
            return False
        return x + 1 >= len(toks) or toks[x + 1].ent_iob != "I"

    # an untagged capitalised run introduced by its role ("X Y is Director of ...", "X Y, an expert")
    k = 0
    while k < len(toks):
        t = toks[k]
        if taken[k] or t.pos != "PROPN" or not loose(k):
            k += 1
            continue
        m = k
        while m < len(toks) and toks[m].pos == "PROPN" and loose(m) and not taken[m] \
                and toks[m].sentence == t.sentence and is_name_token(toks[m]):
            m += 1
        if 2 <= m - k <= 5:
            cleaned = clean_name(doc, k, m)
            if cleaned and words_in(doc, cleaned[0], cleaned[1]) >= 2 and not any(doc.hit_at[x] for x in range(k, m)):
                probe = Occ(cleaned[0], cleaned[1], doc.span_text(cleaned[0], cleaned[1]), "name")
                if person_like(doc, probe) and not (reported_to(doc, *cleaned[:2]) and not has_role(doc, probe)):
                    add(cleaned[0], cleaned[1])
        k = max(m, k + 1)
    # surnames: single tokens that end a full name already found, or a well-known name
    surnames = {}
    for o in occs:
        for form in surname_forms(o.name):
            surnames.setdefault(form, o.name)
    for i, j, label in singles:
        word = doc.span_text(i, j)
        if _after_relative(doc, i) and toks[i].pos == "PROPN" and label != "DATE":
            add(i, j, "name")  # "his daughter Yulia": a first name, whatever spaCy's label
            continue
        # a lone word tagged PERSON must act like one, or be a known office holder ("Covid vaccine")
        if word.lower() in surnames or (label == "PERSON" and toks[i].pos == "PROPN" and (
                person_like(doc, Occ(i, j, word, "surname")) or roles.holder(word, None)[1] is not None)):
            add(i, j, "surname")
    for t in toks:
        # a surname the tagger took for a common noun counts too ("Rask thanked ...")
        if not taken[t.i] and t.pos in ("PROPN", "NOUN") and t.text.lower() in surnames and t.text[0].isupper():
            add(t.i, t.i + 1, "surname")
    _hyphenated_surnames(toks, surnames, taken, add)
    occs.sort(key=lambda o: o.i)
    return occs


def _after_relative(doc: Doc, i: int) -> bool:
    """A word right after a possessive and a relative ("his daughter", "Brel's wife")."""
    toks = doc.toks
    if i < 2 or toks[i - 1].sentence != toks[i].sentence:
        return False
    words = roles.find_role_words(toks[i - 1].text.lower())
    if not words or roles.ROLE_WORDS[words[-1][2]].cls != "relative":
        return False
    before = toks[i - 2]
    return before.tag == "PRP$" or before.tag == "POS" or before.text in ("'s", "\u2019s")


def _hyphenated_surnames(toks, surnames: dict[str, str], taken, add) -> None:
    """Surnames the tokenizer splits ("Ansari-Rad" -> "Ansari", "-", "Rad"): a run of tokens
    with no space between them whose text is the last word of a name already found."""
    multi = {name for name in surnames if "-" in name}
    if not multi:
        return
    for t in toks:
        if taken[t.i] or not t.text[:1].isupper():
            continue
        text, j = t.text, t.i
        while j + 1 < len(toks) and toks[j].whitespace == "" and toks[j].sentence == t.sentence and j - t.i < 4:
            j += 1
            text += toks[j].text
            if text.lower() in multi and not any(taken[k] for k in range(t.i, j + 1)):
                add(t.i, j + 1, "surname")
                break
