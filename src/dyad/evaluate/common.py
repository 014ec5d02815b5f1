"""Token scores shared by the scorers (see ../shared/eval/FORMAT.md).

Matching is done on ``dyad.text.normalise``d text: Unicode NFKC, curly quotes and apostrophes
folded to straight ones, runs of whitespace collapsed to one space.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dyad.text import tokens


def token_prf(predicted: str | None, gold: str | None) -> tuple[float, float, float]:
    """Token-level (bag of words) precision, recall and F1 of ``predicted`` against ``gold``."""
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    if not p and not g:
        return 1.0, 1.0, 1.0
    if not p or not g:
        return 0.0, 0.0, 0.0
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values())
    recall = overlap / sum(g.values())
    f1 = 0.0 if overlap == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean rounded to four places; ``None`` when there is nothing to average."""
    values = list(values)
    return round(sum(values) / len(values), 4) if values else None
