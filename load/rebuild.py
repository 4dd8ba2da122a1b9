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
from load import ingest, quarantine
from load.ingest import RawInput
from load.lake import Lake
from transform.deals import EXTRACTOR_VERSION, entity_rows, mention_rows
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


def reprocess_chunk(lake: Lake, inputs: list[RawInput], seen_at: datetime,
                    table: EntityTable | None = None) -> ChunkResult:
    """Parse, extract and write one chunk of raw bodies; parse failures are quarantined."""
    table = table or EntityTable.default()
    documents, failures = parse_batch([(i.source, i.body, i.url, i.raw_id) for i in inputs])
    mentions: list[dict[str, object]] = []
    for doc in documents:
        mentions += mention_rows(doc.doc_id, doc.source, title=doc.title, summary=doc.summary,
                                 text=doc.text, lang=doc.lang, published_at=doc.published_at,
                                 table=table)
    ingest.write_mentions(lake, mentions, [d.doc_id for d in documents])
    ingest.write_entities(lake, entity_rows(table, mentions))
    ingest.write_documents(lake, documents)
    items = [ingest.quarantine_item(source, url, "parse", error, seen_at, raw_id)
             for source, url, raw_id, error in failures]
    quarantine.record(lake, items)
    failed = {item.url for item in items}
    by_source: dict[str, list[str]] = {}
    for raw in inputs:
        if raw.url not in failed:
            by_source.setdefault(raw.source, []).append(raw.url)
    for source, urls in by_source.items():
        quarantine.resolve(lake, source, urls, "parse", seen_at)
    log.info("reprocessed %d raw bodies: %d documents, %d mentions, %d failures",
             len(inputs), len(documents), len(mentions), len(items))
    return ChunkResult(len(inputs), len(documents), len(mentions), len(items))


def finish(lake: Lake) -> int:
    """After every chunk: drop mentions of other extractor versions; returns rows deleted."""
    return ingest.drop_other_extractor_versions(lake, EXTRACTOR_VERSION)
