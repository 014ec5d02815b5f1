"""Where speakers stand: a holder's polarity toward each actor they speak about.

Lexicon-based and parse-aware. For every statement (a quote's words, or for an opinion piece
the author's own sentences outside quotes) each polarity word from ``data/stance_lexicon.tsv``
is credited to the actor mention nearest to it in the dependency tree of its sentence (a few
arcs at most), flipped when negated ("is not in the interest of"). An actor that is the object
of a word like "against" or "countering" is counted against. Scores add up per holder and
target (country-level code: "RUS", "USA", "NATO"); their sign gives the polarity, and every
word that counted is kept as an evidence span.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from pathlib import Path

from dyad.records import Actor, Analysis, Article, Mention, Quote, Stance

EXTRACTOR = "stance.lexicon.v1"
_DATA = Path(__file__).parent / "data"


def _load_lexicon(path: Path) -> tuple[dict[str, float], frozenset[str]]:
    out: dict[str, float] = {}
    flags: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, score, *flag = line.split("\t")
            out[word.strip().lower()] = float(score)
            if flag:
                flags[word.strip().lower()] = flag[0].strip()
    return out, flags


LEXICON, FLAGS = _load_lexicon(_DATA / "stance_lexicon.tsv")
_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "nn"})
_OBJECTS = frozenset({"dobj", "pobj", "attr", "oprd", "dative"})
_OWNER_PREPS = frozenset({"of", "over", "toward", "towards", "by", "with", "between", "about", "against"})
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
_CUES = json.loads((_DATA / "stance_cues.json").read_text(encoding="utf-8"))
NEGATORS = frozenset(_CUES["negators"])
OPINION_MARKERS = tuple(_CUES["opinion_markers"])
MIN_OPINION_MARKERS = int(_CUES["min_opinion_markers"])
THRESHOLD = float(_CUES["threshold"])
_PRONOUN_SPEAKERS = frozenset("i me we us you he him she her they them it who this that".split())
_SLUG = re.compile(r"[^a-z0-9]+")


def is_opinion_piece(article: Article) -> bool:
    """An authored piece whose title or text carries opinion markers."""
    if not article.authors:
        return False
    hay = f"{article.title or ''}\n{article.text}".lower()
    return sum(1 for m in OPINION_MARKERS if m in hay) >= MIN_OPINION_MARKERS


def target_code(actor: Actor) -> str | None:
    """Country-level code of a non-person actor: 'IRNGOV' -> 'IRN'; organisations keep theirs."""
    if actor.type == "person":
        return None
    if actor.type == "org" and actor.code and not (actor.country and actor.code.startswith(actor.country)):
        return actor.code
    return actor.country or actor.code or None


class _Tree:
    def __init__(self, analysis: Analysis) -> None:
        self.toks = analysis.tokens
        self.starts = [t.start for t in self.toks]
        self.children: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.children[t.head].append(t.i)

    def path(self, i: int) -> dict[int, int]:
        """Ancestors of token i (itself included) with their distance from it."""
        out, d = {i: 0}, 0
        while self.toks[i].head != i and d < 40:
            i, d = self.toks[i].head, d + 1
            out[i] = d
        return out

    def distance(self, a: dict[int, int], b: int) -> int | None:
        j, d = b, 0
        while d < 40:
            if j in a:
                return a[j] + d
            if self.toks[j].head == j:
                return None
            j, d = self.toks[j].head, d + 1
        return None

    def head_of(self, start: int, end: int) -> int | None:
        k = bisect_left(self.starts, start)
        inside = []
        while k < len(self.toks) and self.toks[k].start < end:
            inside.append(k)
            k += 1
        for i in inside:
            if not (start <= self.toks[self.toks[i].head].start < end) or self.toks[i].head == i:
                return i
        return inside[0] if inside else None

    def clause(self, i: int) -> int:
        """The verb (or copula) heading the clause of token i."""
        j, hops = i, 0
        while self.toks[j].pos not in ("VERB", "AUX") and self.toks[j].head != j and hops < 8:
            j, hops = self.toks[j].head, hops + 1
        return j

    def within(self, root: int, skip: frozenset[str] = _CLAUSAL) -> set[int]:
        """Tokens of root's subtree, not descending into clauses."""
        out, stack = {root}, [root]
        while stack:
            j = stack.pop()
            for c in self.children[j]:
                if self.toks[c].dep not in skip:
                    out.add(c)
                    stack.append(c)
        return out

    def subject_tokens(self, verb: int) -> set[int]:
        out: set[int] = set()
        for c in self.children[verb]:
            dep = self.toks[c].dep
            if dep == "nsubj":
                out |= self.within(c)
            elif dep == "agent":
                out |= self.within(c)
        return out

    def negated(self, i: int) -> bool:
        t = self.toks[i]
        verbs, verb = [], self.clause(i)
        for _ in range(3):  # the clause and the two above it: "neither we ... see X in our interest"
            verbs.append(verb)
            if self.toks[verb].head == verb or self.toks[verb].dep not in ("xcomp", "ccomp", "advcl", "conj"):
                break
            verb = self.clause(self.toks[verb].head)
        for j in {i, t.head, verbs[0]}:
            if any(self.toks[c].dep == "neg" for c in self.children[j]):
                return True
        for v in verbs:
            for c in self.children[v]:
                if self.toks[c].dep in ("nsubj", "nsubjpass") and any(
                    self.toks[g].text.lower() in NEGATORS for g in self.children[c]
                ):
                    return True
        lo = max(0, i - 3)
        return any(
            self.toks[k].text.lower() in NEGATORS and self.toks[k].sentence == t.sentence
            for k in range(lo, i)
        )



