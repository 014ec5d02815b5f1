"""What one document may cost: bytes read, characters analysed, seconds and memory.

All limits live here, with defaults a user can change on the command line (``dyad ingest
--max-bytes --max-chars --max-seconds --max-memory``) or in the environment
(``DYAD_MAX_BYTES``, ``DYAD_MAX_CHARS``, ``DYAD_MAX_SECONDS``, ``DYAD_MAX_MEMORY_MB``):

    from dyad.limits import Limits
    limits = Limits.from_env(max_seconds=30)   # the environment, then these overrides

- ``max_bytes``: a file (a WARC record, a JSONL line) larger than this is refused, and so is
  any decompressed stream (gzip, WARC content encodings, feeds) that grows past it;
- ``max_chars``: a document whose text (raw text, or the text extracted from its HTML) is
  longer than this is refused before any analysis ("too long");
- ``max_seconds``: wall-clock time one document may take in a worker ("time limit");
- ``max_memory_mb``: how much a worker process may grow while it works on its documents
  ("memory limit"). Zero turns a limit off.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

ENV = {
    "max_bytes": "DYAD_MAX_BYTES",
    "max_chars": "DYAD_MAX_CHARS",
    "max_seconds": "DYAD_MAX_SECONDS",
    "max_memory_mb": "DYAD_MAX_MEMORY_MB",
}


class LimitError(ValueError):
    """A document refused because it passes one of its limits; the message is its reason."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    max_seconds: float = 120.0
    max_memory_mb: int = 1024

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Limits:
        """The defaults, then the ``DYAD_MAX_*`` variables, then ``overrides`` that are not None."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(ENV[f.name])
            if raw is not None and raw.strip():
                try:
                    number = float(raw) if f.name == "max_seconds" else int(raw)
                except ValueError:
                    raise ValueError(f"{ENV[f.name]}={raw!r}: not a number") from None
                if number < 0:
                    raise ValueError(f"{ENV[f.name]}={raw!r}: must not be negative")
                values[f.name] = number
        values.update({k: v for k, v in overrides.items() if v is not None})
        for name, value in values.items():
            if value < 0:  # type: ignore[operator]
                raise ValueError(f"{name.replace('_', '-')} must not be negative, not {value}")
        return replace(cls(), **values)  # type: ignore[arg-type]


def check_chars(n: int, max_chars: int | None, what: str = "text") -> None:
    """Raise ``LimitError`` when ``n`` characters of ``what`` pass ``max_chars`` (0 or None: no limit)."""
    if max_chars and n > max_chars:
        raise LimitError(f"too long: {n:,} characters of {what} (limit {max_chars:,}; --max-chars)")
