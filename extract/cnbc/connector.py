"""The CNBC connector: the section feeds for new items, the dated site map for a backfill
window (`until` given), wired to the flow's shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from extract.cnbc.article import SOURCE
from extract.cnbc.feed import discover
from extract.cnbc.sitemap import walk_days
from extract.connectors import Discovery, all_failed, window_discovery
from extract.fetching import Fetcher
from records import FetchedResponse


@dataclass(frozen=True)
class CnbcConnector:
    """CNBC: the configured section RSS feeds; article pages fetched from cnbc.com."""

    feeds: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    sitemap_base: str = "https://www.cnbc.com"
    name: str = SOURCE
    has_history: bool = True

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """A backfill window (`since` and `until` given): the site map's day pages. Otherwise
        refs from every feed (they list recent items only). Raises SourceUnavailable when
        nothing could be read."""
        if since is not None and until is not None:
            return window_discovery(*walk_days(client, self.sitemap_base, since, until,
                                       allowed_hosts=self.allowed_hosts))
        result = discover(client, self.feeds, allowed_hosts=self.allowed_hosts, since=since)
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
