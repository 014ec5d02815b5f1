"""JSON Lines: one article per line, as an object.

Fields: ``text`` or ``html`` (one is needed; ``text`` wins when both are given), and
optionally ``url``, ``title``, ``date``, ``outlet`` and ``authors`` (a list of names or
one byline string). A line that is not a usable article gives an :class:`IngestProblem`
for that line (source ``path#N``, 1-based); the other lines are still read. That holds for
a line of binary garbage too: when the file as a whole does not decode as text, each line
is decoded on its own, and only a file without one line of text is refused whole.
A ``text`` longer than ``max_chars`` (an ``html`` whose visible text is longer than
``VISIBLE_SLACK`` times it) is refused for its line ("too long").
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.fields import clean_str, iso_day, split_authors
from dyad.ingest.files import (
    Unreadable,
    bom_encoding,
    decode,
    one_line,
    read_bytes,
    require_text,
    too_long,
)
from dyad.ingest.html import VISIBLE_SLACK, visible_text
from dyad.records import IngestProblem, RawDocument

SUFFIXES = (".jsonl", ".ndjson")

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number",
               float: "a number", bool: "a boolean", type(None): "null"}


def read(
    path: Path, *, max_bytes: int, outlet: str | None = None, max_chars: int | None = None
) -> Iterator[RawDocument | IngestProblem]:
    for n, line in _lines(read_bytes(path, max_bytes)):
        source = f"{path}#{n}"
        try:
            if isinstance(line, Unreadable):
                reason = line.reason
                if "binary data" in reason:
                    raise _BadLine(reason.replace("binary data", f"line {n} holds binary data", 1))
                raise _BadLine(reason.replace(": ", f": line {n}: ", 1))
            yield parse_line(line, source=source, lineno=n, outlet=outlet, max_chars=max_chars)
        except _BadLine as exc:
            yield IngestProblem(source=source, status="failed", reason=one_line(str(exc)))


def _lines(data: bytes) -> Iterator[tuple[int, str | Unreadable]]:
    """(line number, its text or why it has none) for each non-blank line."""
    try:
        text = require_text(decode(data))
    except Unreadable as whole:
        if bom_encoding(data) or not whole.reason.startswith("not text"):
            raise
        # one bad line must not cost the others: decode line by line
        decoded: list[tuple[int, str | Unreadable]] = []
        for n, raw in enumerate(data.split(b"\n"), start=1):
            if raw.strip():
                try:
                    decoded.append((n, decode(raw)))
                except Unreadable as exc:
                    decoded.append((n, exc))
        if not any(isinstance(line, str) for _, line in decoded):
            raise whole from None
        yield from decoded
        return
    # split on newlines only: JSON strings may hold U+2028 and friends, which splitlines() cuts at
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield n, line


class _BadLine(ValueError):
    pass


# C0 controls but tab, newline and carriage return; DEL
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _sane(value: object) -> object:
    """JSON escapes can spell lone surrogates and control characters (NUL, ESC); none may
    reach a store."""
    if isinstance(value, str):
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return _CONTROLS.sub("", value)
    if isinstance(value, list):
        return [_sane(v) for v in value]
    return value


def _type_name(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def parse_line(
    line: str, *, source: str, lineno: int, outlet: str | None = None, max_chars: int | None = None
) -> RawDocument:
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
    try:
        if kind_field == "text":
            too_long(len(body["text"]), max_chars, f"text on line {lineno}")
        elif max_chars:
            shown = len(visible_text(body["html"]))
            too_long(shown, max_chars * VISIBLE_SLACK, f"visible text in the HTML on line {lineno}")
    except Unreadable as exc:
        raise _BadLine(exc.reason) from None
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
