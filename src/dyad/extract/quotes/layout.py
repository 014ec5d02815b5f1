"""Speakers that the layout names rather than a cue verb: a signature after a quote
('“…” ― Ana Ruiz, Lund') and a speaker label opening a transcript paragraph ('RUIZ: …')."""
from __future__ import annotations

import re
from bisect import bisect_left

from dyad.extract.quotes.cues import Parse

_SIGNATURE = re.compile(r"[\"”’»'.,!?]*[\s\u00a0]*(?:[―—–]|--)[\s\u00a0]*(?=[A-Z])")
_LABEL = re.compile(r"[\"“'‘]?[\s\u00a0]*([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):\s")
_NAME_LABEL = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}):\s")  # a headline's 'Ruiz: …'
_SIGNATURE_TAIL = 8  # words a signature may run to after the name: ', a teacher in Lund'


def _first_token(p: Parse, pos: int) -> int | None:
    k = bisect_left(p.starts, pos)
    return k if k < len(p.toks) else None


def signature(p: Parse, text: str, end: int, para_end: int) -> int | None:
    """The last token of a name signed after a quote by a dash, closing its paragraph."""
    m = _SIGNATURE.match(text, end, para_end)
    k = None if m is None else _first_token(p, m.end())
    if k is None or p.toks[k].pos != "PROPN":
        return None
    while k + 1 < len(p.toks) and p.toks[k + 1].pos == "PROPN" and p.toks[k + 1].start < para_end:
        k += 1
    if len(text[p.toks[k].end : para_end].split()) > _SIGNATURE_TAIL:
        return None
    return k


def label(p: Parse, text: str, para_start: int) -> tuple[int, int] | None:
    """(speaker token, content start) of a paragraph opening with a capitalised label and a colon."""
    m = _LABEL.match(text, para_start) or _NAME_LABEL.match(text, para_start)
    if m is None or len(m.group(1)) < 2:
        return None
    k = _first_token(p, m.start(1) + len(m.group(1)) - 1)
    k = k if k is not None and p.toks[k].start < m.end(1) else bisect_left(p.starts, m.start(1))
    while k > 0 and p.toks[k].start >= m.end(1):
        k -= 1
    if not m.group(1).isupper() and not _is_name(p, k):
        return None
    return k, m.end()


def _is_name(p: Parse, k: int) -> bool:
    t = p.toks[k]
    return t.pos == "PROPN" and (t.ent_type in ("PERSON", "ORG") or k in p.person_tokens)
