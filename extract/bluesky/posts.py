"""Bluesky API pages -> Documents: the posts of stored searchPosts, getAuthorFeed and
getPostThread answers, one Document each, and the article links they carry.

Pure parts: `parse_response` works on the stored page bytes, so `reprocess` re-reads posts
without the network. Link facets index the post text in UTF-8 *bytes*; documents carry them as
character offsets into `Document.text`. Links to CNBC or The Information articles
(`linked_article_urls`) are handed to those connectors, which fetch and parse the articles
themselves. Discovery (the paging of those answers) is in `extract.bluesky`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from extract.bluesky.session import load_json
from extract.errors import MalformedInput
from extract.markup.html_scan import iso_to_utc
from records import Document
from records.ids import stable_id

SOURCE = "bluesky"
PARSER_VERSION = "bluesky-2"  # 2: quoted posts and link cards in the text
WEB_POST_URL = "https://bsky.app/profile/{actor}/post/{rkey}"
# Article pages the other connectors can fetch: host (or parent domain) -> path pattern.
ARTICLE_LINKS: dict[str, re.Pattern[str]] = {
    "cnbc.com": re.compile(r"^/\d{4}/\d{2}/\d{2}/[^/]+\.html$"),
    "theinformation.com": re.compile(r"^/(articles|briefings)/[^/]+"),
}

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- pages and times


# AT Protocol datetimes are ISO 8601 with a zone: the generic reader applies.
_timestamp = iso_to_utc


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


def page_items(data: Any, url: str) -> list[tuple[dict[str, Any], datetime | None]]:
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


def _quoted_view(post: Mapping[str, Any]) -> dict[str, Any] | None:
    """The quoted post as the AppView shows it ({uri, author handle, text}): embed.record
    (a record#viewRecord) or, for recordWithMedia, embed.record.record."""
    embed = post.get("embed")
    view = embed.get("record") if isinstance(embed, dict) else None
    if isinstance(view, dict) and isinstance(view.get("record"), dict):
        view = view["record"]  # recordWithMedia#view: {record: {record: viewRecord}}
    value = view.get("value") if isinstance(view, dict) else None
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return None  # a quote of a deleted or blocked post, or of a feed or list
    author = view.get("author") if isinstance(view.get("author"), dict) else {}
    return {"uri": view.get("uri") if isinstance(view.get("uri"), str) else None,
            "author_handle": author.get("handle") if isinstance(author.get("handle"), str)
            else None,
            "text": value["text"]}


def readable_text(post_text: str, quoted: Mapping[str, Any] | None,
                  external: Mapping[str, Any] | None) -> tuple[str, list[dict[str, Any]]]:
    """The text the extractor reads: the post, then the quoted post's text, then the link
    card's title and description, each its own paragraph; and the parts as character spans
    ({part, start, end}), so a deal found in a quoted post or a link card says where it is."""
    pieces = [("post", post_text)]
    if quoted and quoted.get("text", "").strip():
        pieces.append(("quoted_post", quoted["text"].strip()))
    for key in ("title", "description"):
        value = (external or {}).get(key)
        if isinstance(value, str) and value.strip():
            pieces.append((f"link_{key}", value.strip()))
    text, parts = "", []
    for part, piece in pieces:
        if text:
            text += "\n\n"
        parts.append({"part": part, "start": len(text), "end": len(text) + len(piece)})
        text += piece
    return text, parts


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
    external = _external(post, record)
    quoted = _quoted_view(post)
    text, parts = readable_text(record["text"], quoted, external)
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
            "links": _links(record, record["text"]),
            "external": external,
            "quoted": quoted,
            "text_parts": parts,
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
    items = page_items(load_json(body, url), url)
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
