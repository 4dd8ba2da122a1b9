"""Connectors: each source's discovery behind one shape, so the flow wires them all alike.

A connector is configured with plain values (built from settings by `flows/`), discovers what is
new since a watermark, and names the hosts its fetches may touch. This module holds the shape
(`Connector`, `Discovery`) and the discovery-wide errors; each source's connector lives in its
folder (`extract/cnbc/connector.py`, ...). Parsing is not here: it lives in `extract.parsers`,
so re-parsing from the raw store needs no connector and no settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from extract.errors import PermanentError, SourceError, TransientError
from extract.fetching import Fetcher
from records import FetchedResponse, Ref

log = logging.getLogger(__name__)


class SourceUnavailable(TransientError):
    """Discovery failed as a whole and at least one failure may pass: retry later."""

    def __init__(self, message: str, failures: list[tuple[str, SourceError]]) -> None:
        super().__init__(message)
        self.failures = failures


class SourceBroken(PermanentError):
    """Discovery failed as a whole with permanent errors only (every feed malformed...)."""

    def __init__(self, message: str, failures: list[tuple[str, SourceError]]) -> None:
        super().__init__(message)
        self.failures = failures


@dataclass(frozen=True)
class Discovery:
    """What a connector found.

    `refs` are items to fetch; `prefetched` are responses discovery already holds that are
    documents themselves (an API page of posts), to be stored and parsed as they are;
    `failures` are (url, error) of discovery requests that failed while others succeeded;
    `watermark` is where the next run may start, or None to keep the previous one;
    `handoffs` are refs found here that belong to another source (a Bluesky post linking a
    CNBC article): fetched with that source's hosts and headers, parsed by its parser.
    """

    refs: list[Ref]
    failures: list[tuple[str, SourceError]] = field(default_factory=list)
    prefetched: list[tuple[Ref, FetchedResponse]] = field(default_factory=list)
    watermark: datetime | None = None
    handoffs: list[Ref] = field(default_factory=list)


class Connector(Protocol):
    """What the flow needs from a source.

    `has_history` tells whether discovery can look back over a date window (an API with date
    filters) or only sees what is recent (a feed): backfills skip the latter.
    """

    name: str
    allowed_hosts: tuple[str, ...]
    has_history: bool

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """Find items published since the watermark (None: everything on offer), and before
        `until` when given."""
        ...

    def request_headers(self) -> dict[str, str] | None:
        """Extra headers for item fetches (a session cookie), or None."""
        ...

    def screen(self, response: FetchedResponse) -> None:
        """Raise a SourceError for a response that is no answer about the item."""
        ...


def all_failed(
    failures: list[tuple[str, SourceError]], attempted: int
) -> SourceUnavailable | SourceBroken | None:
    """The error to raise when every discovery request failed, else None.

    Transient (worth a Prefect retry) when any failure was transient, permanent otherwise.
    """
    if not attempted or len(failures) < attempted:
        return None
    reasons = "; ".join(f"{url}: {err.error_class}: {err}" for url, err in failures[:3])
    message = f"all {attempted} discovery requests failed: {reasons}"
    if any(err.transient for _, err in failures):
        return SourceUnavailable(message, failures)
    return SourceBroken(message, failures)


def window_discovery(refs: list[Ref], failures: list[tuple[str, SourceError]]) -> Discovery:
    """A backfill window's discovery from pages that list past items (site maps): the refs
    found, the pages that failed, no watermark (a backfill never moves it). Raises when every
    page failed and nothing was found."""
    failed = None if refs else all_failed(failures, len(failures))
    if failed is not None:
        raise failed
    return Discovery(refs=refs, failures=failures, watermark=None)

