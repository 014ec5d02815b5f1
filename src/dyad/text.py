"""Text normalisation, the one definition every stage and scorer uses.

``normalise``: Unicode NFKC, curly quotes and apostrophes folded to straight ones, runs of
whitespace collapsed to one space, stripped. Used for ids, duplicate detection, repeated-line
learning and the scorers' matching (see ../shared/eval/FORMAT.md).
"""
from __future__ import annotations

import re
import unicodedata

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
