"""The plain stage functions every flow wires: fetch planning, ingest, parse, extract, write.

Nightly, backfill and reprocess share one path: `parse_inputs` -> `extract_mentions` (run
batch by batch by `flows.reprocess_pool`, in worker processes when there is enough work) ->
`write_extracted`, then quarantine. The Prefect tasks in `flows.pipeline_tasks` are one-line
wrappers around these functions, which tests call directly, with no Prefect.

Write order is what makes a killed run safe to resume: raw blobs and `raw_documents` first,
then `deal_mentions` and `entities`, then `documents` last. A URL counts as done only once its
documents row is committed, so anything interrupted before that is simply fetched
(conditionally) and processed again, and the merges on deterministic keys add nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import NamedTuple

import polars as pl

from extract.errors import SourceError
from extract.markup.urls import https_key
from extract.parsers import parse_batch
from load import quarantine
from load.lake import Lake, WriteResult, quote, sql_literal
from load.quarantine import QuarantineItem
from load.raw_store import RawStore
from records import Document, FetchOutcome, RawInput, RawRef, Ref, StoredCopy
from transform.deals import EXTRACTOR_VERSION, ExtractionFailed, entity_rows, mention_rows
from transform.deals.extractor import DEFAULT_BUDGET_SECONDS
from transform.entities import EntityTable

log = logging.getLogger(__name__)


def quarantine_item(
    source: str, url: str, stage: str, error: SourceError | Exception, seen_at: datetime,
    raw_id: str | None = None,
) -> QuarantineItem:
    """A quarantine item for an error, classified transient (retryable) or not."""
    transient = isinstance(error, SourceError) and error.transient
    error_class = error.error_class if isinstance(error, SourceError) else type(error).__name__
    return QuarantineItem(
        source=source, url=url, stage=stage, error_class=error_class,
        message=str(error) or error_class, retryable=transient, seen_at=seen_at, raw_id=raw_id,
    )


def store_fetched(
    lake: Lake, raw_store: RawStore, outcomes: Sequence[FetchOutcome], seen_at: datetime,
) -> tuple[list[RawInput], list[QuarantineItem]]:
    """Keep every fetched body in the raw store and index it in `raw_documents`.

    Each outcome is stored under its ref's source. A "not modified" answer reuses the stored
    body. Fetch errors become quarantine items. Returns the bodies to parse and the failures.
    """
    inputs: list[RawInput] = []
    failures: list[QuarantineItem] = []
    rows = []
    for outcome in outcomes:
        url, source = outcome.ref.url, outcome.ref.source
        if outcome.error is not None:
            failures.append(quarantine_item(source, url, "fetch", outcome.error, seen_at))
            continue
        response = outcome.response
        assert response is not None
        if response.not_modified:
            try:
                if outcome.stored is None:
                    raise ValueError("304 Not Modified without a stored copy to reuse")
                body = raw_store.get(outcome.stored.raw_id)
            except (OSError, ValueError) as exc:
                failures.append(quarantine_item(source, url, "fetch", exc, seen_at))
                continue
            inputs.append(RawInput(source, url, outcome.stored.raw_id, body,
                                   outcome.ref.published_hint))
            continue
        raw_id, blob_path = raw_store.put(response.body)
        rows.append({
            "raw_id": raw_id, "source": source, "url": url, "final_url": response.final_url,
            "fetched_at": response.fetched_at, "status": response.status,
            "content_type": response.content_type, "byte_size": len(response.body),
            "blob_path": blob_path, "etag": response.etag,
            "last_modified": response.last_modified,
            "published_hint": outcome.ref.published_hint,
        })
        inputs.append(RawInput(source, url, raw_id, response.body, outcome.ref.published_hint))
    # Insert-only: the first fetch of a body is its provenance; a refetch adds nothing.
    lake.upsert("raw_documents", rows, update_matched=False)
    return inputs, failures


def resolve_successes(lake: Lake, outcomes: Sequence[FetchOutcome],
                      inputs: Sequence[RawInput | RawRef],
                      failures: Sequence[QuarantineItem], at: datetime) -> int:
    """Mark earlier fetch and parse failures of the URLs that succeeded now as resolved."""
    failed = {(item.source, item.url) for item in failures}
    fetched: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.error is None:
            fetched.setdefault(outcome.ref.source, []).append(outcome.ref.url)
    parsed: dict[str, list[str]] = {}
    for raw in inputs:
        if (raw.source, raw.url) not in failed:
            parsed.setdefault(raw.source, []).append(raw.url)
    count = 0
    for source, urls in fetched.items():
        count += quarantine.resolve(lake, source, urls, "fetch", at)
    for source, urls in parsed.items():
        count += quarantine.resolve(lake, source, urls, "parse", at)
    return count


def resolve_discovery(lake: Lake, source: str, still_failing: Sequence[str],
                      at: datetime) -> int:
    """Resolve a source's open discovery-stage failures, except those that failed again."""
    if not lake.exists("quarantine"):
        return 0
    open_rows = quarantine.open_items(lake, source, "discover")
    if open_rows.is_empty():
        return 0
    urls = [u for u in open_rows["url"].to_list() if u not in set(still_failing)]
    return quarantine.resolve(lake, source, urls, "discover", at)


