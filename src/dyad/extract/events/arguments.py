"""Arguments of predicates for ``extract.events``: the per-article lookups (``Context``) and
the parse rules that find the source and target actors of a predicate (subjects, objects,
prepositional targets, possessors of event nouns, the parties of "between A and B", the means of
an act, labels, antecedents of "this act", addressees of reported speech, conditions of threats).
"""
from __future__ import annotations

from pathlib import Path

from dyad.codes import country_of, is_country
from dyad.extract import lexicon
from dyad.extract.events import anaphora, nominal
from dyad.extract.events.predicates import Entry, match_entry
from dyad.records import Analysis, Article, Mention, Token

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

SUBJ = frozenset({"nsubj", "csubj", "expl"})
TARGET_PREPS = WORDS["target_preps"]
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "between"}
LOC_PREPS = WORDS["loc_preps"]
REPORT_VERBS = WORDS["report_verbs"]
MUST = WORDS["must"]
STATIVE_PASSIVES = WORDS["stative_passives"]
LIGHT_SKIP = WORDS["light_skip"]
FUTURE_AUX = WORDS["future_aux"]
ANNOUNCE_VERBS = WORDS["announce_verbs"]
STANCE_PREFIXES = frozenset({"pro", "anti"})
PATIENT_VERBS = WORDS["patient_verbs"]
PATIENT_HEADS = WORDS["patient_heads"]
PAIR_NOUNS = WORDS["pair_nouns"]
PAIR_STATE_NOUNS = WORDS["pair_state_nouns"]
#: verbs whose object is a means, not a doer: "used the visit to distance himself from X"
INSTRUMENT_VERBS = frozenset({"use", "take", "seize", "exploit", "employ", "spend"})
#: nouns whose pronoun possessor is the actor they stand for: "their government", "its army"
AGENT_NOUNS = frozenset({"government", "administration", "army", "military", "force", "troop", "ministry",
                         "leader", "leadership", "official", "representative", "diplomat", "delegation",
                         "embassy", "navy", "regime", "cabinet", "parliament", "spokesman", "spokesperson",
                         "spokeswoman"})


class Context:
    """Per-article lookups, built once: children, mentions per token, actors by key."""

    def __init__(self, article: Article, analysis: Analysis, actors, mentions) -> None:
        self.article = article
        self.cache: dict = {}  # lookups built on first use (``events.anaphora``)
        self.toks: tuple[Token, ...] = analysis.tokens
        self.sents = analysis.sentences
        kids: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                kids[t.head].append(t.i)
        self.kids = kids
        self.actor = {a.key: a for a in actors}
        self.start_index = {t.start: t.i for t in self.toks}
        self.mention_at: list[Mention | None] = [None] * len(self.toks)
        k = 0
        ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.mentions = ordered
        self.mention_starts = [m.start for m in ordered]
        for m in ordered:
            if m.actor_key not in self.actor:
                continue
            while k < len(self.toks) and self.toks[k].end <= m.start:
                k += 1
            j = k
            while j < len(self.toks) and self.toks[j].start < m.end:
                if self.mention_at[j] is None:
                    self.mention_at[j] = m
                j += 1

    def children(self, i: int) -> list[int]:
        return self.kids[i]

    def pair_of(self, h: int) -> list[Mention]:
        """"the two countries", "both sides" at token ``h``: one mention for each of the two
        states it stands for, spanning the phrase itself; [] for any other phrase. The two are
        the article's two most named states when both are named in this sentence or the four
        before it, else the last two states named there (in one sentence, the most named first)."""
        t = self.toks[h]
        if t.tag not in ("NNS", "NNPS") or t.lemma.lower() not in PAIR_NOUNS or not any(
                (self.toks[k].dep == "nummod" and self.toks[k].text.lower() == "two")
                or (self.toks[k].dep in ("det", "predet") and self.toks[k].text.lower() == "both") for k in self.kids[h]):
            return []
        first = self.sents[max(0, t.sentence - 4)].start
        if t.lemma.lower() in anaphora.PERSON_PAIR_NOUNS and (two := anaphora.person_pair(self, h, first)):
            return two  # "the two leaders": the last two leaders named, of two countries
        window = self._countries(lambda m: first <= m.start < t.start)
        top = self._countries(lambda m: True)[:2]
        named = {c for c, _ in window}
        if len(top) == 2 and all(c in named for c, _ in top):
            chosen = [next(x for x in window if x[0] == c) for c, _ in top]
        else:
            chosen = []
            for s in range(t.sentence, max(-1, t.sentence - 5), -1):
                lo, hi = self.sents[s].start, min(self.sents[s].end, t.start)
                chosen += [c for c in self._countries(lambda m: lo <= m.start < hi) if c[0] not in {x[0] for x in chosen}]
                if len(chosen) >= 2:
                    break
        if len(chosen) < 2:
            return []
        state = t.lemma.lower() in PAIR_STATE_NOUNS
        lo = min([t.start] + [self.toks[k].start for k in self.kids[h] if k < h])
        out = []
        for country, key in chosen[:2]:
            key = country if state and country in self.actor else key
            out.append(Mention(article_id=self.article.id, actor_key=key, sentence_index=t.sentence, start=lo,
                               end=t.end, text=self.article.text[lo:t.end], kind="pair", extractor="events.pair"))
        return out

    def _countries(self, keep) -> list[tuple[str, str]]:
        """(country, actor key of its latest mention) of the mentions ``keep`` accepts, most named
        first, the later named first among equals."""
        count: dict[str, int] = {}
        last: dict[str, tuple[int, str]] = {}
        outer_end = -1
        for m in self.mentions:
            if m.end <= outer_end:
                continue  # "Chilean" inside "the Chilean president": the wider mention speaks
            outer_end = m.end
            a = self.actor.get(m.actor_key)
            country = country_of(a.code) if a is not None and a.code else None
            if country and is_country(country) and keep(m):
                count[country] = count.get(country, 0) + 1
                last[country] = (m.start, m.actor_key)
        ranked = sorted(count, key=lambda c: (-count[c], -last[c][0]))
        return [(c, last[c][1]) for c in ranked]

    def sentence_text(self, s: int) -> str:
        return self.sents[s].text

    def child(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.kids[i] if self.toks[k].dep in deps]

    def descendants(self, i: int, depth: int = 2) -> list[int]:
        out, frontier = [], [i]
        for _ in range(depth):
            frontier = [k for f in frontier for k in self.kids[f]]
            out.extend(frontier)
        return out


