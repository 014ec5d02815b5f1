"""Anaphora for ``extract.events``: the actor that a pronoun or a definite description stands for,
when the actor stage left it without a mention.

- "he", "she", "it", "they" (and their possessive and object forms): the subject of a clause
  that holds the pronoun ("Norland said it would ..."), else the subject of the main clause of
  the sentence before ("Brel met Ferrer. He accused ..."), skipping sentences that are wholly
  quoted speech; the subject must agree ("it" a state or organisation, "they" a plural or a
  group, "he" a person), and a subject that agrees but names no actor ("officials said they")
  ends the search with nothing. A third-person pronoun inside a quote never takes its speaker.
  "he" / "she" with no subject to take falls back to the last person named before it.
- "we", "our", "us", "I" inside quotation marks: the speaker of the quote, from the reporting
  verb it hangs on ("'We warn ...,' the spokesman said") or that attributes the quote in the
  sentence where it opens or closes; a speaker is coded by the organisation they speak for.
- "the country", "the group", "the alliance", "the bloc" ...: the last actor of that kind named
  in the sentence or the three before; "the member states" the organisation named last; "the
  ministry", "the foreign ministry", "the government": the latest actor whose name holds those words.

Written for Dyad: general rules of English reference, not fitted to any one text.
"""
from __future__ import annotations

from collections.abc import Callable

from dyad.codes import country_of, is_country
from dyad.records import Mention

