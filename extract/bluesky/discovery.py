"""Bluesky connector: post search and author feeds over XRPC, and API pages -> Documents.

Discovery returns the API pages themselves (`searchPosts`, `getAuthorFeed`): each page is a raw
document holding up to 100 posts, stored as is and parsed offline by `parse_response`, so
`reprocess` re-reads posts without the network. Search needs a login (`BlueskySession`, in
`extract.bluesky.session`); author feeds are public and are read from the AppView.

Link facets index the post text in UTF-8 *bytes*; documents carry them as character offsets
into `Document.text`. Links to CNBC or The Information articles (`linked_article_urls`) are
handed to those connectors, which fetch and parse the articles themselves. Post parsing lives
in `extract.bluesky.posts` and is re-exported here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from extract.bluesky.posts import (
    page_items,
)
from extract.bluesky.session import (
    CREATE_SESSION,
    BlueskySession,
    XrpcClient,
    check_service_url,
    load_json,
    xrpc_url,
)
from extract.errors import ConfigurationError, SourceError
from records import FetchedResponse

SEARCH_POSTS = "app.bsky.feed.searchPosts"
GET_AUTHOR_FEED = "app.bsky.feed.getAuthorFeed"
MAX_PAGE_LIMIT = 100  # the lexicons' maximum `limit` for both methods

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BlueskyDiscovery:
    """API pages fetched (each a raw document of posts), failed requests, and why search did
    not run (None when it ran or there was nothing to search). `newest_post_at` is the latest
    post time seen on the pages (a watermark candidate), None without posts."""

    responses: list[FetchedResponse]
    failures: list[tuple[str, SourceError]] = field(default_factory=list)
    skipped_search_reason: str | None = None
    newest_post_at: datetime | None = None


# --------------------------------------------------------------------------- paging


def _paginate(fetch: Callable[[dict[str, str]], FetchedResponse], url: str,
              params: dict[str, str], *, since: datetime | None, max_pages: int,
              label: str) -> tuple[list[FetchedResponse], list[tuple[str, SourceError]]]:
    """Follow `cursor` from page to page until there is none (or it repeats), a page is empty,
    a page reaches back past `since`, or `max_pages` pages were read. A failing page is recorded
    and ends the paging; the pages before it are kept."""
    responses: list[FetchedResponse] = []
    cursors: set[str] = set()
    cursor: str | None = None
    for _page in range(max_pages):
        page_params = {**params, **({"cursor": cursor} if cursor else {})}
        try:
            response = fetch(page_params)
            data = load_json(response.body, response.url)
            times = [when for _post, when in page_items(data, response.url) if when]
        except SourceError as exc:
            log.warning("bluesky %s page %d failed: %s: %s", label, len(responses) + 1,
                        exc.error_class, exc)
            return responses, [(exc.url or url, exc)]
        responses.append(response)
        next_cursor = data.get("cursor")
        if not isinstance(next_cursor, str) or not next_cursor or next_cursor in cursors:
            break
        if not times or (since is not None and min(times) < since):
            break  # newest first: the next page is older still
        cursors.add(next_cursor)
        cursor = next_cursor
    else:
        log.info("bluesky %s: stopped after max_pages=%d", label, max_pages)
    return responses, []


def _check_paging(since: datetime | None, until: datetime | None, limit: int,
                  max_pages: int) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise ConfigurationError(f"bluesky {name} must be timezone-aware")
    if not 1 <= limit <= MAX_PAGE_LIMIT or max_pages < 1:
        raise ConfigurationError(f"bluesky limit must be 1..{MAX_PAGE_LIMIT} and max_pages >= 1")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def search_posts(client: XrpcClient, session: BlueskySession, query: str, *,
                 since: datetime | None, until: datetime | None, limit: int = 100,
                 max_pages: int = 10,
                 ) -> tuple[list[FetchedResponse], list[tuple[str, SourceError]]]:
    """Pages of `app.bsky.feed.searchPosts` for `query`, newest first, on the session's PDS.

    `since`/`until` (aware) are sent as the API's filters and paging also stops once a page
    reaches back past `since`. `client` must be the session's client (the session sends).
    Returns the pages read and the failed request, if any.
    """
    if client is not session.client:
        raise ConfigurationError("search_posts: client must be the session's client")
    if not isinstance(query, str) or not query.strip():
        raise ConfigurationError("bluesky search query must be a non-empty string")
    _check_paging(since, until, limit, max_pages)
    url = session.xrpc_url(SEARCH_POSTS)
    params = {"q": query, "sort": "latest", "limit": str(limit)}
    if since is not None:
        params["since"] = _iso(since)
    if until is not None:
        params["until"] = _iso(until)
    return _paginate(lambda p: session.get(url, p), url, params, since=since,
                     max_pages=max_pages, label=f"search {query!r}")


def author_feed(client: XrpcClient, appview_url: str, actor: str, *, since: datetime | None,
                max_pages: int = 10, allowed_hosts: Collection[str], limit: int = 100,
                ) -> tuple[list[FetchedResponse], list[tuple[str, SourceError]]]:
    """Pages of `app.bsky.feed.getAuthorFeed` for `actor` (handle or DID), no login needed.

    Paging stops once a page reaches back past `since` (reposts count at their repost time,
    pinned posts not at all). Returns the pages read and the failed request, if any.
    """
    if not isinstance(actor, str) or not actor.strip():
        raise ConfigurationError("bluesky author must be a non-empty handle or DID")
    _check_paging(since, None, limit, max_pages)
    url = xrpc_url(check_service_url(appview_url, "appview_url"), GET_AUTHOR_FEED)
    hosts = [allowed_hosts] if isinstance(allowed_hosts, str) else list(allowed_hosts)
    params = {"actor": actor.strip().removeprefix("@"), "limit": str(limit)}
    return _paginate(lambda p: client.get(url, allowed_hosts=hosts, params=p), url, params,
                     since=since, max_pages=max_pages, label=f"author feed {actor}")


def discover(client: XrpcClient, *, pds_url: str, appview_url: str, identifier: str | None,
             app_password: str | None, queries: Sequence[str], authors: Sequence[str],
             allowed_hosts: Collection[str], since: datetime | None,
             until: datetime | None = None, max_pages: int = 10) -> BlueskyDiscovery:
    """Search every query (with a login) and read every author feed (public).

    Without an identifier or app password, search is skipped with one info log line and the
    author feeds still run; a refused login is one failure and skips the searches. A failing
    request is recorded in `failures` and the rest carry on; only unusable arguments raise
    (ConfigurationError).
    """
    if isinstance(queries, str) or isinstance(authors, str):
        raise ConfigurationError("bluesky queries and authors must be lists of strings")
    _check_paging(since, until, MAX_PAGE_LIMIT, max_pages)
    responses: list[FetchedResponse] = []
    failures: list[tuple[str, SourceError]] = []
    skipped: str | None = None
    if queries:
        if not app_password:
            skipped = "no app password configured"
        elif not identifier:
            skipped = "no handle configured"
        if skipped:
            log.info("bluesky search skipped: %s", skipped)
        else:
            assert identifier is not None and app_password is not None
            session = BlueskySession(client, pds_url, identifier, app_password, allowed_hosts)
            try:
                session.headers()  # log in once, before any query
            except SourceError as exc:
                failures.append((session.xrpc_url(CREATE_SESSION), exc))
                skipped = f"login failed ({exc.error_class})"
                log.warning("bluesky search skipped: %s", skipped)
            else:
                for query in queries:
                    pages, failed = search_posts(client, session, query, since=since,
                                                 until=until, max_pages=max_pages)
                    responses += pages
                    failures += failed
    for actor in authors:
        pages, failed = author_feed(client, appview_url, actor, since=since,
                                    max_pages=max_pages, allowed_hosts=allowed_hosts)
        responses += pages
        failures += failed
    times = [when for r in responses for _post, when in page_items(load_json(r.body, r.url),
                                                                     r.url) if when]
    log.info("bluesky discovery: %d pages, %d failed requests", len(responses), len(failures))
    return BlueskyDiscovery(responses=responses, failures=failures,
                            skipped_search_reason=skipped,
                            newest_post_at=max(times) if times else None)
