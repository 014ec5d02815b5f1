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

Beside the words of quotes, the report's own telling counts (``narrative``: "X accused Y",
``naming``: "X called Y a threat", ``roles``: "Y critic X"), and so do judgments of a relation
(``relations``: "ties with Y are strained"). Which actor a word is about is ``targets``; the
parse questions (scope of negation, concession, mockery) are ``tree``; the data is ``cues``.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from dyad.codes import is_country
from dyad.extract.stance import references, relations, targets
from dyad.extract.stance.antecedents import relative_targets
from dyad.extract.stance.cues import (
    ADJECTIVE_ONLY,
    CONCESSIVE_WEIGHT,
    FLAGS,
    INTENSIFIER_WEIGHT,
    INTENSIFIERS,
    LEXICON,
    MIN_OPINION_MARKERS,
    OPINION_MARKERS,
    PRONOUN_SPEAKERS,
    SLUG,
    THRESHOLD,
)
from dyad.extract.stance.narrative import narrative_credits
from dyad.extract.stance.roles import role_credits
from dyad.extract.stance.sides import actor_side
from dyad.extract.stance.tree import Tree as _Tree
from dyad.records import Actor, Analysis, Article, Mention, Quote, Stance

EXTRACTOR = "stance.lexicon.v1"


def is_opinion_piece(article: Article) -> bool:
    """An authored piece whose title or text carries opinion markers."""
    if not article.authors:
        return False
    hay = f"{article.title or ''}\n{article.text}".lower()
    return sum(1 for m in OPINION_MARKERS if m in hay) >= MIN_OPINION_MARKERS


def _holder(q: Quote, names: dict[str, str]) -> tuple[str, str] | None:
    if q.speaker_key:
        return q.speaker_key, names.get(q.speaker_key, q.speaker_text or q.speaker_key)
    text = (q.speaker_text or "").strip()
    if not text or text.lower() in PRONOUN_SPEAKERS or text[:1].islower():
        return None
    return "speaker:" + SLUG.sub("-", text.lower()).strip("-"), text


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
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    by_head: dict[int, tuple[str, str]] = {}
    covered: set[int] = set()
    for m in mentions:
        k = bisect_left(tree.starts, m.start)
        while k < len(toks) and toks[k].start < m.end:
            covered.add(k)
            k += 1
        code = actor_side(by_key.get(m.actor_key))
        head = tree.head_of(m.start, m.end) if code else None
        if head is not None and m.kind == "surname" and toks[head].dep == "compound" \
                and toks[toks[head].head].pos == "NOUN":
            head = None  # "the Rask government" is about the government, not Rask
        if head is not None:
            by_sentence[toks[head].sentence].append((head, code))
            by_head[head] = (m.actor_key, code)
    resolved = references.resolved_targets(toks, dict(by_head), _countries(actors))
    for head, key, code in resolved + relative_targets(toks, dict(by_head)):
        by_sentence[toks[head].sentence].append((head, code))
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
                    (h, c) for h, c in by_sentence.get(t.sentence, ())
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
    """The attitudes the report tells outside quotes ("X accused Y of ...", "Sudria critic X"),
    and inside a reported (indirect) one, which tells them too ("X denied Y's claims, Reuters
    reported")."""
    spans = sorted((q.start, q.end) for q in quotes if q.kind != "indirect")
    starts = [a for a, _ in spans]

    def inside(i: int) -> bool:
        j = bisect_left(starts, tree.toks[i].start + 1) - 1
        return j >= 0 and spans[j][0] <= tree.toks[i].start < spans[j][1]

    people = {
        t.i: ref for t in tree.toks
        if t.text.lower() in references.PERSON_PRONOUNS and t.pos == "PRON" and not inside(t.i)
        and (ref := references.person_before(tree.toks, t.i, by_head))
    }
    heads = {**people, **by_head}
    return narrative_credits(tree, heads, inside) + role_credits(tree, heads, inside)


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
    if any(h == k for h, _ in cands):
        return []
    if value is None:
        return _relation(tree, k, cands, own)
    if t.pos == "VERB" and (word in ADJECTIVE_ONLY or t.lemma.lower() in ADJECTIVE_ONLY):
        return []  # "closing a consulate" is not "close ties"
    if t.dep in ("amod", "advmod") and (
        value > 0 and targets.value(tree.toks[t.head]) < 0 or word in INTENSIFIERS and targets.value(tree.toks[t.head])
    ):
        return []  # a degree of another polarity word ("a great shame", "strong condemnation") counts through it
    if any(tree.toks[c].dep in ("amod", "advmod") and tree.toks[c].text.lower() in INTENSIFIERS for c in tree.children[k]):
        value *= INTENSIFIER_WEIGHT  # "a great shame", "deeply concerned"
    if value > 0 and t.pos == "NOUN" and targets.names_relatives(tree, k):
        return []  # "the US and its allies" names whom they ally with; it does not praise them
    if tree.negated(k):
        value = -value
    if value > 0 and tree.ironic(k):
        value = -value  # "our so-called partners"
    if value > 0 and tree.under_frame(k):
        return []
    flag = FLAGS.get(word) or FLAGS.get(t.lemma.lower(), "")
    best = targets.targets_of(tree, k, flag, value, cands)
    if flag == "agent" and value < 0 and own in best:
        best = targets.patients(tree, k, cands, own)  # "our sanctions on X": we stand against X
    if value > 0 and own is not None:
        best = [code for code in best if not tree.between_others(k, code, own, cands)]
    return [(code, value) for code in best]


def _add(key, code, value, span, qstart, score, evidence, starts) -> None:
    score[(key, code)] += value
    evidence[(key, code)].append(span)
    if qstart is not None:
        starts[(key, code)].add(qstart)


def _relation(tree: _Tree, k: int, cands, own: str | None) -> list[tuple[str, float]]:
    """A word that judges a relation ("ties with X are strained", "we cut ties with X"): its
    value goes to the other parties of the relation, flipped where a negator reaches it."""
    rel = relations.judged(tree, k)
    if rel is None:
        return []
    _, value, parties = rel
    if tree.negated(k):
        value = -value
    return [(code, value) for code in dict.fromkeys(c for h, c in cands if h in parties and c != own)]