# --------------------------------------------------------------------------- actors of a phrase


def stance_prefixed(ctx: Context, k: int) -> bool:
    """A modifier under "pro-" or "anti-" ("pro-Russia policies", "anti-American rhetoric"): it
    names whom the thing favours or opposes, not whose it is."""
    toks = ctx.toks
    return (k >= 2 and toks[k - 1].text in ("-", "\u2010", "\u2011") and toks[k - 2].text.lower() in STANCE_PREFIXES
            and toks[k - 2].end == toks[k - 1].start and toks[k - 1].end == toks[k].start)


def hyphen_joined(ctx: Context, a: int, b: int) -> bool:
    """Tokens ``a`` < ``b`` written as "A-B" (one hyphen between them, no spaces)."""
    toks = ctx.toks
    return b == a + 2 and toks[a + 1].text in ("-", "\u2010", "\u2011", "\u2013") \
        and toks[a].end == toks[a + 1].start and toks[a + 1].end == toks[b].start


def resolve(ctx: Context, h: int, depth: int = 0, via_of: bool = True) -> list[Mention]:
    """Actor mentions that the phrase headed by token ``h`` refers to (conjuncts included)."""
    toks = ctx.toks
    out: list[Mention] = []
    m = ctx.mention_at[h]
    if m is not None:
        # "Hungarian and Romanian officials": coordinated modifiers share the head noun;
        # "Iran-Russia cooperation": a hyphenated pair of names is a coordination
        out += [ctx.mention_at[k] for k in ctx.kids[h] if toks[k].dep in ("amod", "compound")
                and ctx.mention_at[k] is not None and ctx.mention_at[k] is not m
                and (ctx.child(k, "conj") or hyphen_joined(ctx, k, h))]
        out.append(m)
        out += _names_in_title(ctx, h, m)
    elif depth < 3 and (pair := ctx.pair_of(h)):
        out += pair  # "the two countries", "both sides": the two states the text is about there
    elif toks[h].pos == "PRON" and anaphora.kind(toks[h].text):
        out += anaphora.pronoun(ctx, h, lambda k: resolve(ctx, k))  # "he", "its", "our": the antecedent
    elif depth < 3 and (desc := anaphora.description(ctx, h)):
        out += desc  # "the country", "the alliance", "the member states": the actor taken up again
    elif toks[h].pos in ("NOUN", "PROPN", "ADJ", "NUM", "PRON") and depth < 3:
        # "Lebanon's new President", "the Russian official", "leaders of X", "a U.S. request"
        found: list[Mention] = nominal.named_by(ctx, h, lambda k: resolve(ctx, k, depth + 1, via_of))
        for k in [] if found else ctx.kids[h]:
            d = toks[k].dep
            if d in ("poss", "compound", "amod", "nmod", "appos", "npadvmod") and not stance_prefixed(ctx, k) and not (
                    toks[h].lemma.lower() not in AGENT_NOUNS and ctx.mention_at[k] is None
                    and (toks[k].pos == "PRON" or anaphora.description(ctx, k))):
                # ("their government" is theirs; "for his part", "the nation's values" name no actor)
                found += resolve(ctx, k, depth + 1, via_of)
        if not found:
            for k in ctx.kids[h]:
                if toks[k].dep == "prep" and toks[k].text.lower() in (("of", "by", "from") if via_of else ("by", "from")):
                    for p in ctx.child(k, "pobj"):
                        found += resolve(ctx, p, depth + 1, via_of)
        if not found:  # "a resolution put forward by the US", "crimes committed by Croat forces"
            found += [m for c in ctx.child(h, "acl") if toks[c].tag == "VBN" for a in ctx.child(c, "agent")
                      for p in ctx.child(a, "pobj") for m in resolve(ctx, p, depth + 1, via_of)]
        out += found
    for k in ctx.kids[h]:
        # "by the EU, the UK, and the US": a list the parser reads as an apposition with conjuncts
        if toks[k].dep == "conj" or (toks[k].dep == "appos" and m is not None and ctx.mention_at[k] is not None
                                     and ctx.mention_at[k].actor_key != m.actor_key
                                     and (ctx.child(k, "conj") or ctx.child(h, "conj"))):
            out += resolve(ctx, k, depth + 1, via_of)
    seen, uniq = set(), []
    for x in out:
        if id(x) not in seen:
            seen.add(id(x))
            uniq.append(x)
    return uniq


