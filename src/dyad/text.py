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


# C0 and C1 controls, DEL, and the characters that break or reorder a terminal line
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
        f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters (newline, ESC, ...),
    line separators and bidirectional overrides written as ``\\n``, ``\\x1b``, ``\\u202e``."""
    return _UNPRINTABLE.sub(_escape, text)


# zero-width space, word joiner, BOM (zero-width no-break space), soft hyphen, Mongolian vowel separator
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")
# zero-width (non-)joiners spell Persian, Arabic and Indic words and join emoji: only those
# between (or beside) Latin letters, digits and punctuation are taken out
_JOINER = re.compile("(?:(?<=[\x00-\u024f])|^)[\u200c\u200d]+(?=[\x00-\u024f]|$)", re.MULTILINE)


def strip_invisible(text: str) -> str:
    """``text`` without the invisible characters that split a word for a tokenizer but not for
    a reader: zero-width spaces, word joiners, BOMs and soft hyphens, and zero-width
    (non-)joiners inside Latin-script words."""
    if not text.isascii():
        text = _JOINER.sub("", _INVISIBLE.sub("", text))
    return text
