"""Sitemaps: the sitemaps.org parser, The Information's sitemap walk over loopback HTTP, and a
The Information backfill window read from a loopback sitemap index through the real flow.

The sitemap bodies below are written by hand in the public protocol's shape (sitemaps.org 0.9:
`urlset`/`url`/`loc`/`lastmod`, `sitemapindex`/`sitemap`; the Google News extension's
`news:publication_date`), the way theinformation.com/sitemap-articles.xml publishes its items.
"""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime

import pytest
from pytest_httpserver import HTTPServer

from extract.errors import LayoutChanged, MalformedInput
from extract.markup.sitemap_xml import parse_sitemap, w3c_datetime
from extract.the_information.sitemap import walk_sitemap
from flows.app_settings import load_settings
from flows.backfill_flow import backfill
from flows.runtime import build_lake
from tests.flow_env import apply_env, flow_env
from tests.four_sites import ROBOTS, InfoArticle, info_article_page

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def urlset(items: list[tuple[str, str | None]]) -> str:
    """A urlset of (loc, lastmod or None)."""
    rows = "".join(f"<url><loc>{loc}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "")
                   + "</url>" for loc, mod in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{rows}</urlset>'


def sitemap_index(items: list[tuple[str, str | None]]) -> str:
    """A sitemapindex of (child sitemap loc, lastmod or None)."""
    rows = "".join(f"<sitemap><loc>{loc}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "")
                   + "</sitemap>" for loc, mod in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex {NS}>{rows}</sitemapindex>'


# --------------------------------------------------------------------------- parser


def test_a_urlset_gives_each_location_once_with_its_dates() -> None:
    body = urlset([("https://www.theinformation.com/articles/a", "2025-09-22T16:05:00Z"),
                   ("https://www.theinformation.com/articles/b", "2025-09-23"),
                   ("https://www.theinformation.com/articles/a", "2025-09-24T00:00:00Z"),
                   ("https://www.theinformation.com/articles/c", None)]).encode()
    parsed = parse_sitemap(body, "https://x/sitemap.xml")
    assert not parsed.is_index
    assert [(e.loc.rsplit("/", 1)[1], e.lastmod) for e in parsed.entries] == [
        ("a", datetime(2025, 9, 22, 16, 5, tzinfo=UTC)),
        ("b", datetime(2025, 9, 23, tzinfo=UTC)),
        ("c", None)]


def test_a_news_sitemap_states_the_publication_date_and_title() -> None:
    body = (f'<urlset {NS} {NEWS}><url><loc>https://s/articles/x</loc>'
            "<lastmod>2025-10-01T00:00:00Z</lastmod><news:news><news:publication>"
            "<news:name>The Information</news:name></news:publication>"
            "<news:publication_date>2025-09-22T10:00:00-04:00</news:publication_date>"
            "<news:title>Oracle signs a cloud deal</news:title></news:news></url></urlset>")
    [entry] = parse_sitemap(body.encode(), "https://s/news.xml").entries
    assert entry.published == datetime(2025, 9, 22, 14, tzinfo=UTC)
    assert entry.lastmod == datetime(2025, 10, 1, tzinfo=UTC)
    assert entry.title == "Oracle signs a cloud deal"


def test_an_index_and_a_gzip_body_are_read() -> None:
    body = gzip.compress(sitemap_index([("https://s/one.xml", "2025-01-01"),
                                        ("https://s/two.xml", None)]).encode())
    parsed = parse_sitemap(body, "https://s/index.xml.gz")
    assert parsed.is_index and [e.loc for e in parsed.entries] == ["https://s/one.xml",
                                                                    "https://s/two.xml"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-09-22", datetime(2025, 9, 22, tzinfo=UTC)),
    ("2025-09-22T16:05+02:00", datetime(2025, 9, 22, 14, 5, tzinfo=UTC)),
    ("2025-09-22T16:05:00", None),  # no zone: refused, not guessed
    ("yesterday", None), ("", None), (None, None)])
def test_w3c_datetimes(value: str | None, expected: datetime | None) -> None:
    assert w3c_datetime(value) == expected


def test_bad_bodies_are_named() -> None:
    with pytest.raises(LayoutChanged, match="not a sitemap"):
        parse_sitemap(b"<html><body>Moved</body></html>", "https://s/sitemap.xml")
    with pytest.raises(MalformedInput, match="malformed"):
        parse_sitemap(b"<urlset><url><loc>x", "https://s/sitemap.xml")
    with pytest.raises(MalformedInput, match="hostile"):
        parse_sitemap(b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "x">]><urlset/>',
                      "https://s/sitemap.xml")
    with pytest.raises(MalformedInput, match="gzip"):
        parse_sitemap(b"\x1f\x8b\x08\x00broken", "https://s/sitemap.xml.gz")


# --------------------------------------------------------------------------- the walk


