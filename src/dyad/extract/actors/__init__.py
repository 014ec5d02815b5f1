"""Find and code the actors of an article: countries, organisations and persons.

1. Aliases (``actors.gazetteer``): country names, demonyms, capitals and seats as metonyms,
   institutions ("Iran's Foreign Ministry" -> IRNGOV), organisations ("NATO"); cities and regions
   as places, which are never actors but give a country.
2. Person names (``actors.names``): spaCy PERSON entities, plus names it mislabels; a candidate
   must look like a personal name: not a place, outlet or organisation, not a demonym or adjective
   phrase ("Central Asian"), not the audience of a statement ("told Pars Horizon") without a role.
3. Roles of each name occurrence (``actors.person_roles``, read by ``actors.roles``): a title
   before the name, an apposition (", an expert on ... based in Tbilisi"), a copular predicate.
   "from/in/based in <city>" places the person; "the ministry's spokeswoman" takes the country
   of the ministry named last; "Brel's chief of staff", "Hollis's mother" take the named person's
   country (and, for an office on their staff, their sector); "BBC's X" makes X the outlet's
   journalist. A role's own country and sector always beat the article-level fallback below.
4. Descriptions without a name ("the deputy minister") resolve (``actors.coref``) to the most
   recent person whose role words fit: same class, no contradicting modifier, same country; one
   that comes before any such person waits for the next person introduced by name.
5. Codes: the role's country and sector, else a well-known office holder's, else the country of
   the place the text puts the person in (``actors.scene``: "In Lyon, a shopkeeper said"), else the
   article's home country (dateline, outlet, else the country the article and its headline are
   most about).
   Authors the text never names take their bio line's, outlet's or dateline's country, else none.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from dyad.codes import SECTOR_NAMES, split_code
from dyad.extract import lexicon
from dyad.extract.actors import coref, roles, scene
from dyad.extract.actors import gazetteer as codes
from dyad.extract.actors.coref import Person, best_role
from dyad.extract.actors.doc import GOV_AFTER_NAME, Doc, slug
from dyad.extract.actors.names import find_names
from dyad.extract.actors.person_roles import (
    descriptions,
    role_after,
    role_predicate,
    title_before,
)
from dyad.records import Actor, Analysis, Article, Mention

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

EXTRACTOR = "actors.rules.v1"

# --------------------------------------------------------------------------- coding


def _dateline_country(art: Article) -> str | None:
    if not art.dateline:
        return None
    place = re.split(r"[\s(,\-\u2013]", art.dateline.strip(), maxsplit=1)[0]
    return codes.place_country(place.title()) or codes.place_country(place)


def _home_country(doc: Doc, persons: dict[str, Person], ambiguous_none: bool = False) -> str | None:
    """The article's country; with ``ambiguous_none``, None where two countries tie for it."""
    art = doc.article
    c = _dateline_country(art) or codes.outlet_country(art.outlet)
    if c:
        return c
    votes: dict[str, float] = {}
    for h in doc.hits:
        country, _ = split_code(h.code)
        if country and h.type != "place":
            votes[country] = votes.get(country, 0) + 1
    for words in _TITLE_WORDS.findall(art.title or ""):  # what the headline is about counts thrice
        c = codes.lookup(words)
        if c is not None and c.type == "country":
            votes[c.code[:3]] = votes.get(c.code[:3], 0) + 3
    for p in persons.values():
        c = p.country()
        if c:
            votes[c] = votes.get(c, 0) + 5
    for e in doc.analysis.entities:  # "in an interview with IRNA", "Jamaran News reported"
        if e.label in ("ORG", "PERSON", "WORK_OF_ART", "GPE", "NORP"):
            c = codes.outlet_country(e.text.removeprefix("the ").removeprefix("The "))
            if c:
                votes[c] = votes.get(c, 0) + 5
    if not votes:
        return None
    ranked = sorted(votes.values(), reverse=True)
    top = max(votes, key=lambda c: votes[c])
    return top if (len(ranked) == 1 or ranked[0] > ranked[1] or not ambiguous_none) else None


