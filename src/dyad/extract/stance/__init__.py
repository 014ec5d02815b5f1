"""Where speakers stand: a holder's polarity toward each actor they speak about.

Lexicon-based and parse-aware. For every statement (a quote's words, or for an opinion piece
the author's own sentences outside quotes) each polarity word from ``data/lexicon.tsv``
is credited to the actor mention nearest to it in the dependency tree of its sentence (a few
arcs at most), flipped when a negator's scope covers it ("is not in the interest of"; not across
another clause, nor when the negation intensifies: "never been so close", "no better partner").
Words of a concession ("although ...", "despite ...") weigh less where the main clause judges
the same target. An actor that is the object
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

from dyad.codes import is_country
from dyad.extract import lexicon
from dyad.extract.stance import references
from dyad.extract.stance.antecedents import relative_targets
from dyad.extract.stance.narrative import narrative_credits
from dyad.extract.stance.sides import actor_side
from dyad.records import Actor, Analysis, Article, Mention, Quote, Stance

WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")

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


LEXICON, FLAGS = _load_lexicon(_DATA / "lexicon.tsv")
_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "nn"})
_OBJECTS = frozenset({"dobj", "pobj", "attr", "oprd", "dative"})
_OWNER_PREPS = WORDS["owner_preps"]
HOSTILE_FRAMES = WORDS["hostile_frames"]
FIRST_PERSON = WORDS["first_person"]
THIRD_PERSON_POSSESSIVES = WORDS["third_person_possessives"]
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# clauses a negator above them does not reach ("did not attack when Norland helped")
_SCOPE_BOUNDARY = frozenset({"advcl", "relcl", "parataxis", "appos"})
_SCOPE_ARCS = 4  # how deep below what it negates a negator still reaches
_CUES = json.loads((_DATA / "cues.json").read_text(encoding="utf-8"))
NEGATORS = frozenset(_CUES["negators"])
NON_NEGATING = tuple(tuple(p.split()) for p in _CUES["non_negating"])
INTENSIFYING_NEGATORS = frozenset(_CUES["intensifying_negators"])
DEGREE_NEGATORS = frozenset(_CUES["degree_negators"])
DEGREE_WORDS = frozenset(_CUES["degree_words"])
MODAL_INTENSIFIERS = frozenset(_CUES["modal_intensifiers"])
COMPARATIVE_QUANTIFIERS = frozenset(_CUES["comparative_quantifiers"])
CONCESSIVE_MARKS = tuple(tuple(p.split()) for p in _CUES["concessive_marks"])
CONCESSIVE_PREPS = tuple(tuple(p.split()) for p in _CUES["concessive_preps"])
CONCESSIVE_WEIGHT = float(_CUES["concessive_weight"])
NEG_RAISING = frozenset(_CUES["neg_raising"])
ADJUNCT_PREPS = tuple(tuple(p.split()) for p in _CUES["adjunct_preps"])
OPINION_MARKERS = tuple(_CUES["opinion_markers"])
MIN_OPINION_MARKERS = int(_CUES["min_opinion_markers"])
THRESHOLD = float(_CUES["threshold"])
ADJECTIVE_ONLY = frozenset(_CUES["adjective_only"])
IRONIC_MARKS = tuple(tuple(p.split()) for p in _CUES["ironic_marks"])
PATIENT_PREPS = frozenset(_CUES["patient_preps"])
_PRONOUN_SPEAKERS = frozenset("i me we us you he him she her they them it who this that".split())
_SLUG = re.compile(r"[^a-z0-9]+")


def is_opinion_piece(article: Article) -> bool:
    """An authored piece whose title or text carries opinion markers."""
    if not article.authors:
        return False
    hay = f"{article.title or ''}\n{article.text}".lower()
    return sum(1 for m in OPINION_MARKERS if m in hay) >= MIN_OPINION_MARKERS


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
        tops = [i for i in inside if not (start <= self.toks[self.toks[i].head].start < end) or self.toks[i].head == i]
        words = [i for i in tops if self.toks[i].pos not in ("DET", "PUNCT", "PART")]  # not "the" of "the EU"
        return (words or tops or inside or [None])[0]

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
        """Whether a negator of i's sentence flips the polarity word at i.

        A negator reaches only its own scope: the subtree of what it modifies (the predicate,
        when that is a verb, but not its subject; the whole clause when it negates the subject:
        "no one supports"), never across an adverbial, relative or coordinated clause of its
        own, nor past "but"/"yet" ("not a rival but a partner"). Negators that do not negate
        ("not only", "nothing but", "no doubt") and negated degrees or comparatives that
        intensify ("never been so close", "no better partner") are skipped.
        """
        sent = self.toks[i].sentence
        lo = hi = i
        while lo > 0 and self.toks[lo - 1].sentence == sent:
            lo -= 1
        while hi + 1 < len(self.toks) and self.toks[hi + 1].sentence == sent:
            hi += 1
        for n in range(lo, hi + 1):
            tok = self.toks[n]
            if n == i or not (tok.text.lower() in NEGATORS or tok.dep == "neg"):
                continue
            if self._non_negating(n) or tok.text.lower() == "no" and tok.pos in ("NOUN", "PROPN", "NUM"):
                continue  # "not only", "nothing but"; "No. 1"
            root, keep_subject = self._neg_scope(n)
            if not self._in_scope(n, i, root, keep_subject) or self._intensifies(n, i, root):
                continue
            return True
        return False

    def _words(self, n: int, size: int) -> str:
        return " ".join(t.text.lower() for t in self.toks[n : n + size])

    def _non_negating(self, n: int) -> bool:
        return any(self._words(n, len(p)) == " ".join(p) for p in NON_NEGATING)

    def _neg_scope(self, n: int) -> tuple[int, bool]:
        """The token whose subtree negator n reaches, and whether that subtree's subject counts."""
        tok = self.toks[n]
        if tok.pos == "ADP" or tok.pos in ("VERB", "AUX") and tok.dep != "neg":  # "without", "lack"
            return n, False
        if tok.dep in _SUBJECTS:  # "nothing", "no one", "none of them" as subject: the clause
            return tok.head, True
        if tok.pos in ("NOUN", "PRON", "PROPN") or tok.dep in _OBJECTS:  # "nothing", "none" as object
            return n, True
        head = self.toks[tok.head]
        if head.dep in _SUBJECTS and head.pos in ("NOUN", "PRON", "PROPN", "NUM") and head.head != head.i:
            return head.head, True  # "no country supports ...", "neither we nor they see ..."
        if head.pos in ("NOUN", "PROPN", "PRON", "NUM"):
            return head.i, True  # "no strong support"
        if head.dep == "advmod" and self.toks[head.head].pos in ("VERB", "AUX", "ADJ"):
            return head.head, False  # "no longer supports", "is no longer a partner", "no longer obsolete"
        if head.pos == "AUX" and head.dep in ("aux", "auxpass") and head.head != head.i:
            return head.head, False  # "has n't attacked", parsed onto the auxiliary
        return head.i, False  # "is not", "never been", "not reliable"

    def _in_scope(self, n: int, i: int, root: int, keep_subject: bool) -> bool:
        j, hops = i, 0
        while j != root:
            t = self.toks[j]
            if t.head == j or hops > _SCOPE_ARCS or t.dep in _SCOPE_BOUNDARY:
                return False
            if t.head == root and (
                t.dep == "prep" and self._starts(j, ADJUNCT_PREPS, back=1)
                or t.dep in ("prep", "npadvmod", "advmod") and j < n
            ):
                return False  # an adjunct ("amid rising concern"), or one fronted before the negator
            if t.dep == "conj" and (
                any(self.toks[c].dep in _SUBJECTS for c in self.children[j])
                or any(
                    self.toks[c].dep == "cc" and self.toks[c].text.lower() in ("but", "yet")
                    for c in self.children[t.head]
                )
            ):
                return False  # a clause of its own, or "not X but Y"
            if t.head == root and not keep_subject and t.dep in _SUBJECTS:
                return False  # a negated predicate says nothing of its subject
            if j != i and t.pos in ("VERB", "AUX") and t.dep != "conj" and not (
                t.head == root
                and j > n
                and (t.dep == "xcomp" or t.dep == "ccomp" and self.toks[root].lemma.lower() in NEG_RAISING)
            ):
                return False  # another predicate's clause, save the complement the negator raises from
            j, hops = t.head, hops + (t.dep != "conj")
        return True

    def _intensifies(self, n: int, i: int, root: int) -> bool:
        """A negated degree or comparative that says 'more than ever' rather than 'not'."""
        word = self.toks[n].text.lower()
        if word not in INTENSIFYING_NEGATORS:
            return False
        if word in ("not", "n't") and not any(
            self.toks[c].lemma.lower() in MODAL_INTENSIFIERS or self.toks[c].text.lower() in MODAL_INTENSIFIERS
            for c in self.children[self.toks[n].head]
        ):
            return False  # "not better" negates; "could not be better" does not
        phrase, j = [i], i  # the word and the nominal or adjective it modifies
        while (
            j != root
            and self.toks[j].dep in ("amod", "advmod", "compound", "nmod", "conj")
            and self.toks[self.toks[j].head].pos not in ("VERB", "AUX")
        ):
            j = self.toks[j].head
            phrase.append(j)
        for p in phrase:
            for c in [p, *self.children[p]]:
                t = self.toks[c]
                if c != p and t.dep not in ("amod", "advmod", "predet", "det", "npadvmod") or c == self.toks[n].head:
                    continue  # not a modifier, or the negator's own ("no longer")
                if t.tag in ("JJR", "RBR") and t.text.lower() not in COMPARATIVE_QUANTIFIERS:
                    return True  # "no better partner", "never been closer"
                if t.tag in ("JJR", "RBR") and c != p and self.toks[p].pos in ("ADJ", "ADV"):
                    return True  # "never more valuable"
                if word in DEGREE_NEGATORS and c != p and t.text.lower() in DEGREE_WORDS:
                    return True  # "never been so close", "never had such good relations"
        return False

    def concessive(self, i: int) -> bool:
        """Whether token i lies in a clause or phrase that concedes ("although ...", "despite ...")."""
        j, hops = i, 0
        while hops < 40:
            t = self.toks[j]
            for c in self.children[j]:
                if self.toks[c].dep == "mark" and self._starts(c, CONCESSIVE_MARKS, back=1):
                    return True
            if t.dep == "prep" and self._starts(j, CONCESSIVE_PREPS, back=2):
                return True
            if t.head == j:
                return False
            j, hops = t.head, hops + 1
        return False

    def under_frame(self, i: int) -> bool:
        """Whether token i lies in the complement of a charge or a worry ("accused X of ...",
        "concerned that ..."), within a few arcs."""
        j = i
        for _ in range(6):
            t = self.toks[j]
            if t.head == j:
                return False
            head = self.toks[t.head]
            if head.lemma.lower() in HOSTILE_FRAMES and t.dep in ("ccomp", "xcomp", "prep", "pcomp", "advcl"):
                return True
            j = t.head
        return False

    def with_conjuncts(self, tokens: set[int]) -> set[int]:
        """Tokens with the nouns coordinated to them ("the UK, France, and Germany")."""
        out, stack = set(tokens), list(tokens)
        while stack:
            for c in self.children[stack.pop()]:
                if c not in out and self.toks[c].dep == "conj" and self.toks[c].pos in ("NOUN", "PROPN"):
                    out.add(c)
                    stack.append(c)
        return out

    def ironic(self, i: int) -> bool:
        """Whether a mocking modifier ("so-called", "self-styled") stands just before token i."""
        return any(self._starts(j, IRONIC_MARKS, back=0) for j in range(max(0, i - 3), i))

    def between_others(self, k: int, code: str, own: str, cands) -> bool:
        """Whether the clause of token k relates ``code`` to another side, none of them the
        holder's own (no mention of ``own``, no "we", "our"); a clause with no subject of its
        own ("the means of helping X") takes that of the clause above it."""
        verb = self.clause(k)
        clause = self.within(verb)
        clause |= {j for j in range(len(self.toks)) if self.toks[j].dep == "conj" and self.toks[j].head in clause
                   and self.toks[j].pos in ("NOUN", "PROPN")}
        for _ in range(3):
            if self.subject_tokens(verb) or self.toks[verb].head == verb:
                break
            verb = self.clause(self.toks[verb].head)
            clause |= self.subject_tokens(verb)
        sides = {c for h, c in cands if h in clause}
        if any(self.toks[j].text.lower() in FIRST_PERSON for j in clause):
            return False
        return own not in sides and bool(sides - {code})

    def _starts(self, k: int, phrases, back: int) -> bool:
        """Whether one of the phrases (word tuples) covers token k, starting at most ``back`` before it."""
        for p in phrases:
            for s in range(max(0, k - back), k + 1):
                if s + len(p) > k and self._words(s, len(p)) == " ".join(p):
                    return True
        return False


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
    by_head: dict[int, tuple[str, str]] = {}
    for m in mentions:
        code = actor_side(by_key.get(m.actor_key))
        head = tree.head_of(m.start, m.end) if code else None
        if head is not None:
            targets[toks[head].sentence].append((head, code))
            by_head[head] = (m.actor_key, code)
    resolved = references.resolved_targets(toks, dict(by_head), _countries(actors))
    for head, key, code in resolved + relative_targets(toks, dict(by_head)):
        targets[toks[head].sentence].append((head, code))
        by_head.setdefault(head, (key, code))
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
    # (holder, code, sentence, conceded?, value, span, quote start)
    credits: list[tuple[str, str, int, bool, float, tuple[int, int], int | None]] = []
    for key, name, qstart, spans in units:
        holder_names[key] = name
        own = actor_side(by_key.get(key))
        for a, b in spans:
            k = bisect_left(tree.starts, a)
            while k < len(toks) and toks[k].start < b:
                t = toks[k]
                cands = [
                    (h, c) for h, c in targets.get(t.sentence, ())
                    if a <= toks[h].start < b and by_head[h][0] != key
                ]
                if cands:
                    for code, value in _credit(tree, k, cands, own):
                        credits.append((key, code, t.sentence, tree.concessive(k), value, (t.start, t.end), qstart))
                k += 1
    for key, code, value, v in _told(tree, by_head, quotes):
        holder_names[key] = names.get(key, key)
        credits.append((key, code, toks[v].sentence, False, value, (toks[v].start, toks[v].end), None))
    # a concession ("although X criticised us, X remains a partner") weighs little where the
    # main clause of the same sentence judges the same target
    judged = {(key, code, sent) for key, code, sent, conceded, *_ in credits if not conceded}
    for key, code, sent, conceded, value, span, qstart in credits:
        if conceded and (key, code, sent) in judged:
            value *= CONCESSIVE_WEIGHT
        _add(key, code, value, span, qstart, score, evidence, starts)
    out = []
    for (key, code), value in sorted(score.items()):
        if not key.startswith(("person:", "speaker:", "author:")) and actor_side(by_key.get(key)) == code:
            continue  # a state or body's words about itself
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