def _names_in_title(ctx: Context, h: int, m: Mention) -> list[Mention]:
    """Other names coordinated inside the title the parser hung on a name: "US President Ana
    Brel and Chilean President Tomas Ferrer met" is parsed with the first name and the "and"
    inside the compound "President" of the second."""
    toks = ctx.toks
    out: list[Mention] = []
    for k in ctx.kids[h]:
        if toks[k].dep != "compound":
            continue
        inner, stack = [], [k]
        while stack and len(inner) < 24:
            x = stack.pop()
            inner.append(x)
            stack += ctx.kids[x]
        if not any(toks[x].dep == "cc" and toks[x].text.lower() == "and" for x in inner):
            continue
        for x in sorted(inner):
            other = ctx.mention_at[x]
            if other is not None and other.actor_key.startswith("person:") and other.actor_key != m.actor_key \
                    and other not in out:
                out.append(other)
    return out


def subject(ctx: Context, v: int, hops: int = 0) -> list[Mention]:
    """The source of verb ``v``: its subject, or a governing verb's when it has none."""
    toks = ctx.toks
    # (a subject the parser hung on the auxiliary: "Chile is opposed to ...")
    subj = ctx.child(v, "nsubj", "csubj") or [k for a in ctx.child(v, "aux", "auxpass") for k in ctx.child(a, "nsubj")]
    if subj:
        s = subj[0]
        found = resolve(ctx, s)
        if found:
            return found
        if toks[s].dep == "nsubj" and toks[s].lemma.lower() in ("who", "which", "that") and toks[v].dep == "relcl":
            return resolve(ctx, toks[v].head)
        return []
    agents = ctx.child(v, "agent")
    if agents:
        got = [m for a in agents for p in ctx.child(a, "pobj") for m in resolve(ctx, p)]
        if got:
            return got
    if toks[v].lemma.lower() in STATIVE_PASSIVES and toks[v].tag == "VBN":
        # "Israel is opposed to French mediation": a state of its subject, not a passive act
        return [m for k in ctx.child(v, "nsubjpass") for m in resolve(ctx, k)]
    if hops < 4 and toks[v].head != v:
        head = toks[v].head
        dep = toks[v].dep
        if dep == "xcomp":
            obj = ctx.child(head, "dobj")  # "urged Iran to condemn": the object acts
            if obj and toks[head].lemma.lower() not in {"offer", "promise"} | INSTRUMENT_VERBS:
                return resolve(ctx, obj[0])
            if not obj:  # "called on Norland to withdraw", "appealed to the council to act"
                on = [m for k in ctx.child(head, "prep") if toks[k].text.lower() in ("on", "upon", "to")
                      for q in ctx.child(k, "pobj") for m in resolve(ctx, q)]
                if on:
                    return on
            return subject(ctx, head, hops + 1)
        if second_act(ctx, v):  # "urged the embassy to reconsider and spoke with X"
            return subject(ctx, toks[head].head, hops + 1)
        if dep == "conj" and ctx.child(head, "nsubjpass") and not ctx.child(v, "auxpass") and (
                toks[v].tag in ("VB", "VBD", "VBZ", "VBP") or (toks[v].tag == "VBN" and ctx.child(v, "aux"))):
            # "X was accused by Y and will resign": an active verb joined to a passive one has the
            # passive's subject as its doer, not the agent
            return [m for k in ctx.child(head, "nsubjpass") for m in resolve(ctx, k)]
        if dep in ("conj", "advcl", "acomp") and toks[head].pos in ("VERB", "AUX", "ADJ"):
            return subject(ctx, head, hops + 1)
        if dep == "pcomp" and toks[head].head != head:  # "supported X by blaming Y"
            gov = toks[head].head
            if toks[gov].pos in ("NOUN", "PROPN"):  # "Russia's move ... in opposing": the possessor
                return [m for k in ctx.child(gov, "poss") for m in resolve(ctx, k)]
            obj = ctx.child(gov, "dobj")
            if obj and toks[head].text.lower() in ("of", "for"):
                # "accused Norland of arming the rebels", "thanked X for helping": the object did it
                return resolve(ctx, obj[0])
            return subject(ctx, gov, hops + 1)
        if dep == "relcl":
            return resolve(ctx, head)
        if dep == "acl" and toks[v].tag == "VB" and any(toks[a].text.lower() == "to" for a in ctx.child(v, "aux")):
            # "Chile's readiness to expand ...", "the minister stressed the need to expand ...": the owner
            # of the noun, else the subject of the verb that holds it
            found = resolve(ctx, head)
            if not found and toks[head].dep in ("dobj", "attr") and toks[head].head != head:
                found = subject(ctx, toks[head].head, hops + 1)
            return found
        if dep == "acl" and toks[v].tag == "VBG":
            # "issued a declaration demanding ...": the noun's owner, else whoever issued it
            found = resolve(ctx, head)
            cur = head  # "posted a message on a website blaming X": up the nouns to the verb
            while not found and toks[cur].dep in ("dobj", "pobj", "prep") and toks[cur].head != cur:
                cur = toks[cur].head
                if toks[cur].pos in ("VERB", "AUX"):
                    found = subject(ctx, cur, hops + 1)
                    break
            return found
    return []


