"""CNBC discovery: the section RSS feeds -> Refs.

No HTTP here: `discover` takes any client with the `get` method of `extract.http.PoliteClient`.
Feed hosts and skipped paths come from `extract/cnbc/selectors.toml`.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from extract.cnbc.article import SOURCE, canonical_url, is_article_link
from extract.errors import MalformedInput, SourceError
from extract.markup.feed_xml import parse_feed_xml
from records import FetchedResponse, Ref

# RSS pubDate can be an update time, so `since` is widened by this much to not miss an item
# whose hint moved; re-finding a known item is harmless (ids are stable).
SINCE_OVERLAP = timedelta(days=2)

logger = logging.getLogger(__name__)


class FeedClient(Protocol):
    """What `discover` needs from an HTTP client (extract.http.PoliteClient satisfies it)."""

    def get(self, url: str, *, allowed_hosts: Collection[str]) -> FetchedResponse:
        """Fetch `url`, refusing hosts outside `allowed_hosts`; raises SourceError subclasses."""
        ...


@dataclass(frozen=True)
class DiscoveryResult:
    """Refs found across all feeds (deduplicated) and the feeds that failed, with their error."""

    refs: list[Ref]
    failures: list[tuple[str, SourceError]]


def _rss_date(text: str | None) -> datetime | None:
    """An RFC 822 pubDate as an aware UTC datetime, or None when absent or unreadable."""
    if not text:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError):
        return None
    # "-0000" parses naive: RFC 5322 defines it as UTC with no local zone; a missing zone is
    # read the same way (CNBC feeds send GMT or an offset).
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def parse_feed(
    body: bytes, feed_url: str, article_hosts: Collection[str] | None = None
) -> list[Ref]:
    """The article items of a CNBC RSS 2.0 feed as Refs, deduplicated by canonical URL.

    Feed order is kept. `article_hosts` (default: the selectors' list) are the hosts whose
    links count as articles. Raises MalformedInput for a hostile, malformed or non-RSS body.
    """
    root = parse_feed_xml(body, feed_url)
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        raise MalformedInput(f"not an RSS 2.0 feed (root element <{root.tag}>)", url=feed_url)
    refs: list[Ref] = []
    seen: set[str] = set()
    for item in channel.findall("item"):
        link = (item.findtext("link") or "").strip()
        if not link:
            logger.debug("feed %s: item without a link skipped", feed_url)
            continue
        if not is_article_link(link, article_hosts):
            logger.debug("feed %s: non-article link skipped: %s", feed_url, link)
            continue
        key = canonical_url(link)
        if key in seen:
            continue
        seen.add(key)
        title = (item.findtext("title") or "").strip() or None
        refs.append(
            Ref(
                source=SOURCE,
                url=link,
                canonical_url=key,
                published_hint=_rss_date(item.findtext("pubDate")),
                title_hint=title,
                discovered_via=feed_url,
            )
        )
    return refs


def discover(
    client: FeedClient,
    feed_urls: Sequence[str],
    *,
    allowed_hosts: Collection[str],
    since: datetime | None,
) -> DiscoveryResult:
    """Fetch and parse every feed; merge their refs, keeping the first of each canonical URL.

    A feed that fails (any SourceError) is recorded in `failures` and the other feeds still
    run. With `since` (aware), refs whose feed date is older than `since - SINCE_OVERLAP` are
    dropped; refs without a date are kept.
    """
    if since is not None and since.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    cutoff = None if since is None else since - SINCE_OVERLAP
    refs: list[Ref] = []
    failures: list[tuple[str, SourceError]] = []
    seen: set[str] = set()
    for feed_url in feed_urls:
        try:
            response = client.get(feed_url, allowed_hosts=allowed_hosts)
            feed_refs = (
                [] if response.not_modified
                else parse_feed(response.body, feed_url, article_hosts=allowed_hosts)
            )
        except SourceError as exc:
            logger.warning("cnbc feed %s failed: %s: %s", feed_url, exc.error_class, exc)
            failures.append((feed_url, exc))
            continue
        for ref in feed_refs:
            # Filter before dedupe: another feed may list the same item with a newer date.
            hint = ref.published_hint
            if (cutoff is not None and hint is not None and hint < cutoff) or (
                ref.canonical_url in seen
            ):
                continue
            seen.add(ref.canonical_url)
            refs.append(ref)
    logger.info("cnbc discovery: %d refs, %d failed feeds", len(refs), len(failures))
    return DiscoveryResult(refs=refs, failures=failures)


