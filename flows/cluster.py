"""Parse and extract on a Dask cluster, through Prefect's Dask task runner (`prefect-dask`).

`CIRCULARITY_DASK_ADDRESS` names an existing scheduler (`tcp://scheduler:8786`), or `local`
to start a LocalCluster of `CIRCULARITY_WORKERS` processes (one per core when 0) for the run;
empty (the default) keeps the local process pool of `flows.reprocess_pool`. Each batch of raw
bodies becomes a Prefect task run on a Dask worker, which reads the blobs from the storage root
itself (so the workers need the same storage root: an object store, or a shared folder); the
results come back in order and are written by the flow's own process, exactly as in the local
path, so the tables are the same.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import reprocess_pool as pool
from records import RawRef

log = logging.getLogger(__name__)

_BATCH_ARGUMENTS = ("root", "options", "refs", "seen_at", "budget_seconds")


@task(name="parse-and-extract-batch", cache_policy=NO_CACHE, persist_result=False)
def compute_batch_task(root: str, options: tuple[tuple[str, str], ...], refs: list[RawRef],
                       seen_at: datetime, budget_seconds: float | None) -> pool.Computed:
    """One batch of raw bodies read, parsed and extracted on a cluster worker."""
    return pool.compute_batch(root, options, refs, seen_at, budget_seconds)


class TaskRunnerExecutor(Executor):
    """A Prefect task runner seen as an Executor, so `reprocess_pool` can hand it batches: a
    submitted `compute_batch` call becomes a `compute_batch_task` run on the runner."""

    def __init__(self, runner: Any) -> None:
        self.runner = runner

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Run `compute_batch(*args)` as a task on the runner; the future has `.result()`."""
        if fn is not pool.compute_batch or kwargs:
            raise TypeError("only reprocess_pool.compute_batch runs on the cluster")
        return self.runner.submit(compute_batch_task,
                                  parameters=dict(zip(_BATCH_ARGUMENTS, args, strict=True)))


@contextmanager
def cluster_executor(address: str, workers: int) -> Iterator[Executor | None]:
    """An executor on the Dask cluster `address` names ("local": a LocalCluster of `workers`
    processes for the duration), or None when no cluster is configured."""
    if not address.strip():
        yield None
        return
    from prefect_dask import DaskTaskRunner

    if address.strip() == "local":
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                                "processes": True})
    else:
        runner = DaskTaskRunner(address=address.strip())
    with runner:
        log.info("parsing and extracting on the Dask cluster %s", address)
        yield TaskRunnerExecutor(runner)
