"""Hand-made CNBC-like pages and feeds, served on loopback for pipeline and flow tests.

The markup follows the real page (../shared/fixtures/real/cnbc): JSON-LD NewsArticle, og/article
meta, `window.__s_data` with the article's premium flag, `div.ArticleBody-articleBody`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

from pytest_httpserver import HTTPServer


@dataclass
class Article:
    """One article of the test site."""

    slug: str
    headline: str
    published: datetime
    paragraphs: list[str]
    authors: list[str] = field(default_factory=lambda: ["Test Reporter"])
    premium: bool = False

    @property
    def path(self) -> str:
        """URL path of the article page."""
        return f"/{self.published:%Y/%m/%d}/{self.slug}.html"


def article_page(article: Article, base_url: str) -> str:
    """A CNBC-like article page."""
    url = base_url + article.path
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.headline,
        "url": url, "datePublished": article.published.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "author": [{"@type": "Person", "name": a} for a in article.authors],
        "description": article.paragraphs[0][:120],
    }
    state = {"page": {"page": {"id": abs(hash(article.slug)) % 10**9, "type": "cnbcnewsstory",
                               "premium": article.premium,
                               "section": {"tagName": "Technology"}, "tickerSymbols": []}}}
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>'
        f"<title>{html.escape(article.headline)}</title>"
        f'<meta property="og:url" content="{url}"/>'
        f'<meta property="og:title" content="{html.escape(article.headline)}"/>'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
        f'<h1 class="ArticleHeader-headline">{html.escape(article.headline)}</h1>'
        '<div class="ArticleBody-articleBody" data-module="ArticleBody">'
        f'<div class="group">{body}</div></div>'
        f"<script>window.__s_data={json.dumps(state)};</script></body></html>"
    )


def rss_feed(articles: list[Article], base_url: str, title: str = "Technology") -> str:
    """An RSS 2.0 feed listing the articles."""
    items = "".join(
        f"<item><link>{base_url}{a.path}?__source=rss</link><title>{html.escape(a.headline)}"
        f"</title><pubDate>{format_datetime(a.published)}</pubDate></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title>{items}</channel></rss>"
    )


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    "<rss><channel><item><title>&lol3;</title></item></channel></rss>"
)


def serve_site(
    server: HTTPServer, articles: list[Article], *, feeds: dict[str, list[Article]] | None = None,
    robots: str = "User-agent: *\nAllow: /\n",
) -> list[str]:
    """Register robots.txt, the feeds and the article pages; returns the feed URLs."""
    base = server.url_for("").rstrip("/")
    server.expect_request("/robots.txt").respond_with_data(robots, content_type="text/plain")
    feeds = feeds if feeds is not None else {"technology": articles}
    urls = []
    for name, listed in feeds.items():
        path = f"/rss/{name}.xml"
        server.expect_request(path).respond_with_data(
            rss_feed(listed, base, name), content_type="application/rss+xml"
        )
        urls.append(base + path)
    for article in articles:
        server.expect_request(article.path).respond_with_data(
            article_page(article, base), content_type="text/html; charset=utf-8"
        )
    return urls
