"""Fetching a batch of discovered refs through the polite client, one outcome per ref.

A failure never stops the batch: every ref ends as a response, a "not modified" answer (the
stored raw copy is still current) or a classified error for the quarantine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Protocol

from extract.errors import SourceError
from records import FetchedResponse, FetchOutcome, Ref, StoredCopy

log = logging.getLogger(__name__)


class Fetcher(Protocol):
    """What fetching needs from the HTTP client (extract.http.PoliteClient has it)."""

    def get(
        self,
        url: str,
        *,
        allowed_hosts: Collection[str],
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchedResponse: ...


def fetch_refs(
    client: Fetcher,
    refs: Sequence[Ref],
    *,
    allowed_hosts: Collection[str],
    stored: Mapping[str, StoredCopy] | None = None,
    headers: Mapping[str, str] | None = None,
    screen: Callable[[FetchedResponse], None] | None = None,
) -> list[FetchOutcome]:
    """Fetch each ref in order; conditional GET where a stored copy of the URL exists.

    `screen` may reject a response that is no answer about the item (a bot-challenge page) by
    raising a SourceError: it becomes the ref's error and the body is not kept.
    """
    stored = stored or {}
    outcomes = []
    for ref in refs:
        copy = stored.get(ref.url)
        try:
            response = client.get(
                ref.url,
                allowed_hosts=allowed_hosts,
                headers=headers,
                etag=copy.etag if copy else None,
                last_modified=copy.last_modified if copy else None,
            )
            if screen is not None and not response.not_modified:
                screen(response)
        except SourceError as exc:
            log.warning("fetch failed: %s: %s (%s)", ref.url, exc.error_class, exc)
            outcomes.append(FetchOutcome(ref, error=exc, stored=copy))
            continue
        outcomes.append(FetchOutcome(ref, response=response, stored=copy))
    return outcomes
