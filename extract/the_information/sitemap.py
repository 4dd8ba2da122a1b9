"""The Information's history through its public article sitemap (sitemaps.org XML).

The site publishes `https://www.theinformation.com/sitemap-articles.xml` (the URL is a setting):
a `<urlset>` of article URLs with `<lastmod>`, or a `<sitemapindex>` of such sets. A backfill
window keeps the items dated inside it: by `news:publication_date` when the sitemap states one,
else by `lastmod`. `lastmod` is the page's last change, never earlier than its publication, so
an article edited after its window is found by the window of its last edit, not its first (the
document keeps the date its page states). Child sitemaps whose `lastmod` is before the window
are not read: nothing in them changed since. Only item pages count (articles, briefings,
newsletters: the kinds of `selectors.toml`), not section roots. The client honours robots.txt
and the per-host rate like any other request; pages are still read without a subscriber
session unless one is configured (the paywall is respected).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import UTC, datetime

from extract.errors import ChallengePage, SourceError
from extract.markup.sitemap_xml import SitemapEntry, parse_sitemap
from extract.the_information.feed import FeedClient, fetch_url
from extract.the_information.pages import SOURCE, canonical_url, is_challenge_page, item_kind
from records import Ref

logger = logging.getLogger(__name__)

# A sitemap index nests one level in practice; the bound stops a hostile or looping index.
MAX_SITEMAPS = 200


def _entry_date(entry: SitemapEntry) -> datetime | None:
    return entry.published or entry.lastmod


def _in_window(when: datetime | None, since: datetime, until: datetime) -> bool:
    return when is not None and since <= when < until


def walk_sitemap(client: FeedClient, sitemap_url: str, since: datetime, until: datetime, *,
                 allowed_hosts: Collection[str]) -> tuple[list[Ref], list[tuple[str, SourceError]]]:
    """Refs of the sitemap's items dated from `since` up to, not including, `until`, and the
    sitemaps that could not be read. Undated items are counted in the log, not guessed into a
    window."""
    since, until = since.astimezone(UTC), until.astimezone(UTC)
    pending, visited = [sitemap_url], set()
    refs: list[Ref] = []
    failures: list[tuple[str, SourceError]] = []
    seen: set[str] = set()
    undated = 0
    while pending and len(visited) < MAX_SITEMAPS:
        url = pending.pop(0)
        if url in visited:
            continue
        visited.add(url)
        try:
            response = client.get(url, allowed_hosts=allowed_hosts)
            if is_challenge_page(response.body, response.headers):
                raise ChallengePage(f"bot challenge served instead of the sitemap {url}", url=url)
            sitemap = parse_sitemap(response.body, url)
        except SourceError as exc:
            logger.warning("the_information sitemap %s failed: %s: %s", url, exc.error_class, exc)
            failures.append((url, exc))
            continue
        if sitemap.is_index:
            # A child last changed before the window holds nothing dated inside it.
            pending += [e.loc for e in sitemap.entries
                        if e.lastmod is None or e.lastmod >= since]
            continue
        for entry in sitemap.entries:
            if item_kind(entry.loc, allowed_hosts) is None:
                continue
            when = _entry_date(entry)
            undated += when is None
            key = canonical_url(entry.loc)
            if not _in_window(when, since, until) or key in seen:
                continue
            seen.add(key)
            refs.append(Ref(source=SOURCE, url=fetch_url(entry.loc), canonical_url=key,
                            published_hint=when, title_hint=entry.title, discovered_via=url))
    if pending:
        logger.warning("the_information sitemap: stopped after %d sitemaps, %d not read",
                       MAX_SITEMAPS, len(pending))
    logger.info("the_information sitemap %s..%s: %d refs from %d sitemaps (%d undated items "
                "skipped), %d failed", since.date(), until.date(), len(refs), len(visited),
                undated, len(failures))
    return refs, failures
