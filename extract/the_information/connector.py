"""The Information connector: the Atom feed for new items, the article sitemap for a backfill
window (`until` given), the subscriber cookie and challenge screening."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from extract.connectors import Discovery, all_failed, window_discovery
from extract.errors import ChallengePage
from extract.fetching import Fetcher
from extract.the_information.feed import discover
from extract.the_information.pages import SOURCE, is_challenge_page, session_headers
from extract.the_information.sitemap import walk_sitemap
from records import FetchedResponse


@dataclass(frozen=True)
class TheInformationConnector:
    """The Information: the Atom feed; article pages fetched with the subscriber cookie when
    one is configured (the full text is read only then: the paywall is respected)."""

    feed: str
    allowed_hosts: tuple[str, ...]
    session_cookie: str | None = field(default=None, repr=False)
    sitemap: str = "https://www.theinformation.com/sitemap-articles.xml"
    name: str = SOURCE
    has_history: bool = True

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """A backfill window (`since` and `until` given): the article sitemap's items dated in
        it. Otherwise refs from the feed (recent entries only). Raises when nothing could be
        read."""
        if since is not None and until is not None:
            return window_discovery(*walk_sitemap(client, self.sitemap, since, until,
                                          allowed_hosts=self.allowed_hosts))
        result = discover(client, self.feed, allowed_hosts=self.allowed_hosts,
                                          since=since)
        failed = all_failed(result.failures, 1)
        if failed is not None:
            raise failed
        hints = [r.published_hint for r in result.refs if r.published_hint is not None]
        return Discovery(refs=list(result.refs), failures=list(result.failures),
                         watermark=max(hints) if hints else None)

    def request_headers(self) -> dict[str, str] | None:
        """The subscriber session cookie, when configured (never logged)."""
        return session_headers(self.session_cookie)

    def screen(self, response: FetchedResponse) -> None:
        """A bot-challenge page is refused (transient): the item is fetched again on a later
        run, and the challenge is never stored as the page's copy."""
        if is_challenge_page(response.body, response.headers):
            raise ChallengePage(f"bot challenge served instead of {response.url}",
                                url=response.url)