def _holder(q: Quote, names: dict[str, str]) -> tuple[str, str] | None:
    if q.speaker_key:
        return q.speaker_key, names.get(q.speaker_key, q.speaker_text or q.speaker_key)
    text = (q.speaker_text or "").strip()
    if not text or text.lower() in _PRONOUN_SPEAKERS or text[:1].islower():
        return None
    return "speaker:" + _SLUG.sub("-", text.lower()).strip("-"), text


def extract_stances(
    article: Article,
    analysis: Analysis,
    actors: tuple[Actor, ...] | list[Actor],
    mentions: tuple[Mention, ...] | list[Mention],
    quotes: tuple[Quote, ...] | list[Quote],
) -> tuple[Stance, ...]:
    """Stances of each speaker (and an opinion piece's author) toward the actors they mention."""
    if not analysis.tokens:
        return ()
    tree = _Tree(analysis)
    toks = tree.toks
    by_key = {a.key: a for a in actors}
    names = {a.key: a.name for a in actors}
    # target mentions by sentence: (head token, code)
    targets: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for m in mentions:
        actor = by_key.get(m.actor_key)
        code = target_code(actor) if actor else None
        if code is None:
            continue
        head = tree.head_of(m.start, m.end)
        if head is not None:
            targets[toks[head].sentence].append((head, code))
    # statements: (holder key, name, quote start, token range predicate)
    units: list[tuple[str, str, int | None, list[tuple[int, int]]]] = []
    for q in quotes:
        holder = _holder(q, names)
        if holder is not None:
            units.append((holder[0], holder[1], q.start, [(q.start, q.end)]))
    if is_opinion_piece(article):
        quoted = sorted((q.start, q.end) for q in quotes)
        spans, pos = [], 0
        for a, b in quoted:
            if a > pos:
                spans.append((pos, a))
            pos = max(pos, b)
        spans.append((pos, len(article.text)))
        for author in article.authors:
            units.append((f"author:{author}", author, None, spans))

    score: dict[tuple[str, str], float] = defaultdict(float)
    evidence: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    starts: dict[tuple[str, str], set[int]] = defaultdict(set)
    holder_names: dict[str, str] = {}
    for key, name, qstart, spans in units:
        holder_names[key] = name
        for a, b in spans:
            k = bisect_left(tree.starts, a)
            while k < len(toks) and toks[k].start < b:
                t = toks[k]
                cands = [(h, c) for h, c in targets.get(t.sentence, ()) if a <= toks[h].start < b]
                if cands:
                    _credit(tree, k, cands, key, qstart, score, evidence, starts)
                k += 1
    out = []
    for (key, code), value in sorted(score.items()):
        polarity = "positive" if value >= THRESHOLD else "negative" if value <= -THRESHOLD else "neutral"
        out.append(
            Stance(
                article_id=article.id,
                holder_key=key,
                holder_name=holder_names[key],
                target=code,
                polarity=polarity,
                score=round(value, 3),
                evidence=tuple(sorted(set(evidence[(key, code)]))),
                quote_starts=tuple(sorted(starts[(key, code)])),
                extractor=EXTRACTOR,
            )
        )
    return tuple(out)


