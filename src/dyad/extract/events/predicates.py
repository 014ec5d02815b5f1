"""The predicate lexicon of ``extract.events``: ``data/predicates.tsv`` read into ``Entry`` rows,
matched against a token and its dependents; the CAMEO codes of announced intent.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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


def _load() -> dict[tuple[str, str], list[Entry]]:
    table: dict[tuple[str, str], list[Entry]] = {}
    for line in (DATA / "predicates.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        phrase, pos, cameo, plover, quad, intensity = cols[:6]
        raw_flags = {f.strip() for f in (cols[6] if len(cols) > 6 else "").split(",") if f.strip()}
        mode = next((f.split("=", 1)[1] for f in raw_flags if f.startswith("mode=")), None)
        entry = Entry(tuple(phrase.lower().split()), pos, cameo, plover, int(quad), float(intensity),
                      frozenset(f for f in raw_flags if "=" not in f), mode)
        for w in set(entry.words):
            table.setdefault((w, pos), []).append(entry)
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
        if len(others) == len(e.words) - 1 and all(w in near for w in others):
            return e
    return None
