"""Metadata as inputs state it (dates, bylines), brought to the forms records use."""
from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*", re.I)
_BY = re.compile(r"^\s*by\s+", re.I)


def iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime, an RFC 822 date or a ``struct_time``.

    The day is the one the input states (a feed's local time), not converted to UTC.
    Anything else gives ``None``; the cleaner may still find a date in the page.
    """
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_DAY.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


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
