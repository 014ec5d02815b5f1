"""JSON Lines: one article per line, as an object.

Fields: ``text`` or ``html`` (one is needed; ``text`` wins when both are given), and
optionally ``url``, ``title``, ``date``, ``outlet`` and ``authors`` (a list of names or
one byline string). A line that is not a usable article gives an :class:`IngestProblem`
for that line (source ``path#N``, 1-based); the other lines are still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.fields import clean_str, iso_day, split_authors
from dyad.ingest.files import decode, one_line, read_bytes, require_text
from dyad.records import IngestProblem, RawDocument

SUFFIXES = (".jsonl", ".ndjson")

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number",
               float: "a number", bool: "a boolean", type(None): "null"}


def read(
    path: Path, *, max_bytes: int, outlet: str | None = None
) -> Iterator[RawDocument | IngestProblem]:
    text = require_text(decode(read_bytes(path, max_bytes)))
    # split on newlines only: JSON strings may hold U+2028 and friends, which splitlines() cuts at
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{path}#{n}"
        try:
            yield parse_line(line, source=source, lineno=n, outlet=outlet)
        except _BadLine as exc:
            yield IngestProblem(source=source, status="failed", reason=one_line(str(exc)))


class _BadLine(ValueError):
    pass


def _sane(value: object) -> object:
    """JSON escapes can spell lone surrogates and NULs; neither may reach a store."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace").replace("\x00", "")
    if isinstance(value, list):
        return [_sane(v) for v in value]
    return value


def _type_name(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def parse_line(line: str, *, source: str, lineno: int, outlet: str | None = None) -> RawDocument:
    """One JSONL line to a document; raises ``_BadLine`` with a one-line reason."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _BadLine(f"malformed JSON: line {lineno}: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise _BadLine(f"malformed JSON: line {lineno}: {type(exc).__name__}") from None
    if not isinstance(obj, dict):
        raise _BadLine(f"not an object: line {lineno} holds {_type_name(obj)}, not a JSON object")
    obj = {k: _sane(v) for k, v in obj.items()}
    body: dict[str, str] = {}
    for field in ("text", "html"):
        value = obj.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _BadLine(f'bad field: line {lineno} "{field}" is {_type_name(value)}, not a string')
        if value.strip():
            body[field] = value
    if not body:
        raise _BadLine(f'no text: line {lineno} has neither a non-empty "text" nor "html" field')
    kind_field = "text" if "text" in body else "html"
    return RawDocument(
        source=source,
        kind="jsonl",
        text=body["text"] if kind_field == "text" else None,
        html=body["html"] if kind_field == "html" else None,
        url=clean_str(obj.get("url")),
        title=clean_str(obj.get("title")),
        date=iso_day(obj.get("date")),
        outlet=clean_str(obj.get("outlet")) or outlet,
        authors=split_authors(obj.get("authors", obj.get("author"))),
    )
