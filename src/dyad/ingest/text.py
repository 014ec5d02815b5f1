"""Plain-text articles (``.txt``, ``.txt.gz``): one file, one article."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dyad.ingest.files import decode, read_bytes, require_text, too_long
from dyad.records import RawDocument

SUFFIXES = (".txt", ".text")


def read(
    path: Path, *, max_bytes: int, outlet: str | None = None, max_chars: int | None = None
) -> Iterator[RawDocument]:
    """Yield the file as one text document (UTF-8, a BOM's encoding, or a detected one);
    a text longer than ``max_chars`` is refused ("too long")."""
    text = require_text(decode(read_bytes(path, max_bytes)))
    too_long(len(text), max_chars)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield RawDocument(source=str(path), kind="text", text=text, outlet=outlet)