def by_source(refs: Iterable[Ref]) -> dict[str, list[Ref]]:
    """Refs grouped by their source, in first-seen order."""
    groups: dict[str, list[Ref]] = {}
    for ref in refs:
        groups.setdefault(ref.source, []).append(ref)
    return groups


def write_documents(lake: Lake, documents: Iterable[Document]) -> WriteResult:
    """Merge documents on doc_id (updated only where a value changed)."""
    return lake.upsert("documents", [doc.to_row() for doc in documents])


def write_mentions(lake: Lake, rows: Sequence[dict[str, object]],
                   doc_ids: Sequence[str]) -> WriteResult:
    """Replace the deal mentions of these documents by `rows`, in one commit.

    Mentions of these documents that the new extraction no longer finds are deleted, so a
    re-extraction (new extractor version, better parser) leaves exactly its own rows.
    """
    unique_ids = sorted(set(doc_ids))
    if not unique_ids:
        return WriteResult("deal_mentions", 0, 0, 0, lake.version("deal_mentions"))
    if not rows and not lake.exists("deal_mentions"):
        return WriteResult("deal_mentions", 0, 0, 0, None)
    return lake.upsert("deal_mentions", list(rows), replace_where={"doc_id": unique_ids})


def drop_other_extractor_versions(lake: Lake, version: str) -> int:
    """Delete mentions written by any other extractor version (after a full re-extraction)."""
    if not lake.exists("deal_mentions"):
        return 0
    return lake.delete_where(
        "deal_mentions", f"{quote('extractor_version')} <> {sql_literal(version)}")


def write_entities(lake: Lake, rows: Sequence[dict[str, object]]) -> WriteResult:
    """Merge entity rows (reference table and open-world names) on entity_id."""
    return lake.upsert("entities", list(rows))


def known_urls(lake: Lake, source: str) -> set[str]:
    """URLs of a source that need no fetch: parsed into documents, or failed permanently."""
    docs = lake.read("documents", columns=["url", "canonical_url"], where={"source": source})
    known = set(docs["url"].to_list()) | set(docs["canonical_url"].to_list())
    quarantined = lake.read("quarantine", columns=["url", "resolved_at", "retryable"],
                            where={"source": source}).filter(
        pl.col("resolved_at").is_null() & ~pl.col("retryable")
    )
    return known | set(quarantined["url"].to_list())


def stored_copies(lake: Lake, source: str) -> dict[str, StoredCopy]:
    """Per URL, the most recently fetched raw copy: the validators for a conditional GET."""
    raw = (
        lake.read("raw_documents",
                  columns=["url", "raw_id", "etag", "last_modified", "fetched_at"],
                  where={"source": source})
        .sort("fetched_at")
        .unique(subset=["url"], keep="last")
    )
    return {
        row["url"]: StoredCopy(row["raw_id"], row["etag"], row["last_modified"])
        for row in raw.iter_rows(named=True)
    }


