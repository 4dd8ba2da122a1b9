"""CNBC history through its public site map: one page per day lists every article of that day.

CNBC's site map is browsable by date: `https://www.cnbc.com/site-map/articles/<year>/<Month>/
<day>/` (month by its English name, day without a leading zero) lists the day's articles as
links of class `SiteMapArticleList-link`. A backfill window walks its days, oldest first; the
client honours robots.txt and the per-host rate like any other request. Page shape and URL
template are data (`selectors.toml`, `[sitemap]`); a day page without any list is a layout
change, a day page with an empty list is a day without articles.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from bs4 import BeautifulSoup

from extract.cnbc.article import SOURCE, canonical_url, is_article_link
from extract.errors import LayoutChanged, SourceError
from extract.markup.html_scan import clean_text, decode_html
from extract.markup.selectors import load_selectors
from records import FetchedResponse, Ref

logger = logging.getLogger(__name__)

_SEL = load_selectors(SOURCE)["sitemap"]


class PageClient(Protocol):
    """What the site-map walk needs from an HTTP client."""

    def get(self, url: str, *, allowed_hosts: tuple[str, ...]) -> FetchedResponse:
        """Fetch `url` within `allowed_hosts`."""
        ...


def day_url(base: str, day: date) -> str:
    """The site-map page of one day: base + "/site-map/articles/2025/September/22/"."""
    return base.rstrip("/") + _SEL["day_path"].format(year=day.year, month=day.strftime("%B"),
                                                      day=day.day)


def parse_day(body: bytes, url: str, day: date,
              article_hosts: tuple[str, ...] | None = None) -> list[Ref]:
    """The articles a day page lists, as Refs dated that day (00:00 UTC, a hint only: each
    article page states its own time). LayoutChanged when the page has no article list."""
    soup = BeautifulSoup(decode_html(body, url), "lxml")
    if soup.select_one(_SEL["list"]) is None and not soup.select(_SEL["links"]):
        raise LayoutChanged(f"{url}: no site-map list ({_SEL['list']!r}, {_SEL['links']!r})",
                            url=url)
    hint = datetime.combine(day, time.min, UTC)
    refs, seen = [], set()
    for link in soup.select(_SEL["links"]):
        href = (link.get("href") or "").strip()
        if not href or not is_article_link(href, article_hosts):
            continue
        key = canonical_url(href)
        if key in seen:
            continue
        seen.add(key)
        refs.append(Ref(source=SOURCE, url=href, canonical_url=key, published_hint=hint,
                        title_hint=clean_text(link.get_text()) or None, discovered_via=url))
    return refs


def walk_days(client: PageClient, base: str, since: datetime, until: datetime, *,
              allowed_hosts: tuple[str, ...]) -> tuple[list[Ref], list[tuple[str, SourceError]]]:
    """Refs of every day from `since` up to, not including, `until` (UTC days), and the day
    pages that failed."""
    refs: list[Ref] = []
    failures: list[tuple[str, SourceError]] = []
    day, last = since.astimezone(UTC).date(), (until.astimezone(UTC) - timedelta(
        microseconds=1)).date()
    while day <= last:
        url = day_url(base, day)
        try:
            response = client.get(url, allowed_hosts=allowed_hosts)
            refs += parse_day(response.body, url, day, allowed_hosts)
        except SourceError as exc:
            logger.warning("cnbc site map %s failed: %s: %s", url, exc.error_class, exc)
            failures.append((url, exc))
        day += timedelta(days=1)
    logger.info("cnbc site map %s..%s: %d refs, %d failed days", since.date(), last, len(refs),
                len(failures))
    return refs, failures
