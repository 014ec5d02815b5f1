"""Metadata as inputs state it (dates, bylines), brought to the forms records use."""
from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")

#: publication years outside this range are placeholders or typing errors (0001-01-01 for
#: "no date", 9999-12-31 for "open"): the date is left unknown. The margins keep the dates
#: resolved against it ("last year", "next month") within the calendar.
YEARS = range(1000, 3000)


def _day(year: int, month: int, day: int) -> str | None:
    if year not in YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except (ValueError, OverflowError):
        return None
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime, an RFC 822 date or a ``struct_time``.

    The day is the one the input states (a feed's local time), not converted to UTC.
    Anything else gives ``None``, and so does a year outside :data:`YEARS`; the cleaner
    may still find a date in the page.
    """
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return _day(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _day(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_DAY.match(value)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        stated = parsedate_to_datetime(value.strip()[:200]).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _day(stated.year, stated.month, stated.day)


def split_authors(value: object) -> tuple[str, ...]:
    """Authors from a list of names (or of ``{"name": ...}``) or one byline string."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts = _AUTHOR_SPLIT.split(_BY.sub("", value))
    elif isinstance(value, (list, tuple)):
        parts = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name")
            if isinstance(item, str):
                parts.append(_BY.sub("", item))
    else:
        return ()
    seen: dict[str, None] = {}
    for p in parts:
        name = " ".join(p.split())
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def clean_str(value: object) -> str | None:
    """A stripped string, or ``None`` for anything blank or not a string."""
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return None