def _credit(tree: _Tree, k: int, cands, key, qstart, score, evidence, starts) -> None:
    """Credit token k's polarity (if any) to the nearest target mention of its sentence."""
    t = tree.toks[k]
    word = t.text.lower()
    value = LEXICON.get(word)
    if value is None:
        value = LEXICON.get(t.lemma.lower())
    if value is None or any(h == k for h, _ in cands):
        return
    if tree.negated(k):
        value = -value
    best = _targets_of(tree, k, FLAGS.get(word) or FLAGS.get(t.lemma.lower(), ""), value, cands)
    for code in best:
        _add(key, code, value, (t.start, t.end), qstart, score, evidence, starts)


def _add(key, code, value, span, qstart, score, evidence, starts) -> None:
    score[(key, code)] += value
    evidence[(key, code)].append(span)
    if qstart is not None:
        starts[(key, code)].add(qstart)


def _targets_of(tree: _Tree, k: int, flag: str, value: float, cands) -> list[str]:
    """Which target mentions a polarity word at k is about.

    Verbs judge their object (the agent, when passive); nouns and adjectives their own
    modifiers ("American unilateralism", "the expansion of NATO"); words that judge a clause's
    subject ("is not in the interest of") and predicates with no modifier, the subject. Failing
    all that, the nearest mention within a few arcs.
    """
    toks = tree.toks
    t = toks[k]

    def hit(tokens: set[int]) -> list[str]:
        return list(dict.fromkeys(code for h, code in cands if h in tokens))

    verb = tree.clause(k)
    subject = tree.subject_tokens(verb) if verb != k or t.pos in ("VERB", "AUX") else set()
    if flag == "subject" and k not in subject and hit(subject):
        return hit(subject)
    if t.pos == "VERB":
        passive = any(toks[c].dep in ("nsubjpass", "auxpass") for c in tree.children[k])
        doer = tree.subject_tokens(k) if not passive else set()
        objs: set[int] = set()
        for c in tree.children[k]:
            dep = toks[c].dep
            if dep == "agent" and passive:
                doer |= tree.within(c)
            elif dep in _OBJECTS or dep == "prep":
                objs |= tree.within(c)
        if flag == "agent":
            objs = doer  # a hostile act judges whoever does it
        elif value > 0:
            objs |= doer  # cooperating, supporting: both sides
        if hit(objs):
            return hit(objs)
    else:
        mods: set[int] = set()
        for c in tree.children[k]:
            dep = toks[c].dep
            if dep in _MODIFIERS and not (flag == "object" and dep == "poss"):
                mods |= tree.within(c)
            elif dep == "prep" and toks[c].text.lower() in _OWNER_PREPS:
                if value < 0 and toks[c].text.lower() in ("with", "between"):
                    return []  # "conflict between A and B", "confrontation with A": no side taken
                if flag == "agent" and toks[c].text.lower() != "by":
                    continue
                mods |= tree.within(c)
        if hit(mods):
            return hit(mods)
        if k not in subject and toks[k].dep in ("attr", "acomp", "pobj", "dobj", "oprd") and hit(subject):
            return hit(subject)
    if flag == "agent":
        return []  # a hostile act with no stated doer judges no one
    path = tree.path(k)
    best, best_d = [], None
    for h, code in cands:
        d = tree.distance(path, h)
        if d is None or d > 3:
            continue
        if best_d is None or d < best_d:
            best, best_d = [code], d
        elif d == best_d and code not in best:
            best.append(code)
    return best
