"""The Bluesky connector: post pages as documents, and article links handed to their sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from extract.bluesky.discovery import discover
from extract.bluesky.posts import SOURCE, linked_article_urls, parse_response
from extract.cnbc.article import SOURCE as CNBC
from extract.cnbc.article import canonical_url as cnbc_canonical_url
from extract.connectors import Discovery, all_failed
from extract.errors import SourceError
from extract.fetching import Fetcher
from extract.the_information.pages import SOURCE as THE_INFORMATION
from extract.the_information.pages import canonical_url as the_information_canonical_url
from records import FetchedResponse, Ref

# Posts can be indexed late: each run re-reads a day before the watermark (ids dedupe).
BLUESKY_OVERLAP = timedelta(days=1)


def handoff_refs(urls: list[str]) -> list[Ref]:
    """Refs for article links found in posts, owned by the source whose site they point to."""
    refs = []
    for url in urls:
        host = url.split("/")[2] if "//" in url else ""
        if host.endswith("cnbc.com"):
            refs.append(Ref(source=CNBC, url=url, canonical_url=cnbc_canonical_url(url),
                            discovered_via="bluesky"))
        elif host.endswith("theinformation.com"):
            canonical = the_information_canonical_url(url)
            refs.append(Ref(source=THE_INFORMATION, url=canonical,
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
    name: str = SOURCE
    has_history: bool = True

    def discover(self, client: Fetcher, since: datetime | None,
                 until: datetime | None = None) -> Discovery:
        """API pages since the watermark (less a day of overlap), plus article hand-offs."""
        result = discover(
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
                links += linked_article_urls(
                    parse_response(response.body, response.url, ""))
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
