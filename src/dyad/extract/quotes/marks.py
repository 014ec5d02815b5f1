"""Quotation marks paired per paragraph: straight, curly, guillemets, low-9, and single
marks where they cannot be apostrophes. A mark left open at a paragraph's end closes there,
and the quote continues into the next paragraph when that one opens with a mark."""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚‹›"
_MARK_RE = re.compile(r"[\"“”„«»'‘’‚‹›]")
_PARA_RE = re.compile(r"[^\n]+")


@dataclass(slots=True)
class QuotedSpan:
    """A quoted stretch of text (marks excluded) in the paragraph it came from."""

    start: int
    end: int
    pieces: list[tuple[int, int]]
    para_start: bool  # the opening mark starts its paragraph
    whole_para: bool  # the quote is (nearly) its whole paragraph
    used: bool = False


def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:" or before in DOUBLE_MARKS) and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


#: opening marks that differ from their closing one, so a second opening can only nest;
#: the opening mark of a quote ('”' typed for '“' too) -> the one that nests inside it
_NESTS = {"“": "“", "”": "“", "«": "«"}
_CLOSES = {"“": "”", "«": "»"}


def _balanced(text: str, i: int, hi: int) -> bool:
    """The opening mark at ``i`` nests: enough closing marks follow it to close it and the
    quote around it, so an opening mark typed by mistake does not swallow the real close."""
    close = _CLOSES[text[i]]
    rest = text[i:hi]
    return rest.count(close) >= rest.count(text[i]) + 1


def _pair(text: str, lo: int, hi: int, marks: str) -> list[tuple[int, int, bool]]:
    """Pairs of (open index, close index, closed?) of one family of marks in text[lo:hi]."""
    out: list[tuple[int, int, bool]] = []
    opening, depth = -1, 0
    for m in _MARK_RE.finditer(text, lo, hi):
        ch, i = m.group(), m.start()
        if ch not in marks:
            continue
        single = ch in SINGLE_MARKS
        if single and i > lo and i + 1 < hi and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue  # an apostrophe inside a word: don't, Iran's
        if opening < 0:
            if ch == "”" and _is_open(text, i) and text.find("”", i + 1, hi) > 0:
                opening = i  # '”We will win.”': a closing mark typed for the opening one
                continue
            if ch in "”»›" and not (ch in "»" and _is_open(text, i)):
                continue
            if ch == "’" or (ch in "\"'" and not _is_open(text, i)):
                continue
            if single and not _is_open(text, i):
                continue
            opening = i
        else:
            if ch == _NESTS.get(text[opening]) and _is_open(text, i) and _balanced(text, i, hi):
                depth += 1  # '“He calls it “a trap” and walks away.”': a quote inside the quote
                continue
            if ch in "“„‘‚" and not _is_close(text, i):
                continue
            if (ch in "\"'’»›" or ch in "”") and not _is_close(text, i):
                continue
            if single and i + 1 < hi and text[i + 1].isalpha():
                continue
            if depth and ch == _CLOSES[_NESTS[text[opening]]]:
                depth -= 1
                continue
            out.append((opening, i, True))
            opening = -1
    if opening >= 0:
        out.append((opening, hi, False))
    return out


def find_quoted(text: str) -> list[QuotedSpan]:
    """Quoted stretches of ``text``: double marks first, then single marks outside them."""
    spans: list[QuotedSpan] = []
    carry: QuotedSpan | None = None
    original, text = text, text.replace("\'\'", '"\u200b')  # typewriter ''double'' quotes
    for para in _PARA_RE.finditer(text):
        lo, hi = para.start(), para.end()
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        first = lo
        while first < hi and text[first].isspace():
            first += 1
        pairs = _pair(text, lo, hi, DOUBLE_MARKS)
        inside = [(a, b) for a, b, _ in pairs]
        singles = [
            p for p in _pair(text, lo, hi, SINGLE_MARKS)
            if p[2] and not any(a <= p[0] < b for a, b in inside)
            and len(text[p[0] + 1 : p[1]].split()) >= 3
        ]
        found = sorted(pairs + singles)
        this_carry: QuotedSpan | None = None
        for a, b, closed in found:
            s, e = a + 1, b
            while s < e and text[s] == "\u200b":
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            starts_para = a == first
            whole = starts_para and (hi - b) <= 2
            if carry is not None and starts_para:
                carry.pieces.append((s, e))
                carry.end = e
                carry.whole_para = carry.whole_para and whole
                span = carry
            else:
                span = QuotedSpan(s, e, [(s, e)], starts_para, whole)
                spans.append(span)
            this_carry = span if not closed else None
        carry = this_carry
    del original
    return spans
