"""`circularity demo`: the whole pipeline on a machine with no network or credentials.

The corpus shipped in `flows/demo_corpus` (articles written for the project about the deals of
REFERENCE-DEALS.md: CNBC and The Information articles, Bluesky posts, EDGAR 8-K excerpts, two
French articles) is rendered in each source's own formats (CNBC article pages and RSS, The
Information's Atom feed and article pages, Bluesky getAuthorFeed answers, EDGAR submissions,
filing indexes and documents), served by a loopback HTTP server this module starts and stops,
and fetched by the real nightly flow with the real connectors into a storage root of its own.
The run ends with deals and loops like any other; the demo then writes the HTML report and
prints the loops.
"""

from __future__ import annotations

import html
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

CORPUS = Path(__file__).parent / "demo_corpus" / "articles.jsonl"
BLUESKY_HANDLE = "dealwatch.demo.bsky.social"
EDGAR_CIK = "0001769628"  # CoreWeave, the filer of the corpus's 8-K excerpts
EDGAR_COMPANY = "CoreWeave, Inc."
ROBOTS = "User-agent: *\nAllow: /\n"

Routes = dict[str, tuple[str, bytes]]


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The demo articles, one dict per JSON line."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _slug(article: dict[str, Any]) -> str:
    return article["id"].split("-", 1)[-1]


def _paragraphs(article: dict[str, Any]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n\n"))


def _cnbc_page(article: dict[str, Any], url: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": article["title"], "datePublished": article["published_at"],
          "author": [{"@type": "Person", "name": "Demo Reporter"}], "url": url}
    return (f'<!DOCTYPE html><html lang="{article["lang"]}"><head><meta charset="utf-8">'
            f'<title>{html.escape(article["title"])}</title>'
            f'<meta property="og:type" content="article"><meta property="og:url" content="{url}">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            f'<h1 class="ArticleHeader-headline">{html.escape(article["title"])}</h1>'
            f'<div class="ArticleBody-articleBody"><div class="group">{_paragraphs(article)}'
            "</div></div></body></html>")


def _info_page(article: dict[str, Any], url: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": article["title"], "datePublished": article["published_at"],
          "isAccessibleForFree": "True", "mainEntityOfPage": url,
          "author": [{"@type": "Person", "name": "Demo Reporter"}]}
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{html.escape(article["title"])}</title>'
            f'<meta property="og:type" content="article"><meta property="og:url" content="{url}">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            f'<h1>{html.escape(article["title"])}</h1>'
            f'<div class="article-body">{_paragraphs(article)}</div></body></html>')


def _edgar_document(article: dict[str, Any]) -> str:
    return (f"<html><head><title>{EDGAR_COMPANY} 8-K</title></head><body>"
            "<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>"
            f"<p>{EDGAR_COMPANY.upper()}</p><p>(Exact name of registrant as specified in its "
            f"charter)</p>{_paragraphs(article)}<p>SIGNATURES</p></body></html>")