NATIONAL_TITLES: dict[str, tuple[str, ...]] = {
    r[0]: tuple(r[1].split("|")) for r in lexicon.tsv(Path(__file__).resolve().parent / "data" / "national_titles.tsv")
}
_NATIONAL_TITLE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(NATIONAL_TITLES, key=len, reverse=True)) + r")(?![\w-])"
)


def _country_counts(doc: Doc) -> dict[str, int]:
    """How often the article names each country (names, demonyms, capitals, institutions)."""
    counts: dict[str, int] = {}
    for h in doc.hits:
        country, _ = split_code(h.code)
        if country:
            counts[country] = counts.get(country, 0) + 1
    return counts


def _title_country(role: str | None, mentioned: dict[str, int]) -> str | None:
    """The country of a title held in few countries ("Foreign Secretary", "Taoiseach", "MP"), when
    the article names one of them: the one it names most; None otherwise."""
    if not role:
        return None
    m = _NATIONAL_TITLE.search(role.lower())
    if m is None:
        return None
    found = [c for c in NATIONAL_TITLES[m.group(1)] if mentioned.get(c)]
    return max(found, key=lambda c: mentioned[c]) if found else None


_TITLE_WORDS = re.compile(r"[A-Z][\w-]+(?: [A-Z][\w-]+)*")
_BIO = re.compile(r"^\s*(?P<name>[^,\u2013\u2014(]+?)\s*(?:,|\u2013|\u2014|-|\(|\bis\b|\bwas\b)\s*(?P<role>.+?)[.)]?\s*$")


def _add_authors(article: Article, persons: dict, actors: dict) -> None:
    """Authors the text never names: a person each, with the role their bio line gives.

    Their country is the one their bio line names, else their outlet's (``outlets.tsv``), else the
    dateline's, else unknown: which countries the article talks about most says little about who
    wrote it."""
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
        country = codes.outlet_country(article.outlet) or _dateline_country(article)
        if role_text:
            words = roles.find_role_words(role_text)
            best = next((w for w in words if roles.ROLE_WORDS[w[2]].sector), words[0])
            sector = roles.ROLE_WORDS[best[2]].sector
            for word in re.findall(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)*", role_text):
                c = codes.place_country(word)
                if c:
                    country = c
                    break
            if any(f in role_text.lower().split() for f in roles.FORMER):
                sector = None
        key = "person:" + slug(author)
        code = (country + (sector or "")) if country else ""
        actors[key] = Actor(key=key, type="person", name=author, code=code, country=country,
                            sector=sector if country else None, role=role_text or "author")


def _person_sector(p: Person) -> str | None:
    best = best_role(p)
    if best is not None and best.sector and not best.former:
        return best.sector
    return p.holder.sector if p.holder is not None and p.holder_fits else None


def _owned_roles(persons: dict[str, Person], occs: list) -> None:
    """A role held under a named person ("Brel's Deputy Chief of Staff", "Hollis's mother") takes
    that person's country; an office on their staff also takes their sector (a president's chief
    of staff is in government, not the army); a relative only the country."""
    key_at = {k: o.key for o in occs for k in range(o.i, o.j)}
    for p in persons.values():
        for r in p.roles:
            q = persons.get(key_at.get(r.owner, ""))
            if r.owner is None or q is None or q is p:
                continue
            r.country = r.country or q.country()
            sector = _person_sector(q)
            if r.country and sector and r.cls != "relative" and r.kind == "office" and not r.former:
                r.sector = sector


def _country_actor(code: str) -> Actor:
    country, sector = split_code(code)
    if country:
        name = codes.country_name(country)
        if sector:
            name = f"{name} ({SECTOR_NAMES[sector]})"
        return Actor(key=code, type="country", name=name, code=code, country=country, sector=sector)
    return Actor(key=code, type="org", name=codes.NAMES.get(code, code), code=code)


