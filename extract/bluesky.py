"""Bluesky connector: post search and author feeds over XRPC, and API pages -> Documents.

Discovery returns the API pages themselves (`searchPosts`, `getAuthorFeed`): each page is a raw
document holding up to 100 posts, stored as is and parsed offline by `parse_response`, so
`reprocess` re-reads posts without the network. Search needs a login (`BlueskySession`, in
`extract.bluesky_session`); author feeds are public and are read from the AppView.

Link facets index the post text in UTF-8 *bytes*; documents carry them as character offsets
into `Document.text`. Links to CNBC or The Information articles (`linked_article_urls`) are
handed to those connectors, which fetch and parse the articles themselves.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from extract.bluesky_session import (
    CREATE_SESSION,
    BlueskySession,
    XrpcClient,
    check_service_url,
    load_json,
    xrpc_url,
)
from extract.errors import ConfigurationError, MalformedInput, SourceError
from extract.records import Document, FetchedResponse
from transform.ids import stable_id

__all__ = [
    "PARSER_VERSION", "SOURCE", "BlueskyDiscovery", "BlueskySession", "author_feed", "discover",
    "linked_article_urls", "parse_response", "search_posts",
]

SOURCE = "bluesky"
PARSER_VERSION = "bluesky-1"
SEARCH_POSTS = "app.bsky.feed.searchPosts"
GET_AUTHOR_FEED = "app.bsky.feed.getAuthorFeed"
MAX_PAGE_LIMIT = 100  # the lexicons' maximum `limit` for both methods
WEB_POST_URL = "https://bsky.app/profile/{actor}/post/{rkey}"
# Article pages the other connectors can fetch: host (or parent domain) -> path pattern.
ARTICLE_LINKS: dict[str, re.Pattern[str]] = {
    "cnbc.com": re.compile(r"^/\d{4}/\d{2}/\d{2}/[^/]+\.html$"),
    "theinformation.com": re.compile(r"^/(articles|briefings)/[^/]+"),
}

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


# --------------------------------------------------------------------------- pages and times


def _timestamp(value: Any) -> datetime | None:
    """An AT Protocol datetime as aware UTC; None when absent, unreadable or without a zone."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else None


def _sort_time(post: Mapping[str, Any]) -> datetime | None:
    """When a post sorts in feeds and search: the earlier of createdAt (client-declared, may be
    back- or future-dated) and indexedAt (the AppView's clock), like Bluesky's `sortAt`."""
    record = post.get("record")
    created = _timestamp(record.get("createdAt")) if isinstance(record, dict) else None
    times = [t for t in (created, _timestamp(post.get("indexedAt"))) if t is not None]
    return min(times) if times else None


def _keys_found(data: Any) -> str:
    if isinstance(data, dict):
        return f"keys found: {sorted(data)}"
    return f"a JSON {type(data).__name__}, not an object"


def _page_items(data: Any, url: str) -> list[tuple[dict[str, Any], datetime | None]]:
    """(postView, time the item sorts at) of every post in a searchPosts, getAuthorFeed or
    getPostThread answer, in page order, duplicates of a URI dropped.

    In an author feed a repost sorts at its repost time and a pinned post out of order, so a
    pinned item gets no time. Raises MalformedInput naming the keys found for another shape.
    """
    items: list[tuple[Any, datetime | None]] = []
    if isinstance(data, dict) and isinstance(data.get("posts"), list):
        items = [(post, _sort_time(post) if isinstance(post, dict) else None)
                 for post in data["posts"]]
    elif isinstance(data, dict) and isinstance(data.get("feed"), list):
        for entry in data["feed"]:
            post = entry.get("post") if isinstance(entry, dict) else None
            reason = entry.get("reason") if isinstance(entry, dict) else None
            kind = reason.get("$type", "") if isinstance(reason, dict) else ""
            if kind.endswith("#reasonPin"):
                when = None
            elif kind.endswith("#reasonRepost"):
                when = _timestamp(reason.get("indexedAt"))
            else:
                when = _sort_time(post) if isinstance(post, dict) else None
            items.append((post, when))
    elif isinstance(data, dict) and isinstance(data.get("thread"), dict):
        items = [(post, _sort_time(post)) for post in _thread_posts(data["thread"])]
    else:
        raise MalformedInput(
            f"not a searchPosts, getAuthorFeed or getPostThread answer: no 'posts' list, 'feed' "
            f"list or 'thread' object ({_keys_found(data)}): {url}", url=url)
    seen: set[str] = set()
    unique: list[tuple[dict[str, Any], datetime | None]] = []
    for post, when in items:
        uri = post.get("uri") if isinstance(post, dict) else None
        if isinstance(uri, str):
            if uri in seen:
                continue
            seen.add(uri)
        unique.append((post if isinstance(post, dict) else {}, when))
    return unique


