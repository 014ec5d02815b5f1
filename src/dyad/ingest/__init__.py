"""Reading inputs: files and folders become RawDocuments, or one-line IngestProblems.

One module per input kind (``text``, ``html``, ``jsonl``, ``warc``, ``feeds``), each with
``SUFFIXES`` and ``read(path, *, max_bytes, outlet, max_chars)``; this module walks folders
and sends each file to its reader. A broken input never stops a batch: it becomes an
:class:`~dyad.records.IngestProblem` whose reason is one line, ``category: detail``, and
whose source and reason have their control characters escaped (``printable``), so that a file name
holding a newline or an escape code cannot break the line or reach the terminal.

    for item in iter_documents(["articles/", "feed.xml"], outlet="Caspian Ledger"):
        print(item.line() if isinstance(item, IngestProblem) else item.source)
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from dyad.ingest import feeds, html, jsonl, text, warc
from dyad.ingest.files import Unreadable, one_line, os_error_reason
from dyad.limits import Limits
from dyad.records import IngestProblem, RawDocument
from dyad.text import printable

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "iter_documents", "raw_hash", "reader_for"]

#: files (WARC: records) larger than this are refused; the CLI's ``--max-bytes``
DEFAULT_MAX_BYTES = Limits().max_bytes
#: documents whose text is longer than this are refused; the CLI's ``--max-chars``
DEFAULT_MAX_CHARS = Limits().max_chars

Reader = Callable[..., Iterator[RawDocument | IngestProblem]]

# WARC first: ".warc.gz" must not be taken for some other kind's ".gz"
_READERS: tuple[tuple[tuple[str, ...], Reader], ...] = (
    (warc.SUFFIXES, warc.read),
    (text.SUFFIXES, text.read),
    (html.SUFFIXES, html.read),
    (jsonl.SUFFIXES, jsonl.read),
    (feeds.SUFFIXES, feeds.read),
)

_FILE_TYPES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a file name (case-insensitive; ``.gz`` allowed on every kind)."""
    name = path.name.lower()
    for suffixes, reader in _READERS:
        if name.endswith((*suffixes, *(s + ".gz" for s in suffixes))):
            return reader
    return None


def _file_type(path: Path) -> str:
    suffixes = [s for s in path.suffixes if 1 < len(s) <= 10]
    if suffixes and suffixes[-1].lower() == ".gz" and len(suffixes) > 1:
        return "".join(suffixes[-2:]).lower()
    return suffixes[-1].lower() if suffixes else "(no extension)"


def iter_documents(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    outlet: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Iterator[RawDocument | IngestProblem]:
    """Read every input under ``paths``, in a stable order.

    Folders are walked recursively in name order, skipping hidden files and folders
    (a hidden path named explicitly is read) and never entering a folder twice, so
    symlink loops end. A symlink inside a folder is followed while its target lies
    inside the folder given; one that leads out of it is skipped ("symlink outside"),
    so that a link cannot pull files from elsewhere into a batch (a path given
    explicitly is always read, link or not). ``outlet`` fills ``RawDocument.outlet``
    where the input names none. ``max_bytes`` caps each file (WARC: record) and each
    decompressed stream; ``max_chars`` (0 or None: no limit) each document's text.
    Nothing here raises for a bad input: each gives one ``IngestProblem``.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not an iterable of characters
    outlet = (outlet or "").strip() or None
    walk = _Walk(max_bytes=max_bytes, max_chars=max_chars or None, outlet=outlet)
    for given in paths:
        path = Path(given)
        count = 0
        walk.root = os.path.realpath(path)
        for item in _visit(path, walk):
            count += 1
            if isinstance(item, IngestProblem):
                item = replace(item, source=printable(item.source), reason=printable(item.reason))
            yield item
        if count == 0 and path.is_dir():
            yield IngestProblem(
                source=printable(str(path)), status="skipped",
                reason="no files: the folder holds no files to read (hidden ones are skipped)",
            )


@dataclass
class _Walk:
    """What one walk carries down the folders."""

    max_bytes: int
    max_chars: int | None
    outlet: str | None
    root: str = ""  # the real path of the path given, which symlinks must not lead out of
    seen: set[tuple[int, int]] = field(default_factory=set)


def _stat_problem(path: Path, exc: OSError) -> IngestProblem:
    if exc.errno == errno.ELOOP:
        reason = "broken symlink: the link points back to itself in a loop"
    elif isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            reason = f"broken symlink: its target {printable(target)} does not exist"
        else:
            reason = "not found: no such file or folder"
    else:
        reason = os_error_reason(exc)
    return IngestProblem(source=str(path), status="failed", reason=one_line(reason))


def _outside(path: Path, root: str) -> bool:
    """Whether the symlink ``path`` (inside the folder ``root``) resolves to a place outside it."""
    target = os.path.realpath(path)
    return os.path.commonpath([target, root]) != root


def _visit(path: Path, walk: _Walk, inner: bool = False) -> Iterator[RawDocument | IngestProblem]:
    if inner and path.is_symlink() and _outside(path, walk.root):
        yield IngestProblem(
            source=str(path), status="skipped",
            reason="symlink outside the folder: its target is not inside the folder being read",
        )
        return
    try:
        st = path.stat()
    except OSError as exc:
        yield _stat_problem(path, exc)
        return
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in walk.seen:  # a symlink loop, or a folder already read by another route
            return
        walk.seen.add(key)
        yield from _walk_dir(path, walk)
    elif stat.S_ISREG(st.st_mode):
        yield from _read_file(path, walk)
    else:
        what = _FILE_TYPES.get(stat.S_IFMT(st.st_mode), "not a regular file")
        yield IngestProblem(
            source=str(path), status="skipped", reason=f"not a regular file: the path is {what}"
        )


def _walk_dir(folder: Path, walk: _Walk) -> Iterator[RawDocument | IngestProblem]:
    try:
        with os.scandir(folder) as it:
            names = sorted(entry.name for entry in it)
    except OSError as exc:
        yield IngestProblem(source=str(folder), status="failed", reason=os_error_reason(exc).replace(
            "cannot read", "cannot read folder", 1))
        return
    for name in names:
        if name.startswith("."):
            continue
        yield from _visit(folder / name, walk, inner=True)


def _read_file(path: Path, walk: _Walk) -> Iterator[RawDocument | IngestProblem]:
    reader = reader_for(path)
    if reader is None:
        yield IngestProblem(
            source=str(path), status="skipped", reason=f"unsupported file type {_file_type(path)}"
        )
        return
    try:
        yield from reader(path, max_bytes=walk.max_bytes, outlet=walk.outlet, max_chars=walk.max_chars)
    except Unreadable as exc:
        yield IngestProblem(source=str(path), status=exc.status, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        detail = str(exc).strip()
        reason = f"unexpected error: {type(exc).__name__}" + (f": {detail}" if detail else "")
        yield IngestProblem(source=str(path), status="failed", reason=one_line(reason))


def raw_hash(doc: RawDocument) -> str:
    """SHA-1 over a document's kind, body and metadata (not its source), so that a re-run
    can tell an unchanged input from a changed one."""
    payload = [doc.kind, doc.text, doc.html, doc.url, doc.title, doc.date, doc.outlet, list(doc.authors)]
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()