def _country_mentions(doc: Doc) -> list[tuple[int, int, str, str, str]]:
    """Countries and organisations outside names, with sectors from institutions ("Iran's Foreign
    Ministry", "the army of Iran"): (first token, end token, code, mention kind, institution head word)."""
    toks = doc.toks
    out = []
    used = set()
    for h in doc.hits:
        if h.type == "place" or any(doc.in_name[k] for k in range(h.i, h.j)):
            continue
        code, i, j, head = h.code, h.i, h.j, ""
        country, sector = split_code(code)
        if country and sector is None:
            last = doc.sent_last[toks[h.i].sentence]
            k = j + (1 if j < last and (toks[j].tag == "POS" or toks[j].text in ("'s", "\u2019s")) else 0)
            inst = codes.institution_at(toks, k, last)
            if inst is None and k < last and toks[k].pos == "ADJ":
                inst = codes.institution_at(toks, k + 1, last)
            if inst is not None and not roles.has_role_word(toks[inst[0]].text if inst[0] < last else ""):
                code, j, head = country + inst[1], inst[0], toks[inst[0] - 1].text.lower()
            elif i >= 2 and toks[i - 1].text.lower() == "of":
                for back in range(max(0, i - 5), i - 1):
                    inst = codes.institution_at(toks, back, i - 1)
                    if inst is not None and inst[0] == i - 1:
                        code, i, head = country + inst[1], back, toks[i - 2].text.lower()
                        break
        if h.kind == "demonym" and country:
            code = _residence(doc, h, i, j, code)
        if (i, j) in used:
            continue
        used.add((i, j))
        out.append((i, j, code, "name" if h.kind == "name" else "alias", head))
    return out


_ETHNIC = WORDS["ethnic"]
_SIDES = WORDS["sides"]


def _residence(doc: Doc, h, i: int, j: int, code: str) -> str:
    """A people coded by where it lives: "the Albanians of southern Serbia", "Kurds in Germany" ->
    the country of the place after in/of; "ethnic Albanians" (a minority) -> the other country the
    sentence names, when there is exactly one. Civilians unless an institution says otherwise."""
    toks = doc.toks
    country, sector = split_code(code)
    plural = toks[h.j - 1].tag in ("NNPS", "NNS")
    last = doc.sent_last[toks[h.i].sentence]
    where = None
    if plural and j < last and toks[j].text.lower() in ("in", "of"):
        k = j + 1
        while k < last and (toks[k].text.lower() in _SIDES or toks[k].text.lower() == "the"):
            k += 1
        hit = doc.hit_at[k]
        if hit is not None and hit.type in ("country", "place") and hit.code and hit.kind != "demonym":
            where = hit.code[:3]
    if where is None and h.i > 0 and toks[h.i - 1].text.lower() in _ETHNIC:
        s = toks[h.i].sentence
        found = {x.code[:3] for x in doc.hits if toks[x.i].sentence == s and x.code and x.type in ("country", "place")
                 and x.kind != "demonym" and x.code[:3] != country}
        where = found.pop() if len(found) == 1 else None
    if where is None or where == country:
        return code
    return where + (sector or ("CVL" if plural else ""))


_VAGUE_GROUPS = WORDS["vague_groups"]
_GROUP_PREPS = WORDS["group_preps"]
#: sectors of groups that an ethnic or regional name may qualify ("Shona rebels", "Kurdish demonstrators")
_PEOPLE_SECTORS = {"REB", "CVL", "OPP", "LAB", "REF"}


#: state nouns a writer uses for another side's government, not their own
_PEJORATIVE = frozenset({"regime", "junta"})


def _other_side(doc: Doc, i: int, home: str | None) -> str | None:
    """The one country other than the home country named in the sentence of token ``i`` or the
    three before it; None if none or several."""
    toks = doc.toks
    s = toks[i].sentence
    found = {h.code[:3] for h in doc.hits if h.code and h.type in ("country", "place") and s - 3 <= toks[h.i].sentence <= s
             and h.i < i and split_code(h.code)[0] and h.code[:3] != home}
    return found.pop() if len(found) == 1 else None


