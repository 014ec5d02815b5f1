"""Web archives (``.warc``, ``.warc.gz``) read with warcio.

Each ``response`` record with an HTML content type and a 2xx status (and each
``resource`` record holding HTML) becomes a document: ``kind="warc"``, the page as
``html``, the ``WARC-Target-URI`` as ``url``, source ``path#N`` where N counts all
records of the file from 1, so keys stay stable whatever the record types. The date is
left to the cleaner (a crawl date is not a publication date).

``--max-bytes`` caps each record here, not the file: archives are large by nature. It caps
the HTTP body after its ``Transfer-Encoding: chunked`` and ``Content-Encoding`` (gzip or
deflate; Brotli is refused) are undone, too: the body is decompressed a block at a time
and reading stops at the cap, so a small record cannot expand to gigabytes. A truncated or corrupt archive yields the documents read before the
damage and then one problem naming the record where reading stopped.
"""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import BinaryIO

from dyad.ingest.files import (
    CHUNK,
    Unreadable,
    gzip_detail,
    one_line,
    open_file,
    os_error_reason,
    too_large,
    too_large_decompressed,
)
from dyad.ingest.html import decode_html, require_visible_text
from dyad.records import IngestProblem, RawDocument

SUFFIXES = (".warc", ".warc.gz")

_GZIP_MAGIC = b"\x1f\x8b"


class _Broken(Exception):
    """The archive's bytes end early or are damaged; the message is one line."""


class _Guarded:
    """A read-only stream that turns the gzip module's end-of-data and corruption errors
    into ``_Broken``, so warcio cannot mistake a truncated file for a clean end.

    Data decompressed before the damage is still handed out; the error comes on the
    read after it, so the records before the damage can be read whole.
    """

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._pending: _Broken | None = None

    def _read1(self, size: int) -> bytes:
        try:
            return self._stream.read1(size)
        except EOFError:
            raise _Broken("truncated WARC: the compressed data ends in the middle of a record") from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise _Broken(f"corrupt WARC: gzip data is damaged ({gzip_detail(exc)})") from None

    def read(self, size: int | None = -1) -> bytes:
        if self._pending is not None:
            raise self._pending
        want = CHUNK if size is None or size < 0 else size
        parts: list[bytes] = []
        got = 0
        while size is None or size < 0 or got < size:
            try:
                chunk = self._read1(want - got if size is not None and size >= 0 else want)
            except _Broken as exc:
                if not parts:
                    raise
                self._pending = exc
                break
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    def tell(self) -> int:
        return self._stream.tell()

    def close(self) -> None:
        self._stream.close()


def _open(path: Path) -> tuple[BinaryIO, _Guarded]:
    """Open the archive (decompressing it ourselves when it is gzip) and check its start."""
    try:
        fh = open_file(path)
    except OSError as exc:
        raise Unreadable(os_error_reason(exc)) from None
    try:
        magic = fh.read(2)
        fh.seek(0)
        stream = gzip.GzipFile(fileobj=fh, mode="rb") if magic == _GZIP_MAGIC else fh
        guarded = _Guarded(stream)
        try:
            head = guarded.read(16)
        except _Broken as exc:
            if magic == _GZIP_MAGIC and not isinstance(exc.__context__, EOFError):
                raise Unreadable(f"corrupt gzip: {exc}") from None
            raise Unreadable(str(exc)) from None
        if not head:
            raise Unreadable("empty file: 0 bytes" if not magic else "empty file: no WARC records")
        if not head.startswith(b"WARC/"):
            raise Unreadable("not a WARC file: it does not begin with a WARC/1.x record header")
        fh.seek(0)
        stream = gzip.GzipFile(fileobj=fh, mode="rb") if magic == _GZIP_MAGIC else fh
        return fh, _Guarded(stream)
    except OSError as exc:
        fh.close()
        raise Unreadable(os_error_reason(exc)) from None
    except BaseException:
        fh.close()
        raise


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None