def _countries(actors) -> frozenset[str]:
    """The sides that are countries: those of country actors, and any ISO code."""
    sides = {actor_side(a) for a in actors}
    return frozenset(s for s in sides if s and (is_country(s) or any(a.type == "country" and a.key == s for a in actors)))


def _told(tree: _Tree, by_head, quotes):
    """The attitudes the report tells outside quotes ("X accused Y of ...")."""
    spans = sorted((q.start, q.end) for q in quotes)
    starts = [a for a, _ in spans]

    def inside(i: int) -> bool:
        j = bisect_left(starts, tree.toks[i].start + 1) - 1
        return j >= 0 and spans[j][0] <= tree.toks[i].start < spans[j][1]

    people = {
        t.i: ref for t in tree.toks
        if t.text.lower() in references.PERSON_PRONOUNS and t.pos == "PRON" and not inside(t.i)
        and (ref := references.person_before(tree.toks, t.i, by_head))
    }
    return narrative_credits(tree, {**people, **by_head}, inside)


def _credit(tree: _Tree, k: int, cands, own: str | None = None) -> list[tuple[str, float]]:
    """Token k's polarity (if any), with the target mentions of its sentence it is about.

    A friendly word inside a charge or a worry ("accused X of deepening cooperation") is no
    praise; nor is one that tells of a relation between others, where the holder's own side
    (``own``) takes no part ("X is offering Y support", said by Z)."""
    t = tree.toks[k]
    word = t.text.lower()
    value = LEXICON.get(word)
    if value is None:
        value = LEXICON.get(t.lemma.lower())
    if value is None or any(h == k for h, _ in cands):
        return []
    if t.pos == "VERB" and (word in ADJECTIVE_ONLY or t.lemma.lower() in ADJECTIVE_ONLY):
        return []  # "closing a consulate" is not "close ties"
    if value > 0 and t.dep in ("amod", "advmod") and _value(tree.toks[t.head]) < 0:
        return []  # a degree of a hostile word: "a great shame", "strong condemnation"
    if value > 0 and t.pos == "NOUN" and _names_relatives(tree, k):
        return []  # "the US and its allies" names whom they ally with; it does not praise them
    if tree.negated(k):
        value = -value
    if value > 0 and tree.ironic(k):
        value = -value  # "our so-called partners"
    if value > 0 and tree.under_frame(k):
        return []
    flag = FLAGS.get(word) or FLAGS.get(t.lemma.lower(), "")
    best = _targets_of(tree, k, flag, value, cands)
    if flag == "agent" and value < 0 and own in best:
        best = _patients(tree, k, cands, own)  # "our sanctions on X": we stand against X
    if value > 0 and own is not None:
        best = [code for code in best if not tree.between_others(k, code, own, cands)]
    return [(code, value) for code in best]


def _names_relatives(tree: _Tree, k: int) -> bool:
    """Whether noun k names someone's relatives ("its allies", "their partners"), not a
    relation with a party of its own ("its friendship with X")."""
    deps = {tree.toks[c].dep: tree.toks[c].text.lower() for c in tree.children[k]}
    return deps.get("poss") in THIRD_PERSON_POSSESSIVES and "prep" not in deps


def _value(t) -> float:
    """The lexicon polarity of token t (its form, else its lemma); 0 for none."""
    value = LEXICON.get(t.text.lower())
    return LEXICON.get(t.lemma.lower(), 0.0) if value is None else value


def _patients(tree: _Tree, k: int, cands, own: str) -> list[str]:
    """Whom a hostile act at k is aimed at (its object, or the object of "on", "against"),
    the holder's own side excepted."""
    toks, aimed = tree.toks, set()
    for c in tree.children[k]:
        if toks[c].dep in _OBJECTS or toks[c].dep == "prep" and toks[c].text.lower() in PATIENT_PREPS:
            aimed |= tree.within(c)
    return list(dict.fromkeys(code for h, code in cands if h in aimed and code != own))


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
        tokens = tree.with_conjuncts(tokens)
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