def _same_body(mentions: Sequence[Mention], start: int, sentence: int, sector: str, word: str) -> str | None:
    """The country of the last mention before ``start``, within five sentences, of a body of this
    sector named with the same word ("the Parliament of Kestria voted ... the Parliament took
    this action"); a capital standing for a government does not count."""
    named = [m for m in mentions if m.start < start and sentence - m.sentence_index <= 5
             and split_code(m.actor_key)[1] == sector and split_code(m.actor_key)[0]
             and word in m.text.lower().split()]
    return split_code(max(named, key=lambda m: m.start).actor_key)[0] if named else None


def _group_mentions(doc: Doc, home: str | None, covered: list[bool],
                    earlier: Sequence[Mention] = ()) -> list[tuple[int, int, str]]:
    """Groups named without a country: "rebels", "the police", "demonstrators in Baghdad",
    "the government". Their country is a place or country after in/of/from in the same phrase,
    else the article's country when it is unambiguous and the sentence names no other country.
    Returns (first token, end token, code)."""
    toks = doc.toks
    out = []
    others: dict[int, set[str]] = {}
    for h in doc.hits:
        c, _ = split_code(h.code)
        if h.type in ("country", "place") and h.code:
            others.setdefault(toks[h.i].sentence, set()).add(h.code[:3])
    for t in toks:
        low = t.text.lower()
        pair = t.i > 0 and (toks[t.i - 1].text.lower() + " " + low) in codes.INSTITUTIONS
        if covered[t.i] or t.pos not in ("NOUN", "PROPN") or not (low in codes.INSTITUTIONS or pair) \
                or low in _VAGUE_GROUPS:
            continue
        nxt = toks[t.i + 1] if t.i + 1 < len(toks) and toks[t.i + 1].sentence == t.sentence else None
        if t.text[:1].isupper() and t.i != doc.sent_first[t.sentence] and not (
                t.i > 0 and toks[t.i - 1].text.lower() == "the" and (nxt is None or not nxt.text[:1].isupper())):
            continue  # part of a name ("the Government Printing Office"); "the Parliament voted" is none
        kids = doc.children(t.i)
        sector = codes.INSTITUTIONS.get(low) or (
            codes.INSTITUTIONS.get(toks[t.i - 1].text.lower() + " " + low, "") if pair else "")
        if any((toks[k].dep == "poss" or (toks[k].dep in ("compound", "nmod") and toks[k].pos == "PROPN"
                                          and sector not in _PEOPLE_SECTORS))
               and not covered[k] and toks[k].text.lower() + " " + low not in codes.INSTITUTIONS for k in kids):
            continue  # "the party's leaders", "Sindh government": someone else's ("Shona rebels" is fine)
        if any(toks[k].dep in ("compound", "nmod", "poss") and doc.hit_at[k] is not None
               and doc.hit_at[k].type in ("country", "org") and doc.hit_at[k].code for k in kids):
            continue  # "NATO peacekeeping troops": the organisation's, coded with it
        dets = [toks[k].text.lower() for k in kids if toks[k].dep == "det"]
        if t.tag in ("NN", "NNP") and low != "police" and dets != ["the"]:
            continue  # "a government", "government policy"
        if any(d in ("a", "an", "no", "some", "any", "every", "each") for d in dets):
            continue
        i = t.i
        if pair and not covered[i - 1]:
            i -= 1  # "riot police", "opposition groups"
        country = None
        for k in kids:  # "Darfur rebels", "Kirkuk demonstrators": a place before the group noun
            h = doc.hit_at[k]
            if toks[k].dep in ("compound", "nmod") and h is not None and h.type == "place" and h.code:
                country = h.code[:3]
            if toks[k].dep == "prep" and toks[k].text.lower() in _GROUP_PREPS:
                for p in doc.children(k):
                    h = doc.hit_at[p]
                    if toks[p].dep == "pobj" and h is not None and h.type in ("country", "place"):
                        country = h.code[:3]
        sector = codes.INSTITUTIONS[" ".join(x.text.lower() for x in toks[i : t.i + 1])]
        if country is None and low in _PEJORATIVE:
            country = _other_side(doc, t.i, home)  # "the regime" is rarely one's own government
            if country is None:
                continue
        if country is None and dets == ["the"] and sector:
            country = _same_body(earlier, toks[i].start, t.sentence, sector, low)
        if country is None:
            if home is None or others.get(t.sentence, set()) - {home}:
                continue
            country = home
        out.append((i, t.i + 1, country + sector))
    return out