def test_the_walk_keeps_items_dated_in_the_window_and_skips_old_children(
        loopback_server: HTTPServer, make_client) -> None:
    base = loopback_server.url_for("").rstrip("/")
    loopback_server.expect_request("/robots.txt").respond_with_data(ROBOTS)
    loopback_server.expect_request("/sitemap-articles.xml").respond_with_data(sitemap_index([
        (f"{base}/sitemap-2024.xml", "2024-12-31T00:00:00Z"),  # before the window: not read
        (f"{base}/sitemap-2025.xml", "2025-10-05T00:00:00Z"),
        (f"{base}/sitemap-broken.xml", None)]))
    loopback_server.expect_request("/sitemap-2025.xml").respond_with_data(urlset([
        (f"{base}/articles/in-window?rc=abc", "2025-09-22T16:00:00Z"),
        (f"{base}/articles/in-window", "2025-09-22T16:00:00Z"),  # the same item, once
        (f"{base}/briefings/also-in-window", "2025-09-23"),
        (f"{base}/articles/after-window", "2025-10-05T00:00:00Z"),
        (f"{base}/articles/before-window", "2025-09-21T23:59:59Z"),
        (f"{base}/articles/undated", None),
        (f"{base}/articles", "2025-09-22T00:00:00Z"),  # a section root, not an item
        ("https://elsewhere.example/articles/x", "2025-09-22T00:00:00Z")]))
    loopback_server.expect_request("/sitemap-broken.xml").respond_with_data("nope", status=404)
    refs, failures = walk_sitemap(make_client(), f"{base}/sitemap-articles.xml",
                                  datetime(2025, 9, 22, tzinfo=UTC),
                                  datetime(2025, 9, 24, tzinfo=UTC),
                                  allowed_hosts=("127.0.0.1",))
    assert [r.url for r in refs] == [f"{base}/articles/in-window",
                                     f"{base}/briefings/also-in-window"]
    assert refs[0].published_hint == datetime(2025, 9, 22, 16, tzinfo=UTC)
    assert {r.discovered_via for r in refs} == {f"{base}/sitemap-2025.xml"}
    assert [url for url, _ in failures] == [f"{base}/sitemap-broken.xml"]
    asked = [entry[0].path for entry in loopback_server.log]
    assert "/sitemap-2024.xml" not in asked


# --------------------------------------------------------------------------- the flow


@pytest.mark.usefixtures("prefect_harness")
def test_a_the_information_window_is_backfilled_from_its_sitemap(
        loopback_server: HTTPServer, monkeypatch, tmp_path) -> None:
    base = loopback_server.url_for("").rstrip("/")
    articles = [
        InfoArticle("oracle-openai-abilene", "Oracle to lease Abilene to OpenAI",
                    datetime(2025, 9, 22, 9, tzinfo=UTC),
                    "OpenAI agreed to pay Oracle $300 billion over five years for compute."),
        InfoArticle("coreweave-meta", "CoreWeave signs Meta",
                    datetime(2025, 9, 24, 9, tzinfo=UTC),
                    "Meta will pay CoreWeave up to $14.2 billion for cloud capacity."),
    ]
    outside = InfoArticle("later", "Later story", datetime(2025, 10, 9, tzinfo=UTC), "Nothing.")
    loopback_server.expect_request("/robots.txt").respond_with_data(ROBOTS)
    loopback_server.expect_request("/sitemap-articles.xml").respond_with_data(urlset(
        [(f"{base}/articles/{a.slug}", f"{a.published:%Y-%m-%dT%H:%M:%SZ}")
         for a in [*articles, outside]]))
    for article in [*articles, outside]:
        loopback_server.expect_request(f"/articles/{article.slug}").respond_with_data(
            info_article_page(article, base), content_type="text/html; charset=utf-8")
    apply_env(monkeypatch, tmp_path, flow_env(
        tmp_path, [f"{base}/rss/unused.xml"], CIRCULARITY_CNBC__ENABLED="false",
        CIRCULARITY_THE_INFORMATION__ENABLED="true",
        CIRCULARITY_THE_INFORMATION__ALLOWED_HOSTS='["127.0.0.1"]',
        CIRCULARITY_THE_INFORMATION__FEED=f"{base}/feed",
        CIRCULARITY_THE_INFORMATION__SITEMAP=f"{base}/sitemap-articles.xml"))
    result = backfill(start=date(2025, 9, 22), end=date(2025, 9, 30),
                      sources=["the_information"], chunk_days=7)
    [info] = result["sources"]
    assert info["status"] == "ok" and info["documents"] == 2
    lake = build_lake(load_settings(data_dir=str(tmp_path / "data")))
    assert set(lake.read("documents")["title"].to_list()) == {a.headline for a in articles}
    asked = [entry[0].path for entry in loopback_server.log]
    assert "/feed" not in asked and "/articles/later" not in asked
    assert asked.count("/sitemap-articles.xml") == 2  # one read per 7-day window
    assert {(d["payer_id"], d["payee_id"]) for d in lake.read("deals").to_dicts()} >= {
        ("openai", "oracle"), ("meta", "coreweave")}