def retry_refs(lake: Lake, source: str, max_attempts: int) -> list[Ref]:
    """Refs whose fetch failed transiently and is still worth another attempt."""
    rows = lake.read("quarantine", columns=["url", "resolved_at", "retryable", "attempts"],
                     where={"source": source, "stage": "fetch"}).filter(
        pl.col("resolved_at").is_null()
        & pl.col("retryable")
        & (pl.col("attempts") < max_attempts)
    )
    return [Ref(source=source, url=url, canonical_url=url) for url in rows["url"].to_list()]


_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


class FetchPlan(NamedTuple):
    """What a run fetches of a source: `refs` (in order), the stored copies for conditional
    GETs, and `left`: new items the per-run cap leaves for the next run."""

    refs: list[Ref]
    stored: dict[str, StoredCopy]
    left: list[Ref]


def plan_fetch(
    lake: Lake, source: str, refs: Sequence[Ref], *, max_items: int, max_attempts: int,
    include_retries: bool = True,
) -> FetchPlan:
    """Which refs of a source to fetch this run, and the stored copies for conditional GETs.

    Discovered refs not yet done come first, then earlier transient failures worth retrying
    (unless `include_retries` is off, as for refs handed over by another source); at most
    `max_items` in all. When the cap bites, the discovered refs go oldest first (undated last)
    so the source's watermark can stop before the first item left (`watermark_after_cap`).
    """
    known = known_urls(lake, source)
    fresh: list[Ref] = []
    seen: set[str] = set()
    retries = retry_refs(lake, source, max_attempts) if include_retries else []
    for ref in refs:
        if ref.url in known or ref.canonical_url in known or ref.canonical_url in seen:
            continue
        seen.add(ref.canonical_url)
        fresh.append(ref)
    # A retry is keyed by the URL that failed, discovery by the normalised one: compare both
    # through the same key, so an item still in the feed is fetched once, not twice.
    fresh_keys = seen | {_page_key(r.url) for r in fresh}
    again = [r for r in retries if r.canonical_url not in fresh_keys
             and _page_key(r.url) not in fresh_keys
             and r.url not in known and r.canonical_url not in known]
    if len(fresh) + len(again) <= max_items:
        return FetchPlan([*fresh, *again], stored_copies(lake, source), [])
    fresh.sort(key=lambda r: (r.published_hint is None, r.published_hint or _FAR_FUTURE))
    chosen = [*fresh, *again][:max_items]
    left = fresh[max_items:]
    log.info("%s: %d items to fetch, capped at %d this run; %d new items left for the next",
             source, len(fresh) + len(again), max_items, len(left))
    return FetchPlan(chosen, stored_copies(lake, source), left)


def _page_key(url: str) -> str:
    """The page a URL names, tracking parameters aside (extract.markup.urls.https_key)."""
    try:
        return https_key(url)
    except ValueError:
        return url


def watermark_after_cap(discovered: datetime | None, left: Sequence[Ref]) -> datetime | None:
    """Where a source's watermark may move when the cap left `left` unfetched: just before
    the oldest item left (never past what discovery saw), or nowhere when an item left has no
    date (None: the next run starts from the old watermark)."""
    if not left:
        return discovered
    hints = [r.published_hint for r in left]
    if any(h is None for h in hints):
        return None
    stop = min(h for h in hints if h is not None) - timedelta(microseconds=1)
    return stop if discovered is None else min(stop, discovered)


def parse_inputs(inputs: Sequence[RawInput], seen_at: datetime,
                 ) -> tuple[list[Document], list[QuarantineItem]]:
    """Parse stored bodies into documents; failures become quarantine items at stage parse."""
    documents, failures = parse_batch(
        [(i.source, i.body, i.url, i.raw_id, i.published_hint) for i in inputs])
    items = [quarantine_item(source, url, "parse", error, seen_at, raw_id)
             for source, url, raw_id, error in failures]
    return documents, items