PERSON = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING = frozenset({"it", "its", "itself"})
GROUP = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST = frozenset({"we", "us", "our", "ours", "ourselves", "i", "me", "my", "mine", "myself"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj", "nsubjpass"})
REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself"})
#: verbs that attribute a quotation to its speaker ("... ," the envoy said / told / added)
SAY_VERBS = frozenset({
    "say", "tell", "add", "announce", "state", "declare", "claim", "insist", "reiterate", "conclude",
    "stress", "emphasize", "emphasise", "warn", "note", "write", "argue", "explain", "continue",
    "yell", "shout", "reply", "respond", "ask", "tweet", "post", "remark", "comment", "vow",
    "exemplify", "recall", "admit", "acknowledge", "urge", "assert", "affirm", "quip", "thunder",
})
#: definite descriptions: head noun -> the kind of actor it takes up
COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic", "emirate"})
GROUP_NOUNS = frozenset({"group", "militia", "movement", "organisation", "organization", "faction",
                         "insurgency", "outfit"})
BLOC_NOUNS = frozenset({"alliance", "bloc", "union", "coalition", "organisation", "organization",
                        "body", "league", "community"})
MEMBER_NOUNS = frozenset({"state", "nation", "country", "government"})
#: person nouns of "the two leaders", "both ministers": the persons named, not the states
PERSON_PAIR_NOUNS = frozenset({"leader", "president", "minister", "counterpart", "premier"})
#: bodies of a state or an organisation taken up again by "the ministry", "the foreign ministry"
INSTITUTION_NOUNS = frozenset({"ministry", "government", "administration", "cabinet", "regime", "army",
                               "military", "parliament", "embassy", "presidency", "legislature", "navy",
                               "secretariat", "commission", "council"})
#: words in the name of an organisation of states ("North Atlantic Treaty Organization")
BLOC_NAME_WORDS = frozenset({"organization", "organisation", "union", "nations", "alliance", "council",
                             "community", "league", "bloc", "treaty", "cooperation", "assembly",
                             "agency", "commission", "bank", "fund", "forum", "association"})

Resolver = Callable[[int], list[Mention]]


def quoted(ctx) -> list[bool]:
    """Per token: inside quotation marks (the marks themselves are outside). A paragraph break
    ends any quote left open."""
    got = ctx.cache.get("quoted")
    if got is not None:
        return got
    toks, text = ctx.toks, ctx.article.text
    out = [False] * len(toks)
    inside, prev_end = False, 0
    for t in toks:
        if "\n" in text[prev_end:t.start] or "\n" in t.text:
            inside = False
        prev_end = t.end
        if t.tag == "``" or t.text in ("\u201c", "\u00ab", "\u201e"):
            inside = True
        elif t.tag == "''" or t.text in ("\u201d", "\u00bb"):
            inside = False
        else:
            out[t.i] = inside
    ctx.cache["quoted"] = out
    return out


def sentence_tokens(ctx, s: int) -> range:
    """The token indices of sentence ``s``."""
    spans = ctx.cache.get("sentence_tokens")
    if spans is None:
        spans = {}
        for t in ctx.toks:
            lo, _ = spans.get(t.sentence, (t.i, t.i))
            spans[t.sentence] = (lo, t.i + 1)
        ctx.cache["sentence_tokens"] = spans
    return range(*spans.get(s, (0, 0)))


def kind(word: str) -> str | None:
    low = word.lower()
    if low in PERSON:
        return "person"
    if low in THING:
        return "thing"
    if low in GROUP:
        return "group"
    if low in FIRST:
        return "first"
    return None


def pronoun(ctx, p: int, resolve: Resolver) -> list[Mention]:
    """The actor mentions that the pronoun at token ``p`` refers to; [] when none is clear."""
    busy = ctx.cache.setdefault("anaphora_busy", set())
    if p in busy or len(busy) > 6:
        return []
    busy.add(p)
    try:
        found = _pronoun(ctx, p, resolve)
    finally:
        busy.discard(p)
    t = ctx.toks[p]
    return [Mention(article_id=m.article_id, actor_key=m.actor_key, sentence_index=t.sentence, start=t.start,
                    end=t.end, text=t.text, kind="pronoun", extractor="events.anaphora") for m in found]


def _pronoun(ctx, p: int, resolve: Resolver) -> list[Mention]:
    t = ctx.toks[p]
    cls = kind(t.text)
    if cls is None or t.text.lower() in REFLEXIVE:
        return []  # "distanced himself": the doer again, never a second party
    q = quoted(ctx)
    if cls == "first":
        return [m for m in speaker(ctx, p, resolve) if _speaks_for(ctx.actor[m.actor_key])] if q[p] else []
    got = _climb(ctx, p, cls, resolve)
    if got is not None:
        return got
    subject = t.dep in ("nsubj", "nsubjpass") or (t.dep == "poss" and ctx.toks[t.head].dep in ("nsubj", "nsubjpass"))
    if not subject:
        # "sanctions on Norland for its raids", "labelled Brel a traitor and sanctioned him": the
        # nearest agreeing actor named before it in its sentence
        got = _named_before(ctx, p, cls, resolve)
        if got is not None or cls != "person":
            return got or []
    return _discourse(ctx, p, cls, resolve)


def _speaks_for(actor) -> bool:
    """Whether "we" in this actor's mouth is an institution: a state, an organisation, or a person
    with a sector ("the militia's spokesman"), not a private person ("we as a family")."""
    return actor.type != "person" or (bool(actor.code) and not is_country(actor.code))


def _named_before(ctx, p: int, cls: str, resolve: Resolver) -> list[Mention] | None:
    """The nearest actor named before the pronoun in its sentence that agrees with it; an object
    pronoun never takes the subject of its own verb ("Norland told them")."""
    toks = ctx.toks
    own = set()
    if toks[p].dep in OBJECT_DEPS:
        cur = p
        while toks[cur].head != cur and toks[cur].pos not in ("VERB", "AUX"):
            cur = toks[cur].head
        own = {k for s in ctx.child(cur, "nsubj") for k in _subtree(ctx, s)}
    seen: set[int] = set()
    first = min((t.i for t in toks[max(0, p - 80):p] if t.sentence == toks[p].sentence), default=p)
    for j in range(p - 1, first - 1, -1):
        m = ctx.mention_at[j]
        if m is None:
            if _rival(ctx, j, cls):
                return None  # "retook a village ... after fighting with rebels who overran it"
            continue
        k = ctx.start_index.get(m.start, j)
        if k in own or any(x in own for x in range(k, j + 1)):
            continue
        while toks[k].dep in ("compound", "amod", "nmod") and toks[k].head != k and ctx.mention_at[toks[k].head] is m:
            k = toks[k].head
        while toks[k].dep == "conj" and toks[k].head != k:
            k = toks[k].head
        if k in seen or _contains(ctx, k, p):
            continue
        seen.add(k)
        verdict = _candidate(ctx, k, cls, resolve)
        if verdict:
            return verdict
    return None


def _rival(ctx, j: int, cls: str) -> bool:
    """A noun at ``j``, named by no actor, that the pronoun could as well stand for: a singular
    common noun for "it", a plural one for "they", a person's name for "he"."""
    t = ctx.toks[j]
    if t.dep in ("compound", "amod", "poss") or t.ent_type in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY"):
        return False
    if cls == "thing":
        return t.tag == "NN"
    if cls == "group":
        return t.tag == "NNS"
    return t.ent_type == "PERSON"


def _subtree(ctx, h: int) -> list[int]:
    out, stack = [], [h]
    while stack and len(out) < 60:
        x = stack.pop()
        out.append(x)
        stack += ctx.kids[x]
    return out


def _contains(ctx, s: int, p: int) -> bool:
    cur, hops = p, 0
    while hops < 30:
        if cur == s:
            return True
        if ctx.toks[cur].head == cur:
            return False
        cur, hops = ctx.toks[cur].head, hops + 1
    return False


def _climb(ctx, p: int, cls: str, resolve: Resolver) -> list[Mention] | None:
    """The subject of a clause above the pronoun that agrees with it, in its own sentence."""
    toks = ctx.toks
    q = quoted(ctx)
    t = toks[p]
    skip_own = t.dep in OBJECT_DEPS and t.text.lower() not in REFLEXIVE  # "X told him": not X
    cur, first, hops = p, True, 0
    while toks[cur].head != cur and hops < 12:
        cur, hops = toks[cur].head, hops + 1
        if toks[cur].pos not in ("VERB", "AUX"):
            continue
        if q[p] and not q[cur]:
            return None  # "'He lied,' the envoy said": the speaker is not "he"
        own, first = first, False
        if own and skip_own:
            continue
        for s in ctx.child(cur, "nsubj"):
            if _contains(ctx, s, p):
                continue
            verdict = _candidate(ctx, s, cls, resolve)
            if verdict is not None:
                return verdict
    return None


def _candidate(ctx, s: int, cls: str, resolve: Resolver) -> list[Mention] | None:
    """Mentions of subject ``s`` when it agrees with a pronoun of class ``cls``; [] when it
    agrees but names no actor (the search ends); None when it does not agree."""
    toks = ctx.toks
    t = toks[s]
    if t.pos == "PRON":
        if kind(t.text) != cls:
            return None
        return pronoun(ctx, s, resolve) or None
    found = resolve(s)
    plural = t.tag in ("NNS", "NNPS") or bool(ctx.child(s, "conj"))
    types = {ctx.actor[m.actor_key].type for m in found}
    if cls == "person":
        # a person, or a title that names an office ("the Chilean president": CHLGOV)
        role = t.pos == "NOUN" and t.tag == "NN" and all(m.kind in ("title", "description") for m in found)
        if found:
            return found if types == {"person"} or role else None
        return [] if t.ent_type == "PERSON" else None
    if cls == "thing":
        if found:
            return found if "person" not in types and not (plural and t.pos != "PROPN") else None
        return [] if t.pos in ("NOUN", "PROPN") and not plural and t.ent_type not in ("PERSON",) else None
    # "they": a plural, a list, or a group
    if found:
        keys = {m.actor_key for m in found}
        return found if plural or len(keys) >= 2 or types == {"org"} else None
    return [] if plural and t.pos in ("NOUN", "PROPN") else None


def _narrative_before(ctx, p: int, wanted: int, skip_quoted: bool) -> list[int]:
    """Up to ``wanted`` sentences before the pronoun's, nearest first; sentences that are wholly
    quoted speech are passed over (at most eight) when ``skip_quoted``."""
    q = quoted(ctx)
    out, s, passed = [], ctx.toks[p].sentence - 1, 0
    while s >= 0 and len(out) < wanted:
        words = [k for k in sentence_tokens(ctx, s) if ctx.toks[k].pos not in ("PUNCT", "SPACE")]
        if skip_quoted and words and all(q[k] for k in words) and passed < 8:
            passed += 1
        elif words:
            out.append(s)
        s -= 1
    return out


def _main_subjects(ctx, s: int) -> list[int]:
    """Subjects of the main verbs of sentence ``s`` (its root and the verbs joined to it)."""
    toks = ctx.toks
    roots = [k for k in sentence_tokens(ctx, s) if toks[k].head == k]
    verbs = roots + [k for r in roots for k in ctx.child(r, "conj") if toks[k].pos in ("VERB", "AUX")]
    return [k for v in verbs for k in ctx.child(v, "nsubj")]


def _discourse(ctx, p: int, cls: str, resolve: Resolver) -> list[Mention]:
    """The subject of the main clause of the sentence before (wholly quoted ones passed over),
    else, for "he" / "she", the last person named."""
    q = quoted(ctx)
    for s in _narrative_before(ctx, p, 1, not q[p]):
        for k in _main_subjects(ctx, s):
            verdict = _candidate(ctx, k, cls, resolve)
            if verdict is not None:
                return verdict
    if cls == "person":
        return person_named_before(ctx, p)
    return []


def person_named_before(ctx, p: int) -> list[Mention]:
    """The last coded person named before token ``p``, in its sentence or the two before (wholly
    quoted sentences passed over when ``p`` is not quoted)."""
    sents = _narrative_before(ctx, p, 2, not quoted(ctx)[p])
    first = ctx.sents[min(sents)].start if sents else ctx.sents[ctx.toks[p].sentence].start
    for m in reversed([m for m in ctx.mentions if first <= m.start < ctx.toks[p].start]):
        a = ctx.actor.get(m.actor_key)
        if a is not None and a.type == "person" and a.code:
            return [m]
    return []


# --------------------------------------------------------------------------- quotes


def speaker(ctx, p: int, resolve: Resolver) -> list[Mention]:
    """The speaker of the quote that holds token ``p``: the subject of the reporting verb the
    quoted clause hangs on, else of a reporting verb outside the quote in the sentence where the
    quote opens or closes."""
    toks = ctx.toks
    q = quoted(ctx)
    cur, hops = p, 0
    while toks[cur].head != cur and hops < 12:
        cur, hops = toks[cur].head, hops + 1
        if not q[cur] and toks[cur].pos == "VERB" and toks[cur].lemma.lower() in SAY_VERBS:
            return _speaker_of(ctx, cur, resolve)
    lo = p
    while lo > 0 and q[lo - 1]:
        lo -= 1
    hi = p
    while hi + 1 < len(toks) and q[hi + 1]:
        hi += 1
    for s in dict.fromkeys([toks[lo].sentence, toks[min(hi + 1, len(toks) - 1)].sentence]):
        for k in sentence_tokens(ctx, s):
            if not q[k] and toks[k].pos == "VERB" and toks[k].lemma.lower() in SAY_VERBS:
                got = _speaker_of(ctx, k, resolve)
                if got:
                    return got
    return []


def _speaker_of(ctx, v: int, resolve: Resolver) -> list[Mention]:
    subj = ctx.child(v, "nsubj")
    if not subj:
        return []
    s = subj[0]
    found = resolve(s)
    if not found and ctx.toks[s].pos == "PROPN":
        found = _spelled_like(ctx, s)
    return found


def _spelled_like(ctx, s: int) -> list[Mention]:
    """A speaker's surname that the text spells two ways ("Sarea" ... "Saree"): the person named
    in the three sentences before whose last name differs from it in the last letter only."""
    word = ctx.toks[s].text
    if len(word) < 5:
        return []
    first = ctx.sents[max(0, ctx.toks[s].sentence - 3)].start
    for m in reversed([m for m in ctx.mentions if first <= m.start < ctx.toks[s].start]):
        a = ctx.actor.get(m.actor_key)
        last = m.text.split()[-1] if m.text.split() else ""
        if a is not None and a.type == "person" and a.code and len(last) == len(word) \
                and last[:-1] == word[:-1] and last != word:
            return [m]
    return []


# --------------------------------------------------------------------------- descriptions


def description(ctx, h: int) -> list[Mention]:
    """"the country", "the group", "the alliance", "the member states" at token ``h``: the last
    actor of that kind named before it in its sentence or the three before; [] otherwise."""
    toks = ctx.toks
    t = toks[h]
    if t.pos != "NOUN" or ctx.mention_at[h] is not None:
        return []
    # (the parser may hang "the" on a compound: "the member states")
    dets = [k for c in [h, *[c for c in ctx.kids[h] if toks[c].dep == "compound"]] for k in ctx.kids[c]
            if toks[k].dep in ("det", "poss")]
    if not any(toks[k].text.lower() in ("the", "this", "that") for k in dets):
        return []
    low = t.lemma.lower()
    mods = [k for k in ctx.kids[h] if toks[k].dep in ("compound", "amod", "nmod", "nummod", "poss")]
    if low in INSTITUTION_NOUNS and t.tag == "NN":
        return _institution(ctx, h, mods)
    member = any(toks[k].lemma.lower() == "member" for k in mods) and low in MEMBER_NOUNS and t.tag == "NNS"
    if member:
        want = "bloc"
    elif mods or t.tag != "NN":
        return []  # "the Western country", "the countries": not one actor taken up again
    elif low in COUNTRY_NOUNS:
        want = "country"
    elif low in BLOC_NOUNS and low in GROUP_NOUNS:
        want = "org"
    elif low in BLOC_NOUNS:
        want = "bloc"
    elif low in GROUP_NOUNS:
        want = "group"
    else:
        return []
    first = ctx.sents[max(0, t.sentence - 3)].start
    for m in reversed([m for m in ctx.mentions if first <= m.start < t.start]):
        a = ctx.actor.get(m.actor_key)
        if a is None or not a.code:
            continue
        bloc = a.type == "org" and bool(set(a.name.lower().split()) & BLOC_NAME_WORDS)
        if (want == "country" and a.type == "country" and is_country(a.code)) \
                or (want == "org" and a.type == "org") or (want == "bloc" and bloc) \
                or (want == "group" and a.type == "org" and not bloc):
            return [Mention(article_id=m.article_id, actor_key=m.actor_key, sentence_index=t.sentence,
                            start=m.start, end=m.end, text=m.text, kind="description",
                            extractor="events.anaphora")]
    return []


def _institution(ctx, h: int, mods: list[int]) -> list[Mention]:
    """"the ministry", "the foreign ministry", "the government" at token ``h``: the latest coded
    actor before it, in its sentence or the three before, whose name holds the same words
    ("Norland's foreign ministry ... The ministry said" -> Norland's ministry); [] when a
    modifier names anything ("the Kestrian ministry") or no such actor was named."""
    toks = ctx.toks
    t = toks[h]
    if any(toks[k].pos not in ("ADJ", "NOUN") or ctx.mention_at[k] is not None or toks[k].ent_type
           for k in mods):
        return []
    words = {toks[k].text.lower() for k in mods} | {t.text.lower()}
    first = ctx.sents[max(0, t.sentence - 3)].start
    for m in reversed([m for m in ctx.mentions if first <= m.start < t.start]):
        a = ctx.actor.get(m.actor_key)
        if a is None or not a.code or a.type == "person":
            continue
        if words <= set(m.text.lower().replace("\u2019s", " ").replace("'s", " ").split()):
            return [Mention(article_id=m.article_id, actor_key=m.actor_key, sentence_index=t.sentence,
                            start=m.start, end=m.end, text=m.text, kind="description",
                            extractor="events.anaphora")]
    return []


def person_pair(ctx, h: int, first: int) -> list[Mention]:
    """"the two leaders", "both presidents" at token ``h``: the two coded persons of different
    countries named last before it, from character ``first`` on, as mentions spanning the phrase;
    [] when fewer than two such persons were named."""
    toks = ctx.toks
    t = toks[h]
    chosen: list[Mention] = []
    countries: set[str] = set()
    for m in reversed([m for m in ctx.mentions if first <= m.start < t.start]):
        a = ctx.actor.get(m.actor_key)
        if a is None or a.type != "person" or not a.code or any(m.actor_key == c.actor_key for c in chosen):
            continue
        country = country_of(a.code)
        if not is_country(country) or country in countries:
            continue
        chosen.append(m)
        countries.add(country)
        if len(chosen) == 2:
            break
    if len(chosen) < 2:
        return []
    lo = min([t.start] + [toks[k].start for k in ctx.kids[h] if k < h])
    return [Mention(article_id=m.article_id, actor_key=m.actor_key, sentence_index=t.sentence, start=lo,
                    end=t.end, text=ctx.article.text[lo:t.end], kind="pair", extractor="events.pair")
            for m in reversed(chosen)]
