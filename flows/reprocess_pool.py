"""Reprocess in parallel: parse and extract across processes, write in one, in chunk order.

The raw store's index (`raw_documents`: ids and URLs, no bodies) is read once; its rows are cut
into chunks of `chunk_size` (the unit of a write: one Delta commit per table), and each chunk
into batches that worker processes read from the raw store, parse and extract on their own. The
flow's process gets the batches back in order and writes each chunk whole, so the tables (and
their commits) are the same as a serial run's, whatever the number of workers. At most a few
batches are in flight at once, so memory stays flat however large the store is: no body ever
crosses a process boundary, and only one chunk's documents wait for their write.

`workers=1` computes in the calling process (no pool): the serial path the tests compare with.
`compute_batch` is a plain top-level function, so any executor that pickles a call (a process
pool here, a Dask cluster the same way) can run it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from flows import stages
from load.lake import Lake
from load.quarantine import QuarantineItem
from load.raw_store import RawStore
from load.storage import StorageRoot
from records import Document, RawInput, RawRef

log = logging.getLogger(__name__)

# Pages per batch handed to a worker: small enough to spread a chunk over the cores and keep
# memory low, large enough that the per-call overhead (pickling the results) stays small.
BATCH_SIZE = 25


@dataclass
class Computed:
    """Parse and extract results of some raw bodies, waiting for their write."""

    refs: list[RawRef] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    mentions: list[dict[str, object]] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    parse_items: list[QuarantineItem] = field(default_factory=list)
    extract_items: list[QuarantineItem] = field(default_factory=list)

    def add(self, other: Computed) -> None:
        """Append another batch's results after this one's."""
        self.refs += other.refs
        self.documents += other.documents
        self.mentions += other.mentions
        self.extracted += other.extracted
        self.parse_items += other.parse_items
        self.extract_items += other.extract_items


def raw_refs(lake: Lake, source: str | None = None) -> list[RawRef]:
    """The raw bodies a reprocess reads (of one source or all): the newest copy per URL, in URL
    order. Only the index columns are read, never a body."""
    raw = lake.read("raw_documents",
                    columns=["raw_id", "source", "url", "fetched_at", "published_hint"],
                    where=None if source is None else {"source": source})
    raw = raw.sort("fetched_at").unique(subset=["source", "url"], keep="last").sort("url")
    return [RawRef(r["source"], r["url"], r["raw_id"], r["published_hint"])
            for r in raw.iter_rows(named=True)]


@cache
def _raw_store(root: str, options: tuple[tuple[str, str], ...]) -> RawStore:
    return RawStore(StorageRoot(root, dict(options) or None))


def compute_batch(root: str, options: tuple[tuple[str, str], ...], refs: Sequence[RawRef],
                  seen_at: datetime, budget_seconds: float | None) -> Computed:
    """Read, parse and extract some raw bodies (in a worker, or in the caller when serial).

    A blob that is missing or corrupt is quarantined at stage parse with the reason, like a
    page that does not parse.
    """
    store = _raw_store(root, options)
    inputs: list[RawInput] = []
    unreadable: list[QuarantineItem] = []
    for ref in refs:
        try:
            body = store.get(ref.raw_id)
        except (OSError, ValueError) as exc:
            unreadable.append(stages.quarantine_item(ref.source, ref.url, "parse", exc,
                                                     seen_at, ref.raw_id))
            continue
        inputs.append(RawInput(ref.source, ref.url, ref.raw_id, body, ref.published_hint))
    documents, parse_items = stages.parse_inputs(inputs, seen_at)
    del inputs  # the bodies: only the documents go on
    mentions, extracted, extract_items = stages.extract_mentions(
        documents, seen_at, budget_seconds=budget_seconds)
    return Computed(list(refs), documents, mentions, extracted, unreadable + parse_items,
                    extract_items)


def write_computed(lake: Lake, computed: Computed, seen_at: datetime) -> stages.ChunkResult:
    """Write one chunk's results (mentions, entities, documents), quarantine its failures and
    resolve the earlier failures of the bodies that went through."""
    stages.write_extracted(lake, computed.documents, computed.mentions, computed.extracted)
    items = computed.parse_items + computed.extract_items
    stages.settle_quarantine(lake, computed.refs, items, seen_at)
    log.info("reprocessed %d raw bodies: %d documents, %d mentions, %d failures",
             len(computed.refs), len(computed.documents), len(computed.mentions), len(items))
    return stages.ChunkResult(len(computed.refs), len(computed.documents),
                              len(computed.mentions), len(items))


def compute_all(lake: Lake, refs: Sequence[RawRef], *, seen_at: datetime,
                budget_seconds: float | None, workers: int,
                executor: Executor | None = None) -> Computed:
    """Every ref parsed and extracted as one chunk (a nightly source's fetched items): on
    `executor` when given (a cluster), else in worker processes only when there is more than
    one batch of work."""
    out = Computed()
    for part in computed_chunks(lake, refs, chunk_size=max(len(refs), 1),
                                workers=workers if len(refs) > BATCH_SIZE else 1,
                                seen_at=seen_at, budget_seconds=budget_seconds,
                                executor=executor):
        out.add(part)
    return out


def worker_count(setting: int) -> int:
    """Processes to use: the setting, or every core when it is 0."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def computed_chunks(lake: Lake, refs: Sequence[RawRef], *, chunk_size: int, workers: int,
                    seen_at: datetime, budget_seconds: float | None,
                    executor: Executor | None = None) -> Iterator[Computed]:
    """Each chunk of `refs` parsed and extracted, in order. With `workers` > 1 (or an
    `executor` given) batches run in worker processes, at most two per worker in flight."""
    root = lake.storage.root
    options = tuple(sorted((lake.storage.storage_options or {}).items()))
    batches = [(start, list(refs[i:i + min(BATCH_SIZE, chunk_size)]))
               for start in range(0, len(refs), chunk_size)
               for i in range(start, min(start + chunk_size, len(refs)),
                              min(BATCH_SIZE, chunk_size))]
    if executor is None and workers <= 1:
        current, chunk_start = Computed(), 0
        for start, batch in batches:
            if start != chunk_start and current.refs:
                yield current
                current = Computed()
            chunk_start = start
            current.add(compute_batch(root, options, batch, seen_at, budget_seconds))
        if current.refs:
            yield current
        return
    own = executor is None
    pool = executor or ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from _in_order(pool, batches, root, options, seen_at, budget_seconds,
                             ahead=2 * max(workers, 1))
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


def _in_order(pool: Executor, batches: list[tuple[int, list[RawRef]]], root: str,
              options: tuple[tuple[str, str], ...], seen_at: datetime,
              budget_seconds: float | None, ahead: int) -> Iterator[Computed]:
    pending: deque[tuple[int, Future[Computed]]] = deque()
    current, chunk_start = Computed(), 0
    upcoming = iter(batches)
    while True:
        while len(pending) < ahead and (batch := next(upcoming, None)) is not None:
            start, refs = batch
            pending.append((start, pool.submit(compute_batch, root, options, refs, seen_at,
                                               budget_seconds)))
        if not pending:
            break
        start, future = pending.popleft()
        if start != chunk_start and current.refs:
            yield current
            current = Computed()
        chunk_start = start
        current.add(future.result())
    if current.refs:
        yield current