def _is_html_page(record) -> bool:
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return False
        code = (http.get_statuscode() or "")[:1]
        return code == "2" and "html" in (http.get_header("Content-Type") or "").lower()
    if record.rec_type == "resource":
        return "html" in (record.rec_headers.get_header("Content-Type") or "").lower()
    return False


def _drain(stream) -> None:
    while stream.read(CHUNK):
        pass


def _record_length(record) -> int:
    value = record.rec_headers.get_header("Content-Length")
    try:
        length = int(value)
    except (TypeError, ValueError):
        raise _Broken("corrupt WARC: a record has no valid Content-Length") from None
    if length < 0:
        raise _Broken("corrupt WARC: a record has a negative Content-Length")
    return length


def _complete(record) -> None:
    """Raise ``_Broken`` when a record's block is shorter than its Content-Length."""
    _drain(record.raw_stream)
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Broken("truncated WARC: the file ends in the middle of a record")


class _Done:
    """A decompressor past its end: what follows is ignored."""

    eof, unconsumed_tail = False, b""

    def decompress(self, data: bytes, room: int) -> bytes:
        return b""


class _Inflater:
    """A ``Content-Encoding`` undone block by block, never handing out more than asked.

    As in warcio, a body that does not decompress from its first bytes on is taken to
    have been stored already decoded (some crawlers keep the header), and is passed on.
    """

    def __init__(self, encoding: str):
        if encoding in ("gzip", "x-gzip"):
            self._modes = [16 + zlib.MAX_WBITS]
        elif encoding == "deflate":  # zlib-wrapped as the standard says, or raw as some servers send
            self._modes = [zlib.MAX_WBITS, -zlib.MAX_WBITS]
        elif encoding == "br":
            raise Unreadable("undecodable HTTP body: Content-Encoding br (Brotli) is not supported")
        else:
            self._modes = []  # not a compression (a mislabelled charset and the like): as it is
        self.encoding = encoding
        self._z = zlib.decompressobj(self._modes[0]) if self._modes else None
        self._head = b""  # what was fed before any output, to replay in the next mode
        self._out = False

    def feed(self, data: bytes, room: int) -> Iterator[bytes]:
        """The decoded bytes of ``data``, in pieces of at most ``room`` bytes each."""
        while data:
            if self._z is None:
                yield data
                return
            try:
                out = self._z.decompress(data, room)
            except zlib.error as exc:
                if self._out:
                    raise Unreadable(f"undecodable HTTP body: {self.encoding} data is damaged ({exc})") from None
                self._modes.pop(0)
                self._z = zlib.decompressobj(self._modes[0]) if self._modes else None
                data, self._head = self._head + data, b""
                continue
            if out:
                self._out = True
                yield out
            elif not self._out:
                self._head += data[: len(data) - len(self._z.unconsumed_tail)]
            if self._z.eof:  # another gzip member may follow; other trailing bytes are ignored
                data = self._z.unused_data
                if not (data.startswith(_GZIP_MAGIC) and self._modes[0] > zlib.MAX_WBITS):
                    self._z = _Done()
                    return
                self._z = zlib.decompressobj(self._modes[0])
                continue
            data = self._z.unconsumed_tail