def second_act(ctx: Context, v: int) -> bool:
    """A finite verb joined to an infinitive complement ("urged X to reconsider and spoke with Y"):
    the parser's reading of a second act of the governing verb's subject."""
    toks = ctx.toks
    t = toks[v]
    head = t.head
    return t.dep == "conj" and t.tag in ("VBD", "VBZ") and toks[head].tag == "VB" and toks[head].dep == "xcomp" \
        and toks[toks[head].head].pos in ("VERB", "AUX")


def _prep_targets(ctx: Context, v: int, preps: frozenset[str], loc: bool) -> list[tuple[Mention, bool]]:
    out = []
    kids = list(ctx.kids[v])
    kids += [g for k in ctx.kids[v] if ctx.toks[k].dep in ("prt", "advmod") for g in ctx.kids[k]]
    for k in kids:
        t = ctx.toks[k]
        low = t.text.lower()
        if t.dep not in ("prep", "dative") or not (low in preps or (loc and low in LOC_PREPS)):
            continue
        objs = ctx.child(k, "pobj") or ([k] if t.dep == "dative" else [])
        if not ctx.child(k, "pobj"):
            objs = objs + _stranded_object(ctx, k)
        for p in objs:
            got = [(m, loc and low in LOC_PREPS) for m in resolve(ctx, p)]
            if not got and low in ("for", "in", "to"):  # "for a possible war against Iraq"
                got = [(m, False) for k2 in ctx.child(p, "prep") if ctx.toks[k2].text.lower() == "against"
                       for q in ctx.child(k2, "pobj") for m in resolve(ctx, q)]
            out += got
    return out


def _stranded_object(ctx: Context, k: int) -> list[int]:
    """The object of a preposition the parser left empty because a reduced relative clause
    follows it ("granted asylum to three officers hiding in the embassy" read as "officers" the
    subject of "hiding"): the noun right after the preposition that heads a subject of a later verb."""
    toks = ctx.toks
    for j in range(k + 1, min(len(toks), k + 8)):
        t = toks[j]
        if t.dep in ("nsubj", "nsubjpass") and t.pos in ("NOUN", "PROPN") and t.head > j \
                and toks[t.head].tag in ("VBN", "VBG", "VBD") and toks[t.head].head == toks[k].head:
            if all(k < toks[x].head <= j for x in range(k + 1, j)):
                return [j]
            return []
        if t.pos in ("VERB", "AUX", "PUNCT") or t.dep in ("prep", "cc"):
            return []
    return []


