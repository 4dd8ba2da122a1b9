"""Prefect tasks: thin wrappers around the plain stage functions, which tests call directly.

Retries are for transient errors only (timeouts, unreachable hosts, storage hiccups): a
permanent error is bad input and retrying it would change nothing. No task caches its result:
every stage is idempotent on its own, and hashing raw page bodies for cache keys is waste.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from extract.connectors import Connector, Discovery
from extract.errors import TransientError
from extract.fetching import Fetcher, FetchOutcome, StoredCopy, fetch_refs
from extract.parsers import parse_batch
from extract.records import Document, Ref
from load import ingest, quarantine, rebuild, runs
from load.lake import Lake
from load.raw_store import RawStore
from transform.deals import entity_rows
from transform.entities import EntityTable


def is_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect retry condition: retry only errors that may go away by themselves."""
    try:
        state.result()
    except TransientError:
        return True
    except OSError:  # storage or network I/O at the OS level
        return True
    except Exception:  # noqa: BLE001 - any other failure is permanent: fail fast
        return False
    return False


TASK_DEFAULTS: dict[str, Any] = {"cache_policy": NO_CACHE, "retry_condition_fn": is_transient}


@task(name="discover", **TASK_DEFAULTS)
def discover(connector: Connector, client: Fetcher, since: datetime | None,
             until: datetime | None = None) -> Discovery:
    """What the source has that is new since the watermark (and before `until`)."""
    return connector.discover(client, since, until)


@task(name="plan-fetch", **TASK_DEFAULTS)
def plan_fetch(
    lake: Lake, source: str, refs: list[Ref], max_items: int, max_attempts: int,
    include_retries: bool = True,
) -> tuple[list[Ref], dict[str, StoredCopy]]:
    """Refs not yet done (plus transient failures to retry) and their stored copies."""
    return ingest.plan_fetch(lake, source, refs, max_items=max_items, max_attempts=max_attempts,
                             include_retries=include_retries)


@task(name="fetch", **TASK_DEFAULTS)
def fetch(
    client: Fetcher, connector: Connector, refs: list[Ref], stored: dict[str, StoredCopy]
) -> list[FetchOutcome]:
    """Fetch each ref politely; failures are outcomes, not exceptions."""
    return fetch_refs(
        client, refs, allowed_hosts=connector.allowed_hosts, stored=stored,
        headers=connector.request_headers(), screen=connector.screen,
    )


@task(name="store-raw", **TASK_DEFAULTS)
def store_raw(
    lake: Lake, raw_store: RawStore, outcomes: list[FetchOutcome], seen_at: datetime
) -> tuple[list[ingest.RawInput], list[quarantine.QuarantineItem]]:
    """Keep every fetched body and index it under its source."""
    return ingest.store_fetched(lake, raw_store, outcomes, seen_at)


@task(name="parse", **TASK_DEFAULTS)
def parse(
    inputs: list[ingest.RawInput], seen_at: datetime
) -> tuple[list[Document], list[quarantine.QuarantineItem]]:
    """Parse raw bodies into documents; failures become quarantine items at stage parse."""
    documents, failures = parse_batch(
        [(i.source, i.body, i.url, i.raw_id, i.published_hint) for i in inputs])
    items = [
        ingest.quarantine_item(source, url, "parse", error, seen_at, raw_id)
        for source, url, raw_id, error in failures
    ]
    return documents, items


@task(name="extract-deals", **TASK_DEFAULTS)
def extract_deals(
    documents: list[Document], seen_at: datetime
) -> tuple[list[dict[str, Any]], list[str], list[quarantine.QuarantineItem]]:
    """Deal mentions of each document (title, key points and text), as table rows; the ids
    of the documents extracted; and quarantine items for documents the extractor failed on."""
    rows, failed = rebuild.extract_documents(documents)
    failed_ids = {doc.doc_id for doc, _ in failed}
    items = [ingest.quarantine_item(doc.source, doc.url, "extract", error, seen_at, doc.raw_id)
             for doc, error in failed]
    return rows, [d.doc_id for d in documents if d.doc_id not in failed_ids], items


@task(name="write-mentions", **TASK_DEFAULTS)
def write_mentions(lake: Lake, rows: list[dict[str, Any]], doc_ids: list[str]) -> int:
    """Replace these documents' mentions; returns rows inserted or changed."""
    result = ingest.write_mentions(lake, rows, doc_ids)
    return result.inserted + result.updated


@task(name="write-entities", **TASK_DEFAULTS)
def write_entities(lake: Lake, mentions: list[dict[str, Any]]) -> int:
    """Merge the reference entities and the open-world parties of these mentions."""
    result = ingest.write_entities(lake, entity_rows(EntityTable.default(), mentions))
    return result.inserted + result.updated


@task(name="write-documents", **TASK_DEFAULTS)
def write_documents(lake: Lake, documents: list[Document]) -> int:
    """Merge documents; returns rows inserted or changed."""
    result = ingest.write_documents(lake, documents)
    return result.inserted + result.updated


@task(name="quarantine", **TASK_DEFAULTS)
def record_quarantine(lake: Lake, items: list[quarantine.QuarantineItem]) -> int:
    """Record failures with their reasons; returns how many."""
    quarantine.record(lake, items)
    return len(items)


@task(name="resolve-quarantine", **TASK_DEFAULTS)
def resolve_quarantine(lake: Lake, outcomes: list[FetchOutcome], inputs: list[ingest.RawInput],
                       failures: list[quarantine.QuarantineItem], at: datetime) -> int:
    """Mark earlier failures of URLs that have now succeeded as resolved."""
    return ingest.resolve_successes(lake, outcomes, inputs, failures, at)


@task(name="resolve-discovery", **TASK_DEFAULTS)
def resolve_discovery(lake: Lake, source: str, still_failing: list[str], at: datetime) -> int:
    """After a discovery that went through, resolve its earlier failures not seen again."""
    return ingest.resolve_discovery(lake, source, still_failing, at)


@task(name="start-run", **TASK_DEFAULTS)
def start_run(lake: Lake, run_id: str, flow: str, parameters: dict[str, Any],
              started_at: datetime) -> None:
    """Write the run's row with status running."""
    runs.start_run(lake, run_id, flow, parameters, started_at)


@task(name="finish-run", **TASK_DEFAULTS)
def finish_run(lake: Lake, run_id: str, flow: str, parameters: dict[str, Any],
               started_at: datetime, finished_at: datetime,
               sources: list[runs.SourceResult]) -> str:
    """Write the run's final row; returns the run status."""
    return runs.finish_run(lake, run_id, flow, parameters, started_at, finished_at, sources)


@task(name="export-snapshots", **TASK_DEFAULTS)
def export_snapshots(lake: Lake) -> list[str]:
    """Refresh the Parquet snapshots under exports/."""
    return lake.export_snapshots()
