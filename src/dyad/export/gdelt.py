"""GDELT-style event CSV.

Format: comma-separated, UTF-8, one header line, quoting as Python's ``csv`` module does
(RFC 4180). GDELT's own files are tab-separated without a header; a header and commas make
the file self-describing and load in any spreadsheet, and the column names are GDELT 2.0's,
so ``pandas.read_csv(path, dtype=str)`` gives GDELT-named columns. Read every column as a
string (CAMEO codes keep their leading zero: ``EventCode`` is "042", not 42).

Rows: one per (event, source country × target country) pair, as GDELT and ICEWS are dyadic:
"HUN and ROU agree with SRB" is two rows sharing ``DyadEventId`` (one event with an empty
side gives one row with that actor left blank). ``GLOBALEVENTID`` is unique per row, a
stable 60-bit integer hashed from the event id and the pair. Each actor is coded with the
code its reports use most for that country ("IRNGOV").

Columns that GDELT has and Dyad fills its own way:

* ``SQLDATE``/``MonthYear``/``Year``/``FractionDate``: the event's date; a month or year date
  is put on its first day, an undated event on its first report's publication date (as
  GDELT does); ``DatePrecision`` says which ("day", "month", "year", "unknown").
* ``IsRootEvent``: 1 when a report states the event in the lead (first two sentences).
* ``GoldsteinScale``: the mean intensity of the reports (-10..+10).
* ``NumMentions``: reports (evidence sentences); ``NumArticles``: distinct articles;
  ``NumSources``: distinct outlets (an article without an outlet counts as its own source).
* ``AvgTone``: left empty (Dyad scores no tone).
* ``DATEADDED``: when the first report's article was stored, ``YYYYMMDDHHMMSS`` UTC.
* ``SOURCEURL``: the first report's URL (earliest article).

Dyad's trailing columns: ``Modality``, ``PloverType``, ``DatePrecision``, ``ArticleId``,
``SentenceIndex``, ``EvidenceStart``, ``EvidenceEnd`` (character offsets of the predicate in
the cleaned text of the first report), ``Extractor`` and ``DyadEventId`` (the cluster id
used by the PLOVER and Parquet exports).
"""
from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from datetime import date as Date
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyad.analysis.clusters import side_codes
from dyad.codes import country_of

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "DATEADDED", "SOURCEURL",
)
DYAD_COLUMNS = (
    "Modality", "PloverType", "DatePrecision", "ArticleId", "SentenceIndex",
    "EvidenceStart", "EvidenceEnd", "Extractor", "DyadEventId",
)
COLUMNS = GDELT_COLUMNS + DYAD_COLUMNS
LEAD_SENTENCES = 2


@lru_cache(maxsize=512)
def actor_name(code: str) -> str:
    """GDELT-style upper-case name: the country's common name for a country code
    ("IRNGOV" -> "IRAN"), else the code itself (organisations, unknown countries)."""
    import pycountry

    country = country_of(code)
    if len(country) == 3:
        found = pycountry.countries.get(alpha_3=country)
        if found is not None:
            return str(getattr(found, "common_name", None) or found.name).upper()
    return code


# Three-letter organisation abbreviations, which are not country codes.
ORGS_3 = frozenset("SCO IMF WHO WTO OAS GCC IEA OIC ICC ICJ CIS IAEA UNSC".split())


def _country_code(code: str) -> str:
    """``Actor1CountryCode``: the ISO-style country part, empty for organisations."""
    country = country_of(code)
    return country if len(country) == 3 and country not in ORGS_3 else ""


def _day_of(event: dict[str, Any]) -> Date | None:
    value, precision = event.get("date"), event.get("date_precision")
    if value:
        padded = {"day": value, "month": f"{value[:7]}-01", "year": f"{value[:4]}-01-01"}.get(precision)
        if padded:
            try:
                return Date.fromisoformat(padded)
            except ValueError:
                return None
    if event.get("first_reported"):
        try:
            return Date.fromisoformat(event["first_reported"][:10])
        except ValueError:
            return None
    return None


def _date_added(value: str | None) -> str:
    if not value:
        return ""
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(timezone.utc)
    return stamp.strftime("%Y%m%d%H%M%S")


def _row_id(event_id: str, source: str, target: str) -> int:
    digest = hashlib.sha1(f"{event_id}|{source}|{target}".encode()).hexdigest()
    return int(digest[:15], 16)


def gdelt_rows(event: dict[str, Any]) -> list[dict[str, str]]:
    """The CSV rows (column -> string) for one clustered event."""
    first = event["reports"][0]
    day = _day_of(event)
    cameo = str(event.get("cameo") or "")
    reports = event["reports"]
    intensity = event.get("intensity")
    common = {
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": str(day.year) if day else "",
        "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        "IsRootEvent": "1" if any((r.get("sentence_index") or 0) < LEAD_SENTENCES for r in reports) else "0",
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": str(event.get("root") or cameo[:2]),
        "QuadClass": str(event.get("quad_class") or ""),
        "GoldsteinScale": f"{intensity:.2f}" if intensity is not None else "",
        "NumMentions": str(event["n_reports"]),
        "NumSources": str(len({r.get("outlet") or r.get("article_id") for r in reports})),
        "NumArticles": str(event["n_articles"]),
        "AvgTone": "",
        "DATEADDED": _date_added(first.get("ingested_at")),
        "SOURCEURL": first.get("url") or "",
        "Modality": event.get("modality") or "",
        "PloverType": event.get("type") or "",
        "DatePrecision": event.get("date_precision") or "unknown",
        "ArticleId": first.get("article_id") or "",
        "SentenceIndex": str(first.get("sentence_index", "")),
        "EvidenceStart": str(first.get("start", "")),
        "EvidenceEnd": str(first.get("end", "")),
        "Extractor": first.get("extractor") or "",
        "DyadEventId": event["id"],
    }
    out = []
    for source in side_codes(event, "sources") or [""]:
        for target in side_codes(event, "targets") or [""]:
            row = {
                "GLOBALEVENTID": str(_row_id(event["id"], source, target)),
                "Actor1Code": source,
                "Actor1Name": actor_name(source) if source else "",
                "Actor1CountryCode": _country_code(source) if source else "",
                "Actor2Code": target,
                "Actor2Name": actor_name(target) if target else "",
                "Actor2CountryCode": _country_code(target) if target else "",
                **common,
            }
            out.append({col: row[col] for col in COLUMNS})
    return out


def write_gdelt_csv(events: Iterable[dict[str, Any]], path: Path) -> int:
    """Write ``events`` (clusters) to ``path``; return the number of data rows."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            rows = gdelt_rows(event)
            writer.writerows(rows)
            n += len(rows)
    return n
