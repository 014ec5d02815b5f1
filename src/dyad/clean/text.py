"""Boilerplate removal for text that reaches Dyad already flattened (one block of text a line).

A jusText-style line classifier. Each line gets a class from its own features (length,
terminal punctuation, stop-word density, the junk lexicon in ``data/junk.json``, repetition):
``good`` (article prose), ``short`` (decided by its neighbours) or ``bad``. Then structure:
runs of short lines (menus, link lists) go; a heading that introduces linked headlines
("Related News:") takes the headlines with it; a section marker that ends an article
("LATEST CONTENT", "0 Comments", "Related Posts") after enough prose ends the body; a short
line between two good lines (a sub-heading) stays. The body is the best-scoring contiguous
stretch of lines. Title, date, byline, dateline and outlet are read from the lines around it.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyad.clean import metadata
from dyad.text import normalise

_DATA = Path(__file__).parent / "data"
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_TERMINAL = re.compile(r"[.!?:;\"')\]…。！？」』）]$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_COMMENTS = re.compile(r"\b(?:comments?|repl(?:y|ies)|responses?|conversation|discussion)\b", re.IGNORECASE)
GOOD, SHORT, BAD = "good", "short", "bad"

# Tuned on the ScrapingHub (MIT) and WCXB (CC-BY-4.0) extraction sets.
MIN_GOOD_WORDS = 10
MIN_GOOD_STOP = 0.22
LONG_WORDS = 25
SHORT_WORDS = 8
BAD_LINE_COST = 6.0
END_AFTER_WORDS = 60
END_AFTER_LINES = 1
END_MAX_AFTER = 1.0  # an end marker followed by more prose than preceded it does not end the article
LENIENT = True
LINK_RUN = 3
SOFT_LINE_COST = 3.0
LEAD_MIN_STOP = 0.08


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The article body kept from a flattened page, plus the metadata its lines state."""

    body: str
    removed_lines: tuple[str, ...] = ()
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    dateline: str | None = None