def _http_body(record, max_bytes: int) -> bytes:
    """The record's HTTP body with its transfer and content encodings undone, at most
    ``max_bytes`` of it: a body that decodes to more raises ``Unreadable`` ("too large")."""
    from warcio.bufferedreaders import ChunkedDataReader

    http = record.http_headers if record.rec_type == "response" else None
    stream = record.raw_stream
    encoding = ""
    if http is not None:
        encoding = (http.get_header("Content-Encoding") or "").strip().lower()
        if (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
            stream = ChunkedDataReader(stream, decomp_type=None)  # de-chunking never expands
    inflater = _Inflater(encoding) if encoding not in ("", "identity") else None
    parts: list[bytes] = []
    total = 0
    while chunk := stream.read(CHUNK):
        pieces = inflater.feed(chunk, max_bytes + 1 - total) if inflater else (chunk,)
        for piece in pieces:
            total += len(piece)
            if total > max_bytes:
                raise too_large_decompressed(max_bytes, "HTTP body")
            parts.append(piece)
    return b"".join(parts)


def _page(record, n: int, path: Path, max_bytes: int, outlet: str | None,
          max_chars: int | None = None) -> RawDocument | IngestProblem:
    """One HTML record to a document (or the problem with it); leaves the record read to its end."""
    source = f"{path}#{n}"
    length = _record_length(record)
    if length > max_bytes:
        _complete(record)
        err = too_large(length, max_bytes, what="record")
        return IngestProblem(source=source, status="failed", reason=err.reason)
    try:
        payload = _http_body(record, max_bytes)
    except _Broken:
        raise
    except Unreadable as exc:
        _complete(record)
        return IngestProblem(source=source, status=exc.status, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001 - bad chunking in one record
        _complete(record)
        return IngestProblem(
            source=source, status="failed",
            reason=one_line(f"undecodable HTTP body: {type(exc).__name__}: {exc}"),
        )
    _complete(record)
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    try:
        if not payload.strip():
            raise Unreadable("no text: the HTML response is empty")
        markup = require_visible_text(
            decode_html(payload, _charset(headers.get_header("Content-Type"))), max_chars)
    except Unreadable as exc:
        return IngestProblem(source=source, status=exc.status, reason=exc.reason)
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
    return RawDocument(source=source, kind="warc", html=markup, url=url, outlet=outlet)


def read(
    path: Path, *, max_bytes: int, outlet: str | None = None, max_chars: int | None = None
) -> Iterator[RawDocument | IngestProblem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    fh, stream = _open(path)
    n = pages = 0
    warnings = io.StringIO()  # warcio prints some complaints to stderr; keep them for the reason
    with fh:
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            try:
                with redirect_stderr(warnings):
                    record = next(records)
                    if record is None or not record.rec_type:
                        raise _Broken("corrupt WARC: a record has no WARC-Type")
                    n += 1
                    if _is_html_page(record):
                        pages += 1
                        item = _page(record, n, path, max_bytes, outlet, max_chars)
                    else:
                        _record_length(record)
                        _complete(record)
                        item = None
            except StopIteration:
                break
            except _Broken as exc:
                yield _stopped(path, n + 1, str(exc), pages)
                return
            except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on damaged headers
                detail = f"{type(exc).__name__}: {exc}" if isinstance(exc, ArchiveLoadFailed) else type(exc).__name__
                yield _stopped(path, n + 1, f"truncated or corrupt WARC: a record cannot be parsed, {detail}", pages)
                return
            if item is not None:
                yield item
        try:
            left = _bytes_after(archive, stream)
        except _Broken as exc:
            yield _stopped(path, n + 1, str(exc), pages)
            return
        if left:
            yield _stopped(path, n + 1, "truncated WARC: the file ends inside a record's headers", pages)
            return
    complaint = warnings.getvalue().strip()
    if complaint:
        first = complaint.splitlines()[0].replace("WARNING:", "").strip()
        yield IngestProblem(source=str(path), status="failed", reason=one_line(f"corrupt WARC: {first}"))
    elif pages == 0:
        raise Unreadable(
            f"no articles: the WARC holds no HTML response records ({n} records read)", status="skipped"
        )


def _bytes_after(archive, stream: _Guarded) -> int:
    """Bytes past the end of the last whole record: warcio ends quietly on a record whose
    headers are cut off, so compare where it stopped with where the data ends."""
    while stream.read(CHUNK):
        pass
    return max(0, stream.tell() - int(getattr(archive, "offset", 0) or 0))


def _stopped(path: Path, n: int, reason: str, pages: int) -> IngestProblem:
    reason = f"{reason}; stopped at record {n}, after {pages} HTML records"
    return IngestProblem(source=f"{path}#{n}", status="failed", reason=one_line(reason))
