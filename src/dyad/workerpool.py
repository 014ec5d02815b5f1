"""Worker processes for the batch runner, on Pebble's process pool.

Pebble's pool gives each task a timeout (the worker running it is killed and replaced) and
reports a worker that died (killed, out of memory, crashed) as that task's error, while the
other workers go on. What this module adds:

- ``die_with_parent``: a worker is killed by the kernel when the runner dies, even by
  ``kill -9`` (Linux ``PR_SET_PDEATHSIG``), so no worker is left running;
- ``cap_memory``: a worker may grow by at most so many MB (``RLIMIT_AS`` counted from its
  size after start-up); past it allocations fail with ``MemoryError``, which the runner
  records as the document's "memory limit".
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable

from pebble import ProcessExpired, ProcessPool

WorkerDied = ProcessExpired

_PR_SET_PDEATHSIG = 1


def start(workers: int, initializer: Callable, initargs: tuple) -> ProcessPool:
    """A pool of ``workers`` processes, each started with ``initializer(*initargs)``.

    Workers are forked, so a model the runner has loaded is shared, not loaded again."""
    context = multiprocessing.get_context("fork")
    return ProcessPool(max_workers=workers, initializer=initializer, initargs=initargs, context=context)


def stop(pool: ProcessPool) -> None:
    """Stop the pool now, killing the workers still running tasks, and wait for them."""
    pool.stop()
    pool.join()


def die_with_parent(parent: int) -> None:  # pragma: no cover - runs in child processes
    """Have the kernel kill this process when its parent dies (exit now if it already has), and
    leave Ctrl-C to the parent."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own checks remain
        pass
    if os.getppid() != parent:
        os._exit(1)
    # Ctrl-C reaches the whole process group: the runner stops its workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def cap_memory(max_mb: int) -> None:  # pragma: no cover - runs in child processes
    """Let this process's address space grow by at most ``max_mb`` MB from now (0: no cap)."""
    if not max_mb:
        return
    with open("/proc/self/statm") as fh:
        size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    cap = size + max_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def describe(exc: BaseException) -> str:
    """How a worker ended, in words: "killed by signal 9", "exit code 1"."""
    code = getattr(exc, "exitcode", None)
    if isinstance(code, int) and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}" if code is not None else str(exc) or type(exc).__name__