def extract_actors(article: Article, analysis: Analysis) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    """Actors of one article with every mention of them (names, aliases, titles, descriptions)."""
    doc = Doc(article, analysis)
    toks = doc.toks
    occs = find_names(doc)
    doc = doc.marked(names=[(o.i, o.j) for o in occs])
    for o in occs:
        for finder in (title_before, role_after, role_predicate):
            r = finder(doc, o)
            if r is not None:
                o.roles.append(r)
    # mark role tokens so descriptions do not read them again
    starts = {t.start: t.i for t in toks}
    role_spans = []
    for o in occs:
        for r in o.roles:
            x = starts.get(r.start)
            if x is not None:
                y = x
                while y < len(toks) and toks[y].start < r.end:
                    y += 1
                role_spans.append((x, y))
    doc = doc.marked(roles=role_spans)
    descs = descriptions(doc)
    places = _country_mentions(doc)
    institutions = [(toks[i].start, head, code) for i, _, code, _, head in places if head]
    coref.anchor_institutions([r for o in occs for r in o.roles] + descs, institutions)
    persons, desc_key = coref.resolve(doc, occs, descs)
    _owned_roles(persons, occs)

    home = _home_country(doc, persons)
    mentioned = _country_counts(doc)
    scenes = scene.Scenes(doc)
    occs_of: dict[str, list] = {}
    for o in occs:
        occs_of.setdefault(o.key, []).append(o)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []

    def mention(key: str, i: int, j: int, kind: str) -> None:
        s, e = toks[i].start, toks[j - 1].end
        mentions.append(Mention(article_id=article.id, actor_key=key, sentence_index=toks[i].sentence,
                                start=s, end=e, text=article.text[s:e], kind=kind, extractor=EXTRACTOR))

    for p in persons.values():
        best = best_role(p)
        country = p.country()
        sector = None
        role_text = None
        org = None
        if best is not None:
            role_text = best.text
            sector = None if best.former else best.sector
            org = best.org
            curated = p.holder is not None and p.holder_fits and bool(p.holder.role)
            if org and not curated and not any(r.country for r in p.roles):
                country = None  # "U.N. mediator X": the text's organisation, not a derived table's country
        if (best is None or best.sector is None) and p.holder is not None and p.holder_fits:
            if best is None or not best.former:
                sector = sector or p.holder.sector
                role_text = role_text or p.holder.role or None
            org = org or p.holder.org
        if country is None and org is None:
            placed = occs_of.get(p.key, [])
            country = (_title_country(role_text, mentioned) or scene.nationality(doc, placed)
                       or scenes.of_person(placed) or home)
        code = (country + (sector or "")) if country else (org or "")
        actors[p.key] = Actor(key=p.key, type="person", name=p.name, code=code, country=country,
                              sector=sector if country else None, role=role_text,
                              affiliation=org)
    _add_authors(article, persons, actors)
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
            if d.country is None and words and words[-1] in _PEJORATIVE:
                country = _other_side(doc, i, home)  # "the regime" is rarely one's own government
            code = country + ("" if d.former else (d.sector or "")) if country else (d.org or "")
            if not code:
                continue
            actors.setdefault(code, _country_actor(code))
            key = code
        mention(key, i, j, kind)
    for i, j, code, kind, _ in places:
        actors.setdefault(code, _country_actor(code))
        mention(code, i, j, kind)
    covered = [bool(doc.in_name[k] or doc.in_role[k] or doc.hit_at[k]) for k in range(len(toks))]
    for m in mentions:
        x = starts.get(m.start)
        while x is not None and x < len(toks) and toks[x].start < m.end:
            covered[x] = True
            x += 1
    for i, j, code in _group_mentions(doc, _home_country(doc, persons, ambiguous_none=True), covered, mentions):
        actors.setdefault(code, _country_actor(code))
        mention(code, i, j, "description")
    mentions.sort(key=lambda m: (m.start, -m.end))
    return tuple(actors.values()), tuple(mentions)
