"""The records that pass between stages: what discovery finds (Ref), what a fetch returns
(FetchedResponse, FetchOutcome, StoredCopy), a stored body ready to parse (RawInput), what a
parser produces (Document); and, in `records.ids`, the deterministic ids every stage derives.

Every stage (extract, transform, load, detect, flows) may import this package; it imports none
of them. The records carry no behaviour, so each stage can be called and tested on its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for annotations: records import no stage
    from extract.errors import SourceError


@dataclass(frozen=True)
class Ref:
    """An item found by discovery, not yet fetched.

    `canonical_url` is the natural key of the item (tracking parameters and fragments removed);
    `url` is what to fetch. `published_hint` comes from the feed and may be an update time, so
    parsers take the publication date from the item itself.
    """

    source: str
    url: str
    canonical_url: str
    published_hint: datetime | None = None
    title_hint: str | None = None
    discovered_via: str | None = None


@dataclass(frozen=True)
class FetchedResponse:
    """One HTTP response as received: the body is the exact bytes (after transfer decoding).

    `not_modified` is True for a 304 answer to a conditional GET; the body is then empty and the
    stored raw copy is still current.
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class Document:
    """An article, post or filing document, parsed from one raw response.

    Field names and types follow the `documents` table of load.schemas; `metadata` holds
    source-specific structure (8-K items, link facets, embeds) as a JSON-serialisable dict.
    """

    doc_id: str
    source: str
    url: str
    canonical_url: str
    title: str | None
    published_at: datetime | None
    authors: list[str]
    text: str
    lang: str | None
    raw_id: str
    parser_version: str
    doc_type: str = "article"
    section: str | None = None
    summary: str | None = None
    tickers: list[str] = field(default_factory=list)
    entity_hints: list[str] = field(default_factory=list)
    paywalled: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_row(self) -> dict[str, Any]:
        """The document as a `documents` table row (metadata serialised to JSON text)."""
        import json

        row = dataclasses.asdict(self)
        row["metadata"] = json.dumps(self.metadata, sort_keys=True, ensure_ascii=False)
        return row


@dataclass(frozen=True)
class StoredCopy:
    """What the raw store already holds for a URL: used for a conditional GET."""

    raw_id: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class FetchOutcome:
    """The result of fetching one ref: exactly one of response or error is set."""

    ref: Ref
    response: FetchedResponse | None = None
    error: SourceError | None = None
    stored: StoredCopy | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server said the stored copy is current."""
        return self.response is not None and self.response.not_modified

    def without_body(self) -> FetchOutcome:
        """This outcome with the response body dropped (once the body is in the raw store)."""
        if self.response is None:
            return self
        return replace(self, response=replace(self.response, body=b""))


@dataclass(frozen=True)
class RawRef:
    """A stored raw body by reference: what it takes to read it back from the raw store."""

    source: str
    url: str
    raw_id: str
    published_hint: datetime | None = None


@dataclass(frozen=True)
class RawInput:
    """A stored raw body ready for parsing, with the publication time discovery saw."""

    source: str
    url: str
    raw_id: str
    body: bytes
    published_hint: datetime | None = None
