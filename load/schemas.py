"""The table contract: one explicit Arrow schema and key per table of DESIGN.md.

Every write goes through `load.lake.Lake`, which checks rows against these schemas and fails
loudly (naming the table and the column) on any mismatch. Columns marked not-nullable must be
present and non-null in every row.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

UTC_TS = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True)
class TableSpec:
    """A table's name, Arrow schema and merge key (one or more columns)."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    description: str

    @property
    def columns(self) -> list[str]:
        """Column names in schema order."""
        return list(self.schema.names)

    @property
    def value_columns(self) -> list[str]:
        """Columns that are not part of the key."""
        return [c for c in self.schema.names if c not in self.key]


def _f(name: str, type_: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable)


RAW_DOCUMENTS = TableSpec(
    name="raw_documents",
    key=("raw_id",),
    description="One row per distinct fetched body (sha256), with where and when it came from.",
    schema=pa.schema(
        [
            _f("raw_id", pa.string(), False),
            _f("source", pa.string(), False),
            _f("url", pa.string(), False),
            _f("final_url", pa.string()),
            _f("fetched_at", UTC_TS, False),
            _f("status", pa.int32(), False),
            _f("content_type", pa.string()),
            _f("byte_size", pa.int64(), False),
            _f("blob_path", pa.string(), False),
            _f("etag", pa.string()),
            _f("last_modified", pa.string()),
            # The publication time discovery saw (a feed date, a filing date): used when the
            # body itself carries none, so a re-parse from the raw store keeps it.
            _f("published_hint", UTC_TS),
        ]
    ),
)

DOCUMENTS = TableSpec(
    name="documents",
    key=("doc_id",),
    description="One row per article, post or filing document, parsed from a raw response.",
    schema=pa.schema(
        [
            _f("doc_id", pa.string(), False),
            _f("source", pa.string(), False),
            _f("url", pa.string(), False),
            _f("canonical_url", pa.string(), False),
            _f("title", pa.string()),
            _f("published_at", UTC_TS),
            _f("authors", pa.list_(pa.string())),
            _f("text", pa.string(), False),
            _f("lang", pa.string()),
            _f("raw_id", pa.string(), False),
            _f("parser_version", pa.string(), False),
            _f("doc_type", pa.string(), False),
            _f("section", pa.string()),
            _f("summary", pa.string()),
            _f("tickers", pa.list_(pa.string())),
            _f("entity_hints", pa.list_(pa.string())),
            _f("paywalled", pa.bool_(), False),
            _f("metadata", pa.string()),
        ]
    ),
)

DEAL_MENTIONS = TableSpec(
    name="deal_mentions",
    key=("mention_id",),
    description="One row per deal stated in one sentence of a document.",
    schema=pa.schema(
        [
            _f("mention_id", pa.string(), False),
            _f("doc_id", pa.string(), False),
            _f("source", pa.string(), False),
            _f("field", pa.string(), False),
            _f("sentence_index", pa.int32(), False),
            _f("char_start", pa.int32(), False),
            _f("char_end", pa.int32(), False),
            _f("evidence", pa.string(), False),
            _f("payer_text", pa.string()),
            _f("payee_text", pa.string()),
            _f("payer_id", pa.string()),
            _f("payee_id", pa.string()),
            _f("deal_type", pa.string(), False),
            _f("amount_usd", pa.float64()),
            _f("amount_qualifier", pa.string()),
            _f("amount_original", pa.float64()),
            _f("currency", pa.string()),
            _f("period", pa.string(), False),
            _f("duration_years", pa.float64()),
            _f("status", pa.string(), False),
            _f("confidence", pa.float64(), False),
            _f("published_at", UTC_TS),
            _f("extractor_version", pa.string(), False),
        ]
    ),
)

ENTITIES = TableSpec(
    name="entities",
    key=("entity_id",),
    description="One row per company or fund, from the reference table plus unknown names seen.",
    schema=pa.schema(
        [
            _f("entity_id", pa.string(), False),
            _f("name", pa.string(), False),
            _f("aliases", pa.list_(pa.string())),
            _f("ticker", pa.string()),
            _f("cik", pa.string()),
            _f("kind", pa.string(), False),
        ]
    ),
)