def targets(ctx: Context, v: int, entry: Entry, complement: bool = True) -> list[tuple[Mention, bool]]:
    """Targets of a verb or adjective predicate: (mention, is_place)."""
    toks = ctx.toks
    loc = "loc" in entry.flags
    preps = TARGET_PREPS if loc else TARGET_PREPS | {"from"}
    out: list[tuple[Mention, bool]] = []
    objects = []
    for d in ("dobj", "dative", "iobj", "nsubjpass", "attr", "oprd"):
        if d == "nsubjpass" and toks[v].lemma.lower() in STATIVE_PASSIVES:
            continue
        for k in ctx.child(v, d):
            if d == "nsubjpass" and ctx.child(v, "agent") == [] and entry.root in ("03", "05"):
                continue
            objects.append(k)
            out += [(m, loc) for m in resolve(ctx, k)]
    if entry.root in ("11", "14"):
        # "complained to the UN over Israeli raids": what the complaint is about, not its addressee
        about = _prep_targets(ctx, v, frozenset({"over", "about"}), False)
        about += [(m, False) for k in ctx.child(v, "prep") if toks[k].text.lower() == "as"
                  for p in ctx.child(k, "pobj") for a in ctx.child(p, "appos") for m in resolve(ctx, a)]
        if about:
            return out + about
    out += _prep_targets(ctx, v, preps, loc)
    if not out:
        # "continued military aid to Mozambique", "a grant of ... for Tanzania", "withdrew from the
        # treaty with Peru": the partner of what the act is about
        preps_of = [k for k in ctx.child(v, "prep", "prt") if toks[k].text.lower() in ("from", "of", "out")]
        preps_of += [k2 for k in preps_of if toks[k].text.lower() == "out" for k2 in ctx.child(k, "prep")]  # "out of"
        about = [p for k in preps_of for p in ctx.child(k, "pobj")]
        for k in objects + about:
            # the place of a visit or an opening may hang on the object: the country visited, the
            # government an embassy is opened to ("opened an embassy in Hanoi")
            out += [(m, p and entry.mode == "visit") for m, p in _prep_targets(ctx, k, preps, loc and k in objects)]
            if k in objects and not out and (noun := match_entry(ctx, k)) is not None and noun.pos == "N":
                out += _prep_targets(ctx, k, frozenset({"of"}), False)  # "tightened the blockade of X"
            for k2 in ctx.child(k, "prep"):
                for p in ctx.child(k2, "pobj"):
                    out += _prep_targets(ctx, p, preps - {"of"}, False)
    if not out and (entry.root == "11" or "label" in entry.flags):
        out += [(m, False) for k in objects for m in _antecedent(ctx, v, k)]
    if not out:
        out += [(m, False) for m in condition_subject(ctx, v)] if entry.root == "13" else []
    if not out and entry.quad == 1 and entry.root in ("03", "05"):
        out += [(m, False) for m in _addressee(ctx, v)]
    if not out and entry.root in PLACE_TARGET_ROOTS:
        # "lifted a curfew in Montenegro", "imposed a curfew in the town of Cizre in Turkey"
        for k in [v, *objects]:
            out += [(m, True) for m, _ in _prep_targets(ctx, k, frozenset({"in"}), True)]
    if not out and complement:
        for k in ctx.child(v, "ccomp", "xcomp"):
            if entry.root in ("10", "02", "11", "12", "13") or "gov" in entry.flags:
                # "demanded that the US cancel": the clause's subject; "offered to hand over to X"
                subj = ctx.child(k, "nsubj")
                if subj and entry.root != "03":
                    out += [(m, False) for m in resolve(ctx, subj[0])]
                if not out:
                    # "threatened to impose a curfew in the capital": a place the threatened act
                    # is done in stands for its country, not its government
                    out += [(m, entry.root == "13" and _located(ctx, m)) for m in _nearest(ctx, k, exclude=set(subj))]
        if not out and entry.root == "03":
            # "expressed its willingness to expand trade with Peru": the act the noun holds
            for k in objects:
                for c in ctx.child(k, "acl"):
                    out += _prep_targets(ctx, c, preps, False)
                    for o in ctx.child(c, "dobj"):
                        out += [(m, False) for m in resolve(ctx, o)] + _prep_targets(ctx, o, preps, False)
    return out


