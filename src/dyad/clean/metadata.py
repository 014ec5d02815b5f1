"""Metadata stated in an article's flattened text: date, byline, dateline, outlet, title.

Each finder looks at one line and answers from its shape alone (a date pattern, "By Name",
"PLACE (CODE) -"), so that they generalise to pages never seen; ``clean.text`` decides which
lines to ask. Agency codes come from ``data/outlets.json``.
"""
from __future__ import annotations

import json
import re
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ISO = re.compile(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MDY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+((?:19|20)\d\d)\b", re.IGNORECASE)

_NAME = r"[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|de|da|van|von|bin|al|el|der|di|la|le))*"
_BYLINE = re.compile(r"^\s*(?:(?i:written|posted|reported)\s+)?(?i:by)[:\s]+(" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*)")
_ROLE_WORDS = (
    r"analyst|expert|professor|researcher|journalist|writer|author|editor|correspondent|"
    r"reporter|columnist|fellow|director|scholar|lecturer|commentator|contributor|specialist|"
    r"student|member|head|chief|founder|president|teacher|economist|historian|diplomat"
)
_AUTHOR_TAG = re.compile(r"(?:^|[.!?\"']\s+)(" + _NAME + r")\s+[–—-]\s+(?i:an?\s+|the\s+)?(?i:senior\s+|political\s+)?(?i:" + _ROLE_WORDS + r")\b[^.!?]{0,80}$")
_BIO = re.compile(r"^(" + _NAME + r")\s+is\s+(?i:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?i:" + _ROLE_WORDS + r")\b")
_DATELINE = re.compile(r"^([A-Z][A-Za-z.'-]+(?:[ ,]+[A-Z][A-Za-z.'-]+){0,3})\s*(?:\(([A-Za-z]{2,10})\))?\s*[–—-]{1,2}\s+(?=\S)")
_OUTLET_WORDS = {
    "online", "news", "agency", "times", "post", "press", "daily", "journal", "network", "council",
    "tv", "radio", "herald", "tribune", "gazette", "review", "monitor", "media", "magazine", "today",
    "weekly", "telegraph", "observer", "guardian", "wire", "report", "channel", "institute", "center",
    "centre", "service",
}


@lru_cache(maxsize=1)
def agency_codes() -> dict[str, str]:
    return json.loads((_DATA / "outlets.json").read_text(encoding="utf-8"))["agency_codes"]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(line: str) -> str | None:
    """The first full calendar date written in ``line``, as ISO; ``None`` when there is none."""
    m = _ISO.search(line)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = _MDY.search(line)
    if m:
        return _iso(int(m[3]), _MONTHS[m[1].lower().rstrip(".")[:3] if m[1].lower()[:4] != "sept" else "sep"], int(m[2]))
    m = _DMY.search(line)
    if m:
        return _iso(int(m[3]), _MONTHS[m[2].lower().rstrip(".")[:3] if m[2].lower()[:4] != "sept" else "sep"], int(m[1]))
    return None


def _split_names(text: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    names = []
    for part in parts:
        words = part.split()
        if 2 <= len(words) <= 5:
            names.append(" ".join(words))
    return tuple(names)


def find_byline(line: str) -> tuple[str, ...]:
    """Author names from a byline ("By Jane Roe and John Doe"); ``()`` when it is not one."""
    m = _BYLINE.match(line)
    if not m or len(line.split()) > 25:
        return ()
    names = m[1]
    names = re.split(r"\s+(?:Published|Updated|Posted|On)\b", names)[0]
    return _split_names(names)


def find_author_tag(line: str) -> tuple[str, ...]:
    """A name with a role closing a paragraph ("… Jane Roe – Analyst of world affairs")."""
    m = _AUTHOR_TAG.search(line.strip())
    return _split_names(m[1]) if m else ()


def find_bio(line: str) -> tuple[str, ...]:
    """The author of a closing bio line ("Jane Roe is Editor-in-Chief of …")."""
    if len(line.split()) > 45:
        return ()
    m = _BIO.match(line.strip())
    return _split_names(m[1]) if m else ()


def find_dateline(line: str) -> tuple[str | None, str | None]:
    """``(dateline, outlet)`` from an opening "TEHRAN –", "Tehran (IP) -" or "Outlet Name -" prefix."""
    m = _DATELINE.match(line)
    if not m:
        return None, None
    place, code = m[1].strip(" ,"), m[2]
    if code:
        return f"{place} ({code})", agency_codes().get(code)
    words = place.replace(",", " ").split()
    if any(w.lower() in _OUTLET_WORDS for w in words) and len(words) >= 2:
        return None, place
    if place.isupper() or len(words) == 1:
        return place, None
    return None, None


def is_date_line(line: str) -> bool:
    """A short line that states a date (and perhaps categories or a byline)."""
    return len(line.split()) <= 16 and find_date(line) is not None


_TITLE_SEP = re.compile(r"(\s+(?:\||-|–|—|·|•|»|::|⋆)\s+)")
_TITLE_END = re.compile(r"\s+(?:\||-|–|—|·|•|»|::|⋆)$")
_HOST_SKIP = {"www", "com", "org", "net", "co", "uk", "io", "blog", "news", "en", "m", "amp"}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _site_names(sitename: str | None, url: str | None) -> tuple[str, ...]:
    names = [_key(sitename)] if sitename else []
    if url:
        from urllib.parse import urlsplit

        host = urlsplit(url).hostname or ""
        labels = [lab for lab in host.split(".")[:-1] if lab not in _HOST_SKIP]
        names += [_key(lab) for lab in labels]
    return tuple(n for n in names if len(n) >= 2)


def _is_site_name(segment: str, names: tuple[str, ...]) -> bool:
    """Does this title segment name the site: the site name itself, a part of it, or the host's words?"""
    key = _key(segment)
    words = [_key(w) for w in segment.split() if _key(w)]
    if len(key) < 2 or not words or not names:
        return False
    if any(key == n or (len(key) >= 4 and key in n) for n in names):
        return True
    if len(words) <= 5 and all(any(w in n for n in names) for w in words) and len(key) >= 4:
        return True
    if len(words) <= 4 and any(len(n) >= 3 and (key.startswith(n) or n.startswith(key)) for n in names):
        return True  # "Parkview Health" for Parkview, "VCA Animal Hospitals" for vca...
    initials = "".join(w[0] for w in words)
    return len(words) >= 3 and initials in names


def strip_site_name(title: str | None, sitename: str | None = None, url: str | None = None) -> str | None:
    """'Headline | Site' or 'Site - Headline' -> 'Headline' when the cut segment names the site
    (its stated name, or the words of the URL's host); a trailing lone separator goes too."""
    if not title:
        return title
    title = _TITLE_END.sub("", title.strip())
    parts = _TITLE_SEP.split(title)  # segment, separator, segment, ...
    names = _site_names(sitename, url)
    if len(parts) >= 3 and _is_site_name(parts[-1], names):
        while len(parts) >= 3 and _is_site_name(parts[-1], names):  # "Headline - Site - Tagline"
            parts = parts[:-2]
    elif len(parts) >= 3 and _is_site_name(parts[0], names):
        parts = parts[2:]
    return "".join(parts).strip() or title