def build_routes(articles: list[dict[str, Any]], base: str) -> Routes:
    """Every path the demo site answers, with its content type and body."""
    routes: Routes = {"/robots.txt": ("text/plain", ROBOTS.encode())}
    cnbc_items, info_entries, posts, filings = [], [], [], []
    for article in articles:
        published = datetime.fromisoformat(article["published_at"])
        source = article["source"]
        if source == "cnbc":
            path = f"/cnbc/{published:%Y/%m/%d}/{_slug(article)}.html"
            routes[path] = ("text/html; charset=utf-8",
                            _cnbc_page(article, base + path).encode())
            cnbc_items.append(f"<item><link>{base}{path}</link><title>"
                              f"{html.escape(article['title'])}</title><pubDate>"
                              f"{format_datetime(published)}</pubDate></item>")
        elif source == "the_information":
            path = f"/articles/{_slug(article)}"  # its parser keys items by this path
            routes[path] = ("text/html; charset=utf-8",
                            _info_page(article, base + path).encode())
            info_entries.append(
                f"<entry><id>tag:demo,2025:{article['id']}</id><published>"
                f"{article['published_at']}</published><updated>{article['published_at']}"
                f'</updated><link rel="alternate" type="text/html" href="{base}{path}"/>'
                f"<title>{html.escape(article['title'])}</title></entry>")
        elif source == "bluesky":
            rkey = "3l" + _slug(article).replace("-", "")[:11]
            did = "did:plc:dealwatchdemo"
            stamp = published.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            posts.append({"post": {
                "uri": f"at://{did}/app.bsky.feed.post/{rkey}", "cid": f"bafy{rkey}",
                "author": {"did": did, "handle": BLUESKY_HANDLE},
                "record": {"$type": "app.bsky.feed.post", "text": article["text"],
                           "createdAt": stamp, "langs": [article["lang"]]},
                "indexedAt": stamp}})
        elif source == "edgar":
            filings.append((article, published))
    routes["/cnbc/rss.xml"] = ("application/rss+xml", (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Demo'
        f"</title>{''.join(cnbc_items)}</channel></rss>").encode())
    routes["/feed"] = ("application/atom+xml", (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>tag:demo</id><title>Demo</title>{''.join(info_entries)}</feed>").encode())
    routes["/bsky/xrpc/app.bsky.feed.getAuthorFeed"] = (
        "application/json", json.dumps({"feed": posts}).encode())
    routes.update(_edgar_routes(filings))
    return routes


def _edgar_routes(filings: list[tuple[dict[str, Any], datetime]]) -> Routes:
    routes: Routes = {}
    accessions = [f"0001769628-25-{index:06d}" for index in range(1, len(filings) + 1)]
    recent = {"accessionNumber": accessions,
              "filingDate": [f"{published:%Y-%m-%d}" for _, published in filings],
              "form": ["8-K"] * len(filings), "items": ["1.01"] * len(filings),
              "primaryDocument": [f"crwv-8k-{a[-6:]}.htm" for a in accessions]}
    routes[f"/edgar/submissions/CIK{EDGAR_CIK}.json"] = ("application/json", json.dumps(
        {"cik": EDGAR_CIK, "name": EDGAR_COMPANY,
         "filings": {"recent": recent, "files": []}}).encode())
    for (article, _), accession in zip(filings, accessions, strict=True):
        folder = f"/edgar/Archives/edgar/data/{int(EDGAR_CIK)}/{accession.replace('-', '')}"
        name = f"crwv-8k-{accession[-6:]}.htm"
        routes[f"{folder}/index.json"] = ("application/json", json.dumps(
            {"directory": {"item": [{"name": name}, {"name": f"{accession}-index.html"}]}})
            .encode())
        routes[f"{folder}/{name}"] = ("text/html", _edgar_document(article).encode())
    return routes


def _handler(routes: Routes) -> type[BaseHTTPRequestHandler]:
    class DemoHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            found = routes.get(urlsplit(self.path).path)
            content_type, body = found or ("text/plain", b"not found")
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            log.debug("demo site: " + format, *args)

    return DemoHandler


# Documents are keyed by their URL, so the demo site keeps one port: a rerun then finds the
# same documents and changes nothing. When the port is taken, any free one is used (a rerun on
# another port adds the corpus again under new URLs).
DEMO_PORT = 18765


@contextmanager
def demo_site(articles: list[dict[str, Any]], port: int = DEMO_PORT) -> Iterator[str]:
    """Serve the corpus on loopback for the duration (on `port` when it is free); yields the
    base URL."""
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler({}))
    except OSError:
        log.warning("demo port %d is taken; serving on a free port instead", port)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler({}))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.RequestHandlerClass = _handler(build_routes(articles, base))
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def demo_environment(base: str, data_dir: Path) -> dict[str, str]:
    """The settings that point every source at the demo site and the lake at `data_dir`."""
    here = '["127.0.0.1"]'
    return {
        "CIRCULARITY_DATA_DIR": str(data_dir),
        "CIRCULARITY_HTTP__CONTACT_EMAIL": "demo@example.org",
        "CIRCULARITY_HTTP__RATE_LIMITS": '{"127.0.0.1": 100.0}',
        "CIRCULARITY_CNBC__FEEDS": json.dumps([f"{base}/cnbc/rss.xml"]),
        "CIRCULARITY_CNBC__ALLOWED_HOSTS": here,
        "CIRCULARITY_THE_INFORMATION__FEED": f"{base}/feed",
        "CIRCULARITY_THE_INFORMATION__ALLOWED_HOSTS": here,
        "CIRCULARITY_BLUESKY__APPVIEW_URL": f"{base}/bsky",
        "CIRCULARITY_BLUESKY__PDS_URL": f"{base}/bsky",
        "CIRCULARITY_BLUESKY__AUTHORS": json.dumps([BLUESKY_HANDLE]),
        "CIRCULARITY_BLUESKY__ALLOWED_HOSTS": here,
        "CIRCULARITY_EDGAR__DATA_URL": f"{base}/edgar",
        "CIRCULARITY_EDGAR__EFTS_URL": f"{base}/edgar",
        "CIRCULARITY_EDGAR__ARCHIVES_URL": f"{base}/edgar",
        "CIRCULARITY_EDGAR__CIKS": json.dumps([EDGAR_CIK]),
        "CIRCULARITY_EDGAR__SEARCH_PHRASES": "[]",
        "CIRCULARITY_EDGAR__ALLOWED_HOSTS": here,
        "CIRCULARITY_DETECT__INCLUDE_RUMORED": "false",
    }


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the duration, then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