def between_parties(ctx: Context, v: int) -> list[Mention]:
    """The parties of "between A and B" on a verb or on its object or passive subject ("was
    signed in Moscow between Iran and Russia", "signed a treaty between the two states")."""
    toks = ctx.toks
    heads = [v, *ctx.child(v, "dobj", "nsubjpass")]
    heads += [p for k in ctx.child(v, "prep") for p in ctx.child(k, "pobj")]  # "in Accra between ..."
    found: list[Mention] = []
    for h in heads:
        for k in ctx.child(h, "prep"):
            if toks[k].text.lower() == "between":
                for p in ctx.child(k, "pobj"):
                    found += [m for m in resolve(ctx, p, via_of=False) if m not in found]
    return found


BACK_NOUNS = WORDS["back_nouns"]
NEGATIVE_LABELS = WORDS["negative_labels"]
PLACE_TARGET_ROOTS = frozenset({"08", "15", "16", "17"})


def _antecedent(ctx: Context, v: int, obj: int) -> list[Mention]:
    """"described this act as ...", "condemned the attack", "denounced the new sanctions": with no
    actor in the object, the actor of the latest act before it of the object's own type (any
    conflictual act for "this act", "the move"), in this sentence or the two before."""
    toks = ctx.toks
    if ctx.mention_at[obj] is not None or ctx.kids[obj] and any(ctx.mention_at[k] for k in ctx.kids[obj]):
        return []
    if not any(toks[k].text.lower() in ("this", "that", "the", "such", "these", "those") for k in ctx.child(obj, "det")):
        return []
    own = match_entry(ctx, obj) if toks[obj].pos == "NOUN" else None
    if own is None and toks[obj].lemma.lower() not in BACK_NOUNS:
        return []
    for j in range(v - 1, -1, -1):
        if toks[j].sentence < toks[v].sentence - 2:
            break
        e = match_entry(ctx, j) if toks[j].pos in ("VERB", "NOUN") else None
        if e is None or (own is not None and e.plover != own.plover) or (own is None and (e.quad != 4 or toks[j].pos != "VERB")):
            continue
        found = subject(ctx, j) if toks[j].pos == "VERB" else noun_args(ctx, j, e)[0]
        if found:
            return found
    return []


def _addressee(ctx: Context, v: int) -> list[Mention]:
    """Whom a speaker addressed, for a stance with no target in what was said: "the president said
    in a telephone conversation with Brel ... that he welcomes and supports the proposal" -> Brel;
    "told X that it backs the plan" -> X."""
    toks = ctx.toks
    cur, hops = v, 0
    while hops < 4 and toks[cur].dep in ("conj", "ccomp", "advcl") and toks[cur].head != cur:
        cur, hops = toks[cur].head, hops + 1
        if toks[cur].lemma.lower() not in REPORT_VERBS | {"note", "tell"}:
            continue
        found = [m for k in ctx.child(cur, "dobj", "dative") for m in resolve(ctx, k)]
        for k in ctx.child(cur, "prep"):
            for p in ctx.child(k, "pobj"):
                if toks[p].lemma.lower() in ("conversation", "call", "meeting", "talk", "talks", "letter", "message"):
                    found += [m for w in ctx.child(p, "prep") if toks[w].text.lower() in ("with", "to")
                              for q in ctx.child(w, "pobj") for m in resolve(ctx, q)]
        if found:
            return found
    return []


def condition_subject(ctx: Context, v: int) -> list[Mention]:
    """The subject of an if/unless clause of a threat: "threatened to strike unless Israel ..."."""
    toks = ctx.toks
    for k in [v, *ctx.child(v, "xcomp", "ccomp")]:
        for c in ctx.child(k, "advcl"):
            if any(toks[m].text.lower() in ("if", "unless") for m in ctx.child(c, "mark")):
                subj = ctx.child(c, "nsubj")
                if subj:
                    return resolve(ctx, subj[0])
    return []


def _nearest(ctx: Context, k: int, exclude: set[int], depth: int = 4) -> list[Mention]:
    """The first actor mentions, breadth first, in the complement clause headed by ``k``."""
    frontier = [c for c in ctx.kids[k] if c not in exclude and (ctx.toks[c].dep not in SUBJ | {"nsubjpass", "advcl", "mark", "aux"}
                                                              or _purpose(ctx, c))]
    for _ in range(depth):
        found = []
        for c in frontier:
            m = ctx.mention_at[c]
            if m is not None:
                found += resolve(ctx, c)
        if found:
            return found
        # (a purpose clause is part of the intent: "willing to send material to help defend X")
        frontier = [g for c in frontier for g in ctx.kids[c] if ctx.toks[g].dep not in ("relcl", "advcl", "acl")
                    or _purpose(ctx, g)]
    return []


