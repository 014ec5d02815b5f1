"""The batch runner's work on a Dask cluster: ``dyad ingest --dask ADDRESS``.

The runner reads the inputs and stores the results on this machine (the driver), exactly as a
local run does; only the per-article work (``pipeline.process_many`` over a batch) runs on the
cluster's workers. At most two batches per worker are in flight, collected with
``as_completed`` and handed back in input order, so the driver's memory does not grow with the
corpus and the store receives the same rows, in the same order, as a serial run.

Each worker loads the spaCy pipeline once, when it joins (a worker plugin), not once per task.
A worker that dies mid-task (killed, out of memory) has its tasks run again elsewhere by the
scheduler (``retries`` and the scheduler's allowed failures); a batch that still fails is
recorded, document by document, as failed with the reason.

    ADDRESS: "tcp://scheduler:8786" (a running cluster: ``dask scheduler`` and ``dask worker``),
             "local" or "local:N" (a ``LocalCluster`` of N single-threaded worker processes on
             this machine, started and stopped by the run; N defaults to the CPU count)

On a cluster, the per-document time limit is not enforced (Dask has no task timeout) and a
worker's memory is bounded by the worker's own ``--memory-limit``; ``max_chars`` still is.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dyad.limits import Limits

if TYPE_CHECKING:  # Dask is imported only by a run that uses it
    from distributed import Client, LocalCluster

#: batches in flight per worker
IN_FLIGHT_PER_WORKER = 2


class ClusterError(RuntimeError):
    """The cluster cannot be used: one line naming it and the reason."""


@lru_cache(maxsize=1)
def _load_pipeline_plugin() -> Any:
    """The worker plugin that loads the spaCy pipeline once in each worker, when it joins."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        name = "dyad-load-pipeline"

        def setup(self, worker: Any) -> None:  # pragma: no cover - runs on the workers
            from dyad import nlp

            nlp.load()

    return LoadPipeline


def _local(spec: str) -> int | None:
    """N for "local:N", 0 for "local", None for anything else."""
    if spec == "local":
        return 0
    if spec.startswith("local:"):
        try:
            n = int(spec.split(":", 1)[1])
        except ValueError:
            raise ClusterError(f"dask {spec}: the number of workers must be a whole number") from None
        if n < 1:
            raise ClusterError(f"dask {spec}: at least one worker is needed")
        return n
    return None


def connect(spec: str) -> tuple[Client, LocalCluster | None]:
    """A client for ``spec``, and the ``LocalCluster`` it started (None for a running cluster)."""
    from distributed import Client, LocalCluster

    n = _local(spec)
    if n is not None:
        cluster = LocalCluster(n_workers=n or (os.cpu_count() or 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(spec, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(f"dask {spec}: cannot connect: {reason[:300]}") from None


def results(
    batches: Iterable[list[tuple[Any, str, frozenset[str]]]],
    spec: str,
    limits: Limits,
    process_batch: Callable[[list, Limits], list],
) -> Iterator[tuple[Any, str, Any]]:
    """(raw, raw_hash, result or reason) for every document of ``batches``, in input order,
    each batch processed by ``process_batch(items, limits)`` on a worker of the cluster."""
    from distributed import as_completed

    client, cluster = connect(spec)
    try:
        plugin = _load_pipeline_plugin()
        client.register_plugin(plugin(), name=plugin.name)
        if cluster is None:
            client.wait_for_workers(1, timeout=60)
        cap = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        source = iter(batches)
        waiting = as_completed()
        index_of: dict[str, int] = {}
        held: dict[int, list] = {}
        done: dict[int, list | str] = {}
        submitted = handed = 0
        exhausted = False
        while True:
            while not exhausted and submitted - handed < cap:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                future = client.submit(process_batch, [(r, k) for r, _, k in batch], limits,
                                       pure=False, retries=1)
                index_of[future.key] = submitted
                held[submitted] = batch
                waiting.add(future)
                submitted += 1
            if handed == submitted:
                return
            while handed not in done:
                future = next(waiting)
                try:
                    outcome: list | str = future.result()
                except Exception as exc:  # noqa: BLE001 - the task failed on every try
                    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
                    outcome = f"worker died: {type(exc).__name__}: {reason}"
                done[index_of.pop(future.key)] = outcome
                future.release()
            outcome = done.pop(handed)
            batch = held.pop(handed)
            handed += 1
            if isinstance(outcome, str):
                yield from ((r, h, outcome) for r, h, _ in batch)
            else:
                yield from ((r, h, res) for (r, h, _), res in zip(batch, outcome))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
