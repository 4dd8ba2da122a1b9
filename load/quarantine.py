"""The quarantine table: inputs that could not be handled, with the reason.

Keyed by (source, url, stage). Seeing the same failure again counts an attempt instead of adding
a row; a later success marks the row resolved rather than deleting it, so the history of what
went wrong stays queryable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from load.lake import Lake, WriteResult, in_list, quote, sql_literal

STAGES = ("discover", "fetch", "parse", "extract")


@dataclass(frozen=True)
class QuarantineItem:
    """One failed input: where it came from, at which stage, and why."""

    source: str
    url: str
    stage: str
    error_class: str
    message: str
    retryable: bool
    seen_at: datetime
    raw_id: str | None = None

    def to_row(self) -> dict[str, object]:
        """The item as a new quarantine row (first attempt)."""
        return {
            "source": self.source,
            "url": self.url,
            "stage": self.stage,
            "error_class": self.error_class,
            "message": self.message[:2000],
            "retryable": self.retryable,
            "raw_id": self.raw_id,
            "first_seen_at": self.seen_at,
            "last_seen_at": self.seen_at,
            "attempts": 1,
            "resolved_at": None,
        }


def record(lake: Lake, items: Iterable[QuarantineItem]) -> WriteResult:
    """Add failures; a failure already quarantined gets attempts + 1 and the latest reason."""
    rows = [item.to_row() for item in items]
    for row in rows:
        if row["stage"] not in STAGES:
            raise ValueError(f"unknown quarantine stage {row['stage']!r}")
    return lake.merge_with(
        "quarantine",
        rows,
        updates={
            "attempts": 't."attempts" + 1',
            "last_seen_at": 's."last_seen_at"',
            "error_class": 's."error_class"',
            "message": 's."message"',
            "retryable": 's."retryable"',
            "raw_id": 's."raw_id"',
            "resolved_at": "NULL",
        },
    )


def resolve(lake: Lake, source: str, urls: list[str], stage: str, at: datetime) -> int:
    """Mark open quarantine rows of these URLs at this stage as resolved; returns how many."""
    if not urls or not lake.exists("quarantine"):
        return 0
    predicate = (
        f"{quote('source')} = {sql_literal(source)} AND {quote('stage')} = {sql_literal(stage)}"
        f" AND {quote('resolved_at')} IS NULL AND {in_list('url', urls, alias=None)}"
    )
    return lake.update_where(
        "quarantine", predicate, {"resolved_at": f"'{at.isoformat()}'::timestamp"}
    )


def open_items(lake: Lake, source: str, stage: str | None = None) -> pl.DataFrame:
    """Unresolved quarantine rows of a source (optionally one stage)."""
    frame = lake.read("quarantine", where={"source": source}).filter(
        pl.col("resolved_at").is_null())
    return frame if stage is None else frame.filter(pl.col("stage") == stage)
