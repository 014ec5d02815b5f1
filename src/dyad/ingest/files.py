"""Reading input files safely: size caps, gzip, and turning bytes into text.

Every failure here is an :class:`Unreadable` carrying one line that says what is wrong
("truncated gzip: ...", "not text: ..."). The part before the first colon is the reason's
category, which the batch summary counts.
"""
from __future__ import annotations

import codecs
import gzip
import re
import zlib
from pathlib import Path
from typing import BinaryIO

from dyad.limits import LimitError, check_chars
from dyad.text import printable

#: bytes read at a time from a (compressed) stream
CHUNK = 1 << 16


class Unreadable(Exception):
    """An input that cannot become a document; ``reason`` is one line."""

    def __init__(self, reason: str, status: str = "failed"):
        super().__init__(reason)
        self.reason = one_line(reason)
        self.status = status


def one_line(text: str, limit: int = 200) -> str:
    """Collapse whitespace and escape control characters (an ESC, a line separator), so
    that a reason is always a single, short line that is safe to print."""
    text = printable(" ".join(str(text).split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def open_file(path: Path) -> BinaryIO:
    """Open a file for reading bytes (the one place that touches the file system)."""
    return open(path, "rb")


def os_error_reason(exc: OSError) -> str:
    """``cannot read: permission denied`` and the like, without a traceback."""
    detail = (exc.strerror or type(exc).__name__).lower()
    return f"cannot read: {detail}"


def too_large(size: int, max_bytes: int, what: str = "file") -> Unreadable:
    return Unreadable(f"too large: {what} is {size:,} bytes (limit {max_bytes:,} bytes; --max-bytes)")


def too_large_decompressed(max_bytes: int, what: str = "content") -> Unreadable:
    """A compressed stream that grows past the cap: reading stopped there."""
    return Unreadable(
        f"too large: decompressed {what} is over {max_bytes:,} bytes (limit {max_bytes:,} bytes; --max-bytes)"
    )


def too_long(n: int, max_chars: int | None, what: str = "text") -> None:
    """Raise :class:`Unreadable` ("too long: ...") for ``n`` characters over ``max_chars``."""
    if max_chars:
        try:
            check_chars(n, max_chars, what)
        except LimitError as exc:
            raise Unreadable(str(exc)) from None


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's content, gunzipped when its name ends in ``.gz``.

    Raises :class:`Unreadable` for an unreadable, oversized, truncated or corrupt file.
    The cap applies to the file on disk and, for gzip, to the decompressed size too.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(size, max_bytes)
        with open_file(path) as fh:
            if is_gzip_name(path):
                return _gunzip(fh, max_bytes)
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(os_error_reason(exc)) from None
    if len(data) > max_bytes:  # the file grew while we read it
        raise too_large(len(data), max_bytes)
    return data


def _gunzip(fh: BinaryIO, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
            # read(n) decompresses at most n bytes: memory stays within the cap, however
            # far the stream would expand
            while chunk := gz.read(CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise too_large_decompressed(max_bytes)
                parts.append(chunk)
    except EOFError:
        raise Unreadable("truncated gzip: the compressed data ends before the end-of-stream marker") from None
    except gzip.BadGzipFile as exc:
        raise Unreadable(f"corrupt gzip: {gzip_detail(exc)}") from None
    except zlib.error as exc:
        raise Unreadable(f"corrupt gzip: {exc}") from None
    return b"".join(parts)


def gzip_detail(exc: Exception) -> str:
    msg = str(exc)
    if msg.startswith("Not a gzipped file"):
        return "bad header, not a gzip file"
    return msg or type(exc).__name__


# --- bytes to text -------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
#: encodings preferred when the detector finds several equally good ones (Western news first)
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15")
#: at most this share of a mostly-UTF-8 file may be replaced garbage
MAX_REPLACED = 0.02


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when the data starts with a Unicode byte-order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, then a declared charset that fits, then UTF-8, then detection.

    A declaration loses to the bytes when they contradict it: UTF-16 or UTF-32 declared
    on bytes without the zero bytes those encodings have (what browsers do too), or a
    legacy charset declared on bytes that are valid UTF-8 with non-ASCII characters.
    Bytes that are mostly UTF-8 with runs of another encoding (a page assembled from
    several sources) are decoded run by run: the valid UTF-8 as UTF-8, the rest as
    Windows-1252. Binary data and text in no recognisable encoding raise :class:`Unreadable`.
    """
    if not data:
        raise Unreadable("empty file: 0 bytes")
    found = bom_encoding(data)
    if found:
        name, skip = found
        text = data[skip:].decode(name, errors="replace")
        return _checked(text)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"))
    if _looks_binary(data):
        raise Unreadable("not text: binary data (NUL or control bytes)")
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    codec = codec_name(declared) if declared else None
    if codec and codec.startswith(("utf-16", "utf-32")):
        codec = None  # no BOM and no zero bytes: these bytes cannot be UTF-16 or UTF-32
    if codec and codec != "utf-8" and not (utf8 is not None and not utf8.isascii()):
        try:
            return _checked(data.decode(codec))
        except (UnicodeDecodeError, Unreadable):
            pass  # the declaration is wrong; find out for ourselves
    if utf8 is not None:
        return _checked(utf8)
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    # non-ASCII characters decoded as UTF-8
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if valid >= replaced:
        return _checked(decode_mixed(data))  # UTF-8 with some runs in a legacy encoding
    guessed = _detect(data)
    if guessed is not None:
        if valid:  # some real UTF-8: decoded run by run, unless the detector's reading is cleaner
            mixed = decode_mixed(data)
            if _mess(mixed) <= _mess(guessed):
                return _checked(mixed)
        return _checked(guessed)
    if replaced <= MAX_REPLACED * len(text):
        return _checked(decode_mixed(data))
    raise Unreadable("not text: bytes are not UTF-8 or any encoding that could be detected")


def _legacy_run(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 read as Windows-1252 (its five
    unassigned bytes as U+FFFD)."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", "replace") for b in bad), err.end


codecs.register_error("dyad.cp1252", _legacy_run)


def decode_mixed(data: bytes) -> str:
    """Valid UTF-8 sequences as UTF-8; every other byte as Windows-1252."""
    return data.decode("utf-8", errors="dyad.cp1252")


def codec_name(label: str) -> str | None:
    """Python's codec name for a charset label, or ``None`` when unknown."""
    label = label.strip().strip("'\"").lower()
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        label = "cp1252"  # what browsers do, per the WHATWG encoding standard
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        return None


def _bomless_utf16(data: bytes) -> str | None:
    """Detect UTF-16 without a BOM by its pattern of zero bytes in mostly-ASCII text."""
    if len(data) < 4 or b"\x00" not in data:
        return None
    sample = data[: 4096 - (4096 % 2)]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.6 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.6 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > 0.01 * len(sample)


def _mess(text: str) -> float:
    """How garbled a decoded text looks (charset_normalizer's measure: 0 is clean)."""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(text[:100_000], maximum_threshold=1.0)


def _detect(data: bytes) -> str | None:
    import charset_normalizer

    # Text in any script has spaces or line breaks; random high bytes have none, yet the
    # detector happily calls them Thai or Korean.
    if len(data) >= 256 and sum(data.count(c) for c in b" \t\n\r") * 500 < len(data):
        return None
    results = list(charset_normalizer.from_bytes(data[:200_000]))
    if not results:
        return None
    best = min(results, key=lambda r: r.chaos)
    ties = [r for r in results if r.chaos <= best.chaos + 0.005]
    for name in _PREFERRED:
        for r in ties:
            if r.encoding == name:
                best = r
                break
        else:
            continue
        break
    if best.chaos > 0.2:
        return None
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return None


def _checked(text: str) -> str:
    """Refuse text that decoded but is mostly control characters."""
    sample = text[:8192]
    if sample and len(_CONTROL_CHARS.findall(sample)) > 0.01 * len(sample):
        raise Unreadable("not text: binary data (control characters)")
    return text


def require_text(text: str) -> str:
    """Refuse a file that holds no visible characters."""
    if not text.strip():
        raise Unreadable("no text: the file holds only whitespace")
    return text
