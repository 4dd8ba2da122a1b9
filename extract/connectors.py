"""Connectors: each source's discovery behind one shape, so the flow wires them all alike.

A connector is configured with plain values (built from settings by `flows/`), discovers what is
new since a watermark, and names the hosts its fetches may touch. Parsing is not here: it lives
in `extract.parsers`, so re-parsing from the raw store needs no connector and no settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from extract import bluesky, cnbc, edgar, the_information
from extract.errors import ChallengePage, PermanentError, SourceError, TransientError
from extract.fetching import Fetcher
from extract.records import FetchedResponse, Ref

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


@dataclass(frozen=True)
class CnbcConnector:
    """CNBC: the configured section RSS feeds; article pages fetched from cnbc.com."""

    feeds: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    name: str = cnbc.SOURCE
    has_history: bool = False

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """Refs from every feed (feeds list recent items only: `until` is not needed);
        raises SourceUnavailable when no feed could be read."""
        result = cnbc.discover(client, self.feeds, allowed_hosts=self.allowed_hosts, since=since)
        failed = all_failed(result.failures, len(self.feeds))
        if failed is not None:
            raise failed
        hints = [r.published_hint for r in result.refs if r.published_hint is not None]
        # With a feed missing, its items may be older than the others' newest: keep the old mark.
        watermark = max(hints) if hints and not result.failures else None
        return Discovery(refs=list(result.refs), failures=list(result.failures),
                         watermark=watermark)

    def request_headers(self) -> dict[str, str] | None:
        """CNBC needs no extra headers."""
        return None

    def screen(self, response: FetchedResponse) -> None:
        """Every answer is taken as it is."""


# Posts can be indexed late: each run re-reads a day before the watermark (ids dedupe).
BLUESKY_OVERLAP = timedelta(days=1)


def handoff_refs(urls: list[str]) -> list[Ref]:
    """Refs for article links found in posts, owned by the source whose site they point to."""
    refs = []
    for url in urls:
        host = url.split("/")[2] if "//" in url else ""
        if host.endswith("cnbc.com"):
            refs.append(Ref(source=cnbc.SOURCE, url=url, canonical_url=cnbc.canonical_url(url),
                            discovered_via="bluesky"))
        elif host.endswith("theinformation.com"):
            canonical = the_information.canonical_url(url)
            refs.append(Ref(source=the_information.SOURCE, url=canonical,
                            canonical_url=canonical, discovered_via="bluesky"))
    return refs


@dataclass(frozen=True)
class BlueskyConnector:
    """Bluesky: post search (with an app password) and author feeds (public). The API pages
    are the raw documents; links to CNBC and The Information articles are handed over."""

    pds_url: str
    appview_url: str
    identifier: str | None
    app_password: str | None = field(repr=False)
    queries: tuple[str, ...]
    authors: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    max_pages: int = 10
    name: str = bluesky.SOURCE
    has_history: bool = True

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """API pages since the watermark (less a day of overlap), plus article hand-offs."""
        result = bluesky.discover(
            client,  # type: ignore[arg-type]
            pds_url=self.pds_url, appview_url=self.appview_url, identifier=self.identifier,
            app_password=self.app_password, queries=list(self.queries),
            authors=list(self.authors), allowed_hosts=self.allowed_hosts,
            since=since - BLUESKY_OVERLAP if since else None, until=until,
            max_pages=self.max_pages,
        )
        searched = 0 if result.skipped_search_reason else len(self.queries)
        failed = all_failed(result.failures, searched + len(self.authors)) \
            if not result.responses else None
        if failed is not None:
            raise failed
        prefetched = [(Ref(source=self.name, url=r.url, canonical_url=r.url), r)
                      for r in result.responses]
        links: list[str] = []
        for response in result.responses:
            try:
                links += bluesky.linked_article_urls(
                    bluesky.parse_response(response.body, response.url, ""))
            except SourceError:
                continue  # the page is parsed (and quarantined if bad) by the pipeline
        return Discovery(refs=[], failures=list(result.failures), prefetched=prefetched,
                         watermark=result.newest_post_at if not result.failures else None,
                         handoffs=handoff_refs(list(dict.fromkeys(links))))

    def request_headers(self) -> dict[str, str] | None:
        """Post pages come from discovery; hand-offs use their own source's headers."""
        return None

    def screen(self, response: FetchedResponse) -> None:
        """Every answer is taken as it is."""


@dataclass(frozen=True)
class TheInformationConnector:
    """The Information: the Atom feed; article pages fetched with the subscriber cookie when
    one is configured (the full text is read only then: the paywall is respected)."""

    feed: str
    allowed_hosts: tuple[str, ...]
    session_cookie: str | None = field(default=None, repr=False)
    name: str = the_information.SOURCE
    has_history: bool = False

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """Refs from the feed (recent entries only); raises when the feed cannot be read."""
        result = the_information.discover(client, self.feed, allowed_hosts=self.allowed_hosts,
                                          since=since)
        failed = all_failed(result.failures, 1)
        if failed is not None:
            raise failed
        hints = [r.published_hint for r in result.refs if r.published_hint is not None]
        return Discovery(refs=list(result.refs), failures=list(result.failures),
                         watermark=max(hints) if hints else None)

    def request_headers(self) -> dict[str, str] | None:
        """The subscriber session cookie, when configured (never logged)."""
        return the_information.session_headers(self.session_cookie)

    def screen(self, response: FetchedResponse) -> None:
        """A bot-challenge page is refused (transient): the item is fetched again on a later
        run, and the challenge is never stored as the page's copy."""
        if the_information.is_challenge_page(response.body, response.headers):
            raise ChallengePage(f"bot challenge served instead of {response.url}",
                                url=response.url)


@dataclass(frozen=True)
class EdgarConnector:
    """SEC EDGAR: new filings of the configured filers (submissions API) and full-text search
    hits; each filing's primary document and EX-10/EX-99 exhibits are fetched as items."""

    ciks: tuple[str, ...]
    phrases: tuple[str, ...]
    forms: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    data_url: str = "https://data.sec.gov"
    efts_url: str = "https://efts.sec.gov"
    archives_url: str = "https://www.sec.gov"
    max_pages: int = 10
    name: str = edgar.SOURCE
    has_history: bool = True

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """Filing documents since the watermark; raises when every request failed."""
        result = edgar.discover(
            client,  # type: ignore[arg-type]
            ciks=list(self.ciks), phrases=list(self.phrases), forms=list(self.forms),
            since=since, until=until, data_url=self.data_url, efts_url=self.efts_url,
            archives_url=self.archives_url, allowed_hosts=self.allowed_hosts,
            max_pages=self.max_pages,
        )
        if not result.refs:
            failed = all_failed(result.failures, len(result.failures))
            if failed is not None:
                raise failed
        return Discovery(refs=list(result.refs), failures=list(result.failures),
                         watermark=result.watermark)

    def request_headers(self) -> dict[str, str] | None:
        """EDGAR needs no extra headers (the User-Agent carries the contact e-mail)."""
        return None

    def screen(self, response: FetchedResponse) -> None:
        """Every answer is taken as it is."""
