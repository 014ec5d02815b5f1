"""Text normalisation and token scores shared by the scorers (see ../shared/eval/FORMAT.md).

Matching is done after Unicode NFKC normalisation, with curly quotes and apostrophes folded
to straight ones and runs of whitespace collapsed to one space.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "\u0060": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
    }
)
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def normalise(text: str | None) -> str:
    """NFKC, straight quotes, whitespace runs collapsed to one space, stripped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def tokens(text: str | None) -> list[str]:
    """Word tokens of the normalised, case-folded text."""
    return _TOKEN.findall(normalise(text).casefold())


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
