"""When an event happened, resolved against the article's publication date.

Rules (own code, no network, no dateparser), tried on the words of the event's sentence
nearest to the predicate first:

- explicit day: "on April 13", "13 April 2021", "April 13, 2021" -> that day; without a year,
  the most recent such day on or before the publication date (``explicit-day`` /
  ``day-before-pubdate``);
- month: "in March 2021", "last March" -> month precision;
- year: "in 2020", "since late 2021" -> year precision (``explicit-year``);
- relative: "yesterday", "today", "last week"/"last month"/"last year", "on Tuesday (evening)" ->
  the weekday before the publication date (``weekday-before-pubdate``);
- nothing is invented: without a publication date a weekday or "last year" gives
  ``value=None, precision="unknown"`` with the weekday kept.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from dyad.records import EventDate

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_YEAR = r"((?:19|20)\d\d)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?\b", re.I)),
    ("my", re.compile(rf"\b(?:in|since|during|by|until|last|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?{_MON}(?:\s+{_YEAR})?\b", re.I)),
    ("iso", re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")),
    ("year", re.compile(rf"\b(?:in|since|during|by|until|of|early|late|mid-?|from)\s+(?:early\s+|late\s+|mid-?)?{_YEAR}\b(?!\s*-\s*\d)", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b", re.I)),
    ("relative", re.compile(r"\b(yesterday|today|last\s+(?:week|month|year)|this\s+(?:week|month|year)|next\s+(?:week|month|year)|tomorrow)\b", re.I)),
]


def _pub(pubdate: str | None) -> date | None:
    if not pubdate:
        return None
    try:
        return date.fromisoformat(pubdate[:10])
    except ValueError:
        return None


def _day_before(pub: date, month: int, day: int) -> date | None:
    for year in (pub.year, pub.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= pub:
            return d
    return None


def _month_shift(d: date, months: int) -> str:
    m = d.month - 1 + months
    return f"{d.year + m // 12:04d}-{m % 12 + 1:02d}"


#: a value a date can hold: years 0001-9999, month and day optional
_VALID = re.compile(r"^(?!0000)\d{4}(-\d{2}(-\d{2})?)?$")


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> EventDate | None:
    text = m.group(0)
    if kind in ("mdy", "dmy"):
        mon, day = (m.group(1), m.group(2)) if kind == "mdy" else (m.group(2), m.group(1))
        month, dd, year = MONTHS[mon.lower().rstrip(".")], int(day), m.group(3)
        if not 1 <= dd <= 31:
            return None
        if year:
            try:
                return EventDate(value=date(int(year), month, dd).isoformat(), precision="day",
                                 rule="explicit-day", text=text)
            except ValueError:
                return None
        if pub is None:
            return EventDate(value=None, precision="unknown", rule="day-without-year", text=text)
        d = _day_before(pub, month, dd)
        return None if d is None else EventDate(value=d.isoformat(), precision="day",
                                                 rule="day-before-pubdate", text=text)
    if kind == "iso":
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return EventDate(value=d.isoformat(), precision="day", rule="explicit-day", text=text)
    if kind == "my":
        month, year = MONTHS[m.group(1).lower().rstrip(".")], m.group(2)
        if year:
            return EventDate(value=f"{int(year):04d}-{month:02d}", precision="month", rule="explicit-month", text=text)
        if pub is None:
            return EventDate(value=None, precision="unknown", rule="month-without-year", text=text)
        y = pub.year if month <= pub.month else pub.year - 1
        if text.lower().startswith("last") and month == pub.month:
            y -= 1
        return EventDate(value=f"{y:04d}-{month:02d}", precision="month", rule="month-before-pubdate", text=text)
    if kind == "year":
        return EventDate(value=m.group(1), precision="year", rule="explicit-year", text=text)
    if kind == "weekday":
        wd = m.group(1).lower()
        if pub is None:
            return EventDate(value=None, precision="unknown", rule="weekday-without-pubdate",
                             text=text, weekday=wd.capitalize())
        back = (pub.weekday() - WEEKDAYS.index(wd)) % 7 or 7
        d = pub - timedelta(days=back)
        return EventDate(value=d.isoformat(), precision="day", rule="weekday-before-pubdate",
                         text=text, weekday=wd.capitalize())
    if kind == "relative":
        low = " ".join(text.lower().split())
        if pub is None:
            return EventDate(value=None, precision="unknown", rule="relative-without-pubdate", text=text)
        if low == "yesterday":
            return EventDate(value=(pub - timedelta(days=1)).isoformat(), precision="day", rule="relative-day", text=text)
        if low == "today":
            return EventDate(value=pub.isoformat(), precision="day", rule="relative-day", text=text)
        if low == "tomorrow":
            return EventDate(value=(pub + timedelta(days=1)).isoformat(), precision="day", rule="relative-day", text=text)
        unit = low.split()[-1]
        shift = {"last": -1, "this": 0, "next": 1}[low.split()[0]]
        if unit == "year":
            return EventDate(value=str(pub.year + shift), precision="year", rule="relative-year", text=text)
        if unit == "month":
            return EventDate(value=_month_shift(pub, shift), precision="month", rule="relative-month", text=text)
        # a week: the month it falls in is the most we can say
        d = pub + timedelta(days=7 * shift)
        return EventDate(value=d.strftime("%Y-%m"), precision="month", rule="relative-week", text=text)
    return None


def resolve(text: str, pubdate: str | None, anchor: int = 0) -> EventDate:
    """The date of an event stated in ``text`` (its sentence), ``anchor`` being the predicate's
    offset inside ``text``: the date expression closest to the predicate wins."""
    pub = _pub(pubdate)
    found: list[tuple[int, int, EventDate]] = []
    taken: list[tuple[int, int]] = []
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                ed = _resolve(kind, m, pub)
            except (OverflowError, ValueError):  # a date computed past year 1 or 9999
                ed = None
            if ed is None or (ed.value is not None and not _VALID.match(ed.value)):
                continue
            taken.append((m.start(), m.end()))
            found.append((abs(m.start() - anchor), rank, ed))
    if not found:
        return EventDate()
    found.sort(key=lambda x: (x[0], x[1]))
    return found[0][2]