def _located(ctx: Context, m: Mention) -> bool:
    """Whether mention ``m`` is a place an act is done in ("in the capital")."""
    k = ctx.start_index.get(m.start)
    if k is None:
        return False
    while ctx.toks[k].dep == "compound" and ctx.toks[k].head != k:
        k = ctx.toks[k].head
    t = ctx.toks[k]
    return t.dep == "pobj" and t.head != k and ctx.toks[t.head].text.lower() == "in"


def _purpose(ctx: Context, c: int) -> bool:
    """An infinitive of purpose: "(send material) to help defend X"."""
    return ctx.toks[c].dep == "advcl" and any(ctx.toks[a].tag == "TO" for a in ctx.child(c, "aux"))


def noun_args(ctx: Context, n: int, entry: Entry) -> tuple[list[Mention], list[tuple[Mention, bool]]]:
    toks = ctx.toks
    loc = "loc" in entry.flags
    src: list[Mention] = []
    for k in ctx.kids[n]:
        d = toks[k].dep
        if d == "poss" or (d in ("compound", "amod", "nmod") and ctx.mention_at[k] is not None):
            src += resolve(ctx, k)
        elif d == "compound" and ctx.mention_at[k] is None:  # "a US missile strike": the owner of the compound
            src += [m for k2 in ctx.kids[k] if toks[k2].dep in ("compound", "amod") and ctx.mention_at[k2] is not None
                    for m in resolve(ctx, k2)]
        elif d == "prep" and toks[k].text.lower() == "by":
            src += [m for p in ctx.child(k, "pobj") for m in resolve(ctx, p)]
    if not src:  # "sanctions imposed by the West", "the attack carried out by X"
        src = [m for c in ctx.child(n, "acl") if toks[c].tag == "VBN"
               for a in ctx.child(c, "agent") for p in ctx.child(a, "pobj") for m in resolve(ctx, p)]
    tgt: list[tuple[Mention, bool]] = []
    sufferer = patient_clause(ctx, n)
    if sufferer is not None:  # "Iran and Russia are under Western sanctions": the subject undergoes it
        tgt = [(m, False) for m in subject(ctx, sufferer)]
        if not src:  # "came under attack from the Houthis"
            src = [m for p in (n, sufferer) for k in ctx.child(p, "prep") if toks[k].text.lower() in ("from", "by")
                   for q in ctx.child(k, "pobj") for m in resolve(ctx, q)]
        return src, tgt
    of_source = "ofsrc" in entry.flags and not src
    kids = list(ctx.kids[n])
    head = toks[n].head
    if toks[n].dep == "compound" and head != n and toks[head].pos == "NOUN" and ctx.mention_at[head] is None \
            and toks[head].dep in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT"):
        # "began a mediation mission between A and B": the event noun modifies the noun that
        # carries its arguments (not one nested deeper: "cut part of an aid program for X")
        kids += [k for k in ctx.kids[head] if toks[k].dep == "prep"]
    for k in kids:
        t = toks[k]
        low = t.text.lower()
        if t.dep == "prep" and low == "of" and of_source:  # "at the invitation of X"
            src += [m for p in ctx.child(k, "pobj") for m in resolve(ctx, p, via_of=False)]
        elif t.dep == "prep" and (low in NOUN_TARGET_PREPS or (loc and low in LOC_PREPS)
                                  or (low == "from" and entry.root == "08")):  # "a withdrawal from Syria"
            for p in ctx.child(k, "pobj"):
                tgt += [(m, loc and low in LOC_PREPS) for m in resolve(ctx, p, via_of=False)]
    if not tgt:  # "a suspension of air links with Serbia": the partner of the object
        tgt = [(m, False) for k in ctx.child(n, "prep") if toks[k].text.lower() == "of"
               for p in ctx.child(k, "pobj") for k2 in ctx.child(p, "prep")
               if toks[k2].text.lower() in ("with", "to", "against")
               for q in ctx.child(k2, "pobj") for m in resolve(ctx, q, via_of=False)]
    if not tgt and entry.root in ("10", "13"):
        # "its demand that Israel ease restrictions": the subject of the demanded act (the clause
        # may hang from the verb: "reiterated its demand today that Israel ...")
        clauses = ctx.child(n, "acl", "ccomp", "relcl")
        if toks[n].dep == "dobj" and toks[n].head != n:
            clauses += ctx.child(toks[n].head, "ccomp")
        tgt = [(m, False) for k in clauses if ctx.child(k, "mark")
               for s in ctx.child(k, "nsubj") for m in resolve(ctx, s)]
    if not tgt and entry.root in ("13", "10", "03"):  # "its threat to close the border with Peru"
        for c in ctx.child(n, "acl"):
            tgt += _prep_targets(ctx, c, TARGET_PREPS, False)
            for o in ctx.child(c, "dobj"):
                tgt += [(m, False) for m in resolve(ctx, o)] + _prep_targets(ctx, o, TARGET_PREPS, False)
    if of_source and src and not tgt:
        cur = n
        while toks[cur].dep in ("pobj", "prep") and toks[cur].head != cur:
            cur = toks[cur].head
        if toks[cur].pos in ("VERB", "AUX"):
            tgt = [(m, False) for m in subject(ctx, cur)]
    if not src and "recip" in entry.flags:
        # "the signing of an agreement between Iran and Russia": the parties
        # ("the rift and conflict between Lima and Santiago": conjoined nouns share it)
        shared = [toks[n].head] if toks[n].dep == "conj" else ctx.child(n, "conj")
        pair = [p for k in [n, *shared, *[q for k2 in ctx.child(n, "prep") if toks[k2].text.lower() == "of"
                                          for q in ctx.child(k2, "pobj")]]
                for k3 in ctx.child(k, "prep") if toks[k3].text.lower() == "between"
                for p in ctx.child(k3, "pobj")]
        both = [m for p in pair for m in resolve(ctx, p, via_of=False)]
        if len(both) >= 2:
            return both[:1], [(m, False) for m in both[1:]]
    owned = any(toks[k].dep == "poss" and toks[k].pos != "PRON" for k in ctx.kids[n])
    if not src and not owned:  # "Europe's cooperation with ...": an uncoded owner acts, not the verb's subject
        # the verb it hangs from: "held talks with", "in a conversation with", "paid a visit"
        cur, hops = n, 0
        while hops < 3 and toks[cur].head != cur:
            hops += 1
            dep, cur = toks[cur].dep, toks[cur].head
            if dep in ("pobj", "prep", "compound"):
                continue
            if dep in ("dobj", "advcl", "npadvmod", "attr", "nsubjpass", "appos") or toks[cur].pos in ("VERB", "AUX"):
                break
        if toks[cur].pos in ("VERB", "AUX") and toks[cur].lemma.lower() not in LIGHT_SKIP:
            src = subject(ctx, cur)
            if not tgt and (toks[n].dep == "dobj" or (toks[n].dep == "compound" and toks[head].dep == "dobj")):
                # "held talks with X"; "launched an offensive into X", "carried out strikes on X"
                preps = {"with", "to", "against", "between"} | ({"on", "into", "upon"} if entry.quad == 4 else set())
                tgt = _prep_targets(ctx, cur, frozenset(preps), loc)
            gov = instrument(ctx, n)
            if not tgt and gov is not None:
                # "trying to put pressure on Moscow through the imposition of sanctions"
                for k in [gov, *ctx.child(gov, "xcomp")]:
                    tgt = tgt or _prep_targets(ctx, k, frozenset({"on", "against", "upon"}), False) or [
                        (m, False) for o in ctx.child(k, "dobj") for m in resolve(ctx, o)]
    return src, tgt


