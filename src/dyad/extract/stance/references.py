"""Targets named without a name: "the two countries", "both sides", "bilateral" (the pair the
article is about), "they", "their" (the plural actor phrase just before) and "the regime",
"the alliance" (the country or organisation last mentioned), for stances.

A pair phrase stands for the two country sides the article mentions most; a plural pronoun
for the nearest actor phrase before it, in its sentence or the one before, whose head noun is
plural ("the EU sanctions ... they", "the Russian people ... they") and that is no person.
Each resolution is a (token, side) target like a mention's head; the pronoun of a person
holder ("he", "she") is resolved by ``person_before``.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from dyad.extract import lexicon

_WORDS = lexicon.words(Path(__file__).resolve().parent / "data" / "words.json")
PAIR_NOUNS = _WORDS["pair_nouns"]
PAIR_COUNTS = _WORDS["pair_counts"]
PAIR_ADJECTIVES = _WORDS["pair_adjectives"]
PLURAL_PRONOUNS = _WORDS["plural_pronouns"]
PERSON_PRONOUNS = _WORDS["person_pronouns"]
COUNTRY_DESCRIPTIONS = _WORDS["country_descriptions"]
BODY_DESCRIPTIONS = _WORDS["body_descriptions"]
PERSON_REACH = 8  # sentences: a quote split into short ones lies between
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def main_pair(sides: list[str], countries: frozenset[str]) -> tuple[str, str] | None:
    """The two country sides mentioned most (``sides``: one per mention), if there are two."""
    top = [s for s, _ in Counter(s for s in sides if s in countries).most_common(2)]
    return (top[0], top[1]) if len(top) == 2 else None


def pair_heads(toks) -> list[int]:
    """Tokens that name the article's pair: "the two countries", "both sides", "bilateral"."""
    out = []
    for t in toks:
        low = t.text.lower()
        counted = t.lemma.lower() in PAIR_NOUNS and t.tag in _PLURAL_TAGS and any(
            toks[c].text.lower() in PAIR_COUNTS for c in range(max(0, t.i - 3), t.i) if toks[c].head == t.i
        )
        if counted or low in PAIR_ADJECTIVES and t.dep == "amod":
            out.append(t.i)
    return out


def plural_antecedent(toks, i: int, heads: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """The (key, side) of the nearest plural actor phrase before pronoun i, in its sentence or
    the one before; ``heads`` maps a mention's head token to its (key, side)."""
    for j in range(i - 1, -1, -1):
        if toks[j].sentence < toks[i].sentence - 1:
            return None
        if j in heads and not heads[j][0].startswith("person:") and _plural_phrase(toks, j):
            return heads[j]
    return None


def _plural_phrase(toks, j: int) -> bool:
    """Whether the phrase mention j heads (or modifies: "the EU sanctions") is plural."""
    while toks[j].dep in _PHRASE_DEPS and toks[j].head != j and toks[j].tag not in _PLURAL_TAGS:
        j = toks[j].head
    return toks[j].tag in _PLURAL_TAGS


def described(toks, i: int, heads: dict[int, tuple[str, str]], countries: frozenset[str]) -> tuple[str, str] | None:
    """The (key, side) that "the regime", "the alliance" at i refers to: the country (or the
    organisation) last mentioned before it, within ``PERSON_REACH`` sentences."""
    t = toks[i]
    lemma = t.lemma.lower()
    if t.tag != "NN" or lemma not in COUNTRY_DESCRIPTIONS | BODY_DESCRIPTIONS or not any(
        toks[c].head == i and toks[c].text.lower() == "the" for c in range(max(0, i - 3), i)
    ):
        return None
    want_country = lemma in COUNTRY_DESCRIPTIONS
    for j in range(i - 1, -1, -1):
        if toks[j].sentence < t.sentence - PERSON_REACH:
            return None
        if j in heads and not heads[j][0].startswith("person:") and (heads[j][1] in countries) == want_country:
            return heads[j]
    return None


def person_before(toks, i: int, heads: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """The person last named before pronoun i, within ``PERSON_REACH`` sentences: the last one
    named as a subject ("Safronkov rounded on Rycroft. He accused ..."), else the last one named."""
    named = []
    for j in range(i - 1, -1, -1):
        if toks[j].sentence < toks[i].sentence - PERSON_REACH:
            break
        if j in heads and heads[j][0].startswith("person:"):
            if toks[j].dep in ("nsubj", "nsubjpass"):
                return heads[j]
            named.append(heads[j])
    return named[0] if named else None


def resolved_targets(toks, heads: dict[int, tuple[str, str]], countries: frozenset[str]) -> list[tuple[int, str, str]]:
    """(token, key, side) for each pair phrase, plural pronoun and description that refers to
    actors; ``countries``: the sides that are countries."""
    out = []
    pair = main_pair([side for _, side in heads.values()], countries)
    if pair:
        out += [(h, "pair:" + side, side) for h in pair_heads(toks) for side in pair]
    for t in toks:
        if t.i in heads:
            continue
        ref = plural_antecedent(toks, t.i, heads) if t.text.lower() in PLURAL_PRONOUNS and t.pos == "PRON" else (
            described(toks, t.i, heads, countries)
        )
        if ref:
            out.append((t.i, ref[0], ref[1]))
    return out