def _thread_posts(thread: dict[str, Any]) -> list[Any]:
    """The posts of a threadViewPost: the post and its replies (depth first), then its parent
    chain upwards; notFoundPost/blockedPost entries carry no post and are skipped."""
    posts: list[Any] = []
    parent = thread.get("parent")
    for _depth in range(1000):  # walked, not recursed: a hostile thread cannot blow the stack
        if not isinstance(parent, dict) or "post" not in parent:
            break
        posts.append(parent["post"])
        parent = parent.get("parent")
    stack = [thread]
    ordered: list[Any] = []
    while stack and len(ordered) < 100_000:
        node = stack.pop()
        if isinstance(node, dict) and "post" in node:
            ordered.append(node["post"])
            replies = node.get("replies")
            if isinstance(replies, list):
                stack.extend(reversed(replies))
    return ordered + posts


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
            times = [when for _post, when in _page_items(data, response.url) if when]
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
    times = [when for r in responses for _post, when in _page_items(load_json(r.body, r.url),
                                                                      r.url) if when]
    log.info("bluesky discovery: %d pages, %d failed requests", len(responses), len(failures))
    return BlueskyDiscovery(responses=responses, failures=failures,
                            skipped_search_reason=skipped,
                            newest_post_at=max(times) if times else None)


# --------------------------------------------------------------------------- posts


def _char_offset(encoded: bytes, byte_offset: int) -> int:
    """Characters in the first `byte_offset` bytes of UTF-8 text: every byte except
    continuation bytes (10xxxxxx) starts a character. An offset inside a character counts it."""
    return sum(1 for byte in encoded[:byte_offset] if byte & 0xC0 != 0x80)