@dataclass(slots=True)
class _Line:
    text: str
    norm: str
    words: int
    stop: float
    terminal: bool
    para_start: bool  # preceded by a blank line (or first)
    cls: str = BAD
    junk: str = ""  # "end" | "list" | "line" | ""
    hard: bool = False  # debris for certain (lexicon, repetition, link list, marked section)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, re.Pattern[str] | tuple[str, ...]]:
    raw = json.loads((_DATA / "junk.json").read_text(encoding="utf-8"))
    lex: dict = {k: re.compile("(?:" + "|".join(raw[k]) + r")\Z", re.IGNORECASE)
                 for k in ("end", "list", "line", "sentence")}
    lex["short_contains"] = tuple(raw["short_contains"])
    return lex


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    lines = (_DATA / "stopwords_en.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _features(text: str, para_start: bool) -> _Line:
    norm = normalise(text)
    words = _WORD.findall(norm.lower())
    stops = _stopwords()
    stop = sum(w in stops for w in words) / len(words) if words else 0.0
    count = len(words)
    cjk = len(_CJK.findall(norm))
    if cjk * 10 >= len(norm.replace(" ", "")) * 3:  # mostly written without spaces
        count, stop = max(count, cjk // 3), 1.0
    return _Line(text=text.strip(), norm=norm, words=count, stop=stop,
                 terminal=bool(_TERMINAL.search(norm)), para_start=para_start)


def _junk_kind(line: _Line) -> str:
    lex = _lexicon()
    if line.words <= 12:
        for kind in ("list", "end"):
            if lex[kind].match(line.norm):
                return kind
    if line.words <= 80 and (lex["line"].match(line.norm) or lex["sentence"].match(line.norm)):
        return "line"
    if line.words < 25:
        low = line.norm.lower()
        if any(p in low for p in lex["short_contains"]):
            return "line"
    return ""


def _base_class(line: _Line) -> str:
    if line.junk:
        return BAD
    if line.words >= MIN_GOOD_WORDS and line.stop >= MIN_GOOD_STOP and (line.terminal or line.words >= LONG_WORDS):
        return GOOD
    if line.words >= MIN_GOOD_WORDS and line.terminal and line.stop >= LEAD_MIN_STOP and line.norm[:1].isupper():
        return GOOD  # a lead sentence dense with names and titles
    if line.words <= SHORT_WORDS or (line.words < MIN_GOOD_WORDS * 2 and not line.terminal):
        return SHORT
    if line.words >= MIN_GOOD_WORDS and line.stop >= MIN_GOOD_STOP * 0.7:
        return SHORT
    return BAD


def _mark_repeats(lines: list[_Line], known: frozenset[str]) -> None:
    counts = Counter(line.norm.casefold() for line in lines)
    seen: set[str] = set()
    for line in lines:
        key = line.norm.casefold()
        if key in known or (line.words < MIN_GOOD_WORDS and counts[key] > 1) or key in seen:
            line.cls, line.hard = BAD, True
        seen.add(key)


def _mark_link_runs(lines: list[_Line]) -> None:
    """Runs of three or more short, unpunctuated lines are menus or link lists."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].cls != GOOD and lines[j].words < MIN_GOOD_WORDS and not lines[j].terminal:
            j += 1
        if j - i >= LINK_RUN:
            for line in lines[i:j]:
                line.cls, line.hard = BAD, True
        i = max(j, i + 1)


def _good_words_before(lines: list[_Line], index: int) -> int:
    return sum(line.words for line in lines[:index] if line.cls == GOOD)


def _apply_markers(lines: list[_Line]) -> None:
    """'Related News:' takes its headlines; an end-of-article marker after the body ends it."""
    for i, line in enumerate(lines):
        before = _good_words_before(lines, i) if line.junk == "end" else 0
        if before >= END_AFTER_WORDS:
            good_before = sum(1 for ln in lines[:i] if ln.cls == GOOD)
            after = sum(ln.words for ln in lines[i + 1:] if ln.cls == GOOD)
            comments = bool(_COMMENTS.search(line.norm))  # reader comments are prose, never the article
            if good_before >= END_AFTER_LINES and (comments or after < before * END_MAX_AFTER):
                for rest in lines[i:]:
                    rest.cls, rest.hard = BAD, True
                return
        if line.junk in ("list", "end"):
            for follower in lines[i + 1:]:
                if follower.junk or follower.cls == GOOD and follower.terminal:
                    break
                if follower.words > 25:
                    break
                follower.cls, follower.hard = BAD, True


def _resolve_short(lines: list[_Line]) -> None:
    """A short line between two good lines (across other short lines) is a sub-heading: keep it."""
    n = len(lines)
    for i, line in enumerate(lines):
        if line.cls != SHORT:
            continue
        prev = next((lines[k].cls for k in range(i - 1, -1, -1) if lines[k].cls != SHORT), BAD)
        nxt = next((lines[k].cls for k in range(i + 1, n) if lines[k].cls != SHORT), BAD)
        line.cls = "keep" if prev == GOOD and nxt == GOOD else BAD
    for line in lines:
        if line.cls == "keep":
            line.cls = GOOD


def _best_span(lines: list[_Line]) -> tuple[int, int]:
    """The contiguous stretch of lines with the most good words, bad lines costing some."""
    best, best_span = 0.0, (0, 0)
    run, start = 0.0, 0
    for i, line in enumerate(lines):
        gain = float(line.words) if line.cls == GOOD else -(BAD_LINE_COST if line.hard else SOFT_LINE_COST)
        if run <= 0:
            run, start = 0.0, i
        run += gain
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span


def _adapt_to_language(lines: list[_Line]) -> None:
    """Pages with few English stop words (other languages) are judged on length alone;
    scripts written without spaces count about four characters a word."""
    total = sum(line.words for line in lines)
    stops = sum(line.stop * line.words for line in lines)
    if total == 0 or stops / total >= 0.12:
        return
    for line in lines:
        line.stop = 1.0
        line.words = max(line.words, len(line.norm.replace(" ", "")) // 4 if _CJK.search(line.norm) else 0)


_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"'])\s+(?=[A-Z\u201c\"'\[(])")


def _strip_sentences(raw: str, removed: list[str]) -> str:
    """A line without its debris sentences (licence footers, image captions and credits), which
    one-line texts carry inside their only line; what is cut goes to ``removed``."""
    lex = _lexicon()["sentence"]
    parts = _SENTENCE_END.split(raw.strip())
    if len(parts) == 1:
        return raw
    kept = []
    for part in parts:
        (removed if lex.match(normalise(part)) else kept).append(part)
    return " ".join(kept)


def _split(text: str, removed: list[str]) -> list[_Line]:
    lines: list[_Line] = []
    blank = True
    for raw in text.splitlines():
        raw = _strip_sentences(raw, removed)
        if not raw.strip():
            blank = True
            continue
        lines.append(_features(raw, blank))
        blank = False
    return lines


def _title(lines: list[_Line], start: int) -> tuple[str | None, int]:
    """The headline: the line just above the body that looks like one; and its index."""
    first = set(_WORD.findall(lines[0].norm.lower())) if lines else set()
    candidates = []
    for k in range(start - 1, max(-1, start - 12), -1):
        line = lines[k]
        if line.junk or metadata.is_date_line(line.norm) or metadata.find_byline(line.norm):
            continue
        if not 2 <= line.words <= 30 or line.norm.endswith(".") or line.norm.islower():
            continue
        words = set(_WORD.findall(line.norm.lower()))
        overlap = len(words & first) / len(words | first) if words and k > 0 else 0.0
        candidates.append((overlap >= 0.5, k == 0 or overlap >= 0.5, -(start - k), k))
    if not candidates:
        return None, -1
    k = max(candidates)[3]
    return lines[k].text, k


def clean_text(text: str, *, known_boilerplate: frozenset[str] = frozenset()) -> CleanedText:
    """Keep the article body of a flattened page; find the metadata its lines state.

    ``known_boilerplate`` holds normalised lines seen repeated across articles of one outlet.
    """
    cut: list[str] = []
    lines = _split(text, cut)
    _adapt_to_language(lines)
    known = frozenset(normalise(k).casefold() for k in known_boilerplate)
    for line in lines:
        line.junk = _junk_kind(line)
        line.cls = _base_class(line)
        line.hard = bool(line.junk)
    _mark_repeats(lines, known)
    _mark_link_runs(lines)
    _apply_markers(lines)
    _resolve_short(lines)
    start, end = _best_span(lines)
    kept = [i for i in range(start, end) if lines[i].cls == GOOD or (LENIENT and not lines[i].hard)]
    body_start = kept[0] if kept else len(lines)

    title, title_at = _title(lines, body_start)
    head = [ln.norm for ln in lines[max(0, title_at + 1 if title_at >= 0 else body_start - 6):body_start]]
    date = next((d for d in (metadata.find_date(h) for h in head if metadata.is_date_line(h)) if d), None)
    authors: tuple[str, ...] = ()
    for h in head:
        authors = authors or metadata.find_byline(h)
    body_lines = [lines[i] for i in kept]
    dateline = outlet = None
    if body_lines:
        dateline, outlet = metadata.find_dateline(body_lines[0].norm)
        for line in body_lines[:3]:
            authors = authors or metadata.find_author_tag(line.norm)
        for line in reversed(body_lines[-3:] + lines[kept[-1] + 1:kept[-1] + 4]):
            authors = authors or metadata.find_bio(line.norm) or metadata.find_byline(line.norm)
        if not date:
            date = next((metadata.find_date(ln.norm) for ln in body_lines[:1] if metadata.is_date_line(ln.norm)), None)

    paragraphs = [lines[i].text for i in kept]
    kept_set = set(kept)
    removed = tuple(cut) + tuple(ln.text for i, ln in enumerate(lines) if i not in kept_set)
    return CleanedText(body="\n\n".join(paragraphs), removed_lines=removed, title=title, date=date,
                       authors=authors, outlet=outlet, dateline=dateline)
