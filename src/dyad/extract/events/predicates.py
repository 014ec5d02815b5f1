"""The predicate lexicon of ``extract.events``: ``data/predicates.tsv`` and the derived
``data/cameo_verbs.tsv`` read into ``Entry`` rows,
matched against a token and its dependents; the CAMEO codes of announced intent.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.extract import lexicon

if TYPE_CHECKING:
    from dyad.extract.events.arguments import Context

DATA = Path(__file__).resolve().parent / "data"

INTENT = {"04": ("036", "AGREE"), "05": ("032", "AGREE"), "06": ("031", "AGREE"), "07": ("033", "AGREE")}
#: an act announced by its own actor ("X said it will release ...") is coded as the announcement:
#: intent to cooperate (CAMEO 03) or a threat (CAMEO 13), after the act's root
INTENT_COOP = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
INTENT_CONFLICT = {"15": "138", "16": "132", "17": "137", "18": "138", "19": "138", "20": "138"}

@dataclass(frozen=True, slots=True)
class Entry:
    words: tuple[str, ...]
    pos: str  # V | N | A
    cameo: str
    plover: str
    quad: int
    intensity: float
    flags: frozenset[str]
    mode: str | None

    @property
    def root(self) -> str:
        return self.cameo[:2]


def _rows(name: str) -> list[Entry]:
    entries = []
    for cols in lexicon.tsv(DATA / name):
        phrase, pos, cameo, plover, quad, intensity = cols[:6]
        raw_flags = {f.strip() for f in (cols[6] if len(cols) > 6 else "").split(",") if f.strip()}
        mode = next((f.split("=", 1)[1] for f in raw_flags if f.startswith("mode=")), None)
        entries.append(Entry(tuple(phrase.lower().split()), pos, cameo, plover, int(quad), float(intensity),
                             frozenset(f for f in raw_flags if "=" not in f), mode))
    return entries


def _load() -> dict[tuple[str, str], list[Entry]]:
    """Dyad's own predicates (``predicates.tsv``), then the CAMEO verb patterns derived from
    PETRARCH-2 (``cameo_verbs.tsv``) for every verb the own table does not cover: where Dyad's
    table has a lemma, its entries (with their sense checks) are the only ones used."""
    table: dict[tuple[str, str], list[Entry]] = {}
    own = _rows("predicates.tsv")
    covered = {(e.words[0], e.pos) for e in own}
    nouns = {e.words[0] for e in own if e.pos == "N"}
    derived = [
        e for e in _rows("cameo_verbs.tsv")
        # multi-word patterns only ("ratify treaty", "expel diplomat"); none whose word is an event
        # noun of Dyad's own ("pay compensation", "issue an ultimatum": the noun codes the act)
        if (e.words[0], e.pos) not in covered and len(e.words) > 1 and not nouns & set(e.words[1:])
    ]
    for entry in own:
        for w in set(entry.words):
            table.setdefault((w, entry.pos), []).append(entry)
    for entry in derived:  # under its verb only: the other words are its dependents
        entry = replace(entry, flags=entry.flags | {"derived"})
        table.setdefault((entry.words[0], entry.pos), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: -len(e.words))
    return table


LEXICON = _load()
_POS = {"VERB": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}


def match_entry(ctx: Context, i: int) -> Entry | None:
    """The lexicon entry for the predicate at token ``i`` (longest phrase first)."""
    t = ctx.toks[i]
    pos = _POS.get(t.pos)
    if pos is None:
        return None
    lemma = t.lemma.lower()
    candidates = LEXICON.get((lemma, pos)) or LEXICON.get((t.text.lower(), pos))
    if not candidates:
        return None
    near = None
    for e in candidates:
        if len(e.words) == 1:
            return e if e.words[0] in (lemma, t.text.lower()) else None
        if near is None:
            near = {ctx.toks[k].lemma.lower() for k in ctx.descendants(i, 3)}
            near |= {ctx.toks[t.head].lemma.lower()} if t.head != i else set()
            near |= {ctx.toks[k].lemma.lower() for k in range(max(0, i - 1), min(len(ctx.toks), i + 2))}
        others = list(e.words)
        others.remove(lemma) if lemma in others else None
        if len(others) == len(e.words) - 1 and all(
                _particle_ok(ctx, i, w) if w in PARTICLES else w in near for w in others):
            return e
    return None


#: the particles and prepositions of phrasal predicates ("call on", "call off", "break with")
PARTICLES = frozenset({"on", "upon", "for", "off", "out", "up", "with", "to", "down", "in", "away", "back", "over"})
_TIME_LABELS = frozenset({"DATE", "TIME"})


def _particle_ok(ctx: Context, i: int, word: str) -> bool:
    """The particle of a phrasal predicate is the verb's own, and no time phrase ("called X on
    Monday" is no "call on")."""
    toks = ctx.toks
    for k in ctx.kids[i]:
        if toks[k].text.lower() == word and toks[k].dep in ("prt", "prep", "agent", "dative"):
            objs = [p for p in ctx.kids[k] if toks[p].dep == "pobj"]
            if not any(toks[p].ent_type in _TIME_LABELS for p in objs):
                return True
    return False
