"""PLOVER JSON lines: one object per event (a cluster of reports), UTF-8, keys sorted.

PLOVER fields: ``id`` (the cluster id), ``date`` (ISO; "2024-04" or "2024" when only the
month or year is known, ``null`` when undated), ``source`` and ``recipient`` (lists of actor
codes, one per country, as in ``dyad.analysis.clusters.side_codes``), ``source_actor`` and
``recipient_actor`` (actor keys: persons keep theirs), ``event`` (PLOVER type, or the
"STATEMENT" extension), ``mode`` and ``context`` (a list).

Dyad fields: ``modality``, ``cameo``, ``root``, ``quad_class``, ``intensity``,
``date_precision``, ``n_reports``, ``n_articles``, ``url`` and ``text`` (the first report's
URL and evidence sentence), ``offsets`` (the first report's ``article_id``,
``sentence_index``, ``start``, ``end``, ``source_spans``, ``target_spans``), ``reports`` (the
same offsets plus ``url``, ``title``, ``outlet`` for every report), ``extractor`` (the coder
that made the first report) and ``version`` (this Dyad's version).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dyad.analysis.clusters import side_codes

REQUIRED = ("id", "date", "source", "recipient", "event", "mode", "context")


def _offsets(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "article_id": report.get("article_id"),
        "sentence_index": report.get("sentence_index"),
        "start": report.get("start"),
        "end": report.get("end"),
        "source_spans": [list(s) for s in report.get("source_spans") or []],
        "target_spans": [list(s) for s in report.get("target_spans") or []],
    }


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER object for one clustered event."""
    from dyad import __version__

    first = event["reports"][0]
    return {
        "id": event["id"],
        "date": event.get("date"),
        "source": side_codes(event, "sources"),
        "source_actor": list(event.get("source_keys", [])),
        "recipient": side_codes(event, "targets"),
        "recipient_actor": list(event.get("target_keys", [])),
        "event": event.get("type"),
        "mode": event.get("mode"),
        "context": list(event.get("context", [])),
        "modality": event.get("modality"),
        "cameo": event.get("cameo"),
        "root": event.get("root"),
        "quad_class": event.get("quad_class"),
        "intensity": event.get("intensity"),
        "date_precision": event.get("date_precision"),
        "n_reports": event.get("n_reports"),
        "n_articles": event.get("n_articles"),
        "url": first.get("url"),
        "text": first.get("sentence"),
        "offsets": _offsets(first),
        "reports": [
            {**_offsets(r), "url": r.get("url"), "title": r.get("title"), "outlet": r.get("outlet")}
            for r in event["reports"]
        ],
        "extractor": first.get("extractor"),
        "version": __version__,
    }


def write_plover_jsonl(events: Iterable[dict[str, Any]], path: Path) -> int:
    """Write ``events`` (clusters) to ``path``, one JSON object a line; return the count."""
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for event in events:
            fh.write(json.dumps(plover_record(event), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
