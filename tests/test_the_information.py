"""The Information connector: URL keys, Atom feed, discovery over real loopback HTTP, challenge
pages, article pages with and without a subscriber session, and the real captured page head.

Fixtures under tests/fixtures/the_information/ are hand-made, modelled on the real feed and page
head; the expected values below are what those files say (written by hand from the files, not
copied from the code's output).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract import the_information as ti
from extract.errors import (
    ChallengePage,
    ConfigurationError,
    HttpStatusError,
    LayoutChanged,
    MalformedInput,
)
from records import FetchedResponse
from records.ids import stable_id
from tests.loopback import USER_AGENT, Arrivals

FIXTURES = Path(__file__).parent / "fixtures" / "the_information"
REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "the_information"

SITE = "https://www.theinformation.com"
FEED_URL = f"{SITE}/feed"
ORACLE = f"{SITE}/articles/oracle-openai-stargate-abilene-lease"
COREWEAVE = f"{SITE}/briefings/coreweave-signs-14-billion-meta-deal"
NVIDIA = f"{SITE}/newsletters/ai-agenda/nvidia-backstop-lambda-cloud"
OPENAI = f"{SITE}/articles/openais-next-round"
MICROSOFT = f"{SITE}/articles/microsoft-nebius-capacity-deal"
AMD = f"{SITE}/briefings/amd-openai-warrant-tranche"
FEED_ITEMS = [ORACLE, COREWEAVE, NVIDIA, OPENAI, MICROSOFT, AMD]

ORACLE_INTRO = (
    "Oracle has agreed to rent OpenAI about 4.5 gigawatts of data center capacity, a deal worth "
    "roughly $30 billion a year, according to two people with direct knowledge of the agreement."
)
ORACLE_DESCRIPTION = (
    "Oracle will rent OpenAI about 4.5 gigawatts of data center capacity for roughly $30 billion "
    "a year."
)
ORACLE_FULL_TEXT = [
    ORACLE_INTRO,
    "The contract, signed in June, runs for five years and starts in fiscal 2028, one of the "
    "people said.",
    "To build the capacity, Oracle plans to buy Nvidia chips worth about $40 billion, the "
    "people said.",
    "Paying for it",
    "Oracle has raised $18 billion in bonds this year to fund the buildout.",
    "OpenAI pays Oracle about $30 billion a year.",
    "Oracle pays Nvidia about $40 billion for chips.",
]
SESSION_COOKIE = "tinfo_session=s3cr3t-subscriber-token; tinfo_uid=4242"
ROBOTS = "User-agent: *\nDisallow: /account\n"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --------------------------------------------------------------------------- URLs, session


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (ORACLE + "?rc=abc", ORACLE),
        (ORACLE + "?utm_source=rss&utm_medium=feed", ORACLE),
        (ORACLE + "#comments", ORACLE),
        ("http://WWW.TheInformation.COM/articles/oracle-openai-stargate-abilene-lease", ORACLE),
        ("  " + ORACLE + "?rc=zjctrx#x ", ORACLE),
        (SITE, SITE + "/"),
    ],
)
def test_canonical_url_drops_cache_busters_and_normalises(url: str, expected: str) -> None:
    assert ti.canonical_url(url) == expected
    assert ti.canonical_url(expected) == expected


def test_canonical_url_keeps_path_case_and_refuses_relative_urls() -> None:
    assert ti.canonical_url(f"{SITE}/articles/AbC") == f"{SITE}/articles/AbC"
    with pytest.raises(ValueError):
        ti.canonical_url("/articles/oracle-openai-stargate-abilene-lease")


def test_session_headers_build_the_cookie_header_or_none() -> None:
    assert ti.session_headers(SESSION_COOKIE) == {"Cookie": SESSION_COOKIE}
    assert ti.session_headers("  " + SESSION_COOKIE + "\n") == {"Cookie": SESSION_COOKIE}
    assert ti.session_headers(None) is None
    assert ti.session_headers("   ") is None


@pytest.mark.parametrize("bad", ["tinfo_session=abc\r\nX-Evil: 1", "justatoken"])
def test_session_headers_refuse_unusable_values_without_quoting_them(bad: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        ti.session_headers(bad)
    assert "abc" not in str(caught.value) and "justatoken" not in str(caught.value)


# --------------------------------------------------------------------------- feed


def test_parse_feed_refs_in_order_each_item_once() -> None:
    refs = ti.parse_feed(fixture("feed.xml"), FEED_URL)
    assert [r.canonical_url for r in refs] == FEED_ITEMS
    # fetched without referral codes (the OpenAI link carries ?rc=9byxri)
    assert [r.url for r in refs] == FEED_ITEMS
    assert {r.source for r in refs} == {"the_information"}
    assert {r.discovered_via for r in refs} == {FEED_URL}
    oracle, coreweave, nvidia, _openai, microsoft, amd = refs
    # The first spelling wins: not the "(restamped)", "(new slug)" or "(cache-buster)" copies.
    assert oracle.title_hint == "Oracle’s $30 Billion-a-Year Bet on OpenAI"
    assert coreweave.title_hint == "CoreWeave Signs $14 Billion Meta Deal"
    assert nvidia.title_hint == "Nvidia’s Backstop for Lambda"
    # `published`, not the restamped `updated`; -04:00 converted to UTC
    assert oracle.published_hint == datetime(2026, 9, 25, 13, 0, 12, tzinfo=UTC)
    assert nvidia.published_hint == datetime(2026, 9, 22, 13, 15, tzinfo=UTC)
    # no `published`: the `updated` value; neither: None
    assert microsoft.published_hint == datetime(2026, 9, 20, 16, 45, tzinfo=UTC)
    assert amd.published_hint is None


def test_feed_entries_keep_ids_kinds_teasers_and_authors() -> None:
    entries = ti.parse_feed_entries(fixture("feed.xml"), FEED_URL)
    assert [e.kind for e in entries] == [
        "article", "briefing", "newsletter", "article", "article", "briefing"]
    assert [e.entry_id for e in entries][:3] == [
        "tag:www.theinformation.com,2005:Article/17801",
        "tag:www.theinformation.com,2005:Briefing/18120",
        "tag:www.theinformation.com,2005:Article/17799",
    ]
    oracle = entries[0]
    assert paragraphs(oracle.teaser_text) == [
        "Oracle has agreed to rent OpenAI about 4.5 gigawatts of data center capacity, a deal "
        "worth roughly $30 billion a year, as we first reported.",
        "To pay for the buildout, Oracle is leaning on debt & on chips it buys from Nvidia.",
    ]
    assert oracle.url == ORACLE and oracle.authors == ("Dana Whitfield", "Rohan Mehta")
    assert entries[3].url == OPENAI + "?rc=9byxri"  # the entry keeps the link as written
    assert oracle.updated == datetime(2026, 9, 26, 1, 2, 39, tzinfo=UTC)
    assert paragraphs(entries[1].teaser_text) == [  # CDATA HTML with a list
        "CoreWeave said it signed a $14 billion contract to supply Meta with computing capacity "
        "through 2031.",
        "The deal includes an option to expand.",
    ]
    microsoft, amd = entries[4], entries[5]
    assert microsoft.title == "Microsoft & Nebius Expand Their Capacity Deal"  # type="html" title
    assert microsoft.teaser_text == "Microsoft will pay Nebius for more GPU capacity."  # summary
    assert amd.teaser_text == "The first tranche of the AMD warrant has vested."  # xhtml content
    assert "<" not in " ".join(e.teaser_text for e in entries)


def test_feed_skips_other_pages_hosts_and_linkless_entries() -> None:
    entries = ti.parse_feed_entries(fixture("feed.xml"), FEED_URL)
    urls = " ".join(e.url for e in entries)
    assert "/podcasts/" not in urls
    assert "herokuapp" not in urls
    assert "unrelated-related-link" not in urls  # rel="related" is not the entry's link
    assert "An entry without a link" not in {e.title for e in entries}
    ids = [e.entry_id for e in entries]
    assert len(ids) == len(set(ids))


def test_feed_item_hosts_come_from_the_argument() -> None:
    body = fixture("feed.xml")
    assert len(ti.parse_feed(body, FEED_URL, article_hosts=["theinformation.com"])) == 6
    assert ti.parse_feed(body, FEED_URL, article_hosts=["example.com"]) == []


@pytest.mark.parametrize(
    "name", ["feed_billion_laughs.xml", "feed_external_entity.xml", "feed_broken.xml"])
def test_hostile_or_broken_feeds_raise_malformed_input(name: str) -> None:
    with pytest.raises(MalformedInput) as caught:
        ti.parse_feed(fixture(name), FEED_URL)
    assert caught.value.url == FEED_URL
    assert "root:" not in str(caught.value)  # /etc/passwd was never read


def test_hostile_feed_message_names_the_reason() -> None:
    with pytest.raises(MalformedInput, match="hostile feed refused"):
        ti.parse_feed(fixture("feed_billion_laughs.xml"), FEED_URL)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>not a feed</body></html>",
        b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
        b'{"entries": []}',
    ],
)
def test_non_atom_bodies_raise_malformed_input(body: bytes) -> None:
    with pytest.raises(MalformedInput):
        ti.parse_feed(body, FEED_URL)


def test_challenge_page_instead_of_the_feed_is_transient() -> None:
    with pytest.raises(ChallengePage) as caught:
        ti.parse_feed(fixture("challenge.html"), FEED_URL)
    assert caught.value.transient is True and caught.value.url == FEED_URL


# --------------------------------------------------------------------------- challenge pages


def test_challenge_page_is_recognised() -> None:
    assert ti.is_challenge_page(fixture("challenge.html"))
    retitled = fixture("challenge.html").replace(b"Just a moment...", b"www.theinformation.com")
    assert ti.is_challenge_page(retitled)  # the challenge script alone gives it away
    assert ti.is_challenge_page(b"<html><head><title> just a moment... </title></head></html>")
    assert ti.is_challenge_page(b"<html></html>", headers={"CF-Mitigated": "challenge"})


def test_article_loading_cloudflare_scripts_is_no_challenge() -> None:
    page = fixture("article_full.html")
    assert b"/cdn-cgi/challenge-platform/" in page  # the beacon every Cloudflare page loads
    assert not ti.is_challenge_page(page)
    assert not ti.is_challenge_page(fixture("article_teaser.html"), headers={"cf-ray": "8c1f"})
    # A page that lost its JSON-LD is a layout change to report, not a challenge to retry.
    no_ld = re.sub(rb'<script type="application/ld\+json">.*?</script>', b"", page, flags=re.S)
    assert not ti.is_challenge_page(no_ld)
    with pytest.raises(LayoutChanged):
        ti.parse_article(re.sub(rb"<title>.*?</title>|<meta property=\"og:title\"[^>]*>", b"",
                                no_ld), ORACLE, "r")


def test_challenge_page_is_never_parsed_as_an_article() -> None:
    with pytest.raises(ChallengePage) as caught:
        ti.parse_article(fixture("challenge.html"), ORACLE, "raw-c")
    assert caught.value.transient is True
    assert caught.value.url == ORACLE


# --------------------------------------------------------------------------- article pages


def test_subscriber_page_fields() -> None:
    doc = ti.parse_article(fixture("article_full.html"), ORACLE + "?rc=zjctrx", "raw-1")
    assert doc.doc_id == stable_id("the_information", ORACLE)
    assert doc.canonical_url == ORACLE and doc.url == ORACLE + "?rc=zjctrx"
    assert doc.source == "the_information" and doc.raw_id == "raw-1"
    assert doc.parser_version == "the_information-1" and doc.lang == "en"
    assert doc.title == "Oracle’s $30 Billion-a-Year Bet on OpenAI"  # JSON-LD, not og:title
    assert doc.published_at == datetime(2026, 9, 25, 13, 0, 12, tzinfo=UTC)  # 09:00:12-04:00
    assert doc.authors == ["Dana Whitfield", "Rohan Mehta"]
    assert doc.doc_type == "article" and doc.section == "Exclusive"
    assert doc.summary == ORACLE_DESCRIPTION
    # Corporation/Organization entries of about + mentions; Thing and Person entries are not.
    assert doc.tickers == ["ORCL", "NVDA"]  # "NASDAQ:NVDA" without the exchange
    assert doc.entity_hints == ["oracle", "openai", "nvidia"]
    assert doc.paywalled is False
    meta = doc.metadata
    assert meta["kind"] == "article" and meta["section"] == "Exclusive"
    assert meta["is_accessible_for_free"] is False  # the string "False" on the page
    assert meta["has_full_text"] is True
    assert {"name": "openai", "ticker": None, "role": "about"} in meta["organizations"]
    json.dumps(meta)


def test_subscriber_page_text_is_the_body_without_widgets() -> None:
    doc = ti.parse_article(fixture("article_full.html"), ORACLE, "raw-1")
    assert paragraphs(doc.text) == ORACLE_FULL_TEXT
    for widget in ["Example Images", "Related:", "Sign up for AI Agenda", "Gift this article",
                   "Share", "My account", "2026 The Information"]:
        assert widget not in doc.text


def test_page_without_subscriber_session_keeps_only_the_teaser() -> None:
    doc = ti.parse_article(fixture("article_teaser.html"), ORACLE, "raw-2")
    assert doc.paywalled is True
    assert paragraphs(doc.text) == [ORACLE_DESCRIPTION, ORACLE_INTRO]
    assert doc.metadata["has_full_text"] is False
    assert doc.title == "Oracle’s $30 Billion-a-Year Bet on OpenAI"
    assert doc.tickers == ["ORCL", "NVDA"]
    assert "subscribe" not in doc.text.lower()


def test_body_behind_a_paywall_prompt_is_not_read() -> None:
    # A page showing the paywall prompt was not served to a subscriber, even if it holds text.
    hidden = fixture("article_teaser.html").replace(
        b'<div class="paywall-gate">',
        b'<div class="seo-paywall-content"><p>HIDDEN BODY TEXT</p></div>\n'
        b'<div class="paywall-gate">')
    doc = ti.parse_article(hidden, ORACLE, "raw-3")
    assert doc.paywalled is True and doc.metadata["paywall_prompt"] is True
    assert "HIDDEN BODY TEXT" not in json.dumps(doc.to_row(), default=str)


def test_free_briefing_from_a_saved_file() -> None:
    doc = ti.parse_article(fixture("briefing_free.html"), "/tmp/saved/briefing.html", "raw-4")
    # Keyed by the JSON-LD mainEntityOfPage path (inside an @graph): no og:url on this page.
    assert doc.canonical_url == COREWEAVE and doc.url == COREWEAVE
    assert doc.doc_id == stable_id("the_information", COREWEAVE)
    assert doc.doc_type == "briefing" and doc.metadata["kind"] == "briefing"
    assert doc.paywalled is False and doc.metadata["is_accessible_for_free"] is True
    assert paragraphs(doc.text) == [
        "CoreWeave said it signed a $14 billion contract to supply Meta with computing capacity "
        "through 2031.",
        "The deal includes an option to expand, the company said.",
    ]
    assert doc.authors == ["Priya Raman"] and doc.section == "Briefing"
    assert doc.tickers == ["CRWV", "META"]  # "not a ticker!" is dropped, its name kept
    assert doc.entity_hints == ["coreweave", "meta", "odd ticker co"]


def test_title_falls_back_to_og_title_then_title_tag() -> None:
    html = fixture("article_teaser.html").decode()
    no_ld = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    doc = ti.parse_article(no_ld.encode(), ORACLE, "r")
    assert doc.title == "Oracle Bets $30 Billion a Year on OpenAI"  # og:title
    assert doc.summary == "Meta description that loses to the JSON-LD description."
    assert doc.paywalled is True  # no JSON-LD: nothing says the page is free
    bare = re.sub(r'<meta property="og:title"[^>]*>', "", no_ld)
    assert ti.parse_article(bare.encode(), ORACLE, "r").title == (
        "Oracle’s $30 Billion-a-Year Bet on OpenAI")  # <title> without " — The Information"


def test_page_without_any_title_raises_layout_changed() -> None:
    body = b"<!DOCTYPE html><html><head></head><body><div><p>Hi</p></div></body></html>"
    with pytest.raises(LayoutChanged, match="no title") as caught:
        ti.parse_article(body, ORACLE, "r")
    assert caught.value.url == ORACLE


def test_free_article_without_a_body_raises_layout_changed() -> None:
    html = fixture("briefing_free.html").replace(b'class="article-body"', b'class="story-v2"')
    with pytest.raises(LayoutChanged, match="div.seo-paywall-content"):
        ti.parse_article(html, COREWEAVE, "r")


@pytest.mark.parametrize("body", [b"", b"  \n ", b'{"headline": "x"}', b"%PDF-1.7\n\x00\x01"])
def test_non_html_bodies_raise_malformed_input(body: bytes) -> None:
    with pytest.raises(MalformedInput):
        ti.parse_article(body, ORACLE, "r")


# --------------------------------------------------------------------------- the real page head


@pytest.fixture(scope="module")
def real_page() -> bytes:
    path = REAL / "article_jsonld.html"
    if not path.is_file():
        pytest.skip("shared real fixtures not available")
    return path.read_bytes()


def test_real_page_head(real_page: bytes) -> None:
    url = f"{SITE}/newsletters/the-briefing/metas-mongodb-ceo-poach"
    doc = ti.parse_article(real_page, url, "raw-real")
    assert doc.title == "Meta’s MongoDB CEO Poach"
    assert doc.published_at == datetime(2026, 9, 29, 0, 1, 13, tzinfo=UTC)
    assert doc.authors == ["Martin Peers"]
    assert doc.tickers == ["META", "MDB"]
    assert doc.entity_hints == ["meta", "mongodb"]  # not the "Thing" entries
    assert doc.paywalled is True and doc.metadata["has_full_text"] is False
    assert doc.metadata["is_accessible_for_free"] is False
    assert doc.section == "The Briefing"
    assert doc.metadata["kind"] == "newsletter" and doc.doc_type == "article"
    assert doc.metadata["newsletter"] == "the-briefing"
    assert not ti.is_challenge_page(real_page)
    # Read from a saved file, the page is keyed by its own mainEntityOfPage path.
    saved = ti.parse_article(real_page, "/tmp/article_jsonld.html", "raw-real")
    assert saved.canonical_url == url and saved.doc_id == doc.doc_id


# --------------------------------------------------------------------------- over loopback HTTP


@pytest.fixture
def server(module_loopback_server: HTTPServer) -> Iterator[HTTPServer]:
    module_loopback_server.expect_request("/robots.txt").respond_with_data(ROBOTS,
                                                                  content_type="text/plain")
    yield module_loopback_server
    module_loopback_server.clear()


HOSTS = ("127.0.0.1", "theinformation.com")  # the feed is on loopback, its items on the site


def test_discover_over_http_with_robots(server: HTTPServer, make_client) -> None:
    arrivals = Arrivals()

    def feed(request: Request) -> Response:
        arrivals.add(request)
        return Response(fixture("feed.xml"), 200, content_type="application/atom+xml")

    server.expect_request("/feed").respond_with_handler(feed)
    feed_url = server.url_for("/feed")
    result = ti.discover(make_client(), feed_url, allowed_hosts=HOSTS, since=None)
    assert result.failures == []
    assert [r.canonical_url for r in result.refs] == FEED_ITEMS
    assert {r.discovered_via for r in result.refs} == {feed_url}
    assert [e.canonical_url for e in result.entries] == FEED_ITEMS
    assert result.entries[2].teaser_text == "Nvidia agreed to rent back servers it sold to Lambda."
    assert [request.path for request, _ in server.log] == ["/robots.txt", "/feed"]
    assert arrivals.headers("/feed")[0]["User-Agent"] == USER_AGENT


def test_discover_waits_out_a_429_with_retry_after(server: HTTPServer, make_client) -> None:
    arrivals = Arrivals()

    def feed(request: Request) -> Response:
        arrivals.add(request)
        if len(arrivals.paths()) == 1:
            return Response("slow down", 429, {"Retry-After": "1"})
        return Response(fixture("feed.xml"), 200, content_type="application/atom+xml")

    server.expect_request("/feed").respond_with_handler(feed)
    result = ti.discover(make_client(), server.url_for("/feed"), allowed_hosts=HOSTS,
                         since=None)
    assert result.failures == [] and len(result.refs) == 6
    times = arrivals.times()
    assert len(times) == 2
    assert times[1] - times[0] >= 0.9


def test_discover_since_keeps_a_two_day_overlap_and_undated_items(
    server: HTTPServer, make_client
) -> None:
    server.expect_request("/feed").respond_with_data(fixture("feed.xml"))
    since = datetime(2026, 9, 24, tzinfo=UTC)  # cutoff 2026-09-22 00:00 UTC
    result = ti.discover(make_client(), server.url_for("/feed"), allowed_hosts=HOSTS,
                         since=since)
    assert [r.canonical_url for r in result.refs] == [ORACLE, COREWEAVE, NVIDIA, AMD]
    assert [e.canonical_url for e in result.entries] == [ORACLE, COREWEAVE, NVIDIA, AMD]


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (404, b"not found", HttpStatusError),
        (200, fixture("feed_billion_laughs.xml"), MalformedInput),
        (200, fixture("challenge.html"), ChallengePage),
    ],
)
def test_discover_records_a_failing_feed_instead_of_raising(
    server: HTTPServer, make_client, status: int, body: bytes, error: type[Exception]
) -> None:
    server.expect_request("/feed").respond_with_data(body, status=status)
    feed_url = server.url_for("/feed")
    result = ti.discover(make_client(), feed_url, allowed_hosts=HOSTS, since=None)
    assert result.refs == []
    [(url, exc)] = result.failures
    assert url == feed_url and isinstance(exc, error)
    assert exc.transient is (error is ChallengePage)


def test_discover_challenge_header_is_a_transient_failure(server: HTTPServer, make_client) -> None:
    server.expect_request("/feed").respond_with_data(
        b"<html><body>checking</body></html>", headers={"cf-mitigated": "challenge"})
    result = ti.discover(make_client(), server.url_for("/feed"), allowed_hosts=HOSTS, since=None)
    [(_, exc)] = result.failures
    assert isinstance(exc, ChallengePage) and exc.transient


class NotModifiedClient:
    def get(self, url: str, *, allowed_hosts: Collection[str]) -> FetchedResponse:
        return FetchedResponse(url=url, final_url=url, status=304, headers={}, body=b"",
                               fetched_at=datetime(2026, 9, 26, tzinfo=UTC), not_modified=True)


def test_discover_argument_checks_and_not_modified_feed() -> None:
    result = ti.discover(NotModifiedClient(), FEED_URL, allowed_hosts=HOSTS, since=None)
    assert result.refs == [] and result.failures == []
    with pytest.raises(ValueError):
        ti.discover(NotModifiedClient(), FEED_URL, allowed_hosts=HOSTS,
                    since=datetime(2026, 9, 24))
    with pytest.raises(ConfigurationError):
        ti.discover(NotModifiedClient(), "", allowed_hosts=HOSTS, since=None)
    with pytest.raises(ConfigurationError):
        ti.discover(NotModifiedClient(), FEED_URL, allowed_hosts=(), since=None)


def test_full_text_only_with_the_subscriber_cookie(
    server: HTTPServer, make_client, caplog: pytest.LogCaptureFixture
) -> None:
    """The site decides from the session cookie which page to serve; the parser follows."""
    arrivals = Arrivals()

    def article(request: Request) -> Response:
        arrivals.add(request)
        subscriber = request.cookies.get("tinfo_session") == "s3cr3t-subscriber-token"
        page = fixture("article_full.html" if subscriber else "article_teaser.html")
        return Response(page, 200, content_type="text/html; charset=utf-8")

    path = "/articles/oracle-openai-stargate-abilene-lease"
    server.expect_request(path).respond_with_handler(article)
    client = make_client()
    caplog.set_level(logging.DEBUG)

    with_cookie = client.get(server.url_for(path), allowed_hosts=HOSTS,
                             headers=ti.session_headers(SESSION_COOKIE))
    assert arrivals.headers(path)[-1].get("Cookie") == SESSION_COOKIE
    doc = ti.parse_article(with_cookie.body, with_cookie.final_url, "raw-sub")
    assert paragraphs(doc.text) == ORACLE_FULL_TEXT
    assert doc.paywalled is False and doc.canonical_url == ORACLE

    without = client.get(server.url_for(path), allowed_hosts=HOSTS,
                         headers=ti.session_headers(None))
    assert "Cookie" not in arrivals.headers(path)[-1]
    teaser = ti.parse_article(without.body, without.final_url, "raw-pub")
    assert teaser.paywalled is True
    assert paragraphs(teaser.text) == [ORACLE_DESCRIPTION, ORACLE_INTRO]
    assert teaser.doc_id == doc.doc_id

    assert "s3cr3t" not in caplog.text


def test_the_homepage_fetched_at_an_article_url_is_refused_not_stored() -> None:
    """A homepage (og:type website, an Organization in JSON-LD, no article body) is not an
    article: refused with the reason, never a document titled "The Information"."""
    from extract.errors import NotAnArticle

    url = "https://www.theinformation.com/articles/openai-weighs-new-chip-deal"
    with pytest.raises(NotAnArticle, match="not an article page"):
        ti.parse_article(fixture("homepage.html"), url, "raw-home")


def test_the_document_records_which_body_container_it_read() -> None:
    url = "https://www.theinformation.com/articles/some-article"
    full = ti.parse_article(fixture("article_full.html"), url, "raw-f")
    teaser = ti.parse_article(fixture("article_teaser.html"), url, "raw-t")
    assert full.metadata["body_selector"] in ti.pages._SEL["page"]["body"]["containers"]
    assert teaser.metadata["body_selector"] is None and teaser.paywalled