def _links(record: Mapping[str, Any], text: str) -> list[dict[str, Any]]:
    """Link facets as {start, end, uri}, start/end in characters of `text` (None when the
    facet's byte slice does not fit the text)."""
    facets = record.get("facets")
    encoded = text.encode("utf-8")
    links: list[dict[str, Any]] = []
    for facet in facets if isinstance(facets, list) else []:
        if not isinstance(facet, dict) or not isinstance(facet.get("features"), list):
            continue
        index = facet.get("index") if isinstance(facet.get("index"), dict) else {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        valid = (type(start) is int and type(end) is int and 0 <= start <= end <= len(encoded))
        for feature in facet["features"]:
            uri = feature.get("uri") if isinstance(feature, dict) else None
            kind = feature.get("$type", "") if isinstance(feature, dict) else ""
            if isinstance(uri, str) and uri and (kind.endswith("#link") or not kind):
                links.append({
                    "start": _char_offset(encoded, start) if valid else None,
                    "end": _char_offset(encoded, end) if valid else None,
                    "uri": uri,
                })
    return links


def _external(post: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The external link card {uri, title, description}: from the record's embed (alone or as
    the media of a recordWithMedia), else from the AppView's embed view."""
    for embed in (record.get("embed"), post.get("embed")):
        for holder in (embed, embed.get("media") if isinstance(embed, dict) else None):
            card = holder.get("external") if isinstance(holder, dict) else None
            if isinstance(card, dict) and isinstance(card.get("uri"), str) and card["uri"]:
                return {key: card.get(key) if isinstance(card.get(key), str) else None
                        for key in ("uri", "title", "description")}
    return None


def _strong_ref_uri(value: Any) -> str | None:
    uri = value.get("uri") if isinstance(value, dict) else None
    return uri if isinstance(uri, str) else None


def _quoted_uri(record: Mapping[str, Any]) -> str | None:
    """AT URI of the post a quote post embeds (embed.record, or recordWithMedia's record)."""
    embed = record.get("embed")
    inner = embed.get("record") if isinstance(embed, dict) else None
    if isinstance(inner, dict) and isinstance(inner.get("record"), dict):
        inner = inner["record"]  # recordWithMedia: {record: {record: strongRef}}
    return _strong_ref_uri(inner)


def _count(post: Mapping[str, Any], key: str) -> int | None:
    value = post.get(key)
    return value if type(value) is int else None


def _post_document(post: Mapping[str, Any], raw_id: str) -> Document:
    """One postView as a Document; MalformedInput names what the post lacks."""
    uri = post.get("uri")
    if not isinstance(uri, str) or not uri.startswith("at://") or uri.count("/") < 4:
        raise MalformedInput(f"post without an AT URI (keys found: {sorted(post)})")
    record = post.get("record")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise MalformedInput(f"post {uri}: no record with a text")
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    authority, rkey = uri[len("at://"):].split("/")[0], uri.rstrip("/").rsplit("/", 1)[-1]
    did = author.get("did") if isinstance(author.get("did"), str) else authority
    handle = author.get("handle") if isinstance(author.get("handle"), str) else None
    # "handle.invalid" is what the AppView shows when a handle no longer verifies.
    usable_handle = handle if handle and handle != "handle.invalid" else None
    langs = [x for x in record.get("langs") or [] if isinstance(x, str)] \
        if isinstance(record.get("langs"), list) else []
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    text = record["text"]
    return Document(
        doc_id=stable_id(SOURCE, uri),
        source=SOURCE,
        url=WEB_POST_URL.format(actor=usable_handle or did, rkey=rkey),
        canonical_url=uri,
        title=None,
        published_at=_timestamp(record.get("createdAt")) or _timestamp(post.get("indexedAt")),
        authors=[usable_handle or did],
        text=text,
        lang=langs[0] if langs else None,
        raw_id=raw_id,
        parser_version=PARSER_VERSION,
        doc_type="post",
        metadata={
            "uri": uri,
            "cid": post.get("cid") if isinstance(post.get("cid"), str) else None,
            "author_did": did,
            "author_handle": handle,
            "langs": langs,
            "like_count": _count(post, "likeCount"),
            "repost_count": _count(post, "repostCount"),
            "reply_count": _count(post, "replyCount"),
            "quote_count": _count(post, "quoteCount"),
            "links": _links(record, text),
            "external": _external(post, record),
            "reply_parent_uri": _strong_ref_uri(reply.get("parent")),
            "reply_root_uri": _strong_ref_uri(reply.get("root")),
            "quoted_uri": _quoted_uri(record),
            "indexed_at": post.get("indexedAt") if isinstance(post.get("indexedAt"), str)
            else None,
        },
    )


def parse_response(body: bytes, url: str, raw_id: str) -> list[Document]:
    """The posts of a stored searchPosts, getAuthorFeed or getPostThread answer as Documents.

    A post that lacks its URI or record is skipped with a warning; MalformedInput when the body
    is not JSON, has none of the three shapes (naming the keys found), or no post is usable.
    """
    items = _page_items(load_json(body, url), url)
    documents: list[Document] = []
    problems: list[str] = []
    for post, _when in items:
        try:
            documents.append(_post_document(post, raw_id))
        except MalformedInput as exc:
            problems.append(str(exc))
    if problems:
        log.warning("bluesky %s: %d of %d posts skipped, first: %s", url, len(problems),
                    len(items), problems[0])
        if not documents:
            raise MalformedInput(f"no usable post in {url}: {problems[0]}", url=url)
    return documents


def _article_url(link: str) -> str | None:
    """The article URL of a CNBC or The Information link (https, lower-case host, no query or
    fragment: both sites name an article by its path, queries are tracking), else None."""
    parts = urlsplit(link.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not any(
        (host == domain or host.endswith("." + domain)) and pattern.match(parts.path)
        for domain, pattern in ARTICLE_LINKS.items()
    ):
        return None
    return urlunsplit(("https", host, parts.path, "", ""))


def linked_article_urls(documents: Iterable[Document]) -> list[str]:
    """Article URLs of CNBC or The Information linked from the posts (link facets and external
    cards), normalised by `_article_url`, first occurrence first, without duplicates: the lead
    hands them to those connectors. Videos, section fronts and other hosts are left out."""
    found: dict[str, None] = {}
    for document in documents:
        metadata = document.metadata if isinstance(document.metadata, dict) else {}
        links = [link.get("uri") for link in metadata.get("links") or []
                 if isinstance(link, dict)]
        external = metadata.get("external")
        links.append(external.get("uri") if isinstance(external, dict) else None)
        for link in links:
            article = _article_url(link) if isinstance(link, str) else None
            if article is not None:
                found.setdefault(article, None)
    return list(found)