DEALS = TableSpec(
    name="deals",
    key=("deal_id",),
    description="One row per real-world deal: mentions merged across documents and sources.",
    schema=pa.schema(
        [
            _f("deal_id", pa.string(), False),
            _f("payer_id", pa.string(), False),
            _f("payee_id", pa.string(), False),
            _f("deal_type", pa.string(), False),
            _f("amount_usd", pa.float64()),
            _f("amount_qualifier", pa.string()),
            _f("period", pa.string(), False),
            _f("duration_years", pa.float64()),
            _f("status", pa.string(), False),
            _f("first_reported_at", UTC_TS),
            _f("last_reported_at", UTC_TS),
            _f("n_documents", pa.int32(), False),
            _f("n_sources", pa.int32(), False),
            _f("mention_ids", pa.list_(pa.string()), False),
            # Beyond the contract of DESIGN.md: names for readers of the export, the figure
            # over the deal's life, how sure the pipeline is, the best sentence and the URLs.
            _f("payer_name", pa.string()),
            _f("payee_name", pa.string()),
            _f("total_usd", pa.float64()),
            _f("confidence", pa.float64()),
            _f("evidence", pa.string()),
            _f("source_urls", pa.list_(pa.string())),
            _f("sources", pa.list_(pa.string())),
        ]
    ),
)

CYCLES = TableSpec(
    name="cycles",
    key=("cycle_id",),
    description="One row per loop of money flows between entities.",
    schema=pa.schema(
        [
            _f("cycle_id", pa.string(), False),
            _f("entity_ids", pa.list_(pa.string()), False),
            _f("deal_ids", pa.list_(pa.string()), False),
            _f("length", pa.int32(), False),
            _f("bottleneck_usd", pa.float64()),
            _f("total_usd", pa.float64()),
            _f("first_date", UTC_TS),
            _f("last_date", UTC_TS),
            _f("score", pa.float64(), False),
            # Beyond the contract: names in money order, what returns, and time order.
            _f("entity_names", pa.list_(pa.string())),
            _f("return_share", pa.float64()),
            _f("time_ordered", pa.bool_()),
        ]
    ),
)

QUARANTINE = TableSpec(
    name="quarantine",
    key=("source", "url", "stage"),
    description="Inputs that could not be handled, with the reason; retryable ones are retried.",
    schema=pa.schema(
        [
            _f("source", pa.string(), False),
            _f("url", pa.string(), False),
            _f("stage", pa.string(), False),
            _f("error_class", pa.string(), False),
            _f("message", pa.string(), False),
            _f("retryable", pa.bool_(), False),
            _f("raw_id", pa.string()),
            _f("first_seen_at", UTC_TS, False),
            _f("last_seen_at", UTC_TS, False),
            _f("attempts", pa.int32(), False),
            _f("resolved_at", UTC_TS),
        ]
    ),
)

SOURCE_RESULT = pa.struct(
    [
        _f("source", pa.string(), False),
        _f("status", pa.string(), False),
        _f("discovered", pa.int64()),
        _f("fetched", pa.int64()),
        _f("not_modified", pa.int64()),
        _f("documents", pa.int64()),
        _f("mentions", pa.int64()),
        _f("quarantined", pa.int64()),
        _f("watermark", UTC_TS),
        _f("error", pa.string()),
    ]
)

RUNS = TableSpec(
    name="runs",
    key=("run_id",),
    description="One row per pipeline run: parameters, timing, per-source counts and watermarks.",
    schema=pa.schema(
        [
            _f("run_id", pa.string(), False),
            _f("flow", pa.string(), False),
            _f("parameters", pa.string()),
            _f("started_at", UTC_TS, False),
            _f("finished_at", UTC_TS),
            _f("status", pa.string(), False),
            _f("sources", pa.list_(SOURCE_RESULT)),
            # Added after the first release (nullable, so older tables gain them on write):
            # the deals and loops in the tables when the run ended.
            _f("deals", pa.int64()),
            _f("loops", pa.int64()),
        ]
    ),
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (RAW_DOCUMENTS, DOCUMENTS, DEAL_MENTIONS, ENTITIES, DEALS, CYCLES, QUARANTINE, RUNS)
}

# Tables refreshed as single Parquet files under exports/ after each successful run: the small
# curated ones (DESIGN.md); documents and mentions, with full filing text, stay in Delta.
EXPORTED_TABLES: tuple[str, ...] = ("deals", "entities", "cycles")