def patient_clause(ctx: Context, n: int) -> int | None:
    """The verb whose subject undergoes the act of event noun ``n``: "X faces sanctions", "X is
    under sanctions", "X is subject to sanctions", "X was the target of an attack"; else None."""
    toks = ctx.toks
    h = toks[n].head
    if h == n:
        return None
    if toks[n].dep == "dobj" and toks[h].lemma.lower() in PATIENT_VERBS:
        return h
    if toks[n].dep != "pobj" or toks[h].head == h:
        return None
    g = toks[h].head  # the word the preposition hangs from
    prep = toks[h].text.lower()
    if prep == "under" and toks[g].pos in ("VERB", "AUX"):
        return g
    if (prep == "to" and toks[g].lemma.lower() == "subject") or (
            prep == "of" and toks[g].lemma.lower() in PATIENT_HEADS and toks[g].dep in ("attr", "acomp")):
        return toks[g].head if toks[g].head != g else None
    return None


def instrument(ctx: Context, n: int) -> int | None:
    """The verb whose means the noun is: "trying ... through / by / via the imposition of sanctions"."""
    toks = ctx.toks
    x = n
    while toks[x].dep == "conj" and toks[x].head != x:
        x = toks[x].head
    prep = toks[x].head
    if toks[x].dep != "pobj" or toks[prep].text.lower() not in ("through", "by", "via"):
        return None
    return toks[prep].head if toks[toks[prep].head].pos in ("VERB", "AUX") else None

