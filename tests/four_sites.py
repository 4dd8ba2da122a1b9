"""Loopback stand-ins for The Information, Bluesky and SEC EDGAR (CNBC is in tests.sites),
shaped like the real answers in ../shared/fixtures/real, for the four-source flow tests."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime

from pytest_httpserver import HTTPServer

ROBOTS = "User-agent: *\nAllow: /\n"


@dataclass
class InfoArticle:
    """One The Information article: its public teaser states a deal."""

    slug: str
    headline: str
    published: datetime
    teaser: str


def serve_the_information(server: HTTPServer, articles: list[InfoArticle]) -> str:
    """Atom feed and paywalled article pages (teaser and JSON-LD only); returns the feed URL."""
    base = server.url_for("").rstrip("/")
    server.expect_request("/robots.txt").respond_with_data(ROBOTS)
    entries = "".join(
        f"<entry><id>tag:www.theinformation.com,2005:Article/{i}</id>"
        f"<published>{a.published:%Y-%m-%dT%H:%M:%SZ}</published>"
        f"<updated>{a.published:%Y-%m-%dT%H:%M:%SZ}</updated>"
        f'<link rel="alternate" type="text/html" href="{base}/articles/{a.slug}?rc=xyz"/>'
        f"<title>{html.escape(a.headline)}</title>"
        f'<content type="html">{html.escape("<p>" + a.teaser + "</p>")}</content></entry>'
        for i, a in enumerate(articles)
    )
    feed = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>tag:feed</id><title>The Information</title>{entries}</feed>")
    server.expect_request("/feed").respond_with_data(feed, content_type="application/atom+xml")
    for article in articles:
        server.expect_request(f"/articles/{article.slug}").respond_with_data(
            info_article_page(article, base), content_type="text/html; charset=utf-8")
    return base + "/feed"


def info_article_page(article: InfoArticle, base: str) -> str:
    """A paywalled article page as served without a subscriber session."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": article.headline, "description": article.teaser,
          "datePublished": article.published.isoformat(),
          "author": [{"@type": "Person", "name": "Staff Reporter"}],
          "isAccessibleForFree": "False",
          "about": [{"@type": "Corporation", "name": "Microsoft", "tickerSymbol": "MSFT"}]}
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            f"<title>{html.escape(article.headline)}</title>"
            f'<meta property="og:url" content="{base}/articles/{article.slug}">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            "<body><h1>" + html.escape(article.headline) + "</h1>"
            '<div class="paywall">Subscribe to read</div></body></html>')
    return page


def bluesky_post(handle: str, rkey: str, text: str, created: datetime) -> dict:
    """A postView as app.bsky.feed.getAuthorFeed returns it."""
    did = f"did:plc:{handle.split('.')[0]}"
    return {"post": {
        "uri": f"at://{did}/app.bsky.feed.post/{rkey}", "cid": f"bafy{rkey}",
        "author": {"did": did, "handle": handle},
        "record": {"$type": "app.bsky.feed.post", "text": text,
                   "createdAt": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "langs": ["en"]},
        "indexedAt": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "likeCount": 3, "repostCount": 1, "replyCount": 0,
    }}


def serve_bluesky(server: HTTPServer, handle: str, posts: list[dict]) -> str:
    """An AppView answering getAuthorFeed for one handle; returns the AppView URL."""
    server.expect_request("/robots.txt").respond_with_data(ROBOTS)
    server.expect_request("/xrpc/app.bsky.feed.getAuthorFeed").respond_with_json(
        {"feed": posts})
    return server.url_for("").rstrip("/")


@dataclass
class Filing:
    """One 8-K of one filer, with its primary document's Item 1.01 text."""

    cik: str
    company: str
    accession: str
    filed: str
    item_text: str


def serve_edgar(server: HTTPServer, filings: list[Filing]) -> str:
    """Submissions, filing indexes and 8-K documents for each filer; returns the base URL."""
    server.expect_request("/robots.txt").respond_with_data(ROBOTS)
    by_cik: dict[str, list[Filing]] = {}
    for filing in filings:
        by_cik.setdefault(filing.cik, []).append(filing)
    for cik, own in by_cik.items():
        recent = {
            "accessionNumber": [f.accession for f in own], "filingDate": [f.filed for f in own],
            "form": ["8-K"] * len(own), "items": ["1.01"] * len(own),
            "primaryDocument": [f"doc-{f.accession}.htm" for f in own],
        }
        server.expect_request(f"/submissions/CIK{cik}.json").respond_with_json(
            {"cik": cik, "name": own[0].company, "filings": {"recent": recent, "files": []}})
    for filing in filings:
        folder = f"/Archives/edgar/data/{int(filing.cik)}/{filing.accession.replace('-', '')}"
        name = f"doc-{filing.accession}.htm"
        server.expect_request(f"{folder}/index.json").respond_with_json(
            {"directory": {"item": [{"name": name, "type": "text.gif"},
                                    {"name": f"{filing.accession}-index.html"}]}})
        document = (f"<html><head><title>{filing.company} 8-K</title></head><body>"
                    "<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>"
                    "<p>Item 1.01 Entry into a Material Definitive Agreement.</p>"
                    f"<p>{html.escape(filing.item_text)}</p><p>SIGNATURES</p></body></html>")
        server.expect_request(f"{folder}/{name}").respond_with_data(
            document, content_type="text/html")
    return server.url_for("").rstrip("/")
