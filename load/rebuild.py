"""Rebuilding documents and deal mentions from the raw store, with no network.

When a parser or the extractor improves, `circularity reprocess` re-parses every stored body and
re-extracts every document. Each chunk is written in the same crash-safe order as the nightly
run (mentions, then entities, then documents), merges on deterministic keys make a second run
change nothing, and a final step drops mentions left by other extractor versions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from extract.parsers import parse_batch
from extract.records import Document
from load import ingest, quarantine
from load.ingest import RawInput
from load.lake import Lake
from transform.deals import EXTRACTOR_VERSION, ExtractionFailed, entity_rows, mention_rows
from transform.entities import EntityTable

log = logging.getLogger(__name__)


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
    documents: list[Document], table: EntityTable | None = None
) -> tuple[list[dict[str, object]], list[tuple[Document, ExtractionFailed]]]:
    """Deal mention rows of many documents; a document the extractor fails on is returned
    apart with its error (and its old mentions are left as they were)."""
    table = table or EntityTable.default()
    rows: list[dict[str, object]] = []
    failed: list[tuple[Document, ExtractionFailed]] = []
    for doc in documents:
        try:
            rows += mention_rows(doc.doc_id, doc.source, title=doc.title, summary=doc.summary,
                                 text=doc.text, lang=doc.lang, published_at=doc.published_at,
                                 table=table)
        except ExtractionFailed as exc:
            log.error("%s", exc)
            failed.append((doc, exc))
    return rows, failed


def reprocess_chunk(lake: Lake, inputs: list[RawInput], seen_at: datetime,
                    table: EntityTable | None = None) -> ChunkResult:
    """Parse, extract and write one chunk of raw bodies; parse failures are quarantined."""
    table = table or EntityTable.default()
    documents, failures = parse_batch(
        [(i.source, i.body, i.url, i.raw_id, i.published_hint) for i in inputs])
    mentions, extract_failures = extract_documents(documents, table)
    failed_ids = {doc.doc_id for doc, _ in extract_failures}
    extracted = [d.doc_id for d in documents if d.doc_id not in failed_ids]
    ingest.write_mentions(lake, mentions, extracted)
    ingest.write_entities(lake, entity_rows(table, mentions))
    ingest.write_documents(lake, documents)
    items = [ingest.quarantine_item(source, url, "parse", error, seen_at, raw_id)
             for source, url, raw_id, error in failures]
    items += [ingest.quarantine_item(doc.source, doc.url, "extract", error, seen_at, doc.raw_id)
              for doc, error in extract_failures]
    quarantine.record(lake, items)
    failed = {item.url for item in items}
    by_source: dict[str, list[str]] = {}
    for raw in inputs:
        if raw.url not in failed:
            by_source.setdefault(raw.source, []).append(raw.url)
    for source, urls in by_source.items():
        quarantine.resolve(lake, source, urls, "parse", seen_at)
        quarantine.resolve(lake, source, urls, "extract", seen_at)
    log.info("reprocessed %d raw bodies: %d documents, %d mentions, %d failures",
             len(inputs), len(documents), len(mentions), len(items))
    return ChunkResult(len(inputs), len(documents), len(mentions), len(items))


def finish(lake: Lake) -> int:
    """After every chunk: drop mentions of other extractor versions; returns rows deleted."""
    return ingest.drop_other_extractor_versions(lake, EXTRACTOR_VERSION)