def extract_mentions(
    documents: list[Document], seen_at: datetime, table: EntityTable | None = None,
    budget_seconds: float | None = DEFAULT_BUDGET_SECONDS,
) -> tuple[list[dict[str, object]], list[str], list[QuarantineItem]]:
    """Deal mention rows of the documents (title, key points and text); the ids of the
    documents extracted; quarantine items (stage extract) for documents the extractor failed on
    or that took longer than `budget_seconds` each.
    """
    rows, failed = extract_documents(documents, table, budget_seconds)
    failed_ids = {doc.doc_id for doc, _ in failed}
    items = [quarantine_item(doc.source, doc.url, "extract", error, seen_at, doc.raw_id)
             for doc, error in failed]
    return rows, [d.doc_id for d in documents if d.doc_id not in failed_ids], items


def write_extracted(lake: Lake, documents: Sequence[Document],
                    mentions: Sequence[dict[str, object]], extracted: Sequence[str],
                    table: EntityTable | None = None) -> int:
    """Write mentions, then entities, then documents (a document row marks its URL done);
    returns the rows inserted or changed across the three tables."""
    changed = 0
    for result in (write_mentions(lake, mentions, extracted),
                   write_entities(lake, entity_rows(table or EntityTable.default(),
                                                    list(mentions))),
                   write_documents(lake, documents)):
        changed += result.inserted + result.updated
    return changed


@dataclass(frozen=True)
class ChunkResult:
    """What one chunk of a reprocess did."""

    raw: int
    documents: int
    mentions: int
    failures: int


def chunks(items: Iterable[RawInput], size: int) -> Iterator[list[RawInput]]:
    """Consecutive lists of at most `size` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_documents(
    documents: list[Document], table: EntityTable | None = None,
    budget_seconds: float | None = DEFAULT_BUDGET_SECONDS,
) -> tuple[list[dict[str, object]], list[tuple[Document, ExtractionFailed]]]:
    """Deal mention rows of many documents; a document the extractor fails on (or that takes
    longer than `budget_seconds`) is returned apart with its error (and its old mentions are
    left as they were)."""
    table = table or EntityTable.default()
    rows: list[dict[str, object]] = []
    failed: list[tuple[Document, ExtractionFailed]] = []
    for doc in documents:
        try:
            rows += mention_rows(doc.doc_id, doc.source, title=doc.title, summary=doc.summary,
                                 text=doc.text, lang=doc.lang, published_at=doc.published_at,
                                 table=table, budget_seconds=budget_seconds)
        except ExtractionFailed as exc:
            log.error("%s", exc)
            failed.append((doc, exc))
    return rows, failed


def reprocess_chunk(lake: Lake, inputs: list[RawInput], seen_at: datetime,
                    table: EntityTable | None = None,
                    budget_seconds: float | None = DEFAULT_BUDGET_SECONDS) -> ChunkResult:
    """Parse, extract and write one chunk of raw bodies (the nightly run's path); failures
    are quarantined and earlier parse and extract failures of the bodies that went through
    are resolved."""
    table = table or EntityTable.default()
    documents, items = parse_inputs(inputs, seen_at)
    mentions, extracted, extract_failures = extract_mentions(documents, seen_at, table,
                                                             budget_seconds)
    write_extracted(lake, documents, mentions, extracted, table)
    items += extract_failures
    settle_quarantine(lake, inputs, items, seen_at)
    log.info("reprocessed %d raw bodies: %d documents, %d mentions, %d failures",
             len(inputs), len(documents), len(mentions), len(items))
    return ChunkResult(len(inputs), len(documents), len(mentions), len(items))


def settle_quarantine(lake: Lake, inputs: Sequence[RawInput | RawRef],
                      items: Sequence[QuarantineItem], seen_at: datetime) -> None:
    """After a chunk is written: quarantine its parse and extract failures, and resolve the
    earlier parse and extract failures of the bodies that went through this time."""
    quarantine.record(lake, items)
    failed = {item.url for item in items}
    by_source: dict[str, list[str]] = {}
    for raw in inputs:
        if raw.url not in failed:
            by_source.setdefault(raw.source, []).append(raw.url)
    for source, urls in by_source.items():
        quarantine.resolve(lake, source, urls, "parse", seen_at)
        quarantine.resolve(lake, source, urls, "extract", seen_at)


def drop_stale_mentions(lake: Lake) -> int:
    """After a full re-extraction: drop mentions of other extractor versions; returns rows
    deleted."""
    return drop_other_extractor_versions(lake, EXTRACTOR_VERSION)
