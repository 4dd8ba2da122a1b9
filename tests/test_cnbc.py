"""CNBC connector, pure parts: URL keys, RSS parsing, discovery over a fake client, articles.

Fixtures under tests/fixtures/cnbc/ are hand-made, modelled on a real CNBC page and feed; the
expected values below are what those files say (written by hand, not copied from the code).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract import cnbc
from extract.errors import LayoutChanged, MalformedInput, ServerBusy, SourceError
from extract.markup.selectors import load_selectors
from records import FetchedResponse
from records.ids import stable_id

FIXTURES = Path(__file__).parent / "fixtures" / "cnbc"
REAL_CNBC = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "cnbc"

NVIDIA_URL = "https://www.cnbc.com/2025/09/22/nvidia-to-invest-up-to-100-billion-in-openai.html"
TECH_FEED = "https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id=19854910"
FINANCE_FEED = "https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id=10000664"
ALLOWED = frozenset({"search.cnbc.com", "www.cnbc.com"})

NVIDIA_BODY = [
    "Nvidia said on Monday that it will invest up to $100 billion in OpenAI, the maker of ChatGPT.",
    "The money comes in tranches: Nvidia puts in $10 billion as each gigawatt of capacity is "
    "deployed, the companies said.",
    '"This is the biggest AI infrastructure project in history," the CEO said.',
    "OpenAI will use the money to build data centers filled with Nvidia systems.",
    "The first gigawatt is expected to come online in the second half of 2026.",
    "Circular financing concerns",
    "Analysts said the arrangement sends money in a loop: Nvidia invests in OpenAI, which spends "
    "it on Nvidia chips.",
    "The deal terms, as described by the companies:",
    "Up to $100 billion of Nvidia equity investment.",
    "At least 10 gigawatts of Nvidia systems for OpenAI.",
    "Shares of Nvidia rose almost 4% on the news.",
]
NVIDIA_KEY_POINTS = [
    "Nvidia will invest up to $100 billion in OpenAI, starting with $10 billion when the first "
    "gigawatt comes online.",
    "OpenAI will deploy at least 10 gigawatts of Nvidia systems, which means much of the money "
    "flows back to Nvidia.",
]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --------------------------------------------------------------------------- selectors, URLs


def test_load_selectors_reads_the_packaged_toml_and_returns_independent_copies() -> None:
    first = load_selectors("cnbc")
    assert first["page"]["body"]["containers"][0] == "div.ArticleBody-articleBody"
    assert first["s_data"]["marker"] == "window.__s_data="
    first["page"]["body"]["containers"][0] = "changed"
    assert load_selectors("cnbc")["page"]["body"]["containers"][0] == "div.ArticleBody-articleBody"


@pytest.mark.parametrize("name", ["../cnbc", "cnbc.toml", "CNBC", ""])
def test_load_selectors_refuses_names_that_are_not_plain_identifiers(name: str) -> None:
    with pytest.raises(ValueError):
        load_selectors(name)


def test_load_selectors_unknown_site() -> None:
    with pytest.raises(KeyError):
        load_selectors("no_such_site")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (NVIDIA_URL + "?__source=iosappshare%7Ccom.apple.UIKit", NVIDIA_URL),
        (NVIDIA_URL + "#comments", NVIDIA_URL),
        ("http://WWW.CNBC.COM/2025/09/22/nvidia-to-invest-up-to-100-billion-in-openai.html",
         NVIDIA_URL),
        ("  " + NVIDIA_URL + "?a=1&b=2#x  ", NVIDIA_URL),
        ("https://www.cnbc.com", "https://www.cnbc.com/"),
    ],
)
def test_canonical_url_drops_tracking_and_normalises_scheme_and_host(
    url: str, expected: str
) -> None:
    assert cnbc.canonical_url(url) == expected
    assert cnbc.canonical_url(expected) == expected  # idempotent


def test_canonical_url_keeps_path_case() -> None:
    assert cnbc.canonical_url("https://www.cnbc.com/Pro/Story.html") == (
        "https://www.cnbc.com/Pro/Story.html"
    )


def test_canonical_url_refuses_relative_urls() -> None:
    with pytest.raises(ValueError):
        cnbc.canonical_url("/2025/09/22/story.html")


# --------------------------------------------------------------------------- feeds


def test_parse_feed_keeps_article_items_in_order_without_duplicates() -> None:
    refs = cnbc.parse_feed(fixture("feed_technology.xml"), TECH_FEED)
    assert [r.canonical_url for r in refs] == [
        NVIDIA_URL,
        "https://www.cnbc.com/2025/09/19/coreweave-nvidia-capacity-backstop.html",
        "https://www.cnbc.com/2025/09/10/oracle-openai-300-billion-compute-deal.html",
        "https://www.cnbc.com/2025/09/20/lambda-nvidia-leaseback.html",
    ]
    first = refs[0]
    assert first.source == "cnbc"
    assert first.url == NVIDIA_URL  # the first spelling of a duplicated item wins
    assert first.title_hint == "Nvidia to invest up to $100 billion in OpenAI"
    assert first.discovered_via == TECH_FEED
    # "Mon, 22 Sep 2025 12:05:12 -0400" is 16:05:12 UTC
    assert first.published_hint == datetime(2025, 9, 22, 16, 5, 12, tzinfo=UTC)
    assert refs[1].published_hint == datetime(2025, 9, 19, 9, 30, tzinfo=UTC)


def test_parse_feed_skips_videos_other_hosts_and_items_without_links() -> None:
    refs = cnbc.parse_feed(fixture("feed_technology.xml"), TECH_FEED)
    urls = " ".join(r.url for r in refs)
    assert "/video/" not in urls
    assert "nbcnews.com" not in urls
    assert "An item without a link" not in {r.title_hint for r in refs}


def test_parse_feed_strips_link_whitespace_and_tolerates_bad_dates() -> None:
    lambda_ref = cnbc.parse_feed(fixture("feed_technology.xml"), TECH_FEED)[-1]
    assert lambda_ref.url == "https://www.cnbc.com/2025/09/20/lambda-nvidia-leaseback.html"
    assert lambda_ref.published_hint is None


@pytest.mark.parametrize(
    "name", ["feed_billion_laughs.xml", "feed_external_entity.xml", "feed_broken.xml"]
)
def test_hostile_or_broken_feeds_raise_malformed_input(name: str) -> None:
    with pytest.raises(MalformedInput) as caught:
        cnbc.parse_feed(fixture(name), TECH_FEED)
    assert caught.value.url == TECH_FEED
    assert "root:" not in str(caught.value)  # /etc/passwd was never read


def test_hostile_feed_message_names_the_reason() -> None:
    with pytest.raises(MalformedInput, match="hostile feed refused"):
        cnbc.parse_feed(fixture("feed_billion_laughs.xml"), TECH_FEED)
    with pytest.raises(MalformedInput, match="malformed feed XML"):
        cnbc.parse_feed(fixture("feed_broken.xml"), TECH_FEED)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>not a feed</body></html>",
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
        b'{"items": []}',
        b"\xff\xfe\x00<\x00r\x00",
    ],
)
def test_non_rss_bodies_raise_malformed_input(body: bytes) -> None:
    with pytest.raises(MalformedInput):
        cnbc.parse_feed(body, TECH_FEED)


# --------------------------------------------------------------------------- discovery


class FakeClient:
    """Answers each URL with a fixture response or raises the error given for it."""

    def __init__(self, answers: dict[str, bytes | SourceError | FetchedResponse]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, Collection[str]]] = []

    def get(self, url: str, *, allowed_hosts: Collection[str]) -> FetchedResponse:
        self.calls.append((url, allowed_hosts))
        answer = self.answers[url]
        if isinstance(answer, SourceError):
            raise answer
        if isinstance(answer, FetchedResponse):
            return answer
        return FetchedResponse(
            url=url,
            final_url=url,
            status=200,
            headers={"content-type": "application/rss+xml"},
            body=answer,
            fetched_at=datetime(2025, 9, 23, tzinfo=UTC),
            content_type="application/rss+xml",
        )


def test_discover_merges_feeds_and_dedupes_by_canonical_url() -> None:
    client = FakeClient({TECH_FEED: fixture("feed_technology.xml"),
                         FINANCE_FEED: fixture("feed_finance.xml")})
    result = cnbc.discover(client, [TECH_FEED, FINANCE_FEED], allowed_hosts=ALLOWED, since=None)
    assert result.failures == []
    keys = [r.canonical_url for r in result.refs]
    assert len(keys) == len(set(keys)) == 5
    assert keys[-1] == "https://www.cnbc.com/2025/09/30/meta-coreweave-14-billion-deal.html"
    nvidia = next(r for r in result.refs if r.canonical_url == NVIDIA_URL)
    assert nvidia.discovered_via == TECH_FEED  # first feed wins
    assert client.calls == [(TECH_FEED, ALLOWED), (FINANCE_FEED, ALLOWED)]


def test_discover_records_a_failing_feed_and_still_runs_the_others() -> None:
    busy = ServerBusy("503 after retries", url=TECH_FEED, status=503)
    broken = "https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id=1"
    client = FakeClient({TECH_FEED: busy, broken: fixture("feed_billion_laughs.xml"),
                         FINANCE_FEED: fixture("feed_finance.xml")})
    result = cnbc.discover(client, [TECH_FEED, broken, FINANCE_FEED],
                           allowed_hosts=ALLOWED, since=None)
    assert [url for url, _ in result.failures] == [TECH_FEED, broken]
    assert result.failures[0][1] is busy
    assert isinstance(result.failures[1][1], MalformedInput)
    assert [r.discovered_via for r in result.refs] == [FINANCE_FEED, FINANCE_FEED]


def test_discover_since_keeps_a_two_day_overlap_and_undated_refs() -> None:
    client = FakeClient({TECH_FEED: fixture("feed_technology.xml")})
    since = datetime(2025, 9, 21, tzinfo=UTC)  # cutoff is 2025-09-19 00:00 UTC
    result = cnbc.discover(client, [TECH_FEED], allowed_hosts=ALLOWED, since=since)
    assert [r.canonical_url.rsplit("/", 1)[-1] for r in result.refs] == [
        "nvidia-to-invest-up-to-100-billion-in-openai.html",  # after since
        "coreweave-nvidia-capacity-backstop.html",  # 19 Sep: inside the overlap
        "lambda-nvidia-leaseback.html",  # no date: kept
    ]  # the 10 Sep Oracle item is dropped


def test_discover_since_must_be_timezone_aware() -> None:
    client = FakeClient({TECH_FEED: fixture("feed_technology.xml")})
    with pytest.raises(ValueError):
        cnbc.discover(client, [TECH_FEED], allowed_hosts=ALLOWED, since=datetime(2025, 9, 21))


def test_discover_not_modified_feed_adds_nothing_and_is_no_failure() -> None:
    not_modified = FetchedResponse(url=TECH_FEED, final_url=TECH_FEED, status=304, headers={},
                                   body=b"", fetched_at=datetime(2025, 9, 23, tzinfo=UTC),
                                   not_modified=True)
    client = FakeClient({TECH_FEED: not_modified})
    result = cnbc.discover(client, [TECH_FEED], allowed_hosts=ALLOWED, since=None)
    assert result.refs == [] and result.failures == []


# --------------------------------------------------------------------------- articles


def test_parse_article_fields_of_a_normal_page() -> None:
    doc = cnbc.parse_article(fixture("article_nvidia_openai.html"),
                             NVIDIA_URL + "?__source=sharebar", "raw-1")
    assert doc.doc_id == stable_id("cnbc", NVIDIA_URL)
    assert doc.canonical_url == NVIDIA_URL
    assert doc.url == NVIDIA_URL + "?__source=sharebar"
    assert doc.source == "cnbc" and doc.raw_id == "raw-1" and doc.parser_version == "cnbc-2"
    assert doc.lang == "en" and doc.doc_type == "article" and doc.paywalled is False
    # JSON-LD headline wins over og:title / twitter:title
    assert doc.title == (
        "Nvidia to invest up to $100 billion in OpenAI, which will fill data centers with its chips"
    )
    assert doc.published_at == datetime(2025, 9, 22, 16, 5, 12, tzinfo=UTC)  # 12:05:12 -04:00
    assert doc.authors == ["Jordan Novak", "Priya Raman"]
    assert doc.section == "Technology"  # the page state, not meta article:section ("Tech")
    assert doc.summary == "\n".join(NVIDIA_KEY_POINTS)
    assert doc.tickers == ["NVDA", "MSFT"]
    assert doc.metadata["premium"] is False
    assert doc.metadata["description"] == (
        "Nvidia will invest up to $100 billion in OpenAI as the startup builds 10 gigawatts of "
        "Nvidia systems."
    )
    assert doc.metadata["cnbc_id"] == 108201234
    json.dumps(doc.metadata)  # must be serialisable for the documents table


def test_parse_article_body_is_the_paragraphs_in_order_without_widgets() -> None:
    doc = cnbc.parse_article(fixture("article_nvidia_openai.html"), NVIDIA_URL, "raw-1")
    assert paragraphs(doc.text) == NVIDIA_BODY
    for widget_text in ["Example Images", "More from CNBC Tech", "Related reading",
                        "Jensen Huang", "ADVERTISEMENT", "WATCHLIST", "An analyst", "SIDEBAR",
                        "Microsoft signs", "Key Points"]:
        assert widget_text not in doc.text


def test_parse_article_falls_back_to_meta_then_page_markup() -> None:
    html = fixture("article_nvidia_openai.html").decode()
    no_ld = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    doc = cnbc.parse_article(no_ld.encode(), NVIDIA_URL, "raw-2")
    # The headline readers see comes before og:title, CNBC's wording for social sharing.
    assert doc.title.startswith("Nvidia to invest up to $100 billion in OpenAI, which")
    assert doc.published_at == datetime(2025, 9, 22, 16, 5, 12, tzinfo=UTC)  # meta
    assert doc.authors == ["Jordan Novak", "Priya Raman"]  # author links in the header
    no_headline = re.sub(r"<h1\b[^>]*>.*?</h1>", "", no_ld, flags=re.S)
    doc = cnbc.parse_article(no_headline.encode(), NVIDIA_URL, "raw-2")
    assert doc.title == "Nvidia plans $100 billion OpenAI stake & chip deal"  # og:title

    bare = re.sub(r'<meta property="(og:title|article:published_time)"[^>]*>', "", no_ld)
    bare = re.sub(r'<meta name="twitter:title"[^>]*>', "", bare)
    bare = bare.replace("dateTime=\"2025-09-22T16:05:12+0000\"",
                        "dateTime=\"2025-09-22T17:00:00+0100\"")
    doc = cnbc.parse_article(bare.encode(), NVIDIA_URL, "raw-3")
    assert doc.title.startswith("Nvidia to invest up to $100 billion in OpenAI, which")  # h1
    assert doc.published_at == datetime(2025, 9, 22, 16, 0, tzinfo=UTC)  # <time datetime>


def test_pro_page_keeps_only_the_public_teaser() -> None:
    doc = cnbc.parse_article(fixture("pro_article_coreweave.html"),
                             "https://www.cnbc.com/2025/09/16/nvidia-coreweave-backstop.html", "r")
    assert doc.paywalled is True
    assert doc.metadata["premium"] is True
    assert "PAYWALLED BODY" not in doc.text
    assert "PAYWALLED BODY" not in json.dumps(doc.to_row(), default=str)
    assert paragraphs(doc.text) == [
        "Nvidia agreed to buy any unused CoreWeave capacity, a backstop worth at least $6.3 "
        "billion.",
        "Nvidia will buy CoreWeave's unsold cloud capacity through April 2032.",
        "The order is worth at least $6.3 billion.",
    ]
    assert doc.title == "How Nvidia's capacity backstop props up CoreWeave"
    assert doc.authors == ["Alex Moreno"]
    assert doc.tickers == ["CRWV", "NVDA"]


def test_premium_flag_of_another_asset_does_not_make_a_page_paywalled() -> None:
    # The fixture's page state lists a PRO story in a sidebar module ("premium": true) before
    # the article's own "premium": false.
    assert b'"premium":true' in fixture("article_nvidia_openai.html")
    doc = cnbc.parse_article(fixture("article_nvidia_openai.html"), NVIDIA_URL, "r")
    assert doc.paywalled is False


def test_pro_page_without_body_container_is_not_a_layout_change() -> None:
    html = fixture("pro_article_coreweave.html").decode()
    teaser_only = html.replace('class="ArticleBody-articleBody"', 'class="ProPaywall-wall"')
    doc = cnbc.parse_article(teaser_only.encode(), "https://www.cnbc.com/2025/09/16/x.html", "r")
    assert doc.paywalled is True and doc.text.startswith("Nvidia agreed")


def test_a_redesigned_body_is_found_through_the_article_element() -> None:
    """The body class renamed, the standard <article> still there: the page parses, and the
    document says which path it took."""
    url = "https://www.cnbc.com/2025/09/10/oracle-openai-300-billion-compute-deal.html"
    doc = cnbc.parse_article(fixture("layout_changed.html"), url, "r")
    assert doc.text == ("OpenAI agreed to buy about $300 billion of computing power from Oracle "
                        "over roughly five years.")
    assert doc.metadata["body_selector"] == "article"
    assert doc.metadata["has_json_ld"] is True


def test_layout_change_raises_with_url_and_selector() -> None:
    url = "https://www.cnbc.com/2025/09/10/oracle-openai-300-billion-compute-deal.html"
    page = fixture("layout_changed.html").replace(b"<article ", b"<section ").replace(
        b"</article>", b"</section>")
    with pytest.raises(LayoutChanged) as caught:
        cnbc.parse_article(page, url, "r")
    assert url in str(caught.value)
    assert "div.ArticleBody-articleBody" in str(caught.value)
    assert caught.value.url == url


def test_a_page_that_is_not_an_article_is_refused_with_the_reason() -> None:
    from extract.errors import NotAnArticle

    page = (b"<!DOCTYPE html><html><head><title>CNBC</title>"
            b'<meta property="og:type" content="website"/>'
            b'<meta property="og:title" content="Stock Markets, Business News"/></head>'
            b"<body><h1>Markets</h1><div class='Card'>Latest</div></body></html>")
    with pytest.raises(NotAnArticle, match="not an article page"):
        cnbc.parse_article(page, "https://www.cnbc.com/markets/", "r")


def test_page_without_any_title_raises_layout_changed() -> None:
    body = b"<!DOCTYPE html><html><head></head><body><div class='x'><p>Hi</p></div></body></html>"
    with pytest.raises(LayoutChanged, match="no title"):
        cnbc.parse_article(body, NVIDIA_URL, "r")


def test_body_container_without_paragraphs_raises_layout_changed() -> None:
    html = fixture("article_nvidia_openai.html").decode()
    emptied = re.sub(r"<(p|li|h2)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    with pytest.raises(LayoutChanged, match="no article body"):
        cnbc.parse_article(emptied.encode(), NVIDIA_URL, "r")


@pytest.mark.parametrize(
    "body", [b"", b"  \n ", b'{"headline": "Nvidia"}', b"%PDF-1.7\n\x00\x01binary"]
)
def test_non_html_bodies_raise_malformed_input(body: bytes) -> None:
    with pytest.raises(MalformedInput):
        cnbc.parse_article(body, NVIDIA_URL, "r")


# --------------------------------------------------------------------------- the real page


@pytest.fixture(scope="module")
def real_page() -> tuple[bytes, dict]:
    if not REAL_CNBC.is_dir():
        pytest.skip("shared real fixtures not available")
    body = gzip.decompress((REAL_CNBC / "cnbc_2023_04_28.html.gz").read_bytes())
    expected = json.loads((REAL_CNBC / "cnbc_2023_04_28.expected.json").read_text())["V1"]
    return body, expected


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_real_page_title_authors_and_date(real_page: tuple[bytes, dict]) -> None:
    body, expected = real_page
    url = ("https://www.cnbc.com/2023/04/28/"
           "many-new-bitcoin-crypto-buyers-influenced-by-friends-why-to-be-cautious.html")
    doc = cnbc.parse_article(body, url, "raw-real")
    assert doc.title == expected["title"]
    assert doc.authors == expected["authors"]
    assert doc.published_at == datetime.fromisoformat(expected["publishing_date"])
    assert doc.published_at.tzinfo is not None and doc.published_at.utcoffset().total_seconds() == 0
    assert doc.paywalled is False
    assert doc.tickers == ["BTC.CM="]  # page state tickerSymbols


def test_real_page_every_expected_paragraph_in_order(real_page: tuple[bytes, dict]) -> None:
    body, expected = real_page
    doc = cnbc.parse_article(body, "https://www.cnbc.com/2023/04/28/x.html", "raw-real")
    wanted = [
        _norm(text)
        for section in expected["body"]["sections"]
        for text in [*section["headline"], *section["paragraphs"]]
    ]
    got = [_norm(p) for p in paragraphs(doc.text)]
    position = 0
    for paragraph in wanted:
        assert paragraph in got[position:], f"missing or out of order: {paragraph[:60]!r}"
        position = got.index(paragraph, position) + 1
    # widgets inside the real body container stay out
    for widget_text in ["More from Ask an Advisor", "Getty Images", "watch now", "CFP and founder"]:
        assert widget_text not in doc.text


def test_json_ld_graph_single_author_and_odd_blocks_are_handled() -> None:
    html = fixture("article_nvidia_openai.html").decode()
    odd_blocks = (
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">{"@type": [{"odd": 1}], "headline": "Wrong"}</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "headline": "Not the article"},'
        '{"@type": ["NewsArticle"], "headline": "Graph headline",'
        ' "datePublished": "2025-09-22T16:05:12Z", "author": {"@type": "Person",'
        ' "name": "Solo Writer"}}]}</script>'
    )
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', odd_blocks, html,
                  flags=re.S)
    doc = cnbc.parse_article(html.encode(), NVIDIA_URL, "r")
    assert doc.title == "Graph headline"
    assert doc.authors == ["Solo Writer"]
    assert doc.published_at == datetime(2025, 9, 22, 16, 5, 12, tzinfo=UTC)


def test_page_without_key_points_or_page_state_still_parses() -> None:
    html = fixture("article_nvidia_openai.html").decode()
    html = html.replace("RenderKeyPoints-keyPoints", "SomethingElse")
    html = html.replace("window.__s_data=", "window.__other=")
    doc = cnbc.parse_article(html.encode(), NVIDIA_URL, "r")
    assert doc.summary is None and doc.tickers == []
    assert doc.section == "Tech"  # meta article:section once the page state is gone
    assert paragraphs(doc.text) == NVIDIA_BODY


def test_site_map_day_pages_and_a_changed_layout() -> None:
    from datetime import date as day_

    from extract.cnbc.sitemap import day_url, parse_day

    assert day_url("https://www.cnbc.com", day_(2025, 9, 2)) == (
        "https://www.cnbc.com/site-map/articles/2025/September/2/")
    page = (b'<html><body><ul class="SiteMapArticleList-articleList"><li>'
            b'<a class="SiteMapArticleList-link" '
            b'href="https://www.cnbc.com/2025/09/02/a.html?__source=x">A</a></li><li>'
            b'<a class="SiteMapArticleList-link" '
            b'href="https://www.cnbc.com/video/2025/09/02/v.html">'
            b"V</a></li></ul></body></html>")
    [ref] = parse_day(page, "https://www.cnbc.com/site-map/", day_(2025, 9, 2))
    assert ref.canonical_url == "https://www.cnbc.com/2025/09/02/a.html"  # videos are skipped
    assert ref.published_hint == datetime(2025, 9, 2, tzinfo=UTC) and ref.title_hint == "A"
    with pytest.raises(LayoutChanged, match="no site-map list"):
        parse_day(b"<html><body><p>Redesigned</p></body></html>", "u", day_(2025, 9, 2))
